"""Times as reviewers read them: in Geneva time, always saying so (docs/reviews.md, "Times"; every app uses it).

The working group's reference zone is ``settings.TIME_ZONE`` (Europe/Zurich, Geneva's zone).
A time without its zone is ambiguous for delegations in other capitals, so every time on the
review pages, in the receipt email and in the Word copy is written by ``geneva_time``.
"""

import zoneinfo

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext as _


def geneva_time(value, fmt: str = "DATETIME_FORMAT") -> str:
    """``value`` in Geneva time, labelled: "Dec. 3, 2026, 10:15 a.m. (Geneva time)"."""
    if not value:
        return ""
    local = timezone.localtime(value, zoneinfo.ZoneInfo(settings.TIME_ZONE))
    return _("%(time)s (Geneva time)") % {"time": formats.date_format(local, fmt)}
