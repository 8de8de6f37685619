"""Dân bàn và quyết định — what a village (thôn, tổ dân phố) decides itself, and how.

A **matter** belongs to a village (a unit of the tree, level "village"): a contribution to a
public work, the village covenant (hương ước, quy ước), electing or dismissing the village head
or a board member, or another self-managed matter (Luật 10/2022, Điều 15). It carries the
proposed text and the number of households (a count: the commune may also keep the list of
its **households**). The village decides it in one of three forms:

- a **meeting** of the community: the village head enters attendance and the tally from the
  minutes;
- **ballots to households** (phát phiếu): issued, returned, agreeing, disagreeing, invalid;
- an **online vote**: each household gets a printed code (no account). One vote per household,
  changeable until the close, secret, the result hidden until the close.

Secrecy of the online vote. A **household code** row holds only a keyed digest of the code (the
code itself is printed once and never stored) and the number of its slip. A **ballot** holds a
second keyed digest of the code — a different key — and the choice: nothing else, no time, no
link to the code row. Without the printed code nobody, administrators included, can tell which
household a ballot belongs to; with it, the same household finds its own ballot again and
changes it (the ballot row is replaced, never added: one ballot per code, a unique key). Casting
a ballot writes nothing else (no audit row, no "used" flag on the code) so that neither a
timestamp nor a transaction id ties the two tables together.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.concurrency import Versioned
from danvan.lib.text import fold


class MatterKind(models.TextChoices):
    CONTRIBUTION = "contribution", _("Contribution to a public work")
    COVENANT = "covenant", _("Village covenant (hương ước, quy ước)")
    VILLAGE_HEAD = "village_head", _("Electing or dismissing the village head")
    BOARD_MEMBER = "board_member", _("Electing or dismissing a board member")
    OTHER = "other", _("Other matter of the community")


#: kinds whose result the commune chair recognises (công nhận): the covenant (Nghị định
#: 61/2023), the village head and the members of the boards (Luật 10/2022, Điều 15; Nghị định
#: 59/2023). The other results are sent to the commune for its information.
RECOGNISED_KINDS = (MatterKind.COVENANT, MatterKind.VILLAGE_HEAD, MatterKind.BOARD_MEMBER)


class DecisionForm(models.TextChoices):
    MEETING = "meeting", _("Meeting of the community")
    BALLOTS = "ballots", _("Ballots to households")
    ONLINE = "online", _("Online vote with household codes")


class MatterStatus(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    VOTING = "voting", _("Online vote under way")
    DECIDED = "decided", _("Result recorded")
    SENT = "sent", _("Sent to the commune")
    RECOGNISED = "recognised", _("Recognised by the commune")
    NOT_RECOGNISED = "not_recognised", _("Not recognised by the commune")
    CANCELLED = "cancelled", _("Cancelled")


class Choice(models.TextChoices):
    AGREE = "agree", _("I agree")
    DISAGREE = "disagree", _("I disagree")


class Matter(Versioned):
    ACCESS_UNIT_PATH = "village__path"

    village = models.ForeignKey(
        "units.OrgUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("village or residential group"),
    )
    #: the commune the village belongs to (its territory above), kept for lists and figures
    commune = models.ForeignKey(
        "units.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("commune")
    )
    kind = models.CharField(_("matter"), max_length=14, choices=MatterKind.choices)
    title = models.CharField(_("title"), max_length=300)
    proposed_text = models.TextField(_("proposed text"))
    households = models.PositiveIntegerField(_("households of the village"))
    form = models.CharField(_("decided by"), max_length=8, choices=DecisionForm.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=MatterStatus.choices, default=MatterStatus.DRAFT
    )
    # The online vote.
    opens_at = models.DateTimeField(_("voting opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("voting closes"), null=True, blank=True)
    codes_issued = models.PositiveIntegerField(_("codes issued"), default=0)
    # The result (entered from the minutes and tallies, or counted from the online ballots).
    held_on = models.DateField(_("held or closed on"), null=True, blank=True)
    taking_part = models.PositiveIntegerField(_("households taking part"), null=True, blank=True)
    agreeing = models.PositiveIntegerField(_("households agreeing"), null=True, blank=True)
    disagreeing = models.PositiveIntegerField(_("households disagreeing"), null=True, blank=True)
    invalid = models.PositiveIntegerField(_("invalid ballots"), null=True, blank=True)
    ballots_issued = models.PositiveIntegerField(_("ballots issued"), null=True, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    is_public = models.BooleanField(_("result on the commune's public page"), default=False)
    # Sending to the commune (Nghị định 59/2023, Điều 4.7) and its recognition.
    report_due = models.DateField(_("to send to the commune by"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent to the commune at"), null=True, blank=True)
    recognised_at = models.DateTimeField(_("recognised at"), null=True, blank=True)
    recognised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recognition_note = models.TextField(_("commune's decision"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    title_folded = models.CharField(max_length=300, editable=False, default="")

    class Meta:
        ordering = ["-id"]
        verbose_name = _("village matter")
        verbose_name_plural = _("village matters")
        constraints = [
            models.CheckConstraint(condition=Q(households__gte=1), name="matter_households"),
            models.CheckConstraint(
                condition=Q(taking_part__isnull=True) | Q(taking_part__lte=models.F("households")),
                name="matter_taking_part_le_households",
            ),
            models.CheckConstraint(
                condition=Q(closes_at__isnull=True) | Q(closes_at__gt=models.F("opens_at")),
                name="matter_vote_window",
            ),
        ]
        indexes = [
            models.Index(fields=["commune", "-id"], name="matter_commune_idx"),
            models.Index(fields=["village", "-id"], name="matter_village_idx"),
            models.Index(fields=["status", "report_due"], name="matter_report_due_idx"),
            models.Index(fields=["held_on"], name="matter_held_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.title_folded = fold(self.title)[:300]
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "title_folded"}
        super().save(*args, **kwargs)

    @property
    def is_online(self) -> bool:
        return self.form == DecisionForm.ONLINE

    @property
    def needs_recognition(self) -> bool:
        return self.kind in RECOGNISED_KINDS

    def vote_state(self, now=None) -> str:
        """ "" (not an open online vote), "scheduled", "open" or "closed"."""
        if not self.is_online or self.opens_at is None or self.closes_at is None:
            return ""
        if self.status == MatterStatus.CANCELLED:
            return ""
        now = now or timezone.now()
        if now < self.opens_at:
            return "scheduled"
        if now < self.closes_at:
            return "open"
        return "closed"

    def is_closed(self, now=None) -> bool:
        return self.vote_state(now) == "closed"


class Household(models.Model):
    """A household of a village, in the list the commune may keep (personal data: staff only)."""

    ACCESS_UNIT_PATH = "village__path"

    village = models.ForeignKey(
        "units.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("village")
    )
    number = models.PositiveIntegerField(_("no."))
    head_name = models.CharField(_("head of household"), max_length=150)
    address = models.CharField(_("address"), max_length=300, blank=True)
    members = models.PositiveSmallIntegerField(_("members"), null=True, blank=True)
    is_active = models.BooleanField(_("still living here"), default=True)

    class Meta:
        ordering = ["village", "number"]
        verbose_name = _("household")
        verbose_name_plural = _("households")
        constraints = [
            models.UniqueConstraint(fields=["village", "number"], name="household_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.head_name}"


class HouseholdCode(models.Model):
    """A printed voting code: only its keyed digest and its slip number are kept."""

    ACCESS_UNIT_PATH = "matter__village__path"

    # No index of its own: the unique (matter, digest) and (matter, slip) lead with it.
    matter = models.ForeignKey(
        Matter, on_delete=models.CASCADE, related_name="codes", db_index=False
    )
    slip = models.PositiveIntegerField()
    digest = models.CharField(max_length=64)

    class Meta:
        ordering = ["matter", "slip"]
        constraints = [
            models.UniqueConstraint(fields=["matter", "digest"], name="household_code_digest"),
            models.UniqueConstraint(fields=["matter", "slip"], name="household_code_slip"),
        ]

    def __str__(self) -> str:
        return f"#{self.slip}"


class Ballot(models.Model):
    """One household's secret online ballot: a keyed digest of its code and the choice only."""

    ACCESS_UNIT_PATH = "matter__village__path"

    # No index of its own: the unique (matter, key), which the tally reads, leads with it.
    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="+", db_index=False)
    key = models.CharField(max_length=64)
    choice = models.CharField(max_length=8, choices=Choice.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["matter", "key"], name="ballot_one_per_code"),
            models.CheckConstraint(
                condition=Q(choice__in=Choice.values), name="ballot_choice_known"
            ),
        ]

    def __str__(self) -> str:
        return "ballot"  # secret: nothing to show
