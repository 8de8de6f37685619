"""Writes of the disclosure register (dân biết): an entry with its first posting, more
postings (another channel, the same notice posted again), changes, and the flags the
compliance view reads — posted late, posted too short a time or not on a channel the law asks.

Luật 10/2022, Điều 11 (what a commune discloses), Điều 12 (the channels), Điều 13 (how long:
at least 03 consecutive days on the loudspeakers for Điều 11.7–12); Luật Tiếp cận thông tin
2016, Điều 21.2 (at least 30 days on a notice board where no law says otherwise). The minimum
per item and channel is data (``ChannelRule``), edited by administrators.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.accounts import access
from danvan.audit import services as audit
from danvan.core import files
from danvan.core.concurrency import bump, check_version, lock
from danvan.core.errors import ValidationFailed
from danvan.core.validation import clean_text
from danvan.democracy.models import Audience, Channel, Disclosure, DisclosureItem, Posting
from danvan.democracy.rules import MANAGE
from danvan.democracy.services.common import TEXT_MAX, TITLE_MAX, check_day, is_commune
from danvan.lib.grassroots import posting_days

_AUDITED = ["item", "title", "summary", "decided_on", "is_public", "is_late", "is_short"]


def _check_unit_for(item: DisclosureItem, unit) -> None:
    if item.audience == Audience.COMMUNE and not is_commune(unit):
        raise ValidationFailed(
            _("This item is disclosed by a commune: choose a commune, ward or special zone."),
            field="unit",
            code="not_a_commune",
        )
    if item.audience == Audience.AGENCY and (unit is None or unit.unit_type.is_territory):
        raise ValidationFailed(
            _("This item is disclosed by an agency to its staff: choose the agency."),
            field="unit",
            code="not_an_agency",
        )


def _check_item(item) -> DisclosureItem:
    if item is None or not isinstance(item, DisclosureItem) or not item.is_active:
        raise ValidationFailed(_("Choose what is disclosed, from the law's list."), field="item")
    return item


def _photo(upload):
    if not upload:
        return None
    checked = files.check_file(upload)
    prepared = files.prepare_image(checked)
    return prepared.content


def _check_posting(*, decided_on, channel, place, posted_from, posted_until) -> dict:
    if channel not in Channel.values:
        raise ValidationFailed(_("Choose where it was posted."), field="channel")
    posted_from = check_day(posted_from, field="posted_from", label=_("first day posted"))
    posted_until = check_day(posted_until, field="posted_until", label=_("last day posted"))
    if posted_until < posted_from:
        raise ValidationFailed(
            _("The last day posted cannot be before the first."), field="posted_until"
        )
    if decided_on and posted_from < decided_on:
        raise ValidationFailed(
            _("It cannot be posted before it was decided or issued."), field="posted_from"
        )
    place = clean_text(place, field="place", label=_("place"), max_length=200, one_line=True)
    return {
        "channel": channel,
        "place": place,
        "posted_from": posted_from,
        "posted_until": posted_until,
    }


def channel_gaps(disclosure: Disclosure, postings: list[Posting] | None = None) -> list[dict]:
    """The item's channel rules this disclosure does not meet: the channel, the minimum and
    the longest posting found there (0 when it was not posted there at all)."""
    postings = list(disclosure.postings.all()) if postings is None else postings
    gaps = []
    for rule in disclosure.item.rules.all():
        longest = max(
            (
                posting_days(p.posted_from, p.posted_until)
                for p in postings
                if p.channel == rule.channel
            ),
            default=0,
        )
        if longest < rule.min_days:
            gaps.append(
                {
                    "channel": rule.channel,
                    "label": rule.get_channel_display(),
                    "min_days": rule.min_days,
                    "days": longest,
                    "legal_basis": rule.legal_basis,
                }
            )
    return gaps


def posted_late(disclosure: Disclosure) -> bool:
    limit = disclosure.item.max_delay_days
    if limit is None or disclosure.first_posted_on is None:
        return False
    return disclosure.first_posted_on > disclosure.decided_on + dt.timedelta(days=limit)


def _refresh_flags(disclosure: Disclosure) -> None:
    postings = list(disclosure.postings.all())
    disclosure.first_posted_on = min((p.posted_from for p in postings), default=None)
    disclosure.is_late = posted_late(disclosure)
    disclosure.is_short = bool(channel_gaps(disclosure, postings))
    disclosure.save(update_fields=["first_posted_on", "is_late", "is_short"])


@transaction.atomic
def disclosure_create(
    *,
    actor,
    unit,
    item,
    title: str,
    summary: str = "",
    decided_on,
    is_public: bool = True,
    channel: str,
    place: str = "",
    posted_from,
    posted_until,
    photo=None,
) -> Disclosure:
    """Enter what a unit disclosed, with its first posting (and a photo of the board)."""
    if unit is None:
        raise ValidationFailed(_("Choose the unit."), field="unit")
    access.require(actor, MANAGE, unit)
    item = _check_item(item)
    _check_unit_for(item, unit)
    title = clean_text(title, field="title", label=_("title"), max_length=TITLE_MAX, required=True)
    summary = clean_text(summary, field="summary", label=_("content"), max_length=TEXT_MAX)
    decided_on = check_day(decided_on, field="decided_on", label=_("date decided"), future=False)
    posting = _check_posting(
        decided_on=decided_on,
        channel=channel,
        place=place,
        posted_from=posted_from,
        posted_until=posted_until,
    )
    content = _photo(photo)
    disclosure = Disclosure.objects.create(
        unit=unit,
        item=item,
        title=title,
        summary=summary,
        decided_on=decided_on,
        year=decided_on.year,
        is_public=bool(is_public),
        created_by=actor,
    )
    made = Posting(disclosure=disclosure, created_by=actor, **posting)
    if content is not None:
        made.photo.save(content.name, content, save=False)
    made.save()
    _refresh_flags(disclosure)
    audit.record(
        actor,
        "democracy.disclosure.created",
        disclosure,
        after=audit.snapshot(disclosure, _AUDITED),
    )
    return disclosure


@transaction.atomic
def disclosure_update(
    *,
    actor,
    disclosure: Disclosure,
    item,
    title: str,
    summary: str = "",
    decided_on,
    is_public: bool = True,
    version=None,
) -> Disclosure:
    disclosure = lock(disclosure)
    access.require(actor, MANAGE, disclosure)
    check_version(disclosure, version)
    before = audit.snapshot(disclosure, _AUDITED)
    item = _check_item(item)
    _check_unit_for(item, disclosure.unit)
    decided_on = check_day(decided_on, field="decided_on", label=_("date decided"), future=False)
    first = disclosure.postings.order_by("posted_from").first()
    if first is not None and first.posted_from < decided_on:
        raise ValidationFailed(
            _("It was posted on %(day)s: it cannot have been decided after that.")
            % {"day": first.posted_from.strftime("%d/%m/%Y")},
            field="decided_on",
        )
    disclosure.item = item
    disclosure.title = clean_text(
        title, field="title", label=_("title"), max_length=TITLE_MAX, required=True
    )
    disclosure.summary = clean_text(
        summary, field="summary", label=_("content"), max_length=TEXT_MAX
    )
    disclosure.decided_on = decided_on
    disclosure.year = decided_on.year
    disclosure.is_public = bool(is_public)
    bump(disclosure)
    disclosure.save()
    _refresh_flags(disclosure)
    audit.record(
        actor,
        "democracy.disclosure.changed",
        disclosure,
        before=before,
        after=audit.snapshot(disclosure, _AUDITED),
    )
    return disclosure


@transaction.atomic
def posting_add(
    *,
    actor,
    disclosure: Disclosure,
    channel: str,
    place: str = "",
    posted_from,
    posted_until,
    photo=None,
) -> Posting:
    """Another channel (or the same notice posted again), with its dates and photo."""
    disclosure = lock(disclosure)
    access.require(actor, MANAGE, disclosure)
    data = _check_posting(
        decided_on=disclosure.decided_on,
        channel=channel,
        place=place,
        posted_from=posted_from,
        posted_until=posted_until,
    )
    content = _photo(photo)
    posting = Posting(disclosure=disclosure, created_by=actor, **data)
    if content is not None:
        posting.photo.save(content.name, content, save=False)
    posting.save()
    _refresh_flags(disclosure)
    audit.record(
        actor,
        "democracy.posting.added",
        disclosure,
        after={
            **data,
            "posted_from": str(data["posted_from"]),
            "posted_until": str(data["posted_until"]),
        },
    )
    return posting


@transaction.atomic
def posting_delete(*, actor, posting: Posting) -> None:
    disclosure = lock(posting.disclosure)
    access.require(actor, MANAGE, disclosure)
    if disclosure.postings.count() <= 1:
        raise ValidationFailed(
            _(
                "A disclosure keeps at least one posting: change it instead, or enter the right one first."
            ),
            code="last_posting",
        )
    before = {
        "channel": posting.channel,
        "posted_from": str(posting.posted_from),
        "posted_until": str(posting.posted_until),
    }
    if posting.photo:
        posting.photo.delete(save=False)
    posting.delete()
    _refresh_flags(disclosure)
    audit.record(actor, "democracy.posting.deleted", disclosure, before=before)
