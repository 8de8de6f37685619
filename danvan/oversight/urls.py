"""Staff pages of oversight: recommendations, inspections, supervision, council questions and
social critique."""

from danvan.oversight.critiques import urls as critique_urls
from danvan.oversight.inspections import urls as inspection_urls
from danvan.oversight.recommendations import urls as recommendation_urls
from danvan.oversight.supervision import urls as supervision_urls

app_name = "oversight"

urlpatterns = (
    recommendation_urls.urlpatterns
    + inspection_urls.urlpatterns
    + supervision_urls.urlpatterns
    + critique_urls.urlpatterns
)
