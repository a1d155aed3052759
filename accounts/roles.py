"""Working-group roles are Django groups; reviewers come from memberships (champions app)."""

MODERATORS = "moderators"
DRAFTERS = "drafters"
