"""The working group's triage: the dashboard, the filtered list and its bulk actions, one comment's
triage (or a drafter's proposal), the drafters' queue, publishing responses, the disposition report
and the themes. Moderators decide (``reviews.triage``); drafters read and propose (docs/triage.md).
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from champions.views.base import FormPermissionMixin
from reviews import selectors
from reviews.enums import Disposition, Priority
from reviews.forms.triage import (
    BulkForm,
    ProposalForm,
    PublishForm,
    ThemeForm,
    TriageFilterForm,
    TriageForm,
    filtered_url,
    url_filters,
)
from reviews.models import Comment, ReviewRound, Theme
from reviews.selectors import dashboard as dashboard_selectors
from reviews.selectors import triage as triage_selectors
from reviews.selectors import triage_comment as comment_selectors
from reviews.services.comments import EditConflict
from reviews.services.matrix import disposition_report
from reviews.services.themes import theme_save
from reviews.services.triage import (
    bulk_apply,
    bulk_targets,
    proposal_decide,
    proposal_submit,
    responses_publish,
    triage_update,
)
from reviews.views.base import ActionView, NotRevealedMixin, ServiceFormMixin, form_conflict, form_error


class TriageMixin(LoginRequiredMixin, PermissionRequiredMixin):
    permission_required = "reviews.triage"

    @cached_property
    def filter_form(self) -> TriageFilterForm:
        return TriageFilterForm(self.request.GET)

    @cached_property
    def filters(self) -> dict:
        return self.filter_form.filters()

    def list_url(self, **changes) -> str:
        return filtered_url(reverse("reviews:triage_list"), self.filters, **changes)


class DashboardView(TriageMixin, TemplateView):
    """Totals, triage progress and every breakdown; each figure links to the list filtered to it."""

    template_name = "reviews/triage/dashboard.html"

    def get_context_data(self, **kwargs):
        scope = {k: v for k, v in self.filters.items() if k in ("round", "document")}
        rounds = triage_selectors.rounds_latest_first()
        if "round" not in self.request.GET and rounds:
            scope["round"] = rounds[0].pk  # the latest round by default; "All rounds" is a choice
        return super().get_context_data(
            data=dashboard_selectors.dashboard(scope),
            rounds=rounds,
            current_round=next((r for r in rounds if r.pk == scope.get("round")), None),
            scope=scope,
            **kwargs,
        )


class BulkActionMixin:
    """The list's bulk actions: on the ticked comments, or on every comment the filters select."""

    def post(self, request, *args, **kwargs):
        form = BulkForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(bulk_form=form), status=400)
        everything = form.cleaned_data["scope"] == BulkForm.SCOPE_ALL
        try:
            targets = bulk_targets(
                ids=None if everything else request.POST.getlist("ids"),
                filtered=triage_selectors.apply_filters(triage_selectors.triage_base(), self.filters),
            )
            changed = bulk_apply(
                targets=targets, actor=request.user, action=form.cleaned_data["action"], value=form.value()
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return self.render_to_response(self.get_context_data(bulk_form=form), status=400)
        message = ngettext("%(count)s comment changed.", "%(count)s comments changed.", changed)
        messages.success(request, message % {"count": changed})
        url, page = self.list_url(), request.GET.get("page", "")
        if page.isdigit():
            url += ("&" if "?" in url else "?") + f"page={page}"
        return redirect(url)


class TriageListView(BulkActionMixin, TriageMixin, TemplateView):
    """The filtered, sorted, paginated list; bulk actions on a selection or on every comment of the list."""

    template_name = "reviews/triage/list.html"

    def get_context_data(self, bulk_form=None, **kwargs):
        bulk_form = bulk_form or BulkForm()
        return super().get_context_data(
            selected=set(bulk_form.data.getlist("ids")) if bulk_form.is_bound else set(),
            form=self.filter_form,
            filters=self.filters,
            chips=self._chips(),
            page=triage_selectors.triage_page(self.filters, self.request.GET.get("page")),
            query=triage_selectors.filters_query(url_filters(self.filters)),
            bulk_form=bulk_form,
            **kwargs,
        )

    def _chips(self) -> list[tuple[str, str]]:
        """The hidden filters in force (section, delegation, day, …), each with a link that removes it."""
        chips = []
        for name in ("chapter", "section", "paragraph", "delegation", "day", "document", "version"):
            if name in self.filters:
                value = triage_selectors.filter_value_label(name, self.filters[name])
                chips.append((name, value, self.list_url(**{name: None})))
        return chips


class CommentTriageMixin(NotRevealedMixin, LoginRequiredMixin, PermissionRequiredMixin):
    permission_required = "reviews.view_triage"
    visible_permission = "reviews.view_triage"  # a draft's number answers as if it did not exist

    @cached_property
    def comment(self) -> Comment:
        try:
            return comment_selectors.triage_comment(self.kwargs["pk"])
        except Comment.DoesNotExist:
            raise Http404 from None

    def get_permission_object(self):
        return self.comment

    @cached_property
    def filters(self) -> dict:
        return TriageFilterForm(self.request.GET).filters()

    def back_query(self) -> str:
        return triage_selectors.filters_query(url_filters(self.filters))

    def comment_url(self, pk: int) -> str:
        return filtered_url(reverse("reviews:triage_comment", args=[pk]), self.filters)


class TriageCommentPage(CommentTriageMixin, TemplateView):
    """One comment in its context, its history, and the triage form (or the drafter's proposal form)."""

    template_name = "reviews/triage/comment.html"

    @cached_property
    def can_triage(self) -> bool:
        return self.request.user.has_perm("reviews.triage")

    def get_context_data(self, form=None, proposal_form=None, conflict=None, **kwargs):
        kwargs.setdefault("conflict_rows", [])
        comment = self.comment
        if form is None and self.can_triage:
            form = TriageForm(initial=TriageForm.initial_for(comment), comment=comment)
        if proposal_form is None and self.request.user.has_perm("reviews.propose_response", comment):
            proposal_form = ProposalForm(initial=ProposalForm.initial_for(comment))
        list_url = reverse("reviews:triage_list") if self.can_triage else reverse("reviews:triage_queue")
        return super().get_context_data(
            comment=comment,
            form=form,
            proposal_form=proposal_form,
            conflict=conflict,
            can_triage=self.can_triage,
            blocks=comment_selectors.section_blocks(comment),
            same_paragraph=comment_selectors.same_paragraph(comment),
            duplicates=comment_selectors.likely_duplicates(comment) if self.can_triage else [],
            history=comment_selectors.triage_history(comment),
            query=self.back_query(),
            back_url=filtered_url(list_url, self.filters),
            **kwargs,
        )

    def answer(self, status: int, **context):
        """The page again with the form as typed: 400 for a refusal, 409 for a colleague's save."""
        return self.render_to_response(self.get_context_data(**context), status=status)


class TriageSaveMixin:
    """The moderator's triage form: disposition, response, assignee, themes, duplicate, priority, …"""

    def post_triage(self, request):
        form = TriageForm(request.POST, comment=self.comment)
        if not form.is_valid():
            return self.answer(400, form=form)
        data = form.cleaned_data
        try:
            triage_update(comment=self.comment, actor=request.user, **self.triage_fields(data))
        except EditConflict as conflict:
            form_conflict(form, conflict)
            current = comment_selectors.triage_comment(self.comment.pk)
            return self.answer(409, form=form, conflict=current, conflict_rows=conflict_rows(current, data))
        except ValidationError as error:
            form_error(form, error)
            return self.answer(400, form=form)
        messages.success(request, _("Comment %(number)s saved.") % {"number": self.comment.pk})
        if "next" in request.POST:
            return redirect(filtered_url(reverse("reviews:triage_next", args=[self.comment.pk]), self.filters))
        return redirect(self.comment_url(self.comment.pk))

    @staticmethod
    def triage_fields(data: dict) -> dict:
        duplicate_of = None
        if data["duplicate_of"]:
            duplicate_of = triage_selectors.submitted_comment(data["duplicate_of"])
            if duplicate_of is None:
                raise ValidationError({"duplicate_of": _("There is no submitted comment with this number.")})
        names = ("lock_version", "disposition", "response", "assignee", "priority", "addressed_in", "internal_note")
        return {**{k: data[k] for k in names}, "themes": list(data["themes"]), "duplicate_of": duplicate_of}


class ProposalSaveMixin:
    """The drafter's proposal for the comment assigned to them: a disposition and a response."""

    def post_proposal(self, request):
        form = ProposalForm(request.POST)
        if not form.is_valid():
            return self.answer(400, proposal_form=form)
        try:
            proposal_submit(comment=self.comment, actor=request.user, **form.cleaned_data)
        except EditConflict as conflict:
            form_conflict(form, conflict)
            current = comment_selectors.triage_comment(self.comment.pk)
            return self.answer(409, proposal_form=form, conflict=current)
        except ValidationError as error:
            form_error(form, error)
            return self.answer(400, proposal_form=form)
        messages.success(request, _("Your proposal was sent to the moderators."))
        return redirect(reverse("reviews:triage_queue"))


class TriageCommentView(FormPermissionMixin, TriageSaveMixin, ProposalSaveMixin, TriageCommentPage):
    """The comment's page; a POST is the triage form (moderators), or the proposal form when it says
    "propose" (the drafter it is assigned to)."""

    def get_post_permission(self) -> str:
        return "reviews.propose_response" if "propose" in self.request.POST else "reviews.triage"

    def post(self, request, *args, **kwargs):
        return self.post_proposal(request) if "propose" in request.POST else self.post_triage(request)


def conflict_rows(current: Comment, yours: dict) -> list[dict]:
    """The saved triage and the user's unsaved one, field by field, for the side-by-side view."""

    def person(user):
        return (user.get_full_name() or user.email) if user else "—"

    def names(themes):
        return ", ".join(sorted(t.name for t in themes)) or "—"

    rows = [
        (_("Disposition"), current.get_disposition_display(), Disposition(yours["disposition"]).label),
        (_("Duplicate of"), current.duplicate_of_id or "—", yours.get("duplicate_of") or "—"),
        (_("Response to the delegation"), current.response or "—", yours.get("response") or "—"),
        (_("Assignee"), person(current.assignee), person(yours.get("assignee"))),
        (_("Themes"), names(current.themes.all()), names(yours.get("themes") or [])),
        (_("Priority"), current.get_priority_display(), dict(Priority.choices).get(yours.get("priority"), "—")),
        (_("Addressed in version"), current.addressed_in or "—", yours.get("addressed_in") or "—"),
        (_("Internal note"), current.internal_note or "—", yours.get("internal_note") or "—"),
    ]
    return [
        {"label": label, "theirs": theirs, "yours": mine, "differs": str(theirs) != str(mine)}
        for label, theirs, mine in rows
    ]


class TriageNextView(TriageMixin, View):
    """The next comment of the filtered list after this one ("save and next", keyboard J)."""

    def get(self, request, pk):
        previous, following = triage_selectors.neighbours(self.filters, pk)
        target = previous if request.GET.get("direction") == "previous" else following
        if target is None:
            messages.info(request, _("That was the last comment of this list."))
            return redirect(self.list_url())
        return redirect(filtered_url(reverse("reviews:triage_comment", args=[target]), self.filters))


class ProposalDecideView(CommentTriageMixin, ActionView):
    """A moderator accepts a drafter's proposal (it becomes the disposition and response) or sets it aside."""

    permission_required = "reviews.decide_proposal"

    def act(self) -> str:
        approve = self.request.POST.get("decision") == "approve"
        try:
            proposal_decide(
                comment=self.comment,
                actor=self.request.user,
                lock_version=int(self.request.POST.get("lock_version") or 0),
                approve=approve,
            )
        except EditConflict:
            raise ValidationError(_("The comment changed since you opened it. Check the proposal again.")) from None
        return _("The proposal is now the disposition and response.") if approve else _("The proposal was set aside.")

    def next_url(self) -> str:
        return self.comment_url(self.comment.pk)


class QueueView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """The comments assigned to me: what drafters work through, proposing responses."""

    permission_required = "reviews.work_queue"
    template_name = "reviews/triage/queue.html"

    def get_context_data(self, **kwargs):
        filters = {"assignee": self.request.user.pk, "state": "submitted", "sort": "section"}
        page = triage_selectors.triage_page(filters, self.request.GET.get("page"))
        return super().get_context_data(page=page, **kwargs)


class PublishView(TriageMixin, FormView):
    """Publish decided responses to the delegations (all, or chosen comments), with one email each."""

    template_name = "reviews/triage/publish.html"
    form_class = PublishForm

    @cached_property
    def review_round(self) -> ReviewRound:
        return selectors.round_by_pk(self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        summary = triage_selectors.publish_summary(self.review_round)
        return super().get_context_data(
            review_round=self.review_round, count=sum(n for _label, n in summary), summary=summary, **kwargs
        )

    def form_valid(self, form):
        published, emailed = responses_publish(
            review_round=self.review_round, actor=self.request.user, ids=form.selected_ids()
        )
        if not published:
            messages.warning(self.request, _("There was no decided response to publish."))
            return redirect(self.request.path)
        message = ngettext(
            "%(count)s response published. Emails sent to the delegations' members: %(emails)s.",
            "%(count)s responses published. Emails sent to the delegations' members: %(emails)s.",
            published,
        )
        messages.success(self.request, message % {"count": published, "emails": emailed})
        return redirect(reverse("reviews:triage_dashboard") + f"?round={self.review_round.pk}")


class DispositionReportView(TriageMixin, TemplateView):
    """The "disposition of comments" of a round, grouped by section (optionally without delegations)."""

    template_name = "reviews/triage/disposition_report.html"

    def get_context_data(self, **kwargs):
        review_round = selectors.round_by_pk(self.kwargs["pk"])
        anonymous = self.request.GET.get("anonymous") == "1"
        return super().get_context_data(
            review_round=review_round,
            anonymous=anonymous,
            sections=disposition_report(review_round, anonymous),
            **kwargs,
        )


class ThemeListView(TriageMixin, TemplateView):
    template_name = "reviews/triage/themes.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(themes=triage_selectors.themes_with_counts(), **kwargs)


class ThemeFormView(ServiceFormMixin, TriageMixin, FormView):
    template_name = "reviews/triage/theme_form.html"
    form_class = ThemeForm

    @cached_property
    def theme(self):
        return get_object_or_404(Theme, pk=self.kwargs["pk"]) if "pk" in self.kwargs else None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.theme}

    def get_context_data(self, **kwargs):
        return super().get_context_data(theme=self.theme, **kwargs)

    def save(self, form):
        return theme_save(theme=self.theme, **form.cleaned_data)

    def saved(self, form, theme):
        messages.success(self.request, _("The theme was saved."))
        return redirect("reviews:triage_themes")
