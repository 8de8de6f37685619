"""The outbox: a broker that is down after the commit never turns a saved change into an
error, and the e-mail goes out later — once."""

import datetime as dt
import logging

import pytest
from celery.app.task import Task
from django.core import mail
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerDown

from danvan.notifications import kinds, outbox, services, tasks
from danvan.notifications.models import Notification, OutboxMessage, OutboxStatus
from danvan.reports.tests.conftest import open_round, template  # noqa: F401 — fixtures

KIND = "tests.outbox"


@pytest.fixture(autouse=True)
def _kind():
    kinds.register(KIND, "Outbox tests")
    yield
    kinds.unregister(KIND)


@pytest.fixture
def broker_down(monkeypatch):
    """Every job sent fails as Redis does when it is stopped."""

    def refuse(self, *args, **kwargs):
        raise BrokerDown("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(Task, "apply_async", refuse)


def notify(user):
    return services.notify(recipients=[user], kind=KIND, title="Kế hoạch đã được ban hành")


def test_broker_down_after_commit_the_change_stands_and_the_sweep_sends_the_mail(
    cast, broker_down, django_capture_on_commit_callbacks, caplog
):
    caplog.set_level(logging.WARNING, logger="danvan.notifications.outbox")
    with django_capture_on_commit_callbacks(execute=True):
        [notice_id] = notify(cast.official_a)  # no exception reaches the caller
    assert "the periodic sweep will send them" in caplog.text
    assert mail.outbox == []
    row = OutboxMessage.objects.get(notification_id=notice_id)
    assert row.status == OutboxStatus.PENDING

    assert outbox.sweep() == 1  # the broker is back: the periodic sweep runs
    assert [m.to for m in mail.outbox] == [[cast.official_a.email]]
    assert outbox.sweep() == 0 and tasks.send_outbox.run([row.pk]) == 0  # never twice
    assert len(mail.outbox) == 1
    assert Notification.objects.get(pk=notice_id).emailed_at is not None


@pytest.mark.django_db(transaction=True)
def test_with_the_broker_down_the_user_sees_success(
    open_round,  # noqa: F811 — the reports fixture imported above
    client_for,
    cast,
    monkeypatch,
):
    """A real request that notifies, committed for real: before the outbox the after-commit
    job raised and the user got a 500 "not saved" for a reminder that was saved."""
    report_round = open_round()
    Notification.objects.all().delete()
    submission = report_round.submissions.get(unit=cast.tree.commune_a)

    def refuse(self, *args, **kwargs):
        raise BrokerDown("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(Task, "apply_async", refuse)
    url = reverse("reports:round-remind", args=[report_round.pk])
    response = client_for(cast.province_officer).post(url, {"submission": submission.pk})
    assert response.status_code == 302
    assert Notification.objects.filter(recipient=cast.official_a).exists()
    mail.outbox.clear()
    monkeypatch.undo()  # the broker is back
    assert outbox.sweep() >= 1
    assert [cast.official_a.email] in [m.to for m in mail.outbox]


def test_a_failed_send_waits_longer_each_time_then_is_sent(cast, monkeypatch):
    [notice_id] = notify(cast.official_a)
    row = OutboxMessage.objects.get(notification_id=notice_id)
    start = timezone.now()

    def broken(self, fail_silently=False):
        raise OSError("mail server unreachable")

    monkeypatch.setattr(EmailMessage, "send", broken)
    assert outbox.sweep(now=start) == 0
    row.refresh_from_db()
    assert (row.attempts, row.status) == (1, OutboxStatus.PENDING)
    assert row.next_attempt_at == start + dt.timedelta(seconds=30)
    assert "mail server unreachable" in row.last_error
    assert outbox.sweep(now=start + dt.timedelta(seconds=10)) == 0  # not yet due
    row.refresh_from_db()
    assert row.attempts == 1
    outbox.sweep(now=start + dt.timedelta(seconds=31))
    row.refresh_from_db()
    assert row.attempts == 2
    assert row.next_attempt_at == start + dt.timedelta(seconds=31 + 60)

    monkeypatch.undo()
    assert outbox.sweep(now=start + dt.timedelta(minutes=5)) == 1
    row.refresh_from_db()
    assert row.status == OutboxStatus.SENT and len(mail.outbox) == 1


def test_the_pause_doubles_up_to_an_hour():
    assert [outbox.retry_delay(n).total_seconds() for n in (1, 2, 3, 8, 20)] == [
        30,
        60,
        120,
        3600,
        3600,
    ]


def test_a_plain_email_goes_through_the_outbox_after_commit(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        outbox.enqueue_email(to="can.bo@example.vn", subject="Thử  nghiệm", body="Nội dung")
    assert len(callbacks) == 1
    assert [(m.to, m.subject) for m in mail.outbox] == [(["can.bo@example.vn"], "Thử nghiệm")]


def test_the_sweep_is_scheduled_every_minute():
    from danvan.celery import app
    from danvan.notifications.hooks import SWEEP_SCHEDULE_NAME

    entry = app.conf.beat_schedule[SWEEP_SCHEDULE_NAME]
    assert entry["task"] == tasks.sweep_outbox.name
    assert entry["schedule"].minute == set(range(60))
