"""Translated fields (django-modeltranslation) and, after them, history.

simple-history must be registered after modeltranslation on translated models
(STACK.md, gotcha 3).
"""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from guidance.models import Block, Document, DocumentVersion, GuidingPrinciple, Objective, Section


@register(Objective)
class ObjectiveTranslation(TranslationOptions):
    fields = ("title", "short_label")


@register(GuidingPrinciple)
class GuidingPrincipleTranslation(TranslationOptions):
    fields = ("name",)


@register(Document)
class DocumentTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(Section)
class SectionTranslation(TranslationOptions):
    fields = ("title",)
    # Missing French or Spanish text stays empty (never copied from English), so the
    # reader can tell that it is missing and say so.
    empty_values = ""


@register(Block)
class BlockTranslation(TranslationOptions):
    fields = ("text",)
    empty_values = ""


simple_history.register(DocumentVersion)
simple_history.register(Section)
simple_history.register(Block)
