"""Periodic reports (báo cáo định kỳ): templates, rounds, submissions and their versions.

- A **template** holds the narrative sections (results, limitations, causes, tasks ahead,
  proposals) and the numeric **indicators** with their rules; rounds reuse it. A template
  used by a round is locked (a copy is edited instead), so every submission reads the rules
  it was written under.
- A **round** is opened by a unit: kind, period, data cut-off, due date, the units that must
  report and the recipient that consolidates (need not be the opener's parent).
- A **submission** is one expected unit's report in a round; it exists from the opening (so
  "missing" is a row, not an absence): pending → draft → submitted → accepted, or returned →
  submitted again. Each submission writes an immutable **version**.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.lib.text import fold

STANDARD_SECTIONS = (
    ("results", "Kết quả đạt được"),
    ("limitations", "Hạn chế"),
    ("causes", "Nguyên nhân"),
    ("tasks_ahead", "Nhiệm vụ, giải pháp thời gian tới"),
    ("proposals", "Đề xuất, kiến nghị"),
)


class ReportKind(models.TextChoices):
    SIX_MONTH = "six_month", _("6-month report")
    ANNUAL = "annual", _("Annual report")
    THEMATIC = "thematic", _("Thematic report")
    AD_HOC = "ad_hoc", _("Ad-hoc report")


class Aggregation(models.TextChoices):
    SUM = "sum", _("Sum")
    AVERAGE = "avg", _("Average")


class SelectionMode(models.TextChoices):
    SUBTREE = "subtree", _("Every unit of a subtree")
    TYPES = "types", _("Units of chosen types within a subtree")
    LIST = "list", _("A list of units")


class SubmissionStatus(models.TextChoices):
    PENDING = "pending", _("Not started")
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    ACCEPTED = "accepted", _("Accepted")


OPEN_STATUSES = (SubmissionStatus.PENDING, SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)
EDITABLE_STATUSES = OPEN_STATUSES
IN_HAND_STATUSES = (SubmissionStatus.SUBMITTED, SubmissionStatus.ACCEPTED)


class ReportTemplate(models.Model):
    ACCESS_UNIT_PATH = "unit__path"

    unit = models.ForeignKey(
        "units.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("owner unit")
    )
    name = models.CharField(_("name"), max_length=300)
    sections = models.JSONField(
        _("narrative sections"), default=list, help_text=_("[[key, title], …]")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("report template")
        verbose_name_plural = _("report templates")

    def __str__(self) -> str:
        return self.name

    def section_list(self) -> list[tuple[str, str]]:
        return [(str(key), str(title)) for key, title in self.sections or []]


class Indicator(models.Model):
    ACCESS_UNIT_PATH = "template__unit__path"

    template = models.ForeignKey(
        ReportTemplate, on_delete=models.CASCADE, related_name="indicators"
    )
    position = models.PositiveSmallIntegerField(default=0)
    code = models.SlugField(_("code"), max_length=40)
    label = models.CharField(_("indicator"), max_length=300)
    unit_label = models.CharField(_("unit of measure"), max_length=40, blank=True)
    aggregation = models.CharField(
        _("consolidated as"), max_length=4, choices=Aggregation.choices, default=Aggregation.SUM
    )
    integer_only = models.BooleanField(_("whole numbers only"), default=True)
    non_negative = models.BooleanField(_("not negative"), default=True)
    at_most = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("at most the indicator"),
    )
    source_key = models.CharField(_("pre-filled from"), max_length=80, blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(fields=["template", "code"], name="indicator_unique_code")
        ]

    def __str__(self) -> str:
        return self.label


class ReportRound(models.Model):
    ACCESS_UNIT_PATH = "unit__path"

    unit = models.ForeignKey(
        "units.OrgUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("opened by"),
    )
    recipient = models.ForeignKey(
        "units.OrgUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recipient (consolidates)"),
    )
    template = models.ForeignKey(
        ReportTemplate, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("template")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ReportKind.choices)
    title = models.CharField(_("title"), max_length=300)
    title_folded = models.CharField(max_length=300, editable=False, default="")
    year = models.PositiveSmallIntegerField(_("year"))
    data_from = models.DateField(_("data from"))
    data_to = models.DateField(_("data cut-off"))
    opens_on = models.DateField(_("open from"))
    due_date = models.DateField(_("due date"))
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    selection_mode = models.CharField(
        _("units that must report"), max_length=8, choices=SelectionMode.choices
    )
    selection_root = models.ForeignKey(
        "units.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("within"),
    )
    selection_types = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("report round")
        verbose_name_plural = _("report rounds")
        constraints = [
            models.CheckConstraint(
                condition=Q(data_to__gte=models.F("data_from")), name="round_period_ordered"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.title_folded = fold(self.title)[:300]
        super().save(*args, **kwargs)


class Submission(models.Model):
    ACCESS_UNIT_PATH = "unit__path"

    round = models.ForeignKey(ReportRound, on_delete=models.CASCADE, related_name="submissions")
    unit = models.ForeignKey(
        "units.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    # The area the unit belongs to, one level below the round's scope (a province in a national
    # round, a commune in a provincial one): the dashboard groups by it.
    area = models.ForeignKey(
        "units.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("area")
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.PENDING,
    )
    narrative = models.JSONField(_("narrative"), default=dict, blank=True)
    first_submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    is_late = models.BooleanField(_("late"), default=False)
    version = models.PositiveIntegerField(default=0)
    review_comment = models.TextField(_("comments"), blank=True)
    filled_from = models.ForeignKey(
        ReportRound,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("filled from the consolidation of"),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="submission_unique_unit")
        ]
        indexes = [
            models.Index(fields=["round", "status"], name="submission_round_status_idx"),
            models.Index(fields=["unit", "status"], name="submission_unit_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.round}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES


class SubmissionValue(models.Model):
    ACCESS_UNIT_PATH = "submission__unit__path"

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    value = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    # What the system counted when the form was first filled; kept to show a changed figure.
    prefilled = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    note = models.CharField(_("note on the change"), max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "indicator"], name="submissionvalue_unique"
            )
        ]
        indexes = [models.Index(fields=["indicator"], name="submissionvalue_indicator_idx")]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.value}"

    @property
    def is_changed(self) -> bool:
        return self.prefilled is not None and self.value != self.prefilled


class SubmissionVersion(models.Model):
    """One submitted state of a report, never changed afterwards except its review outcome."""

    ACCESS_UNIT_PATH = "submission__unit__path"

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    narrative = models.JSONField(default=dict)
    figures = models.JSONField(default=dict)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField()
    is_late = models.BooleanField(default=False)
    outcome = models.CharField(max_length=10, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "number"], name="submissionversion_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.submission} v{self.number}"
