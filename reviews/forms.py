from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from champions.enums import ReviewerGroup
from reviews.enums import CommentKind, CommentSource
from reviews.fields import FreeTextField
from reviews.models import COMMENT_MAX_LENGTH


class CommentFieldsMixin(forms.Form):
    kind = forms.ChoiceField(
        label=_("Type of comment"), choices=CommentKind.choices, initial=CommentKind.GENERAL, widget=forms.RadioSelect
    )
    body = FreeTextField(
        label=_("Comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6, "data-counter": COMMENT_MAX_LENGTH}),
        help_text=_("Up to 5,000 characters."),
    )
    proposed_change = FreeTextField(
        label=_("Proposed change"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "data-counter": COMMENT_MAX_LENGTH}),
        help_text=_("The text you suggest instead, if any."),
    )
    language = forms.ChoiceField(label=_("Language of your comment"), choices=settings.LANGUAGES)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Up to five files in one input (Django's documented pattern for multiple uploads)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.docx,.odt,.xlsx"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > 5:
            raise forms.ValidationError(_("Attach at most 5 files."), code="too_many")
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class AttachmentsMixin(forms.Form):
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("Up to 5 files: PDF, Word (.docx), OpenDocument text (.odt) or Excel (.xlsx), at most 10 MB each."),
    )


