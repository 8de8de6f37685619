"""Cases (đơn thư): complaints, denunciations, proposals and feedback, their handling, the legal
time limits as data, confidential identities of denouncers and the citizens' tracking codes.

A case belongs to one unit (``unit``) and carries a copy of that unit's path (``unit_path``)
so that inbox, overdue and statistics queries of a subtree read one table. Forwarding moves the
case: unit and path change, the history (``CaseEvent``) stays with it.

Deadlines are computed, never typed: ``due_on`` is the deadline of the current step (accepting
or refusing while ``received``, resolving while ``accepted``), from ``CaseTimeLimit`` rows
seeded from code and editable by administrators (``case_limits``).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.concurrency import Versioned

__all__ = [
    "OPEN_STATUSES",
    "Case",
    "CaseAttachment",
    "CaseChannel",
    "CaseEvent",
    "CaseExtension",
    "CaseField",
    "CaseHandler",
    "CaseIdentity",
    "CaseIdentityGrant",
    "CaseKind",
    "CaseStatus",
    "CaseStep",
    "CaseTimeLimit",
    "CaseTransfer",
    "PetitionerKind",
]


class CaseKind(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint")
    DENUNCIATION = "denunciation", _("Denunciation")
    PROPOSAL = "proposal", _("Proposal")
    FEEDBACK = "feedback", _("Feedback")


class CaseChannel(models.TextChoices):
    RECEPTION = "reception", _("Citizen reception session")
    POST = "post", _("Post")
    PUBLIC_FORM = "public_form", _("Public form")
    HOTLINE = "hotline", _("Hotline")
    VOTER_MEETING = "voter_meeting", _("Voter-contact meeting")
    AGENCY = "agency", _("Forwarded by another agency")


class PetitionerKind(models.TextChoices):
    PERSON = "person", _("Person")
    GROUP = "group", _("Group")


class CaseStatus(models.TextChoices):
    RECEIVED = "received", _("Received, to be processed")
    ACCEPTED = "accepted", _("Accepted, being resolved")
    RESOLVED = "resolved", _("Resolved")
    REFUSED = "refused", _("Refused")
    ADVISED = "advised", _("Citizen advised")
    FILED = "filed", _("Filed as duplicate")


OPEN_STATUSES = (CaseStatus.RECEIVED, CaseStatus.ACCEPTED)


class CaseStep(models.TextChoices):
    ACCEPT = "accept", _("Accept or refuse")
    ACCEPT_EXTENDED = "accept_extended", _("Accept or refuse, when verification is needed")
    RESOLVE = "resolve", _("Resolve")
    EXTEND = "extend", _("Extension of the resolution")
    NOTIFY = "notify", _("Notify the denouncer of the acceptance")
    FILE = "file", _("Filing limit (from the contested decision)")


class CaseField(models.Model):
    """A field of cases (land, environment, …): an editable list, seeded from code."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    ordering = models.PositiveSmallIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["ordering", "name"]
        verbose_name = _("field of cases")
        verbose_name_plural = _("fields of cases")

    def __str__(self) -> str:
        return self.name


