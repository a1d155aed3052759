from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.urls import translate_url


class AccountAdapter(DefaultAccountAdapter):
    """allauth adapter: invitation-only sign-up and the user's language applied at login."""

    def is_open_for_signup(self, request) -> bool:
        # Accounts are created from invitations only (see docs/architecture.md).
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
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
        return response