class CommentForm(AttachmentsMixin, CommentFieldsMixin):
    PARAGRAPH, SECTION = "paragraph", "section"

    delegation = forms.ChoiceField(label=_("On behalf of"), required=False)
    block_key = forms.CharField(required=False, max_length=12, widget=forms.HiddenInput)
    quote = FreeTextField(required=False, max_length=2000, widget=forms.HiddenInput)

    # Shown (by the template, with the paragraph's first words) only when a paragraph or a
    # passage is targeted: the reviewer sees what the comment will be saved on, and can
    # change it back to the whole section.
    target = forms.ChoiceField(
        label=_("Your comment will be saved on"),
        required=False,
        choices=[("paragraph", _("This paragraph or passage")), ("section", _("The whole section"))],
        widget=forms.RadioSelect,
    )

    field_order = [
        "delegation",
        "target",
        "kind",
        "body",
        "proposed_change",
        "language",
        "attachments",
        "block_key",
        "quote",
    ]

    def __init__(self, *args, delegations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delegation"].choices = list(delegations)
        if len(self.fields["delegation"].choices) <= 1:
            self.fields["delegation"].widget = forms.HiddenInput()

    def saved_target(self) -> tuple[str, str]:
        """(block key, quote) the comment is saved on: none when the reviewer chose the whole section."""
        if self.cleaned_data.get("target") == self.SECTION:
            return "", ""
        return self.cleaned_data["block_key"], self.cleaned_data["quote"]


class CommentEditForm(AttachmentsMixin, CommentFieldsMixin):
    lock_version = forms.IntegerField(widget=forms.HiddenInput)


class CommentCopyForm(CommentFieldsMixin):
    """Text typed into a comment that was submitted meanwhile, to be saved as a new draft."""


class SubmitForm(forms.Form):
    """The confirmation carries the drafts it showed ("id:version,…"): only those are submitted."""

    token = forms.UUIDField(widget=forms.HiddenInput)
    drafts = forms.CharField(widget=forms.HiddenInput, max_length=200_000)  # ~20,000 drafts

    def clean_drafts(self) -> dict[int, int]:
        shown: dict[int, int] = {}
        for part in self.cleaned_data["drafts"].split(","):
            pk, _sep, version = part.strip().partition(":")
            if not (pk.isascii() and pk.isdigit() and version.isascii() and version.isdigit()):
                raise forms.ValidationError(_("The confirmation page is damaged: open it again."), code="drafts")
            shown[int(pk)] = int(version)
        return shown

    @staticmethod
    def drafts_value(drafts) -> str:
        return ",".join(f"{d.pk}:{d.lock_version}" for d in drafts)


class ReminderDaysField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        try:
            days = sorted({int(part) for part in value.replace(";", ",").split(",") if part.strip()}, reverse=True)
        except ValueError as error:
            raise forms.ValidationError(
                _("Write whole numbers of days, separated by commas, such as 7, 2."), code="days"
            ) from error
        if any(day < 1 or day > 60 for day in days):
            raise forms.ValidationError(
                _("Reminders are sent between 1 and 60 days before the deadline."), code="range"
            )
        return days

    def prepare_value(self, value):
        return ", ".join(str(v) for v in value) if isinstance(value, list) else value


class RoundForm(forms.Form):
    title_en = forms.CharField(label=_("Title (English)"), max_length=200)
    title_fr = forms.CharField(label=_("Title (French)"), max_length=200, required=False)
    title_es = forms.CharField(label=_("Title (Spanish)"), max_length=200, required=False)
    instructions_en = forms.CharField(
        label=_("Instructions (English)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    instructions_fr = forms.CharField(
        label=_("Instructions (French)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    instructions_es = forms.CharField(
        label=_("Instructions (Spanish)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    versions = forms.ModelMultipleChoiceField(
        label=_("Versions under review"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    opens_at = forms.DateTimeField(
        label=_("Opens at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    closes_at = forms.DateTimeField(
        label=_("Closes at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    audience_groups = forms.MultipleChoiceField(
        label=_("Invited reviewer groups"),
        required=False,
        choices=ReviewerGroup.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    invited_member_states = forms.ModelMultipleChoiceField(
        label=_("Also invited: Member States"),
        required=False,
        queryset=None,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    invited_organisations = forms.ModelMultipleChoiceField(
        label=_("Also invited: organisations"),
        required=False,
        queryset=None,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    comments_visible_to_reviewers = forms.BooleanField(
        label=_("Show submitted comments to the other reviewers"), required=False
    )
    reminder_days = ReminderDaysField(
        label=_("Reminders (days before closing)"),
        required=False,
        initial="7, 2",
        help_text=_("Delegations with drafts not submitted, or no comment, are reminded by email."),
    )

    def __init__(self, *args, **kwargs):
        from champions.countries import name_order
        from champions.models import MemberState, Organisation
        from guidance.enums import VersionStatus
        from guidance.models import DocumentVersion

        super().__init__(*args, **kwargs)
        self.fields["versions"].queryset = DocumentVersion.objects.filter(
            status=VersionStatus.IN_REVIEW
        ).select_related("document")
        self.fields["invited_member_states"].queryset = MemberState.objects.order_by(name_order())
        self.fields["invited_member_states"].label_from_instance = lambda obj: obj.name
        self.fields["invited_organisations"].queryset = Organisation.objects.filter(is_active=True)


class ExtensionForm(forms.Form):
    delegation = forms.ChoiceField(label=_("Delegation"))
    until = forms.DateTimeField(
        label=_("Accept comments until"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    reason = FreeTextField(label=_("Reason"), max_length=500)

    def __init__(self, *args, delegations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delegation"].choices = list(delegations)


class TemplateUploadForm(forms.Form):
    delegation = forms.ChoiceField(label=_("On behalf of"), required=False)
    file = forms.FileField(label=_("Filled-in template (.xlsx)"))

    def __init__(self, *args, delegations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delegation"].choices = list(delegations)
        if len(self.fields["delegation"].choices) == 1:
            self.fields["delegation"].widget = forms.HiddenInput()

    def clean_delegation(self):
        value = self.cleaned_data["delegation"]
        choices = self.fields["delegation"].choices
        if not value and len(choices) == 1:
            return choices[0][0]
        if not value:
            raise forms.ValidationError(_("Choose the delegation."), code="required")
        return value


class ExternalFeedbackForm(forms.Form):
    delegation = forms.ChoiceField(label=_("Delegation"))
    source = forms.ChoiceField(
        label=_("Received as"),
        choices=[
            (CommentSource.WRITTEN, CommentSource.WRITTEN.label),
            (CommentSource.BILATERAL, CommentSource.BILATERAL.label),
        ],
        widget=forms.RadioSelect,
    )
    received_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    participants = FreeTextField(label=_("Participants"), required=False, max_length=500)
    notes = FreeTextField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    letter = forms.FileField(label=_("Letter"), required=False, help_text=_("PDF or Word, at most 10 MB."))

    def __init__(self, *args, delegations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delegation"].choices = list(delegations)


class FeedbackCommentForm(CommentFieldsMixin):
    section = forms.ChoiceField(label=_("Section"))
    paragraph = forms.IntegerField(label=_("Paragraph number"), required=False, min_value=1)

    field_order = ["section", "paragraph", "kind", "body", "proposed_change", "language"]

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [
            (s.pk, f"{s.version.document.title} — {s.number} {s.title}") for s in sections
        ]


SCALE = [(n, str(n)) for n in range(1, 6)]


class SurveyForm(forms.Form):
    clarity = forms.TypedChoiceField(
        label=_("Is the guidance clear?"), choices=SCALE, coerce=int, widget=forms.RadioSelect
    )
    usefulness = forms.TypedChoiceField(label=_("Is it useful?"), choices=SCALE, coerce=int, widget=forms.RadioSelect)
    ease = forms.TypedChoiceField(label=_("Is it easy to apply?"), choices=SCALE, coerce=int, widget=forms.RadioSelect)
    remarks = FreeTextField(
        label=_("Remarks"), required=False, max_length=COMMENT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 4})
    )
    lock_version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ReplyForm(forms.Form):
    body = FreeTextField(label=_("Message"), max_length=COMMENT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 4}))
