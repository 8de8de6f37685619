"""REST API v1 of oversight, under /api/v1/oversight/: recommendations (list with filters, the
addressee's inbox, one with its answers, the dashboard of a subtree; answering, verifying and
returning), inspections, supervisions and critiques. The same services and selectors as the
pages, the same reach; a team member's reads of an inspection are audited here too."""

from django.urls import path
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.pagination import CursorPagination
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from danvan.api.schema import error_response
from danvan.oversight import serializers as s
from danvan.oversight.critiques import selectors as critique_selectors
from danvan.oversight.inspections import selectors as inspection_selectors
from danvan.oversight.models import Topic
from danvan.oversight.recommendations import selectors, services, sources
from danvan.oversight.supervision import selectors as supervision_selectors
from danvan.units.selectors import get_unit_for

TAGS = ["oversight"]
CONFLICT = {
    409: error_response(
        "Not possible now: closed, already answered and awaiting verification, nothing to "
        "verify, or someone changed it since you read it (send the current version)."
    )
}
FORBIDDEN = {
    403: error_response(
        "You see it but may not do this: only the addressee answers; only the issuing side "
        "(someone other than the author of the answer) verifies or returns."
    )
}


def _id_param(what: str) -> OpenApiParameter:
    return OpenApiParameter(
        "id", int, OpenApiParameter.PATH, description=f"The {what}'s id. Out of your reach: 404."
    )


def _params(serializer_class, request) -> dict:
    params = serializer_class(data=request.query_params)
    params.is_valid(raise_exception=True)
    return params.validated_data


def _context() -> dict:
    return {"today": timezone.localdate()}


