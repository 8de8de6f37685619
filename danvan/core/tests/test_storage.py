"""Files and transactions: a rolled-back write leaves no file; a full disk gives a clear
message and leaves no half-written file."""

import errno
import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from danvan.core import storage
from danvan.core.errors import DomainError


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def _files(folder):
    return sorted(p.name for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def test_a_file_of_a_rolled_back_write_is_removed(media, transactional_db):
    with pytest.raises(RuntimeError), transaction.atomic():
        default_storage.save("evidence/a.pdf", ContentFile(b"%PDF-1.4 first"))
        raise RuntimeError("the service failed after saving the file")
    assert _files(media) == ["a.pdf"]
    storage.remove_rolled_back_files()  # the end of the request or job
    assert _files(media) == []


def test_a_file_of_a_committed_write_stays(media, transactional_db):
    with transaction.atomic():
        default_storage.save("evidence/b.pdf", ContentFile(b"%PDF-1.4 kept"))
    storage.remove_rolled_back_files()
    assert _files(media) == ["b.pdf"]


def test_the_end_of_a_request_removes_them(media, transactional_db):
    from django.core.signals import request_finished

    with pytest.raises(RuntimeError), transaction.atomic():
        with transaction.atomic():
            default_storage.save("evidence/c.pdf", ContentFile(b"%PDF-1.4"))
        raise RuntimeError("rolled back")
    request_finished.send(sender=None)
    assert _files(media) == []


def test_a_full_disk_gives_a_clear_message_and_no_half_file(media, db, monkeypatch):
    real_fdopen = os.fdopen

    def full_disk(fd, mode="r", *args, **kwargs):
        os.close(fd)
        return real_fdopen(os.open("/dev/full", os.O_WRONLY), mode, *args, **kwargs)

    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    monkeypatch.setattr(storage.os, "fdopen", full_disk)
    with pytest.raises(DomainError) as caught:
        default_storage.save("evidence/d.pdf", ContentFile(b"%PDF-1.4 " + b"x" * 100_000))
    assert caught.value.status == 507
    assert "ổ đĩa" in str(caught.value.message)
    assert _files(media) == []


def test_other_errors_are_not_disguised(media, db, monkeypatch):
    def broken(fd, mode="r", *args, **kwargs):
        os.close(fd)
        raise OSError(errno.EINVAL, "Invalid argument")

    monkeypatch.setattr(storage.os, "fdopen", broken)
    with pytest.raises(OSError):
        default_storage.save("evidence/e.pdf", ContentFile(b"%PDF-1.4"))
    assert _files(media) == []
