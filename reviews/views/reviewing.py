"""A participant reads a round's documents and comments on a section (for their delegation)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from guidance import selectors as guidance_selectors
from guidance.forms import CompareLanguageForm
from guidance.rendering import render_markdown
from reviews import selectors
from reviews.forms.reviewing import CommentForm
from reviews.services.comments import comment_create
from reviews.views.base import RoundMixin, ServiceFormMixin


def first_words(markdown_text: str, words: int = 8) -> str:
    """A paragraph's first words as plain text, to name it in the comment form."""
    return Truncator(strip_tags(render_markdown(markdown_text or "")).strip()).words(words, truncate="…")


class MyReviewView(LoginRequiredMixin, TemplateView):
    template_name = "reviews/my_review.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(workspaces=selectors.review_workspaces(self.request.user), **kwargs)


class RoundDetailView(RoundMixin, TemplateView):
    template_name = "reviews/round_detail.html"
    round_kwarg = "pk"


class RoundVersionMixin(RoundMixin):
    @cached_property
    def version(self):
        for version in self.review_round.versions.all():
            if version.document.slug == self.kwargs["document"]:
                return version
        raise Http404

    @property
    def language(self) -> str:
        return get_language() or settings.LANGUAGE_CODE

    def get_context_data(self, **kwargs):
        section_base = reverse("reviews:round_document", args=[self.review_round.pk, self.version.document.slug])
        counts = selectors.comment_counts(target=self.target, version=self.version) if self.target else ({}, {})
        # The URL's slugs arrive in kwargs (TemplateView); the objects they name replace them.
        kwargs.update(
            version=self.version,
            document=self.version.document,
            section_base=section_base,
            section_counts=counts[0],
            block_counts=counts[1],
        )
        return super().get_context_data(**kwargs)


class RoundDocumentView(RoundVersionMixin, TemplateView):
    template_name = "reviews/round_document.html"

    def get_context_data(self, **kwargs):
        toc = guidance_selectors.section_toc(version=self.version, language=self.language)
        return super().get_context_data(toc=toc, **kwargs)


class SectionPageMixin(RoundVersionMixin):
    """The section with the delegation's comments and the others' submitted ones beside it."""

    @cached_property
    def page(self):
        return guidance_selectors.section_page(
            version=self.version, anchor=self.kwargs["anchor"], language=self.language
        )

    def get_context_data(self, **kwargs):
        page, target = self.page, self.target
        # The form is made here when the view has not made it yet (a GET): what the form says it
        # will save must come from the same form that saves it (issue 12, item 1).
        form = kwargs["form"] = kwargs.get("form") or self.get_form()
        block_key = form["block_key"].value() or ""
        target_block = next((b for b in page.blocks if b.key == block_key), None)
        return super().get_context_data(
            page=page,
            section=page.section,
            toc=page.toc,
            text_field=f"text_{self.language}",
            comment_base=self.request.path,
            comments=selectors.section_comments(target=target, section=page.section) if target else [],
            other_comments=selectors.others_submitted_comments(
                review_round=self.review_round, section=page.section, target=target
            )
            if target
            else [],
            target_block=target_block,
            target_words=first_words(target_block.text) if target_block else "",
            target_choice=form["target"].value() or CommentForm.PARAGRAPH,
            can_comment=bool(target) and self.request.user.has_perm("reviews.comment", target),
            compare_form=CompareLanguageForm(current=self.language),
            **kwargs,
        )


class ReviewSectionView(ServiceFormMixin, SectionPageMixin, FormView):
    """The section page and the form to add a comment to it (a draft of the delegation)."""

    template_name = "reviews/section_review.html"
    form_class = CommentForm

    def get_form_kwargs(self):
        choices = selectors.delegation_choices(self.request.user, self.review_round)
        return {**super().get_form_kwargs(), "delegations": choices}

    def get_initial(self):
        block = self.request.GET.get("block", "")
        return {
            "language": self.language,
            "block_key": block if any(b.key == block for b in self.page.blocks) else "",
            "delegation": self.target.value if self.target else "",
        }

    def post(self, request, *args, **kwargs):
        if not selectors.delegation_choices(request.user, self.review_round):
            raise PermissionDenied  # no delegation to comment for (the working group reads only)
        return super().post(request, *args, **kwargs)

    def save(self, form):
        target = selectors.delegation_for(self.request.user, self.review_round, form.cleaned_data["delegation"])
        if target is None:
            raise PermissionDenied
        block_key, quote = form.saved_target()
        data = {k: form.cleaned_data[k] for k in ("kind", "body", "proposed_change", "language", "attachments")}
        return comment_create(
            review_round=self.review_round,
            section=self.page.section,
            author=self.request.user,
            delegation=target.delegation,
            block_key=block_key,
            quote=quote,
            **data,
        )

    def saved(self, form, comment):
        messages.success(self.request, _("Your comment was saved as a draft of your delegation."))
        return redirect(f"{self.request.path}#comment-{comment.pk}")
