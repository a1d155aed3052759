"""Who may see and manage delegations, Champion roles, memberships and invitations."""

import rules

from accounts.rules import is_admin, is_moderator

rules.add_perm("champions.view_directory", is_moderator)
rules.add_perm("champions.invite", is_moderator)
rules.add_perm("champions.manage_invitations", is_moderator)
rules.add_perm("champions.manage_champions", is_admin)
