"""Template helpers of the triage pages: links to the filtered list, labels of recorded changes."""

import functools

from django import template
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from reviews.enums import Disposition, Priority
from reviews.forms.triage import filtered_url

register = template.Library()

FIELD_LABELS = {
    "created": _("Comment created"),
    "body": _("Comment"),
    "proposed_change": _("Proposed change"),
    "kind": _("Type of comment"),
    "language": _("Language"),
    "state": _("State"),
    "assignee": _("Assignee"),
    "themes": _("Themes"),
    "priority": _("Priority"),
    "disposition": _("Disposition"),
    "response": _("Response to the delegation"),
    "internal_note": _("Internal note"),
    "addressed_in": _("Addressed in version"),
    "duplicate_of": _("Duplicate of"),
    "proposed_disposition": _("Proposed disposition"),
    "proposed_response": _("Proposed response"),
    "proposal": _("Proposal"),
    "published": _("Response published"),
    "matrix": _("Uploaded matrix"),
}

FILTER_LABELS = {
    "chapter": _("Section and its subsections"),
    "section": _("Section"),
    "paragraph": _("Paragraph"),
    "delegation": _("Delegation"),
    "day": _("Submitted on"),
    "document": _("Document"),
    "version": _("Version"),
}

VALUE_LABELS = {
    "approved": _("approved"),
    "declined": _("set aside"),
}


@register.filter
def triage_url(filters: dict) -> str:
    """The triage list filtered exactly as ``filters`` say (the dashboard prints hundreds of these)."""
    return filtered_url(_list_path(get_language()), filters)


@functools.cache
def _list_path(language: str) -> str:
    return reverse("reviews:triage_list")


@register.filter
def change_label(field: str) -> str:
    return FIELD_LABELS.get(field, field)


@register.filter
def filter_label(name: str) -> str:
    return FILTER_LABELS.get(name, name)


@register.filter
def change_value(value: str, field: str) -> str:
    """A recorded value as the reader reads it (choice codes become labels in their language)."""
    if field in ("disposition", "proposed_disposition", "published") and value in Disposition.values:
        return Disposition(value).label
    if field == "priority" and value.isdigit() and int(value) in Priority.values:
        return Priority(int(value)).label
    if field == "state":
        from reviews.enums import CommentState

        return CommentState(value).label if value in CommentState.values else value
    return VALUE_LABELS.get(value, value)


@register.simple_tag
def disposition_tag(value: str) -> str:
    """The tag colour of a disposition (always shown with its label)."""
    return {
        Disposition.ACCEPTED: "tag--green",
        Disposition.PARTIALLY_ACCEPTED: "tag--blue",
        Disposition.NOT_ACCEPTED: "tag--red",
        Disposition.PENDING: "tag--amber",
    }.get(value, "tag--grey")


@register.filter
def group_label(value: str) -> str:
    from champions.enums import ReviewerGroup

    return ReviewerGroup(value).label if value in ReviewerGroup.values else value
