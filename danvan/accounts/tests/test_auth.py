"""Logging in: lockout after repeated failures, password reset by e-mail, password change."""

from django.core import mail
from django.test import Client

from danvan.accounts.tests.factories import PASSWORD
from danvan.accounts.tests.helpers import link_in_last_mail

LOGIN = "/tai-khoan/dang-nhap/"
NEW_PASSWORD = "mot-mat-khau-moi-rat-dai"


def log_in(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def test_five_failures_lock_the_account_even_for_the_right_password(cast, settings):
    client = Client()
    for _ in range(5):
        response = log_in(client, "official_a", "sai-mat-khau")
        assert response.status_code in (200, 429)
    response = log_in(client, "official_a", PASSWORD)
    assert response.status_code == 429
    body = response.content.decode()
    assert "Account locked" in body
    assert "Try again in 15 minutes" in body
    assert "contact your unit's administrator" in body
    assert "_auth_user_id" not in client.session

    # Another username from the same computer is not affected.
    assert log_in(Client(), "leader_a", PASSWORD).status_code == 302


def test_a_wrong_password_says_how_many_attempts_are_allowed(cast):
    response = log_in(Client(), "official_a", "sai-mat-khau")
    assert "After 5 failed attempts" in response.content.decode()


def test_password_reset_by_email(cast):
    client = Client()
    assert client.get("/tai-khoan/quen-mat-khau/").status_code == 200
    response = client.post("/tai-khoan/quen-mat-khau/", {"email": cast.official_a.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [cast.official_a.email]
    assert "official_a" in message.body

    page = client.get(link_in_last_mail(), follow=True)
    assert page.context["validlink"]
    set_url = page.redirect_chain[-1][0]

    short = client.post(set_url, {"new_password1": "ngan-qua", "new_password2": "ngan-qua"})
    assert short.status_code == 200
    assert "at least 12 characters" in short.content.decode()
    assert "new_password2" in short.context["form"].errors
    cast.official_a.refresh_from_db()
    assert cast.official_a.check_password(PASSWORD)  # unchanged so far

    done = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert log_in(Client(), "official_a", NEW_PASSWORD).status_code == 302
    assert log_in(Client(), "official_a", PASSWORD).status_code == 200  # old one refused

    # The link works once.
    assert client.get(link_in_last_mail(), follow=True).context["validlink"] is False


def test_reset_for_an_unknown_address_sends_nothing_and_reveals_nothing(cast):
    response = Client().post(
        "/tai-khoan/quen-mat-khau/", {"email": "nobody@example.vn"}, follow=True
    )
    assert response.status_code == 200
    assert "Check your e-mail" in response.content.decode()
    assert mail.outbox == []


def test_password_change(cast, client_for):
    client = client_for(cast.official_a)
    url = "/tai-khoan/doi-mat-khau/"
    page = client.get(url).content.decode()
    assert 'for="id_old_password"' in page and 'for="id_new_password1"' in page
    short = client.post(
        url, {"old_password": PASSWORD, "new_password1": "ngan", "new_password2": "ngan"}
    )
    assert "at least 12 characters" in short.content.decode()
    response = client.post(
        url,
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert "Your password was changed" in response.content.decode()
    assert log_in(Client(), "official_a", NEW_PASSWORD).status_code == 302


def test_someone_whose_first_link_expired_can_ask_for_a_new_one(cast):
    invited = cast.official_a
    invited.set_unusable_password()
    invited.save()
    Client().post("/tai-khoan/quen-mat-khau/", {"email": invited.email.upper()})
    assert [m.to for m in mail.outbox] == [[invited.email]]


def test_a_deactivated_account_gets_no_reset_link(cast):
    cast.official_a.is_active = False
    cast.official_a.save()
    Client().post("/tai-khoan/quen-mat-khau/", {"email": cast.official_a.email})
    assert mail.outbox == []
