from rest_framework import serializers

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
