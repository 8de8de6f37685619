"""Django admin of the units app.

Unit types and agency templates are reference data a superuser edits here (``load_units``
applies a new agency template to every territory of its level). Units themselves are
managed on the unit pages, through the services that keep paths and the audit trail;
here they are read-only.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from danvan.lib.text import search_terms
from danvan.units.models import AgencyTemplate, OrgUnit, OrgUnitName, UnitType


class SuperuserOnlyAdmin(admin.ModelAdmin):
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


@admin.register(UnitType)
class UnitTypeAdmin(SuperuserOnlyAdmin):
    list_display = ["name", "code", "level", "is_territory", "document_format", "ordering"]
    list_editable = ["ordering"]
    list_filter = ["is_territory", "level", "document_format"]
    search_fields = ["name", "code"]


@admin.register(AgencyTemplate)
class AgencyTemplateAdmin(SuperuserOnlyAdmin):
    list_display = [
        "name_pattern",
        "level",
        "unit_type",
        "parent_template",
        "ordering",
        "is_active",
    ]
    list_editable = ["ordering", "is_active"]
    list_filter = ["level", "is_active"]
    list_select_related = ["unit_type"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "level",
                    "unit_type",
                    "name_pattern",
                    "parent_template",
                    "ordering",
                    "is_active",
                ],
                "description": _(
                    "Placeholders: {name} full territory name (“Xã Trường Sơn”), {short} "
                    "(“Trường Sơn”), {kind} (“xã”, “tỉnh”, “thành phố”), {party} (“Tỉnh ủy”, "
                    "“Thành ủy”, “Đảng ủy”). Run “manage.py load_units” to create the agencies "
                    "of a new template under every territory of its level."
                ),
            },
        )
    ]

    def has_delete_permission(self, request, obj=None):
        # Agencies created from a template keep a link to it; deactivate a template instead.
        return False


@admin.register(OrgUnit)
class OrgUnitAdmin(SuperuserOnlyAdmin):
    list_display = ["name", "unit_type", "level", "official_code", "valid_from", "valid_to"]
    list_filter = ["level", "unit_type"]
    list_select_related = ["unit_type"]
    search_fields = ["name_folded", "official_code"]
    show_full_result_count = False
    readonly_fields = ["open_on_site"]
    fields = [
        "open_on_site",
        "name",
        "short_name",
        "unit_type",
        "level",
        "parent",
        "official_code",
        "valid_from",
        "valid_to",
        "successor",
    ]

    @admin.display(description=_("unit page"))
    def open_on_site(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("units:detail", args=[obj.pk]),
            _("Manage this unit on its page"),
        )

    def get_search_results(self, request, queryset, search_term):
        """Search with or without diacritics, like the unit pages."""
        terms = search_terms(search_term)
        if not terms:
            return queryset, False
        by_code = queryset.filter(official_code=search_term.strip())
        by_name = queryset
        for term in terms:
            by_name = by_name.filter(name_folded__contains=term)
        return by_code | by_name, False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OrgUnitName)
class OrgUnitNameAdmin(SuperuserOnlyAdmin):
    """Former names: ``load_units`` records them when a body is renamed (Ban Dân vận → Ban
    Tuyên giáo và Dân vận); a superuser corrects the date a province's change took effect."""

    list_display = ["name", "unit", "valid_from", "valid_to", "reason"]
    list_select_related = ["unit"]
    search_fields = ["name", "unit__name_folded"]
    autocomplete_fields = ["unit"]
    date_hierarchy = "valid_to"
