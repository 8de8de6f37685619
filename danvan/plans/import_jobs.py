"""Large imports in the background (``danvan.core.jobs``): a long text or a big file is read by
a worker, with a progress bar, instead of inside the web request; the user is then sent to the
same review page, built from the draft the job kept (never from data the browser sends back).
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.core import jobs
from danvan.core.errors import NotFoundError
from danvan.core.models import Job, JobStatus
from danvan.lib.plan_text import PlanDraft
from danvan.lib.plan_text.model import draft_from_dict
from danvan.plans import importer, selectors

KIND = "plans.import-read"
LARGE_TEXT = 50_000  # characters pasted
LARGE_FILE_BYTES = 1024 * 1024  # an uploaded file
_UPLOADS = "imports"


def is_large(text: str = "", upload=None) -> bool:
    if upload is not None:
        return (getattr(upload, "size", 0) or 0) > LARGE_FILE_BYTES
    return len(text or "") > LARGE_TEXT


def import_start(*, actor, unit, text: str = "", upload=None) -> Job:
    """Queue the reading of a plan for ``unit`` (already checked as one ``actor`` manages)."""
    params = {"unit": unit.pk}
    name = ""
    if upload is not None:
        name = Path(str(getattr(upload, "name", "") or "")).name[:120]
        suffix = Path(name).suffix.lower()
        params["file"] = default_storage.save(f"{_UPLOADS}/{uuid.uuid4().hex}{suffix}", upload)
        params["name"] = name
    else:
        params["text"] = text
    title = _("Reading the plan to import: %(name)s") % {"name": name or unit.name}
    return jobs.job_start(actor=actor, kind=KIND, title=title, params=params)


def run_import_read(job, progress) -> jobs.JobResult:
    """The job: read the file (if any), parse, match the units; keep the proposal."""
    unit = selectors.units_for_new_plan(job.owner).filter(pk=job.params.get("unit")).first()
    if unit is None:
        raise NotFoundError()
    progress(0, 3, _("Reading the file"))
    stored = job.params.get("file")
    if stored:
        try:
            with default_storage.open(stored, "rb") as handle:
                handle.name = job.params.get("name") or stored
                text = importer.read_upload(handle)
        finally:
            default_storage.delete(stored)
    else:
        text = job.params.get("text", "")
    progress(1, 3, _("Reading the header, sections and tasks"))
    _draft, proposal = importer.propose(text, within=unit)
    progress(2, 3, _("Matching the responsible units"))
    payload = {"unit": unit.pk, "text": text, "proposal": proposal}
    return jobs.JobResult(
        file_name="ke-hoach-doc-duoc.json",
        content=json.dumps(payload, ensure_ascii=False).encode("utf-8"),
        url=reverse("plans:plan-import-job", args=[job.pk]),
    )


def register() -> None:
    jobs.register(jobs.JobKind(KIND, run_import_read))


def load(actor, job_id):
    """(job, unit, text, draft, proposal) of a finished import job of ``actor``; (job, None, …)
    while it runs; 404 for a job of someone else or of another kind."""
    job = jobs.get_job_for(actor, job_id)
    if job.kind != KIND:
        raise NotFoundError()
    if job.status != JobStatus.DONE or not job.result:
        return job, None, "", None, None
    with job.result.open("rb") as handle:
        payload = json.loads(handle.read().decode("utf-8"))
    unit = selectors.units_for_new_plan(actor).filter(pk=payload.get("unit")).first()
    if unit is None:
        raise NotFoundError()
    draft: PlanDraft = draft_from_dict(payload["proposal"])
    return job, unit, payload.get("text", ""), draft, payload["proposal"]
