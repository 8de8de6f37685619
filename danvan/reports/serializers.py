"""Serializers of the reports API: rounds, submissions with figures, status, consolidation."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from danvan.reports.models import ReportKind, ReportRound, Submission, SubmissionStatus


class ReportUnitRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class ReportRoundSerializer(serializers.ModelSerializer):
    unit = ReportUnitRefSerializer(read_only=True)
    recipient = ReportUnitRefSerializer(read_only=True)
    template = serializers.IntegerField(source="template_id", read_only=True)
    kind = serializers.CharField(
        read_only=True, help_text="One of: " + ", ".join(ReportKind.values) + "."
    )

    class Meta:
        model = ReportRound
        fields = [
            "id",
            "title",
            "kind",
            "year",
            "data_from",
            "data_to",
            "opens_on",
            "due_date",
            "closes_on",
            "unit",
            "recipient",
            "template",
        ]
        read_only_fields = fields


class ReportIndicatorSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    label = serializers.CharField()
    unit_label = serializers.CharField()
    aggregation = serializers.CharField()
    integer_only = serializers.BooleanField()
    non_negative = serializers.BooleanField()
    at_most = serializers.IntegerField(source="at_most_id", allow_null=True)
    source_key = serializers.CharField()


@extend_schema_serializer(component_name="ReportSection")
class SectionSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()


class ReportRoundDetailSerializer(ReportRoundSerializer):
    indicators = serializers.SerializerMethodField()
    sections = serializers.SerializerMethodField()

    class Meta(ReportRoundSerializer.Meta):
        fields = [*ReportRoundSerializer.Meta.fields, "indicators", "sections"]
        read_only_fields = fields

    @extend_schema_field(ReportIndicatorSerializer(many=True))
    def get_indicators(self, obj):
        return ReportIndicatorSerializer(obj.template.indicators.all(), many=True).data

    @extend_schema_field(SectionSerializer(many=True))
    def get_sections(self, obj):
        return [{"key": k, "title": t} for k, t in obj.template.section_list()]


class ReportFigureSerializer(serializers.Serializer):
    indicator = serializers.IntegerField(source="indicator_id")
    value = serializers.DecimalField(max_digits=18, decimal_places=2, allow_null=True)
    prefilled = serializers.DecimalField(max_digits=18, decimal_places=2, allow_null=True)
    note = serializers.CharField()


class ReportSubmissionSerializer(serializers.ModelSerializer):
    round = serializers.IntegerField(source="round_id", read_only=True)
    unit = ReportUnitRefSerializer(read_only=True)
    status = serializers.CharField(
        read_only=True, help_text="One of: " + ", ".join(SubmissionStatus.values) + "."
    )

    class Meta:
        model = Submission
        fields = [
            "id",
            "round",
            "unit",
            "status",
            "is_late",
            "version",
            "first_submitted_at",
            "submitted_at",
            "review_comment",
        ]
        read_only_fields = fields


class ReportSubmissionDetailSerializer(ReportSubmissionSerializer):
    narrative = serializers.DictField(child=serializers.CharField(allow_blank=True), read_only=True)
    figures = ReportFigureSerializer(source="values", many=True, read_only=True)

    class Meta(ReportSubmissionSerializer.Meta):
        fields = [*ReportSubmissionSerializer.Meta.fields, "narrative", "figures"]
        read_only_fields = fields


class ReportSubmissionWriteSerializer(serializers.Serializer):
    narrative = serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=50_000),
        required=False,
        help_text="Narrative sections by key (see the round's sections).",
    )
    figures = serializers.DictField(
        child=serializers.CharField(allow_blank=True, allow_null=True, max_length=30),
        required=False,
        help_text="Figures by indicator id (as a string key); blank clears one.",
    )
    notes = serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=500),
        required=False,
        help_text="Why a pre-filled figure was changed, by indicator id.",
    )


class ReportReviewSerializer(serializers.Serializer):
    decision = serializers.CharField(max_length=10, help_text="accept or return.")
    comment = serializers.CharField(
        required=False, allow_blank=True, max_length=5000, help_text="Required to return."
    )

    def validate_decision(self, value: str) -> str:
        if value not in ("accept", "return"):
            raise serializers.ValidationError(_("Choose accept or return."))
        return value


class ReportRatesSerializer(serializers.Serializer):
    expected = serializers.IntegerField()
    submitted = serializers.IntegerField()
    accepted = serializers.IntegerField()
    on_time = serializers.IntegerField()
    late = serializers.IntegerField()
    returned = serializers.IntegerField()
    missing = serializers.IntegerField()
    reporting_rate = serializers.FloatField()
    on_time_rate = serializers.FloatField()


class ReportGroupRatesSerializer(ReportRatesSerializer):
    id = serializers.IntegerField(allow_null=True)
    name = serializers.CharField()


class ReportStatusSerializer(serializers.Serializer):
    total = ReportRatesSerializer()
    by_unit_type = ReportGroupRatesSerializer(many=True)
    by_area = ReportGroupRatesSerializer(many=True)
    missing_units = ReportUnitRefSerializer(many=True, help_text="The first 500 missing units.")


class ReportConsolidatedFigureSerializer(serializers.Serializer):
    indicator = serializers.IntegerField()
    code = serializers.CharField()
    label = serializers.CharField()
    unit_label = serializers.CharField()
    aggregation = serializers.CharField()
    value = serializers.DecimalField(max_digits=20, decimal_places=2, allow_null=True)
    reports = serializers.IntegerField()
