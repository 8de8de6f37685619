"""Casting an online ballot with a household code (no account), and the limits on guessing.

The steps, in an order that gives nothing away (Luật 10/2022, Điều 15–16, 21; Nghị định
59/2023, which asks provinces to let villages vote online):

1. the vote must be open: before the opening and after the close every code gets the same
   answer, so a closed vote is no oracle for codes;
2. the guessing limits of the address and of the village (``check_limits``) must not be used
   up — they count wrong codes only, so a household typing its code right is never slowed;
3. the code is read (any case, spaces and dashes ignored), its keyed digest looked up among the
   matter's codes — a code that is malformed, unknown, or belongs to another village's vote is
   one and the same "wrong code", answered the same way after the same work (a digest and one
   indexed look-up are always done);
4. the household's ballot is written: replaced if it exists (the vote changes, one ballot per
   household, never counted twice), added otherwise. The answer is the same either way.

Nothing else is written: no audit row and no mark on the code, so the ballot stays secret
(see ``models.decisions``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from danvan.core.errors import DomainError, NotFoundError, ValidationFailed
from danvan.democracy import codes
from danvan.democracy.models import (
    Ballot,
    Choice,
    DecisionForm,
    HouseholdCode,
    Matter,
    MatterStatus,
)

#: wrong codes an address may try in ADDRESS_WINDOW seconds
ADDRESS_FAILURES = 10
ADDRESS_WINDOW = 15 * 60
#: wrong codes the whole world may try against one village's votes in VILLAGE_WINDOW seconds:
#: at least VILLAGE_FAILURES_MIN, or twice the village's households
VILLAGE_FAILURES_MIN = 50
VILLAGE_WINDOW = 60 * 60


class VoteRefused(ValidationFailed):
    """A ballot that was not counted, with the reason the voter may know."""


class TooManyTries(DomainError):
    status = 429
    code = "too_many_tries"


def _local(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "H:i d/m/Y")


def public_vote(matter_id) -> Matter:
    """An online vote the public may see (scheduled, open or closed); 404 otherwise."""
    try:
        pk = int(matter_id)
    except (TypeError, ValueError):
        raise NotFoundError() from None
    matter = (
        Matter.objects.select_related("village", "commune")
        .filter(
            pk=pk,
            form=DecisionForm.ONLINE,
            status__in=[
                MatterStatus.VOTING,
                MatterStatus.DECIDED,
                MatterStatus.SENT,
                MatterStatus.RECOGNISED,
                MatterStatus.NOT_RECOGNISED,
            ],
        )
        .first()
    )
    if matter is None:
        raise NotFoundError()
    return matter


def _village_limit(matter: Matter) -> int:
    return max(VILLAGE_FAILURES_MIN, 2 * matter.households)


def _keys(address: str, matter: Matter) -> tuple[str, str]:
    return (
        f"democracy:vote-fail:addr:{address}",
        f"democracy:vote-fail:village:{matter.village_id}",
    )


def check_limits(matter: Matter, address: str) -> None:
    """Refuse (429) when this address, or anyone against this village, guessed too often."""
    address_key, village_key = _keys(address, matter)
    used = cache.get_many([address_key, village_key])
    if used.get(address_key, 0) >= ADDRESS_FAILURES:
        raise TooManyTries(
            _("Too many wrong codes from this connection. Please try again in 15 minutes.")
        )
    if used.get(village_key, 0) >= _village_limit(matter):
        raise TooManyTries(
            _(
                "Too many wrong codes were tried against this village's votes. Voting resumes "
                "within an hour; the village head can tell the commune."
            )
        )


def _count_failure(matter: Matter, address: str) -> None:
    for key, window in zip(_keys(address, matter), (ADDRESS_WINDOW, VILLAGE_WINDOW), strict=True):
        if not cache.add(key, 1, window):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, window)


def check_open(matter: Matter, now=None) -> None:
    now = now or timezone.now()
    state = matter.vote_state(now) if matter.status == MatterStatus.VOTING else "closed"
    if state == "scheduled":
        raise VoteRefused(
            _("Voting has not started: it opens at %(time)s.") % {"time": _local(matter.opens_at)},
            code="vote_not_open",
        )
    if state != "open":
        raise VoteRefused(
            _("Voting closed at %(time)s: ballots are no longer accepted.")
            % {"time": _local(matter.closes_at)},
            code="vote_closed",
        )


@dataclass(frozen=True)
class Cast:
    matter: Matter
    closes_at: object


def cast_ballot(*, matter: Matter, code: str, choice: str, address: str = "", now=None) -> Cast:
    """Count (or change) the ballot of the household holding ``code``. Raises VoteRefused with
    the reason (not open, closed, wrong code, no choice) or TooManyTries."""
    check_open(matter, now)
    if choice not in Choice.values:
        raise VoteRefused(_("Choose “I agree” or “I disagree”."), field="choice", code="no_choice")
    check_limits(matter, address)
    typed = codes.normal(code)
    # The same work whatever was typed: a digest and one indexed look-up.
    digests = codes.code_digests(matter.pk, typed or "-")
    known = HouseholdCode.objects.filter(matter_id=matter.pk, digest__in=digests).exists()
    if not typed or not known:
        _count_failure(matter, address)
        raise VoteRefused(
            _(
                "This code is not valid for this vote. Check the code printed on your slip: "
                "12 letters and digits, for example ACDE-FGHJ-KMNP."
            ),
            field="code",
            code="wrong_code",
        )
    keys = codes.ballot_keys(matter.pk, typed)
    if len(keys) == 1:
        # One statement: INSERT … ON CONFLICT (matter, key) DO UPDATE — a second vote of the
        # same household replaces its first, even when both arrive at once.
        Ballot.objects.bulk_create(
            [Ballot(matter_id=matter.pk, key=keys[0], choice=choice)],
            update_conflicts=True,
            unique_fields=["matter", "key"],
            update_fields=["choice"],
        )
    else:  # keys being rotated: the ballot may sit under an older key
        with transaction.atomic():
            if not Ballot.objects.filter(matter_id=matter.pk, key__in=keys).update(choice=choice):
                try:
                    with transaction.atomic():
                        Ballot.objects.create(matter_id=matter.pk, key=keys[0], choice=choice)
                except IntegrityError:  # the same code sent twice at once: the later one wins
                    Ballot.objects.filter(matter_id=matter.pk, key__in=keys).update(choice=choice)
    return Cast(matter=matter, closes_at=matter.closes_at)


def tally(matter: Matter) -> dict[str, int]:
    """The online ballots of ``matter`` by choice (one query). Callers show it only after the
    close (``selectors.vote_result``)."""
    from django.db.models import Count

    counts = dict(
        Ballot.objects.filter(matter_id=matter.pk)
        .values_list("choice")
        .annotate(n=Count("id"))
        .values_list("choice", "n")
    )
    agree, disagree = counts.get(Choice.AGREE, 0), counts.get(Choice.DISAGREE, 0)
    return {"agreeing": agree, "disagreeing": disagree, "taking_part": agree + disagree}


def turnout(matter: Matter) -> int:
    """How many households have voted so far (no choice revealed): for the village head."""
    return Ballot.objects.filter(matter_id=matter.pk).count()
