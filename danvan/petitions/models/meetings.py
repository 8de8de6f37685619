"""Citizen reception (tiếp công dân), voter-contact meetings (tiếp xúc cử tri) and dialogue
conferences (hội nghị đối thoại).

- ``ReceptionRule``: the law's minimum frequency of the head's reception days, per level and
  unit type, kept as data (seeded once, editable by administrators);
- ``ReceptionSchedule``: a unit's regular reception day ("every Thursday", "the 15th of each
  month"), who receives and where;
- ``ReceptionSession``: one session held (scheduled or ad hoc) with the citizens received and
  the matters raised (``ReceptionMatter``), a matter possibly becoming a case at once;
- ``VoterMeeting`` and ``VoterPetition``: the petitions voters raise with People's Council
  deputies, forwarded to the competent agency, answered by a deadline and published;
- ``DialogueConference`` and ``DialogueIssue``: the issues people raise with a head; a
  commitment becomes a task of a plan (``plans.Task``), followed like any other.

Status words a user sees but that are never stored: a voter petition is *overdue* when it was
forwarded, is not answered and its answer deadline has passed.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.core.concurrency import Versioned
from danvan.lib.text import fold

__all__ = [
    "DialogueConference",
    "DialogueIssue",
    "MatterOutcome",
    "ReceptionFrequency",
    "ReceptionMatter",
    "ReceptionRule",
    "ReceptionSchedule",
    "ReceptionSession",
    "RecurrenceKind",
    "SessionKind",
    "VoterMeeting",
    "VoterPetition",
    "Weekday",
]


class ReceptionFrequency(models.TextChoices):
    WEEK = "week", _("per week")
    MONTH = "month", _("per month")


class ReceptionRule(models.Model):
    """The minimum number of reception days of a unit's head (Luật Tiếp công dân 2013, Điều 15,
    18). A rule applies to units of ``level`` whose type code is in ``unit_types`` (blank: any
    type); the most specific matching rule wins."""

    level = models.CharField(_("level"), max_length=16)
    unit_types = models.CharField(
        _("unit types"), max_length=300, blank=True, help_text=_("Type codes, comma separated.")
    )
    min_days = models.PositiveSmallIntegerField(_("minimum reception days"), default=1)
    per = models.CharField(_("per"), max_length=8, choices=ReceptionFrequency.choices)
    who = models.CharField(_("who receives"), max_length=200)
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)

    class Meta:
        ordering = ["level", "id"]
        verbose_name = _("reception frequency rule")
        verbose_name_plural = _("reception frequency rules")
        constraints = [
            models.UniqueConstraint(fields=["level", "unit_types"], name="receptionrule_unique")
        ]

    def __str__(self) -> str:
        return f"{self.who}: {self.min_days} {self.get_per_display()}"

    def type_codes(self) -> set[str]:
        return {code.strip() for code in self.unit_types.split(",") if code.strip()}


class RecurrenceKind(models.TextChoices):
    WEEKLY = "weekly", _("Every week")
    MONTHLY = "monthly", _("Every month")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class ReceptionSchedule(models.Model):
    """One regular reception day of a unit's head."""

    ACCESS_UNIT_PATH = "unit__path"

    unit = models.ForeignKey(
        "units.OrgUnit",
        on_delete=models.PROTECT,
        related_name="reception_schedules",
        verbose_name=_("unit"),
    )
    kind = models.CharField(_("repeats"), max_length=8, choices=RecurrenceKind.choices)
    weekday = models.PositiveSmallIntegerField(
        _("day of the week"), choices=Weekday.choices, null=True, blank=True
    )
    day_of_month = models.PositiveSmallIntegerField(_("day of the month"), null=True, blank=True)
    receiver = models.CharField(_("who receives"), max_length=200)
    place = models.CharField(_("place"), max_length=300)
    note = models.CharField(_("note"), max_length=500, blank=True)
    is_active = models.BooleanField(_("in force"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "weekday", "day_of_month", "id"]
        verbose_name = _("reception schedule")
        verbose_name_plural = _("reception schedules")
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="weekly", weekday__isnull=False, weekday__lte=6))
                | Q(kind="monthly", day_of_month__gte=1, day_of_month__lte=31),
                name="receptionschedule_day_given",
            )
        ]

    def __str__(self) -> str:
        return f"{self.label} — {self.receiver}"

    @property
    def label(self) -> str:
        from django.utils.translation import gettext

        if self.kind == RecurrenceKind.WEEKLY:
            return gettext("Every %(day)s") % {"day": self.get_weekday_display()}
        return gettext("Day %(day)d of each month") % {"day": self.day_of_month or 0}


