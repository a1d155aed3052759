"""Who may read and change guidance text. Every view checks these on the server."""

import rules
from django.conf import settings

from guidance.enums import VersionStatus

# The roles are stated here from settings, not imported: guidance depends on none of our apps.
is_admin = rules.is_superuser
is_working_group = (
    rules.is_group_member(settings.MODERATORS_GROUP) | rules.is_group_member(settings.DRAFTERS_GROUP) | is_admin
)


def visible_statuses(user) -> set[str]:
    """Final text is public; text under review is for signed-in reviewers; drafts for the working group."""
    if is_working_group(user):
        return set(VersionStatus.values)
    if user.is_authenticated and user.is_active:
        return {VersionStatus.IN_REVIEW, VersionStatus.FINAL}
    return {VersionStatus.FINAL}


@rules.predicate
def can_see_version(user, version) -> bool:
    return version is not None and version.status in visible_statuses(user)


@rules.predicate
def version_is_draft(user, version) -> bool:
    return version is not None and version.status == VersionStatus.DRAFT


rules.add_perm("guidance.read_version", can_see_version)
rules.add_perm("guidance.import_guidance", is_admin | (is_working_group & version_is_draft))
