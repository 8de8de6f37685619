"""Serializers of the democracy API: the same fields as the pages; an online vote's tally never
appears before the close."""

from django.utils import timezone
from rest_framework import serializers

from danvan.democracy.models import (
    Board,
    CommentSource,
    Consultation,
    DecisionForm,
    Disclosure,
    Matter,
    MatterKind,
    PublicWork,
)


class DemocracyUnitRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class PostingSerializer(serializers.Serializer):
    channel = serializers.CharField()
    place = serializers.CharField()
    posted_from = serializers.DateField()
    posted_until = serializers.DateField()
    days = serializers.IntegerField()
    has_photo = serializers.SerializerMethodField()

    def get_has_photo(self, obj) -> bool:
        return bool(obj.photo)


class DisclosureSerializer(serializers.ModelSerializer):
    unit = DemocracyUnitRefSerializer(read_only=True)
    item = serializers.CharField(source="item.code", read_only=True)
    postings = PostingSerializer(many=True, read_only=True)

    class Meta:
        model = Disclosure
        fields = [
            "id",
            "unit",
            "item",
            "title",
            "summary",
            "decided_on",
            "first_posted_on",
            "year",
            "is_public",
            "is_late",
            "is_short",
            "postings",
        ]
        read_only_fields = fields


class DisclosureWriteSerializer(serializers.Serializer):
    unit = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    item = serializers.SlugField(
        max_length=40, help_text="The code of an item of the law's list, e.g. xa-11-7."
    )
    title = serializers.CharField(max_length=300)
    summary = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    decided_on = serializers.DateField()
    is_public = serializers.BooleanField(default=True)
    channel = serializers.CharField(max_length=10)
    place = serializers.CharField(required=False, allow_blank=True, max_length=200)
    posted_from = serializers.DateField()
    posted_until = serializers.DateField()


class ComplianceQuerySerializer(serializers.Serializer):
    unit = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)


class ComplianceRowSerializer(serializers.Serializer):
    unit = DemocracyUnitRefSerializer()
    required = serializers.IntegerField()
    complete = serializers.IntegerField()
    disclosures = serializers.IntegerField()
    late = serializers.IntegerField()
    short = serializers.IntegerField()
    missing = serializers.ListField(child=serializers.CharField())


class MatterSerializer(serializers.ModelSerializer):
    village = DemocracyUnitRefSerializer(read_only=True)
    commune = DemocracyUnitRefSerializer(read_only=True)
    result = serializers.SerializerMethodField()

    class Meta:
        model = Matter
        fields = [
            "id",
            "village",
            "commune",
            "kind",
            "title",
            "proposed_text",
            "households",
            "form",
            "status",
            "opens_at",
            "closes_at",
            "codes_issued",
            "held_on",
            "result",
            "report_due",
            "sent_at",
            "recognised_at",
        ]
        read_only_fields = fields

    def get_result(self, obj) -> dict | None:
        """The recorded tally; for an online vote still open: null (hidden until the close)."""
        if obj.agreeing is None:
            return None
        if obj.is_online and not obj.is_closed(timezone.now()):
            return None
        return {
            "taking_part": obj.taking_part,
            "agreeing": obj.agreeing,
            "disagreeing": obj.disagreeing,
            "invalid": obj.invalid,
            "passed": obj.passed,
        }


class MatterWriteSerializer(serializers.Serializer):
    village = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    kind = serializers.CharField(
        max_length=14, help_text="One of: " + ", ".join(MatterKind.values) + "."
    )
    title = serializers.CharField(max_length=300)
    proposed_text = serializers.CharField(max_length=20000)
    households = serializers.IntegerField(min_value=1, max_value=1_000_000, required=False)
    form = serializers.CharField(
        max_length=8, help_text="One of: " + ", ".join(DecisionForm.values) + "."
    )
    opens_at = serializers.DateTimeField(required=False)
    closes_at = serializers.DateTimeField(required=False)


class TallySerializer(serializers.Serializer):
    held_on = serializers.DateField()
    ballots_issued = serializers.IntegerField(required=False, min_value=0, max_value=1_000_000)
    taking_part = serializers.IntegerField(min_value=0, max_value=1_000_000)
    agreeing = serializers.IntegerField(min_value=0, max_value=1_000_000)
    disagreeing = serializers.IntegerField(min_value=0, max_value=1_000_000)
    invalid = serializers.IntegerField(required=False, min_value=0, max_value=1_000_000)
    minutes = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    is_public = serializers.BooleanField(default=True)


class VoteResultSerializer(serializers.Serializer):
    households = serializers.IntegerField()
    taking_part = serializers.IntegerField()
    agreeing = serializers.IntegerField()
    disagreeing = serializers.IntegerField()
    agreeing_share = serializers.FloatField(
        help_text="Of ALL the households (Luật 10/2022, Điều 21)."
    )
    passed = serializers.BooleanField()


class RecognitionSerializer(serializers.Serializer):
    recognised = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, max_length=4000)


class CommentGroupSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    summary = serializers.CharField()
    answer_kind = serializers.CharField()
    answer = serializers.CharField()


class ConsultationSerializer(serializers.ModelSerializer):
    unit = DemocracyUnitRefSerializer(read_only=True)
    groups = CommentGroupSerializer(many=True, read_only=True)
    comments = serializers.IntegerField(source="comments.count", read_only=True)

    class Meta:
        model = Consultation
        fields = [
            "id",
            "unit",
            "subject",
            "title",
            "draft_text",
            "opens_on",
            "closes_on",
            "status",
            "decided_on",
            "decision",
            "answers_published",
            "comments",
            "groups",
        ]
        read_only_fields = fields


class CommentWriteSerializer(serializers.Serializer):
    source = serializers.CharField(
        max_length=10,
        help_text="One of: "
        + ", ".join(v for v in CommentSource.values if v != CommentSource.PUBLIC)
        + ".",
    )
    text = serializers.CharField(max_length=5000)
    author = serializers.CharField(required=False, allow_blank=True, max_length=150)
    received_on = serializers.DateField(required=False)


class BoardSerializer(serializers.ModelSerializer):
    unit = DemocracyUnitRefSerializer(read_only=True)
    members = serializers.SerializerMethodField()

    class Meta:
        model = Board
        fields = ["id", "unit", "kind", "term_start", "term_end", "decision", "members"]
        read_only_fields = fields

    def get_members(self, obj) -> list[dict]:
        return [
            {"full_name": m.full_name, "role": m.role, "since": m.since, "until": m.until}
            for m in obj.members.all()
        ]


class PublicWorkSerializer(serializers.ModelSerializer):
    unit = DemocracyUnitRefSerializer(read_only=True)

    class Meta:
        model = PublicWork
        fields = [
            "id",
            "unit",
            "name",
            "owner",
            "budget",
            "state_funds",
            "contributions",
            "progress",
            "starts_on",
            "ends_on",
            "is_public",
        ]
        read_only_fields = fields


class FindingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    board = serializers.CharField(source="activity.board.kind")
    commune = DemocracyUnitRefSerializer(source="activity.board.unit")
    activity = serializers.CharField(source="activity.subject")
    number = serializers.IntegerField()
    text = serializers.CharField()
    recommendation = serializers.CharField()
    addressee = DemocracyUnitRefSerializer(allow_null=True)
    due_date = serializers.DateField(allow_null=True)
    status = serializers.CharField(help_text="open, done or not_accepted.")
    closed_on = serializers.DateField(allow_null=True)
    outcome = serializers.CharField()
