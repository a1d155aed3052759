"""Role predicates shared by every app's rules.py."""

import rules

from accounts.roles import DRAFTERS, MODERATORS

is_admin = rules.is_superuser
is_moderator = rules.is_group_member(MODERATORS) | is_admin
is_drafter = rules.is_group_member(DRAFTERS)
is_working_group = is_moderator | is_drafter
is_staff = rules.is_staff
# Who must work in a session with a second factor (accounts.middleware, docs/security.md).
needs_second_factor = is_working_group | is_staff
