import rules
from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend


class AuthenticationBackend(AllauthBackend):
    """allauth's backend (a Django ModelBackend): email login and model permissions for the admin.

    A permission that a ``rules.py`` defines is answered by django-rules alone: without this,
    every refusal would fall through to two queries for the user's model permissions.
    """

    def has_perm(self, user_obj, perm, obj=None):
        if rules.perm_exists(perm):
            return False
        return super().has_perm(user_obj, perm, obj)
