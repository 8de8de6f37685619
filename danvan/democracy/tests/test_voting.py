"""The online vote with household codes: one vote per household, changeable until the close,
secret, the result hidden until the close, guessing limited with no oracle (issue 20)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.core.errors import ConflictError, ValidationFailed
from danvan.democracy import codes, selectors
from danvan.democracy.models import Ballot, Choice, HouseholdCode, MatterStatus
from danvan.democracy.services import decisions, voting
from danvan.democracy.tests.conftest import in_hours, open_vote

pytestmark = pytest.mark.django_db


def _close(matter):
    """The vote's time runs out (the clock moves past the close)."""
    type(matter).objects.filter(pk=matter.pk).update(opens_at=in_hours(-48), closes_at=in_hours(-1))
    matter.refresh_from_db()
    return matter


def _cast(matter, code, choice=Choice.AGREE, address="10.0.0.1"):
    return voting.cast_ballot(matter=matter, code=code, choice=choice, address=address)


def test_codes_are_long_unambiguous_and_stored_only_as_digests(cast, places):
    matter, printed = open_vote(cast.official_a, places.village_a, households=40)
    assert len(printed) == 40 and len(set(printed)) == 40
    for code in printed:
        assert len(code) == 12
        assert not set(code) & set("0O1IL2Z5S8B")
    stored = list(HouseholdCode.objects.filter(matter=matter).values_list("digest", flat=True))
    assert len(stored) == 40
    assert not any(code in digest for code in printed for digest in stored)
    assert codes.code_digest(matter.pk, printed[0]) in stored
    assert matter.codes_issued == 40


def test_a_household_votes_once_and_its_second_vote_changes_the_first(cast, places):
    matter, printed = open_vote(cast.official_a, places.village_a, households=3)
    _cast(matter, printed[0], Choice.AGREE)
    _cast(matter, printed[0].lower(), Choice.DISAGREE)  # typed again, lower case: the same code
    _cast(matter, codes.printed(printed[0]), Choice.DISAGREE)  # with dashes: still the same
    assert Ballot.objects.filter(matter=matter).count() == 1
    matter = _close(matter)
    result = selectors.vote_result(matter)
    assert (result["taking_part"], result["agreeing"], result["disagreeing"]) == (1, 0, 1)


def test_the_ballot_keeps_no_trace_of_which_code_cast_it(cast, places):
    matter, printed = open_vote(cast.official_a, places.village_a, households=2)
    _cast(matter, printed[1], Choice.AGREE)
    ballot = Ballot.objects.get(matter=matter)
    assert {f.name for f in Ballot._meta.concrete_fields} == {"id", "matter", "key", "choice"}
    digests = set(HouseholdCode.objects.filter(matter=matter).values_list("digest", flat=True))
    assert ballot.key not in digests  # another key: the code row does not lead to the ballot
    assert all(printed[1] not in value for value in (ballot.key, *digests))


def test_casting_writes_only_the_ballot(cast, places):
    matter, printed = open_vote(cast.official_a, places.village_a, households=2)
    with CaptureQueriesContext(connection) as queries:
        _cast(matter, printed[0])
    writes = [q["sql"] for q in queries if q["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")]
    assert writes and all("democracy_ballot" in sql for sql in writes)


def test_a_vote_after_the_close_is_refused_and_not_counted(cast, places):
    matter, printed = open_vote(cast.official_a, places.village_a, households=3)
    _cast(matter, printed[0], Choice.AGREE)
    matter = _close(matter)
    with pytest.raises(voting.VoteRefused) as refused:
        _cast(matter, printed[1], Choice.DISAGREE)
    assert refused.value.code == "vote_closed"
    assert "Voting closed at" in str(refused.value.message)
    assert Ballot.objects.filter(matter=matter).count() == 1


