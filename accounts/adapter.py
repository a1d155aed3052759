from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.urls import translate_url


class AccountAdapter(DefaultAccountAdapter):
    """allauth adapter: invitation-only sign-up and the user's language applied at login."""

    def is_open_for_signup(self, request) -> bool:
        # Accounts are created from invitations only (see docs/accounts.md).
        return False

    def get_login_redirect_url(self, request) -> str:
        url = super().get_login_redirect_url(request)
        language = getattr(request.user, "preferred_language", "") or settings.LANGUAGE_CODE
        return translate_url(url, language)

    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        language = user.preferred_language or settings.LANGUAGE_CODE
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
        return response
