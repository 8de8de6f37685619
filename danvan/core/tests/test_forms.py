"""The one form→service bridge: what a user sees when a service refuses, when the same form is
sent twice, and when someone else saved first."""

import datetime as dt
import threading
from types import SimpleNamespace

import pytest
from django import forms
from django.db import connection, connections

from danvan.core.concurrency import EditConflict, bump, check_version
from danvan.core.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ValidationFailed,
)
from danvan.core.forms import DateField, DecimalField, IntegerField, ServiceForm
from danvan.core.models import CalendarDay, FormSubmission
from danvan.core.once import AlreadyDone

TOKEN = "3f2c9a58-7d0e-4b1a-9c55-0e8b6a1d2f44"


class DayForm(ServiceForm):
    name = forms.CharField(max_length=200)
    field_aliases = {"reason": "name"}

    def __init__(self, *args, raise_error=None, **kwargs):
        self.raise_error = raise_error
        super().__init__(*args, **kwargs)

    def call_service(self):
        if self.raise_error is not None:
            raise self.raise_error
        return CalendarDay.objects.create(
            date=dt.date(2026, 1, 2), kind="day_off", name=self.cleaned_data["name"]
        )


def test_a_service_error_lands_beside_the_field_it_names(db):
    form = DayForm({"name": "x"}, raise_error=ValidationFailed("Lý do quá dài.", field="reason"))
    assert form.save() is False
    assert form.errors["name"] == ["Lý do quá dài."]  # "reason" is this form's "name"
    assert not CalendarDay.objects.exists()


def test_a_conflict_without_a_field_goes_to_the_top_of_the_form(db):
    form = DayForm({"name": "x"}, raise_error=ConflictError("Đã có ngày này."))
    assert form.save() is False
    assert form.non_field_errors() == ["Đã có ngày này."]


@pytest.mark.parametrize("error", [PermissionDeniedError(), NotFoundError()])
def test_forbidden_and_missing_are_answered_403_and_404_not_as_form_errors(db, error):
    form = DayForm({"name": "x"}, raise_error=error)
    with pytest.raises(type(error)):
        form.save()


def test_the_same_form_sent_twice_does_its_work_once(db, cast):
    first = DayForm({"name": "Nghỉ Tết", "_once": TOKEN}, actor=cast.official_a)
    assert first.save() is True
    again = DayForm({"name": "Nghỉ Tết", "_once": TOKEN}, actor=cast.official_a)
    assert again.save() is True
    assert again.replayed and again.result == first.result
    assert CalendarDay.objects.count() == 1


def test_a_refused_form_can_be_corrected_and_sent_with_the_same_token(db, cast):
    refused = DayForm(
        {"name": "x", "_once": TOKEN},
        actor=cast.official_a,
        raise_error=ValidationFailed("Sai.", field="name"),
    )
    assert refused.save() is False
    assert not FormSubmission.objects.exists()  # rolled back with the failed work
    assert DayForm({"name": "Đúng", "_once": TOKEN}, actor=cast.official_a).save() is True
    assert CalendarDay.objects.get().name == "Đúng"


def test_another_persons_token_does_nothing_for_them(db, cast):
    assert DayForm({"name": "a", "_once": TOKEN}, actor=cast.official_a).save()
    stranger = DayForm({"name": "b", "_once": TOKEN}, actor=cast.official_b)
    assert stranger.save() is False
    assert "hết hạn" in stranger.non_field_errors()[0]
    assert CalendarDay.objects.count() == 1


def test_a_replayed_action_without_a_result_sends_the_user_back_with_a_message(
    db, cast, client_for
):
    class Nothing(DayForm):
        def call_service(self):
            super().call_service()
            return None

    assert Nothing({"name": "a", "_once": TOKEN}, actor=cast.official_a).save()
    with pytest.raises(AlreadyDone):
        Nothing({"name": "a", "_once": TOKEN}, actor=cast.official_a).save()


@pytest.mark.race
@pytest.mark.django_db(transaction=True)
def test_a_double_click_racing_on_two_connections_creates_one_row(cast):
    """Two requests with one token at the same moment: one does the work, the other waits for
    it and shows its result (PostgreSQL: the unique index; SQLite: the write lock)."""
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith(
        "file:memorydb"
    ):
        pytest.skip("an in-memory SQLite test database is not shared between threads")
    barrier = threading.Barrier(2)
    outcomes = []

    def click():
        try:
            form = DayForm({"name": "Nghỉ", "_once": TOKEN}, actor=cast.official_a)
            barrier.wait()
            outcomes.append((form.save(), form.replayed))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert CalendarDay.objects.count() == 1
    assert sorted(outcomes) == [(True, False), (True, True)]


# --- Someone else saved first -------------------------------------------------------------------


