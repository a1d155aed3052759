from django import template

register = template.Library()


@register.filter
def shown_language(practice, language: str) -> str:
    """``practice|shown_language:LANGUAGE_CODE``: the language its text is shown in (with fallback)."""
    return practice.language_shown(language)
