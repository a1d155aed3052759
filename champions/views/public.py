"""Public pages of published practices, their Atom feed and their CSV export (no sign-in)."""

import csv

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from champions.forms.public import PublicPracticeFilterForm
from champions.selectors import public as selectors

PAGE_SIZE = 20
FEED_SIZE = 50


def filtered(request) -> tuple[PublicPracticeFilterForm, selectors.PracticeFilters]:
    """The filters of the query string; an unknown value is dropped rather than refused."""
    form = PublicPracticeFilterForm(request.GET or None, countries=selectors.countries_with_published_practices())
    if not form.is_bound:
        return form, selectors.PracticeFilters()
    form.is_valid()  # cleaned_data keeps the fields that are valid
    return form, selectors.PracticeFilters(**{name: value for name, value in form.cleaned_data.items() if value})


class PracticeListView(TemplateView):
    template_name = "champions/practices/list.html"

    def get_context_data(self, **kwargs):
        form, filters = filtered(self.request)
        page = Paginator(selectors.published_practices(filters), PAGE_SIZE).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(filter_form=form, page=page, query=query.urlencode(), **kwargs)


class PracticePublicDetailView(TemplateView):
    template_name = "champions/practices/detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(practice=selectors.published_practice(self.kwargs["pk"]), **kwargs)


class PracticeFeed(Feed):
    """The latest published practices as an Atom feed, in the language of the URL."""

    feed_type = Atom1Feed
    title = gettext_lazy("Practices from the Champion countries — UN Network on Migration")
    subtitle = gettext_lazy("Case studies, positive practices and lessons learned from piloting the GCM guidance.")

    def link(self):
        return reverse("champions:practice_public_list")

    def items(self):
        return selectors.published_practices()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [str(objective) for objective in item.objectives.all()]


class Echo:
    def write(self, value):
        return value


CSV_COLUMNS = [
    ("ID", lambda p: p.pk),
    (gettext_lazy("Title"), lambda p: p.title),
    (gettext_lazy("Kind"), lambda p: p.get_kind_display()),
    (gettext_lazy("Country"), lambda p: p.member_state.name),
    (gettext_lazy("Region"), lambda p: p.member_state.get_region_display()),
    (gettext_lazy("Objectives"), lambda p: "; ".join(str(o.number) for o in p.objectives.all())),
    (gettext_lazy("Guiding principles"), lambda p: "; ".join(g.name for g in p.principles.all())),
    (gettext_lazy("Summary"), lambda p: p.summary),
    (gettext_lazy("Published at"), lambda p: timezone.localtime(p.published_at).isoformat()),
    (gettext_lazy("Link"), lambda p: p.get_absolute_url()),
]


def _cell(value) -> str:
    """Text a spreadsheet will not run as a formula."""
    text = str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class PracticeCSVView(View):
    """The published practices of the list's filters, as CSV (UTF-8 with a BOM, for spreadsheets)."""

    def get(self, request, *args, **kwargs):
        _form, filters = filtered(request)
        practices = selectors.published_practices(filters)
        writer = csv.writer(Echo())
        base = request.build_absolute_uri("/")[:-1]

        def rows():
            yield "\ufeff" + writer.writerow([str(name) for name, _value in CSV_COLUMNS])
            for practice in practices.iterator(chunk_size=500):
                values = [value(practice) for _name, value in CSV_COLUMNS]
                values[-1] = base + values[-1]
                yield writer.writerow([_cell(v) for v in values])

        response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="practices.csv"'
        return response
