"""Django admin (superusers) of the reception-frequency rules: the law's minimum reception days
per level and unit type are data, editable here; every change is audited."""

from django.contrib import admin
from django.db import transaction

from danvan.audit import services as audit
from danvan.core.admin import SuperuserOnlyAdmin
from danvan.petitions.models import ReceptionRule


class ReceptionRuleAdmin(SuperuserOnlyAdmin):
    list_display = ["who", "level", "unit_types", "min_days", "per", "legal_basis"]
    list_filter = ["level", "per"]
    ordering = ["level", "id"]

    def save_model(self, request, obj, form, change):
        before = audit.snapshot(ReceptionRule.objects.get(pk=obj.pk)) if change else None
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            audit.record(
                request.user,
                "reception.rule_changed" if change else "reception.rule_created",
                obj,
                before=before,
                after=audit.snapshot(obj),
                unit_path="",
            )

    def delete_model(self, request, obj):
        with transaction.atomic():
            audit.record(
                request.user,
                "reception.rule_deleted",
                obj,
                before=audit.snapshot(obj),
                unit_path="",
            )
            super().delete_model(request, obj)


def register() -> None:
    if not admin.site.is_registered(ReceptionRule):
        admin.site.register(ReceptionRule, ReceptionRuleAdmin)
