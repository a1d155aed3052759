"""History of every change to delegations, roles and memberships (who, when, what)."""

import simple_history

from champions.models import ChampionRole, Invitation, Membership, MemberState, Organisation

simple_history.register(MemberState)
simple_history.register(ChampionRole)
simple_history.register(Organisation)
simple_history.register(Membership)
simple_history.register(Invitation)