class DeadlineCursor(CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = ("due_date", "id")


# --- Recommendations -------------------------------------------------------------------------


class RecommendationList(generics.ListAPIView):
    serializer_class = s.RecommendationSerializer

    def get_serializer_context(self):
        return {**super().get_serializer_context(), **_context()}

    @extend_schema(
        tags=TAGS,
        summary="List recommendations (issued by or addressed to units you see)",
        parameters=[s.RecommendationQuerySerializer],
        responses={200: s.RecommendationSerializer(many=True)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        from danvan.units.selectors import unit_queryset

        data = _params(s.RecommendationQuerySerializer, self.request)
        units = unit_queryset(self.request.user)
        kind = data.get("kind", "")
        filters = selectors.RecommendationFilters(
            side=data.get("side", ""),
            status=data.get("status", ""),
            source_kind=kind if sources.get(kind) else ("-" if kind else ""),
            topic=Topic.objects.filter(pk=data["topic"]).first() if data.get("topic") else None,
            addressee=units.filter(pk=data.get("addressee")).first()
            if data.get("addressee")
            else None,
            issuer=units.filter(pk=data.get("issuer")).first() if data.get("issuer") else None,
            year=data.get("year"),
            query=data.get("q", ""),
        )
        qs = selectors.recommendation_list(self.request.user, filters)
        for name in ("addressee", "issuer"):
            if data.get(name) and getattr(filters, name) is None:
                return qs.none()  # a unit out of sight: nothing, as for any other filter
        return qs


class RecommendationInbox(generics.ListAPIView):
    serializer_class = s.RecommendationSerializer
    pagination_class = DeadlineCursor

    def get_serializer_context(self):
        return {**super().get_serializer_context(), **_context()}

    @extend_schema(
        tags=TAGS,
        summary="Recommendations your units must answer, nearest deadline first",
        responses={200: s.RecommendationSerializer(many=True)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.inbox_queryset(self.request.user)


class RecommendationDetail(generics.RetrieveAPIView):
    serializer_class = s.RecommendationDetailSerializer

    def get_serializer_context(self):
        return {**super().get_serializer_context(), **_context()}

    @extend_schema(
        tags=TAGS,
        summary="One recommendation with its answers",
        parameters=[_id_param("recommendation")],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_object(self):
        return selectors.get_recommendation_for(self.request.user, self.kwargs["pk"])


class RecommendationAnswer(APIView):
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(
        tags=TAGS,
        summary="Answer a recommendation addressed to your unit",
        description="JSON, or multipart with evidence files under `files` (PDF, DOCX, XLSX, "
        "JPEG, PNG; 10 MB each). A late answer is received and marked late.",
        parameters=[_id_param("recommendation")],
        request=s.AnswerWriteSerializer,
        responses={201: s.RecommendationDetailSerializer, **FORBIDDEN, **CONFLICT},
    )
    def post(self, request, pk):
        recommendation = selectors.get_recommendation_for(request.user, pk)
        payload = s.AnswerWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        services.recommendation_answer(
            actor=request.user,
            recommendation=recommendation,
            kind=data["kind"],
            text=data["text"],
            files=request.FILES.getlist("files"),
            version=data.get("version"),
        )
        fresh = selectors.get_recommendation_for(request.user, pk)
        return Response(
            s.RecommendationDetailSerializer(fresh, context=_context()).data,
            status=status.HTTP_201_CREATED,
        )


class _Review(APIView):
    parser_classes = [JSONParser]
    action = ""

    def post(self, request, pk):
        recommendation = selectors.get_recommendation_for(request.user, pk)
        payload = s.ReviewWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        service = (
            services.recommendation_verify
            if self.action == "verify"
            else services.recommendation_return
        )
        service(
            actor=request.user,
            recommendation=recommendation,
            note=data.get("note", ""),
            version=data.get("version"),
        )
        fresh = selectors.get_recommendation_for(request.user, pk)
        return Response(s.RecommendationDetailSerializer(fresh, context=_context()).data)


class RecommendationVerify(_Review):
    action = "verify"

    @extend_schema(
        tags=TAGS,
        summary="Accept the answer and close the recommendation (the issuing side)",
        parameters=[_id_param("recommendation")],
        request=s.ReviewWriteSerializer,
        responses={200: s.RecommendationDetailSerializer, **FORBIDDEN, **CONFLICT},
    )
    def post(self, request, pk):
        return super().post(request, pk)


class RecommendationReturn(_Review):
    action = "return"

    @extend_schema(
        tags=TAGS,
        summary="Return the answer to the addressee with the reason (the issuing side)",
        parameters=[_id_param("recommendation")],
        request=s.ReviewWriteSerializer,
        responses={200: s.RecommendationDetailSerializer, **FORBIDDEN, **CONFLICT},
    )
    def post(self, request, pk):
        return super().post(request, pk)


class Dashboard(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Follow-up of the recommendations of a subtree",
        parameters=[s.DashboardQuerySerializer],
        responses={
            200: s.DashboardSerializer,
            404: error_response("The unit is missing, or out of your reach."),
        },
    )
    def get(self, request):
        data = _params(s.DashboardQuerySerializer, request)
        root = get_unit_for(request.user, data["unit"])
        kind = data.get("kind", "")
        filters = selectors.DashboardFilters(
            side=data.get("side", selectors.SIDE_RECEIVED),
            year=data.get("year"),
            source_kind=kind if sources.get(kind) else "",
        )
        board = selectors.recommendation_dashboard(request.user, root, filters)
        return Response(s.DashboardSerializer(board).data)


# --- Inspections, supervisions, critiques ----------------------------------------------------------


class InspectionList(generics.ListAPIView):
    serializer_class = s.InspectionSerializer

    @extend_schema(
        tags=TAGS,
        summary="List inspections",
        parameters=[s.InspectionQuerySerializer],
        responses={200: s.InspectionSerializer(many=True)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        data = _params(s.InspectionQuerySerializer, self.request)
        filters = inspection_selectors.InspectionFilters(
            side=data.get("side", ""),
            status=data.get("status", ""),
            year=data.get("year"),
            query=data.get("q", ""),
        )
        return inspection_selectors.inspection_list(self.request.user, filters)


class InspectionDetail(generics.RetrieveAPIView):
    serializer_class = s.InspectionDetailSerializer

    @extend_schema(
        tags=TAGS,
        summary="One inspection (a team member's read is audited)",
        parameters=[_id_param("inspection")],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_object(self):
        return inspection_selectors.get_inspection_for(
            self.request.user, self.kwargs["pk"], what="api"
        )


class SupervisionList(generics.ListAPIView):
    serializer_class = s.SupervisionSerializer

    @extend_schema(
        tags=TAGS,
        summary="List supervisions",
        parameters=[s.SupervisionQuerySerializer],
        responses={200: s.SupervisionSerializer(many=True)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        data = _params(s.SupervisionQuerySerializer, self.request)
        filters = supervision_selectors.SupervisionFilters(
            year=data.get("year"),
            status=data.get("status", ""),
            kind=data.get("kind", ""),
            query=data.get("q", ""),
        )
        return supervision_selectors.supervision_list(self.request.user, filters)


class SupervisionDetail(generics.RetrieveAPIView):
    serializer_class = s.SupervisionSerializer

    @extend_schema(tags=TAGS, summary="One supervision", parameters=[_id_param("supervision")])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_object(self):
        return supervision_selectors.get_supervision_for(self.request.user, self.kwargs["pk"])


class CritiqueList(generics.ListAPIView):
    serializer_class = s.CritiqueSerializer

    @extend_schema(
        tags=TAGS,
        summary="List drafts for critique",
        parameters=[s.CritiqueQuerySerializer],
        responses={200: s.CritiqueSerializer(many=True)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        data = _params(s.CritiqueQuerySerializer, self.request)
        return critique_selectors.critique_list(
            self.request.user, status=data.get("status", ""), query=data.get("q", "")
        )


class CritiquePoints(APIView):
    @extend_schema(
        tags=TAGS,
        summary="The points of a draft's critiques with the drafting unit's answers",
        parameters=[_id_param("critique")],
        responses={200: s.CritiquePointSerializer(many=True)},
    )
    def get(self, request, pk):
        critique = critique_selectors.get_critique_for(request.user, pk)
        points = critique_selectors.critique_detail(request.user, critique)["points"]
        return Response(s.CritiquePointSerializer(points, many=True).data)


urlpatterns = [
    path("recommendations/", RecommendationList.as_view(), name="oversight-recommendation-list"),
    path(
        "recommendations/inbox/",
        RecommendationInbox.as_view(),
        name="oversight-recommendation-inbox",
    ),
    path("recommendations/dashboard/", Dashboard.as_view(), name="oversight-dashboard"),
    path(
        "recommendations/<path:pk>/answer/",
        RecommendationAnswer.as_view(),
        name="oversight-recommendation-answer",
    ),
    path(
        "recommendations/<path:pk>/verify/",
        RecommendationVerify.as_view(),
        name="oversight-recommendation-verify",
    ),
    path(
        "recommendations/<path:pk>/return/",
        RecommendationReturn.as_view(),
        name="oversight-recommendation-return",
    ),
    path(
        "recommendations/<path:pk>/",
        RecommendationDetail.as_view(),
        name="oversight-recommendation-detail",
    ),
    path("inspections/", InspectionList.as_view(), name="oversight-inspection-list"),
    path("inspections/<path:pk>/", InspectionDetail.as_view(), name="oversight-inspection-detail"),
    path("supervisions/", SupervisionList.as_view(), name="oversight-supervision-list"),
    path(
        "supervisions/<path:pk>/", SupervisionDetail.as_view(), name="oversight-supervision-detail"
    ),
    path("critiques/", CritiqueList.as_view(), name="oversight-critique-list"),
    path("critiques/<path:pk>/points/", CritiquePoints.as_view(), name="oversight-critique-points"),
]
