"""Triage by the working group: decide, assign, tag, respond — one comment or many at once.

Every change is checked against the comment's ``lock_version`` (optimistic locking: a
stale edit raises ``EditConflict`` and overwrites nothing), recorded field by field as a
``TriageChange`` (who, when, old → new) and in the comment's row history. Bulk actions are
atomic: they apply to every selected comment or to none. See docs/triage.md.
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from simple_history.utils import bulk_update_with_history

from accounts import audit
from accounts.mail import email_in_language
from accounts.models import AuditAction
from accounts.rules import is_working_group
from champions.models import Delegation, Membership
from guidance.models import DocumentVersion
from reviews.enums import CommentState, Disposition
from reviews.models import Comment, ReviewRound, Theme, TriageChange
from reviews.selectors.triage import publishable, triage_base
from reviews.services.comments import EditConflict, _clean_text

TEXT_FIELDS = ("response", "internal_note")
TRIAGE_FIELDS = ("assignee", "priority", "disposition", "response", "internal_note", "addressed_in", "duplicate_of")


def _value(name: str, value) -> str:
    """A field's value as kept in the history: codes for choices, names for people, and references for themes
    and versions ("theme:3,theme:7", "version:2"), so the history shows them in the reader's language
    (reviews.selectors.triage.triage_history resolves them)."""
    if value is None:
        return ""
    if name == "assignee":
        return value.get_full_name() or value.email
    if name == "duplicate_of":
        return f"#{value.pk}"
    if name == "addressed_in":
        return f"version:{value.pk}"
    if name == "themes":
        return ",".join(f"theme:{pk}" for pk in sorted(t.pk for t in value))
    return str(value)


def _change(comment: Comment, actor, name: str, old, new, *, batch=None, at=None) -> TriageChange:
    return TriageChange(
        comment=comment,
        actor=actor,
        field=name,
        old=_value(name, old),
        new=_value(name, new),
        batch=batch,
        at=at or timezone.now(),
    )


def _locked(comment: Comment, lock_version: int) -> Comment:
    current = (
        Comment.objects.select_for_update(of=("self",))
        .select_related("review_round", "assignee", "duplicate_of", "addressed_in")
        .get(pk=comment.pk)
    )
    if current.state == CommentState.DRAFT:
        raise ValidationError(_("This comment has not been submitted."), code="draft")
    if current.lock_version != lock_version:
        raise EditConflict(current)
    return current


def _check_assignee(user) -> None:
    if user is not None and (not user.is_active or not is_working_group(user)):
        raise ValidationError(
            {"assignee": _("Comments can be assigned only to active moderators and drafters.")}, code="assignee"
        )


def _check_version(comment: Comment, version: DocumentVersion | None) -> None:
    if version is not None and version.document_id != comment.section.version.document_id:
        raise ValidationError(
            {"addressed_in": _("Choose a version of the document this comment is about.")}, code="version"
        )


def _duplicate_root(original: Comment, selection: set[int], review_round_id: int) -> Comment:
    """The comment duplicates point at: the original's own original, so chains stay one step long."""
    root = original.duplicate_of if original.duplicate_of_id else original
    if root.review_round_id != review_round_id:
        raise ValidationError(
            {"duplicate_of": _("A comment can only duplicate another comment of the same round.")}, code="round"
        )
    if root.pk in selection:
        raise ValidationError(
            {"duplicate_of": _("A comment cannot be a duplicate of itself, directly or through another comment.")},
            code="cycle",
        )
    if root.state == CommentState.DRAFT:
        raise ValidationError({"duplicate_of": _("There is no submitted comment with this number.")}, code="missing")
    return root


def _original(pk) -> Comment:
    found = triage_base().select_related("duplicate_of").filter(pk=pk).first() if str(pk).strip().isdigit() else None
    if found is None:
        raise ValidationError({"duplicate_of": _("There is no submitted comment with this number.")}, code="missing")
    return found


