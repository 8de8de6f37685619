"""The official holiday schedule danvan ships where the ``holidays`` package is wrong or early.

Sources: Công văn 12729/VPCP-KGVX ngày 25/12/2025 (Tết Dương lịch 2026: 1–4/01, làm bù thứ
Bảy 10/01); Bộ luật Lao động 2019, Điều 112 (the public holidays; 24/11 is not one until it
is amended, Nghị quyết 80-NQ/TW only states the policy); Bộ luật Dân sự 2015, Điều 147–148
(counting); Luật Tố cáo 2018, Điều 24 (7 working days).
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from danvan.accounts.tests.factories import UserFactory
from danvan.audit.models import AuditEntry
from danvan.core import calendar
from danvan.core.calendar import calendar_day_set, work_calendar
from danvan.core.models import CalendarDay, CalendarYear
from danvan.lib.workdays import WorkCalendar

D = dt.date
PACKAGE_ONLY = WorkCalendar()


@pytest.fixture(autouse=True)
def _fresh(db, settings):
    settings.LANGUAGE_CODE = "en"
    calendar.forget_cached_days()
    with translation.override("en"):
        yield
    calendar.forget_cached_days()


def test_new_year_2026_was_four_days_cong_van_12729_vpcp_kgvx():
    """Công văn 12729/VPCP-KGVX: Thu 1/1 – Sun 4/1/2026 off, Fri 2/1 swapped to Sat 10/1."""
    assert PACKAGE_ONLY.is_working_day(D(2026, 1, 2))  # the package's mistake
    cal = work_calendar()
    assert not cal.is_working_day(D(2026, 1, 2))
    assert cal.is_working_day(D(2026, 1, 10))  # the make-up Saturday
    # One working day after Wed 31/12/2025 is Mon 5/1/2026, not Fri 2/1.
    assert cal.add_working_days(D(2025, 12, 31), 1) == D(2026, 1, 5)
    assert cal.working_days_between(D(2025, 12, 31), D(2026, 1, 9)) == 5
    # From Fri 9/1 the next working day is the make-up Saturday 10/1, then Mon 12/1.
    assert cal.add_working_days(D(2026, 1, 9), 1) == D(2026, 1, 10)
    assert cal.add_working_days(D(2026, 1, 9), 2) == D(2026, 1, 12)


def test_a_calendar_day_period_ending_on_2_1_2026_moves_to_5_1_blds_dieu_148():
    """Bộ luật Dân sự 2015, Điều 148.5: a period ending on a day off ends on the next working
    day. 30 days after 3/12/2025 is Fri 2/1/2026, a day off in 2026."""
    assert PACKAGE_ONLY.calendar_deadline(D(2025, 12, 3), 30) == D(2026, 1, 2)
    assert work_calendar().calendar_deadline(D(2025, 12, 3), 30) == D(2026, 1, 5)


def test_seven_working_days_across_tet_2026_luat_to_cao_dieu_24():
    """Luật Tố cáo 2018, Điều 24: 7 working days; Tết Bính Ngọ (Bộ luật Lao động Điều 112)
    16–20/02/2026 and the weekends around it (14–22/02) are not counted."""
    cal = work_calendar()
    assert cal.add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 23)
    assert cal.add_working_days(D(2026, 2, 10), 7) == D(2026, 2, 26)
    assert cal.working_days_between(D(2026, 2, 13), D(2026, 2, 23)) == 1
    assert not any(cal.is_working_day(D(2026, 2, day)) for day in range(14, 23))


def test_24_11_is_not_a_holiday_until_the_labour_code_says_so_blld_dieu_112():
    """Bộ luật Lao động 2019, Điều 112 lists the holidays; Nghị quyết 80-NQ/TW chose 24/11 as
    Ngày Văn hóa Việt Nam but the Code is not amended yet, so 24/11 stays a working day."""
    assert not PACKAGE_ONLY.is_working_day(D(2026, 11, 24))  # holidays 0.109 counts it
    cal = work_calendar()
    assert cal.is_working_day(D(2026, 11, 24))
    assert cal.is_working_day(D(2027, 11, 24))
    assert cal.add_working_days(D(2026, 11, 23), 1) == D(2026, 11, 24)
    day = CalendarDay.objects.get(date=D(2026, 11, 24))
    assert "80-NQ/TW" in day.source and "Điều 112" in day.source


def test_every_shipped_day_names_its_source():
    days = CalendarDay.objects.all()
    assert days.count() == 4
    assert all(day.source.strip() for day in days)


def test_which_years_are_confirmed_and_which_are_estimates():
    """2026's schedule was announced; Tết Đinh Mùi 2027 is still an estimate."""
    rows = {row["year"]: row for row in calendar.calendar_years([2026, 2027, 2028])}
    assert rows[2026]["confirmed"] and "12729/VPCP-KGVX" in rows[2026]["source"]
    assert not rows[2027]["confirmed"]
    assert not rows[2028]["confirmed"]  # nobody recorded it: an estimate
    # The estimate still keeps Tết 2027 (mùng 1 on Sat 6/2) off, from the package.
    assert not work_calendar().is_working_day(D(2027, 2, 8))


def test_the_admin_shows_the_years_status_and_the_sources(client_for, django_user_model):
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    page = client_for(root).get(reverse("admin:core_calendarday_changelist")).content.decode()
    assert "Công văn 12729/VPCP-KGVX" in page
    assert "Official schedule confirmed" in page
    assert "Estimate (official schedule not yet announced)" in page

    staff = UserFactory(username="staff", is_staff=True)
    response = client_for(staff).get(reverse("admin:core_calendarday_changelist"))
    assert response.status_code in (302, 403)
    assert "12729" not in response.content.decode()


def test_an_administrator_corrects_a_shipped_day_and_its_source_is_audited(django_user_model):
    root = UserFactory(username="root2", is_superuser=True, is_staff=True)
    calendar_day_set(
        actor=root,
        date=D(2026, 11, 24),
        kind="working_day",
        name="Ngày Văn hóa Việt Nam: chưa là ngày nghỉ lễ",
        source="  Nghị quyết 80-NQ/TW;   Bộ luật Lao động 2019, Điều 112 ",
    )
    day = CalendarDay.objects.get(date=D(2026, 11, 24))
    assert day.source == "Nghị quyết 80-NQ/TW; Bộ luật Lao động 2019, Điều 112"
    entry = AuditEntry.objects.get(action="calendar_day.changed")
    assert entry.after["source"] == day.source


def test_the_shipped_corrections_never_overwrite_a_date_already_entered(db):
    """The migration runs once and skips dates an administrator entered before it."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("danvan.core.migrations.0004_calendar_corrections_2026")
    CalendarDay.objects.filter(date=D(2026, 1, 2)).update(name="Ghi của quản trị")
    CalendarYear.objects.filter(year=2027).update(note="Ghi của quản trị")
    migration.seed(apps, None)
    assert CalendarDay.objects.get(date=D(2026, 1, 2)).name == "Ghi của quản trị"
    assert CalendarDay.objects.count() == 4
    assert CalendarYear.objects.get(year=2027).note == "Ghi của quản trị"
