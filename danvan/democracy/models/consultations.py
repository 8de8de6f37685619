"""Dân tham gia ý kiến — a draft the commune puts to its people before the authority decides
(Luật 10/2022, Điều 25–27): the commune's plan, land use, a compensation plan, …

A **consultation** is open for comments until its deadline. **Comments** come from the public
page (no account) and from meetings, the mailbox or the village heads, entered by staff. Staff
gather comments into **groups**; the authority answers each group — accepted (tiếp thu) or
explained (giải trình) — and may decide only once every comment is in an answered group. The
answer table is then published on the commune's public page.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.concurrency import Versioned
from danvan.lib.text import fold


class ConsultationSubject(models.TextChoices):
    PLAN = "plan", _("Socio-economic plan of the commune")
    LAND = "land", _("Land use plan or planning")
    COMPENSATION = "compensation", _("Compensation, support and resettlement plan")
    PROJECT = "project", _("Investment project or public work")
    BOUNDARY = "boundary", _("Change of administrative boundaries")
    POLICY = "policy", _("Other policy of the commune")
    OTHER = "other", _("Other")


class ConsultationStatus(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    OPEN = "open", _("Open for comments")
    ANSWERING = "answering", _("Closed: comments being answered")
    DECIDED = "decided", _("Decided")


class Consultation(Versioned):
    ACCESS_UNIT_PATH = "unit__path"

    unit = models.ForeignKey(
        "units.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("commune")
    )
    subject = models.CharField(_("subject"), max_length=14, choices=ConsultationSubject.choices)
    title = models.CharField(_("title"), max_length=300)
    draft_text = models.TextField(_("the draft"))
    opens_on = models.DateField(_("open from"))
    closes_on = models.DateField(_("comments until"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ConsultationStatus.choices,
        default=ConsultationStatus.DRAFT,
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision = models.TextField(_("decision"), blank=True)
    answers_published = models.BooleanField(_("answer table published"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    title_folded = models.CharField(max_length=300, editable=False, default="")

    class Meta:
        ordering = ["-id"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="consultation_window",
            )
        ]
        indexes = [
            models.Index(fields=["unit", "-id"], name="consultation_unit_idx"),
            models.Index(fields=["status", "closes_on"], name="consultation_due_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.title_folded = fold(self.title)[:300]
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "title_folded"}
        super().save(*args, **kwargs)

    def accepts_comments(self, today) -> bool:
        return self.status == ConsultationStatus.OPEN and self.opens_on <= today <= self.closes_on


class CommentSource(models.TextChoices):
    PUBLIC = "public", _("Public page")
    MEETING = "meeting", _("Community meeting")
    DIALOGUE = "dialogue", _("Dialogue conference")
    MAILBOX = "mailbox", _("Mailbox or hotline")
    BALLOT = "ballot", _("Household ballot")
    FRONT = "front", _("Through the Fatherland Front")
    OTHER = "other", _("Other")


class AnswerKind(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted (tiếp thu)")
    EXPLAINED = "explained", _("Explained (giải trình)")


class CommentGroup(models.Model):
    ACCESS_UNIT_PATH = "consultation__unit__path"

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="groups")
    number = models.PositiveSmallIntegerField(_("no."))
    summary = models.TextField(_("what the comments say"))
    answer_kind = models.CharField(
        _("answer"), max_length=10, choices=AnswerKind.choices, blank=True
    )
    answer = models.TextField(_("the authority's answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["consultation", "number"]
        verbose_name = _("group of comments")
        verbose_name_plural = _("groups of comments")
        constraints = [
            models.UniqueConstraint(fields=["consultation", "number"], name="comment_group_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.summary[:60]}"


class Comment(models.Model):
    ACCESS_UNIT_PATH = "consultation__unit__path"
    AUDIT_EXCLUDE = ("contact",)

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="comments"
    )
    source = models.CharField(_("received through"), max_length=10, choices=CommentSource.choices)
    author = models.CharField(_("name (optional)"), max_length=150, blank=True)
    contact = models.CharField(_("phone or e-mail (not published)"), max_length=150, blank=True)
    village = models.ForeignKey(
        "units.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("village"),
    )
    text = models.TextField(_("comment"))
    group = models.ForeignKey(
        CommentGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("group"),
    )
    is_hidden = models.BooleanField(_("hidden (abusive)"), default=False)
    received_on = models.DateField(_("received on"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["consultation", "id"], name="comment_consultation_idx")]

    def __str__(self) -> str:
        return self.text[:80]
