from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from guidance import selectors
from guidance.forms import CompareLanguageForm, SearchForm
from guidance.models import DocumentVersion
from guidance.services.images import image_open


class HomeView(TemplateView):
    template_name = "guidance/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            documents=selectors.document_list_for(self.request.user),
            in_review=selectors.versions_in_review(),
            **kwargs,
        )


class DocumentListView(TemplateView):
    template_name = "guidance/document_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(documents=selectors.document_list_for(self.request.user), **kwargs)


def document_detail(request, document: str):
    """A document's address leads to its newest version that the reader may see."""
    return redirect(selectors.latest_version_for(user=request.user, document=document))


class VersionMixin(PermissionRequiredMixin):
    permission_required = "guidance.read_version"

    @cached_property
    def version(self) -> DocumentVersion:
        return selectors.version_by_slugs(document=self.kwargs["document"], version=self.kwargs["version"])

    def get_permission_object(self) -> DocumentVersion:
        return self.version

    def section_base(self) -> str:
        """The address that section anchors are appended to (the review reader uses its own)."""
        return self.version.get_absolute_url()

    @property
    def language(self) -> str:
        return get_language() or settings.LANGUAGE_CODE

    def get_context_data(self, **kwargs):
        # The URL's slugs arrive in kwargs; the objects they name replace them.
        kwargs.update(version=self.version, document=self.version.document, section_base=self.section_base())
        return super().get_context_data(**kwargs)


class VersionDetailView(VersionMixin, TemplateView):
    template_name = "guidance/version_detail.html"

    def get_context_data(self, **kwargs):
        toc = selectors.section_toc(version=self.version, language=self.language)
        untranslated = sum(1 for s in toc if s.missing_translation)
        return super().get_context_data(toc=toc, untranslated=untranslated, search_form=SearchForm(), **kwargs)


class SectionDetailView(VersionMixin, TemplateView):
    template_name = "guidance/section_detail.html"

    def get_context_data(self, **kwargs):
        page = selectors.section_page(version=self.version, anchor=self.kwargs["anchor"], language=self.language)
        return super().get_context_data(
            page=page,
            section=page.section,
            toc=page.toc,
            text_field=f"text_{self.language}",
            search_form=SearchForm(),
            compare_form=CompareLanguageForm(current=self.language),
            **kwargs,
        )


class SectionCompareView(VersionMixin, TemplateView):
    template_name = "guidance/section_compare.html"

    def get_context_data(self, **kwargs):
        page = selectors.section_page(version=self.version, anchor=self.kwargs["anchor"], language=self.language)
        form = CompareLanguageForm(self.request.GET or None, current=self.language)
        other = form.cleaned_data["other"] if form.is_valid() else form.default_other()
        rows = [
            {
                "block": block,
                "left": getattr(block, f"text_{self.language}") or block.text_en,
                "left_missing": not getattr(block, f"text_{self.language}"),
                "right": getattr(block, f"text_{other}") or block.text_en,
                "right_missing": not getattr(block, f"text_{other}"),
            }
            for block in page.blocks
        ]
        return super().get_context_data(
            page=page,
            section=page.section,
            compare_form=form,
            other=other,
            other_title=getattr(page.section, f"title_{other}") or page.section.title_en,
            other_title_missing=not getattr(page.section, f"title_{other}"),
            rows=rows,
            **kwargs,
        )


class VersionSearchView(VersionMixin, TemplateView):
    template_name = "guidance/version_search.html"

    def get_context_data(self, **kwargs):
        form = SearchForm(self.request.GET or None)
        hits = None
        if form.is_valid():
            hits = selectors.version_search(version=self.version, query=form.cleaned_data["q"], language=self.language)
        return super().get_context_data(search_form=form, hits=hits, **kwargs)


def guidance_image(request, name: str):
    """An image of the guidance text, by its content's SHA-256 (docs/guidance.md, "Images")."""
    found = image_open(name)
    if found is None:
        raise Http404
    file, content_type = found
    response = FileResponse(file, content_type=content_type)
    response["Cache-Control"] = "private, max-age=31536000, immutable"  # the name is the content
    response["Content-Security-Policy"] = "default-src 'none'"
    return response
