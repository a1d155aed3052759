"""Writes and workflows of the reviews app (see STYLE.md)."""
