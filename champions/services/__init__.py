"""Writes and workflows of the champions app (see STYLE.md)."""
