"""Triage: dashboard figures, the filtered list, bulk actions, one comment's triage, proposals, publication."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reviews.enums import Disposition
from reviews.models import Comment, Theme, TriageChange
from reviews.selectors.dashboard import dashboard
from reviews.selectors.triage import apply_filters, triage_base
from reviews.services.digest import triage_digest_send
from reviews.services.triage import triage_update
from tests.factories import SectionFactory, UserFactory
from tests.reviews.conftest import draft, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(review_round, objective_section, other_section, states, moderator, reviewer_a):
    """Comments with hand-countable figures.

    Objective 5 section: MA ×2 (champion), MX ×1 (champion), FR ×1 (member state);
    other section: KE ×2 (member state), one of them withdrawn later; plus a draft of MA (never counted).
    """
    s5, s6 = objective_section, other_section
    comments = {
        "ma1": submitted(review_round, s5, states["MA"], moderator, kind="technical", body="Circular migration first."),
        "ma2": submitted(review_round, s5, states["MA"], moderator, kind="editorial", language="fr", body="Virgule."),
        "mx1": submitted(review_round, s5, states["MX"], moderator, language="es", body="Vías regulares."),
        "fr1": submitted(review_round, s5, states["FR"], moderator, body="Consular protection."),
        "ke1": submitted(review_round, s6, states["KE"], moderator, body="Remittances cost."),
        "ke2": submitted(review_round, s6, states["KE"], moderator, body="Data and evidence."),
    }
    Comment.objects.filter(pk=comments["ke2"].pk).update(state="withdrawn")
    comments["draft"] = draft(review_round, s5, reviewer_a, states["MA"])
    return comments


def ids(comments, *names):
    return {comments[n].pk for n in names}


# --- Permissions ---------------------------------------------------------------------------------

MODERATOR_URLS = [
    "/en/triage/",
    "/en/triage/comments/",
    "/en/triage/themes/",
    "/en/triage/themes/new/",
]


@pytest.mark.parametrize("url", MODERATOR_URLS)
def test_reviewers_and_drafters_cannot_reach_moderator_pages(client, reviewer_a, drafter, url, review_round):
    for user in (reviewer_a, drafter):
        client.force_login(user)
        assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302  # to sign in


def test_moderator_pages_answer(client, moderator, corpus, review_round):
    client.force_login(moderator)
    for url in [
        *MODERATOR_URLS,
        f"/en/triage/comments/{corpus['ma1'].pk}/",
        f"/en/triage/rounds/{review_round.pk}/publish/",
    ]:
        assert client.get(url).status_code == 200, url


def test_drafters_read_every_submitted_comment_and_propose_on_their_own(client, moderator, drafter, corpus, reviewer_a):
    comment = corpus["ma1"]
    client.force_login(drafter)
    # Every submitted comment reads, read-only: no triage form, no proposal form.
    page = client.get(f"/en/triage/comments/{corpus['mx1'].pk}/")
    assert (page.status_code, page.context["form"], page.context["proposal_form"]) == (200, None, None)
    assert client.post(f"/en/triage/comments/{corpus['mx1'].pk}/", {"propose": "1"}).status_code == 403
    triage_update(comment=comment, actor=moderator, lock_version=comment.lock_version, assignee=drafter)
    page = client.get(f"/en/triage/comments/{comment.pk}/")
    assert page.status_code == 200 and page.context["proposal_form"] is not None
    assert client.get(f"/en/triage/comments/{corpus['draft'].pk}/").status_code == 404  # never a draft
    queue = client.get("/en/triage/queue/")
    assert [c.pk for c in queue.context["page"]] == [comment.pk]
    # A reviewer, even of the comment's own delegation, has no triage page.
    client.force_login(reviewer_a)
    assert client.get(f"/en/triage/comments/{comment.pk}/").status_code == 404


def test_drafts_have_no_triage_page(client, moderator, corpus):
    client.force_login(moderator)
    assert client.get(f"/en/triage/comments/{corpus['draft'].pk}/").status_code == 404
    assert client.get("/en/triage/comments/999999/").status_code == 404


# --- Dashboard -------------------------------------------------------------------------------------


def test_dashboard_figures_match_hand_counts(corpus, review_round, objective_section, other_section):
    data = dashboard({"round": review_round.pk})
    assert data.totals["total"] == 5  # the draft and the withdrawn comment are not counted
    kinds = {bar.filters["kind"]: bar.count for bar in data.breakdowns["kind"]}
    assert kinds == {"general": 3, "technical": 1, "editorial": 1}
    groups = {bar.filters["group"]: bar.count for bar in data.breakdowns["group"]}
    assert groups == {"champion": 3, "member_state": 2, "reference_group": 0, "stakeholder": 0}
    languages = {bar.filters["language"]: bar.count for bar in data.breakdowns["language"]}
    assert languages == {"en": 3, "fr": 1, "es": 1}
    regions = {bar.filters["region"]: bar.count for bar in data.breakdowns["region"]}
    assert (regions["africa"], regions["americas"], regions["europe"]) == (3, 1, 1)
    heat = {(row.section.pk, cell.filters["group"]): cell.count for row in data.heatmap for cell in row.cells}
    assert heat[(objective_section.pk, "champion")] == 3
    assert heat[(objective_section.pk, "member_state")] == 1
    assert heat[(other_section.pk, "member_state")] == 1
    objectives = {bar.filters["objective"]: bar.count for bar in data.objectives}
    assert objectives[5] == 4
    delegations = {bar.label: bar.count for bar in data.delegations}
    assert delegations == {"Morocco": 2, "Mexico": 1, "France": 1, "Kenya": 1}
    assert sum(day["comments"] for day in data.days) == 5


def test_every_dashboard_figure_selects_exactly_its_comments(corpus, review_round):
    data = dashboard({"round": review_round.pk})
    bars = [*data.objectives, *data.delegations] + [b for bars in data.breakdowns.values() for b in bars]
    bars += [cell for row in data.heatmap for cell in row.cells] + data.stats
    for bar in bars:
        assert apply_filters(triage_base(), bar.filters).count() == bar.count, bar.filters
    for row in [*data.heatmap, *data.tree]:
        assert apply_filters(triage_base(), row.filters).count() == row.total, row.filters


def test_heatmap_rolls_subsections_into_their_section(version, review_round, objective_section, states, moderator):
    subsection = SectionFactory(version=version, parent=objective_section, depth=2, number="1.1", order=5)
    following = SectionFactory(version=version, depth=1, number="2", order=9)
    submitted(review_round, objective_section, states["MA"], moderator)
    submitted(review_round, subsection, states["MX"], moderator)
    submitted(review_round, following, states["MX"], moderator)
    data = dashboard({"round": review_round.pk})
    rows = {row.section.pk: row for row in data.heatmap}
    assert subsection.pk not in rows  # rolled up
    assert (rows[objective_section.pk].total, rows[following.pk].total) == (2, 1)
    champion = rows[objective_section.pk].cells[0]
    assert (champion.filters["group"], champion.count) == ("champion", 2)
    assert apply_filters(triage_base(), champion.filters).count() == 2
    assert {row.section.pk: row.total for row in data.tree}[subsection.pk] == 1


def test_heatmap_cell_links_to_the_list_filtered_to_it(client, moderator, corpus, review_round, objective_section):
    client.force_login(moderator)
    page = client.get(f"/en/triage/?round={review_round.pk}")
    link = f"chapter={objective_section.pk}&amp;group=champion"
    assert link in page.content.decode()
    listing = client.get(f"/en/triage/comments/?round={review_round.pk}&chapter={objective_section.pk}&group=champion")
    assert {c.pk for c in listing.context["page"]} == ids(corpus, "ma1", "ma2", "mx1")


def test_dashboard_query_count_does_not_grow(client, moderator, review_round, objective_section, states):
    client.force_login(moderator)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/en/triage/?round={review_round.pk}").status_code == 200
        return len(queries)

    submitted(review_round, objective_section, states["MA"], moderator)
    few = count()
    for i in range(20):
        submitted(review_round, objective_section, states["FR" if i % 2 else "MX"], moderator, body=f"Comment {i}")
    assert count() == few


# --- The list ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("objective=5&group=champion", ("ma1", "ma2", "mx1")),
        ("kind=technical", ("ma1",)),
        ("language=es", ("mx1",)),
        ("region=africa", ("ma1", "ma2", "ke1")),
        ("state=withdrawn", ("ke2",)),
        ("state=all&region=africa", ("ma1", "ma2", "ke1", "ke2")),
        ("q=circular", ("ma1",)),
        ("q=consular+protection", ("fr1",)),
        ("assignee=none&kind=editorial", ("ma2",)),
        ("delegation=s{MX}", ("mx1",)),
        ("round=not-a-number&kind=technical", ("ma1",)),  # a forged value is ignored, never an error
    ],
)
def test_list_filters(client, moderator, corpus, states, query, expected):
    client.force_login(moderator)
    response = client.get("/en/triage/comments/?" + query.replace("{MX}", str(states["MX"].pk)))
    assert response.status_code == 200
    assert {c.pk for c in response.context["page"]} == ids(corpus, *expected)


def test_list_query_count_does_not_grow(client, moderator, review_round, objective_section, states):
    client.force_login(moderator)
    theme = Theme.objects.create(name="Data")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/en/triage/comments/?sort=newest").status_code == 200
        return len(queries)

    first = submitted(review_round, objective_section, states["MA"], moderator)
    first.themes.add(theme)
    few = count()
    for i in range(25):
        submitted(review_round, objective_section, states["MX"], moderator, body=f"Comment {i}").themes.add(theme)
    assert count() == few


def test_hostile_text_is_shown_as_text(client, moderator, review_round, objective_section, states):
    submitted(review_round, objective_section, states["MA"], moderator, body='<script>alert("x")</script>=1+1')
    client.force_login(moderator)
    page = client.get("/en/triage/comments/").content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page


# --- Bulk actions ------------------------------------------------------------------------------


def test_bulk_assign_selected(client, moderator, drafter, corpus):
    client.force_login(moderator)
    response = client.post(
        "/en/triage/comments/?objective=5",
        {"action": "assign", "scope": "selected", "ids": [corpus["ma1"].pk, corpus["fr1"].pk], "assignee": drafter.pk},
    )
    assert response.status_code == 302
    assert set(Comment.objects.filter(assignee=drafter).values_list("pk", flat=True)) == ids(corpus, "ma1", "fr1")
    changes = TriageChange.objects.filter(field="assignee")
    assert changes.count() == 2 and len({c.batch for c in changes}) == 1
    assert Comment.objects.get(pk=corpus["ma1"].pk).lock_version == corpus["ma1"].lock_version + 1


def test_bulk_on_the_whole_filtered_list(client, moderator, corpus):
    client.force_login(moderator)
    client.post(
        "/en/triage/comments/?group=champion", {"action": "disposition", "scope": "all", "disposition": "noted"}
    )
    noted = set(Comment.objects.filter(disposition="noted").values_list("pk", flat=True))
    assert noted == ids(corpus, "ma1", "ma2", "mx1")


def test_bulk_with_a_forged_id_changes_nothing(client, moderator, drafter, corpus):
    client.force_login(moderator)
    for forged in (corpus["draft"].pk, 987654, "1;DROP"):
        response = client.post(
            "/en/triage/comments/",
            {"action": "assign", "scope": "selected", "ids": [corpus["ma1"].pk, forged], "assignee": drafter.pk},
        )
        assert response.status_code == 400
    assert not Comment.objects.filter(assignee=drafter).exists()
    assert not TriageChange.objects.exists()
    # The selection survives the refusal.
    assert f'value="{corpus["ma1"].pk}" id="select-{corpus["ma1"].pk}" checked' in response.content.decode()


def test_bulk_assign_only_to_the_working_group(client, moderator, reviewer_a, corpus):
    client.force_login(moderator)
    response = client.post(
        "/en/triage/comments/",
        {"action": "assign", "scope": "selected", "ids": [corpus["ma1"].pk], "assignee": reviewer_a.pk},
    )
    assert response.status_code == 400
    assert Comment.objects.get(pk=corpus["ma1"].pk).assignee is None


def test_bulk_themes_add_and_remove(client, moderator, corpus):
    theme = Theme.objects.create(name_en="Data and evidence", name_fr="Données et éléments probants")
    client.force_login(moderator)
    selection = [corpus["ma1"].pk, corpus["ke1"].pk]
    client.post(
        "/en/triage/comments/", {"action": "add_theme", "scope": "selected", "ids": selection, "theme": theme.pk}
    )
    assert set(theme.comments.values_list("pk", flat=True)) == set(selection)
    client.post(
        "/en/triage/comments/", {"action": "remove_theme", "scope": "selected", "ids": selection[:1], "theme": theme.pk}
    )
    assert set(theme.comments.values_list("pk", flat=True)) == set(selection[1:])
    assert TriageChange.objects.filter(field="themes").count() == 3
    listing = client.get(f"/fr/triage/comments/?theme={theme.pk}")
    assert "Données et éléments probants" in listing.content.decode()


def test_mark_duplicates_refuses_self_and_cycles_and_flattens(client, moderator, corpus):
    client.force_login(moderator)
    ma1, ma2, mx1 = corpus["ma1"], corpus["ma2"], corpus["mx1"]

    def mark(selection, original):
        return client.post(
            "/en/triage/comments/",
            {"action": "duplicate", "scope": "selected", "ids": [c.pk for c in selection], "duplicate_of": original.pk},
        )

    assert mark([ma1], ma1).status_code == 400  # itself
    assert mark([ma2], ma1).status_code == 302  # ma2 duplicates ma1
    assert mark([ma1], ma2).status_code == 400  # the cycle ma1 → ma2 → ma1 is refused
    assert mark([ma1], mx1).status_code == 302  # ma1 now duplicates mx1: ma2 follows to mx1
    ma1.refresh_from_db()
    ma2.refresh_from_db()
    assert (ma1.duplicate_of_id, ma2.duplicate_of_id) == (mx1.pk, mx1.pk)
    assert ma1.disposition == ma2.disposition == Disposition.DUPLICATE
    assert mark([mx1], corpus["draft"]).status_code == 400  # a draft is not an original


# --- One comment -------------------------------------------------------------------------------


def triage_data(comment, **extra):
    return {
        "lock_version": comment.lock_version,
        "disposition": "accepted",
        "response": "Thank you; the text now mentions it.",
        "priority": 2,
        "internal_note": "",
        **extra,
    }


def test_triage_saves_and_records_history(client, moderator, drafter, corpus):
    comment = corpus["ma1"]
    theme = Theme.objects.create(name="Data")
    client.force_login(moderator)
    response = client.post(
        f"/en/triage/comments/{comment.pk}/", triage_data(comment, assignee=drafter.pk, themes=[theme.pk], priority=1)
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert (comment.disposition, comment.assignee, comment.priority) == ("accepted", drafter, 1)
    assert list(comment.themes.all()) == [theme]
    fields = set(TriageChange.objects.filter(comment=comment).values_list("field", flat=True))
    assert fields == {"disposition", "response", "assignee", "priority", "themes"}
    page = client.get(f"/en/triage/comments/{comment.pk}/").content.decode()
    assert "Pending" in page and "Accepted" in page  # old → new in the history


def test_stale_triage_is_refused_with_both_versions(client, moderator, corpus):
    comment = corpus["ma1"]
    stale = comment.lock_version
    other = UserFactory(email="other-moderator@example.org")
    other.groups.add(*moderator.groups.all())
    triage_update(comment=comment, actor=other, lock_version=stale, response="Their response.", disposition="noted")
    client.force_login(moderator)
    response = client.post(f"/en/triage/comments/{comment.pk}/", triage_data(comment, lock_version=stale))
    assert response.status_code == 409
    page = response.content.decode()
    assert "Their response." in page and "Thank you; the text now mentions it." in page
    comment.refresh_from_db()
    assert (comment.disposition, comment.response) == ("noted", "Their response.")
    # The second save, now deliberate, carries the current version and goes through.
    again = client.post(f"/en/triage/comments/{comment.pk}/", triage_data(comment))
    assert again.status_code == 302


def test_duplicate_disposition_needs_the_original(client, moderator, corpus):
    comment = corpus["ma1"]
    client.force_login(moderator)
    response = client.post(f"/en/triage/comments/{comment.pk}/", triage_data(comment, disposition="duplicate"))
    assert response.status_code == 400
    assert "Thank you; the text now mentions it." in response.content.decode()  # nothing typed is lost
    response = client.post(
        f"/en/triage/comments/{comment.pk}/", triage_data(comment, disposition="duplicate", duplicate_of=comment.pk)
    )
    assert response.status_code == 400
    assert Comment.objects.get(pk=comment.pk).disposition == "pending"
    # Marked properly, then the number is cleared while "duplicate" stays: refused, the link is kept.
    original = corpus["mx1"]
    assert (
        client.post(
            f"/en/triage/comments/{comment.pk}/",
            triage_data(comment, disposition="duplicate", duplicate_of=original.pk),
        ).status_code
        == 302
    )
    comment.refresh_from_db()
    response = client.post(f"/en/triage/comments/{comment.pk}/", triage_data(comment, disposition="duplicate"))
    assert response.status_code == 400
    assert Comment.objects.get(pk=comment.pk).duplicate_of_id == original.pk


def test_save_and_next_follows_the_filtered_list(client, moderator, corpus):
    client.force_login(moderator)
    comment = corpus["ma1"]
    response = client.post(f"/en/triage/comments/{comment.pk}/?group=champion", {**triage_data(comment), "next": "1"})
    follow = client.get(response["Location"])
    assert follow["Location"].startswith(f"/en/triage/comments/{corpus['ma2'].pk}/")
    assert "group=champion" in follow["Location"]


def test_comment_page_query_count_does_not_grow(client, moderator, corpus, review_round, objective_section, states):
    client.force_login(moderator)
    url = f"/en/triage/comments/{corpus['ma1'].pk}/"
    client.get(url)  # warm up: PostgreSQL's pg_trgm availability is read once per process

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = count()
    for i in range(20):
        submitted(review_round, objective_section, states["FR"], moderator, body=f"Circular migration {i}")
    assert count() == few


def test_likely_duplicates_are_found(client, moderator, review_round, objective_section, states):
    original = submitted(
        review_round, objective_section, states["MA"], moderator, body="Please add a paragraph on circular migration."
    )
    near = submitted(
        review_round,
        objective_section,
        states["MX"],
        moderator,
        body="Please add a paragraph about circular migration.",
    )
    submitted(review_round, objective_section, states["FR"], moderator, body="Consular protection is missing.")
    client.force_login(moderator)
    response = client.get(f"/en/triage/comments/{original.pk}/")
    assert [c.pk for c in response.context["duplicates"]] == [near.pk]


# --- Proposals, publication, digest --------------------------------------------------------------


def test_drafter_proposes_moderator_approves_delegation_reads_in_french(
    client, moderator, drafter, corpus, reviewer_a, review_round
):
    comment = corpus["ma1"]
    triage_update(comment=comment, actor=moderator, lock_version=comment.lock_version, assignee=drafter)
    comment.refresh_from_db()
    client.force_login(drafter)
    response = client.post(
        f"/en/triage/comments/{comment.pk}/",
        {"propose": "1", "lock_version": comment.lock_version, "disposition": "accepted", "response": "Merci, ajouté."},
    )
    assert response.status_code == 302
    # A drafter cannot decide directly.
    assert client.post(f"/en/triage/comments/{comment.pk}/", triage_data(comment)).status_code == 403
    comment.refresh_from_db()
    assert (comment.disposition, comment.proposed_response) == ("pending", "Merci, ajouté.")

    client.force_login(moderator)
    client.post(
        f"/en/triage/comments/{comment.pk}/proposal/", {"lock_version": comment.lock_version, "decision": "approve"}
    )
    comment.refresh_from_db()
    assert (comment.disposition, comment.response, comment.proposed_at) == ("accepted", "Merci, ajouté.", None)

    # Not visible to the delegation before publication.
    client.force_login(reviewer_a)
    assert "Merci, ajouté." not in client.get("/fr/my-review/").content.decode()

    client.force_login(moderator)
    mail.outbox.clear()
    with django_capture_on_commit():
        response = client.post(f"/en/triage/rounds/{review_round.pk}/publish/", {"scope": "all"})
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[reviewer_a.email]]
    assert "Réponses" in mail.outbox[0].subject and "Merci, ajouté." in mail.outbox[0].body

    client.force_login(reviewer_a)
    page = client.get("/fr/my-review/").content.decode()
    assert "Merci, ajouté." in page
    assert "Acceptée" in page  # the disposition, in French


def django_capture_on_commit():
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


def test_publishing_a_selection_only(client, moderator, corpus, review_round):
    for name in ("ma1", "mx1"):
        comment = corpus[name]
        triage_update(comment=comment, actor=moderator, lock_version=comment.lock_version, disposition="noted")
    client.force_login(moderator)
    client.post(f"/en/triage/rounds/{review_round.pk}/publish/", {"scope": "selected", "ids": f"{corpus['mx1'].pk}"})
    published = set(Comment.objects.filter(published_at__isnull=False).values_list("pk", flat=True))
    assert published == ids(corpus, "mx1")


def test_publishing_a_selection_needs_numbers(client, moderator, corpus, review_round):
    comment = corpus["ma1"]
    triage_update(comment=comment, actor=moderator, lock_version=comment.lock_version, disposition="noted")
    client.force_login(moderator)
    for ids in ("", "12, abc"):
        response = client.post(f"/en/triage/rounds/{review_round.pk}/publish/", {"scope": "selected", "ids": ids})
        assert response.status_code == 200
        assert "Give the numbers of the comments to publish" in response.content.decode()
    assert not Comment.objects.filter(published_at__isnull=False).exists()


def test_reviewer_cannot_publish(client, reviewer_a, review_round):
    client.force_login(reviewer_a)
    assert client.post(f"/en/triage/rounds/{review_round.pk}/publish/", {"scope": "all"}).status_code == 403


def test_daily_digest_once_per_day_in_each_language(moderator, drafter, corpus):
    drafter.preferred_language = "es"
    drafter.save()
    comment = corpus["ma1"]
    triage_update(comment=comment, actor=moderator, lock_version=comment.lock_version, assignee=drafter)
    mail.outbox.clear()
    assert triage_digest_send() == 2
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert "In the last 24 hours, 5 comments arrived:" in by_recipient[moderator.email].body
    assert f"/triage/comments/{comment.pk}/" in by_recipient[drafter.email].body
    assert "asignado" in by_recipient[drafter.email].body or "Comentario" in by_recipient[drafter.email].body
    assert triage_digest_send() == 0  # not twice the same day


def test_no_digest_when_there_is_nothing(moderator, drafter, db):
    assert triage_digest_send() == 0