def test_a_closed_vote_answers_the_same_for_a_good_and_a_wrong_code(cast, places):
    matter, printed = open_vote(cast.official_a, places.village_a, households=3)
    matter = _close(matter)
    answers = set()
    for code in (printed[0], "ACDE-FGHJ-KMNP"):
        with pytest.raises(voting.VoteRefused) as refused:
            _cast(matter, code)
        answers.add((refused.value.code, str(refused.value.message)))
    assert len(answers) == 1


def test_a_code_of_another_village_is_just_a_wrong_code(cast, places):
    vote_a, codes_a = open_vote(cast.official_a, places.village_a, households=3)
    vote_b, codes_b = open_vote(cast.official_b, places.village_b, households=3)
    answers = set()
    for code in (codes_b[0], "ACDEFGHJKMNP", "not a code at all", ""):
        with pytest.raises(voting.VoteRefused) as refused:
            _cast(vote_a, code)
        answers.add((refused.value.code, str(refused.value.message)))
    assert len(answers) == 1
    assert next(iter(answers))[0] == "wrong_code"
    assert Ballot.objects.count() == 0


def test_wrong_codes_and_codes_of_other_villages_do_the_same_database_work(cast, places):
    vote_a, _ = open_vote(cast.official_a, places.village_a, households=3)
    _, codes_b = open_vote(cast.official_b, places.village_b, households=3)
    shapes = []
    for code in (codes_b[0], "ACDEFGHJKMNP", "short"):
        with CaptureQueriesContext(connection) as queries, pytest.raises(voting.VoteRefused):
            _cast(vote_a, code, address=f"10.1.1.{len(shapes)}")
        shapes.append([q["sql"].split(" WHERE")[0] for q in queries])
    assert shapes[0] == shapes[1] == shapes[2]


def test_guessing_is_limited_per_address(cast, places):
    matter, printed = open_vote(cast.official_a, places.village_a, households=3)
    for _ in range(voting.ADDRESS_FAILURES):
        with pytest.raises(voting.VoteRefused):
            _cast(matter, "ACDEFGHJKMNP", address="10.9.9.9")
    with pytest.raises(voting.TooManyTries):
        _cast(matter, printed[0], address="10.9.9.9")  # even a good code: no oracle
    _cast(matter, printed[0], address="10.9.9.10")  # another household elsewhere still votes
    assert Ballot.objects.filter(matter=matter).count() == 1


def test_guessing_is_limited_per_village_whatever_the_addresses(cast, places):
    matter, printed = open_vote(cast.official_a, places.village_a, households=3)
    for n in range(voting.VILLAGE_FAILURES_MIN):
        with pytest.raises(voting.VoteRefused):
            _cast(matter, "ACDEFGHJKMNP", address=f"10.2.{n // 200}.{n % 200}")
    with pytest.raises(voting.TooManyTries) as refused:
        _cast(matter, printed[0], address="10.3.3.3")
    assert refused.value.status == 429
    assert Ballot.objects.filter(matter=matter).count() == 0


def test_the_result_is_hidden_until_the_close_even_from_staff(cast, places):
    matter, printed = open_vote(cast.official_a, places.village_a, households=3)
    _cast(matter, printed[0], Choice.AGREE)
    with pytest.raises(ConflictError) as hidden:
        selectors.vote_result(matter)
    assert hidden.value.code == "result_hidden"
    with pytest.raises(ConflictError):
        decisions.online_result_record(actor=cast.official_a, matter=matter)
    assert voting.turnout(matter) == 1  # how many voted, never how


def test_the_result_is_counted_after_the_close_with_the_laws_rule(cast, places):
    matter, printed = open_vote(cast.official_a, places.village_a, households=5)
    for code, choice in zip(printed, [Choice.AGREE] * 3 + [Choice.DISAGREE], strict=False):
        _cast(matter, code, choice)
    matter = _close(matter)
    matter = decisions.online_result_record(actor=cast.official_a, matter=matter)
    assert (matter.taking_part, matter.agreeing, matter.disagreeing) == (4, 3, 1)
    assert matter.passed is True  # 3 of 5 households: more than half of ALL households
    assert matter.status == MatterStatus.DECIDED
    assert matter.report_due > matter.held_on


