"""The forms of reviews, one module per concern, mirroring ``reviews.views``; shared pieces in ``base``."""
