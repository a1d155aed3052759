"""Property-based tests of the main forms (hypothesis): whatever is posted, never a 500;
ordinary text in any script comes back exactly as it was written.

"Ordinary" is every letter, mark, number, punctuation, symbol and space of Unicode, and line
breaks, in NFC (the form people's keyboards produce); anything else (controls, format
characters, surrogates' neighbours, lone combining marks) is only required not to break.
The forms are posted through the views, as a browser would.
"""

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviews.models import Comment
from tests.reviews.conftest import submitted

pytestmark = pytest.mark.django_db

SECTION = "/en/rounds/{pk}/booklet/objective-5/"
PROPERTY = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

anything = st.text(st.characters(exclude_categories=["Cs"]), max_size=300)
ordinary_char = st.characters(categories=["L", "M", "N", "P", "S", "Zs"]) | st.just("\n")
ordinary = (
    st.text(ordinary_char, min_size=1, max_size=300)
    .map(lambda text: unicodedata.normalize("NFC", text))
    .filter(lambda text: text.strip())
)
any_choice = st.one_of(st.sampled_from(["general", "technical", "editorial", "en", "fr", "es"]), anything)


def written(text: str) -> str:
    """What a form keeps of ordinary text: the surrounding blanks go, Windows line ends become \\n."""
    return text.replace("\r\n", "\n").strip()


@PROPERTY
@given(body=anything, change=anything, kind=any_choice, language=any_choice, quote=anything, block=anything)
def test_the_comment_form_never_fails(
    client, review_round, section, reviewer_a, body, change, kind, language, quote, block
):
    client.force_login(reviewer_a)
    data = {
        "kind": kind,
        "body": body,
        "proposed_change": change,
        "language": language,
        "quote": quote,
        "block_key": block,
    }
    response = client.post(SECTION.format(pk=review_round.pk), data)
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 200:
        assert response.context["form"].errors  # refused with a reason, and the page shows the input again


@PROPERTY
@given(body=ordinary, change=ordinary)
def test_ordinary_text_of_a_comment_round_trips(client, review_round, section, reviewer_a, body, change):
    client.force_login(reviewer_a)
    data = {"kind": "technical", "body": body, "proposed_change": change, "language": "fr"}
    response = client.post(SECTION.format(pk=review_round.pk), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    comment = Comment.objects.latest("pk")
    assert (comment.body, comment.proposed_change) == (written(body), written(change))
    edit = client.get(f"/en/comments/{comment.pk}/edit/")
    assert edit.context["form"].initial["body"] == written(body)


@PROPERTY
@given(response=anything, note=anything, disposition=any_choice, priority=anything, duplicate=anything)
def test_the_triage_form_never_fails(
    client, review_round, section, states, moderator, response, note, disposition, priority, duplicate
):
    comment = submitted(review_round, section, states["MA"], moderator)
    client.force_login(moderator)
    data = {
        "lock_version": comment.lock_version,
        "disposition": disposition,
        "response": response,
        "internal_note": note,
        "priority": priority,
        "duplicate_of": duplicate,
    }
    answer = client.post(f"/en/triage/comments/{comment.pk}/", data)
    assert answer.status_code in (200, 302, 400, 409), answer.status_code


@PROPERTY
@given(response=ordinary, note=ordinary)
def test_ordinary_text_of_a_triage_round_trips(client, review_round, section, states, moderator, response, note):
    comment = submitted(review_round, section, states["MA"], moderator)
    client.force_login(moderator)
    data = {
        "lock_version": comment.lock_version,
        "disposition": "noted",
        "response": response,
        "internal_note": note,
        "priority": 2,
    }
    assert client.post(f"/en/triage/comments/{comment.pk}/", data).status_code == 302
    comment.refresh_from_db()
    assert (comment.response, comment.internal_note) == (written(response), written(note))


@PROPERTY
@given(name=anything, language=any_choice, zone=st.one_of(st.just("Europe/Zurich"), anything))
def test_the_profile_form_never_fails_and_keeps_a_name(client, reviewer, name, language, zone):
    client.force_login(reviewer)
    response = client.post("/en/profile/", {"full_name": name, "preferred_language": language, "time_zone": zone})
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        reviewer.refresh_from_db()
        assert reviewer.full_name == name.strip()
