"""Platform records shared by every module: the days an administrator adds to the working-day
calendar, and the ledger of background jobs done."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CalendarDayKind(models.TextChoices):
    DAY_OFF = "day_off", _("Day off")
    # A make-up Saturday (ngày làm bù), or a correction of the ``holidays`` package where it
    # lists a holiday the law does not have yet.
    WORKING_DAY = "working_day", _("Working day (make-up or correction)")


class CalendarDay(models.Model):
    """A day an administrator adds to the national working-day calendar.

    Weekends and public holidays come from the ``holidays`` package
    (:class:`danvan.lib.workdays.WorkCalendar`); these rows add what it does not know: a day
    off (a storm, a swap announced late), a make-up working day on a weekend (ngày làm bù),
    or a working day where the package lists a holiday the law does not have. Each row names
    its ``source`` (the official document); the corrections danvan ships are seeded by the
    migration ``0002_calendar_sources_and_years`` and stay editable.
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
    source = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_(
            "The official document that sets this day, e.g. “Công văn 12729/VPCP-KGVX "
            "ngày 25/12/2025 của Văn phòng Chính phủ”."
        ),
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


class ScheduleStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Official schedule confirmed")
    ESTIMATE = "estimate", _("Estimate (official schedule not yet announced)")


class CalendarYear(models.Model):
    """Whether a year's days off follow the official schedule or are still an estimate.

    Every year the Prime Minister approves the holiday schedule of civil servants (Tết, swaps
    of working days, make-up Saturdays). Until then the calendar follows the ``holidays``
    package and the law's holidays (Bộ luật Lao động 2019, Điều 112): an estimate, shown as
    such next to the calendar days.
    """

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ScheduleStatus.choices, default=ScheduleStatus.ESTIMATE
    )
    source = models.CharField(
        _("source"),
        max_length=400,
        blank=True,
        help_text=_("The documents that announced the year's schedule."),
    )
    note = models.CharField(_("note"), max_length=400, blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("calendar year")
        verbose_name_plural = _("calendar years")

    def __str__(self) -> str:
        return f"{self.year}: {self.get_status_display()}"


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
