"""Serializers of the oversight API (/api/v1/oversight/): what a client reads, and the bodies
of the writes (answering, verifying or returning a recommendation)."""

from rest_framework import serializers

from danvan.oversight.models import (
    AnswerKind,
    Critique,
    Inspection,
    Recommendation,
    RecommendationAnswer,
    Supervision,
)
from danvan.oversight.recommendations import selectors, sources


def status_filter(choices, help_text: str = ""):
    """A status filter: plain text in the schema (its values in the description), checked here
    (an enum named "status" would collide with the other apps' status enums in the schema)."""
    values = ", ".join(choices)

    def check(value):
        if value not in choices:
            raise serializers.ValidationError(f"One of: {values}.")

    return serializers.CharField(
        required=False,
        max_length=20,
        validators=[check],
        help_text=help_text or f"One of: {values}.",
    )


class UnitRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class AnswerSerializer(serializers.ModelSerializer):
    answered_by = serializers.CharField(source="answered_by.__str__")

    class Meta:
        model = RecommendationAnswer
        fields = [
            "id",
            "kind",
            "text",
            "answered_by",
            "answered_at",
            "is_late",
            "outcome",
            "review_note",
        ]


class RecommendationSerializer(serializers.ModelSerializer):
    issuer = UnitRefSerializer()
    addressee = UnitRefSerializer()
    topic = serializers.CharField(source="topic.name", allow_null=True, default=None)
    source_kind_label = serializers.SerializerMethodField()
    is_overdue = serializers.SerializerMethodField()
    status = serializers.CharField(
        help_text="open, answered, done, not_accepted or overdue (an open one past its deadline "
        "is overdue even before the nightly job marks it: see is_overdue)."
    )

    class Meta:
        model = Recommendation
        fields = [
            "id",
            "number",
            "text",
            "required_action",
            "issuer",
            "addressee",
            "topic",
            "source_kind",
            "source_kind_label",
            "source_label",
            "issued_on",
            "due_date",
            "status",
            "is_overdue",
            "answered_at",
            "closed_on",
            "verification_note",
            "version",
        ]

    def get_source_kind_label(self, obj) -> str:
        return sources.label(obj.source_kind)

    def get_is_overdue(self, obj) -> bool:
        return obj.is_overdue_on(self.context["today"])


class RecommendationDetailSerializer(RecommendationSerializer):
    answers = serializers.SerializerMethodField()

    class Meta(RecommendationSerializer.Meta):
        fields = [*RecommendationSerializer.Meta.fields, "answers"]

    def get_answers(self, obj) -> list[dict]:
        return AnswerSerializer(selectors.answers_of(obj), many=True).data


class RecommendationQuerySerializer(serializers.Serializer):
    side = serializers.ChoiceField(choices=["issued", "received"], required=False)
    status = status_filter(list(selectors.STATUS_FILTERS))
    kind = serializers.CharField(required=False, max_length=60, help_text="A source kind key.")
    topic = serializers.IntegerField(required=False, min_value=1)
    addressee = serializers.IntegerField(
        required=False, min_value=1, help_text="Addressed to this unit or a unit below it."
    )
    issuer = serializers.IntegerField(
        required=False, min_value=1, help_text="Issued by this unit or a unit below it."
    )
    year = serializers.IntegerField(required=False, min_value=1945, max_value=2100)
    q = serializers.CharField(required=False, allow_blank=True, max_length=100)


class AnswerWriteSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=AnswerKind.choices,
        help_text="done (accepted and carried out: tiếp thu), explained (giải trình), declined "
        "(not accepted, with reasons: không tiếp thu).",
    )
    text = serializers.CharField(max_length=5000, help_text="What was done, or the reasons.")
    version = serializers.IntegerField(
        required=False, help_text="The version you read; a stale one is refused with 409."
    )


class ReviewWriteSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    version = serializers.IntegerField(required=False)


class DashboardCountsSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    awaiting = serializers.IntegerField()
    overdue = serializers.IntegerField()
    answered = serializers.IntegerField()
    done = serializers.IntegerField()
    not_accepted = serializers.IntegerField()
    closure_rate = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    oldest_open = serializers.DateField(allow_null=True)


class DashboardRowSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    counts = DashboardCountsSerializer()


class DashboardSerializer(serializers.Serializer):
    root = UnitRefSerializer()
    totals = DashboardCountsSerializer()
    by_kind = DashboardRowSerializer(many=True)
    by_area = DashboardRowSerializer(many=True)
    by_topic = DashboardRowSerializer(many=True)
    top_addressees = DashboardRowSerializer(many=True)


class DashboardQuerySerializer(serializers.Serializer):
    unit = serializers.IntegerField(min_value=1, help_text="The root of the subtree.")
    side = serializers.ChoiceField(choices=["received", "issued"], required=False)
    year = serializers.IntegerField(required=False, min_value=1945, max_value=2100)
    kind = serializers.CharField(required=False, max_length=60)


class InspectionSerializer(serializers.ModelSerializer):
    organiser = UnitRefSerializer(source="plan.unit")
    plan = serializers.CharField(source="plan.title")
    unit = UnitRefSerializer()
    conclusion = serializers.CharField(source="conclusion_code")
    status = serializers.CharField(help_text="planned, notified, in_progress or concluded.")

    class Meta:
        model = Inspection
        fields = [
            "id",
            "organiser",
            "plan",
            "unit",
            "starts_on",
            "ends_on",
            "status",
            "notice_number",
            "notice_date",
            "conclusion",
            "conclusion_date",
        ]


class InspectionDetailSerializer(InspectionSerializer):
    self_report = serializers.CharField()
    conclusion_text = serializers.CharField()

    class Meta(InspectionSerializer.Meta):
        fields = [
            *InspectionSerializer.Meta.fields,
            "notice_text",
            "self_report",
            "conclusion_text",
        ]


class InspectionQuerySerializer(serializers.Serializer):
    side = serializers.ChoiceField(choices=["organised", "inspected", "team"], required=False)
    status = status_filter(["planned", "notified", "in_progress", "concluded"])
    year = serializers.IntegerField(required=False, min_value=1945, max_value=2100)
    q = serializers.CharField(required=False, allow_blank=True, max_length=100)


class SupervisionSerializer(serializers.ModelSerializer):
    body = UnitRefSerializer(source="programme.unit")
    body_kind = serializers.CharField(source="programme.kind")
    topic = serializers.CharField(source="topic.name", allow_null=True, default=None)
    status = serializers.CharField(help_text="planned or concluded (the result is issued).")

    class Meta:
        model = Supervision
        fields = [
            "id",
            "body",
            "body_kind",
            "subject",
            "topic",
            "form",
            "starts_on",
            "ends_on",
            "status",
            "result_number",
            "result_date",
            "result_text",
            "is_published",
        ]


class SupervisionQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=1945, max_value=2100)
    status = status_filter(["planned", "concluded"])
    kind = serializers.ChoiceField(choices=["front", "member", "council"], required=False)
    q = serializers.CharField(required=False, allow_blank=True, max_length=100)


class CritiqueSerializer(serializers.ModelSerializer):
    unit = UnitRefSerializer()
    status = serializers.CharField(help_text="open (for critique) or final (final text issued).")

    class Meta:
        model = Critique
        fields = [
            "id",
            "unit",
            "kind",
            "title",
            "summary",
            "published_on",
            "critique_due",
            "answer_due",
            "status",
            "final_number",
            "final_date",
        ]


class CritiquePointSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The point is a recommendation: answer it there.")
    organisation = serializers.CharField(source="issuer.name")
    text = serializers.CharField()
    status = serializers.CharField()
    answer_kind = serializers.CharField(source="answer.kind", default=None)
    answer_text = serializers.CharField(source="answer.text", default=None)


class CritiqueQuerySerializer(serializers.Serializer):
    status = status_filter(["open", "final"])
    q = serializers.CharField(required=False, allow_blank=True, max_length=100)
