"""Platform jobs: the job ledger (``JobRun``), a probe job and the scheduler's heartbeat.

``touch(key)`` records that job ``key`` was done, once: sent twice, or delivered again after
a worker died before acknowledging it, it finds its row and does nothing. It is the smallest
real job, used to check the job system end to end::

    celery -A danvan call danvan.core.tasks.touch --args='["probe-2026-03-02"]'

then look for the key under "Job runs" in the admin. ``pause`` makes it a long job, to see
what a restart of the worker does to a job in progress (nothing is lost; see
docs/operations.md).

``heartbeat`` runs every ``HEARTBEAT_MINUTES`` from the scheduler and records one row per
slot: the newest "heartbeat:…" row in the admin says when the scheduler and a worker last
worked together. Rows older than ``HEARTBEAT_KEEP_DAYS`` are removed.
"""

from __future__ import annotations

import datetime as dt
import time

from celery import shared_task
from celery.utils.log import get_task_logger
from django.db import transaction
from django.utils import timezone

from danvan.core.models import JobRun

logger = get_task_logger(__name__)

KEY_MAX_LENGTH = JobRun._meta.get_field("key").max_length
MAX_PAUSE_SECONDS = 600
HEARTBEAT_PREFIX = "heartbeat:"
HEARTBEAT_MINUTES = 5
HEARTBEAT_KEEP_DAYS = 7

# -- the ledger (the service the jobs call) ----------------------------------------------


@transaction.atomic
def job_run_record(*, key: str) -> bool:
    """Record that job ``key`` is done. True if this call did it, False if it was done before.

    Safe under concurrency: the key is unique, so of two workers running the same job at once
    one creates the row and the other finds it.
    """
    if not isinstance(key, str) or not key.strip() or len(key) > KEY_MAX_LENGTH:
        raise ValueError(f"a job key is a non-empty string of at most {KEY_MAX_LENGTH} characters")
    _, created = JobRun.objects.get_or_create(key=key)
    return created


def job_run_prune(*, prefix: str, before: dt.datetime) -> int:
    """Delete the ledger rows of ``prefix`` done before ``before``; return how many."""
    deleted, _ = JobRun.objects.filter(key__startswith=prefix, done_at__lt=before).delete()
    return deleted


def heartbeat_key(at: dt.datetime) -> str:
    """The key of the heartbeat slot holding ``at`` (local time, rounded down)."""
    local = timezone.localtime(at)
    minute = local.minute - local.minute % HEARTBEAT_MINUTES
    return HEARTBEAT_PREFIX + local.replace(minute=minute).strftime("%Y-%m-%dT%H:%M")


# -- jobs --------------------------------------------------------------------------------


@shared_task(name="danvan.core.tasks.touch", acks_late=True)
def touch(key: str, pause: float = 0) -> bool:
    """Record job ``key`` as done, after ``pause`` seconds (at most ``MAX_PAUSE_SECONDS``)."""
    logger.info("job %s: started", key)
    time.sleep(min(max(float(pause), 0.0), MAX_PAUSE_SECONDS))
    if job_run_record(key=key):
        logger.info("job %s: done", key)
        return True
    logger.info("job %s: already done, nothing to do", key)
    return False


@shared_task(name="danvan.core.tasks.heartbeat", acks_late=True)
def heartbeat() -> str:
    """Record this heartbeat slot and forget the slots older than a week."""
    now = timezone.now()
    key = heartbeat_key(now)
    job_run_record(key=key)
    job_run_prune(prefix=HEARTBEAT_PREFIX, before=now - dt.timedelta(days=HEARTBEAT_KEEP_DAYS))
    return key


@shared_task(name="danvan.core.tasks.run_job", acks_late=True)
def run_job(job_id: str) -> None:
    """Run a background job (``danvan.core.jobs``); a second delivery finds it done."""
    from danvan.core import jobs

    jobs.job_run(job_id)


@shared_task(name="danvan.core.tasks.sweep_jobs", acks_late=True)
def sweep_jobs() -> int:
    """Start again the jobs a dead worker or a broker outage left behind."""
    from danvan.core import jobs

    return jobs.sweep()


@shared_task(name="danvan.core.tasks.prune_form_tokens", acks_late=True)
def prune_form_tokens() -> int:
    """Forget the once-tokens of forms sent more than a week ago."""
    from danvan.core import once

    return once.prune()
