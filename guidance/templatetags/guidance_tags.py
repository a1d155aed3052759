from django import template
from django.urls import translate_url
from django.utils.safestring import SafeString

from guidance.rendering import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str, id_prefix: str = "") -> SafeString:
    """``block.text|markdown:block.key``: the key keeps the ids of the block's notes unique on the page."""
    return render_markdown(text, str(id_prefix or ""))


@register.simple_tag(takes_context=True)
def url_in_language(context, language: str) -> str:
    """The current page in another language (keeps the query string)."""
    request = context["request"]
    return translate_url(request.get_full_path(), language)


@register.filter
def translation(obj, field_and_language: str) -> str:
    """``block|translation:"text_fr"`` reads one language without fallback."""
    return getattr(obj, field_and_language, "") or ""


@register.filter
def get_item(mapping, key):
    """``counts|get_item:key`` — a dictionary look-up in templates (None when absent)."""
    return mapping.get(key) if mapping else None
