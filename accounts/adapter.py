from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import translate_url
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    """allauth adapter: invitation-only sign-up, the user's language at login and in emails."""

    def is_open_for_signup(self, request) -> bool:
        # Accounts are created from invitations only (docs/accounts.md).
        return False

    def post_login(self, request, user, **kwargs):
        """Land on the page asked for (or home) in the user's preferred language, and remember it."""
        language = user.preferred_language or settings.LANGUAGE_CODE
        response = super().post_login(request, user, **kwargs)
        if response.status_code in (301, 302) and response.has_header("Location"):
            response["Location"] = translate_url(response["Location"], language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
        return response

    def send_mail(self, template_prefix, email, context):
        """Account emails go out in the recipient's preferred language (the page's for unknown addresses)."""
        user = get_user_model().objects.filter(email__iexact=email).only("preferred_language").first()
        language = user.preferred_language if user is not None else translation.get_language()
        with translation.override(language or settings.LANGUAGE_CODE):
            return super().send_mail(template_prefix, email, context)
