from functools import partial

from django.conf import settings

from champions.selectors import memberships_of


def site(request):
    user = getattr(request, "user", None)
    return {
        "DEMO_BANNER": settings.DEMO_BANNER,
        # A callable: templates call it only where they show the user's delegations.
        "my_memberships": partial(memberships_of, user) if user is not None else list,
    }
