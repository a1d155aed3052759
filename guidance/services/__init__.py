"""Writes and workflows of the guidance app (see STYLE.md)."""

from guidance.services.importing import ImportReport, guidance_import
from guidance.services.versions import (
    block_update,
    document_version_create_from,
    document_version_set_status,
    section_move,
    section_update,
)

__all__ = [
    "ImportReport",
    "block_update",
    "document_version_create_from",
    "document_version_set_status",
    "guidance_import",
    "section_move",
    "section_update",
]
