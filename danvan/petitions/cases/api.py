"""REST API v1 of cases, under /api/v1/cases/: the same reach and masking as the web pages."""

from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.views import APIView

from danvan.core.errors import ValidationFailed
from danvan.petitions.cases import selectors as case_selectors
from danvan.petitions.cases import services as case_services
from danvan.petitions.cases.serializers import (
    CaseDetailSerializer,
    CaseListQuerySerializer,
    CaseSerializer,
    CaseWriteSerializer,
)
from danvan.petitions.models import Case, CaseField

TAGS = ["cases"]


class CaseList(generics.ListCreateAPIView):
    """Cases you may see, newest first (no petitioner in a list); receive one with POST."""

    serializer_class = CaseSerializer
    parser_classes = [JSONParser]

    @extend_schema(
        tags=TAGS,
        summary="List cases",
        parameters=[CaseListQuerySerializer],
        responses={200: CaseSerializer(many=True)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=TAGS,
        summary="Receive a case",
        request=CaseWriteSerializer,
        responses={201: CaseDetailSerializer},
    )
    def post(self, request, *args, **kwargs):
        payload = CaseWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        unit = case_selectors.intake_units(request.user).filter(pk=data.pop("unit")).first()
        if unit is None:
            raise ValidationFailed(_("Choose a unit whose cases you receive."), field="unit")
        field_id = data.pop("field", None)
        field = None
        if field_id is not None:
            field = CaseField.objects.filter(pk=field_id, is_active=True).first()
            if field is None:
                raise ValidationFailed(_("This field does not exist."), field="field")
        case = case_services.case_receive(actor=request.user, unit=unit, field=field, **data)
        case = Case.objects.select_related("unit", "field").get(pk=case.pk)
        return Response(CaseDetailSerializer(case).data, status=status.HTTP_201_CREATED)

    def get_queryset(self):
        params = CaseListQuerySerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        filters = case_selectors.CaseFilters(
            status=data.get("status", ""),
            kind=data.get("kind", ""),
            field=data.get("field"),
            overdue=bool(data.get("overdue")),
            scope=case_selectors.SCOPE_MINE if data.get("mine") else case_selectors.SCOPE_ALL,
        )
        return (
            case_selectors.case_list(self.request.user, filters)
            .defer(None)
            .select_related("unit", "field")
        )


class CaseDetail(APIView):
    @extend_schema(
        tags=TAGS,
        summary="One case (a denouncer's identity is never given)",
        parameters=[
            OpenApiParameter(
                "id",
                int,
                OpenApiParameter.PATH,
                description="The case's id. Out of your reach: 404.",
            )
        ],
        responses={200: CaseDetailSerializer},
    )
    def get(self, request, pk):
        case = case_selectors.get_case_for(request.user, pk)
        return Response(CaseDetailSerializer(case).data)


urlpatterns = [
    path("", CaseList.as_view(), name="case-list"),
    path("<int:pk>/", CaseDetail.as_view(), name="case-detail"),
]
