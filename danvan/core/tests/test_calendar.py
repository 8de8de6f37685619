"""Days an administrator adds to the working-day calendar, and the cached calendar everyone uses."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from danvan.accounts.tests.factories import UserFactory
from danvan.audit.models import AuditEntry
from danvan.core import calendar
from danvan.core.calendar import calendar_day_delete, calendar_day_set, work_calendar
from danvan.core.errors import PermissionDeniedError, ValidationFailed
from danvan.core.models import CalendarDay, CalendarDayKind

D = dt.date
# Tết Bính Ngọ 2026: Monday 16/2 to Friday 20/2 are public holidays.
THU_BEFORE_TET = D(2026, 2, 12)
FRI_BEFORE_TET = D(2026, 2, 13)
MON_AFTER_TET = D(2026, 2, 23)
FRI_AFTER_TET = D(2026, 2, 27)
SAT_AFTER_TET = D(2026, 2, 28)
MON_MARCH = D(2026, 3, 2)


@pytest.fixture(autouse=True)
def _english(settings):
    """Assert on the English source strings, whatever the Vietnamese catalogue holds."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    calendar.forget_cached_days()
    yield
    calendar.forget_cached_days()


@pytest.fixture(autouse=True)
def _no_shipped_days(db):
    """These tests start from a calendar without entries; the corrections danvan ships
    (migration 0004) are tested in test_calendar_corrections.py."""
    CalendarDay.objects.all().delete()


