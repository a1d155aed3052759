"""Forms of the working group's triage: the list's filters, a comment's triage, proposals, bulk actions, themes."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.selectors import working_group_users
from champions.enums import Region, ReviewerGroup
from guidance.models import DocumentVersion, Objective
from reviews.enums import CommentKind, CommentSource, CommentState, Disposition, Priority
from reviews.fields import FreeTextField
from reviews.models import COMMENT_MAX_LENGTH, Comment, ReviewRound, Theme
from reviews.selectors.triage import SORTS, filters_query

ANY = [("", pgettext_lazy("filter", "Any"))]
CHOOSE = _("Choose…")

WORKFLOW_CHOICES = [
    ("proposed", _("Proposal awaiting approval")),
    ("unpublished", _("Decided, not yet published")),
    ("changed", _("Changed since publication")),
    ("published", _("Published")),
]

SORT_CHOICES = [
    ("section", _("Document order")),
    ("newest", _("Newest first")),
    ("oldest", _("Oldest first")),
    ("priority", _("Priority")),
    ("disposition", _("Disposition")),
    ("updated", _("Recently changed")),
    ("id", _("Number")),
]
assert {key for key, _label in SORT_CHOICES} == set(SORTS)  # a check of two constants, not a guard  # nosec B101


def _people_choices():
    return [(str(u.pk), u.get_full_name() or u.email) for u in working_group_users().order_by("full_name", "email")]


class TriageFilterForm(forms.Form):
    """The triage list's filters, read from the URL (saved filters are links). Bad values are ignored."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    round = forms.TypedChoiceField(label=_("Round"), required=False, coerce=int, empty_value=None)
    document = forms.SlugField(label=_("Document"), required=False, widget=forms.HiddenInput)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    section = forms.IntegerField(required=False, widget=forms.HiddenInput)
    chapter = forms.IntegerField(required=False, widget=forms.HiddenInput)
    paragraph = forms.CharField(required=False, max_length=12, widget=forms.HiddenInput)
    objective = forms.TypedChoiceField(label=_("GCM objective"), required=False, coerce=int, empty_value=None)
    group = forms.ChoiceField(label=_("Reviewer group"), required=False, choices=ANY + ReviewerGroup.choices)
    region = forms.ChoiceField(label=_("Region"), required=False, choices=ANY + Region.choices)
    delegation = forms.RegexField(regex=r"^[so]\d{1,9}$", required=False, widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Type of comment"), required=False, choices=ANY + CommentKind.choices)
    source = forms.ChoiceField(label=_("Source"), required=False, choices=ANY + CommentSource.choices)
    language = forms.ChoiceField(label=_("Language"), required=False, choices=ANY + list(settings.LANGUAGES))
    disposition = forms.ChoiceField(label=_("Disposition"), required=False, choices=ANY + Disposition.choices)
    priority = forms.TypedChoiceField(
        label=_("Priority"), required=False, choices=ANY + Priority.choices, coerce=int, empty_value=None
    )
    theme = forms.TypedChoiceField(label=_("Theme"), required=False, coerce=int, empty_value=None)
    assignee = forms.ChoiceField(label=_("Assignee"), required=False)
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[
            ("", _("Submitted")),
            (CommentState.WITHDRAWN, _("Withdrawn")),
            ("all", _("Submitted and withdrawn")),
        ],
    )
    workflow = forms.ChoiceField(label=_("Response"), required=False, choices=ANY + WORKFLOW_CHOICES)
    day = forms.DateField(required=False, widget=forms.HiddenInput)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].choices = [("", _("All rounds"))] + [
            (r.pk, r.title) for r in ReviewRound.objects.order_by("-opens_at")
        ]
        self.fields["objective"].choices = ANY + [
            (o.number, f"{o.number}. {o.short_label}") for o in Objective.objects.order_by("number")
        ]
        self.fields["theme"].choices = ANY + [(t.pk, t.name) for t in Theme.objects.order_by("name")]
        self.fields["assignee"].choices = [*ANY, ("none", _("Nobody")), *_people_choices()]

    def filters(self) -> dict:
        """The valid filters (a forged or stale value is dropped, never an error page)."""
        self.is_valid()
        data = {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}
        if data.get("state") == "all":
            data.pop("state")
        elif "state" not in data:
            data["state"] = CommentState.SUBMITTED
        if "day" in data:
            data["day"] = data["day"].isoformat()
        return data


def url_filters(filters: dict) -> dict:
    """Filters as they are written in the URL (submitted is the default state; "all" otherwise)."""
    shown = dict(filters)
    if shown.get("state") == CommentState.SUBMITTED:
        shown.pop("state")
    elif "state" not in shown:
        shown["state"] = "all"
    return shown


def filtered_url(path: str, filters: dict, **changes) -> str:
    """``path`` with the triage list's filters (some changed) as its query: saved filters live in the URL."""
    query = filters_query(url_filters(filters), **changes)
    return f"{path}?{query}" if query else path


class WorkingGroupChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.email


