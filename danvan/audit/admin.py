from django.contrib import admin

from danvan.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: nobody edits or deletes history, not even a superuser."""

    list_display = ("at", "actor_name", "action", "object_repr", "ip")
    list_filter = ("action",)
    search_fields = ("action", "object_repr", "actor_name")
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
