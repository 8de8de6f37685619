"""Inspections (kiểm tra): a unit's plan for a period, one inspection per inspected unit, its
team, and the steps from the notice to the conclusion.

- ``InspectionPlan``: the organiser's plan (kế hoạch kiểm tra) for a period: topics, the units to
  inspect with planned dates, possibly fulfilling a task of an issued plan (seed 001: "Lập kế
  hoạch kiểm tra … báo cáo kết quả về Sở Nội vụ trước ngày 01/11"), whose progress then follows
  the inspections concluded;
- ``Inspection``: one inspected unit: planned → notified (thông báo kiểm tra) → in progress
  (self-report received, visit) → concluded (kết luận / thông báo kết luận, with its number and
  date); its recommendations are ``Recommendation`` rows whose source is the inspection;
- ``TeamMember``: the team (đoàn kiểm tra): a head and members from several units. A member
  reads the inspection only between ``valid_from`` and ``valid_until`` (the inspection's dates):
  a time-boxed grant through the access module, not a role;
- ``WorkingRecord`` (biên bản làm việc), ``Finding`` (what the team found), ``InspectionDocument``
  (the files: notice, self-report, records, conclusion).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.core.concurrency import Versioned
from danvan.lib.text import fold


class InspectionPlan(Versioned):
    ACCESS_UNIT_PATH = "unit__path"

    unit = models.ForeignKey(
        "units.OrgUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organising unit"),
    )
    title = models.CharField(_("title"), max_length=500)
    title_folded = models.CharField(max_length=500, editable=False, default="")
    number = models.CharField(_("number and symbol"), max_length=60, blank=True)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    topics = models.ManyToManyField(
        "oversight.Topic", related_name="inspection_plans", blank=True, verbose_name=_("topics")
    )
    task_assignment = models.ForeignKey(
        "plans.TaskAssignment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("task it fulfils"),
    )
    report_to = models.ForeignKey(
        "units.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("report the results to"),
    )
    report_due = models.DateField(_("report by"), null=True, blank=True)
    reported_on = models.DateField(_("results reported on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-period_start", "-id"]
        verbose_name = _("inspection plan")
        verbose_name_plural = _("inspection plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="inspectionplan_period_ordered",
            )
        ]
        indexes = [models.Index(fields=["report_due"], name="inspectionplan_report_due")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.title_folded = fold(self.title)[:500]
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "title_folded"}
        super().save(*args, **kwargs)


class InspectionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    NOTIFIED = "notified", _("Notified to the unit")
    IN_PROGRESS = "in_progress", _("In progress")
    CONCLUDED = "concluded", _("Concluded")


OPEN_INSPECTION = (InspectionStatus.NOTIFIED, InspectionStatus.IN_PROGRESS)


class Inspection(Versioned):
    ACCESS_UNIT_PATH = "plan__unit__path"

    plan = models.ForeignKey(InspectionPlan, on_delete=models.CASCADE, related_name="inspections")
    unit = models.ForeignKey(
        "units.OrgUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("inspected unit"),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=InspectionStatus.choices,
        default=InspectionStatus.PLANNED,
    )
    notice_number = models.CharField(_("notice number"), max_length=60, blank=True)
    notice_date = models.DateField(_("notice date"), null=True, blank=True)
    notice_text = models.TextField(_("what the unit is asked to prepare"), blank=True)
    self_report_due = models.DateField(_("self-report due by"), null=True, blank=True)
    self_report = models.TextField(_("self-report"), blank=True)
    self_reported_at = models.DateTimeField(null=True, blank=True)
    self_reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    conclusion_number = models.CharField(_("number"), max_length=20, blank=True)
    conclusion_symbol = models.CharField(_("symbol"), max_length=60, blank=True)
    conclusion_date = models.DateField(_("date of the conclusion"), null=True, blank=True)
    conclusion_text = models.TextField(_("conclusion"), blank=True)
    signer_name = models.CharField(_("signer"), max_length=150, blank=True)
    signer_position = models.CharField(_("signer's position"), max_length=150, blank=True)
    recipients = models.TextField(_("recipients"), blank=True, help_text=_("One per line."))
    concluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_on", "id"]
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="inspection_dates_ordered"
            ),
            models.UniqueConstraint(fields=["plan", "unit"], name="inspection_unit_once"),
        ]
        indexes = [
            models.Index(fields=["unit", "status"], name="inspection_unit_status"),
            models.Index(fields=["status", "conclusion_date"], name="inspection_concluded"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.plan}"

    @property
    def is_concluded(self) -> bool:
        return self.status == InspectionStatus.CONCLUDED

    @property
    def conclusion_code(self) -> str:
        """ "12/TB-SNV" (state) or "12-TB/BTGDV" (Party), as the number is printed."""
        if not self.conclusion_number:
            return ""
        symbol = self.conclusion_symbol
        if not symbol:
            return self.conclusion_number
        first = min((i for i in (symbol.find("/"), symbol.find("-")) if i >= 0), default=-1)
        joiner = "-" if first >= 0 and symbol[first] == "/" else "/"
        return f"{self.conclusion_number}{joiner}{symbol}"

    def recipient_lines(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]


class TeamRole(models.TextChoices):
    HEAD = "head", _("Head of the team")
    MEMBER = "member", _("Member")


class TeamMember(models.Model):
    """A place on an inspection team, valid from ``valid_from`` to ``valid_until`` inclusive."""

    ACCESS_UNIT_PATH = "inspection__plan__unit__path"

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="inspection_memberships",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=8, choices=TeamRole.choices)
    unit = models.ForeignKey(
        "units.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from the unit"),
    )
    valid_from = models.DateField(_("from"))
    valid_until = models.DateField(_("until"))
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["role", "id"]  # "head" before "member"
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        constraints = [
            models.UniqueConstraint(fields=["inspection", "user"], name="teammember_once"),
            models.UniqueConstraint(
                fields=["inspection"], condition=Q(role="head"), name="teammember_one_head"
            ),
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("valid_from")),
                name="teammember_window_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "valid_until"], name="teammember_user_window"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"

    def is_valid_on(self, day) -> bool:
        return self.valid_from <= day <= self.valid_until


class WorkingRecord(models.Model):
    """A working record (biên bản làm việc) of the team's visit."""

    ACCESS_UNIT_PATH = "inspection__plan__unit__path"

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="records")
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    participants = models.TextField(_("participants"), blank=True)
    content = models.TextField(_("content"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["held_on", "id"]
        verbose_name = _("working record")
        verbose_name_plural = _("working records")

    def __str__(self) -> str:
        return f"{self.held_on:%d/%m/%Y} — {self.inspection.unit}"


class FindingKind(models.TextChoices):
    STRENGTH = "strength", _("Strength")
    SHORTCOMING = "shortcoming", _("Shortcoming")
    VIOLATION = "violation", _("Violation")


class Finding(models.Model):
    ACCESS_UNIT_PATH = "inspection__plan__unit__path"

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(_("kind"), max_length=12, choices=FindingKind.choices)
    text = models.TextField(_("finding"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "id"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")

    def __str__(self) -> str:
        return self.text[:80]


class DocumentPart(models.TextChoices):
    NOTICE = "notice", _("Notice")
    SELF_REPORT = "self_report", _("Self-report")
    RECORD = "record", _("Working record")
    CONCLUSION = "conclusion", _("Conclusion")
    OTHER = "other", _("Other")


def document_path(instance: "InspectionDocument", filename: str) -> str:
    import uuid

    from django.utils import timezone

    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"oversight/inspections/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


class InspectionDocument(models.Model):
    ACCESS_UNIT_PATH = "inspection__plan__unit__path"

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="documents")
    part = models.CharField(_("part"), max_length=12, choices=DocumentPart.choices)
    record = models.ForeignKey(
        WorkingRecord, on_delete=models.CASCADE, null=True, blank=True, related_name="documents"
    )
    file = models.FileField(_("file"), upload_to=document_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("file type"), max_length=8)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["part", "id"]
        verbose_name = _("inspection document")
        verbose_name_plural = _("inspection documents")

    def __str__(self) -> str:
        return self.original_name
