from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from danvan.units.forms import validate_search_query
from danvan.units.models import OrgUnit


class OrgUnitSerializer(serializers.ModelSerializer):
    unit_type = serializers.SlugRelatedField(slug_field="code", read_only=True)
    unit_type_name = serializers.CharField(source="unit_type.name", read_only=True)
    is_active = serializers.BooleanField(read_only=True)

    class Meta:
        model = OrgUnit
        fields = [
            "id",
            "name",
            "short_name",
            "unit_type",
            "unit_type_name",
            "level",
            "parent",
            "official_code",
            "depth",
            "valid_from",
            "valid_to",
            "successor",
            "is_active",
        ]
        read_only_fields = fields


class UnitSearchQuerySerializer(serializers.Serializer):
    """The query string of the unit list: validated like the search form of the web pages."""

    q = serializers.CharField(
        required=False,
        allow_blank=True,
        trim_whitespace=True,
        help_text="Words of the unit's name, with or without Vietnamese diacritics "
        "(“truong son” finds “Xã Trường Sơn”). At most 100 characters.",
    )

    def validate_q(self, value: str) -> str:
        validate_search_query(value)
        return value


@extend_schema_serializer(component_name="UnitApiErrorBody")
class ErrorBodySerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Stable machine-readable code, e.g. not_found.")
    message = serializers.CharField(help_text="Human-readable message in the user's language.")
    field = serializers.CharField(required=False, help_text="The input the error is about.")


@extend_schema_serializer(component_name="UnitApiError")
class ApiErrorSerializer(serializers.Serializer):
    """The envelope of every API error: {"error": {"code", "message", "field"?}}."""

    error = ErrorBodySerializer()
