"""Pages of the Champions programme for focal points and the working group.

A focal point works on their own country only: another country's pilot, practice or page
answers 404, as if it did not exist. Someone who may see an object but not change it gets
403. Signed-out visitors are sent to sign in before anything is looked up.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from champions.enums import PracticeAction
from champions.forms.programme import (
    ActivityFilterForm,
    ActivityForm,
    MessageForm,
    OverviewFilterForm,
    PilotForm,
    PilotStatusForm,
    PilotUpdateForm,
    PracticeForm,
    PracticeQueueForm,
    PracticeStepForm,
)
from champions.models import PilotUpdateAttachment
from champions.rules import PRACTICE_ACTION_PERMISSIONS
from champions.selectors import programme as selectors
from champions.services.activities import activity_create
from champions.services.pilots import (
    pilot_create,
    pilot_next_statuses,
    pilot_set_status,
    pilot_update,
    pilot_update_post,
)
from champions.services.practices import STEPS, practice_create, practice_message_post, practice_transition
from champions.services.practices import practice_update as practice_save
from champions.views.base import ProgrammePage, WorkingGroupPage, form_error

QUEUE_PAGE_SIZE = 50  # practices per page of the working group's queue


class OverviewView(WorkingGroupPage, TemplateView):
    template_name = "champions/programme/overview.html"

    def get_context_data(self, **kwargs):
        form = OverviewFilterForm(self.request.GET or None)
        filters = selectors.OverviewFilters(**form.cleaned_data) if form.is_valid() else selectors.OverviewFilters()
        return super().get_context_data(filter_form=form, overview=selectors.champions_overview(filters), **kwargs)


class CountryPage(ProgrammePage):
    view_permission = "champions.view_programme"

    @cached_property
    def member_state(self):
        return selectors.member_state_for_programme(self.kwargs["code"])

    def get_permission_object(self):
        return self.member_state


class CountryProgrammeView(CountryPage, TemplateView):
    permission_required = "champions.view_programme"
    template_name = "champions/programme/country.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            member_state=self.member_state, **selectors.country_programme(self.member_state), **kwargs
        )


class PilotCreateView(CountryPage, FormView):
    permission_required = "champions.add_pilot"
    template_name = "champions/programme/pilot_form.html"
    form_class = PilotForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(member_state=self.member_state, **kwargs)

    def form_valid(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if k != "lock_version"}
        try:
            pilot = pilot_create(member_state=self.member_state, actor=self.request.user, **data)
        except ValidationError as error:
            form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The pilot was recorded."))
        return redirect(pilot)


class ActivityCreateView(CountryPage, FormView):
    permission_required = "champions.add_activity"
    template_name = "champions/programme/activity_form.html"
    form_class = ActivityForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(member_state=self.member_state, **kwargs)

    def form_valid(self, form):
        try:
            activity_create(member_state=self.member_state, actor=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The activity was logged."))
        return redirect("champions:programme_country", code=self.kwargs["code"])


class PracticeCreateView(CountryPage, FormView):
    permission_required = "champions.add_practice"
    template_name = "champions/programme/practice_form.html"
    form_class = PracticeForm

    def get_initial(self):
        return {"original_language": get_language()}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "member_state": self.member_state}

    def get_context_data(self, **kwargs):
        return super().get_context_data(member_state=self.member_state, **kwargs)

    def form_valid(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if k != "lock_version"}
        try:
            practice = practice_create(member_state=self.member_state, actor=self.request.user, **data)
        except ValidationError as error:
            form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The practice was saved as a draft. Submit it for review when it is ready."))
        return redirect(practice.get_manage_url())


class PilotPage(ProgrammePage):
    view_permission = "champions.view_pilot"

    @cached_property
    def pilot(self):
        return selectors.pilot_by_pk(self.kwargs["pk"])

    def get_permission_object(self):
        return self.pilot


class PilotDetailView(PilotPage, TemplateView):
    """The pilot, its status history, updates and feedback; the status and update forms post here."""

    permission_required = "champions.view_pilot"
    template_name = "champions/programme/pilot_detail.html"
    actions = {"status": "champions.change_pilot", "update": "champions.post_pilot_update"}

    def get_context_data(self, **kwargs):
        pilot = selectors.pilot_for_page(self.pilot.pk)
        status_form = kwargs.pop("status_form", None) or PilotStatusForm(next_statuses=pilot_next_statuses(pilot))
        update_form = kwargs.pop("update_form", None) or PilotUpdateForm()
        return super().get_context_data(pilot=pilot, status_form=status_form, update_form=update_form, **kwargs)

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if action not in self.actions:
            return redirect(self.pilot)
        if not request.user.has_perm(self.actions[action], self.pilot):
            raise PermissionDenied
        if action == "status":
            form = PilotStatusForm(request.POST, next_statuses=pilot_next_statuses(self.pilot))
        else:
            form = PilotUpdateForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                message = getattr(self, f"do_{action}")(form.cleaned_data)
            except ValidationError as error:
                form_error(form, error)
            else:
                messages.success(request, message)
                return redirect(self.pilot)
        return self.render_to_response(self.get_context_data(**{f"{action}_form": form}))

    def do_status(self, data) -> str:
        change = pilot_set_status(pilot=self.pilot, actor=self.request.user, **data)
        return _("The pilot is now “%(status)s”.") % {"status": change.get_to_status_display()}

    def do_update(self, data) -> str:
        pilot_update_post(pilot=self.pilot, actor=self.request.user, language=get_language(), **data)
        return _("The update was posted.")


class PilotEditView(PilotPage, FormView):
    permission_required = "champions.change_pilot"
    template_name = "champions/programme/pilot_form.html"
    form_class = PilotForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(instance=self.pilot, initial={"lock_version": self.pilot.lock_version})
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(member_state=self.pilot.member_state, pilot=self.pilot, **kwargs)

    def form_valid(self, form):
        try:
            pilot = pilot_update(pilot=self.pilot, actor=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The pilot was saved."))
        return redirect(pilot)


class PilotAttachmentView(ProgrammePage, View):
    permission_required = "champions.view_pilot"
    view_permission = "champions.view_pilot"

    @cached_property
    def attachment(self):
        attachments = PilotUpdateAttachment.objects.select_related("update__pilot")
        return get_object_or_404(attachments, pk=self.kwargs["pk"])

    def get_permission_object(self):
        return self.attachment.update.pilot

    def get(self, request, *args, **kwargs):
        attachment = self.attachment
        response = FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name)
        response["Content-Type"] = attachment.content_type
        return response


class ActivityListView(WorkingGroupPage, TemplateView):
    template_name = "champions/programme/activity_list.html"

    def get_context_data(self, **kwargs):
        form = ActivityFilterForm(self.request.GET or None)
        kind = form.cleaned_data["kind"] if form.is_valid() else ""
        activities = selectors.activity_list(kind=kind)[:200]
        return super().get_context_data(filter_form=form, activities=activities, **kwargs)


class PracticeQueueView(WorkingGroupPage, TemplateView):
    template_name = "champions/programme/practice_queue.html"

    def get_context_data(self, **kwargs):
        form = PracticeQueueForm(self.request.GET or None)
        status = form.cleaned_data["status"] if form.is_valid() else ""
        queue = selectors.practice_queue(status=status)
        page = Paginator(queue, QUEUE_PAGE_SIZE).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            filter_form=form,
            page=page,
            practices=page.object_list,
            query=query.urlencode(),
            counts=selectors.practice_status_counts(),
            **kwargs,
        )


class PracticePage(ProgrammePage):
    view_permission = "champions.view_practice"

    @cached_property
    def practice(self):
        return selectors.practice_for_page(self.kwargs["pk"])

    def get_permission_object(self):
        return self.practice


def available_steps(user, practice) -> list[str]:
    """The workflow steps this user may take now (permission and the practice's status both allow)."""
    return [
        action
        for action, perm in PRACTICE_ACTION_PERMISSIONS.items()
        if practice.status in STEPS[action].sources and user.has_perm(perm, practice)
    ]


class PracticeDetailView(PracticePage, TemplateView):
    """The practice as it will read, its workflow and its conversation; the step and message forms post here."""

    permission_required = "champions.view_practice"
    template_name = "champions/programme/practice_detail.html"

    def get_context_data(self, **kwargs):
        practice = self.practice
        return super().get_context_data(
            practice=practice,
            steps=[(action, PracticeAction(action).label) for action in available_steps(self.request.user, practice)],
            step_form=kwargs.pop("step_form", None) or PracticeStepForm(),
            message_form=kwargs.pop("message_form", None) or MessageForm(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "")
        if action == "message":
            if not request.user.has_perm("champions.discuss_practice", self.practice):
                raise PermissionDenied
            form, name = MessageForm(request.POST), "message_form"
        else:
            if action not in PRACTICE_ACTION_PERMISSIONS or not request.user.has_perm(
                PRACTICE_ACTION_PERMISSIONS[action], self.practice
            ):
                raise PermissionDenied
            form, name = PracticeStepForm(request.POST), "step_form"
        if form.is_valid():
            try:
                message = self.act(action, form.cleaned_data)
            except ValidationError as error:
                form_error(form, error)
            else:
                messages.success(request, message)
                return redirect(self.practice.get_manage_url())
        return self.render_to_response(self.get_context_data(**{name: form}))

    def act(self, action: str, data: dict) -> str:
        if action == "message":
            practice_message_post(practice=self.practice, actor=self.request.user, body=data["body"])
            return _("Your message was added.")
        practice = practice_transition(
            practice=self.practice, action=action, actor=self.request.user, message=data["message"]
        )
        return _("The practice is now “%(status)s”.") % {"status": practice.get_status_display()}


class PracticeEditView(PracticePage, FormView):
    permission_required = "champions.change_practice"
    template_name = "champions/programme/practice_form.html"
    form_class = PracticeForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(
            instance=self.practice,
            member_state=self.practice.member_state,
            initial={"lock_version": self.practice.lock_version},
        )
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(member_state=self.practice.member_state, practice=self.practice, **kwargs)

    def form_valid(self, form):
        try:
            practice = practice_save(practice=self.practice, actor=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The practice was saved."))
        return redirect(practice.get_manage_url())
