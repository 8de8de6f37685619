"""Staff pages: cases (``case_urls``) and reception, voter petitions, dialogue (``meeting_urls``)."""

from danvan.petitions.cases import urls as case_urls
from danvan.petitions.reception import urls as meeting_urls

app_name = "petitions"

urlpatterns = case_urls.urlpatterns + meeting_urls.urlpatterns
