"""Read-only admin of the legal-document registry for superusers. Entries are registered and
corrected on the registry pages, through the services that deduplicate and audit."""

from django.contrib import admin

from danvan.documents.models import LegalDocument
from danvan.lib.text import search_terms


@admin.register(LegalDocument)
class LegalDocumentAdmin(admin.ModelAdmin):
    list_display = ["code", "doc_type", "issued_on", "issuer", "created_at"]
    list_filter = ["doc_type"]
    search_fields = ["search_folded"]
    readonly_fields = [
        "doc_type",
        "number",
        "symbol",
        "code",
        "issued_on",
        "issuer",
        "title",
        "created_by",
        "created_at",
    ]
    fields = readonly_fields

    def get_search_results(self, request, queryset, search_term):
        for term in search_terms(search_term):
            queryset = queryset.filter(search_folded__contains=term)
        return queryset, False

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
