"""Forms of the comment-matrix exports and of its upload."""

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from reviews.enums import ExportFormat
from reviews.forms.triage import TriageFilterForm


def matrix_filters(query: str) -> dict:
    """The triage list's filters from its query string (the same form as the list: the file shows the screen)."""
    return TriageFilterForm(data=QueryDict(query)).filters()


class ExportForm(forms.Form):
    format = forms.ChoiceField(choices=ExportFormat.choices, required=False)

    def file_format(self) -> str:
        self.is_valid()
        return self.cleaned_data.get("format") or ExportFormat.XLSX


class MatrixUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Edited comment matrix (.xlsx)"),
        help_text=_(
            "An Excel export of the matrix, at most 5 MB. Only Disposition, Response and Addressed in version are read."
        ),
    )
