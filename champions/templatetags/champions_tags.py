from django import template

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
