"""Known figures for the grassroots-democracy report, and the reminders of its deadlines."""

import datetime as dt

import pytest
from django.utils import timezone

from danvan.democracy import figures
from danvan.democracy.reminders import REPORT_DUE
from danvan.democracy.services import decisions
from danvan.democracy.tests import factories
from danvan.democracy.tests.conftest import make_matter
from danvan.notifications import reminders
from danvan.notifications.models import Notification
from danvan.reports import sources

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
YEAR = (dt.date(TODAY.year, 1, 1), dt.date(TODAY.year, 12, 31))


def test_the_report_figures_count_the_communes_subtree(cast, places):
    factories.disclosure(cast.official_a, cast.tree.commune_a, decided=dt.date(TODAY.year, 1, 2))
    factories.disclosure(cast.official_b, cast.tree.commune_b, decided=dt.date(TODAY.year, 1, 2))
    meeting = make_matter(cast.official_a, places.village_a, households=10)
    decisions.tally_record(
        actor=cast.official_a,
        matter=meeting,
        held_on=TODAY,
        taking_part=8,
        agreeing=6,
        disagreeing=2,
    )
    ballots = make_matter(cast.official_a, places.village_a2, households=10, form="ballots")
    decisions.tally_record(
        actor=cast.official_a,
        matter=ballots,
        held_on=TODAY,
        ballots_issued=10,
        taking_part=9,
        agreeing=4,
        disagreeing=5,
    )
    factories.consultation(cast.official_a, cast.tree.commune_a)
    factories.board(cast.official_a, cast.tree.commune_a)
    path = cast.tree.commune_a.path
    got = {key: sources.compute(key, path, *YEAR) for key, *_ in figures.FIGURES}
    assert got["democracy.disclosures_made"] == 1
    assert got["democracy.disclosures_late"] == 1  # not on the loudspeakers (Điều 13.3)
    assert got["democracy.matters_decided"] == 2 and got["democracy.matters_passed"] == 1
    assert got["democracy.village_meetings"] == 1 and got["democracy.matters_ballots"] == 1
    assert got["democracy.consultations"] == 1 and got["democracy.comments"] == 2
    assert got["democracy.board_activities"] == 1
    assert got["democracy.board_recommendations"] == 1
    assert got["democracy.board_recommendations_done"] == 0
    assert sources.compute("democracy.disclosures_made", cast.tree.province.path, *YEAR) == 2


def test_the_village_head_is_reminded_to_send_the_result(cast, places):
    matter = make_matter(places.village_head, places.village_a, households=10)
    matter = decisions.tally_record(
        actor=places.village_head,
        matter=matter,
        held_on=TODAY,
        taking_part=8,
        agreeing=6,
        disagreeing=2,
    )
    later = timezone.make_aware(
        dt.datetime.combine(matter.report_due + dt.timedelta(days=1), dt.time(9))
    )
    reminders.scan(now=later, keys=[REPORT_DUE])
    notice = Notification.objects.get(recipient=places.village_head)
    assert "send the result" in notice.title and "Overdue" in notice.title
    assert not Notification.objects.filter(recipient=cast.official_b).exists()