class SessionKind(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    AD_HOC = "ad_hoc", _("Ad hoc")


class ReceptionSession(Versioned):
    """A reception session held: who received, the citizens received, what was done."""

    ACCESS_UNIT_PATH = "unit__path"

    unit = models.ForeignKey(
        "units.OrgUnit",
        on_delete=models.PROTECT,
        related_name="reception_sessions",
        verbose_name=_("unit"),
    )
    schedule = models.ForeignKey(
        ReceptionSchedule,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("regular reception day"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=SessionKind.choices)
    held_on = models.DateField(_("date"))
    receiver = models.CharField(_("who received"), max_length=200)
    place = models.CharField(_("place"), max_length=300, blank=True)
    individuals = models.PositiveIntegerField(_("individuals received"), default=0)
    groups = models.PositiveIntegerField(_("groups received"), default=0)
    group_members = models.PositiveIntegerField(_("people in the groups"), default=0)
    citizens = models.PositiveIntegerField(_("citizens received"), default=0, editable=False)
    summary = models.TextField(_("what was done"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("reception session")
        verbose_name_plural = _("reception sessions")
        indexes = [models.Index(fields=["unit", "held_on"], name="receptionsession_unit_day")]
        constraints = [
            models.CheckConstraint(
                condition=Q(group_members__gte=models.F("groups")),
                name="receptionsession_group_heads",
            )
        ]

    def __str__(self) -> str:
        return f"{self.held_on:%d/%m/%Y} — {self.unit}"

    def save(self, *args, **kwargs):
        self.citizens = (self.individuals or 0) + (self.group_members or 0)
        super().save(*args, **kwargs)


class MatterOutcome(models.TextChoices):
    ANSWERED = "answered", _("Answered on the spot")
    ADVISED = "advised", _("Advised where to go")
    CASE = "case", _("Received as a case")
    OTHER = "other", _("Other")


class ReceptionMatter(models.Model):
    """A matter raised at a session, with what was done about it."""

    ACCESS_UNIT_PATH = "session__unit__path"
    # Who raised a matter is personal data: never in an audit diff. A denunciation's author is
    # not kept here at all: it goes, encrypted, into its case's identity (Luật Tố cáo 2018,
    # Điều 47, 48).
    AUDIT_EXCLUDE = ("petitioner",)

    session = models.ForeignKey(ReceptionSession, on_delete=models.CASCADE, related_name="matters")
    petitioner = models.CharField(_("raised by"), max_length=200, blank=True)
    people = models.PositiveIntegerField(_("number of people"), default=1)
    content = models.TextField(_("matter"))
    outcome = models.CharField(
        _("what was done"), max_length=10, choices=MatterOutcome.choices, default="answered"
    )
    action = models.TextField(_("details of what was done"), blank=True)
    case = models.ForeignKey(
        "petitions.Case",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reception_matters",
        verbose_name=_("case"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("matter raised")
        verbose_name_plural = _("matters raised")

    def __str__(self) -> str:
        text = " ".join(self.content.split())
        return text if len(text) <= 80 else f"{text[:79]}…"


class VoterMeeting(models.Model):
    """A voter-contact meeting of People's Council deputies."""

    ACCESS_UNIT_PATH = "unit__path"

    unit = models.ForeignKey(
        "units.OrgUnit",
        on_delete=models.PROTECT,
        related_name="voter_meetings",
        verbose_name=_("organising unit"),
    )
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=300)
    deputies = models.TextField(_("deputies"), help_text=_("One per line."))
    voters = models.PositiveIntegerField(_("voters attending"), default=0)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("voter-contact meeting")
        verbose_name_plural = _("voter-contact meetings")
        indexes = [models.Index(fields=["unit", "held_on"], name="votermeeting_unit_day")]

    def __str__(self) -> str:
        return f"{self.held_on:%d/%m/%Y} — {self.place}"

    def deputy_lines(self) -> list[str]:
        return [line.strip() for line in self.deputies.splitlines() if line.strip()]


class VoterPetition(Versioned):
    """A voters' petition (kiến nghị cử tri): forwarded to an agency, answered, published."""

    ACCESS_UNIT_PATH = "meeting__unit__path"

    meeting = models.ForeignKey(VoterMeeting, on_delete=models.CASCADE, related_name="petitions")
    content = models.TextField(_("petition"))
    content_folded = models.TextField(editable=False, default="")
    raised_by = models.CharField(_("raised by"), max_length=200, blank=True)
    agency = models.ForeignKey(
        "units.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="voter_petitions",
        verbose_name=_("competent agency"),
    )
    forwarded_on = models.DateField(_("forwarded on"), null=True, blank=True)
    answer_due = models.DateField(_("answer due by"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    is_published = models.BooleanField(_("answer published"), default=False)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("voter petition")
        verbose_name_plural = _("voter petitions")
        indexes = [
            models.Index(fields=["answer_due"], name="voterpetition_due"),
            models.Index(fields=["agency", "answered_on"], name="voterpetition_agency"),
            models.Index(fields=["is_published", "published_on"], name="voterpetition_public"),
        ]

    def __str__(self) -> str:
        text = " ".join(self.content.split())
        return text if len(text) <= 80 else f"{text[:79]}…"

    def save(self, *args, **kwargs):
        self.content_folded = fold(f"{self.content} {self.answer}")
        super().save(*args, **kwargs)

    @property
    def is_answered(self) -> bool:
        return self.answered_on is not None

    def is_overdue_on(self, today) -> bool:
        return bool(not self.is_answered and self.answer_due and self.answer_due < today)


class DialogueConference(Versioned):
    """A dialogue conference between a unit's head and the people."""

    ACCESS_UNIT_PATH = "unit__path"

    unit = models.ForeignKey(
        "units.OrgUnit",
        on_delete=models.PROTECT,
        related_name="dialogue_conferences",
        verbose_name=_("unit"),
    )
    held_on = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=300)
    chaired_by = models.CharField(_("chaired by"), max_length=200)
    place = models.CharField(_("place"), max_length=300, blank=True)
    participants = models.PositiveIntegerField(_("people attending"), default=0)
    note = models.TextField(_("note"), blank=True)
    plan = models.ForeignKey(
        "plans.Plan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("plan of the commitments"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("dialogue conference")
        verbose_name_plural = _("dialogue conferences")

    def __str__(self) -> str:
        return f"{self.held_on:%d/%m/%Y} — {self.topic}"


class DialogueIssue(models.Model):
    """An issue raised at a dialogue conference, the answer given, and any commitment made:
    a commitment is followed as a task (``task``) led by the committed unit."""

    ACCESS_UNIT_PATH = "conference__unit__path"

    conference = models.ForeignKey(
        DialogueConference, on_delete=models.CASCADE, related_name="issues"
    )
    raised_by = models.CharField(_("raised by"), max_length=200, blank=True)
    content = models.TextField(_("issue raised"))
    response = models.TextField(_("answer given"), blank=True)
    commitment = models.TextField(_("commitment"), blank=True)
    committed_unit = models.ForeignKey(
        "units.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit in charge"),
    )
    due_date = models.DateField(_("deadline"), null=True, blank=True)
    task = models.ForeignKey(
        "plans.Task",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("task"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("issue raised")
        verbose_name_plural = _("issues raised")

    def __str__(self) -> str:
        text = " ".join(self.content.split())
        return text if len(text) <= 80 else f"{text[:79]}…"

    @property
    def has_commitment(self) -> bool:
        return bool(self.commitment)
