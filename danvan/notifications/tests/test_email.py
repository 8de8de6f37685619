"""E-mail: sent once whatever happens to the job, only to those who want it."""

import pytest
from django.core import mail
from django.core.mail import EmailMessage

from danvan.notifications import kinds, services, tasks
from danvan.notifications.models import Notification, NotificationPreference

KIND = "tests.news"


@pytest.fixture(autouse=True)
def _kind():
    kinds.register(KIND, "News for tests")
    yield
    kinds.unregister(KIND)


def send(user, **extra):
    data = {"recipients": [user], "kind": KIND, "title": "Báo cáo quý III đã được duyệt"}
    data.update(extra)
    return services.notify(**data)


def test_a_notice_is_emailed_once_even_if_the_job_runs_twice(
    cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        [notice_id] = send(cast.official_a, body="Xem chi tiết.", url="/bao-cao/7/")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [cast.official_a.email]
    assert "Báo cáo quý III đã được duyệt" in message.subject
    assert "Xem chi tiết." in message.body
    assert "/bao-cao/7/" in message.body
    assert Notification.objects.get(pk=notice_id).emailed_at is not None

    tasks.send_notification_email.delay(notice_id)  # delivered again by the broker
    tasks.send_notification_emails.delay([notice_id])
    assert len(mail.outbox) == 1


def test_nothing_is_emailed_before_the_transaction_commits(
    cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        send(cast.official_a)
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_a_person_who_chose_no_email_gets_the_notice_in_the_inbox_only(
    cast, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(user=cast.official_a, kind=KIND, email=False)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        [notice_id] = send(cast.official_a)
    assert callbacks == []
    assert services.notification_email_send(notification_id=notice_id) is False
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=cast.official_a).count() == 1


def test_a_kind_can_be_off_by_default(cast, django_capture_on_commit_callbacks):
    kinds.register(KIND, "News for tests", email_default=False)
    with django_capture_on_commit_callbacks(execute=True):
        send(cast.official_a)
        NotificationPreference.objects.create(user=cast.leader_a, kind=KIND, email=True)
        send(cast.leader_a)
    assert [m.to for m in mail.outbox] == [[cast.leader_a.email]]


def test_no_email_address_no_email(cast, django_capture_on_commit_callbacks):
    cast.official_a.email = ""
    cast.official_a.save()
    with django_capture_on_commit_callbacks(execute=True):
        [notice_id] = send(cast.official_a)
    assert mail.outbox == []
    assert services.notification_email_send(notification_id=notice_id) is False


def test_a_failed_send_is_not_recorded_and_the_retry_sends_it(cast, monkeypatch):
    [notice_id] = send(cast.official_a)

    def broken(self, fail_silently=False):
        raise OSError("mail server unreachable")

    monkeypatch.setattr(EmailMessage, "send", broken)
    with pytest.raises(OSError):
        services.notification_email_send(notification_id=notice_id)
    assert Notification.objects.get(pk=notice_id).emailed_at is None
    monkeypatch.undo()
    assert services.notification_email_send(notification_id=notice_id) is True
    assert len(mail.outbox) == 1


def test_the_same_key_reaches_a_person_once(cast):
    assert len(send(cast.official_a, dedup_key="tests.news:1")) == 1
    assert send(cast.official_a, dedup_key="tests.news:1") == []
    assert len(send(cast.leader_a, dedup_key="tests.news:1")) == 1
    assert len(send(cast.official_a)) == 1  # no key: no guard
    assert Notification.objects.filter(recipient=cast.official_a).count() == 2


def test_an_unknown_kind_is_a_programming_error(cast):
    with pytest.raises(ValueError):
        services.notify(recipients=[cast.official_a], kind="tests.unknown", title="x")