def _repoint_duplicates(targets: list[Comment], root: Comment, actor, batch, at) -> list[TriageChange]:
    """Comments that duplicated one of ``targets`` now duplicate their new original instead."""
    children = list(Comment.objects.filter(duplicate_of__in=targets).select_related("duplicate_of"))
    changes = []
    for child in children:
        changes.append(_change(child, actor, "duplicate_of", child.duplicate_of, root, batch=batch, at=at))
        child.duplicate_of = root
        child.lock_version += 1
    if children:
        bulk_update_with_history(
            children, Comment, ["duplicate_of", "lock_version", "updated_at"], default_user=actor, batch_size=500
        )
    return changes


def _save(current: Comment, actor, changes: list[TriageChange]) -> Comment:
    """Bump the lock version, save with the actor in the row history, and record the field changes."""
    current.lock_version += 1
    current._history_user = actor
    current.save()
    record_changes(changes, actor=actor)
    return current


def record_changes(changes: list[TriageChange], *, actor) -> None:
    """Store the field changes and put the dispositions among them in the audit log (one event per action)."""
    TriageChange.objects.bulk_create(changes, batch_size=1000)
    decided = [change for change in changes if change.field == "disposition"]
    if not decided:
        return
    ids = sorted({change.comment_id for change in decided})
    target = decided[0].comment if len(ids) == 1 else None
    audit.record(
        AuditAction.DISPOSITION,
        target=target,
        label="" if target else ngettext("%(count)d comment", "%(count)d comments", len(ids)) % {"count": len(ids)},
        detail={"comments": ids, "dispositions": sorted({change.new for change in decided})},
        actor=actor,
    )


@transaction.atomic
def triage_update(*, comment: Comment, actor, lock_version: int, themes=None, **fields) -> Comment:
    """Save a moderator's triage of one comment; raise ``EditConflict`` if someone saved in between."""
    current = _locked(comment, lock_version)
    fields = {name: value for name, value in fields.items() if name in TRIAGE_FIELDS}
    fields.update(_clean_text({k: v for k, v in fields.items() if k in TEXT_FIELDS}))
    if "assignee" in fields:
        _check_assignee(fields["assignee"])
    if "addressed_in" in fields:
        _check_version(current, fields["addressed_in"])
    now = timezone.now()
    changes = []
    if "duplicate_of" in fields and fields["duplicate_of"] is not None:
        fields["duplicate_of"] = _duplicate_root(fields["duplicate_of"], {current.pk}, current.review_round_id)
        fields["disposition"] = Disposition.DUPLICATE
        changes += _repoint_duplicates([current], fields["duplicate_of"], actor, None, now)
    elif fields.get("disposition") == Disposition.DUPLICATE and (
        "duplicate_of" in fields or current.duplicate_of_id is None
    ):
        raise ValidationError(
            {"duplicate_of": _("Give the number of the comment this one duplicates.")}, code="duplicate"
        )
    elif "disposition" in fields and fields["disposition"] != Disposition.DUPLICATE:
        fields["duplicate_of"] = None
    for name, value in fields.items():
        old = getattr(current, name)
        if old != value:
            changes.append(_change(current, actor, name, old, value, at=now))
            setattr(current, name, value)
    if themes is not None:
        old_themes = list(current.themes.all())
        if {t.pk for t in old_themes} != {t.pk for t in themes}:
            changes.append(_change(current, actor, "themes", old_themes, themes, at=now))
            current.themes.set(themes)
    if not changes:
        return current
    current.full_clean(exclude=["body", "quote", "proposed_change"])
    return _save(current, actor, changes)


@transaction.atomic
def proposal_submit(*, comment: Comment, actor, lock_version: int, disposition: str, response: str) -> Comment:
    """A drafter proposes a disposition and a response; a moderator approves them."""
    current = _locked(comment, lock_version)
    if disposition not in Disposition.values or disposition == Disposition.PENDING:
        raise ValidationError({"disposition": _("Choose a disposition.")}, code="disposition")
    response = _clean_text({"response": response})["response"]
    if not response:
        raise ValidationError({"response": _("Write the response you propose.")}, code="response")
    now = timezone.now()
    changes = [
        _change(current, actor, "proposed_disposition", current.proposed_disposition, disposition, at=now),
        _change(current, actor, "proposed_response", current.proposed_response, response, at=now),
    ]
    current.proposed_disposition, current.proposed_response = disposition, response
    current.proposed_by, current.proposed_at = actor, now
    return _save(current, actor, changes)


