from django.conf import settings
from django.template.defaultfilters import filesizeformat


def site(request):
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        # The most a form may send (Django refuses more): the composer checks before sending.
        "UPLOAD_LIMIT_BYTES": settings.DATA_UPLOAD_MAX_MEMORY_SIZE,
        "UPLOAD_LIMIT": filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE),
    }
