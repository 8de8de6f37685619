"""File storage that never leaves an orphan and explains a full disk.

- A file written inside a transaction that then rolls back is deleted: each file saved in an
  atomic block is remembered until the block commits (``transaction.on_commit``); when the
  request or job ends, the ones still remembered belong to a rolled-back write and go.
- A file that cannot be written (disk full, quota, read-only disk, no permission) is removed
  half-written and answered with ``StorageUnavailable``: a clear message, status 507, and the
  transaction around it rolls back, so nothing refers to a file that is not there.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import threading
from functools import partial

from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.utils.translation import gettext_lazy

from danvan.core.errors import DomainError

logger = logging.getLogger(__name__)

DISK_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO}

_pending = threading.local()


class StorageUnavailable(DomainError):
    status = 507
    code = "storage_unavailable"
    default_message = gettext_lazy(
        "The file could not be saved: the server's disk is full or cannot be written. Nothing "
        "was saved. Tell the administrator, then send it again."
    )


def _pending_files() -> set[str]:
    files = getattr(_pending, "files", None)
    if files is None:
        files = _pending.files = set()
    return files


def _remember_until_commit(path: str) -> None:
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return
    files = _pending_files()
    files.add(path)
    transaction.on_commit(partial(files.discard, path))


def remove_rolled_back_files(**kwargs) -> int:
    """Delete the files written by transactions that rolled back (called when a request or a
    job ends, outside any transaction); returns how many."""
    if transaction.get_connection().in_atomic_block:
        return 0  # still inside a transaction (a test, a nested call): it may yet commit
    files = _pending_files()
    removed = 0
    while files:
        path = files.pop()
        try:
            os.remove(path)
            removed += 1
        except FileNotFoundError:
            pass
        except OSError as exc:  # pragma: no cover — logged, nothing else to do
            logger.warning("storage: could not remove %s after a rollback: %s", path, exc)
    return removed


def connect_signals() -> None:
    from celery import signals as celery_signals
    from django.core.signals import request_finished

    request_finished.connect(remove_rolled_back_files, dispatch_uid="danvan.storage.cleanup")
    celery_signals.task_postrun.connect(
        remove_rolled_back_files, weak=False, dispatch_uid="danvan.storage.cleanup"
    )


class SafeFileSystemStorage(FileSystemStorage):
    """The local disk, with the two guarantees above."""

    def _save(self, name, content):
        while True:
            full_path = self.path(name)
            try:
                os.makedirs(os.path.dirname(full_path), exist_ok=True)
                fd = os.open(full_path, self.OS_OPEN_FLAGS, 0o666)
            except FileExistsError:
                name = self.get_available_name(name)
                continue
            except OSError as exc:
                raise self._unavailable(exc, full_path) from exc
            break
        try:
            with os.fdopen(fd, "wb") as handle:
                if hasattr(content, "seek"):
                    content.seek(0)
                for chunk in content.chunks():
                    handle.write(chunk.encode() if isinstance(chunk, str) else chunk)
                handle.flush()
                os.fsync(handle.fileno())
        except BaseException as exc:
            with contextlib.suppress(OSError):
                os.remove(full_path)
            if isinstance(exc, OSError):
                raise self._unavailable(exc, full_path) from exc
            raise
        if self.file_permissions_mode is not None:
            os.chmod(full_path, self.file_permissions_mode)
        _remember_until_commit(full_path)
        return os.path.relpath(full_path, self.location).replace("\\", "/")

    @staticmethod
    def _unavailable(exc: OSError, path: str) -> Exception:
        if exc.errno in DISK_ERRORS:
            logger.error("storage: cannot write %s: %s", path, exc)
            return StorageUnavailable()
        return exc