class TriageForm(forms.Form):
    """A moderator's triage of one comment."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput)
    disposition = forms.ChoiceField(label=_("Disposition"), choices=Disposition.choices)
    duplicate_of = forms.IntegerField(
        label=_("Duplicate of comment number"),
        required=False,
        min_value=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    response = FreeTextField(
        label=_("Response to the delegation"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Seen by the delegation once responses are published."),
    )
    assignee = WorkingGroupChoiceField(label=_("Assignee"), queryset=None, required=False, empty_label=_("Nobody"))
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    priority = forms.TypedChoiceField(label=_("Priority"), choices=Priority.choices, coerce=int)
    addressed_in = forms.ModelChoiceField(
        label=_("Addressed in version"), queryset=None, required=False, empty_label=_("Not yet")
    )
    internal_note = FreeTextField(
        label=_("Internal note"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For the working group only; never shown to the delegation."),
    )

    def __init__(self, *args, comment: Comment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = working_group_users().order_by("full_name", "email")
        self.fields["themes"].queryset = Theme.objects.filter(is_active=True) | Theme.objects.filter(
            pk__in=[t.pk for t in comment.themes.all()]
        )
        self.fields["addressed_in"].queryset = DocumentVersion.objects.filter(
            document_id=comment.section.version.document_id
        ).select_related("document")

    @classmethod
    def initial_for(cls, comment: Comment) -> dict:
        return {
            "lock_version": comment.lock_version,
            "disposition": comment.disposition,
            "duplicate_of": comment.duplicate_of_id,
            "response": comment.response,
            "assignee": comment.assignee_id,
            "themes": [t.pk for t in comment.themes.all()],
            "priority": comment.priority,
            "addressed_in": comment.addressed_in_id,
            "internal_note": comment.internal_note,
        }


class ProposalForm(forms.Form):
    """A drafter's proposed disposition and response."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput)
    disposition = forms.ChoiceField(
        label=_("Proposed disposition"),
        choices=[
            (v, label) for v, label in Disposition.choices if v not in (Disposition.PENDING, Disposition.DUPLICATE)
        ],
    )
    response = FreeTextField(
        label=_("Proposed response to the delegation"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    @staticmethod
    def initial_for(comment: Comment) -> dict:
        return {
            "lock_version": comment.lock_version,
            "disposition": comment.proposed_disposition,
            "response": comment.proposed_response,
        }


class BulkForm(forms.Form):
    """A bulk action on the selected comments, or on every comment of the filtered list."""

    SCOPE_SELECTED, SCOPE_ALL = "selected", "all"

    action = forms.ChoiceField(
        label=_("Action"),
        choices=[
            ("assign", _("Assign to")),
            ("add_theme", _("Add theme")),
            ("remove_theme", _("Remove theme")),
            ("disposition", _("Set disposition")),
            ("priority", _("Set priority")),
            ("duplicate", _("Mark as duplicate of")),
        ],
    )
    scope = forms.ChoiceField(
        choices=[(SCOPE_SELECTED, _("Selected comments")), (SCOPE_ALL, _("Every comment of this list"))],
        initial=SCOPE_SELECTED,
        widget=forms.RadioSelect,
        label=_("Apply to"),
    )
    ids = forms.MultipleChoiceField(required=False)  # validated by the service: every id must exist
    assignee = forms.ChoiceField(label=_("Assignee"), required=False)
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=None, required=False, empty_label=CHOOSE)
    disposition = forms.ChoiceField(
        label=_("Disposition"),
        required=False,
        choices=[("", CHOOSE)] + [(v, label) for v, label in Disposition.choices if v != Disposition.DUPLICATE],
    )
    priority = forms.TypedChoiceField(
        label=_("Priority"), choices=[("", CHOOSE), *Priority.choices], coerce=int, required=False, empty_value=None
    )
    duplicate_of = forms.IntegerField(label=_("Comment number"), required=False, min_value=1)

    # The field that carries each action's value.
    VALUE_FIELDS = {
        "assign": "assignee",
        "add_theme": "theme",
        "remove_theme": "theme",
        "disposition": "disposition",
        "priority": "priority",
        "duplicate": "duplicate_of",
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "bulk_%s")  # the filter form on the same page uses the default ids
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [
            ("", CHOOSE),
            ("none", _("Nobody (remove the assignee)")),
            *_people_choices(),
        ]
        self.fields["theme"].queryset = Theme.objects.filter(is_active=True)
        self.fields["ids"].choices = [(v, v) for v in self.data.getlist("ids")] if self.is_bound else []

    def clean(self):
        cleaned = super().clean()
        field = self.VALUE_FIELDS.get(cleaned.get("action"))
        if field and cleaned.get(field) in (None, ""):
            self.add_error(field, _("Choose the value this action sets."))
        return cleaned

    def value(self):
        value = self.cleaned_data[self.VALUE_FIELDS[self.cleaned_data["action"]]]
        if self.cleaned_data["action"] == "assign":
            return None if value == "none" else working_group_users().filter(pk=value).first()
        return value


class ThemeForm(forms.ModelForm):
    class Meta:
        model = Theme
        fields = ["name_en", "name_fr", "name_es", "description_en", "description_fr", "description_es", "is_active"]
        labels = {
            "name_en": _("Name (English)"),
            "name_fr": _("Name (French)"),
            "name_es": _("Name (Spanish)"),
            "description_en": _("Description (English)"),
            "description_fr": _("Description (French)"),
            "description_es": _("Description (Spanish)"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name_en"].required = True


class PublishForm(forms.Form):
    scope = forms.ChoiceField(
        label=_("Publish"),
        choices=[("all", _("Every decided response not yet published")), ("selected", _("Only these comments"))],
        widget=forms.RadioSelect,
        initial="all",
    )
    ids = forms.CharField(
        label=_("Comment numbers"),
        required=False,
        help_text=_("Separated by commas or spaces, for example 12, 15, 40."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("scope") == "selected":
            ids = [part for part in cleaned.get("ids", "").replace(",", " ").split() if part]
            if not ids or not all(part.isdigit() for part in ids):
                self.add_error("ids", _("Give the numbers of the comments to publish, for example 12, 15, 40."))
        return cleaned

    def selected_ids(self) -> list[str] | None:
        if self.cleaned_data["scope"] == "all":
            return None
        return [part for part in self.cleaned_data["ids"].replace(",", " ").split() if part]
