import html

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from champions.countries import country_name

register = template.Library()


@register.filter
def shown_language(practice, language: str) -> str:
    """``practice|shown_language:LANGUAGE_CODE``: the language its text is shown in (with fallback)."""
    return practice.language_shown(language)


@register.filter(name="country_name")
def country_name_filter(code, language: str = "") -> str:
    """``code|country_name`` or ``code|country_name:"fr"``: the UN's short name of a Member State."""
    return country_name(str(code or ""), language or None)


@register.simple_tag
def role_tags(roles) -> str:
    """The overview's roles cell: one tag per role label (built here, not by a template loop, for 193 rows)."""
    if not roles:
        return format_html('<span class="hint">{}</span>', _("None"))
    return _escaped_join(" ", '<span class="tag tag--blue">{}</span>', ((label,) for label in roles))


@register.simple_tag
def pilot_links(pilots) -> str:
    """The overview's pilots cell: each pilot's link and status tag, one per line (see ``role_tags``)."""
    if not pilots:
        return format_html('<span class="hint">{}</span>', _("No pilot"))
    return _escaped_join(
        "",
        '<a href="{}">{}</a> <span class="tag tag--{}">{}</span><br>',
        ((pilot.url, pilot.title, pilot.status_tag, pilot.status_label) for pilot in pilots),
    )


def _escaped_join(separator: str, template: str, rows) -> str:
    """``format_html_join`` for hundreds of cells: every value escaped by the standard library's
    ``html.escape`` (quotes included), without Django's per-call lazy-string checks, which were a
    quarter of the overview's time. ``separator`` and ``template`` are constants of this module."""
    return mark_safe(  # noqa: S308 - each value is escaped above; separator and template are constants
        separator.join(template.format(*(html.escape(str(value)) for value in row)) for row in rows)
    )
