"""Plans (kế hoạch): a unit's numbered document of tasks, each assigned to units that report
their own progress, and the cascade that asks subordinate units for implementing plans.

Status words a user sees but that are never stored:
- a task assignment is *overdue* when its task has a date deadline that has passed and the
  assignee has not reported it done (``selectors.with_overdue``);
- a recurring deadline ("10/6 and 01/11 every year") is kept as its rule (``recurrence``) and
  its next occurrence (``next_due``), which the daily job ``roll_recurring_deadlines`` moves
  forward once an occurrence has passed (see ``deadlines.py``).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.lib.text import fold

STANDARD_SECTIONS = (
    ("I", "MỤC ĐÍCH, YÊU CẦU"),
    ("II", "NỘI DUNG, NHIỆM VỤ"),
    ("III", "TỔ CHỨC THỰC HIỆN"),
)


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")


class SignatureMode(models.TextChoices):
    NONE = "", _("Signed in one's own name")
    ON_BEHALF = "TM.", _("TM. (on behalf of the collective)")
    DEPUTY = "KT.", _("KT. (signed by the deputy)")
    ACTING = "Q.", _("Q. (acting)")
    BY_ORDER = "TL.", _("TL. (by order)")
    AUTHORISED = "TUQ.", _("TUQ. (by authorisation)")
    PARTY_ON_BEHALF = "T/M", _("T/M (Party: on behalf of)")


class DeadlineKind(models.TextChoices):
    NONE = "none", _("No deadline")
    DATE = "date", _("A date")
    RECURRING = "recurring", _("Recurring every year")


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("Lead (chủ trì)")
    SUPPORT = "support", _("Support (phối hợp)")


class AssignmentStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class Plan(models.Model):
    ACCESS_UNIT_PATH = "unit__path"

    unit = models.ForeignKey(
        "units.OrgUnit",
        on_delete=models.PROTECT,
        related_name="plans",
        verbose_name=_("issuing unit"),
    )
    parent_plan = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="implementing_plans",
        verbose_name=_("plan it implements"),
    )
    number = models.CharField(_("number"), max_length=20, blank=True)
    symbol = models.CharField(_("symbol"), max_length=60, blank=True)
    issued_on = models.DateField(_("issue date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=120, blank=True)
    title = models.CharField(_("title"), max_length=500)
    period_start = models.PositiveSmallIntegerField(_("first year"))
    period_end = models.PositiveSmallIntegerField(_("last year"))
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    is_public = models.BooleanField(_("public"), default=False)
    signer_name = models.CharField(_("signer"), max_length=150, blank=True)
    signer_position = models.CharField(_("signer's position"), max_length=150, blank=True)
    signature_mode = models.CharField(
        _("signing authority"), max_length=5, choices=SignatureMode.choices, blank=True
    )
    recipients = models.TextField(_("recipients"), blank=True, help_text=_("One per line."))
    legal_bases = models.ManyToManyField(
        "documents.LegalDocument",
        through="PlanLegalBasis",
        related_name="plans",
        blank=True,
        verbose_name=_("legal bases"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    issued_at = models.DateTimeField(null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    title_folded = models.CharField(max_length=500, editable=False, default="")

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "number", "symbol"],
                condition=Q(status="issued") & ~Q(number=""),
                name="plan_unique_issued_number",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="plan_period_ordered",
            ),
        ]
        indexes = [models.Index(fields=["unit", "status"], name="plan_unit_status_idx")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip() if self.code else self.title

    def save(self, *args, **kwargs):
        self.title_folded = fold(self.title)[:500]
        super().save(*args, **kwargs)

    @property
    def code(self) -> str:
        """Number and symbol as printed: "45/KH-UBND" (state), "11-KH/HU" (Party).

        A Party symbol puts "/" after the kind of document ("KH/HU") and joins the number with
        "-"; a state symbol puts "-" there ("KH-UBND") and joins with "/".
        """
        if not self.number:
            return ""
        if not self.symbol:
            return self.number
        first = min(
            (i for i in (self.symbol.find("/"), self.symbol.find("-")) if i >= 0), default=-1
        )
        joiner = "-" if first >= 0 and self.symbol[first] == "/" else "/"
        return f"{self.number}{joiner}{self.symbol}"

    @property
    def is_draft(self) -> bool:
        return self.status == PlanStatus.DRAFT

    @property
    def period_label(self) -> str:
        if self.period_start == self.period_end:
            return str(self.period_start)
        return f"{self.period_start}–{self.period_end}"

    def recipient_lines(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]


class PlanLegalBasis(models.Model):
    """A legal basis (căn cứ) of a plan, in the order the plan cites them."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="basis_links")
    document = models.ForeignKey(
        "documents.LegalDocument", on_delete=models.PROTECT, related_name="plan_links"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "document"], name="planlegalbasis_unique")
        ]

    def __str__(self) -> str:
        return str(self.document)


