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

    def get_login_redirect_url(self, request) -> str:
        """Where a sign-in lands when no page was asked for: home, in the user's preferred language.

        allauth calls this only without a ``next``; a page asked for is followed as it is, in its
        own language (the reader chose that page, and its language, before signing in).
        """
        return translate_url(super().get_login_redirect_url(request), self._language(request.user))

    def post_login(self, request, user, **kwargs):
        """Remember the preferred language, for addresses without a language prefix."""
        response = super().post_login(request, user, **kwargs)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            self._language(user),
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
        return response

    @staticmethod
    def _language(user) -> str:
        return user.preferred_language or settings.LANGUAGE_CODE

    def send_mail(self, template_prefix, email, context):
        """Account emails go out in the recipient's preferred language (the page's for unknown addresses)."""
        user = get_user_model().objects.filter(email__iexact=email).only("preferred_language").first()
        language = user.preferred_language if user is not None else translation.get_language()
        with translation.override(language or settings.LANGUAGE_CODE):
            return super().send_mail(template_prefix, email, context)
