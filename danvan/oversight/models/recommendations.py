"""Recommendations (kiến nghị) followed to closure, whatever produced them, and their topics.

One model serves every procedure that ends in "unit X must do Y by date Z": the conclusion of an
inspection (kiểm tra), the results of a supervision (giám sát) by the Fatherland Front, a member
organisation or a People's Council committee, the points of a social critique (phản biện xã
hội), the commitments made when answering a council question (chất vấn), and — through the same
services — the findings of a commune's People's Inspection Board or Community Investment
Supervision Board (the democracy app).

The procedure that produced a recommendation is its **source**: a registered ``source_kind``
("oversight.inspection", "democracy.people_inspection"; see ``recommendations.sources``), a
generic link to the source object (``source_type`` + ``source_id``, so this app never imports
the models of the apps that use it), and a label and address to show ("Kết luận số 12/KL-SNV
ngày 05/11/2025", "/kiem-tra/12/").

Status: open → answered → done (verified) or not accepted; an open recommendation whose
deadline has passed is *overdue* (the nightly job stores it; pages also count an open one
past its date as overdue before the job has run). The issuer returning an answer makes it
open (or overdue) again.
"""

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.core.concurrency import Versioned
from danvan.lib.text import fold


class Topic(models.Model):
    """What an inspection, a supervision or a recommendation is about (cải cách hành chính,
    tiếp công dân và giải quyết khiếu nại, tố cáo, dân vận chính quyền, dân chủ ở cơ sở, …).
    Data, not code: administrators add and rename topics; the defaults come with migration
    0002."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    ordering = models.PositiveSmallIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["ordering", "name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.name


class RecommendationStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ANSWERED = "answered", _("Answered, awaiting verification")
    DONE = "done", _("Done (verified)")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")
    OVERDUE = "overdue", _("Overdue")


#: waiting for the addressee (the deadline applies to these)
AWAITING = (RecommendationStatus.OPEN, RecommendationStatus.OVERDUE)
#: not closed yet (the addressee or the issuer still has to act)
UNCLOSED = (*AWAITING, RecommendationStatus.ANSWERED)
#: closed: nothing more happens
CLOSED = (RecommendationStatus.DONE, RecommendationStatus.NOT_ACCEPTED)


def overdue_q(today: dt.date, prefix: str = "") -> Q:
    """Overdue on ``today``: marked overdue, or still open with its deadline passed (the
    nightly job has not run yet)."""
    return Q(**{f"{prefix}status": RecommendationStatus.OVERDUE}) | Q(
        **{f"{prefix}status": RecommendationStatus.OPEN, f"{prefix}due_date__lt": today}
    )


class Recommendation(Versioned):
    ACCESS_UNIT_PATH = "issuer__path"

    issuer = models.ForeignKey(
        "units.OrgUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("issued by"),
    )
    source_kind = models.CharField(_("issued through"), max_length=60)
    source_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    source_label = models.CharField(_("source"), max_length=300)
    source_url = models.CharField(max_length=500, blank=True)
    number = models.PositiveSmallIntegerField(_("no."), default=0)
    text = models.TextField(_("recommendation"))
    required_action = models.TextField(_("action required"), blank=True)
    topic = models.ForeignKey(
        Topic,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name=_("topic"),
    )
    addressee = models.ForeignKey(
        "units.OrgUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("addressed to"),
    )
    issued_on = models.DateField(_("issued on"))
    due_date = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.OPEN,
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    verification_note = models.TextField(_("verification"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    text_folded = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["-id"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [
            models.CheckConstraint(
                condition=Q(due_date__gte=models.F("issued_on")),
                name="recommendation_due_after_issue",
            ),
            models.CheckConstraint(
                condition=Q(status__in=RecommendationStatus.values),
                name="recommendation_status_known",
            ),
        ]
        indexes = [
            # The addressee's inbox and the subtree dashboards: by unit, what is open, by date.
            models.Index(
                fields=["addressee", "status", "due_date"], name="recommendation_inbox_idx"
            ),
            models.Index(fields=["issuer", "status", "due_date"], name="recommendation_issuer_idx"),
            # The nightly overdue marking and the reminders: open ones by deadline.
            models.Index(fields=["status", "due_date"], name="recommendation_status_due_idx"),
            models.Index(fields=["source_type", "source_id"], name="recommendation_source_idx"),
        ]

    def __str__(self) -> str:
        text = " ".join(self.text.split())
        return text if len(text) <= 80 else f"{text[:79]}…"

    def save(self, *args, **kwargs):
        self.text_folded = fold(f"{self.text} {self.required_action} {self.source_label}")
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "text_folded"}
        super().save(*args, **kwargs)

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED

    @property
    def is_awaiting(self) -> bool:
        return self.status in AWAITING

    def is_overdue_on(self, today: dt.date) -> bool:
        return self.status == RecommendationStatus.OVERDUE or (
            self.status == RecommendationStatus.OPEN and self.due_date < today
        )


class AnswerKind(models.TextChoices):
    """How the addressee answers a point (the critique's answer table uses the same words:
    tiếp thu, giải trình, không tiếp thu)."""

    DONE = "done", _("Accepted and carried out")
    EXPLAINED = "explained", _("Explained")
    DECLINED = "declined", _("Not accepted, with reasons")


class AnswerOutcome(models.TextChoices):
    PENDING = "", _("Awaiting verification")
    ACCEPTED = "accepted", _("Verified")
    RETURNED = "returned", _("Returned to the addressee")


class RecommendationAnswer(models.Model):
    """One answer of the addressee, with its evidence, and what the issuer made of it."""

    ACCESS_UNIT_PATH = "recommendation__issuer__path"

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="answers"
    )
    kind = models.CharField(_("answer"), max_length=10, choices=AnswerKind.choices)
    text = models.TextField(_("what was done, or the reasons"))
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"))
    is_late = models.BooleanField(_("after the deadline"), default=False)
    outcome = models.CharField(
        _("verification"), max_length=10, choices=AnswerOutcome.choices, blank=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(_("issuer's note"), blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("answer to a recommendation")
        verbose_name_plural = _("answers to recommendations")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"


def evidence_path(instance: "AnswerEvidence", filename: str) -> str:
    """A random name: the stored file's address reveals nothing and cannot be guessed."""
    import uuid

    from django.utils import timezone

    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"oversight/answers/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


class AnswerEvidence(models.Model):
    ACCESS_UNIT_PATH = "answer__recommendation__issuer__path"

    answer = models.ForeignKey(
        RecommendationAnswer, on_delete=models.CASCADE, related_name="evidence"
    )
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
