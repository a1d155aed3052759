"""Working-group roles are Django groups (names in settings); reviewers come from memberships (champions)."""

from django.conf import settings

MODERATORS = settings.MODERATORS_GROUP
DRAFTERS = settings.DRAFTERS_GROUP
