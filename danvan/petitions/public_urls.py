"""Public pages (no account): the citizen's form and tracking (``case_public_urls``), published
answers to voter petitions (``meeting_public_urls``)."""

from danvan.petitions.cases import public_urls as case_public_urls
from danvan.petitions.reception import public_urls as meeting_public_urls

app_name = "citizen"

urlpatterns = case_public_urls.urlpatterns + meeting_public_urls.urlpatterns
