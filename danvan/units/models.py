"""The organisation tree: territories (province, commune, village) and agencies at any depth.

The tree is a materialised path of ids ("/1/25/7031/"): a subtree is one indexed prefix
query, ancestors are the ids in the path, and moving a subtree is one UPDATE. We keep it by
hand instead of django-treebeard because we load ~100,000 units in bulk (treebeard adds
nodes one query at a time) and need validity dates and successors on the same rows.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.lib.text import fold


class Level(models.TextChoices):
    CENTRAL = "central", _("Central")
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District level (before 1/7/2025)")
    COMMUNE = "commune", _("Commune")
    VILLAGE = "village", _("Village / residential group")


class DocumentFormat(models.TextChoices):
    STATE = "state", _("State (Decree 30/2020)")
    PARTY = "party", _("Party")


class UnitType(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    level = models.CharField(
        _("level"),
        max_length=16,
        choices=Level.choices,
        blank=True,
        help_text=_("For territories; an agency takes the level of the territory it belongs to."),
    )
    is_territory = models.BooleanField(_("territory"), default=False)
    document_format = models.CharField(
        _("document format"),
        max_length=8,
        choices=DocumentFormat.choices,
        default=DocumentFormat.STATE,
    )
    ordering = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        ordering = ["ordering", "name"]
        verbose_name = _("unit type")
        verbose_name_plural = _("unit types")

    def __str__(self) -> str:
        return self.name


class AgencyTemplate(models.Model):
    """An agency created under every territory of a level by ``load_units``; editable by admins.

    ``name_pattern`` placeholders: {name} full territory name ("Xã Trường Sơn"), {short}
    ("Trường Sơn"), {kind} ("xã", "tỉnh", "thành phố"), {party} ("Tỉnh ủy", "Thành ủy",
    "Đảng ủy"). The name is the body's full name ("Ủy ban nhân dân xã Trường Sơn"): documents
    print it as their issuer (Nghị định 30/2020/NĐ-CP writes the issuer in full).

    ``parent_template`` places the agency under the agency of that template in the same
    territory instead of under the territory: since 2025 the mass organisations sit under the
    Fatherland Front committee of their level (Nghị quyết 203/2025/QH15).
    """

    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    unit_type = models.ForeignKey(UnitType, on_delete=models.PROTECT, verbose_name=_("unit type"))
    name_pattern = models.CharField(_("name pattern"), max_length=200)
    parent_template = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("placed under"),
        help_text=_(
            "Create this agency under the agency of that template in the same territory "
            "(the mass organisations under the Fatherland Front committee)."
        ),
    )
    ordering = models.PositiveSmallIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["level", "ordering"]
        verbose_name = _("agency template")
        verbose_name_plural = _("agency templates")
        constraints = [
            models.UniqueConstraint(fields=["level", "unit_type"], name="agency_template_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()}: {self.name_pattern}"


class OrgUnitQuerySet(models.QuerySet):
    def active(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on)).filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=on)
        )

    def subtree_of(self, unit: "OrgUnit", *, include_self: bool = True):
        qs = self.filter(path__startswith=unit.path)
        return qs if include_self else qs.exclude(pk=unit.pk)


class OrgUnit(models.Model):
    ACCESS_UNIT_PATH = "path"

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=120, blank=True)
    name_folded = models.CharField(max_length=200, editable=False, db_index=True)
    unit_type = models.ForeignKey(UnitType, on_delete=models.PROTECT, verbose_name=_("unit type"))
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent unit"),
    )
    path = models.CharField(max_length=255, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    official_code = models.CharField(
        _("official code"), max_length=20, null=True, blank=True, unique=True
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name=_("successor unit"),
    )
    template = models.ForeignKey(
        AgencyTemplate, on_delete=models.SET_NULL, null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrgUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        indexes = [
            # varchar_pattern_ops lets PostgreSQL answer "path LIKE '/1/25/%'" from the index;
            # other databases ignore the operator class and keep a plain index.
            models.Index(
                fields=["path"], name="orgunit_path_idx", opclasses=["varchar_pattern_ops"]
            ),
            models.Index(fields=["parent", "name"], name="orgunit_parent_name_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_folded = fold(self.name)[:200]
        super().save(*args, **kwargs)

    @property
    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part][:-1]

    @property
    def is_active(self) -> bool:
        today = timezone.localdate()
        return (self.valid_to is None or self.valid_to > today) and (
            self.valid_from is None or self.valid_from <= today
        )

    def is_in_subtree_of(self, other: "OrgUnit") -> bool:
        return self.path.startswith(other.path)


class OrgUnitName(models.Model):
    """A name a unit carried before its current one (tên gọi trước đây), with its dates.

    The unit's current name stays on :class:`OrgUnit`; each former name covers
    ``[valid_from, valid_to)``: ``valid_to`` is the day the next name took effect. A document
    dated inside that span prints the former name (``selectors.name_on``): a plan of
    15/9/2022 stays "Ban Dân vận Tỉnh ủy …" after the Ban became "Ban Tuyên giáo và Dân vận
    Tỉnh ủy …" (Kết luận 121-KL/TW, 2025).
    """

    unit = models.ForeignKey(
        OrgUnit, on_delete=models.CASCADE, related_name="former_names", verbose_name=_("unit")
    )
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=120, blank=True)
    valid_from = models.DateField(
        _("valid from"), null=True, blank=True, help_text=_("Empty: since the unit began.")
    )
    valid_to = models.DateField(_("valid until"), help_text=_("The day the next name took effect."))
    reason = models.CharField(
        _("reason"),
        max_length=300,
        blank=True,
        help_text=_("The decision behind the change, e.g. “Kết luận 121-KL/TW ngày 24/01/2025”."),
    )

    class Meta:
        ordering = ["unit", "-valid_to"]
        verbose_name = _("former name")
        verbose_name_plural = _("former names")
        constraints = [
            models.UniqueConstraint(fields=["unit", "valid_to"], name="orgunitname_unique_end"),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True) | Q(valid_from__lt=models.F("valid_to")),
                name="orgunitname_from_before_to",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (→ {self.valid_to:%d/%m/%Y})"

    def covers(self, day) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and day < self.valid_to
