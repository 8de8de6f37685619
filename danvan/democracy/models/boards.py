"""Dân kiểm tra, giám sát — the People's Inspection Board (Ban Thanh tra nhân dân) and the
Community Investment Supervision Board (Ban giám sát đầu tư của cộng đồng) of each commune, and
the public works the community supervises.

- A **board** of a commune for a term: its **members** (elected from the villages: one per
  village, at least five, Luật 10/2022, Điều 36.1) and its **activities** (an inspection, a
  supervision, a meeting) with their findings. A finding that asks something of a unit becomes
  a **recommendation** followed to closure.
- A **public work** under community supervision: the project, its budget and the people's
  contributions, and its progress over time.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.core.concurrency import Versioned


class BoardKind(models.TextChoices):
    INSPECTION = "inspection", _("People's Inspection Board")
    INVESTMENT = "investment", _("Community Investment Supervision Board")


class Board(Versioned):
    ACCESS_UNIT_PATH = "unit__path"

    unit = models.ForeignKey(
        "units.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("commune")
    )
    kind = models.CharField(_("board"), max_length=10, choices=BoardKind.choices)
    term_start = models.DateField(_("term from"))
    term_end = models.DateField(_("term until"))
    decision = models.CharField(_("recognised by (decision)"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-term_start", "-id"]
        verbose_name = _("board")
        verbose_name_plural = _("boards")
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__gt=models.F("term_start")), name="board_term_ordered"
            )
        ]
        indexes = [models.Index(fields=["unit", "-id"], name="board_unit_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.term_start:%Y}–{self.term_end:%Y}"


class MemberRole(models.TextChoices):
    HEAD = "head", _("Head")
    DEPUTY = "deputy", _("Deputy head")
    MEMBER = "member", _("Member")


class BoardMember(models.Model):
    ACCESS_UNIT_PATH = "board__unit__path"

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="members")
    full_name = models.CharField(_("full name"), max_length=150)
    role = models.CharField(
        _("role"), max_length=8, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    village = models.ForeignKey(
        "units.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("elected by the village"),
    )
    since = models.DateField(_("member since"))
    until = models.DateField(_("member until"), null=True, blank=True)

    class Meta:
        ordering = ["board", "role", "full_name"]
        verbose_name = _("board member")
        verbose_name_plural = _("board members")

    def __str__(self) -> str:
        return self.full_name


class ActivityKind(models.TextChoices):
    INSPECTION = "inspection", _("Inspection")
    SUPERVISION = "supervision", _("Supervision")
    MEETING = "meeting", _("Meeting of the board")
    OTHER = "other", _("Other")


class PublicWork(Versioned):
    ACCESS_UNIT_PATH = "unit__path"

    unit = models.ForeignKey(
        "units.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("commune")
    )
    village = models.ForeignKey(
        "units.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("village"),
    )
    name = models.CharField(_("work"), max_length=300)
    owner = models.CharField(_("investor"), max_length=200, blank=True)
    budget = models.DecimalField(_("total budget (VND)"), max_digits=16, decimal_places=0)
    state_funds = models.DecimalField(
        _("from the state budget (VND)"), max_digits=16, decimal_places=0, default=0
    )
    contributions = models.DecimalField(
        _("people's contributions (VND)"), max_digits=16, decimal_places=0, default=0
    )
    matter = models.ForeignKey(
        "democracy.Matter",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="works",
        verbose_name=_("decided by the village matter"),
    )
    board = models.ForeignKey(
        Board,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="works",
        verbose_name=_("supervised by"),
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("planned end"), null=True, blank=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    is_public = models.BooleanField(_("on the commune's public page"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("public work")
        verbose_name_plural = _("public works")
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="work_progress_le_100"),
            models.CheckConstraint(
                condition=Q(state_funds__lte=models.F("budget"))
                & Q(contributions__lte=models.F("budget")),
                name="work_funds_le_budget",
            ),
        ]
        indexes = [models.Index(fields=["unit", "-id"], name="work_unit_idx")]

    def __str__(self) -> str:
        return self.name


class WorkUpdate(models.Model):
    ACCESS_UNIT_PATH = "work__unit__path"

    work = models.ForeignKey(PublicWork, on_delete=models.CASCADE, related_name="updates")
    on = models.DateField(_("date"))
    progress = models.PositiveSmallIntegerField(_("progress (%)"))
    note = models.TextField(_("what was done"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name = _("progress of a work")
        verbose_name_plural = _("progress of works")

    def __str__(self) -> str:
        return f"{self.on:%d/%m/%Y}: {self.progress}%"


class Activity(models.Model):
    ACCESS_UNIT_PATH = "board__unit__path"

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("activity"), max_length=12, choices=ActivityKind.choices)
    held_on = models.DateField(_("held on"))
    subject = models.CharField(_("subject"), max_length=300)
    work = models.ForeignKey(
        PublicWork,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("public work supervised"),
    )
    findings = models.TextField(_("findings"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("activity of a board")
        verbose_name_plural = _("activities of boards")
        indexes = [models.Index(fields=["board", "-held_on"], name="activity_board_idx")]

    def __str__(self) -> str:
        return self.subject


class FindingStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Carried out")
    NOT_ACCEPTED = "not_accepted", _("Not accepted, with reasons")


class Finding(Versioned):
    """A finding of a board's activity and what it recommends, followed to closure.

    A minimal link: the one recommendation model of the oversight app will take these over
    (source kinds "democracy.people_inspection" and "democracy.investment_supervision")."""

    ACCESS_UNIT_PATH = "activity__board__unit__path"

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="findings_list")
    number = models.PositiveSmallIntegerField(_("no."))
    text = models.TextField(_("finding"))
    recommendation = models.TextField(_("recommendation"))
    addressee = models.ForeignKey(
        "units.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("addressed to"),
    )
    due_date = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=FindingStatus.choices, default=FindingStatus.OPEN
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    outcome = models.TextField(_("what was done, or the reasons"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["activity", "number"]
        verbose_name = _("finding of a board")
        verbose_name_plural = _("findings of boards")
        constraints = [
            models.UniqueConstraint(fields=["activity", "number"], name="finding_number")
        ]
        indexes = [models.Index(fields=["status", "due_date"], name="finding_due_idx")]

    def __str__(self) -> str:
        return self.recommendation[:80]

    def is_overdue_on(self, today) -> bool:
        return (
            self.status == FindingStatus.OPEN
            and self.due_date is not None
            and self.due_date < today
        )
