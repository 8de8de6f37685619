"""Two-factor authentication with real TOTP codes computed from the device's key."""

import pytest
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan.accounts.models import Role
from danvan.accounts.tests.factories import PASSWORD, UserFactory, grant
from danvan.accounts.tests.helpers import totp_token
from danvan.audit.models import AuditEntry

SETUP = "/tai-khoan/xac-thuc/thiet-lap/"
VERIFY = "/tai-khoan/xac-thuc/"
CODES = "/tai-khoan/xac-thuc/ma-du-phong/"
LOGIN = "/tai-khoan/dang-nhap/"


def password_login(user) -> Client:
    client = Client()
    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def confirmed_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def test_user_sets_up_two_factor_from_profile(cast):
    user = cast.official_a
    client = password_login(user)
    profile = client.get("/tai-khoan/ho-so/").content.decode()
    assert "Set up two-factor authentication" in profile

    page = client.get(SETUP)
    body = page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert "<svg" in body  # QR code inline, no external service
    assert page.context["secret"].replace(" ", "") in body.replace(" ", "")
    assert client.get(SETUP).context["secret"] == page.context["secret"]  # reload: same key

    response = client.post(SETUP, {"token": totp_token(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed

    codes_page = client.get(response["Location"])
    codes = codes_page.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert all(code in codes_page.content.decode() for code in codes)
    assert StaticToken.objects.filter(device__user=user).count() == 10
    # Shown once only.
    assert client.get(CODES, follow=True).context.get("codes") is None
    assert AuditEntry.objects.filter(action="account.otp_enabled", actor=user).count() == 1
    # This session is verified: pages open without asking for a code.
    assert client.get("/tai-khoan/ho-so/").status_code == 200


def test_wrong_setup_code_is_refused_with_a_clear_message(cast, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    client = password_login(cast.official_a)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=cast.official_a)
    wrong = f"{(int(totp_token(device)) + 1) % 1000000:06d}"
    response = client.post(SETUP, {"token": wrong})
    assert response.status_code == 200
    assert "This code is not right" in response.content.decode()
    assert "token" in response.context["form"].errors
    device.refresh_from_db()
    assert not device.confirmed
    assert not StaticDevice.objects.filter(user=cast.official_a).exists()


def test_repeated_wrong_codes_are_slowed_down(cast):
    client = password_login(cast.official_a)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=cast.official_a)
    client.post(SETUP, {"token": "000000" if totp_token(device) != "000000" else "111111"})
    response = client.post(SETUP, {"token": totp_token(device)})
    assert "Too many wrong codes" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed


def test_next_login_asks_for_a_code_and_honours_next(cast):
    user = cast.official_a
    device = confirmed_device(user)
    client = password_login(user)
    response = client.get("/tai-khoan/ho-so/")
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)

    page = client.get(VERIFY, {"next": "/don-vi/"})
    assert "authenticator app" in page.content.decode()
    response = client.post(VERIFY, {"token": totp_token(device), "next": "/don-vi/"})
    assert response.status_code == 302
    assert response["Location"] == "/don-vi/"
    assert client.get("/tai-khoan/ho-so/").status_code == 200


def test_wrong_code_then_right_code(cast, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    device = confirmed_device(cast.official_a)
    client = password_login(cast.official_a)
    response = client.post(VERIFY, {"token": "12345"})
    assert "This code is not right" in response.content.decode()
    assert client.get("/tai-khoan/ho-so/").status_code == 302  # still not let in
    response = client.post(VERIFY, {"token": totp_token(device)})
    assert response.status_code == 302


def test_a_used_code_cannot_be_replayed(cast):
    device = confirmed_device(cast.official_a)
    token = totp_token(device)
    first = password_login(cast.official_a)
    assert first.post(VERIFY, {"token": token}).status_code == 302
    second = password_login(cast.official_a)
    assert "This code is not right" in second.post(VERIFY, {"token": token}).content.decode()


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"]
)
def test_next_to_another_site_is_ignored(cast, target):
    device = confirmed_device(cast.official_a)
    client = password_login(cast.official_a)
    response = client.post(VERIFY, {"token": totp_token(device), "next": target})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_backup_code_works_once(cast, settings):
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
    user = cast.official_a
    client = password_login(user)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=user)
    client.post(SETUP, {"token": totp_token(device)})
    codes = client.get(CODES).context["codes"]

    other = password_login(user)
    response = other.post(VERIFY, {"token": codes[0].upper()})
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="account.otp_backup_code_used").count() == 1
    # Making new codes in a session verified by a backup code keeps that session verified.
    other.post("/tai-khoan/xac-thuc/ma-du-phong/tao-moi/")
    assert other.get("/tai-khoan/ho-so/").status_code == 200
    again = password_login(user)
    assert "This code is not right" in again.post(VERIFY, {"token": codes[1]}).content.decode()
    # The next login uses the app's code of the next time step (this one was used for setup).
    response = again.post(VERIFY, {"token": totp_token(device, steps_ahead=1)})
    assert response.status_code == 302


def test_administrator_must_set_up_and_cannot_turn_off(cast):
    admin = UserFactory(home_unit=cast.tree.commune_a)
    grant(admin, Role.ADMIN, cast.tree.commune_a)
    client = password_login(admin)
    response = client.get("/tai-khoan/nguoi-dung/")
    assert response.status_code == 302 and response["Location"].startswith(SETUP)
    page = client.get(response["Location"])
    assert "must use two-factor authentication" in page.content.decode()
    device = TOTPDevice.objects.get(user=admin)
    response = client.post(SETUP, {"token": totp_token(device), "next": "/tai-khoan/nguoi-dung/"})
    codes = client.get(response["Location"])
    assert codes.context["next"] == "/tai-khoan/nguoi-dung/"
    assert client.get("/tai-khoan/nguoi-dung/").status_code == 200

    profile = client.get("/tai-khoan/ho-so/").content.decode()
    assert "/tai-khoan/xac-thuc/tat/" not in profile
    response = client.post("/tai-khoan/xac-thuc/tat/", {"password": PASSWORD})
    assert "cannot be turned off" in response.content.decode()
    assert TOTPDevice.objects.filter(user=admin, confirmed=True).exists()


def test_ordinary_user_can_turn_two_factor_off_with_password(cast):
    user = cast.official_a
    client = password_login(user)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=user)
    client.post(SETUP, {"token": totp_token(device)})

    response = client.post("/tai-khoan/xac-thuc/tat/", {"password": "wrong-password-here"})
    assert "This is not your password" in response.content.decode()
    assert TOTPDevice.objects.filter(user=user).exists()
    client.post("/tai-khoan/xac-thuc/tat/", {"password": PASSWORD})
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    assert AuditEntry.objects.filter(action="account.otp_disabled").count() == 1
    # Next login needs no code.
    assert password_login(user).get("/tai-khoan/ho-so/").status_code == 200


def test_new_backup_codes_replace_the_old_ones(cast):
    user = cast.official_a
    client = password_login(user)
    client.get(SETUP)
    client.post(SETUP, {"token": totp_token(TOTPDevice.objects.get(user=user))})
    old = client.get(CODES).context["codes"]
    response = client.post("/tai-khoan/xac-thuc/ma-du-phong/tao-moi/")
    new = client.get(response["Location"]).context["codes"]
    assert len(new) == 10 and not set(old) & set(new)
    assert set(
        StaticToken.objects.filter(device__user=user).values_list("token", flat=True)
    ) == set(new)
