"""Long work runs in the background: a progress page, a download when done, a notice."""

import pytest

from danvan.core import jobs
from danvan.core.errors import ValidationFailed
from danvan.core.models import Job, JobStatus
from danvan.notifications.models import Notification


def _count_units(job, progress):
    total = job.params["n"]
    for done in range(total + 1):
        progress(done, total, f"Đơn vị {done}")
    return jobs.JobResult(file_name="Bảng tổng hợp.txt", content=f"{total} đơn vị".encode())


def _refuse(job, progress):
    raise ValidationFailed("Đợt báo cáo đã đóng.")


def _crash(job, progress):
    raise RuntimeError("disk on fire")


@pytest.fixture(autouse=True)
def _kinds():
    jobs.register(jobs.JobKind("test.count", _count_units))
    jobs.register(jobs.JobKind("test.refuse", _refuse))
    jobs.register(jobs.JobKind("test.crash", _crash))


def _start(actor, kind, django_capture_on_commit_callbacks, **params):
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.job_start(actor=actor, kind=kind, title="Xuất bảng", params=params)
    job.refresh_from_db()
    return job


def test_a_job_runs_after_commit_and_its_owner_downloads_the_result(
    cast, client_for, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    job = _start(cast.official_a, "test.count", django_capture_on_commit_callbacks, n=7)
    assert (job.status, job.done, job.total, job.percent) == (JobStatus.DONE, 7, 7, 100)

    client = client_for(cast.official_a)
    page = client.get(f"/viec/{job.pk}/").content.decode()
    assert "Xuất bảng" in page and f"/viec/{job.pk}/tai-ve/" in page
    download = client.get(f"/viec/{job.pk}/tai-ve/")
    assert download.status_code == 200 and download.content == "7 đơn vị".encode()
    assert "filename*=UTF-8''B%E1%BA%A3ng" in download["Content-Disposition"]
    notice = Notification.objects.get(recipient=cast.official_a)
    assert notice.url == f"/viec/{job.pk}/" and "Xuất bảng" in notice.title


def test_nobody_else_sees_or_downloads_a_job(
    cast, client_for, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    job = _start(cast.official_a, "test.count", django_capture_on_commit_callbacks, n=1)
    for other in (cast.official_b, cast.leader_a, cast.province_officer):
        client = client_for(other)
        assert client.get(f"/viec/{job.pk}/").status_code == 404
        assert client.get(f"/viec/{job.pk}/tai-ve/").status_code == 404
    assert client_for(cast.official_b).get("/viec/").content.decode().count("Xuất bảng") == 0
    assert client_for(cast.official_a).get("/viec/not-a-uuid/").status_code == 404


def test_a_refused_job_says_why_in_vietnamese(cast, client_for, django_capture_on_commit_callbacks):
    job = _start(cast.official_a, "test.refuse", django_capture_on_commit_callbacks)
    assert job.status == JobStatus.FAILED and job.error == "Đợt báo cáo đã đóng."
    page = client_for(cast.official_a).get(f"/viec/{job.pk}/").content.decode()
    assert "Đợt báo cáo đã đóng." in page
    assert client_for(cast.official_a).get(f"/viec/{job.pk}/tai-ve/").status_code == 404


def test_a_crashed_job_does_not_show_the_crash(
    cast, client_for, django_capture_on_commit_callbacks
):
    job = _start(cast.official_a, "test.crash", django_capture_on_commit_callbacks)
    assert job.status == JobStatus.FAILED
    assert "disk on fire" not in job.error and job.error


def test_a_job_delivered_twice_runs_once(
    cast, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    job = _start(cast.official_a, "test.count", django_capture_on_commit_callbacks, n=2)
    assert jobs.job_run(job.pk) is None  # already done: nothing happens
    assert Job.objects.get(pk=job.pk).attempts == 1


def test_the_progress_page_polls_while_running(cast, client_for):
    job = Job.objects.create(
        kind="test.count",
        title="Mở đợt",
        owner=cast.official_a,
        status=JobStatus.RUNNING,
        done=30,
        total=120,
    )
    page = (
        client_for(cast.official_a).get(f"/viec/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    )
    assert 'hx-trigger="every 1s"' in page and "25%" in page and "30/120" in page
