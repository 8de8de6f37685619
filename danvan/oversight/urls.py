"""Staff pages of oversight: recommendations (and, per procedure, inspections, supervision,
critique and council questions)."""

from danvan.oversight.recommendations import urls as recommendation_urls

app_name = "oversight"

urlpatterns = recommendation_urls.urlpatterns