def test_half_of_the_households_is_not_enough(cast, places):
    matter, printed = open_vote(cast.official_a, places.village_a, households=4)
    for code in printed[:2]:
        _cast(matter, code, Choice.AGREE)
    matter = decisions.online_result_record(actor=cast.official_a, matter=_close(matter))
    assert matter.passed is False


def test_codes_cannot_change_once_the_vote_is_open(cast, places):
    matter, _ = open_vote(cast.official_a, places.village_a, households=3)
    with pytest.raises(ConflictError):
        decisions.codes_issue(actor=cast.official_a, matter=matter)


def test_a_vote_cannot_open_without_a_code_for_every_household(cast, places):
    from danvan.democracy.models import DecisionForm
    from danvan.democracy.tests.conftest import make_matter

    matter = make_matter(cast.official_a, places.village_a, form=DecisionForm.ONLINE, households=3)
    with pytest.raises(ConflictError) as refused:
        decisions.vote_open(actor=cast.official_a, matter=matter)
    assert refused.value.code == "codes_missing"


def test_new_codes_replace_the_old_sheet(cast, places):
    from danvan.democracy.models import DecisionForm
    from danvan.democracy.tests.conftest import make_matter

    matter = make_matter(cast.official_a, places.village_a, form=DecisionForm.ONLINE, households=3)
    first = decisions.codes_issue(actor=cast.official_a, matter=matter)
    second = decisions.codes_issue(actor=cast.official_a, matter=matter)
    matter = decisions.vote_open(actor=cast.official_a, matter=matter)
    with pytest.raises(voting.VoteRefused):
        _cast(matter, first[0])
    _cast(matter, second[0])
    assert HouseholdCode.objects.filter(matter=matter).count() == 3


def test_a_vote_not_yet_open_refuses_ballots(cast, places):
    matter, printed = open_vote(
        cast.official_a, places.village_a, households=2, opens_at=in_hours(2)
    )
    with pytest.raises(voting.VoteRefused) as refused:
        _cast(matter, printed[0])
    assert refused.value.code == "vote_not_open"


def test_extending_moves_the_close_later_only(cast, places):
    matter, _ = open_vote(cast.official_a, places.village_a, households=2)
    with pytest.raises(ValidationFailed):
        decisions.vote_extend(
            actor=cast.official_a, matter=matter, closes_at=matter.closes_at - dt.timedelta(hours=1)
        )
    later = matter.closes_at + dt.timedelta(days=1)
    assert (
        decisions.vote_extend(actor=cast.official_a, matter=matter, closes_at=later).closes_at
        == later
    )


def test_cancelling_drops_codes_and_ballots(cast, places):
    matter, printed = open_vote(cast.official_a, places.village_a, households=2)
    _cast(matter, printed[0])
    decisions.matter_cancel(actor=cast.official_a, matter=matter, reason="Làm lại danh sách hộ")
    assert not Ballot.objects.filter(matter=matter).exists()
    assert not HouseholdCode.objects.filter(matter=matter).exists()
    matter.refresh_from_db()
    assert matter.status == MatterStatus.CANCELLED


def test_with_two_field_keys_a_vote_cast_under_the_old_key_is_changed_not_doubled(
    cast, places, settings
):
    from cryptography.fernet import Fernet

    matter, printed = open_vote(cast.official_a, places.village_a, households=2)
    _cast(matter, printed[0], Choice.AGREE)
    settings.FIELD_ENCRYPTION_KEYS = [
        Fernet.generate_key().decode(),
        *settings.FIELD_ENCRYPTION_KEYS,
    ]
    _cast(matter, printed[0], Choice.DISAGREE)  # the code still works after a key rotation
    assert list(Ballot.objects.filter(matter=matter).values_list("choice", flat=True)) == [
        "disagree"
    ]
