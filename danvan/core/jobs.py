"""Long work in the background, with a progress bar and a download when done.

Anything that can take more than a few seconds at national scale (opening a national round,
a consolidated DOCX, the Excel of every figure, a large import) is a job: the page starts it and
sends the user to its progress page; a worker runs it; the owner is notified when it is done.
A web request never waits for it (gunicorn's timeout is 60 s).

An app declares its kinds of job in ``hooks.register()``::

    jobs.register(JobKind(
        name="reports.consolidated-xlsx",
        run=exports.consolidated_xlsx_job,   # run(job, progress) -> JobResult
    ))

and a view starts one (the service checks access first, with the actor's rights)::

    job = jobs.job_start(actor=request.user, kind="reports.consolidated-xlsx",
                         title=_("Excel of round %(round)s") % …, params={"round": round.pk})
    return redirect(job)

``run`` loads what it needs from ``job.params`` (ids, never objects), checks access again as
``job.owner``, reports progress with ``progress(done, total, step)`` and returns a
:class:`JobResult`: a file (name and bytes) to download, and/or a page to open. It must be safe
to run twice: a worker that died mid-job leaves the job ``running``, and the job is started
again when the broker delivers it again (``acks_late``) or when its owner retries.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.errors import DomainError, NotFoundError
from danvan.core.models import Job, JobStatus

logger = logging.getLogger(__name__)

#: a job still "running" after this long is taken to be dead (its worker was killed)
STALE_AFTER = dt.timedelta(minutes=30)
#: a job whose worker died this many times is given up (it would kill the next one too)
MAX_ATTEMPTS = 3
#: progress is written at most this often (a job may report every row)
PROGRESS_EVERY_SECONDS = 0.5


@dataclass
class JobResult:
    file_name: str = ""
    content: bytes = b""
    url: str = ""


@dataclass(frozen=True)
class JobKind:
    name: str
    run: Callable[[Job, Progress], JobResult]


_KINDS: dict[str, JobKind] = {}
_FINISHED: list[Callable[[Job], None]] = []


def register(kind: JobKind) -> None:
    _KINDS[kind.name] = kind


def on_finished(listener: Callable[[Job], None]) -> None:
    """Call ``listener(job)`` after a job is done or failed (notifications registers one)."""
    if listener not in _FINISHED:
        _FINISHED.append(listener)


class Progress:
    """``progress(done, total=None, step="")``: written to the job row, at most twice a second."""

    def __init__(self, job: Job):
        self.job = job
        self._written = 0.0

    def __call__(self, done: int, total: int | None = None, step: str = "") -> None:
        self.job.done = max(0, int(done))
        if total is not None:
            self.job.total = max(0, int(total))
        if step:
            self.job.step = step[:300]
        now = time.monotonic()
        if now - self._written >= PROGRESS_EVERY_SECONDS or (
            self.job.total and self.job.done >= self.job.total
        ):
            self._written = now
            Job.objects.filter(pk=self.job.pk).update(
                done=self.job.done, total=self.job.total, step=self.job.step
            )


def job_start(*, actor, kind: str, title: str, params: dict | None = None) -> Job:
    """Queue a job of ``kind`` for ``actor``; it starts after the current transaction commits."""
    if kind not in _KINDS:
        raise ValueError(f"unknown job kind {kind!r}")
    job = Job.objects.create(kind=kind, title=title[:300], owner=actor, params=params or {})

    def enqueue():
        from danvan.core.tasks import run_job

        try:
            run_job.delay(str(job.pk))
        except Exception:  # the broker is down: the sweep starts it later; the user waits
            logger.warning("job %s: could not be queued now; the sweep will start it", job.pk)

    transaction.on_commit(enqueue)
    return job


def get_job_for(actor, job_id) -> Job:
    """The job if ``actor`` started it (administrators see every job); 404 otherwise."""
    try:
        job = Job.objects.select_related("owner").get(pk=job_id)
    except (Job.DoesNotExist, ValueError, TypeError, ValidationError):
        raise NotFoundError() from None
    if job.owner_id != getattr(actor, "pk", None) and not getattr(actor, "is_superuser", False):
        raise NotFoundError()
    return job


def jobs_of(actor, *, limit: int = 50) -> list[Job]:
    return list(Job.objects.filter(owner=actor).order_by("-created_at")[:limit])


def _claim(job_id) -> Job | None:
    """Mark the job running, unless it is finished or another worker is on it right now."""
    now = timezone.now()
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.finished:
            return None
        if (
            job.status == JobStatus.RUNNING
            and job.started_at
            and now - job.started_at < (STALE_AFTER)
        ):
            return None
        if job.attempts >= MAX_ATTEMPTS:
            job.status, job.finished_at = JobStatus.FAILED, now
            job.error = _(
                "The job stopped several times without finishing. Contact the administrator."
            )
            job.save(update_fields=["status", "finished_at", "error"])
            return None
        job.status, job.started_at, job.attempts = JobStatus.RUNNING, now, job.attempts + 1
        job.error = ""
        job.save(update_fields=["status", "started_at", "attempts", "error"])
    return job


def job_run(job_id) -> Job | None:
    """Run a queued job now (the worker's task calls this). Safe to call twice."""
    job = _claim(job_id)
    if job is None:
        return None
    kind = _KINDS.get(job.kind)
    try:
        if kind is None:
            raise DomainError(_("This kind of job is no longer known."))
        result = kind.run(job, Progress(job))
    except DomainError as error:  # the user's data or rights: a clear message, no retry
        _finish(job, JobStatus.FAILED, error=str(error.message))
        return job
    except Exception:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        _finish(
            job,
            JobStatus.FAILED,
            error=_("The job stopped because of a system problem. Start it again later."),
        )
        return job
    _finish(job, JobStatus.DONE, result=result or JobResult())
    return job


def _finish(job: Job, status: str, *, result: JobResult | None = None, error: str = "") -> None:
    job.status, job.error, job.finished_at = status, error, timezone.now()
    fields = ["status", "error", "finished_at", "done", "total", "step"]
    if result is not None:
        if result.content:
            job.result.save(result.file_name, ContentFile(result.content), save=False)
            job.result_name = result.file_name
            fields += ["result", "result_name"]
        job.result_url = result.url[:500]
        fields.append("result_url")
        if job.total:
            job.done = job.total
    job.save(update_fields=fields)
    for listener in _FINISHED:
        try:
            listener(job)
        except Exception:  # a notice that fails must not undo the job
            logger.exception("job %s: a listener failed", job.pk)


def sweep(*, now: dt.datetime | None = None) -> int:
    """Start again the jobs nobody is running: queued and never started (the broker was down)
    or running for longer than ``STALE_AFTER`` (the worker was killed). Returns how many."""
    from danvan.core.tasks import run_job

    now = now or timezone.now()
    waiting = Job.objects.filter(
        status=JobStatus.QUEUED, created_at__lt=now - dt.timedelta(minutes=2)
    )
    stale = Job.objects.filter(status=JobStatus.RUNNING, started_at__lt=now - STALE_AFTER)
    count = 0
    for job_id in list(waiting.values_list("pk", flat=True)) + list(
        stale.values_list("pk", flat=True)
    ):
        run_job.delay(str(job_id))
        count += 1
    return count
