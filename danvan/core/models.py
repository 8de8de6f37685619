"""Platform records shared by every module: the days an administrator adds to the working-day
calendar, and the ledger of background jobs done."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CalendarDayKind(models.TextChoices):
    DAY_OFF = "day_off", _("Day off")
    WORKING_DAY = "working_day", _("Make-up working day")


class CalendarDay(models.Model):
    """A day an administrator adds to the national working-day calendar.

    Weekends and public holidays come from the ``holidays`` package
    (:class:`danvan.lib.workdays.WorkCalendar`); these rows add what it does not know: a day
    off (a storm, a swap announced late) or a make-up working day on a weekend (ngày làm bù).
    Written only through ``danvan.core.calendar.calendar_day_set``/``calendar_day_delete``,
    which audit the change and refresh the cached calendar.
    """

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=CalendarDayKind.choices)
    name = models.CharField(
        _("reason"),
        max_length=200,
        help_text=_("Why, as people will read it: “Nghỉ bù Tết Nguyên đán”, “Làm bù ngày 2/1”."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,  # accounts are deactivated, never deleted
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    created_at = models.DateTimeField(_("entered at"), default=timezone.now)

    class Meta:
        ordering = ["-date"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")

    def __str__(self) -> str:
        return f"{self.date.isoformat()}: {self.get_kind_display()} ({self.name})"


class JobRun(models.Model):
    """A background job that has been done, once per ``key``.

    The unique key makes a job that is delivered twice (a retry, a worker that died before
    acknowledging it) do its work once: the second run finds the row and stops. The
    scheduler's heartbeat writes one row per slot, so an operator sees when the worker and
    the scheduler last ran.
    """

    key = models.CharField(_("key"), max_length=200, unique=True)
    done_at = models.DateTimeField(_("done at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-done_at", "-id"]
        verbose_name = _("job run")
        verbose_name_plural = _("job runs")

    def __str__(self) -> str:
        return self.key


class FormSubmission(models.Model):
    """A form that was submitted and did its work, by the token the page gave it.

    A double click, a resent request or a reload sends the same token again: the second request
    finds this row and shows the first one's result instead of doing the work twice
    (``danvan.core.once``). Rows older than a week are pruned every night.
    """

    token = models.CharField(_("token"), max_length=64, unique=True)
    user_id = models.BigIntegerField(_("user"), null=True, blank=True)
    result_type = models.CharField(_("result type"), max_length=100, blank=True)
    result_id = models.CharField(_("result id"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("submitted at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")

    def __str__(self) -> str:
        return self.token


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Job(models.Model):
    """Long work a person waits for (a national round, an export, an import): its progress, and
    its result to download when done. Run by ``danvan.core.jobs``; only its owner sees it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=100)
    title = models.CharField(_("title"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,  # accounts are deactivated, never deleted
        related_name="+",
        verbose_name=_("started by"),
    )
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    step = models.CharField(_("step"), max_length=300, blank=True)
    result = models.FileField(_("result"), upload_to="jobs/%Y/%m/", blank=True, max_length=300)
    result_name = models.CharField(_("file name"), max_length=200, blank=True)
    result_url = models.CharField(_("result page"), max_length=500, blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("started at"), default=timezone.now)
    started_at = models.DateTimeField(_("running since"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "-created_at"], name="job_owner_idx")]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("core:job-detail", args=[self.pk])

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        if not self.total:
            return 0
        return min(99, int(self.done * 100 / self.total))

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)
