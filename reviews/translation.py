"""Translated fields of rounds, then history of comments (simple-history after modeltranslation)."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from reviews.models import Comment, ReviewRound, SurveyResponse, Theme


@register(ReviewRound)
class ReviewRoundTranslation(TranslationOptions):
    fields = ("title", "instructions")


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name", "description")


simple_history.register(ReviewRound, m2m_fields=[])
simple_history.register(Comment)
simple_history.register(SurveyResponse)
