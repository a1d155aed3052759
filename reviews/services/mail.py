"""The reviews' emails use the one helper every app shares (``accounts.mail``)."""

from accounts.mail import email_in_language

__all__ = ["email_in_language"]
