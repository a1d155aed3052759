"""Fixtures shared with the reviews tests live in tests/conftest.py (states, reviewer_a, reviewer_b)."""
