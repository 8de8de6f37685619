"""“Dân vận khéo” models (mô hình) and exemplars (điển hình tập thể / cá nhân).

- An ``Exemplar`` is registered each year by the unit that owns it. It is *new* or it
  *replicates* (nhân rộng) an existing model of any unit: ``replicates`` points to it and
  ``lineage`` holds the ids from the original down to this one ("/12/40/57/"), so a model's
  replication tree is one indexed prefix query and a cycle is refused before it is made.
  ``replica_count`` counts the registered replications below a model (all generations).
- A ``Round`` (đợt bình xét) is the yearly campaign of an organising unit over its subtree:
  registration deadline, quota per unit (seed 004: at least 1–2 models a year), the scoring
  rubric (``Criterion``, pre-filled with the criteria of seed 000) and the review council
  (``CouncilMember``). Each member scores each exemplar once (``Score``).
- Evidence during the year (``Evidence``): progress notes, figures, photos and files.
- Recognition and rejection are fields of the exemplar; commendations (Giấy khen, Bằng khen…)
  are ``Commendation`` rows.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.lib.text import fold

# Seed 000, III.1: the criteria of a “Dân vận khéo” exemplar, as the default rubric.
SEED_CRITERIA = (
    "Tạo được sự đồng thuận và sự tham gia của người dân",
    "Tập thể, cá nhân cán bộ, đảng viên là chủ thể",
    "Có sức thuyết phục",
    "Có sức lan tỏa",
    "Có thể nhân rộng tại các địa phương, cơ quan, đơn vị khác",
)
SEED_CRITERION_MAX = 20
# Seed 004: “mỗi cơ quan, đơn vị, tổ chức từ tỉnh đến cơ sở xây dựng, nhân rộng ít nhất từ 01
# đến 02 mô hình/năm”.
DEFAULT_QUOTA_MIN = 1
DEFAULT_QUOTA_TARGET = 2


class Field(models.TextChoices):
    ECONOMY = "economy", _("Economy")
    CULTURE_SOCIETY = "culture_society", _("Culture and society")
    DEFENCE_SECURITY = "defence_security", _("Defence and security")
    POLITICAL_SYSTEM = "political_system", _("Building the political system")


class Kind(models.TextChoices):
    INITIATIVE = "initiative", _("Model (mô hình)")
    COLLECTIVE = "collective", _("Collective exemplar")
    INDIVIDUAL = "individual", _("Individual exemplar")


class Origin(models.TextChoices):
    NEW = "new", _("New")
    REPLICATED = "replicated", _("Replicates an existing model")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REGISTERED = "registered", _("Registered")
    IN_PROGRESS = "in_progress", _("In progress")
    SELF_ASSESSED = "self_assessed", _("Self-assessed")
    REVIEWED = "reviewed", _("Reviewed by the council")
    RECOGNISED = "recognised", _("Recognised")
    NOT_RECOGNISED = "not_recognised", _("Not recognised")
    COMMENDED = "commended", _("Commended")


# Statuses counted as registered (the quota), recognised, and showable to the public.
REGISTERED_STATUSES = [s for s in Status.values if s != Status.DRAFT]
RECOGNISED_STATUSES = [Status.RECOGNISED, Status.COMMENDED]
# The replication link may change until the unit assesses itself.
LINK_EDITABLE_STATUSES = [Status.DRAFT, Status.REGISTERED, Status.IN_PROGRESS]


class CommendationForm(models.TextChoices):
    CERTIFICATE = "certificate", _("Certificate of merit (Giấy khen)")
    MERIT = "merit", _("Diploma of merit (Bằng khen)")
    PRAISE = "praise", _("Public praise (biểu dương)")
    OTHER = "other", _("Other")


class CommendationLevel(models.TextChoices):
    CENTRAL = "central", _("Central")
    PROVINCE = "province", _("Province")
    COMMUNE = "commune", _("Commune")
    AGENCY = "agency", _("Agency or organisation")


class Round(models.Model):
    """The yearly registration and review of an organising unit over its subtree."""

    ACCESS_UNIT_PATH = "unit__path"

    unit = models.ForeignKey(
        "units.OrgUnit",
        on_delete=models.PROTECT,
        related_name="exemplar_rounds",
        verbose_name=_("organising unit"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=300, blank=True)
    registration_deadline = models.DateField(_("registration deadline"))
    quota_min = models.PositiveSmallIntegerField(
        _("minimum models per unit"), default=DEFAULT_QUOTA_MIN
    )
    quota_target = models.PositiveSmallIntegerField(
        _("target models per unit"), default=DEFAULT_QUOTA_TARGET
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "id"]
        verbose_name = _("review round")
        verbose_name_plural = _("review rounds")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="exemplar_round_unique"),
            models.CheckConstraint(
                condition=Q(quota_target__gte=models.F("quota_min")),
                name="exemplar_round_quota_ordered",
            ),
        ]
        indexes = [models.Index(fields=["registration_deadline"], name="exround_deadline_idx")]

    def __str__(self) -> str:
        return self.title or f"{self.unit} — {self.year}"

    @property
    def level(self) -> str:
        return self.unit.level


class Criterion(models.Model):
    """One line of a round's scoring rubric (per year and level), scored 0..max_score."""

    ACCESS_UNIT_PATH = "round__unit__path"

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("criterion"), max_length=300)
    max_score = models.PositiveSmallIntegerField(_("maximum score"), default=SEED_CRITERION_MAX)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self) -> str:
        return self.text


