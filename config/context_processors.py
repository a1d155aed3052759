from django.conf import settings


def site(request):
    return {"DEMO_BANNER": settings.DEMO_BANNER}
