"""Dân biết — what a commune (and an agency, for its staff) must disclose, and each commune's
register of what it disclosed, where and until when.

- A **disclosure item** is one line of the law's list (Luật 10/2022, Điều 11 for the commune;
  the agency's list for its staff), kept as data administrators edit: its title, the article,
  how often it falls due in a year (0: whenever it happens), the days after its decision by
  which it should be posted (empty: the law sets none), and per channel the minimum time it
  must stay up (**channel rules**: notice board 30 days, loudspeakers 3 days for Điều
  11.7–12, …).
- A **disclosure** is one entry of a commune's register: which item, what (title, summary),
  decided on, public on the commune's page or not. Each **posting** says where it was posted
  (notice board, loudspeaker, website, village meeting …), from and until, where exactly, and
  a photo of the board as evidence.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.core.concurrency import Versioned
from danvan.lib.grassroots import posted_long_enough, posting_days
from danvan.lib.text import fold


class Audience(models.TextChoices):
    COMMUNE = "commune", _("A commune, for its people")
    AGENCY = "agency", _("An agency, for its staff")


class Channel(models.TextChoices):
    NOTICE_BOARD = "board", _("Notice board at the commune office")
    WEBSITE = "website", _("The commune's website")
    LOUDSPEAKER = "radio", _("Commune loudspeakers")
    VILLAGE_MEETING = "village", _("Village meeting, through the village head")
    LETTER = "letter", _("Written notice to the households")
    DIALOGUE = "dialogue", _("Dialogue conference with the people")
    SOCIAL = "social", _("Telecom network, messages, social network")
    OTHER = "other", _("Other")


class DisclosureItem(models.Model):
    """One line of the law's list. Global data: superusers edit it in the admin."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    audience = models.CharField(
        _("who discloses"), max_length=10, choices=Audience.choices, default=Audience.COMMUNE
    )
    title = models.CharField(_("what must be disclosed"), max_length=500)
    legal_basis = models.CharField(_("legal basis"), max_length=200)
    per_year = models.PositiveSmallIntegerField(
        _("times a year"),
        default=0,
        help_text=_("1: yearly, 4: quarterly; 0: whenever it happens (not counted as missing)."),
    )
    max_delay_days = models.PositiveSmallIntegerField(
        _("posted at most this many days after the decision"),
        null=True,
        blank=True,
        help_text=_("Empty: no time limit; a later posting is not marked late."),
    )
    ordering = models.PositiveSmallIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("in use"), default=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["audience", "ordering", "id"]
        verbose_name = _("disclosure item")
        verbose_name_plural = _("disclosure items (the law's list)")

    def __str__(self) -> str:
        text = self.title if len(self.title) <= 90 else f"{self.title[:89]}…"
        return f"{self.legal_basis_short}: {text}" if self.legal_basis_short else text

    @property
    def legal_basis_short(self) -> str:
        return self.legal_basis.split(",")[-1].strip() if self.legal_basis else ""


class ChannelRule(models.Model):
    """An item must be posted on ``channel`` for at least ``min_days`` consecutive days."""

    item = models.ForeignKey(DisclosureItem, on_delete=models.CASCADE, related_name="rules")
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    min_days = models.PositiveSmallIntegerField(_("minimum days posted"), default=0)
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)

    class Meta:
        ordering = ["item", "channel"]
        verbose_name = _("channel rule")
        verbose_name_plural = _("channel rules")
        constraints = [
            models.UniqueConstraint(fields=["item", "channel"], name="democracy_rule_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} ≥ {self.min_days}"


class Disclosure(Versioned):
    ACCESS_UNIT_PATH = "unit__path"

    unit = models.ForeignKey(
        "units.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    item = models.ForeignKey(
        DisclosureItem,
        on_delete=models.PROTECT,
        related_name="disclosures",
        verbose_name=_("item of the list"),
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("content"), blank=True)
    decided_on = models.DateField(_("decided or issued on"))
    #: the first day it was posted anywhere (the earliest posting), kept for the lists
    first_posted_on = models.DateField(_("first posted on"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    is_public = models.BooleanField(_("on the commune's public page"), default=True)
    is_late = models.BooleanField(_("posted late"), default=False)
    is_short = models.BooleanField(_("posted for too short a time"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    title_folded = models.CharField(max_length=300, editable=False, default="")

    class Meta:
        ordering = ["-id"]
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosures")
        indexes = [
            # The compliance view: a year's disclosures of many communes, per item, with the
            # flags it counts (PostgreSQL answers it from the index alone).
            models.Index(
                fields=["year", "unit", "item", "is_late", "is_short"],
                name="disclosure_compliance_idx",
            ),
            models.Index(fields=["unit", "-id"], name="disclosure_unit_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.title_folded = fold(self.title)[:300]
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "title_folded"}
        super().save(*args, **kwargs)


def photo_path(instance: "Posting", filename: str) -> str:
    """A random name: the address of a photo reveals nothing and cannot be guessed."""
    import uuid

    from django.utils import timezone

    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"democracy/postings/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


class Posting(models.Model):
    ACCESS_UNIT_PATH = "disclosure__unit__path"

    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="postings")
    channel = models.CharField(_("where"), max_length=10, choices=Channel.choices)
    place = models.CharField(_("exactly where"), max_length=200, blank=True)
    posted_from = models.DateField(_("posted from"))
    posted_until = models.DateField(_("posted until"))
    photo = models.ImageField(_("photo of the board"), upload_to=photo_path, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["posted_from", "id"]
        verbose_name = _("posting")
        verbose_name_plural = _("postings")
        constraints = [
            models.CheckConstraint(
                condition=Q(posted_until__gte=models.F("posted_from")),
                name="democracy_posting_ordered",
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_channel_display()} {self.posted_from:%d/%m/%Y}–{self.posted_until:%d/%m/%Y}"
        )

    @property
    def days(self) -> int:
        return posting_days(self.posted_from, self.posted_until)

    def long_enough(self, min_days: int | None) -> bool:
        return posted_long_enough(self.posted_from, self.posted_until, min_days)
