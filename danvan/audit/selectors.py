"""Reads of the audit trail, scoped by the actor."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from danvan.accounts import access
from danvan.audit.models import AuditEntry
from danvan.core.errors import NotFoundError


def audit_list(actor, *, action: str = "") -> QuerySet[AuditEntry]:
    qs = access.scope(actor, AuditEntry.objects.all(), "audit.view")
    if action:
        qs = qs.filter(action__startswith=action[:80])
    return qs.select_related("content_type")


def object_for_history(actor, model_label: str, object_id):
    """The object whose history ``actor`` asks for, if it can be seen; NotFoundError otherwise."""
    try:
        model = apps.get_model(model_label)
    except (LookupError, ValueError):
        raise NotFoundError() from None
    if not getattr(model, "ACCESS_UNIT_PATH", None) or model is AuditEntry:
        raise NotFoundError()
    return access.get_for(actor, model.objects.all(), object_id)


def history_for(actor, obj) -> QuerySet[AuditEntry]:
    """Entries about ``obj``: anyone who may see the object may see its history."""
    access.require(actor, f"{obj._meta.app_label}.view", obj)
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk)
    ).order_by("-at", "-id")
