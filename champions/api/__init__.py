"""The read-only JSON API for the knowledge platform (docs/champions.md)."""
