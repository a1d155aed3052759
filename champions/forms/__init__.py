"""The forms of champions, one module per concern, mirroring ``champions.views``."""
