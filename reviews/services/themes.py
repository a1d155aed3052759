"""Themes: the working group's translated tags for grouping comments (docs/triage.md)."""

from django.db import transaction

from reviews.models import Theme


@transaction.atomic
def theme_save(*, theme: Theme | None, **fields) -> Theme:
    """Create a theme (``theme=None``) or change one: names and descriptions in the three languages, in use."""
    theme = theme or Theme()
    for name, value in fields.items():
        setattr(theme, name, value)
    theme.full_clean()
    theme.save()
    return theme
