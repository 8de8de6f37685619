"""REST API v1 under /api/v1/cases/: cases (``case_api``) and reception, voter petitions,
dialogue (``meeting_api``)."""

from danvan.petitions import case_api, meeting_api

urlpatterns = case_api.urlpatterns + meeting_api.urlpatterns