@pytest.fixture
def root(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """``commit(service, **kwargs)``: call a service, then run its on-commit work (dropping the
    cached calendar) as a real commit would; ``commit.block()`` does the same for a block."""

    class Commit:
        def __call__(self, fn, **kwargs):
            with django_capture_on_commit_callbacks(execute=True):
                return fn(**kwargs)

        def block(self):
            return django_capture_on_commit_callbacks(execute=True)

    return Commit()


def test_an_extra_day_off_before_tet_moves_a_deadline_past_the_holiday(root, commit):
    assert work_calendar().add_working_days(THU_BEFORE_TET, 1) == FRI_BEFORE_TET

    commit(
        calendar_day_set,
        actor=root,
        date=FRI_BEFORE_TET,
        kind=CalendarDayKind.DAY_OFF,
        name="Nghỉ thêm trước Tết",
    )

    cal = work_calendar()
    assert not cal.is_working_day(FRI_BEFORE_TET)
    assert cal.add_working_days(THU_BEFORE_TET, 1) == MON_AFTER_TET
    assert cal.working_days_between(THU_BEFORE_TET, MON_AFTER_TET) == 1


def test_a_make_up_working_saturday_counts_as_a_working_day(root, commit):
    assert work_calendar().add_working_days(FRI_AFTER_TET, 1) == MON_MARCH

    commit(
        calendar_day_set,
        actor=root,
        date=SAT_AFTER_TET,
        kind=CalendarDayKind.WORKING_DAY,
        name="Làm bù cho ngày nghỉ 13/2",
    )

    cal = work_calendar()
    assert cal.is_working_day(SAT_AFTER_TET)
    assert cal.add_working_days(FRI_AFTER_TET, 1) == SAT_AFTER_TET
    assert cal.add_working_days(FRI_AFTER_TET, 2) == MON_MARCH


def test_deleting_an_entry_restores_the_normal_calendar(root, commit):
    day = commit(
        calendar_day_set, actor=root, date=SAT_AFTER_TET, kind="working_day", name="Làm bù"
    )
    assert work_calendar().is_working_day(SAT_AFTER_TET)

    commit(calendar_day_delete, actor=root, day=day)

    assert not CalendarDay.objects.exists()
    assert not work_calendar().is_working_day(SAT_AFTER_TET)
    entry = AuditEntry.objects.get(action="calendar_day.deleted")
    assert entry.actor == root and entry.before["date"] == "2026-02-28"


def test_the_calendar_is_cached_until_a_day_is_saved(root, commit, django_assert_num_queries):
    with django_assert_num_queries(1):
        first = work_calendar()
    with django_assert_num_queries(0):
        assert work_calendar() is first

    commit(calendar_day_set, actor=root, date=FRI_BEFORE_TET, kind="day_off", name="Nghỉ")

    with django_assert_num_queries(1):
        assert not work_calendar().is_working_day(FRI_BEFORE_TET)


def test_changing_an_entry_turns_it_around_and_is_audited(root, commit):
    commit(calendar_day_set, actor=root, date=FRI_BEFORE_TET, kind="day_off", name="Nghỉ bão")
    assert not work_calendar().is_working_day(FRI_BEFORE_TET)

    # The date is a Friday: a make-up working day there would change nothing; refused.
    with pytest.raises(ValidationFailed) as error:
        calendar_day_set(actor=root, date=FRI_BEFORE_TET, kind="working_day", name="Làm")
    assert "already a working day" in str(error.value)

    commit(calendar_day_set, actor=root, date=FRI_BEFORE_TET, kind="day_off", name="Nghỉ  do bão ")
    day = CalendarDay.objects.get()
    assert day.name == "Nghỉ do bão" and day.created_by == root
    created, changed = AuditEntry.objects.filter(action__startswith="calendar_day.").order_by("id")
    assert created.action == "calendar_day.created" and created.after["name"] == "Nghỉ bão"
    assert changed.action == "calendar_day.changed"
    assert (changed.before["name"], changed.after["name"]) == ("Nghỉ bão", "Nghỉ do bão")


def test_saving_the_same_entry_again_writes_nothing(root, commit):
    commit(calendar_day_set, actor=root, date=FRI_BEFORE_TET, kind="day_off", name="Nghỉ")
    commit(calendar_day_set, actor=root, date=FRI_BEFORE_TET, kind="day_off", name="Nghỉ")
    assert AuditEntry.objects.filter(action__startswith="calendar_day.").count() == 1


@pytest.mark.parametrize(
    ("date", "kind", "name", "field", "message"),
    [
        (D(2026, 2, 17), "day_off", "Tết", "kind", "already a day off (Lunar New Year)"),
        (D(2026, 3, 7), "day_off", "Thứ bảy", "kind", "already a day off (weekend)"),
        (D(2026, 3, 4), "working_day", "Làm", "kind", "already a working day"),
        (D(2026, 3, 4), "holiday", "Nghỉ", "kind", "day off or a make-up working day"),
        (D(2026, 3, 4), "day_off", "   ", "name", "Enter the reason"),
        (D(2026, 3, 4), "day_off", "x" * 201, "name", "at most 200 characters"),
        ("2026-03-04", "day_off", "Nghỉ", "date", "valid date"),
    ],
)
def test_bad_entries_are_refused_with_a_reason(root, date, kind, name, field, message):
    with pytest.raises(ValidationFailed) as error:
        calendar_day_set(actor=root, date=date, kind=kind, name=name)
    assert error.value.field == field
    assert message in str(error.value)
    assert not CalendarDay.objects.exists()
    assert not AuditEntry.objects.exists()


def test_only_superusers_change_the_calendar(cast, root, commit):
    day = commit(calendar_day_set, actor=root, date=FRI_BEFORE_TET, kind="day_off", name="Nghỉ")
    # cast.admin holds the administrator role over the whole tree, but is no superuser.
    for actor in (cast.admin, cast.province_officer, cast.official_a, None):
        with pytest.raises(PermissionDeniedError):
            calendar_day_set(actor=actor, date=SAT_AFTER_TET, kind="working_day", name="Làm")
        with pytest.raises(PermissionDeniedError):
            calendar_day_delete(actor=actor, day=day)
    assert list(CalendarDay.objects.values_list("date", flat=True)) == [FRI_BEFORE_TET]


# -- the admin -----------------------------------------------------------------------------


def test_a_superuser_enters_a_make_up_day_in_the_admin(root, client_for, commit):
    client = client_for(root)
    add = reverse("admin:core_calendarday_add")
    assert client.get(add).status_code == 200
    with commit.block():
        response = client.post(
            add, {"date": "28/02/2026", "kind": "working_day", "name": "Làm bù cho ngày 13/2"}
        )
    assert response.status_code == 302, response.content.decode()
    day = CalendarDay.objects.get()
    assert (day.date, day.kind, day.created_by) == (SAT_AFTER_TET, "working_day", root)
    assert AuditEntry.objects.filter(action="calendar_day.created", actor=root).exists()
    assert work_calendar().add_working_days(FRI_AFTER_TET, 1) == SAT_AFTER_TET

    listing = client.get(reverse("admin:core_calendarday_changelist")).content.decode()
    assert "Làm bù cho ngày 13/2" in listing


def test_the_admin_form_explains_an_entry_that_changes_nothing(root, client_for):
    response = client_for(root).post(
        reverse("admin:core_calendarday_add"),
        {"date": "04/03/2026", "kind": "working_day", "name": "Làm"},
    )
    assert response.status_code == 200
    assert "is already a working day" in response.content.decode()
    assert not CalendarDay.objects.exists()


def test_the_admin_changes_and_deletes_through_the_services(root, client_for, commit):
    with commit.block():
        day = calendar_day_set(actor=root, date=SAT_AFTER_TET, kind="working_day", name="Làm")
    client = client_for(root)
    change = reverse("admin:core_calendarday_change", args=[day.pk])
    page = client.get(change).content.decode()
    assert 'name="date"' not in page  # the date is fixed; delete the entry to move it
    with commit.block():
        response = client.post(change, {"kind": "working_day", "name": "Làm bù ngày 13/2"})
    assert response.status_code == 302, response.content.decode()
    assert CalendarDay.objects.get().name == "Làm bù ngày 13/2"
    assert AuditEntry.objects.filter(action="calendar_day.changed").exists()

    with commit.block():
        response = client.post(
            reverse("admin:core_calendarday_changelist"),
            {"action": "delete_selected", "_selected_action": [day.pk], "post": "yes"},
        )
    assert response.status_code == 302
    assert not CalendarDay.objects.exists()
    assert AuditEntry.objects.filter(action="calendar_day.deleted", actor=root).exists()
    assert not work_calendar().is_working_day(SAT_AFTER_TET)


def test_people_who_are_not_superusers_cannot_reach_the_calendar_admin(cast, client_for):
    staff = UserFactory(username="staff", is_staff=True)
    for user in (staff, cast.admin):
        client = client_for(user)
        for url in (
            reverse("admin:core_calendarday_changelist"),
            reverse("admin:core_calendarday_add"),
        ):
            assert client.get(url).status_code in (302, 403)
        response = client.post(
            reverse("admin:core_calendarday_add"),
            {"date": "28/02/2026", "kind": "working_day", "name": "Làm"},
        )
        assert response.status_code in (302, 403)
    assert not CalendarDay.objects.exists()


def test_the_calendar_admin_list_costs_the_same_queries_for_more_days(root, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(root)
    url = reverse("admin:core_calendarday_changelist")

    def queries_with(days: int) -> int:
        CalendarDay.objects.all().delete()
        saturdays = [D(2027, 1, 2) + dt.timedelta(weeks=w) for w in range(days)]
        CalendarDay.objects.bulk_create(
            CalendarDay(date=d, kind="working_day", name=f"Làm bù {d}", created_by=root)
            for d in saturdays
        )
        with CaptureQueriesContext(connection) as captured:
            page = client.get(url)
        assert (
            page.status_code == 200
            and page.content.decode().count('name="_selected_action"') == days
        )
        return len(captured)

    assert queries_with(2) == queries_with(20) <= 12
