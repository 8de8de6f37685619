"""Services of disclosures, village matters (meetings and ballots), consultations and boards:
the law's rules article by article, bad input refused with nothing saved."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from danvan.audit.models import AuditEntry
from danvan.core.errors import ConflictError, NotFoundError, PermissionDeniedError, ValidationFailed
from danvan.democracy.models import (
    AnswerKind,
    BoardKind,
    Channel,
    CommentSource,
    ConsultationStatus,
    DecisionForm,
    Disclosure,
    DisclosureItem,
    Matter,
    MatterKind,
    MatterStatus,
)
from danvan.democracy.services import boards, consultations, decisions, disclosures
from danvan.democracy.tests.conftest import make_matter

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def photo(name="bang-tin.jpg") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def disclose(
    actor, unit, item, *, decided=None, start=None, days=30, channel=Channel.NOTICE_BOARD, **extra
):
    decided = decided or TODAY - dt.timedelta(days=40)
    start = start or decided
    return disclosures.disclosure_create(
        actor=actor,
        unit=unit,
        item=item,
        title=extra.pop("title", "Mức thu phí chợ năm 2026"),
        decided_on=decided,
        channel=channel,
        posted_from=start,
        posted_until=start + dt.timedelta(days=days - 1),
        **extra,
    )


# --- Disclosures (Luật 10/2022, Điều 11–13) ------------------------------------------------------


def test_the_laws_list_is_data_with_channels_and_minimum_days(db):
    item = DisclosureItem.objects.get(code="xa-11-7")
    rules = {r.channel: r.min_days for r in item.rules.all()}
    assert rules == {"board": 30, "radio": 3}  # Điều 13.3: items 7–12 also on the loudspeakers
    assert DisclosureItem.objects.filter(audience="commune").count() == 14
    assert DisclosureItem.objects.filter(audience="agency").exists()


def test_a_disclosure_with_its_photo_is_registered_and_audited(cast, item):
    made = disclose(cast.official_a, cast.tree.commune_a, item, photo=photo())
    posting = made.postings.get()
    assert posting.photo.name.endswith(".jpg") and "bang-tin" not in posting.photo.name
    assert made.year == made.decided_on.year and made.first_posted_on == made.decided_on
    assert AuditEntry.objects.filter(
        action="democracy.disclosure.created", object_id=str(made.pk)
    ).exists()


def test_not_on_the_loudspeakers_is_flagged_until_three_days_are_posted(cast, item):
    made = disclose(cast.official_a, cast.tree.commune_a, item)
    assert made.is_short  # 30 days on the board, but nothing on the loudspeakers (Điều 13.3)
    gaps = disclosures.channel_gaps(made)
    assert [(g["channel"], g["days"], g["min_days"]) for g in gaps] == [("radio", 0, 3)]
    disclosures.posting_add(
        actor=cast.official_a,
        disclosure=made,
        channel=Channel.LOUDSPEAKER,
        posted_from=made.decided_on,
        posted_until=made.decided_on + dt.timedelta(days=2),
    )
    made.refresh_from_db()
    assert not made.is_short


def test_twenty_nine_days_on_the_board_is_too_short(cast, db):
    item = DisclosureItem.objects.get(code="xa-11-1")
    assert disclose(cast.official_a, cast.tree.commune_a, item, days=29).is_short
    assert not disclose(cast.official_a, cast.tree.commune_a, item, days=30).is_short


def test_a_posting_later_than_the_items_limit_is_late(cast, db):
    item = DisclosureItem.objects.get(code="xa-11-1")
    item.max_delay_days = 5
    item.save()
    decided = TODAY - dt.timedelta(days=60)
    assert disclose(
        cast.official_a,
        cast.tree.commune_a,
        item,
        decided=decided,
        start=decided + dt.timedelta(days=6),
    ).is_late
    assert not disclose(
        cast.official_a,
        cast.tree.commune_a,
        item,
        decided=decided,
        start=decided + dt.timedelta(days=5),
    ).is_late


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"posted_until_offset": -3}, "posted_until"),
        ({"start_offset": -1}, "posted_from"),
        ({"decided": TODAY + dt.timedelta(days=3)}, "decided_on"),
        ({"title": ""}, "title"),
        ({"channel": "moon"}, "channel"),
    ],
)
def test_bad_postings_are_refused_with_nothing_saved(cast, item, change, field):
    decided = change.get("decided", TODAY - dt.timedelta(days=10))
    start = decided + dt.timedelta(days=change.get("start_offset", 0))
    with pytest.raises(ValidationFailed) as refused:
        disclosures.disclosure_create(
            actor=cast.official_a,
            unit=cast.tree.commune_a,
            item=item,
            title=change.get("title", "Phí chợ"),
            decided_on=decided,
            channel=change.get("channel", Channel.NOTICE_BOARD),
            posted_from=start,
            posted_until=start + dt.timedelta(days=change.get("posted_until_offset", 30)),
        )
    assert refused.value.field == field
    assert not Disclosure.objects.exists()


def test_a_photo_that_is_not_a_picture_is_refused(cast, item):
    fake = SimpleUploadedFile("bang-tin.jpg", b"%PDF-1.4 not a picture", content_type="image/jpeg")
    with pytest.raises(ValidationFailed):
        disclose(cast.official_a, cast.tree.commune_a, item, photo=fake)
    assert not Disclosure.objects.exists()


def test_a_commune_item_is_disclosed_by_a_commune_not_by_a_village(cast, item):
    with pytest.raises(ValidationFailed) as refused:
        disclose(cast.official_a, cast.tree.village_a, item)
    assert refused.value.code == "not_a_commune"


def test_another_commune_cannot_write_in_this_register(cast, item):
    with pytest.raises(NotFoundError):
        disclose(cast.official_b, cast.tree.commune_a, item)


# --- Village matters: meetings and ballots (Luật 10/2022, Điều 15–23; NĐ 59/2023) --------------


def test_a_meeting_tally_with_more_households_than_the_village_is_refused(cast, places):
    matter = make_matter(cast.official_a, places.village_a, households=100)
    with pytest.raises(ValidationFailed) as refused:
        decisions.tally_record(
            actor=cast.official_a,
            matter=matter,
            held_on=TODAY,
            taking_part=101,
            agreeing=90,
            disagreeing=5,
        )
    assert refused.value.code == "more_than_households"
    assert "101" in str(refused.value.message) and "100" in str(refused.value.message)
    matter.refresh_from_db()
    assert matter.status == MatterStatus.DRAFT and matter.agreeing is None


def test_a_tally_with_more_votes_than_households_taking_part_is_refused(cast, places):
    matter = make_matter(cast.official_a, places.village_a, households=100)
    with pytest.raises(ValidationFailed) as refused:
        decisions.tally_record(
            actor=cast.official_a,
            matter=matter,
            held_on=TODAY,
            taking_part=60,
            agreeing=50,
            disagreeing=11,
        )
    assert refused.value.code == "more_votes_than_households"
    assert Matter.objects.get(pk=matter.pk).taking_part is None


def test_ballots_returned_cannot_exceed_ballots_issued_nor_households(cast, places):
    matter = make_matter(
        cast.official_a, places.village_a, households=50, form=DecisionForm.BALLOTS
    )
    with pytest.raises(ValidationFailed) as refused:
        decisions.tally_record(
            actor=cast.official_a,
            matter=matter,
            held_on=TODAY,
            ballots_issued=51,
            taking_part=40,
            agreeing=30,
            disagreeing=5,
        )
    assert refused.value.field == "ballots_issued"
    with pytest.raises(ValidationFailed) as refused:
        decisions.tally_record(
            actor=cast.official_a,
            matter=matter,
            held_on=TODAY,
            ballots_issued=45,
            taking_part=46,
            agreeing=30,
            disagreeing=5,
        )
    assert refused.value.field == "taking_part"


def test_a_meeting_passes_with_more_than_half_of_all_households(cast, places):
    matter = make_matter(cast.official_a, places.village_a, households=100)
    matter = decisions.tally_record(
        actor=cast.official_a,
        matter=matter,
        held_on=TODAY,
        taking_part=70,
        agreeing=51,
        disagreeing=19,
        minutes="Biên bản",
    )
    assert matter.passed and matter.status == MatterStatus.DECIDED
    # Nghị định 59/2023, Điều 4.7: to the commune within 5 working days.
    from danvan.core.calendar import work_calendar

    assert matter.report_due == work_calendar().add_working_days(TODAY, 5)


def test_a_meeting_without_quorum_does_not_pass_even_if_all_present_agree(cast, places):
    matter = make_matter(cast.official_a, places.village_a, households=100)
    matter = decisions.tally_record(
        actor=cast.official_a,
        matter=matter,
        held_on=TODAY,
        taking_part=50,
        agreeing=50,
        disagreeing=0,
    )
    assert matter.passed is False


def test_the_commune_recognises_a_village_head_election_but_not_a_failed_one(cast, places):
    matter = make_matter(
        places.village_head, places.village_a, households=10, kind=MatterKind.VILLAGE_HEAD
    )
    matter = decisions.tally_record(
        actor=places.village_head,
        matter=matter,
        held_on=TODAY,
        taking_part=8,
        agreeing=6,
        disagreeing=2,
    )
    matter = decisions.matter_send(actor=places.village_head, matter=matter)
    with pytest.raises(PermissionDeniedError):
        decisions.matter_recognise(actor=cast.official_a, matter=matter, recognised=True)
    with pytest.raises(NotFoundError):
        decisions.matter_recognise(actor=places.leader_b, matter=matter, recognised=True)
    matter = decisions.matter_recognise(
        actor=cast.leader_a, matter=matter, recognised=True, note="QĐ số 12/QĐ-UBND"
    )
    assert matter.status == MatterStatus.RECOGNISED and matter.recognised_by == cast.leader_a

    failed = make_matter(
        places.village_head, places.village_a, households=10, kind=MatterKind.COVENANT
    )
    failed = decisions.tally_record(
        actor=places.village_head,
        matter=failed,
        held_on=TODAY,
        taking_part=8,
        agreeing=5,
        disagreeing=3,
    )
    failed = decisions.matter_send(actor=places.village_head, matter=failed)
    with pytest.raises(ValidationFailed) as refused:
        decisions.matter_recognise(actor=cast.leader_a, matter=failed, recognised=True)
    assert refused.value.code == "not_passed"


def test_a_contribution_is_sent_for_information_not_recognised(cast, places):
    matter = make_matter(cast.official_a, places.village_a, households=10)
    matter = decisions.tally_record(
        actor=cast.official_a,
        matter=matter,
        held_on=TODAY,
        taking_part=8,
        agreeing=6,
        disagreeing=2,
    )
    matter = decisions.matter_send(actor=cast.official_a, matter=matter)
    with pytest.raises(ConflictError):
        decisions.matter_recognise(actor=cast.leader_a, matter=matter, recognised=True)


def test_the_village_head_runs_only_their_own_village(cast, places):
    with pytest.raises(NotFoundError):
        make_matter(places.village_head, places.village_a2)
    assert make_matter(places.village_head, places.village_a).commune == cast.tree.commune_a


def test_households_default_to_the_villages_list(cast, places):
    for name in ("Hộ ông A", "Hộ bà B", "Hộ ông C"):
        decisions.household_add(actor=places.village_head, village=places.village_a, head_name=name)
    matter = make_matter(places.village_head, places.village_a, households=None)
    assert matter.households == 3


def test_a_matter_must_belong_to_a_village(cast, places):
    with pytest.raises(ValidationFailed) as refused:
        make_matter(cast.official_a, cast.tree.commune_a)
    assert refused.value.code == "not_a_village"


# --- Consultations (Luật 10/2022, Điều 25–27) --------------------------------------------------


def _consultation(actor, unit, **extra):
    return consultations.consultation_create(
        actor=actor,
        unit=unit,
        subject="land",
        title="Phương án bồi thường đường liên xã",
        draft_text="Dự thảo phương án …",
        opens_on=extra.get("opens_on", TODAY - dt.timedelta(days=5)),
        closes_on=extra.get("closes_on", TODAY + dt.timedelta(days=10)),
    )


def test_a_consultation_is_decided_only_once_every_comment_is_answered(cast):
    c = _consultation(cast.official_a, cast.tree.commune_a)
    with pytest.raises(NotFoundError):
        consultations.comment_public(consultation_id=c.pk, text="Góp ý")  # still a draft: 404
    c = consultations.consultation_open(actor=cast.official_a, consultation=c)
    one = consultations.comment_public(
        consultation_id=c.pk, text="Đề nghị tăng mức hỗ trợ", author="Ông Hùng"
    )
    consultations.comment_enter(
        actor=cast.official_a,
        consultation=c,
        source=CommentSource.MEETING,
        text="Cần làm rõ diện tích",
    )
    c = consultations.consultation_close(actor=cast.official_a, consultation=c)
    with pytest.raises(ConflictError):
        consultations.consultation_decide(
            actor=cast.leader_a, consultation=c, decided_on=TODAY, decision="Thông qua"
        )
    group = consultations.group_create(
        actor=cast.official_a, consultation=c, summary="Mức hỗ trợ", comment_ids=[one.pk]
    )
    rest = consultations.group_create(
        actor=cast.official_a,
        consultation=c,
        summary="Diện tích",
        comment_ids=list(c.comments.filter(group__isnull=True).values_list("pk", flat=True)),
    )
    consultations.group_answer(
        actor=cast.official_a, group=group, answer_kind=AnswerKind.ACCEPTED, answer="Tăng 10%"
    )
    with pytest.raises(ConflictError) as refused:
        consultations.consultation_decide(
            actor=cast.leader_a, consultation=c, decided_on=TODAY, decision="Thông qua"
        )
    assert refused.value.code == "unanswered"
    consultations.group_answer(
        actor=cast.official_a,
        group=rest,
        answer_kind=AnswerKind.EXPLAINED,
        answer="Theo bản đồ địa chính",
    )
    with pytest.raises(PermissionDeniedError):
        consultations.consultation_decide(
            actor=cast.official_a, consultation=c, decided_on=TODAY, decision="Thông qua"
        )
    c = consultations.consultation_decide(
        actor=cast.leader_a, consultation=c, decided_on=TODAY, decision="Thông qua có điều chỉnh"
    )
    assert c.status == ConsultationStatus.DECIDED and c.answers_published


def test_a_comment_after_the_deadline_is_refused(cast):
    c = _consultation(
        cast.official_a,
        cast.tree.commune_a,
        opens_on=TODAY - dt.timedelta(days=10),
        closes_on=TODAY + dt.timedelta(days=1),
    )
    consultations.consultation_open(actor=cast.official_a, consultation=c)
    type(c).objects.filter(pk=c.pk).update(closes_on=TODAY - dt.timedelta(days=1))
    with pytest.raises(ConflictError) as refused:
        consultations.comment_public(consultation_id=c.pk, text="Muộn")
    assert refused.value.code == "comments_closed"
    assert not c.comments.exists()


# --- Boards and works (Luật 10/2022, Điều 36–38) ---------------------------------------------


def test_a_board_term_cannot_overlap_and_needs_at_least_five_members(cast):
    board = boards.board_create(
        actor=cast.official_a,
        unit=cast.tree.commune_a,
        kind=BoardKind.INSPECTION,
        term_start=dt.date(2024, 1, 1),
        term_end=dt.date(2029, 1, 1),
    )
    assert boards.members_expected(board) == 5  # one village, but never fewer than five
    with pytest.raises(ValidationFailed):
        boards.board_create(
            actor=cast.official_a,
            unit=cast.tree.commune_a,
            kind=BoardKind.INSPECTION,
            term_start=dt.date(2026, 1, 1),
            term_end=dt.date(2031, 1, 1),
        )


def test_a_works_funds_cannot_exceed_its_budget(cast):
    with pytest.raises(ValidationFailed):
        boards.work_create(
            actor=cast.official_a,
            unit=cast.tree.commune_a,
            name="Đường thôn Đông",
            owner="UBND xã",
            budget=Decimal(100),
            state_funds=Decimal(80),
            contributions=Decimal(30),
            village=None,
            board=None,
            matter=None,
            starts_on=None,
            ends_on=None,
            is_public=True,
        )
    work = boards.work_create(
        actor=cast.official_a,
        unit=cast.tree.commune_a,
        name="Đường thôn Đông",
        owner="UBND xã",
        budget=Decimal(100),
        state_funds=Decimal(70),
        contributions=Decimal(30),
        village=cast.tree.village_a,
        board=None,
        matter=None,
        starts_on=None,
        ends_on=None,
        is_public=True,
    )
    boards.work_progress_add(actor=cast.official_a, work=work, on=TODAY, progress=40)
    work.refresh_from_db()
    assert work.progress == 40
    with pytest.raises(ValidationFailed):
        boards.work_progress_add(actor=cast.official_a, work=work, on=TODAY, progress=140)


def test_a_boards_recommendation_is_followed_to_closure(cast):
    from danvan.democracy.models import FindingStatus
    from danvan.democracy.tests import factories

    board = factories.board(cast.official_a, cast.tree.commune_a)
    activity = board.activities.get()
    with pytest.raises(ValidationFailed):  # a unit of another commune
        boards.finding_add(
            actor=cast.official_a,
            activity=activity,
            text="x",
            recommendation="y",
            addressee=cast.tree.commune_b,
        )
    with pytest.raises(NotFoundError):
        boards.finding_add(actor=cast.official_b, activity=activity, text="x", recommendation="y")
    finding = activity.findings_list.get()
    assert finding.status == FindingStatus.OPEN and not finding.is_overdue_on(TODAY)
    assert finding.is_overdue_on(TODAY + dt.timedelta(days=11))
    with pytest.raises(ValidationFailed):  # no outcome written
        boards.finding_close(
            actor=cast.official_a, finding=finding, status="done", closed_on=TODAY, outcome=""
        )
    finding = boards.finding_close(
        actor=cast.official_a,
        finding=finding,
        status="done",
        closed_on=TODAY,
        outcome="Đã niêm yết",
    )
    assert finding.status == FindingStatus.DONE
    with pytest.raises(ConflictError):
        boards.finding_close(
            actor=cast.official_a, finding=finding, status="done", closed_on=TODAY, outcome="lại"
        )
