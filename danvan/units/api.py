"""REST API v1 of the organisation tree: the same reach as the web pages, read-only."""

from django.urls import path
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics

from danvan.units import selectors
from danvan.units.models import OrgUnit
from danvan.units.serializers import (
    ApiErrorSerializer,
    OrgUnitSerializer,
    UnitSearchQuerySerializer,
)

TAGS = ["units"]
UNIT_ID = OpenApiParameter(
    "id", int, OpenApiParameter.PATH, description="The unit's id. Out of the caller's reach: 404."
)
ERRORS = {
    401: OpenApiResponse(ApiErrorSerializer, description="Not logged in."),
    403: OpenApiResponse(ApiErrorSerializer, description="Not logged in, or not allowed."),
}
NOT_FOUND = {
    404: OpenApiResponse(ApiErrorSerializer, description="No such unit within the caller's reach.")
}


class UnitList(generics.ListAPIView):
    """Units the caller may see, newest first; ``q`` searches names with or without diacritics."""

    serializer_class = OrgUnitSerializer

    @extend_schema(
        tags=TAGS,
        summary="List or search units",
        parameters=[UnitSearchQuerySerializer],
        responses={
            200: OrgUnitSerializer(many=True),
            400: OpenApiResponse(ApiErrorSerializer, description="Invalid search text."),
            **ERRORS,
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        params = UnitSearchQuerySerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        query = params.validated_data.get("q", "")
        if query:
            # The pagination orders by id; the search limit does not apply to a paged list.
            qs = selectors.unit_search_queryset(self.request.user, query)
        else:
            qs = selectors.unit_queryset(self.request.user)
        return qs.select_related("unit_type")


class UnitDetail(generics.RetrieveAPIView):
    serializer_class = OrgUnitSerializer
    queryset = OrgUnit.objects.none()

    @extend_schema(
        tags=TAGS,
        summary="One unit",
        parameters=[UNIT_ID],
        responses={200: OrgUnitSerializer, **ERRORS, **NOT_FOUND},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_object(self):
        return selectors.get_unit_for(self.request.user, self.kwargs["pk"])


class UnitChildren(generics.ListAPIView):
    serializer_class = OrgUnitSerializer

    @extend_schema(
        tags=TAGS,
        summary="The subordinate units of a unit",
        parameters=[UNIT_ID],
        responses={200: OrgUnitSerializer(many=True), **ERRORS, **NOT_FOUND},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        unit = selectors.get_unit_for(self.request.user, self.kwargs["pk"])
        return (
            selectors.unit_queryset(self.request.user)
            .filter(parent=unit)
            .select_related("unit_type")
        )


urlpatterns = [
    path("", UnitList.as_view(), name="unit-list"),
    path("<int:pk>/", UnitDetail.as_view(), name="unit-detail"),
    path("<int:pk>/children/", UnitChildren.as_view(), name="unit-children"),
]
