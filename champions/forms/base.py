"""Fields shared by the forms of champions and reviews."""

from django import forms
from django.utils.translation import gettext_lazy as _

from champions.services.uploads import MAX_FILES


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    """Up to five files in one input (Django's documented pattern); the service checks each one's content.

    ``accept`` is what the browser's file picker offers (the kinds the service will take).
    """

    def __init__(self, *args, accept: str = ".pdf,.docx,.xlsx,.pptx,.png,.jpg,.jpeg", **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": accept}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("Attach at most 5 files."), code="too_many")
        return [super(FilesField, self).clean(item, initial) for item in files]
