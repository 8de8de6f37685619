"""The addressee's inbox and the follow-up dashboard of a subtree."""

import datetime as dt
from decimal import Decimal

import pytest

from danvan.core.errors import NotFoundError
from danvan.oversight import kinds
from danvan.oversight.models import AnswerKind, Recommendation, RecommendationStatus, Topic
from danvan.oversight.recommendations import selectors, services
from danvan.oversight.tests.conftest import TODAY

pytestmark = pytest.mark.django_db


def _answer(rec, actor, kind=AnswerKind.DONE):
    return services.recommendation_answer(actor=actor, recommendation=rec, kind=kind, text="Xong")


@pytest.fixture
def spread(cast, ov, recommend):
    """Province inspection: two to commune A (one overdue), one to commune B; the Front: one to
    commune A's committee, done."""
    inspect = {"actor": ov.organiser, "issuer": ov.home_affairs, "source_kind": kinds.INSPECTION}
    overdue = recommend(
        **inspect,
        addressee=cast.tree.ubnd_a,
        issued_on=TODAY - dt.timedelta(days=90),
        due_date=TODAY - dt.timedelta(days=30),
        text="Sắp xếp lại bộ phận tiếp nhận và trả kết quả",
    )
    soon = recommend(
        **inspect, addressee=cast.tree.ubnd_a, due_date=TODAY + dt.timedelta(days=3), text="Báo cáo"
    )
    to_b = recommend(
        **inspect,
        addressee=cast.tree.commune_b,
        due_date=TODAY + dt.timedelta(days=9),
        topic=Topic.objects.get(code="cai-cach-hanh-chinh"),
    )
    done = recommend()
    _answer(done, cast.official_a)
    services.recommendation_verify(actor=ov.front_officer, recommendation=done)
    return {"overdue": overdue, "soon": soon, "to_b": to_b, "done": done}


class TestInbox:
    def test_overdue_first_then_nearest_deadline_only_my_units(self, cast, spread):
        page = selectors.inbox(cast.official_a)
        assert page.items == [spread["overdue"], spread["soon"]]
        assert selectors.inbox(cast.official_b).items == [spread["to_b"]]
        assert selectors.inbox(cast.other_province_officer).items == []

    def test_answered_ones_leave_the_inbox_unless_asked(self, cast, spread):
        _answer(spread["soon"], cast.official_a)
        assert selectors.inbox(cast.official_a).items == [spread["overdue"]]
        asked = selectors.inbox(cast.official_a, include_answered=True).items
        assert spread["soon"] in asked

    def test_pages_follow_the_deadline(self, cast, spread):
        first = selectors.inbox(cast.official_a, size=1)
        assert first.items == [spread["overdue"]]
        second = selectors.inbox(cast.official_a, first.next_cursor, size=1)
        assert second.items == [spread["soon"]]
        assert second.next_cursor is None
        assert selectors.inbox(cast.official_a, "garbage.x", size=1).items == [spread["overdue"]]

    def test_a_viewer_sees_but_has_nothing_to_answer(self, cast, spread):
        from danvan.accounts.models import Role
        from danvan.accounts.tests.factories import UserFactory, grant

        viewer = UserFactory()
        grant(viewer, Role.VIEWER, cast.tree.commune_a)
        assert selectors.inbox(viewer).items == []
        assert selectors.get_recommendation_for(viewer, spread["soon"].pk) == spread["soon"]


class TestDashboard:
    def test_province_by_kind_area_topic(self, cast, ov, spread):
        board = selectors.recommendation_dashboard(cast.province_officer, cast.tree.province)
        assert (board.totals.total, board.totals.awaiting, board.totals.overdue) == (4, 3, 1)
        assert board.totals.done == 1
        assert board.totals.closure_rate == Decimal("25.0")
        assert board.totals.oldest_open == TODAY - dt.timedelta(days=90)
        assert board.oldest == spread["overdue"]
        by_kind = {row.key: row.counts for row in board.by_kind}
        assert by_kind[kinds.INSPECTION].total == 3
        assert by_kind[kinds.FRONT_SUPERVISION].closure_rate == Decimal("100.0")
        areas = {row.label: row.counts for row in board.by_area}
        assert areas["Xã Trường Sơn"].overdue == 1
        assert areas["Xã Trường Sơn"].total == 3
        assert areas["Xã Kim Phú"].total == 1
        assert board.by_area[0].label == "Xã Trường Sơn"  # most overdue first
        assert board.top_addressees[0].unit == cast.tree.ubnd_a
        topics = {row.label: row.counts.total for row in board.by_topic}
        assert topics == {"Công tác dân vận chính quyền": 3, "Cải cách hành chính": 1}

    def test_overdue_counts_before_the_nightly_job(self, cast, spread):
        Recommendation.objects.filter(pk=spread["overdue"].pk).update(
            status=RecommendationStatus.OPEN
        )
        board = selectors.recommendation_dashboard(cast.province_officer, cast.tree.province)
        assert board.totals.overdue == 1

    def test_issued_side_and_filters(self, cast, ov, spread):
        issued = selectors.recommendation_dashboard(
            cast.province_officer,
            cast.tree.province,
            selectors.DashboardFilters(side="issued", source_kind=kinds.INSPECTION),
        )
        assert issued.totals.total == 3
        assert [row.label for row in issued.by_area] == ["Sở Nội vụ tỉnh Quảng Trị"]
        old = selectors.recommendation_dashboard(
            cast.province_officer,
            cast.tree.province,
            selectors.DashboardFilters(year=TODAY.year - 5),
        )
        assert old.totals.total == 0
        assert old.totals.closure_rate is None
        assert old.oldest is None

    def test_commune_dashboard_and_no_dashboard_outside_reach(self, cast, spread):
        board = selectors.recommendation_dashboard(cast.official_a, cast.tree.commune_a)
        assert board.totals.total == 3
        with pytest.raises(NotFoundError):
            selectors.recommendation_dashboard(cast.official_b, cast.tree.commune_a)
        with pytest.raises(NotFoundError):
            selectors.recommendation_dashboard(cast.other_province_officer, cast.tree.province)

    def test_constant_queries(self, cast, spread, django_assert_max_num_queries):
        with django_assert_max_num_queries(8):
            selectors.recommendation_dashboard(cast.province_officer, cast.tree.province)


class TestFigures:
    def test_issued_open_done_overdue(self, cast, ov, spread):
        from danvan.oversight import figures

        path = cast.tree.province.path
        start, end = dt.date(TODAY.year - 1, 1, 1), TODAY
        assert figures.count_issued(path, start, end) == 4
        assert figures.count_open(path, start, end) == 3
        assert figures.count_done(path, start, end) == 1
        assert figures.count_overdue(path, start, end) == 1
        assert figures.count_issued(ov.front_a.path, start, end) == 1
