"""Public pages (no account): the citizen's form and tracking (``case_public_urls``), published
answers to voter petitions (``meeting_public_urls``)."""

from danvan.petitions import case_public_urls, meeting_public_urls

app_name = "citizen"

urlpatterns = case_public_urls.urlpatterns + meeting_public_urls.urlpatterns