@transaction.atomic
def proposal_decide(*, comment: Comment, actor, lock_version: int, approve: bool) -> Comment:
    """Approve a drafter's proposal (it becomes the disposition and response) or set it aside."""
    current = _locked(comment, lock_version)
    if current.proposed_at is None:
        raise ValidationError(_("There is no proposal to decide on."), code="no_proposal")
    now = timezone.now()
    changes = [_change(current, actor, "proposal", "", "approved" if approve else "declined", at=now)]
    if approve:
        for name, value in (("disposition", current.proposed_disposition), ("response", current.proposed_response)):
            if getattr(current, name) != value:
                changes.append(_change(current, actor, name, getattr(current, name), value, at=now))
                setattr(current, name, value)
        if current.disposition != Disposition.DUPLICATE:
            current.duplicate_of = None
    current.proposed_disposition, current.proposed_response = "", ""
    current.proposed_by, current.proposed_at = None, None
    return _save(current, actor, changes)


# Bulk actions ---------------------------------------------------------------------------

BULK_ACTIONS = ("assign", "add_theme", "remove_theme", "disposition", "priority", "duplicate")


def bulk_targets(*, ids: list[str] | None, filtered: QuerySet[Comment]) -> QuerySet[Comment]:
    """The comments a bulk action applies to: a selection (every id must exist and be visible) or the whole list."""
    if ids is None:
        return Comment.objects.filter(pk__in=filtered.values("pk"))
    if not ids or not all(str(i).isdigit() for i in ids):
        raise ValidationError(_("Select at least one comment."), code="empty")
    wanted = {int(i) for i in ids}
    found = set(triage_base().filter(pk__in=wanted).values_list("pk", flat=True))
    if found != wanted:
        raise ValidationError(
            _("%(count)s of the selected comments cannot be found. Nothing was changed.")
            % {"count": len(wanted - found)},
            code="forged",
        )
    return Comment.objects.filter(pk__in=wanted)


@transaction.atomic
def bulk_apply(*, targets: QuerySet[Comment], actor, action: str, value) -> int:
    """Apply one action to every target comment, or to none; return how many changed."""
    if action not in BULK_ACTIONS:
        raise ValidationError(_("Choose an action."), code="action")
    comments = list(
        targets.select_for_update(of=("self",))
        .exclude(state=CommentState.DRAFT)
        .select_related("assignee", "duplicate_of", "section__version")
        .order_by("pk")
    )
    if not comments:
        raise ValidationError(_("No comment matches."), code="empty")
    batch, now = uuid.uuid4(), timezone.now()
    if action in ("add_theme", "remove_theme"):
        return _bulk_theme(comments, actor, value, add=action == "add_theme", batch=batch, at=now)
    changes: list[TriageChange] = []
    if action == "assign":
        _check_assignee(value)
        name, new = "assignee", value
    elif action == "priority":
        name, new = "priority", int(value)
    elif action == "disposition":
        if value not in Disposition.values or value == Disposition.DUPLICATE:
            raise ValidationError(_("Choose a disposition (mark duplicates with their own action)."), code="value")
        name, new = "disposition", value
    else:  # duplicate
        root = _duplicate_root(_original(value), {c.pk for c in comments}, comments[0].review_round_id)
        if any(c.review_round_id != root.review_round_id for c in comments):
            raise ValidationError(
                {"duplicate_of": _("A comment can only duplicate another comment of the same round.")}, code="round"
            )
        changes += _repoint_duplicates(comments, root, actor, batch, now)
        name, new = "duplicate_of", root
    changed = []
    for comment in comments:
        if getattr(comment, name) == new and not (
            action == "duplicate" and comment.disposition != Disposition.DUPLICATE
        ):
            continue
        changes.append(_change(comment, actor, name, getattr(comment, name), new, batch=batch, at=now))
        setattr(comment, name, new)
        if action == "duplicate" and comment.disposition != Disposition.DUPLICATE:
            changes.append(
                _change(comment, actor, "disposition", comment.disposition, Disposition.DUPLICATE, batch=batch, at=now)
            )
            comment.disposition = Disposition.DUPLICATE
        if action == "disposition" and comment.duplicate_of_id:
            changes.append(_change(comment, actor, "duplicate_of", comment.duplicate_of, None, batch=batch, at=now))
            comment.duplicate_of = None
        comment.lock_version += 1
        changed.append(comment)
    if changed:
        fields = [name, "lock_version", "updated_at"]
        if action in ("duplicate", "disposition"):
            fields = ["disposition", "duplicate_of", "lock_version", "updated_at"]
        for comment in changed:
            comment.updated_at = now
        bulk_update_with_history(changed, Comment, fields, default_user=actor, batch_size=500)
        record_changes(changes, actor=actor)
    return len(changed)


