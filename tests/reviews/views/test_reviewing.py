import uuid

import pytest
from django.contrib.auth.models import AnonymousUser

from champions.models import Delegation
from reviews.models import Comment, Submission
from reviews.rules import DelegationRound
from tests.factories import MembershipFactory, UserFactory
from tests.reviews.conftest import close, draft

pytestmark = pytest.mark.django_db

URL = "/en/rounds/{pk}/booklet/objective-5/"


def post_comment(client, review_round, **extra):
    data = {
        "kind": "technical",
        "body": "Mention circular migration.",
        "proposed_change": "",
        "language": "en",
        **extra,
    }
    return client.post(URL.format(pk=review_round.pk), data)


def test_reviewer_comments_on_a_paragraph_with_a_quote(client, review_round, section, reviewer_a):
    client.force_login(reviewer_a)
    response = post_comment(client, review_round, block_key="para01", quote="Regular pathways")
    comment = Comment.objects.get()
    assert response["Location"] == f"{URL.format(pk=review_round.pk)}#comment-{comment.pk}"
    assert (comment.member_state.country.code, comment.block_key, comment.quote) == ("MA", "para01", "Regular pathways")
    page = client.get(URL.format(pk=review_round.pk)).content.decode()
    assert "Mention circular migration." in page
    assert "paragraph 1" in page


def test_hostile_text_is_shown_as_text(client, review_round, section, reviewer_a):
    client.force_login(reviewer_a)
    post_comment(client, review_round, body="<script>alert(1)</script> [x](javascript:alert(2))")
    page = client.get(URL.format(pk=review_round.pk)).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript:' not in page


def test_a_closed_round_refuses_and_keeps_the_text(client, review_round, section, reviewer_a):
    client.force_login(reviewer_a)
    close(review_round)
    response = post_comment(client, review_round, body="My carefully drafted comment")
    html = response.content.decode()
    assert response.status_code == 200
    assert Comment.objects.count() == 0
    assert "My carefully drafted comment</textarea>" in html
    assert "closed on" in html


def test_an_oversized_comment_keeps_the_text_and_says_why(client, review_round, section, reviewer_a):
    client.force_login(reviewer_a)
    text = "x" * 5001
    response = post_comment(client, review_round, body=text)
    html = response.content.decode()
    assert response.status_code == 200
    assert text in html
    assert "Ensure this value has at most 5000 characters (it has 5001)." in html
    assert Comment.objects.count() == 0


def test_a_forged_delegation_is_refused(client, review_round, section, reviewer_a, states):
    client.force_login(reviewer_a)
    response = post_comment(client, review_round, delegation=f"s{states['MX'].pk}")
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    assert Comment.objects.count() == 0


def test_drafts_are_shared_in_the_delegation_only(
    client, review_round, section, reviewer_a, colleague_a, reviewer_b, states
):
    draft(review_round, section, colleague_a, states["MA"], kind="general", body="Colleague draft", language="es")
    client.force_login(reviewer_a)
    assert "Colleague draft" in client.get(URL.format(pk=review_round.pk)).content.decode()
    client.force_login(reviewer_b)
    assert "Colleague draft" not in client.get(URL.format(pk=review_round.pk)).content.decode()


def test_drafts_are_edited_by_the_delegation_only(
    client, review_round, section, reviewer_a, reviewer_b, colleague_a, states
):
    theirs = draft(
        review_round, section, reviewer_a, states["MA"], kind="general", body="Focal point draft", language="fr"
    )
    client.force_login(reviewer_b)  # another delegation's draft is not revealed to exist
    assert client.get(f"/en/comments/{theirs.pk}/edit/").status_code == 404
    client.force_login(colleague_a)
    assert client.get(f"/en/comments/{theirs.pk}/edit/").status_code == 200
    mine = draft(
        review_round, section, colleague_a, states["MA"], kind="general", body="Colleague draft", language="es"
    )
    client.force_login(reviewer_a)  # the focal point consolidates
    response = client.post(
        f"/en/comments/{mine.pk}/edit/",
        {"kind": "editorial", "body": "Consolidated", "proposed_change": "", "language": "es", "lock_version": 1},
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.body, mine.kind) == ("Consolidated", "editorial")


