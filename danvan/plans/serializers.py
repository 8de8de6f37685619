"""Serializers of the plans API: they validate the shape of the input; the services decide."""

from rest_framework import serializers

from danvan.plans.models import (
    AssignmentStatus,
    Plan,
    PlanSection,
    PlanStatus,
    SignatureMode,
    Task,
    TaskAssignment,
    TaskUpdate,
)
from danvan.plans.selectors import SCOPE_ALL, SCOPE_MINE, SCOPE_SUBTREE

MAX_ID = 2_147_483_647
STATUS_HELP = "not_started, in_progress or done (overdue is the separate is_overdue)."


def _id(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


# --- Reading ---------------------------------------------------------------------------------


class PlanSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    code = serializers.CharField(read_only=True, help_text="Number and symbol as printed.")
    # Plain text, not an enum, in the answers: each choice set of "status" then appears in one
    # component only (the request of a status report), which keeps the enum names stable.
    status = serializers.CharField(read_only=True, help_text="draft or issued.")

    class Meta:
        model = Plan
        fields = [
            "id",
            "unit",
            "unit_name",
            "parent_plan",
            "number",
            "symbol",
            "code",
            "issued_on",
            "place",
            "title",
            "period_start",
            "period_end",
            "status",
            "is_public",
            "created_at",
            "updated_at",
            "issued_at",
        ]
        read_only_fields = fields


class SectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanSection
        fields = ["id", "position", "numeral", "title", "body"]
        read_only_fields = fields


class PlanDetailSerializer(PlanSerializer):
    signature_mode = serializers.CharField(read_only=True)
    recipients = serializers.CharField(read_only=True)
    legal_bases = serializers.SerializerMethodField(
        help_text="Ids of the legal documents cited, in order."
    )
    sections = SectionSerializer(many=True, read_only=True)

    class Meta(PlanSerializer.Meta):
        fields = [
            *PlanSerializer.Meta.fields,
            "signer_name",
            "signer_position",
            "signature_mode",
            "recipients",
            "legal_bases",
            "sections",
        ]
        read_only_fields = fields

    def get_legal_bases(self, plan: Plan) -> list[int]:
        return [link.document_id for link in plan.basis_links.all()]


class AssignmentSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    status = serializers.CharField(read_only=True, help_text=STATUS_HELP)
    is_overdue = serializers.BooleanField(
        read_only=True, help_text="The date deadline has passed and the unit has not reported done."
    )

    class Meta:
        model = TaskAssignment
        fields = [
            "id",
            "unit",
            "unit_name",
            "role",
            "status",
            "progress",
            "is_overdue",
            "updated_at",
        ]
        read_only_fields = fields


class TaskSerializer(serializers.ModelSerializer):
    recurrence = serializers.ListField(
        child=serializers.ListField(child=serializers.IntegerField(), min_length=2, max_length=2),
        read_only=True,
        help_text="For a recurring deadline: [day, month] pairs, e.g. [[10, 6], [1, 11]].",
    )
    assignments = AssignmentSerializer(many=True, read_only=True)

    class Meta:
        model = Task
        fields = [
            "id",
            "plan",
            "section",
            "position",
            "content",
            "expected_output",
            "deadline_kind",
            "due_date",
            "recurrence",
            "next_due",
            "assignments",
        ]
        read_only_fields = fields


class TaskUpdateSerializer(serializers.ModelSerializer):
    author_name = serializers.CharField(source="author.full_name", read_only=True)
    status = serializers.CharField(read_only=True, help_text=STATUS_HELP)

    class Meta:
        model = TaskUpdate
        fields = [
            "id",
            "assignment",
            "status",
            "progress",
            "note",
            "author",
            "author_name",
            "created_at",
        ]
        read_only_fields = fields


# --- Query strings ---------------------------------------------------------------------------


class PlanListQuerySerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=PlanStatus.choices, required=False)
    year = serializers.IntegerField(
        required=False, min_value=1945, max_value=2100, help_text="Plans whose period holds it."
    )
    scope = serializers.ChoiceField(
        choices=[SCOPE_ALL, SCOPE_MINE, SCOPE_SUBTREE],
        required=False,
        help_text="all: every plan you may see; mine: issued by your units; subtree: issued "
        "within your units' subtrees.",
    )
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=100,
        help_text="Words of the title, with or without Vietnamese diacritics.",
    )


class TaskListQuerySerializer(serializers.Serializer):
    plan = _id(required=False, help_text="Only the tasks of this plan.")
    overdue = serializers.BooleanField(
        required=False, help_text="Only tasks with an overdue assignment."
    )


# --- Writing ---------------------------------------------------------------------------------


class PlanWriteSerializer(serializers.Serializer):
    """The header of a draft plan. On update every field is optional (PATCH)."""

    unit = _id(help_text="The issuing unit: one whose plans you manage.")
    title = serializers.CharField(max_length=500)
    period_start = serializers.IntegerField(min_value=1945, max_value=2100)
    period_end = serializers.IntegerField(min_value=1945, max_value=2100)
    place = serializers.CharField(max_length=120, required=False, allow_blank=True)
    signer_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    signer_position = serializers.CharField(max_length=150, required=False, allow_blank=True)
    signature_mode = serializers.ChoiceField(
        choices=SignatureMode.choices, required=False, allow_blank=True
    )
    recipients = serializers.CharField(
        max_length=5000, required=False, allow_blank=True, help_text="One per line."
    )
    legal_bases = serializers.ListField(
        child=_id(), max_length=100, required=False, help_text="Ids of legal documents, in order."
    )
    parent_plan = _id(
        required=False, allow_null=True, help_text="The issued plan this one implements."
    )

    def validate(self, data):
        start = data.get("period_start", getattr(self.instance, "period_start", None))
        end = data.get("period_end", getattr(self.instance, "period_end", None))
        if start is not None and end is not None and end < start:
            raise serializers.ValidationError(
                {"period_end": "The last year must not be before the first."}
            )
        return data


class PlanUpdateSerializer(PlanWriteSerializer):
    unit = None  # a plan keeps its issuing unit

    def __init__(self, *args, **kwargs):
        kwargs["partial"] = True
        super().__init__(*args, **kwargs)


class StatusReportSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=AssignmentStatus.choices)
    progress = serializers.IntegerField(
        min_value=0,
        max_value=100,
        required=False,
        allow_null=True,
        help_text="Percent done (0 when not started; 100 is implied by done).",
    )
    note = serializers.CharField(max_length=5000, required=False, allow_blank=True)