def _bulk_theme(comments: list[Comment], actor, theme: Theme | None, *, add: bool, batch, at) -> int:
    if theme is None:
        raise ValidationError(_("Choose a theme."), code="theme")
    Through = Comment.themes.through
    having = set(Through.objects.filter(comment__in=comments, theme=theme).values_list("comment_id", flat=True))
    changed = [c for c in comments if (c.pk in having) != add]
    if not changed:
        return 0
    if add:
        Through.objects.bulk_create([Through(comment_id=c.pk, theme_id=theme.pk) for c in changed], batch_size=1000)
    else:
        Through.objects.filter(comment__in=changed, theme=theme).delete()
    label = _value("themes", [theme])
    TriageChange.objects.bulk_create(
        [
            TriageChange(
                comment=c,
                actor=actor,
                field="themes",
                old="" if add else label,
                new=label if add else "",
                batch=batch,
                at=at,
            )
            for c in changed
        ],
        batch_size=1000,
    )
    for comment in changed:
        comment.lock_version += 1
        comment.updated_at = at
    bulk_update_with_history(changed, Comment, ["lock_version", "updated_at"], default_user=actor, batch_size=500)
    return len(changed)


# Publishing responses -------------------------------------------------------------------


@transaction.atomic
def responses_publish(
    *, review_round: ReviewRound, actor, ids: list[str] | None = None, notify: bool = True
) -> tuple[int, int]:
    """Publish decided responses (all, or the selected ones) and email each delegation one digest.

    Returns (comments published, emails sent).
    """
    comments = publishable(review_round)
    if ids is not None:
        comments = comments.filter(pk__in=[int(i) for i in ids if str(i).isdigit()])
    comments = list(
        comments.select_for_update(of=("self",)).select_related("section__version__document").order_by("pk")
    )
    if not comments:
        return 0, 0
    now, batch = timezone.now(), uuid.uuid4()
    changes = []
    for comment in comments:
        changes.append(
            TriageChange(
                comment=comment,
                actor=actor,
                field="published",
                old=comment.published_disposition,
                new=comment.disposition,
                batch=batch,
                at=now,
            )
        )
        comment.published_disposition, comment.published_response = comment.disposition, comment.response
        comment.published_at = now
        comment.lock_version += 1
        comment.updated_at = now
    bulk_update_with_history(
        comments,
        Comment,
        ["published_disposition", "published_response", "published_at", "lock_version", "updated_at"],
        default_user=actor,
        batch_size=500,
    )
    TriageChange.objects.bulk_create(changes, batch_size=1000)
    audit.record(
        AuditAction.PUBLICATION,
        target=review_round,
        detail={"comments": [comment.pk for comment in comments], "notify": notify},
        actor=actor,
    )
    by_delegation: dict[tuple, list[Comment]] = {}
    for comment in comments:
        by_delegation.setdefault((comment.member_state_id, comment.organisation_id), []).append(comment)
    if not notify:
        return len(comments), 0
    keys = Q(pk__in=[])
    for key in by_delegation:
        keys |= Delegation.key_q(key)
    members = list(
        Membership.objects.filter(keys, is_active=True, user__is_active=True).select_related(
            "user", "member_state", "organisation"
        )
    )
    transaction.on_commit(lambda: _email_responses(review_round, by_delegation, members))
    return len(comments), len(members)


def _email_responses(review_round: ReviewRound, by_delegation: dict[tuple, list[Comment]], members: list) -> None:
    """One email per member of each delegation concerned, listing that delegation's new responses."""
    for membership in members:
        comments = by_delegation[(membership.member_state_id, membership.organisation_id)]
        email_in_language(
            membership.user,
            "reviews/email/responses",
            {"review_round": review_round, "delegation": membership.delegation, "comments": comments},
        )
