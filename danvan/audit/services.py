"""Writing the audit trail. Services call ``record`` inside their own transaction."""

import json
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from danvan.audit.middleware import current_ip
from danvan.audit.models import AuditEntry
from danvan.lib.paths import unit_path_of


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The object's concrete field values, JSON-safe, minus what the model keeps out of audits.

    A model lists confidential or derived fields in ``AUDIT_EXCLUDE``; they never reach a diff.
    """
    excluded = set(getattr(type(obj), "AUDIT_EXCLUDE", ())) | {"path", "depth", "name_folded"}
    data = {}
    for field in obj._meta.concrete_fields:
        name = field.name
        if name in excluded or name.endswith("_folded") or (fields and name not in fields):
            continue
        data[name] = field.value_from_object(obj)
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def _unit_path(obj: models.Model | None) -> str:
    if obj is None:
        return ""

    try:
        return unit_path_of(obj) or ""
    except (TypeError, AttributeError):
        return ""


def record(
    actor,
    action: str,
    obj: models.Model | None = None,
    *,
    before: dict | None = None,
    after: dict | None = None,
    unit_path: str | None = None,
) -> AuditEntry:
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEntry.objects.create(
        actor=actor if authenticated else None,
        actor_name=(actor.get_username() if authenticated else "")[:150],
        ip=current_ip(),
        action=action,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        unit_path=unit_path if unit_path is not None else _unit_path(obj),
        before=before,
        after=after,
    )