class CaseTimeLimit(models.Model):
    """One legal time limit: a row of DOMAIN.md's table, editable by administrators.

    The most specific row wins: ``level`` 0, and ``is_complex``/``is_remote`` null, match any.
    ``working_days`` counts on the working-day calendar; otherwise calendar days, the period
    ending on the next working day when its last day is a day off.
    """

    step = models.CharField(_("step"), max_length=16, choices=CaseStep.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=CaseKind.choices)
    level = models.PositiveSmallIntegerField(_("level of resolution"), default=0)
    is_complex = models.BooleanField(_("complex"), null=True, blank=True)
    is_remote = models.BooleanField(_("remote or hard area"), null=True, blank=True)
    days = models.PositiveSmallIntegerField(_("days"))
    working_days = models.BooleanField(_("working days"), default=False)
    max_count = models.PositiveSmallIntegerField(
        _("maximum number"), default=1, help_text=_("For extensions: how many are allowed.")
    )
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)

    class Meta:
        ordering = ["kind", "step", "level", "id"]
        verbose_name = _("time limit")
        verbose_name_plural = _("time limits")
        constraints = [
            models.UniqueConstraint(
                fields=["step", "kind", "level", "is_complex", "is_remote"],
                name="case_time_limit_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.get_step_display()} · {self.days}"


class Case(Versioned):
    ACCESS_UNIT_PATH = "unit_path"
    # The petitioner's contact and the keyed digests never reach an audit diff.
    AUDIT_EXCLUDE = (
        "petitioner_name",
        "petitioner_address",
        "petitioner_phone",
        "petitioner_email",
        "name_digest",
        "phone_digest",
        "email_digest",
        "content_folded",
        "tracking_code",
        "submission_key",
    )

    unit = models.ForeignKey(
        "units.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    unit_path = models.CharField(max_length=255, editable=False)
    tracking_code = models.CharField(max_length=20, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=16, choices=CaseKind.choices)
    level = models.PositiveSmallIntegerField(_("level of resolution"), default=1)
    field = models.ForeignKey(
        CaseField, on_delete=models.PROTECT, related_name="+", verbose_name=_("field")
    )
    channel = models.CharField(_("received through"), max_length=16, choices=CaseChannel.choices)
    source_reference = models.CharField(_("source"), max_length=300, blank=True)
    content = models.TextField(_("content"))
    content_folded = models.TextField(editable=False, default="")
    # The petitioner: empty for a denunciation (kept encrypted in CaseIdentity).
    petitioner_kind = models.CharField(
        _("petitioner"), max_length=8, choices=PetitionerKind.choices, default="person"
    )
    petitioner_count = models.PositiveIntegerField(_("number of people"), default=1)
    petitioner_name = models.CharField(_("name"), max_length=200, blank=True)
    petitioner_address = models.CharField(_("address"), max_length=300, blank=True)
    petitioner_phone = models.CharField(_("phone"), max_length=30, blank=True)
    petitioner_email = models.EmailField(_("e-mail"), max_length=200, blank=True)
    # Keyed digests (HMAC) of the folded name, the phone digits and the e-mail: duplicates and
    # the public lookup find a petitioner without reading (or decrypting) who it is.
    name_digest = models.CharField(max_length=64, blank=True, editable=False)
    phone_digest = models.CharField(max_length=64, blank=True, editable=False)
    email_digest = models.CharField(max_length=64, blank=True, editable=False)
    is_confidential = models.BooleanField(_("confidential identity"), default=False)
    is_complex = models.BooleanField(_("complex"), default=False)
    is_especially_complex = models.BooleanField(_("especially complex"), default=False)
    is_crowd = models.BooleanField(_("crowd"), default=False)
    is_prolonged = models.BooleanField(_("prolonged"), default=False)
    skips_levels = models.BooleanField(_("skipping levels"), default=False)
    is_remote_area = models.BooleanField(_("remote or hard area"), default=False)
    received_on = models.DateField(_("received on"))
    # A complaint: when the complainant received or learned of the decision or act complained
    # of (Luật Khiếu nại 2011, Điều 9: 90 days to complain); a second-level complaint: the
    # date of the first-level decision (Điều 33: 30 days, 45 in remote areas). Recorded to
    # warn, never to refuse: a late filing can be excused.
    contested_on = models.DateField(
        _("decision or act complained of, received on"), null=True, blank=True
    )
    first_decision_on = models.DateField(_("first-level decision dated"), null=True, blank=True)
    # A denunciation whose initial handling needs verification: 10 working days instead of 7
    # (Luật Tố cáo 2018, Điều 24).
    accept_extended = models.BooleanField(_("time to accept extended"), default=False)
    # The public form: a keyed digest of what was sent, so the same sending twice makes one case.
    submission_key = models.CharField(
        max_length=64, null=True, blank=True, unique=True, editable=False
    )
    status = models.CharField(
        _("status"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.RECEIVED
    )
    accept_due = models.DateField(_("accept or refuse by"), null=True, blank=True)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    resolve_due = models.DateField(_("resolve by"), null=True, blank=True)
    # The deadline of the current step; null once the case is closed.
    due_on = models.DateField(_("due on"), null=True, blank=True)
    notify_due = models.DateField(_("notify the denouncer by"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    outcome_note = models.TextField(_("reasons or advice"), blank=True)
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    decision_content = models.TextField(_("decision or answer"), blank=True)
    resolved_on_time = models.BooleanField(_("resolved on time"), null=True, blank=True)
    answer_public = models.BooleanField(_("answer published"), default=False)
    duplicate_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    first_level_case = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="second_level_cases",
        verbose_name=_("first-level case"),
    )
    is_hidden = models.BooleanField(_("hidden as abusive"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        # varchar_pattern_ops lets PostgreSQL answer "unit_path LIKE '/1/25/%'" from an index;
        # other databases ignore the operator classes.
        indexes = [
            models.Index(
                fields=["unit_path", "status"],
                name="case_path_status_idx",
                opclasses=["varchar_pattern_ops", "varchar_pattern_ops"],
            ),
            models.Index(
                fields=["unit_path", "due_on"],
                name="case_open_due_idx",
                opclasses=["varchar_pattern_ops", "date_ops"],
                condition=models.Q(status__in=["received", "accepted"]),
            ),
            models.Index(
                fields=["unit_path", "received_on"],
                name="case_path_received_idx",
                opclasses=["varchar_pattern_ops", "date_ops"],
            ),
            models.Index(
                fields=["unit_path", "closed_on"],
                name="case_path_closed_idx",
                opclasses=["varchar_pattern_ops", "date_ops"],
            ),
            models.Index(fields=["due_on"], name="case_due_idx"),
            models.Index(fields=["name_digest"], name="case_name_digest_idx"),
            models.Index(fields=["phone_digest"], name="case_phone_digest_idx"),
            models.Index(fields=["email_digest"], name="case_email_digest_idx"),
        ]

    def __str__(self) -> str:
        return _("Case %(code)s") % {"code": self.reference}

    @property
    def reference(self) -> str:
        return f"{self.received_on:%Y}-{self.pk}" if self.pk else ""

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return bool(self.is_open and self.due_on and self.due_on < timezone.localdate())


class CaseHandler(models.Model):
    """A person assigned to handle a case: sees it (and a denouncer's identity) wherever it is."""

    ACCESS_UNIT_PATH = "case__unit_path"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="handlers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    is_lead = models.BooleanField(_("lead handler"), default=False)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    assigned_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-is_lead", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "user"], name="case_handler_unique")]
        indexes = [models.Index(fields=["user", "case"], name="case_handler_user_idx")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.case_id}"


class CaseEvent(models.Model):
    """The history of a case: every step, with the unit it was in. It moves with the case."""

    ACCESS_UNIT_PATH = "case__unit_path"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=40)
    unit = models.ForeignKey("units.OrgUnit", on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.action} ({self.case_id})"

    @property
    def action_label(self) -> str:
        return str(EVENT_LABELS.get(self.action, self.action))


EVENT_LABELS = {
    "received": _("received"),
    "accepted": _("accepted"),
    "refused": _("refused"),
    "advised": _("citizen advised"),
    "filed": _("filed as duplicate"),
    "forwarded": _("forwarded"),
    "resolved": _("resolved"),
    "extended": _("time limit extended"),
    "escalated": _("went to a second level"),
    "assigned": _("handler assigned"),
    "unassigned": _("handler removed"),
    "hidden": _("content hidden"),
    "unhidden": _("content shown again"),
    "published": _("answer published"),
    "unpublished": _("answer unpublished"),
    "identity_granted": _("access to the identity granted"),
    "acceptance_extended": _("time to accept extended for verification"),
    "changed": _("details corrected"),
}


class CaseTransfer(models.Model):
    """A forward from one unit to another: the sending side keeps sight of the case."""

    ACCESS_UNIT_PATH = "case__unit_path"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="transfers")
    from_unit = models.ForeignKey("units.OrgUnit", on_delete=models.PROTECT, related_name="+")
    from_path = models.CharField(max_length=255)
    to_unit = models.ForeignKey("units.OrgUnit", on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["from_path"], name="case_transfer_from_idx")]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.from_unit_id} → {self.to_unit_id}"


