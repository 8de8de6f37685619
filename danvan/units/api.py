from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import ValidationError

from danvan.lib.text import search_terms
from danvan.units import selectors
from danvan.units.models import OrgUnit
from danvan.units.serializers import OrgUnitSerializer


class UnitList(generics.ListAPIView):
    """Units the caller may see; ``q`` searches names with or without diacritics."""

    serializer_class = OrgUnitSerializer

    @extend_schema(
        parameters=[OpenApiParameter("q", str, description="Tên đơn vị, có hoặc không dấu")]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        query = self.request.query_params.get("q")
        qs = selectors.unit_queryset(self.request.user).select_related("unit_type")
        if query is not None:
            if len(query) > 100:
                raise ValidationError(
                    {"q": [_("The search text is too long (at most 100 characters).")]}
                )
            terms = search_terms(query)
            if not terms:
                raise ValidationError({"q": [_("Enter at least one letter or digit to search.")]})
            for term in terms:
                qs = qs.filter(name_folded__contains=term)
        return qs


class UnitDetail(generics.RetrieveAPIView):
    serializer_class = OrgUnitSerializer
    queryset = OrgUnit.objects.none()

    def get_object(self):
        return selectors.get_unit_for(self.request.user, self.kwargs["pk"])


class UnitChildren(generics.ListAPIView):
    serializer_class = OrgUnitSerializer

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
