"""REST API v1 of grassroots democracy (/api/v1/democracy/), with the reach of the web pages and
the same services: the disclosure register and the compliance view, village matters (tallies,
the online result only after the close, sending, recognition), consultations, boards, works."""

from django.urls import path
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.views import APIView

from danvan.api.schema import error_response
from danvan.core.errors import NotFoundError
from danvan.democracy import selectors
from danvan.democracy.models import DisclosureItem
from danvan.democracy.selectors.compliance import compliance
from danvan.democracy.serializers import (
    BoardSerializer,
    CommentWriteSerializer,
    ComplianceQuerySerializer,
    ComplianceRowSerializer,
    ConsultationSerializer,
    DisclosureSerializer,
    DisclosureWriteSerializer,
    FindingSerializer,
    MatterSerializer,
    MatterWriteSerializer,
    PublicWorkSerializer,
    RecognitionSerializer,
    TallySerializer,
    VoteResultSerializer,
)
from danvan.democracy.services import consultations as consultation_services
from danvan.democracy.services import decisions as decision_services
from danvan.democracy.services import disclosures as disclosure_services
from danvan.units.selectors import get_unit_for

TAGS = ["democracy"]
REFUSED = {
    400: error_response(
        "Invalid input, or a tally the village could not produce (more households taking part than it has, more votes than households taking part): nothing is saved."
    ),
    403: error_response(
        "Visible, but the action is not yours (only a commune leader recognises a village's result)."
    ),
    404: error_response("Not found or out of your reach."),
    409: error_response(
        "The matter is not in a state for this step (already recorded, vote still open, …)."
    ),
}
HIDDEN = {
    409: error_response(
        "The vote has not closed: the result stays hidden until then (code result_hidden)."
    )
}


def _id(what):
    return [
        OpenApiParameter(
            "id",
            int,
            OpenApiParameter.PATH,
            description=f"The {what}'s id. Out of your reach: 404.",
        )
    ]


class DisclosureList(generics.ListCreateAPIView):
    """The disclosures of your units (a commune's register, an agency's to its staff)."""

    serializer_class = DisclosureSerializer
    parser_classes = [JSONParser]

    def get_queryset(self):
        return selectors.disclosure_queryset(self.request.user).prefetch_related("postings")

    @extend_schema(tags=TAGS, summary="List disclosures")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=TAGS,
        summary="Enter a disclosure with its first posting",
        request=DisclosureWriteSerializer,
        responses={201: DisclosureSerializer, **REFUSED},
    )
    def post(self, request, *args, **kwargs):
        payload = DisclosureWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        data["unit"] = get_unit_for(request.user, data["unit"])
        data["item"] = DisclosureItem.objects.filter(code=data["item"], is_active=True).first()
        made = disclosure_services.disclosure_create(actor=request.user, **data)
        return Response(DisclosureSerializer(made).data, status=201)


class DisclosureDetail(APIView):
    @extend_schema(
        tags=TAGS,
        summary="One disclosure with its postings",
        parameters=_id("disclosure"),
        responses={200: DisclosureSerializer},
    )
    def get(self, request, pk):
        return Response(DisclosureSerializer(selectors.get_disclosure_for(request.user, pk)).data)


class Compliance(APIView):
    @extend_schema(
        tags=TAGS,
        summary="What each commune of a subtree disclosed in a year against the law's list",
        parameters=[ComplianceQuerySerializer],
        responses={
            200: ComplianceRowSerializer(many=True),
            404: error_response("The unit is out of your reach."),
        },
    )
    def get(self, request):
        query = ComplianceQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        unit_id = query.validated_data.get("unit") or (request.user.home_unit_id or 0)
        unit = get_unit_for(request.user, unit_id)
        state = compliance(
            request.user, unit, query.validated_data.get("year") or timezone.localdate().year
        )
        return Response(
            [
                {
                    "unit": {"id": row.unit.pk, "name": row.unit.name},
                    "required": row.required,
                    "complete": row.complete,
                    "disclosures": row.disclosures,
                    "late": row.late,
                    "short": row.short,
                    "missing": [s.item.code for s in row.missing_items],
                }
                for row in state.communes
            ]
        )


class MatterList(generics.ListCreateAPIView):
    """Matters of the villages in your reach; a village head: the village's own."""

    serializer_class = MatterSerializer
    parser_classes = [JSONParser]

    def get_queryset(self):
        return selectors.matter_queryset(self.request.user)

    @extend_schema(tags=TAGS, summary="List village matters")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=TAGS,
        summary="Create a matter for a village to decide",
        request=MatterWriteSerializer,
        responses={201: MatterSerializer, **REFUSED},
    )
    def post(self, request, *args, **kwargs):
        payload = MatterWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        data["village"] = get_unit_for(request.user, data["village"])
        made = decision_services.matter_create(actor=request.user, **data)
        return Response(MatterSerializer(made).data, status=201)


class MatterDetail(APIView):
    @extend_schema(
        tags=TAGS,
        summary="One village matter (its online tally only after the close)",
        parameters=_id("matter"),
        responses={200: MatterSerializer},
    )
    def get(self, request, pk):
        return Response(MatterSerializer(selectors.get_matter_for(request.user, pk)).data)


