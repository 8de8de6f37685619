"""Serializers of the cases API. A list never carries a petitioner; a denunciation's
identity never leaves the server through the API (the web page shows it to those entitled)."""

from rest_framework import serializers

from danvan.petitions.models import Case, CaseChannel, CaseKind, CaseStatus, PetitionerKind

MAX_ID = 2_147_483_647


def _one_of(choices, **kwargs) -> serializers.CharField:
    """A choice given as plain text (not an enum component: the names "kind" and "status" are
    taken by other apps' enums, and a shared name would make the schema ambiguous)."""
    values = [value for value, _label in choices]

    def check(value):
        if value not in values:
            raise serializers.ValidationError(f"One of: {', '.join(values)}.")

    return serializers.CharField(
        validators=[check], help_text=f"One of: {', '.join(values)}.", **kwargs
    )


class CaseSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    field_name = serializers.CharField(source="field.name", read_only=True)
    kind = serializers.CharField(
        read_only=True, help_text="complaint, denunciation, proposal or feedback."
    )
    status = serializers.CharField(
        read_only=True, help_text="received, accepted, resolved, refused, advised or filed."
    )
    channel = serializers.CharField(read_only=True)
    is_overdue = serializers.BooleanField(read_only=True)
    content = serializers.SerializerMethodField(help_text="Empty when hidden as abusive.")

    class Meta:
        model = Case
        fields = [
            "id",
            "reference",
            "unit",
            "unit_name",
            "kind",
            "level",
            "field",
            "field_name",
            "channel",
            "status",
            "received_on",
            "accept_due",
            "accepted_on",
            "resolve_due",
            "due_on",
            "is_overdue",
            "closed_on",
            "contested_on",
            "first_decision_on",
            "accept_extended",
            "is_confidential",
            "is_complex",
            "is_especially_complex",
            "is_crowd",
            "is_prolonged",
            "skips_levels",
            "is_remote_area",
            "is_hidden",
            "content",
            "decision_number",
            "decision_date",
            "resolved_on_time",
            "answer_public",
        ]
        read_only_fields = fields

    def get_content(self, case) -> str:
        return "" if case.is_hidden else case.content


class PetitionerSerializer(serializers.Serializer):
    confidential = serializers.BooleanField()
    kind = serializers.CharField()
    count = serializers.IntegerField()
    name = serializers.CharField(allow_blank=True)
    address = serializers.CharField(allow_blank=True)
    phone = serializers.CharField(allow_blank=True)
    email = serializers.CharField(allow_blank=True)


class CaseDetailSerializer(CaseSerializer):
    petitioner = serializers.SerializerMethodField()
    warnings = serializers.SerializerMethodField(
        help_text="What the filing limits say about a complaint received late (Luật Khiếu nại "
        "2011, Điều 9 and 33): warnings, the case is received all the same."
    )
    decision_content = serializers.CharField(read_only=True)
    outcome_note = serializers.CharField(read_only=True)

    class Meta(CaseSerializer.Meta):
        fields = [
            *CaseSerializer.Meta.fields,
            "petitioner",
            "decision_content",
            "outcome_note",
            "source_reference",
            "first_level_case",
            "warnings",
        ]
        read_only_fields = fields

    def get_warnings(self, case) -> list[str]:
        from danvan.petitions.cases.limits import filing_warnings

        return filing_warnings(case)

    def get_petitioner(self, case) -> PetitionerSerializer:
        masked = case.is_confidential
        return {
            "confidential": masked,
            "kind": case.petitioner_kind,
            "count": case.petitioner_count,
            "name": "" if masked else case.petitioner_name,
            "address": "" if masked else case.petitioner_address,
            "phone": "" if masked else case.petitioner_phone,
            "email": "" if masked else case.petitioner_email,
        }


class CaseListQuerySerializer(serializers.Serializer):
    status = _one_of(CaseStatus.choices, required=False)
    kind = _one_of(CaseKind.choices, required=False)
    field = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False)
    overdue = serializers.BooleanField(required=False)
    mine = serializers.BooleanField(required=False, help_text="Only the cases you handle.")


class CaseWriteSerializer(serializers.Serializer):
    unit = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    kind = _one_of(CaseKind.choices)
    channel = _one_of(CaseChannel.choices)
    field = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False, allow_null=True)
    content = serializers.CharField(max_length=10_000)
    received_on = serializers.DateField()
    petitioner_kind = _one_of(PetitionerKind.choices, required=False)
    petitioner_count = serializers.IntegerField(min_value=1, max_value=100_000, required=False)
    petitioner_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    petitioner_address = serializers.CharField(max_length=300, required=False, allow_blank=True)
    petitioner_phone = serializers.CharField(max_length=30, required=False, allow_blank=True)
    petitioner_email = serializers.CharField(max_length=200, required=False, allow_blank=True)
    is_complex = serializers.BooleanField(required=False)
    is_crowd = serializers.BooleanField(required=False)
    is_prolonged = serializers.BooleanField(required=False)
    skips_levels = serializers.BooleanField(required=False)
    is_remote_area = serializers.BooleanField(required=False)
    contested_on = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="A complaint: when the decision or act complained of was received or learned "
        "of (the 90-day filing limit counts from it; a later filing is a warning, not a refusal).",
    )
    source_reference = serializers.CharField(max_length=300, required=False, allow_blank=True)
