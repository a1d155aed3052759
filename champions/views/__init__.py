"""The views of champions, one module per concern (docs/architecture.md); shared pieces in ``base``."""
