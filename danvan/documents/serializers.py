from django.utils.translation import gettext as _
from rest_framework import serializers

from danvan.documents import services
from danvan.documents.models import LegalDocument
from danvan.lib.citations import DOC_TYPES, parse_code
from danvan.units.forms import validate_search_query


class LegalDocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = LegalDocument
        fields = [
            "id",
            "doc_type",
            "number",
            "symbol",
            "code",
            "issued_on",
            "issuer",
            "title",
            "created_at",
        ]
        read_only_fields = fields


class LegalDocumentCreateSerializer(serializers.Serializer):
    """A document to register. ``code`` is the number and symbol as the document writes them;
    a document already registered with that number and symbol is answered as it stands."""

    doc_type = serializers.ChoiceField(
        choices=[(t, t) for t in DOC_TYPES], help_text="The type of document, in Vietnamese."
    )
    code = serializers.CharField(
        max_length=services.CODE_MAX,
        help_text="Number and symbol as written in the document: “11-CT/TU”, “30c/NQ-CP”.",
    )
    issued_on = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="The issue date; at most a year from today.",
    )
    issuer = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=services.ISSUER_MAX,
        help_text="The issuing body, e.g. “Ban Thường vụ Tỉnh ủy”.",
    )
    title = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=services.TITLE_MAX,
        help_text="What the document is about (the words after “về”).",
    )

    def validate_code(self, value: str) -> str:
        if parse_code(value) is None:
            raise serializers.ValidationError(
                _("Write the number and symbol as the document does, e.g. 11-CT/TU or 30c/NQ-CP.")
            )
        return value

    def validate(self, attrs: dict) -> dict:
        attrs["number"], attrs["symbol"], attrs["code"] = parse_code(attrs["code"])
        return attrs


class LegalDocumentQuerySerializer(serializers.Serializer):
    """The query string of the list: validated like the search box of the web page."""

    q = serializers.CharField(
        required=False,
        allow_blank=True,
        trim_whitespace=True,
        help_text="Words of the type, number and symbol, issuing body or title, with or without "
        "Vietnamese diacritics (“chi thi 11-ct/tu”). At most 100 characters.",
    )

    def validate_q(self, value: str) -> str:
        validate_search_query(value)
        return value
