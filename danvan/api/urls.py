from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from danvan.api.errors import JsonErrorsMixin, api_not_found


class SchemaView(JsonErrorsMixin, SpectacularAPIView):
    pass


class DocsView(JsonErrorsMixin, SpectacularSwaggerView):
    pass


app_name = "api"

urlpatterns = [
    path("v1/units/", include("danvan.units.api")),
    path("v1/tokens/", include("danvan.api.api")),
    path("v1/plans/", include("danvan.plans.api")),
    path("v1/documents/", include("danvan.documents.api")),
    path("v1/exemplars/", include("danvan.exemplars.api")),
    path("v1/reports/", include("danvan.reports.api")),
    path("v1/cases/", include("danvan.petitions.api")),
    path("v1/oversight/", include("danvan.oversight.api")),
    path("v1/democracy/", include("danvan.democracy.api")),
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", DocsView.as_view(url_name="api:schema"), name="docs"),
    # Last: any other address under /api/ is a 404 in the error format, not an HTML page.
    re_path(r"^", api_not_found),
]
