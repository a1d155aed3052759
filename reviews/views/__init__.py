"""The views of reviews, one module per concern (docs/architecture.md); shared pieces in ``base``."""