class CouncilMember(models.Model):
    ACCESS_UNIT_PATH = "round__unit__path"

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="exemplar_councils"
    )
    role = models.CharField(_("role in the council"), max_length=100, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="exemplar_member_unique")
        ]

    def __str__(self) -> str:
        return str(self.user)


class Exemplar(models.Model):
    ACCESS_UNIT_PATH = "unit__path"

    unit = models.ForeignKey(
        "units.OrgUnit",
        on_delete=models.PROTECT,
        related_name="exemplars",
        verbose_name=_("owning unit"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    round = models.ForeignKey(
        Round, on_delete=models.SET_NULL, null=True, blank=True, related_name="exemplars"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    field = models.CharField(_("field"), max_length=20, choices=Field.choices)
    origin = models.CharField(_("new or replicated"), max_length=12, choices=Origin.choices)
    replicates = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replications",
        verbose_name=_("replicated model"),
    )
    lineage = models.CharField(max_length=255, editable=False, default="")
    replica_count = models.PositiveIntegerField(default=0, editable=False)
    title = models.CharField(_("name"), max_length=300)
    person_name = models.CharField(_("person"), max_length=150, blank=True)
    person_position = models.CharField(_("position"), max_length=150, blank=True)
    problem = models.TextField(_("problem it solves"), blank=True)
    goals = models.TextField(_("goals"), blank=True)
    targets = models.TextField(_("measurable targets"), blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    participants = models.TextField(_("people and units involved"), blank=True)
    budget = models.BigIntegerField(_("budget (VND)"), null=True, blank=True)
    resources = models.TextField(_("other resources"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    registered_at = models.DateTimeField(null=True, blank=True)
    # Self-assessment by the unit: {criterion id: score}, total and comment.
    self_scores = models.JSONField(default=dict, blank=True)
    self_total = models.PositiveSmallIntegerField(null=True, blank=True)
    self_comment = models.TextField(_("self-assessment"), blank=True)
    self_assessed_at = models.DateTimeField(null=True, blank=True)
    # Council review, closed by the organiser.
    review_average = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    votes_for = models.PositiveSmallIntegerField(default=0)
    votes_against = models.PositiveSmallIntegerField(default=0)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # Recognition (công nhận) by the competent level, or rejection with reasons.
    recognised_by = models.CharField(_("recognised by"), max_length=200, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    recognised_on = models.DateField(null=True, blank=True)
    rejection_reason = models.TextField(_("reasons"), blank=True)
    # The public showcase.
    is_public = models.BooleanField(_("public"), default=False)
    story = models.TextField(_("story"), blank=True)
    results = models.TextField(_("results"), blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # Where it is: the province and commune of the owning unit (public search, reach).
    province = models.ForeignKey(
        "units.OrgUnit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    commune = models.ForeignKey(
        "units.OrgUnit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    search_folded = models.CharField(max_length=600, editable=False, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("model or exemplar")
        verbose_name_plural = _("models and exemplars")
        constraints = [
            models.CheckConstraint(
                condition=Q(origin="new", replicates__isnull=True)
                | Q(origin="replicated", replicates__isnull=False),
                name="exemplar_origin_link",
            ),
            models.CheckConstraint(
                condition=~Q(replicates=models.F("id")), name="exemplar_not_self"
            ),
        ]
        indexes = [
            models.Index(fields=["year", "status"], name="exemplar_year_status_idx"),
            models.Index(fields=["unit", "year"], name="exemplar_unit_year_idx"),
            models.Index(fields=["registered_at"], name="exemplar_registered_idx"),
            models.Index(fields=["recognised_on"], name="exemplar_recognised_idx"),
            models.Index(
                fields=["lineage"], name="exemplar_lineage_idx", opclasses=["varchar_pattern_ops"]
            ),
            models.Index(
                fields=["-replica_count", "-id"],
                name="exemplar_most_replicated_idx",
                condition=Q(replica_count__gt=0),
            ),
            models.Index(
                fields=["-id"],
                name="exemplar_public_idx",
                condition=Q(is_public=True),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.search_folded = fold(f"{self.title} {self.person_name}")[:600]
        super().save(*args, **kwargs)

    @property
    def lineage_ids(self) -> list[int]:
        return [int(part) for part in self.lineage.strip("/").split("/") if part]

    @property
    def is_recognised(self) -> bool:
        return self.status in RECOGNISED_STATUSES


class EvidenceKind(models.TextChoices):
    NOTE = "note", _("Progress note")
    FIGURE = "figure", _("Figure")
    PHOTO = "photo", _("Photo")
    FILE = "file", _("File")


def evidence_path(instance, filename: str) -> str:
    return f"exemplars/{instance.exemplar_id}/{filename}"


class Evidence(models.Model):
    ACCESS_UNIT_PATH = "exemplar__unit__path"

    exemplar = models.ForeignKey(Exemplar, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=8, choices=EvidenceKind.choices)
    text = models.TextField(_("note"), blank=True)
    figure_label = models.CharField(_("indicator"), max_length=200, blank=True)
    figure_value = models.DecimalField(
        _("value"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    figure_unit = models.CharField(_("unit of measure"), max_length=40, blank=True)
    file = models.FileField(upload_to=evidence_path, blank=True, max_length=300)
    original_name = models.CharField(max_length=255, blank=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.original_name or self.figure_label or self.text[:60] or self.kind


class Score(models.Model):
    """One council member's score of one exemplar: per criterion, total, vote and comment."""

    ACCESS_UNIT_PATH = "exemplar__unit__path"

    exemplar = models.ForeignKey(Exemplar, on_delete=models.CASCADE, related_name="scores")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="scores")
    scores = models.JSONField(default=dict)
    total = models.PositiveSmallIntegerField()
    recommend = models.BooleanField(_("recommends recognition"))
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["exemplar", "member"], name="exemplar_score_once")
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.total}"


class Commendation(models.Model):
    ACCESS_UNIT_PATH = "exemplar__unit__path"

    exemplar = models.ForeignKey(Exemplar, on_delete=models.CASCADE, related_name="commendations")
    form = models.CharField(_("form"), max_length=12, choices=CommendationForm.choices)
    level = models.CharField(_("level"), max_length=10, choices=CommendationLevel.choices)
    issuer = models.CharField(_("issued by"), max_length=200)
    decision_number = models.CharField(_("decision number"), max_length=60)
    decision_date = models.DateField(_("decision date"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decision_date", "id"]
        verbose_name = _("commendation")
        verbose_name_plural = _("commendations")
        indexes = [models.Index(fields=["decision_date"], name="exemplar_comm_date_idx")]

    def __str__(self) -> str:
        return f"{self.get_form_display()} {self.decision_number}"


class UnitYearStat(models.Model):
    """Registrations of one unit in one year, by status group, origin, field and kind: the
    summary table the quota dashboard and the yearly summary read instead of grouping every
    registration of a subtree. Services recompute a unit's row in the transaction that changes
    one of its registrations; a periodic job (``tasks.refresh_stats``) rebuilds the table, so
    units moved in the tree carry their new path."""

    ACCESS_UNIT_PATH = "unit_path"

    unit = models.ForeignKey("units.OrgUnit", on_delete=models.CASCADE, related_name="+")
    unit_path = models.CharField(max_length=255)
    level = models.CharField(max_length=16)
    year = models.PositiveSmallIntegerField()
    registered = models.PositiveIntegerField(default=0)
    new = models.PositiveIntegerField(default=0)
    replicated = models.PositiveIntegerField(default=0)
    recognised = models.PositiveIntegerField(default=0)
    commended = models.PositiveIntegerField(default=0)
    f_economy = models.PositiveIntegerField(default=0)
    f_culture_society = models.PositiveIntegerField(default=0)
    f_defence_security = models.PositiveIntegerField(default=0)
    f_political_system = models.PositiveIntegerField(default=0)
    k_initiative = models.PositiveIntegerField(default=0)
    k_collective = models.PositiveIntegerField(default=0)
    k_individual = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="exemplar_stat_unique")
        ]
        indexes = [
            models.Index(
                fields=["year", "unit_path"],
                name="exemplar_stat_path_idx",
                opclasses=["", "varchar_pattern_ops"],
            ),
            models.Index(
                fields=["unit_path"],
                name="exemplar_stat_subtree_idx",
                opclasses=["varchar_pattern_ops"],
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.year}: {self.registered}"
