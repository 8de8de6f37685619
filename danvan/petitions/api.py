"""REST API v1 under /api/v1/cases/: cases (``case_api``) and reception, voter petitions,
dialogue (``meeting_api``)."""

from danvan.petitions.cases import api as case_api
from danvan.petitions.reception import api as meeting_api

urlpatterns = case_api.urlpatterns + meeting_api.urlpatterns
