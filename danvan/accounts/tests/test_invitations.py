"""Invitation links that expire: the reminder to the invited person, the notice to the inviter."""

import pytest
from django.core import mail
from django.urls import reverse

from danvan.accounts import services as accounts
from danvan.accounts.models import User
from danvan.accounts.reminders import INVITATION
from danvan.notifications import reminders
from danvan.notifications.models import Notification
from danvan.notifications.tests.conftest import at

SITE = "http://testserver/"


@pytest.fixture(autouse=True)
def _three_days(settings):
    settings.PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600


def invite(cast, when):
    user = accounts.user_create(
        actor=cast.province_officer,
        username="nguyen.hoa",
        full_name="Nguyễn Thị Hoa",
        email="hoa@example.vn",
        home_unit=cast.tree.commune_a,
        site_url=SITE,
    )
    User.objects.filter(pk=user.pk).update(invited_at=when)
    user.refresh_from_db()
    return user


def scan(now):
    return reminders.scan(now=now, keys=[INVITATION]).created


def notices(user):
    return list(Notification.objects.filter(recipient=user).order_by("id"))


def test_creating_an_account_records_who_invited_and_when(cast):
    user = accounts.user_create(
        actor=cast.province_officer,
        username="le.binh",
        full_name="Lê Bình",
        email="binh@example.vn",
        home_unit=cast.tree.commune_a,
        site_url=SITE,
    )
    user.refresh_from_db()
    assert user.invited_by == cast.province_officer
    assert user.invited_at is not None


def test_the_invited_person_is_reminded_one_working_day_before_the_link_expires(
    cast, settings, django_capture_on_commit_callbacks
):
    settings.DANVAN_SITE_URL = "https://danvan.example.vn"
    # Sent Wednesday 22/4/2026 10:00; expires Saturday 25/4 10:00. The last working day before
    # is Friday 24/4.
    user = invite(cast, at(2026, 4, 22, 10))
    assert scan(at(2026, 4, 23, 18)) == 0
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert scan(at(2026, 4, 24, 7)) == 1
    [notice] = notices(user)
    assert notice.title == "Your link to choose a password expires on 25/04/2026 10:00"
    assert notice.url == reverse("accounts:password-reset")
    assert notice.unit_path == cast.tree.commune_a.path
    # They cannot sign in yet, so the reminder reaches them by e-mail.
    [message] = mail.outbox
    assert message.to == ["hoa@example.vn"]
    assert "expires on 25/04/2026 10:00" in message.body
    assert "https://danvan.example.vn" + reverse("accounts:password-reset") in message.body
    assert scan(at(2026, 4, 25, 9)) == 0  # Saturday morning: nothing new
    assert notices(cast.province_officer) == []


def test_the_inviter_is_told_when_the_link_expired_unused_with_a_way_to_resend_it(cast):
    user = invite(cast, at(2026, 4, 22, 10))
    scan(at(2026, 4, 24, 7))
    assert scan(at(2026, 4, 25, 9, 59)) == 0
    assert scan(at(2026, 4, 25, 10, 30)) == 1
    [notice] = notices(cast.province_officer)
    assert notice.title == "The invitation of Nguyễn Thị Hoa expired without being used"
    assert "nguyen.hoa" in notice.body
    assert notice.url == reverse("accounts:user-detail", kwargs={"user_id": user.pk})
    assert scan(at(2026, 4, 26, 10)) == 0  # said once
    # The inviter opens the account page from the notice and can send a new link from there.
    from danvan.conftest import login

    page = login(cast.province_officer).get(notice.url)
    assert page.status_code == 200
    assert reverse("accounts:user-send-password-link", args=[user.pk]).encode() in page.content


def test_across_a_holiday_the_reminder_comes_on_the_last_working_day_before(cast):
    # Sent Monday 27/4/2026 (observed holiday) 15:00: expires Thursday 30/4, Liberation Day.
    user = invite(cast, at(2026, 4, 27, 15))
    assert scan(at(2026, 4, 28, 17)) == 0
    assert scan(at(2026, 4, 29, 8)) == 1
    assert len(notices(user)) == 1


def test_an_accepted_invitation_brings_no_notice(cast):
    user = invite(cast, at(2026, 4, 22, 10))
    user.set_password("mat-khau-that-dai-2026")
    user.save()
    assert scan(at(2026, 4, 24, 8)) == 0
    assert scan(at(2026, 4, 25, 11)) == 0
    assert Notification.objects.count() == 0


def test_a_deactivated_account_brings_no_notice(cast):
    user = invite(cast, at(2026, 4, 22, 10))
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert scan(at(2026, 4, 25, 11)) == 0


def test_sending_a_new_link_settles_the_old_notices_and_starts_again(cast):
    user = invite(cast, at(2026, 4, 22, 10))
    scan(at(2026, 4, 25, 11))
    [expired] = notices(cast.province_officer)
    assert expired.read_at is None

    accounts.user_send_password_link(actor=cast.admin, user=user, site_url=SITE)
    user.refresh_from_db()
    expired.refresh_from_db()
    assert expired.read_at is not None
    assert user.invited_by == cast.admin
    # The new link, sent Monday 4/5/2026 9:00, expires Thursday 7/5: reminded on Wednesday.
    User.objects.filter(pk=user.pk).update(invited_at=at(2026, 5, 4, 9))
    assert scan(at(2026, 5, 6, 8)) == 1
    assert scan(at(2026, 5, 7, 9, 30)) == 1
    assert [n.title for n in notices(cast.admin)] == [
        "The invitation of Nguyễn Thị Hoa expired without being used"
    ]


def test_sending_a_link_to_someone_who_has_a_password_is_not_an_invitation(cast):
    before = cast.official_a.invited_at
    accounts.user_send_password_link(actor=cast.admin, user=cast.official_a, site_url=SITE)
    cast.official_a.refresh_from_db()
    assert cast.official_a.invited_at == before is None