class MatterTally(APIView):
    parser_classes = [JSONParser]

    @extend_schema(
        tags=TAGS,
        summary="Record the tally of a meeting or of the household ballots",
        parameters=_id("matter"),
        request=TallySerializer,
        responses={200: MatterSerializer, **REFUSED},
    )
    def post(self, request, pk):
        matter = selectors.get_matter_for(request.user, pk)
        payload = TallySerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        matter = decision_services.tally_record(
            actor=request.user, matter=matter, **payload.validated_data
        )
        return Response(MatterSerializer(matter).data)


class MatterResult(APIView):
    @extend_schema(
        tags=TAGS,
        summary="The result of an online vote, once it closed",
        parameters=_id("matter"),
        responses={200: VoteResultSerializer, **HIDDEN},
    )
    def get(self, request, pk):
        matter = selectors.get_matter_for(request.user, pk)
        if not matter.is_online:
            raise NotFoundError()
        outcome = selectors.vote_result(matter)["outcome"]
        return Response(
            {
                "households": outcome.households,
                "taking_part": outcome.taking_part,
                "agreeing": outcome.agreeing,
                "disagreeing": outcome.disagreeing,
                "agreeing_share": round(outcome.agreeing_share, 4),
                "passed": outcome.passed,
            }
        )


class MatterSend(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Send a recorded result to the commune",
        parameters=_id("matter"),
        request=None,
        responses={200: MatterSerializer, **REFUSED},
    )
    def post(self, request, pk):
        matter = decision_services.matter_send(
            actor=request.user, matter=selectors.get_matter_for(request.user, pk)
        )
        return Response(MatterSerializer(matter).data)


class MatterRecognise(APIView):
    parser_classes = [JSONParser]

    @extend_schema(
        tags=TAGS,
        summary="The commune recognises a village's result, or refuses with reasons (leaders)",
        parameters=_id("matter"),
        request=RecognitionSerializer,
        responses={200: MatterSerializer, **REFUSED},
    )
    def post(self, request, pk):
        matter = selectors.get_matter_for(request.user, pk)
        payload = RecognitionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        matter = decision_services.matter_recognise(
            actor=request.user, matter=matter, **payload.validated_data
        )
        return Response(MatterSerializer(matter).data)


class ConsultationList(generics.ListAPIView):
    serializer_class = ConsultationSerializer

    def get_queryset(self):
        return selectors.consultation_queryset(self.request.user).prefetch_related("groups")

    @extend_schema(tags=TAGS, summary="List consultations with their answered groups of comments")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class ConsultationDetail(APIView):
    @extend_schema(
        tags=TAGS,
        summary="One consultation",
        parameters=_id("consultation"),
        responses={200: ConsultationSerializer},
    )
    def get(self, request, pk):
        return Response(
            ConsultationSerializer(selectors.get_consultation_for(request.user, pk)).data
        )


class ConsultationComment(APIView):
    parser_classes = [JSONParser]

    @extend_schema(
        tags=TAGS,
        summary="Enter a comment received at a meeting, by the mailbox, …",
        parameters=_id("consultation"),
        request=CommentWriteSerializer,
        responses={201: ConsultationSerializer, **REFUSED},
    )
    def post(self, request, pk):
        consultation = selectors.get_consultation_for(request.user, pk)
        payload = CommentWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        consultation_services.comment_enter(
            actor=request.user, consultation=consultation, **payload.validated_data
        )
        return Response(ConsultationSerializer(consultation).data, status=201)


class BoardList(generics.ListAPIView):
    serializer_class = BoardSerializer

    def get_queryset(self):
        return selectors.board_queryset(self.request.user).prefetch_related("members")

    @extend_schema(tags=TAGS, summary="List the boards with their members")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class FindingList(generics.ListAPIView):
    """The boards' recommendations in your reach, followed to closure."""

    serializer_class = FindingSerializer

    def get_queryset(self):
        return selectors.finding_queryset(self.request.user)

    @extend_schema(tags=TAGS, summary="List the recommendations of the boards")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class WorkList(generics.ListAPIView):
    serializer_class = PublicWorkSerializer

    def get_queryset(self):
        return selectors.work_queryset(self.request.user)

    @extend_schema(tags=TAGS, summary="List public works under community supervision")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


urlpatterns = [
    path("disclosures/", DisclosureList.as_view(), name="democracy-disclosure-list"),
    path("disclosures/<path:pk>/", DisclosureDetail.as_view(), name="democracy-disclosure-detail"),
    path("compliance/", Compliance.as_view(), name="democracy-compliance"),
    path("matters/", MatterList.as_view(), name="democracy-matter-list"),
    path("matters/<path:pk>/tally/", MatterTally.as_view(), name="democracy-matter-tally"),
    path("matters/<path:pk>/result/", MatterResult.as_view(), name="democracy-matter-result"),
    path("matters/<path:pk>/send/", MatterSend.as_view(), name="democracy-matter-send"),
    path(
        "matters/<path:pk>/recognise/", MatterRecognise.as_view(), name="democracy-matter-recognise"
    ),
    path("matters/<path:pk>/", MatterDetail.as_view(), name="democracy-matter-detail"),
    path("consultations/", ConsultationList.as_view(), name="democracy-consultation-list"),
    path(
        "consultations/<path:pk>/comments/",
        ConsultationComment.as_view(),
        name="democracy-consultation-comments",
    ),
    path(
        "consultations/<path:pk>/",
        ConsultationDetail.as_view(),
        name="democracy-consultation-detail",
    ),
    path("boards/", BoardList.as_view(), name="democracy-board-list"),
    path("findings/", FindingList.as_view(), name="democracy-finding-list"),
    path("works/", WorkList.as_view(), name="democracy-work-list"),
]