def test_a_stale_edit_shows_both_versions(client, review_round, section, reviewer_a, colleague_a, states):
    comment = draft(review_round, section, colleague_a, states["MA"], kind="general", body="First", language="en")
    client.force_login(colleague_a)
    client.post(
        f"/en/comments/{comment.pk}/edit/",
        {"kind": "general", "body": "Colleague's", "language": "en", "lock_version": 1},
    )
    client.force_login(reviewer_a)
    response = client.post(
        f"/en/comments/{comment.pk}/edit/", {"kind": "general", "body": "Mine", "language": "en", "lock_version": 1}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Colleague&#x27;s" in html
    assert "Mine</textarea>" in html
    comment.refresh_from_db()
    assert comment.body == "Colleague's"
    # saving again, knowingly, keeps the reviewer's version
    response = client.post(
        f"/en/comments/{comment.pk}/edit/", {"kind": "general", "body": "Mine", "language": "en", "lock_version": 2}
    )
    comment.refresh_from_db()
    assert comment.body == "Mine"


def test_focal_point_submits_and_sees_the_receipt(client, review_round, section, reviewer_a, states):
    draft(review_round, section, reviewer_a, states["MA"], kind="general", body="To submit")
    client.force_login(reviewer_a)
    page = client.get(f"/en/rounds/{review_round.pk}/submit/")
    assert "To submit" in page.content.decode()
    confirmation = {name: page.context["form"].initial[name] for name in ("token", "drafts")}
    first = client.post(f"/en/rounds/{review_round.pk}/submit/", confirmation)
    second = client.post(f"/en/rounds/{review_round.pk}/submit/", confirmation)  # double click
    assert first["Location"] == second["Location"]
    submission = Submission.objects.get()
    receipt = client.get(first["Location"]).content.decode()
    assert submission.reference in receipt
    docx = client.get(f"/en/submissions/{submission.pk}/comments.docx")
    assert docx["Content-Disposition"] == f'attachment; filename="comments-{submission.reference}.docx"'


def test_contributor_cannot_submit(client, review_round, section, colleague_a, states):
    draft(review_round, section, colleague_a, states["MA"], kind="general", body="Draft", language="es")
    client.force_login(colleague_a)
    assert client.post(f"/en/rounds/{review_round.pk}/submit/", {"token": str(uuid.uuid4())}).status_code == 403
    assert Submission.objects.count() == 0


def test_another_delegation_cannot_read_a_receipt(client, review_round, section, reviewer_a, reviewer_b, states):
    draft(review_round, section, reviewer_a, states["MA"], kind="general", body="Draft")
    from reviews.services.submissions import submission_submit

    submission = submission_submit(
        review_round=review_round,
        delegation=Delegation(member_state=states["MA"]),
        actor=reviewer_a,
        token=uuid.uuid4(),
    )
    client.force_login(reviewer_b)
    assert client.get(f"/en/submissions/{submission.pk}/").status_code == 404
    assert client.get(f"/en/submissions/{submission.pk}/comments.docx").status_code == 404


@pytest.mark.parametrize("count", [1, 200])
def test_section_page_queries_do_not_grow_with_comments(
    client, review_round, section, reviewer_a, states, count, django_assert_num_queries
):
    for n in range(count):
        Comment.objects.create(
            review_round=review_round,
            section=section,
            author=reviewer_a,
            member_state=states["MA"],
            kind="general",
            body=f"Comment {n}",
            language="fr",
            block_key="para01",
        )
    client.force_login(reviewer_a)
    # session, user, groups, round, its versions, their documents, memberships, contents, paragraphs,
    # comments (with their paragraph numbers), attachments, comment counts
    with django_assert_num_queries(QUERIES_SECTION_PAGE):
        response = client.get(URL.format(pk=review_round.pk))
    assert len(response.context["comments"]) == count


QUERIES_SECTION_PAGE = 12


def rules_matrix_users(request):
    return {
        "anonymous": AnonymousUser(),
        "reviewer_a": request.getfixturevalue("reviewer_a"),
        "reviewer_b": request.getfixturevalue("reviewer_b"),
        "colleague_a": request.getfixturevalue("colleague_a"),
        "moderator": request.getfixturevalue("moderator"),
        "drafter": request.getfixturevalue("drafter"),
        "admin_user": request.getfixturevalue("admin_user"),
    }


@pytest.mark.parametrize("state", ["draft", "submitted", "closed_draft"])
def test_comment_permission_matrix(request, review_round, section, states, state):
    users = rules_matrix_users(request)
    comment = draft(review_round, section, users["colleague_a"], states["MA"], kind="general", body="x", language="es")
    if state == "submitted":
        Comment.objects.filter(pk=comment.pk).update(state="submitted")
    if state == "closed_draft":
        close(review_round)
    comment = Comment.objects.select_related("review_round").get(pk=comment.pk)
    allowed = {
        "draft": {
            "reviews.view_comment": {"reviewer_a", "colleague_a"},
            "reviews.change_comment": {"reviewer_a", "colleague_a"},
            "reviews.withdraw_comment": set(),
        },
        "submitted": {
            "reviews.view_comment": {"reviewer_a", "colleague_a", "moderator", "drafter", "admin_user"},
            "reviews.change_comment": set(),
            "reviews.withdraw_comment": {"reviewer_a"},
        },
        "closed_draft": {
            "reviews.view_comment": {"reviewer_a", "colleague_a"},
            "reviews.change_comment": set(),
            "reviews.withdraw_comment": set(),
        },
    }[state]
    for perm, who in allowed.items():
        got = {name for name, user in users.items() if user.has_perm(perm, comment)}
        assert got == who, perm


def test_submit_and_comment_permission_matrix(request, review_round, section, states):
    users = rules_matrix_users(request)
    target = DelegationRound(review_round, states["MA"])
    assert {n for n, u in users.items() if u.has_perm("reviews.comment", target)} == {"reviewer_a", "colleague_a"}
    assert {n for n, u in users.items() if u.has_perm("reviews.submit", target)} == {"reviewer_a"}
    close(review_round)
    assert {n for n, u in users.items() if u.has_perm("reviews.comment", target)} == set()
    assert {n for n, u in users.items() if u.has_perm("reviews.view_round", review_round)} == {
        "reviewer_a",
        "reviewer_b",
        "colleague_a",
        "moderator",
        "drafter",
        "admin_user",
    }


def test_uninvited_member_sees_no_round(client, review_round, section):
    outsider = UserFactory(email="out@example.org")
    from tests.factories import OrganisationFactory

    MembershipFactory(user=outsider, member_state=None, organisation=OrganisationFactory())
    client.force_login(outsider)
    assert client.get(URL.format(pk=review_round.pk)).status_code == 403


def test_merging_two_drafts_from_the_section_page(client, review_round, section, reviewer_a, colleague_a, states):
    first = draft(review_round, section, reviewer_a, states["MA"], kind="general", body="First draft")
    second = draft(review_round, section, colleague_a, states["MA"], kind="general", body="Second draft", language="es")
    client.force_login(reviewer_a)
    page = client.get(URL.format(pk=review_round.pk)).content.decode()
    assert f'<option value="{second.pk}">' in page
    client.post(f"/en/comments/{first.pk}/merge/", {"other": second.pk})
    assert list(Comment.objects.values_list("body", flat=True)) == ["First draft\n\nSecond draft"]


@pytest.mark.parametrize("count", [1, 50])
def test_closed_round_pages_queries_do_not_grow(
    client, review_round, section, reviewer_a, states, count, django_assert_num_queries
):
    for n in range(count):
        Comment.objects.create(
            review_round=review_round,
            section=section,
            author=reviewer_a,
            member_state=states["MA"],
            kind="general",
            body=f"Draft {n}",
            language="fr",
        )
    close(review_round)
    client.force_login(reviewer_a)
    with django_assert_num_queries(QUERIES_SECTION_PAGE + 1):  # + the round's late submissions, once
        client.get(URL.format(pk=review_round.pk))
    with django_assert_num_queries(QUERIES_MY_REVIEW):  # (a closed round: + its late submissions)
        client.get("/en/my-review/")


QUERIES_MY_REVIEW = 12  # as the section page, plus the round's documents and receipts
