"""The scan: notices at each stage, once; only the deadlines in the window; constant queries."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.accounts.tests.factories import UserFactory
from danvan.notifications import reminders
from danvan.notifications.models import Notification
from danvan.notifications.tests.conftest import UNIT_SOURCE, at, set_due
from danvan.units.tests.factories import OrgUnitFactory

D = dt.date


def titles(user):
    return list(
        Notification.objects.filter(recipient=user).order_by("id").values_list("title", flat=True)
    )


def test_each_stage_is_announced_once_across_a_weekend_and_a_holiday(cast, unit_source):
    unit = cast.tree.commune_a  # members: official_a and leader_a
    set_due(unit, D(2026, 4, 28))  # Tuesday after the Hùng Kings' long weekend
    created_per_day = {}
    for day in range(20, 31):
        created = 0
        for hour in (8, 14):  # the scan runs often; a stage is announced only once
            created += reminders.scan(now=at(2026, 4, day, hour), keys=[UNIT_SOURCE]).created
        created_per_day[day] = created
    assert {d: c for d, c in created_per_day.items() if c} == {23: 2, 24: 2, 28: 2, 29: 2}
    expected = [
        "Xã Trường Sơn: before2 2026-04-28",
        "Xã Trường Sơn: before1 2026-04-28",
        "Xã Trường Sơn: due 2026-04-28",
        "Xã Trường Sơn: overdue 2026-04-28",
    ]
    assert titles(cast.official_a) == expected
    assert titles(cast.leader_a) == expected
    assert titles(cast.official_b) == []
    notice = Notification.objects.filter(recipient=cast.official_a).first()
    assert notice.kind == UNIT_SOURCE
    assert notice.url == f"/don-vi/{unit.pk}/"
    assert notice.unit_path == unit.path


def test_after_a_pause_only_the_most_advanced_stage_is_sent(cast, unit_source):
    set_due(cast.tree.commune_a, D(2026, 4, 28))
    reminders.scan(now=at(2026, 4, 28, 9), keys=[UNIT_SOURCE])  # nothing ran before
    assert titles(cast.official_a) == ["Xã Trường Sơn: due 2026-04-28"]


def test_a_deadline_moved_later_is_announced_again(cast, unit_source):
    unit = cast.tree.commune_a
    set_due(unit, D(2026, 4, 28))
    reminders.scan(now=at(2026, 4, 24), keys=[UNIT_SOURCE])
    set_due(unit, D(2026, 5, 4))
    assert reminders.scan(now=at(2026, 4, 24), keys=[UNIT_SOURCE]).created == 0
    assert reminders.scan(now=at(2026, 4, 29), keys=[UNIT_SOURCE]).created == 2
    assert titles(cast.official_a)[-1] == "Xã Trường Sơn: before1 2026-05-04"


def test_inactive_people_are_not_notified(cast, unit_source):
    cast.leader_a.is_active = False
    cast.leader_a.save()
    set_due(cast.tree.commune_a, D(2026, 4, 28))
    assert reminders.scan(now=at(2026, 4, 28), keys=[UNIT_SOURCE]).created == 1
    assert titles(cast.leader_a) == []


def test_only_deadlines_in_the_window_are_examined(cast, unit_source):
    set_due(cast.tree.commune_a, D(2026, 4, 28))
    set_due(cast.tree.commune_b, D(2026, 6, 1))  # far ahead
    set_due(cast.tree.village_a, D(2026, 3, 1))  # long overdue: announced back then
    result = reminders.scan(now=at(2026, 4, 28), keys=[UNIT_SOURCE])
    assert result.examined == 1
    assert result.by_source == {UNIT_SOURCE: 2}


def test_resolving_a_deadline_marks_its_notices_read(cast, unit_source):
    set_due(cast.tree.commune_a, D(2026, 4, 28))
    set_due(cast.tree.commune_b, D(2026, 4, 28))
    reminders.scan(now=at(2026, 4, 28), keys=[UNIT_SOURCE])
    reminders.resolve(UNIT_SOURCE, cast.tree.commune_a.pk)
    assert not Notification.objects.filter(recipient=cast.official_a, read_at__isnull=True)
    assert Notification.objects.filter(recipient=cast.official_b, read_at__isnull=True).count() == 1


def test_a_second_scan_finds_everything_announced(cast, unit_source):
    set_due(cast.tree.commune_a, D(2026, 4, 28))
    assert reminders.scan(now=at(2026, 4, 28), keys=[UNIT_SOURCE]).created == 2
    second = reminders.scan(now=at(2026, 4, 28, 9), keys=[UNIT_SOURCE])
    assert (second.examined, second.created) == (1, 0)
    assert Notification.objects.count() == 2


def test_two_scans_racing_past_the_check_still_create_each_notice_once(
    cast, unit_source, monkeypatch, django_capture_on_commit_callbacks
):
    """The second scan checked for existing notices before the first one inserted them:
    the unique key stops the duplicates, and only the first scan's e-mails are queued."""
    set_due(cast.tree.commune_a, D(2026, 4, 28))
    with django_capture_on_commit_callbacks() as first:
        assert reminders.scan(now=at(2026, 4, 28), keys=[UNIT_SOURCE]).created == 2
    monkeypatch.setattr(reminders, "_announced", lambda keys: set())
    with django_capture_on_commit_callbacks() as second:
        assert reminders.scan(now=at(2026, 4, 28), keys=[UNIT_SOURCE]).created == 0
    assert Notification.objects.count() == 2
    assert len(first) == 1 and second == []


