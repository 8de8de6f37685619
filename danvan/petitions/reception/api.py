"""REST API v1 of citizen reception, voter petitions and dialogue conferences, under
/api/v1/cases/: the same reach as the web pages (a voter petition is also seen by the agency it
was forwarded to). Listing and reading."""

from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers

from danvan.petitions.models import (
    DialogueConference,
    DialogueIssue,
    ReceptionMatter,
    ReceptionSession,
    SessionKind,
    VoterPetition,
)
from danvan.petitions.reception import selectors

TAGS = ["citizen reception"]


def _id_param(what: str) -> OpenApiParameter:
    return OpenApiParameter(
        "id", int, OpenApiParameter.PATH, description=f"The {what}'s id. Out of your reach: 404."
    )


class MeetingUnitSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class ReceptionMatterSerializer(serializers.ModelSerializer):
    case = serializers.IntegerField(source="case_id", allow_null=True)
    petitioner = serializers.SerializerMethodField(
        help_text="Who raised it; always empty for a denunciation (its author is kept, "
        "encrypted, with the case)."
    )

    class Meta:
        model = ReceptionMatter
        fields = ["id", "petitioner", "people", "content", "outcome", "action", "case"]

    def get_petitioner(self, matter) -> str:
        if matter.case_id and matter.case.is_confidential:
            return ""
        return matter.petitioner


class ReceptionSessionSerializer(serializers.ModelSerializer):
    unit = MeetingUnitSerializer()
    kind = serializers.CharField(help_text="scheduled or ad_hoc.")

    class Meta:
        model = ReceptionSession
        fields = [
            "id",
            "unit",
            "kind",
            "held_on",
            "receiver",
            "place",
            "individuals",
            "groups",
            "group_members",
            "citizens",
            "summary",
        ]


class ReceptionSessionDetailSerializer(ReceptionSessionSerializer):
    matters = ReceptionMatterSerializer(many=True)

    class Meta(ReceptionSessionSerializer.Meta):
        fields = [*ReceptionSessionSerializer.Meta.fields, "matters"]


class SessionQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=1945, max_value=2100)
    kind = serializers.ChoiceField(choices=SessionKind.choices, required=False)


class VoterPetitionSerializer(serializers.ModelSerializer):
    meeting_date = serializers.DateField(source="meeting.held_on")
    meeting_place = serializers.CharField(source="meeting.place")
    organising_unit = MeetingUnitSerializer(source="meeting.unit")
    agency = MeetingUnitSerializer(allow_null=True)

    class Meta:
        model = VoterPetition
        fields = [
            "id",
            "meeting",
            "meeting_date",
            "meeting_place",
            "organising_unit",
            "content",
            "raised_by",
            "agency",
            "forwarded_on",
            "answer_due",
            "answer",
            "answered_on",
            "is_published",
        ]


class PetitionQuerySerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=selectors.PETITION_STATUSES, required=False)
    year = serializers.IntegerField(
        required=False, min_value=1945, max_value=2100, help_text="Year of the meeting."
    )
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=100,
        help_text="Words of the petition or answer, with or without diacritics.",
    )


class DialogueIssueSerializer(serializers.ModelSerializer):
    committed_unit = MeetingUnitSerializer(allow_null=True)
    task = serializers.IntegerField(source="task_id", allow_null=True)

    class Meta:
        model = DialogueIssue
        fields = [
            "id",
            "raised_by",
            "content",
            "response",
            "commitment",
            "committed_unit",
            "due_date",
            "task",
        ]


class DialogueSerializer(serializers.ModelSerializer):
    unit = MeetingUnitSerializer()
    plan = serializers.IntegerField(source="plan_id", allow_null=True)

    class Meta:
        model = DialogueConference
        fields = ["id", "unit", "held_on", "topic", "chaired_by", "place", "participants", "plan"]


class DialogueDetailSerializer(DialogueSerializer):
    issues = DialogueIssueSerializer(many=True)

    class Meta(DialogueSerializer.Meta):
        fields = [*DialogueSerializer.Meta.fields, "note", "issues"]


class YearQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=1945, max_value=2100)


def _params(serializer_class, request) -> dict:
    params = serializer_class(data=request.query_params)
    params.is_valid(raise_exception=True)
    return params.validated_data


class SessionList(generics.ListAPIView):
    serializer_class = ReceptionSessionSerializer

    @extend_schema(
        tags=TAGS,
        summary="List reception sessions",
        parameters=[SessionQuerySerializer],
        responses={200: ReceptionSessionSerializer(many=True)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        data = _params(SessionQuerySerializer, self.request)
        filters = selectors.SessionFilters(year=data.get("year"), kind=data.get("kind", ""))
        return selectors.session_list(self.request.user, filters)


class SessionDetail(generics.RetrieveAPIView):
    serializer_class = ReceptionSessionDetailSerializer

    @extend_schema(
        tags=TAGS,
        summary="One reception session with its matters",
        parameters=[_id_param("session")],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_object(self):
        return selectors.get_session_for(self.request.user, self.kwargs["pk"])


class VoterPetitionList(generics.ListAPIView):
    serializer_class = VoterPetitionSerializer

    @extend_schema(
        tags=TAGS,
        summary="List voter petitions (yours, and those forwarded to your units)",
        parameters=[PetitionQuerySerializer],
        responses={200: VoterPetitionSerializer(many=True)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        data = _params(PetitionQuerySerializer, self.request)
        filters = selectors.PetitionFilters(
            status=data.get("status", ""), year=data.get("year"), query=data.get("q", "")
        )
        return selectors.petition_list(self.request.user, filters)


class VoterPetitionDetail(generics.RetrieveAPIView):
    serializer_class = VoterPetitionSerializer

    @extend_schema(tags=TAGS, summary="One voter petition", parameters=[_id_param("petition")])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_object(self):
        return selectors.get_petition_for(self.request.user, self.kwargs["pk"])


class DialogueList(generics.ListAPIView):
    serializer_class = DialogueSerializer

    @extend_schema(
        tags=TAGS,
        summary="List dialogue conferences",
        parameters=[YearQuerySerializer],
        responses={200: DialogueSerializer(many=True)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        data = _params(YearQuerySerializer, self.request)
        return selectors.dialogue_list(self.request.user, data.get("year"))


class DialogueDetail(generics.RetrieveAPIView):
    serializer_class = DialogueDetailSerializer

    @extend_schema(
        tags=TAGS,
        summary="One dialogue conference with its issues and commitments",
        parameters=[_id_param("conference")],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_object(self):
        return selectors.get_dialogue_for(self.request.user, self.kwargs["pk"])


urlpatterns = [
    path("reception-sessions/", SessionList.as_view(), name="reception-session-list"),
    path("reception-sessions/<path:pk>/", SessionDetail.as_view(), name="reception-session-detail"),
    path("voter-petitions/", VoterPetitionList.as_view(), name="voter-petition-list"),
    path("voter-petitions/<path:pk>/", VoterPetitionDetail.as_view(), name="voter-petition-detail"),
    path("dialogues/", DialogueList.as_view(), name="dialogue-list"),
    path("dialogues/<path:pk>/", DialogueDetail.as_view(), name="dialogue-detail"),
]
