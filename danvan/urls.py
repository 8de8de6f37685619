from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from danvan.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("favicon.ico", RedirectView.as_view(url="/static/favicon.svg", permanent=True)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("danvan.desk.urls")),
    path("", include("danvan.core.urls")),
    path("tai-khoan/ma-api/", include("danvan.api.web_urls")),
    path("tai-khoan/", include("danvan.accounts.urls")),
    path("don-vi/", include("danvan.units.urls")),
    path("nhat-ky/", include("danvan.audit.urls")),
    path("thong-bao/", include("danvan.notifications.urls")),
    path("ke-hoach/", include("danvan.plans.urls")),
    path("van-ban/", include("danvan.documents.urls")),
    path("dan-van-kheo/", include("danvan.exemplars.urls")),
    path("bao-cao/", include("danvan.reports.urls")),
    path("don-thu/", include("danvan.petitions.urls")),
    path("kiem-tra-giam-sat/", include("danvan.oversight.urls")),
    path("dan-chu/", include("danvan.democracy.urls")),
    path("cong-khai/dan-van-kheo/", include("danvan.exemplars.public_urls")),
    path("cong-khai/y-kien/", include("danvan.petitions.public_urls")),
    path("cong-khai/giam-sat/", include("danvan.oversight.public_urls")),
    path("cong-khai/dan-chu/", include("danvan.democracy.public_urls")),
    path("cong-khai/", include("danvan.portal.urls")),
    path("api/", include("danvan.api.urls")),
    path("quan-tri/", admin.site.urls),
]

# Uploaded files are never served by URL: each app serves its files through a view that
# checks access (e.g. a task's evidence), in development too.

handler404 = "danvan.core.views.not_found"
handler400 = "danvan.core.responses.bad_request"
handler500 = "danvan.core.responses.server_error"
