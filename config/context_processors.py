from django.conf import settings
from django.utils.functional import SimpleLazyObject

from champions.selectors import memberships_of


def site(request):
    user = getattr(request, "user", None)
    return {
        "DEMO_BANNER": settings.DEMO_BANNER,
        # Lazy: queried only by the templates that show the user's delegations.
        "my_memberships": SimpleLazyObject(lambda: memberships_of(user) if user is not None else []),
    }