@pytest.mark.django_db(transaction=True)
def test_two_scans_at_the_same_time_on_postgresql(cast, unit_source, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need a server database")
    set_due(cast.tree.commune_a, D(2026, 4, 28))
    set_due(cast.tree.commune_b, D(2026, 4, 28))
    barrier = threading.Barrier(2, timeout=20)
    checked = reminders._announced

    def check_then_wait(keys):
        found = checked(keys)
        barrier.wait()  # both scans have checked before either inserts
        return found

    monkeypatch.setattr(reminders, "_announced", check_then_wait)
    created, errors = [], []

    def run():
        try:
            created.append(reminders.scan(now=at(2026, 4, 28), keys=[UNIT_SOURCE]).created)
        except Exception as exc:  # noqa: BLE001 — reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert sum(created) == 3  # each notice created by exactly one of the two
    assert Notification.objects.count() == 3  # official_a, leader_a, official_b


def _queries(now) -> int:
    with CaptureQueriesContext(connection) as ctx:
        reminders.scan(now=now, keys=[UNIT_SOURCE])
    return len(ctx.captured_queries)


def _units_due(parent, count, day):
    units = [OrgUnitFactory(parent=parent) for _ in range(count)]
    for unit in units:
        UserFactory(home_unit=unit)
        set_due(unit, day)


def test_the_number_of_queries_does_not_grow_with_the_deadlines(cast, unit_source):
    reminders.default_calendar()  # the calendar's days off are cached once, before both scans
    _units_due(cast.tree.commune_b, 2, D(2026, 4, 28))
    first_few = _queries(at(2026, 4, 28))
    again_few = _queries(at(2026, 4, 28, 9))
    _units_due(cast.tree.commune_b, 30, D(2026, 4, 29))
    first_many = _queries(at(2026, 4, 29))
    again_many = _queries(at(2026, 4, 29, 9))
    assert Notification.objects.count() == 2 + 32  # 2 due, then 2 overdue and 30 due
    assert first_many == first_few
    assert again_many == again_few == 2  # the window and the check: nothing else


def test_a_deadline_with_nobody_to_tell_is_looked_at_again_until_someone_is(cast, unit_source):
    unit = OrgUnitFactory(parent=cast.tree.commune_b)
    set_due(unit, D(2026, 4, 28))
    assert reminders.scan(now=at(2026, 4, 28), keys=[UNIT_SOURCE]).created == 0
    newcomer = UserFactory(home_unit=unit)
    assert reminders.scan(now=at(2026, 4, 28, 9), keys=[UNIT_SOURCE]).created == 1
    assert titles(newcomer) == [f"{unit.name}: due 2026-04-28"]


def test_a_broken_source_does_not_stop_the_others(cast, unit_source):
    def broken_title(obj, stage):
        raise RuntimeError("bug in a module's reminder title")

    reminders.register(
        reminders.DeadlineSource(
            key="tests.broken",
            label="Broken",
            queryset=cast.tree.commune_a.__class__.objects.all,
            due="valid_to",
            recipients="members",
            title=broken_title,
        )
    )
    reminders.unregister(UNIT_SOURCE)
    reminders.register(unit_source)  # now scanned after the broken one
    assert [s.key for s in reminders.sources()][-2:] == ["tests.broken", UNIT_SOURCE]
    try:
        set_due(cast.tree.commune_a, D(2026, 4, 28))
        with pytest.raises(RuntimeError):
            reminders.scan(now=at(2026, 4, 28))
        assert Notification.objects.filter(kind=UNIT_SOURCE).count() == 2
    finally:
        reminders.unregister("tests.broken")
