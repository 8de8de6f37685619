"""A large import is read by a background job with a progress page, never inside the web
request; its review page is built from the draft the job kept, and only its owner sees it."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.core.models import Job, JobStatus
from danvan.plans import import_jobs
from danvan.plans.models import Plan

URL = reverse("plans:plan-import")
LONG = (
    "KẾ HOẠCH\nCông tác dân vận chính quyền năm 2026\n\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n" + "Nâng cao nhận thức của cán bộ về công tác dân vận. " * 1100 + "\n\n"
    "II. NỘI DUNG\n1. Sở Nội vụ chủ trì kiểm tra việc tiếp công dân trước ngày 30/6/2026.\n"
    "2. Các sở, ngành báo cáo kết quả thực hiện.\n"
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _read(client, unit, capture, **fields):
    with capture(execute=True):
        return client.post(URL, {"step": "read", "unit": unit.pk, **fields})


def _review_data(page) -> dict:
    html = page.content.decode()
    data = {"step": "save"}
    data.update(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))
    form = page.context["form"]
    for name in form.fields:
        if name.startswith(("match_", "task_")) or name in form.initial:
            value = form[name].value()
            value = ("on" if value else "") if name.startswith("task_") else value
            data.setdefault(name, "" if value is None else str(value))
    return data


def test_a_long_text_is_read_in_the_background_then_reviewed_and_saved(
    cast, client_for, django_capture_on_commit_callbacks
):
    assert len(LONG) > import_jobs.LARGE_TEXT
    client = client_for(cast.official_a)
    response = _read(client, cast.tree.ubnd_a, django_capture_on_commit_callbacks, text=LONG)
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert (job.status, job.kind, job.done, job.total) == (JobStatus.DONE, import_jobs.KIND, 3, 3)
    assert job.result_url == reverse("plans:plan-import-job", args=[job.pk])
    assert Plan.objects.count() == 0

    page = client.get(job.result_url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Công tác dân vận chính quyền năm 2026" in html
    text_input = re.search(r'<input type="hidden" name="text"[^>]*>', html).group()
    assert "value=" not in text_input  # the text stays on the server
    data = _review_data(page)
    assert data["job"] == str(job.pk)
    response = client.post(URL, data)
    plan = Plan.objects.get()
    assert response.status_code == 302
    assert (plan.unit, plan.tasks.count()) == (cast.tree.ubnd_a, 2)


def test_nobody_else_opens_or_saves_the_review_of_a_background_import(
    cast, client_for, django_capture_on_commit_callbacks
):
    _read(
        client_for(cast.official_a), cast.tree.ubnd_a, django_capture_on_commit_callbacks, text=LONG
    )
    job = Job.objects.get()
    other = client_for(cast.official_b)
    assert other.get(reverse("plans:plan-import-job", args=[job.pk])).status_code == 404
    forged = {"step": "save", "job": str(job.pk), "unit": cast.tree.ubnd_a.pk, "title": "x",
              "period_start": 2026, "period_end": 2026}  # fmt: skip
    assert other.post(URL, forged).status_code == 404
    assert Plan.objects.count() == 0


def test_a_large_file_is_read_by_the_job_and_then_deleted(
    cast, client_for, django_capture_on_commit_callbacks, tmp_path
):
    data = (LONG + "\n" + "x" * (import_jobs.LARGE_FILE_BYTES + 10)).encode("utf-8")
    upload = SimpleUploadedFile("ke-hoach.txt", data)
    client = client_for(cast.official_a)
    _read(client, cast.tree.ubnd_a, django_capture_on_commit_callbacks, file=upload)
    job = Job.objects.get()
    assert job.status == JobStatus.DONE and "ke-hoach.txt" in job.title
    assert not list((tmp_path / "imports").glob("*"))  # the upload is not kept
    assert client.get(job.result_url).status_code == 200


def test_a_broken_large_file_fails_with_a_clear_message_and_no_review(
    cast, client_for, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("hong.docx", b"PK\x03\x04" + io.BytesIO(b"0" * 1_100_000).read())
    client = client_for(cast.official_a)
    _read(client, cast.tree.ubnd_a, django_capture_on_commit_callbacks, file=upload)
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED
    assert "damaged" in job.error
    review = client.get(reverse("plans:plan-import-job", args=[job.pk]))
    assert review.status_code == 302 and review["Location"] == job.get_absolute_url()
