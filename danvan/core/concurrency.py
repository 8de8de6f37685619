"""Two people editing the same thing: the second save is refused, never a silent overwrite.

A model that people edit inherits :class:`Versioned`. Its edit form carries the version it was
loaded at (and a signed snapshot of what the user saw, see ``core.forms``); the service locks the
row, compares, and refuses a stale save with :class:`EditConflict`::

    @transaction.atomic
    def task_update(*, actor, task: Task, version: int | None = None, **changes) -> Task:
        task = lock(task)                      # SELECT … FOR UPDATE (SQLite: the write lock)
        check_version(task, version)           # EditConflict (409) when someone saved first
        ...change the fields...
        bump(task)                             # version + 1, saved with the other fields
        task.save()

``version=None`` (an API client or a job that does not send one) skips the check. The same
lock also serialises state changes (submit vs. save draft): a service that changes a status
locks the row first, then reads the status it decides on.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core.errors import ConflictError


class Versioned(models.Model):
    """A row people edit: ``version`` grows by one at every saved change."""

    version = models.PositiveIntegerField(gettext_lazy("version"), default=1, editable=False)

    class Meta:
        abstract = True


class EditConflict(ConflictError):
    """Someone saved ``obj`` after the user loaded it; ``obj`` is the row as it is now."""

    code = "edit_conflict"

    def __init__(self, obj, message=None):
        self.obj = obj
        super().__init__(
            message
            or _(
                "Someone else saved this after you opened it. Your input is still on the page: "
                "check what changed, then save again."
            ),
            code=self.code,
        )


def lock(obj):
    """``obj`` read again from the database and locked until the transaction ends.

    On PostgreSQL a row lock (SELECT … FOR UPDATE); on SQLite the transaction already holds the
    database's write lock (transactions start IMMEDIATE), so a plain read is enough.
    """
    return type(obj)._default_manager.select_for_update().get(pk=obj.pk)


def parse_version(value) -> int | None:
    """The version a client sent: None when absent, an int otherwise (garbage is stale)."""
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


def check_version(obj, expected) -> None:
    """Refuse the change when the user edited an older version of ``obj``."""
    expected = parse_version(expected)
    if expected is not None and expected != obj.version:
        raise EditConflict(obj)


def bump(obj) -> None:
    """Count one more saved change (the caller saves ``obj``)."""
    obj.version = (obj.version or 0) + 1
