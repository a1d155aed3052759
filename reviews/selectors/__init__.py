"""Reads for reviewers and moderators: rounds, a delegation's comments, counts (constant queries)."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.rules import is_working_group
from champions.models import Delegation
from champions.selectors import memberships_of
from guidance.models import Block, DocumentVersion, Section
from reviews.enums import CommentState
from reviews.models import Attachment, Comment, ExternalFeedback, ReviewRound, Submission
from reviews.rules import DelegationRound


def round_by_pk(pk: int) -> ReviewRound:
    found = ReviewRound.objects.filter(pk=pk).prefetch_related("versions__document").first()
    if found is None:
        raise Http404
    return found


def delegations_in_round(user, review_round: ReviewRound) -> list[DelegationRound]:
    """The delegations the user may act for in the round (invited ones only)."""
    delegations = [m.delegation for m in memberships_of(user)]
    return [DelegationRound.of(review_round, d) for d in delegations if review_round.invites(d)]


def delegation_for(user, review_round: ReviewRound, value: str | None) -> DelegationRound | None:
    """The delegation named by a form value ("s12" / "o3"), among the user's; the first by default."""
    choices = delegations_in_round(user, review_round)
    if not value:
        return choices[0] if choices else None
    for choice in choices:
        if choice.value == value:
            return choice
    return None


def delegation_choices(user, review_round: ReviewRound) -> list[tuple[str, Delegation]]:
    """(form value, delegation) of the delegations the user may act for in the round."""
    return [(target.value, target.delegation) for target in delegations_in_round(user, review_round)]


def rounds_for(user) -> list[ReviewRound]:
    rounds = ReviewRound.objects.prefetch_related("versions__document").order_by("-opens_at")
    if is_working_group(user):
        return list(rounds)
    return [r for r in rounds if delegations_in_round(user, r)]


def comments_queryset() -> QuerySet[Comment]:
    return Comment.objects.select_related(
        "author", "review_round", "section__version__document", "submission"
    ).prefetch_related(Prefetch("attachments", queryset=Attachment.objects.order_by("uploaded_at")))


def section_comments(*, target: DelegationRound, section: Section) -> list[Comment]:
    """The delegation's comments on a section (drafts of every member, submitted, withdrawn)."""
    comments = list(
        comments_queryset()
        .filter(target.delegation.q(), review_round=target.review_round, section=section)
        .order_by("state", "created_at")
    )
    for comment in comments:
        comment.review_round = target.review_round  # one round object: its per-request caches are shared
    drafts = [c for c in comments if c.state == CommentState.DRAFT]
    for draft in drafts:
        draft.merge_options = [d for d in drafts if d.pk != draft.pk]
    return comments


def others_submitted_comments(*, review_round: ReviewRound, section: Section, target: DelegationRound) -> list[Comment]:
    """Other delegations' submitted comments, when the round makes them visible."""
    if not review_round.comments_visible_to_reviewers:
        return []
    return list(
        comments_queryset()
        .filter(review_round=review_round, section=section, state=CommentState.SUBMITTED)
        .exclude(target.delegation.q())
        .select_related("member_state", "organisation")
    )


