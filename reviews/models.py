"""Models of the reviews app arrive with their issue (see ARCHITECTURE.md)."""
