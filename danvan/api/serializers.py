from rest_framework import serializers

from danvan.api.models import ApiToken


class ApiTokenSerializer(serializers.ModelSerializer):
    """A token as its owner sees it afterwards: never the secret, only its first characters."""

    is_active = serializers.BooleanField(
        source="is_usable", read_only=True, help_text="Neither revoked nor expired."
    )

    class Meta:
        model = ApiToken
        fields = [
            "id",
            "name",
            "prefix",
            "created_at",
            "last_used_at",
            "expires_at",
            "revoked_at",
            "is_active",
        ]
        read_only_fields = fields