class PlanSection(models.Model):
    ACCESS_UNIT_PATH = "plan__unit__path"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(default=0)
    numeral = models.CharField(_("numeral"), max_length=10, blank=True)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return f"{self.numeral}. {self.title}" if self.numeral else self.title


class Task(models.Model):
    ACCESS_UNIT_PATH = "plan__unit__path"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    section = models.ForeignKey(
        PlanSection,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("section"),
    )
    position = models.PositiveSmallIntegerField(default=0)
    content = models.TextField(_("task"))
    expected_output = models.TextField(_("expected output"), blank=True)
    deadline_kind = models.CharField(
        _("deadline"), max_length=10, choices=DeadlineKind.choices, default=DeadlineKind.NONE
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    recurrence = models.JSONField(_("recurring dates"), default=list, blank=True)
    # The deadline the reminders and the lists use: due_date for a date, the next occurrence
    # for a recurring deadline (moved forward daily), empty without a deadline.
    next_due = models.DateField(_("next deadline"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        indexes = [
            models.Index(fields=["due_date"], name="task_due_date_idx"),
            models.Index(fields=["next_due"], name="task_next_due_idx"),
        ]

    def __str__(self) -> str:
        text = " ".join(self.content.split())
        return text if len(text) <= 80 else f"{text[:79]}…"

    @property
    def recurrence_label(self) -> str:
        return ", ".join(f"{day:02d}/{month:02d}" for day, month in self.recurrence or [])


class TaskAssignment(models.Model):
    """A unit's part in a task: each assignee reports its own status and progress."""

    ACCESS_UNIT_PATH = "unit__path"

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(
        "units.OrgUnit",
        on_delete=models.PROTECT,
        related_name="plan_assignments",
        verbose_name=_("unit"),
    )
    role = models.CharField(_("role"), max_length=10, choices=AssignmentRole.choices)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=AssignmentStatus.choices,
        default=AssignmentStatus.NOT_STARTED,
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["role", "id"]  # "lead" sorts before "support"
        verbose_name = _("task assignment")
        verbose_name_plural = _("task assignments")
        constraints = [
            models.UniqueConstraint(fields=["task", "unit"], name="taskassignment_unique"),
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="taskassignment_progress_max"
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "status"], name="assignment_unit_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.task}"

    @property
    def is_done(self) -> bool:
        return self.status == AssignmentStatus.DONE


class TaskUpdate(models.Model):
    """One progress report of an assignee: its status, progress, note and evidence files."""

    ACCESS_UNIT_PATH = "assignment__unit__path"

    assignment = models.ForeignKey(TaskAssignment, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=12, choices=AssignmentStatus.choices)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    note = models.TextField(_("progress note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.progress}%)"


def evidence_path(instance: "TaskEvidence", filename: str) -> str:
    """A random name: the stored file's address reveals nothing and cannot be guessed."""
    import uuid

    from django.utils import timezone

    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"plans/evidence/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


class TaskEvidence(models.Model):
    ACCESS_UNIT_PATH = "update__assignment__unit__path"

    update = models.ForeignKey(TaskUpdate, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("file type"), max_length=8)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)

    class Meta:
        ordering = ["id"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.original_name


class CascadeRequest(models.Model):
    """A subordinate unit asked to issue its plan implementing ``plan``."""

    ACCESS_UNIT_PATH = "plan__unit__path"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="cascade_requests")
    unit = models.ForeignKey(
        "units.OrgUnit",
        on_delete=models.PROTECT,
        related_name="cascade_requests",
        verbose_name=_("unit"),
    )
    due_date = models.DateField(_("issue by"), null=True, blank=True)
    implementing_plan = models.ForeignKey(
        Plan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("implementing plan"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("request for an implementing plan")
        verbose_name_plural = _("requests for implementing plans")
        constraints = [
            models.UniqueConstraint(fields=["plan", "unit"], name="cascaderequest_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.plan}"


class PlanAmendment(models.Model):
    """A change to an issued plan, with its reason; the audit trail holds before and after."""

    ACCESS_UNIT_PATH = "plan__unit__path"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="amendments")
    reason = models.TextField(_("reason"))
    summary = models.CharField(_("what changed"), max_length=300, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")

    def __str__(self) -> str:
        return self.summary or self.reason[:80]
