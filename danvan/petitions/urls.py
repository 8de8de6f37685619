"""Staff pages: cases (``case_urls``) and reception, voter petitions, dialogue (``meeting_urls``)."""

from danvan.petitions import case_urls, meeting_urls

app_name = "petitions"

urlpatterns = case_urls.urlpatterns + meeting_urls.urlpatterns
