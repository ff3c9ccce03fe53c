from django.conf import settings


def site(request):
    return {"signup_open": settings.PARALLAX_SIGNUP_OPEN}
