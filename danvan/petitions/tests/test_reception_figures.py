"""Report figures and reminders of citizen reception and voter petitions."""

import datetime as dt

import pytest
from django.utils import timezone

from danvan.notifications import reminders
from danvan.notifications.models import Notification
from danvan.petitions.reception import services
from danvan.petitions.reception.reminders import KEY
from danvan.reports import sources

pytestmark = pytest.mark.django_db


def test_reception_figures_count_the_subtree_and_the_period(cast, session_a, today):
    services.session_record(
        actor=cast.official_b,
        unit=cast.tree.commune_b,
        held_on=today - dt.timedelta(days=40),
        receiver="Chủ tịch",
        individuals=4,
    )
    year_start = today.replace(month=1, day=1)
    province, commune_a = cast.tree.province.path, cast.tree.commune_a.path
    assert sources.compute("petitions.reception_sessions", commune_a, today, today) == 1
    assert sources.compute("petitions.citizens_received", commune_a, today, today) == 8
    assert (
        sources.compute("petitions.citizens_received", cast.tree.commune_b.path, today, today) == 0
    )
    start = min(year_start, today - dt.timedelta(days=40))
    assert sources.compute("petitions.reception_sessions", province, start, today) == 2
    assert sources.compute("petitions.citizens_received", province, start, today) == 12
    many = sources.compute_many(
        "petitions.citizens_received",
        [province, commune_a, cast.tree.commune_b.path, cast.tree.other_province.path],
        start,
        today,
    )
    assert many == {
        province: 12,
        commune_a: 8,
        cast.tree.commune_b.path: 4,
        cast.tree.other_province.path: 0,
    }
    assert sources.compute_many("petitions.reception_sessions", [province], start, today) == {
        province: 2
    }


def _at(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(8)))


def test_the_agency_is_reminded_and_an_overdue_answer_reaches_the_organiser(
    cast, petition_a, today
):
    services.voter_petition_forward(
        actor=cast.official_a,
        petition=petition_a,
        agency=cast.tree.commune_b,
        forwarded_on=today,
        answer_due=today + dt.timedelta(days=20),
    )
    due = today + dt.timedelta(days=20)
    reminders.scan(now=_at(due), keys=[KEY])
    notices = list(Notification.objects.filter(kind=KEY))
    assert {n.recipient for n in notices} == {cast.official_b}
    reminders.scan(now=_at(due + dt.timedelta(days=1)), keys=[KEY])
    overdue = Notification.objects.filter(kind=KEY).exclude(pk__in=[n.pk for n in notices])
    assert {n.recipient for n in overdue} == {cast.official_b, cast.official_a, cast.leader_a}
    assert "not answered" in overdue.first().title


def test_an_answered_petition_is_not_reminded(cast, forwarded_a, today):
    services.voter_petition_answer(
        actor=cast.official_a, petition=forwarded_a, answer="Đã trả lời", answered_on=today
    )
    reminders.scan(now=_at(forwarded_a.answer_due), keys=[KEY])
    assert not Notification.objects.filter(kind=KEY).exists()


def test_reception_rules_are_seeded_as_data_and_editable_by_superusers(cast, client_for):
    from danvan.accounts.tests.factories import UserFactory
    from danvan.audit.models import AuditEntry
    from danvan.petitions.models import ReceptionRule
    from danvan.petitions.reception import selectors as meeting_selectors

    meeting_selectors.rules()
    rule = ReceptionRule.objects.get(level="commune", unit_types__contains="people_committee")
    assert (rule.min_days, rule.per) == (1, "week")
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    client = client_for(root)
    url = f"/quan-tri/petitions/receptionrule/{rule.pk}/change/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "level": "commune",
            "unit_types": rule.unit_types,
            "min_days": 2,
            "per": "week",
            "who": rule.who,
            "legal_basis": rule.legal_basis,
        },
    )
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.min_days == 2
    assert AuditEntry.objects.filter(action="reception.rule_changed").exists()
    assert client_for(cast.official_a).get(url).status_code == 302  # to the admin login
