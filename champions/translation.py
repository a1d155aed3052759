"""Translated fields of practices (django-modeltranslation), then history of every change.

simple-history is registered after modeltranslation (STACK.md, gotcha 3) so the history
tables get the translated columns.
"""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from champions.models import (
    Activity,
    ChampionRole,
    Invitation,
    Membership,
    MemberState,
    Organisation,
    Pilot,
    PilotUpdate,
    Practice,
)


@register(Practice)
class PracticeTranslation(TranslationOptions):
    fields = ("title", "summary", "body")
    # The author writes in one language: a reader sees it in theirs, otherwise in English,
    # otherwise in the language it was written in (and the page says so).
    fallback_languages = {"default": ("en", "fr", "es")}
    empty_values = ""


simple_history.register(MemberState)
simple_history.register(ChampionRole)
simple_history.register(Organisation)
simple_history.register(Membership)
simple_history.register(Invitation)
simple_history.register(Pilot)
simple_history.register(PilotUpdate)
simple_history.register(Activity)
simple_history.register(Practice)