def comment_counts(*, target: DelegationRound, version: DocumentVersion) -> tuple[dict[int, int], dict[str, int]]:
    """The delegation's live comments per section and per paragraph key of a version (one query)."""
    rows = (
        Comment.objects.filter(target.delegation.q(), review_round=target.review_round, section__version=version)
        .exclude(state=CommentState.WITHDRAWN)
        .values("section_id", "block_key")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_section: dict[int, int] = {}
    by_block: dict[str, int] = {}
    for row in rows:
        by_section[row["section_id"]] = by_section.get(row["section_id"], 0) + row["n"]
        if row["block_key"]:
            by_block[row["block_key"]] = by_block.get(row["block_key"], 0) + row["n"]
    return by_section, by_block


@dataclass
class DocumentProgress:
    version: DocumentVersion
    sections: int
    commented_sections: int


@dataclass
class ReviewWorkspace:
    target: DelegationRound
    documents: list[DocumentProgress] = field(default_factory=list)
    drafts: list[Comment] = field(default_factory=list)
    submitted: list[Comment] = field(default_factory=list)
    withdrawn: list[Comment] = field(default_factory=list)
    submissions: list[Submission] = field(default_factory=list)

    @property
    def responses(self) -> int:
        return sum(1 for c in self.submitted if c.published_at)


def review_workspaces(user) -> list[ReviewWorkspace]:
    """ "My review": one workspace per round the user takes part in and delegation they act for."""
    return [
        review_workspace(target)
        for review_round in rounds_for(user)
        for target in delegations_in_round(user, review_round)
    ]


def review_workspace(target: DelegationRound) -> ReviewWorkspace:
    """ "My review" for one delegation in one round: progress by document, drafts, submitted comments."""
    review_round = target.review_round
    comments = list(
        comments_queryset()
        .filter(target.delegation.q(), review_round=review_round)
        .order_by("section__version__document__position", "section__order", "created_at")
    )
    for comment in comments:
        comment.review_round = review_round  # one round object: its per-request caches are shared
    versions = list(
        review_round.versions.select_related("document")
        .annotate(section_count=Count("sections"))
        .order_by("document__position")
    )
    commented: dict[int, set[int]] = {}
    for comment in comments:
        if comment.state != CommentState.WITHDRAWN:
            commented.setdefault(comment.section.version_id, set()).add(comment.section_id)
    drafts = [c for c in comments if c.state == CommentState.DRAFT]
    for draft in drafts:  # drafts on the same section can be merged into one another
        draft.merge_options = [d for d in drafts if d.section_id == draft.section_id and d.pk != draft.pk]
    workspace = ReviewWorkspace(
        target=target,
        documents=[DocumentProgress(v, v.section_count, len(commented.get(v.pk, ()))) for v in versions],
        drafts=drafts,
        submitted=[c for c in comments if c.state == CommentState.SUBMITTED],
        withdrawn=[c for c in comments if c.state == CommentState.WITHDRAWN],
        submissions=list(
            Submission.objects.filter(target.delegation.q(), review_round=review_round).select_related("submitted_by")
        ),
    )
    return workspace


def submission_comments(submission: Submission) -> list[Comment]:
    return list(
        comments_queryset()
        .filter(submission=submission)
        .order_by("section__version__document__position", "section__order", "pk")
    )


def round_list_for_moderators() -> list[ReviewRound]:
    return list(
        ReviewRound.objects.prefetch_related("versions__document")
        .annotate(
            submitted=Count("comments", filter=Q(comments__state=CommentState.SUBMITTED), distinct=True),
            delegations=Count("submissions__member_state", distinct=True)
            + Count("submissions__organisation", distinct=True),
        )
        .order_by("-opens_at")
    )


def all_delegation_choices() -> list[tuple[str, str]]:
    from champions.countries import sorted_by_name
    from champions.models import MemberState, Organisation

    states = [Delegation(member_state=s) for s in MemberState.objects.all()]
    organisations = [Delegation(organisation=o) for o in Organisation.objects.filter(is_active=True)]
    return [(d.value, d.name) for d in sorted_by_name(states) + organisations]


def delegation_by_value(value: str) -> Delegation:
    """The delegation a form value names ("s12" / "o3"); 404 when there is none."""
    delegation = Delegation.from_value(value)
    if delegation is None:
        raise Http404
    return delegation


def round_extensions(review_round: ReviewRound):
    return list(
        review_round.extensions.select_related("member_state", "organisation", "granted_by").order_by("-granted_at")
    )


def round_feedback(review_round: ReviewRound) -> list:
    return list(
        review_round.external_feedback.select_related("member_state", "organisation", "recorded_by")
        .annotate(comment_count=Count("comments"))
        .order_by("-received_on", "-pk")
    )


def round_sections(review_round: ReviewRound) -> list[Section]:
    return list(
        Section.objects.filter(version__in=review_round.versions.all())
        .select_related("version__document")
        .order_by("version__document__position", "order")
    )


def block_key_at(section: Section, position: int) -> str:
    return Block.objects.filter(section=section, position=position).values_list("key", flat=True).first() or ""


def survey_response(target: DelegationRound, document):
    from reviews.models import SurveyResponse

    return SurveyResponse.objects.filter(
        target.delegation.q(), review_round=target.review_round, document=document
    ).first()


# --- One object by its number, for a page (a 404 when there is none) ---------------------------


def comment_for_page(pk: int) -> Comment:
    """A comment with what its pages show around it (round, section, document, delegation)."""
    return get_object_or_404(
        Comment.objects.select_related("review_round", "section__version__document", "member_state", "organisation"),
        pk=pk,
    )


def comment_with_submission(pk: int) -> Comment:
    return comments_queryset().select_related("submission__submitted_by").get(pk=pk)


def comment_replies(comment: Comment) -> list:
    return list(comment.replies.select_related("author"))


def attachment_by_pk(pk: int) -> Attachment:
    return get_object_or_404(Attachment.objects.select_related("comment__review_round"), pk=pk)


def submission_by_pk(pk: int) -> Submission:
    return get_object_or_404(
        Submission.objects.select_related("review_round", "member_state", "organisation", "submitted_by"), pk=pk
    )


def feedback_by_pk(pk: int) -> ExternalFeedback:
    return get_object_or_404(
        ExternalFeedback.objects.select_related("review_round", "member_state", "organisation"), pk=pk
    )


def feedback_comments(feedback: ExternalFeedback) -> list[Comment]:
    return list(comments_queryset().filter(external_feedback=feedback))
