"""Template helpers for times: Geneva time with its label (guidance.times), for every app's templates."""

from django import template
from django.utils.html import format_html

from guidance.times import geneva_time

register = template.Library()


@register.filter
def geneva(value, fmt: str = "DATETIME_FORMAT") -> str:
    return geneva_time(value, fmt)


@register.simple_tag
def time_tag(value, fmt: str = "SHORT_DATETIME_FORMAT"):
    """A ``<time>`` element: the instant for machines, Geneva time with its label for people."""
    if not value:
        return ""
    return format_html('<time datetime="{}">{}</time>', value.isoformat(), geneva_time(value, fmt))
