"""Models of the champions app arrive with their issue (see ARCHITECTURE.md)."""