class CaseExtension(models.Model):
    """An extension of a denunciation's resolution, with its decision and reason."""

    ACCESS_UNIT_PATH = "case__unit_path"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="extensions")
    days = models.PositiveSmallIntegerField(_("days"))
    decision_number = models.CharField(_("decision number"), max_length=60)
    decision_date = models.DateField(_("decision date"))
    reason = models.TextField(_("reason"))
    new_due = models.DateField(_("new deadline"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.decision_number} (+{self.days})"


class CaseIdentity(models.Model):
    """A denouncer's identity, encrypted (Fernet): readable by handlers and those granted."""

    ACCESS_UNIT_PATH = "case__unit_path"
    AUDIT_EXCLUDE = ("name", "address", "contact")

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="identity")
    name = models.BinaryField()
    address = models.BinaryField()
    contact = models.BinaryField()

    def __str__(self) -> str:
        return f"identity of case {self.case_id}"


class CaseIdentityGrant(models.Model):
    """An explicit right to read one case's confidential identity."""

    ACCESS_UNIT_PATH = "case__unit_path"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="identity_grants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=300)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "user"], name="case_identity_grant_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → identity of case {self.case_id}"


class CaseAttachment(models.Model):
    """A file of a case. A confidential one (a denouncer's handwriting) is stored encrypted."""

    ACCESS_UNIT_PATH = "case__unit_path"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="cases/%Y/%m/", max_length=300)
    name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    is_confidential = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"file {self.pk} of case {self.case_id}"
