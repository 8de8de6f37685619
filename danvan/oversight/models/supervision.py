"""Supervision (giám sát), council questions (chất vấn) and social critique (phản biện xã hội).

- ``SupervisionProgramme`` and ``Supervision``: the yearly programme of a supervising body — the
  Fatherland Front, a member organisation, a People's Council committee — and each supervision:
  subject, topic, supervised units, period; its result (number, date, text) issues
  recommendations; the body may publish the result and the answers on the public site;
- ``CouncilSession`` and ``Question``: questions put at a People's Council session to the head of
  an agency, the answer given and the commitments made (each a recommendation of the council);
- ``Critique``, ``CritiqueSubmission``: a unit publishes a draft (plan, policy, project) for
  critique by a deadline; each organisation sends its critique point by point (each point a
  recommendation to the drafting unit); the drafting unit answers every point — accepted (tiếp
  thu), explained (giải trình) or not accepted with reasons — before it issues the final text.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.core.concurrency import Versioned
from danvan.lib.text import fold


class SupervisorKind(models.TextChoices):
    FRONT = "front", _("Fatherland Front")
    MEMBER = "member", _("Member organisation")
    COUNCIL = "council", _("People's Council committee")


class SupervisionProgramme(Versioned):
    ACCESS_UNIT_PATH = "unit__path"

    unit = models.ForeignKey(
        "units.OrgUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("supervising body"),
    )
    kind = models.CharField(_("kind of body"), max_length=8, choices=SupervisorKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=500)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = _("supervision programme")
        verbose_name_plural = _("supervision programmes")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "title"], name="programme_unique")
        ]

    def __str__(self) -> str:
        return self.title


class SupervisionForm(models.TextChoices):
    DIRECT = "direct", _("Direct supervision at the unit")
    DOCUMENTS = "documents", _("Study of documents and reports")
    JOINT = "joint", _("Taking part in another body's supervision")


class SupervisionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    CONCLUDED = "concluded", _("Result issued")


class Supervision(Versioned):
    ACCESS_UNIT_PATH = "programme__unit__path"

    programme = models.ForeignKey(
        SupervisionProgramme, on_delete=models.CASCADE, related_name="supervisions"
    )
    subject = models.CharField(_("subject"), max_length=500)
    subject_folded = models.CharField(max_length=500, editable=False, default="")
    topic = models.ForeignKey(
        "oversight.Topic",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("topic"),
    )
    form = models.CharField(
        _("form"), max_length=10, choices=SupervisionForm.choices, default=SupervisionForm.DIRECT
    )
    units = models.ManyToManyField(
        "units.OrgUnit", related_name="+", verbose_name=_("supervised units")
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SupervisionStatus.choices,
        default=SupervisionStatus.PLANNED,
    )
    result_number = models.CharField(
        _("number and symbol of the result"), max_length=60, blank=True
    )
    result_date = models.DateField(_("date of the result"), null=True, blank=True)
    result_text = models.TextField(_("result and conclusions"), blank=True)
    concluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    is_published = models.BooleanField(_("published"), default=False)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_on", "id"]
        verbose_name = _("supervision")
        verbose_name_plural = _("supervisions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="supervision_dates_ordered"
            )
        ]
        indexes = [
            models.Index(fields=["is_published", "published_on"], name="supervision_public"),
        ]

    def __str__(self) -> str:
        return self.subject

    def save(self, *args, **kwargs):
        self.subject_folded = fold(self.subject)[:500]
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "subject_folded"}
        super().save(*args, **kwargs)

    @property
    def is_concluded(self) -> bool:
        return self.status == SupervisionStatus.CONCLUDED


class CouncilSession(models.Model):
    ACCESS_UNIT_PATH = "unit__path"

    unit = models.ForeignKey(
        "units.OrgUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("People's Council"),
    )
    title = models.CharField(_("session"), max_length=300)
    held_on = models.DateField(_("date"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("council session")
        verbose_name_plural = _("council sessions")

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d/%m/%Y})"


class Question(Versioned):
    ACCESS_UNIT_PATH = "session__unit__path"

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="questions")
    deputy = models.CharField(_("deputy asking"), max_length=200)
    addressee = models.ForeignKey(
        "units.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("asked of")
    )
    respondent = models.CharField(_("answered by (position)"), max_length=200)
    text = models.TextField(_("question"))
    answer = models.TextField(_("answer given"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    written_answer_due = models.DateField(_("written answer due by"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("council question")
        verbose_name_plural = _("council questions")

    def __str__(self) -> str:
        text = " ".join(self.text.split())
        return text if len(text) <= 80 else f"{text[:79]}…"


class DraftKind(models.TextChoices):
    PLAN = "plan", _("Plan")
    POLICY = "policy", _("Policy")
    PROJECT = "project", _("Project")
    REGULATION = "regulation", _("Regulation")


class CritiqueStatus(models.TextChoices):
    OPEN = "open", _("Open for critique")
    FINAL = "final", _("Final text issued")


class Critique(Versioned):
    ACCESS_UNIT_PATH = "unit__path"

    unit = models.ForeignKey(
        "units.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("drafting unit")
    )
    kind = models.CharField(_("kind of draft"), max_length=10, choices=DraftKind.choices)
    title = models.CharField(_("draft"), max_length=500)
    title_folded = models.CharField(max_length=500, editable=False, default="")
    summary = models.TextField(_("summary of the draft"), blank=True)
    topic = models.ForeignKey(
        "oversight.Topic",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("topic"),
    )
    organisations = models.ManyToManyField(
        "units.OrgUnit", related_name="+", verbose_name=_("organisations asked to critique")
    )
    published_on = models.DateField(_("published for critique on"))
    critique_due = models.DateField(_("critiques due by"))
    answer_due = models.DateField(_("answers due by"))
    status = models.CharField(
        _("status"), max_length=8, choices=CritiqueStatus.choices, default=CritiqueStatus.OPEN
    )
    final_number = models.CharField(
        _("number and symbol of the final text"), max_length=60, blank=True
    )
    final_date = models.DateField(_("date of the final text"), null=True, blank=True)
    signer_name = models.CharField(_("signer"), max_length=150, blank=True)
    signer_position = models.CharField(_("signer's position"), max_length=150, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published_on", "-id"]
        verbose_name = _("draft for critique")
        verbose_name_plural = _("drafts for critique")
        constraints = [
            models.CheckConstraint(
                condition=Q(critique_due__gte=models.F("published_on"))
                & Q(answer_due__gte=models.F("critique_due")),
                name="critique_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.title_folded = fold(self.title)[:500]
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "title_folded"}
        super().save(*args, **kwargs)

    @property
    def is_final(self) -> bool:
        return self.status == CritiqueStatus.FINAL


class CritiqueSubmission(models.Model):
    """One organisation's critique of a draft; its points are recommendations."""

    ACCESS_UNIT_PATH = "critique__unit__path"

    critique = models.ForeignKey(Critique, on_delete=models.CASCADE, related_name="submissions")
    organisation = models.ForeignKey(
        "units.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    reference = models.CharField(_("number and symbol of the critique"), max_length=60, blank=True)
    submitted_on = models.DateField(_("sent on"))
    summary = models.TextField(_("general opinion"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["submitted_on", "id"]
        verbose_name = _("critique")
        verbose_name_plural = _("critiques")
        constraints = [
            models.UniqueConstraint(
                fields=["critique", "organisation"], name="critiquesubmission_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.critique}"
