"""Read-only admin pages for superusers. Changes go through the account pages, which check
the manager's reach and write the audit trail; the admin would bypass both."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from danvan.accounts.models import RoleGrant, User


class ReadOnlyAdminMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


class RoleGrantInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = RoleGrant
    fk_name = "user"
    fields = ("role", "unit", "granted_by", "created_at")
    readonly_fields = fields
    extra = 0


@admin.register(User)
class UserAdmin(ReadOnlyAdminMixin, DjangoUserAdmin):
    list_display = ("username", "full_name", "email", "home_unit", "is_active", "is_superuser")
    list_filter = ("is_active", "is_superuser", "is_staff")
    search_fields = ("username", "full_name", "email")
    list_select_related = ("home_unit",)
    ordering = ("username",)
    fieldsets = (
        (None, {"fields": ("username", "full_name", "email", "position", "phone", "home_unit")}),
        (_("Status"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    inlines = [RoleGrantInline]


@admin.register(RoleGrant)
class RoleGrantAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("user", "role", "unit", "granted_by", "created_at")
    list_filter = ("role",)
    search_fields = ("user__username", "user__full_name", "unit__name")
    list_select_related = ("user", "unit", "granted_by")
    raw_id_fields = ("user", "unit", "granted_by")
