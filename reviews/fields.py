"""Form fields shared by the reviews app's forms."""

from django import forms

from guidance.text import clean_text


class FreeTextField(forms.CharField):
    """Free text as the product stores it: Word's line breaks as line breaks, no control characters, NFC.

    See ``guidance.text.clean_text``; the length is checked on the cleaned text.
    """

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        value = clean_text(value)
        return value.strip() if self.strip else value
