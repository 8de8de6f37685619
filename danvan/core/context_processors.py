from django.conf import settings


def site(request):
    return {"danvan_site_name": settings.DANVAN_SITE_NAME}