class EditForm(ServiceForm):
    title = forms.CharField()

    def __init__(self, *args, obj, **kwargs):
        self.obj = obj
        super().__init__(*args, **kwargs)
        self.guard_edit(obj, {"title": "Tiêu đề", "due": "Hạn"})

    def call_service(self):
        check_version(self.obj, self.version)
        self.obj.title = self.cleaned_data["title"]
        bump(self.obj)
        return self.obj


def test_the_second_save_is_refused_and_says_what_the_other_person_changed():
    row = SimpleNamespace(version=3, title="Kế hoạch cũ", due=dt.date(2026, 6, 10))
    loaded = EditForm(obj=row)
    data = {
        "title": "Bản của tôi",
        "version": loaded.fields["version"].initial,
        "seen": loaded.fields["seen"].initial,
    }
    # meanwhile someone else saves a new title and deadline
    row.title, row.due, row.version = "Bản của người khác", dt.date(2026, 6, 30), 4

    form = EditForm(data, obj=row)
    assert form.save() is False
    message = form.non_field_errors()[0]
    assert "Tiêu đề: “Kế hoạch cũ” → “Bản của người khác”" in message
    assert "Hạn: “10/06/2026” → “30/06/2026”" in message
    assert form["title"].value() == "Bản của tôi"  # the user's input stays on the page
    assert row.title == "Bản của người khác"  # nothing overwritten

    # Saving again from that page is a knowing choice: it now carries version 4.
    again = EditForm(form.data, obj=row)
    assert again.save() is True and row.title == "Bản của tôi" and row.version == 5


def test_a_page_without_a_version_is_stale():
    row = SimpleNamespace(version=2, title="A", due=None)
    form = EditForm({"title": "B"}, obj=row)
    with pytest.raises(EditConflict):
        check_version(row, form.version if form.is_valid() else None)


# --- Vietnamese dates and numbers, whatever the browser -----------------------------------------


class Amounts(forms.Form):
    day = DateField()
    budget = IntegerField(min_value=0)
    rate = DecimalField(max_digits=5, decimal_places=1, required=False)


@pytest.mark.parametrize("typed", ["02/11/2026", "2/11/2026", "02-11-2026", "2026-11-02"])
def test_dates_are_read_day_first(typed):
    form = Amounts({"day": typed, "budget": "1"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == dt.date(2026, 11, 2)


def test_a_date_shows_day_first_and_an_impossible_one_is_explained():
    assert 'value="02/11/2026"' in str(Amounts(initial={"day": dt.date(2026, 11, 2)})["day"])
    form = Amounts({"day": "31/02/2026", "budget": "1"})
    assert not form.is_valid()
    assert form.errors["day"] == ["Nhập ngày theo dạng ngày/tháng/năm, ví dụ 02/11/2026."]


def test_fifty_million_typed_with_dots_is_fifty_million_not_fifty():
    form = Amounts({"day": "01/01/2026", "budget": "50.000.000", "rate": "93,5"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["budget"] == 50_000_000
    assert str(form.cleaned_data["rate"]) == "93.5"
    shown = str(Amounts(initial={"budget": 50_000_000})["budget"])
    assert 'value="50.000.000"' in shown and 'inputmode="numeric"' in shown


@pytest.mark.parametrize("typed", ["50,000,000", "1.5", "năm mươi"])
def test_numbers_that_could_be_misread_are_refused_with_the_right_way_shown(typed):
    form = Amounts({"day": "01/01/2026", "budget": typed})
    assert not form.is_valid()
    assert "50.000.000" in form.errors["budget"][0]


def test_templates_write_numbers_and_dates_the_vietnamese_way():
    from django.template import Context, Template
    from django.utils import translation

    with translation.override("en"):
        out = Template("{% load vn %}{{ a|vn_number }} {{ b|vn_number:1 }} {{ d|vn_date }}").render(
            Context({"a": 50_000_000, "b": 93.46, "d": dt.date(2026, 11, 2)})
        )
    assert out == "50.000.000 93,5 02/11/2026"


def test_a_chart_carries_its_data_and_a_table_written_the_vietnamese_way():
    from django.template.loader import render_to_string

    from danvan.core.charts import Chart, Series

    chart = Chart(
        id="rate",
        title="Tỉ lệ báo cáo",
        kind="hbar",
        labels=["Xã Trường Sơn", "Xã Kim Phú"],
        series=[Series("Đã báo cáo", [93.46, None])],
        percent=True,
    )
    html = render_to_string("core/_chart.html", {"chart": chart})
    assert 'id="rate-data"' in html and '"kind": "hbar"' in html
    assert '<td class="text-end">93,5 %</td>' in html and '<td class="text-end">—</td>' in html
    assert 'role="img" aria-label="Tỉ lệ báo cáo"' in html
    with pytest.raises(ValueError):
        Chart(id="x", title="x", labels=[], series=[], kind="pie3d")
