"""What a reviewer sees about each comment (issue 12, items 3 and 4).

Item 3: the edit page and the check-before-submit page show the paragraph, the quoted passage
and the attachments; My review names the document beside the section number.
Item 4: every time says its zone (Geneva time, in the page, the email and the Word copy);
a comment shows when it was written and when it was submitted, never when the working
group touched its triage.
"""

import datetime
import uuid
from io import BytesIO

import docx
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from champions.models import Delegation
from reviews.models import Comment
from reviews.services import triage
from reviews.services.submissions import submission_submit
from tests.reviews.conftest import draft

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
UTC = datetime.UTC


@pytest.fixture
def annotated(review_round, section, reviewer_a, states):
    """A draft on paragraph 2, quoting a passage, with an attachment."""
    return draft(
        review_round,
        section,
        reviewer_a,
        states["MA"],
        body="With context",
        block_key="para02",
        quote="Second paragraph",
        attachments=[SimpleUploadedFile("Note de la mission.pdf", PDF, content_type="application/pdf")],
    )


def test_the_edit_page_shows_paragraph_passage_and_attachments(client, annotated, reviewer_a):
    client.force_login(reviewer_a)
    page = client.get(f"/en/comments/{annotated.pk}/edit/").content.decode()
    assert "<dd>Paragraph 2<blockquote" in page
    assert '<blockquote class="comment__quote" lang="fr">Second paragraph</blockquote>' in page
    attachment = annotated.attachments.get()
    assert f'<a href="/en/attachments/{attachment.pk}/" download>Note de la mission.pdf</a>' in page
    assert "Booklet (English)" in page


def test_the_edit_page_of_a_section_comment_says_so(client, review_round, section, reviewer_a, states):
    comment = draft(review_round, section, reviewer_a, states["MA"])
    client.force_login(reviewer_a)
    page = client.get(f"/en/comments/{comment.pk}/edit/").content.decode()
    assert "<dd>The whole section</dd>" in page
    assert "<dd>None</dd>" in page  # no attachment


def test_the_check_before_submit_page_shows_paragraph_passage_and_attachments(
    client, review_round, annotated, reviewer_a
):
    client.force_login(reviewer_a)
    page = client.get(f"/en/rounds/{review_round.pk}/submit/").content.decode()
    assert '<span class="hint">Paragraph 2</span>' in page
    assert '<blockquote class="comment__quote" lang="fr">Second paragraph</blockquote>' in page
    assert ">Note de la mission.pdf</a>" in page


def test_my_review_names_the_document_beside_the_section_number(client, annotated, reviewer_a):
    client.force_login(reviewer_a)
    page = client.get("/en/my-review/").content.decode()
    assert "Technical · Booklet (English) 1 · paragraph 2</h3>" in page


@pytest.fixture
def dated(annotated, review_round, reviewer_a, moderator, states):
    """Written 2 November 09:00 UTC, submitted 3 November 08:00 UTC, triaged 20 November."""
    submission_submit(
        review_round=review_round,
        delegation=Delegation(member_state=states["MA"]),
        actor=reviewer_a,
        token=uuid.uuid4(),
    )
    Comment.objects.filter(pk=annotated.pk).update(
        created_at=datetime.datetime(2026, 11, 2, 9, 0, tzinfo=UTC),
        submitted_at=datetime.datetime(2026, 11, 3, 8, 0, tzinfo=UTC),
    )
    comment = Comment.objects.get(pk=annotated.pk)
    triage.triage_update(comment=comment, actor=moderator, lock_version=comment.lock_version, disposition="noted")
    comment.refresh_from_db()
    assert comment.updated_at.date() == datetime.date.today()  # the triage edit touched it
    return comment


def card(page: str, comment) -> str:
    start = page.index(f'id="comment-{comment.pk}"')
    return page[start : page.index("</article>", start)]


@pytest.mark.parametrize("zone", ["Europe/Zurich", "America/New_York"])
def test_a_comment_shows_when_it_was_written_and_submitted_in_geneva_time_never_its_triage(
    client, dated, reviewer_a, zone
):
    reviewer_a.time_zone = zone
    reviewer_a.save()
    client.force_login(reviewer_a)
    meta = card(client.get("/en/my-review/").content.decode(), dated)
    assert (
        'written <time datetime="2026-11-02T09:00:00+00:00">11/02/2026 10 a.m. (Geneva time)</time>'
        ' · submitted <time datetime="2026-11-03T08:00:00+00:00">11/03/2026 9 a.m. (Geneva time)</time>'
    ) in meta
    assert dated.updated_at.isoformat() not in meta
    assert datetime.date.today().strftime("%m/%d/%Y") not in meta


def test_a_draft_shows_when_it_was_written_only(client, annotated, reviewer_a):
    client.force_login(reviewer_a)
    meta = card(client.get("/en/my-review/").content.decode(), annotated)
    assert "written <time" in meta and "(Geneva time)</time>" in meta
    assert "submitted <time" not in meta


def test_my_review_receipts_and_the_receipt_page_say_geneva_time(client, review_round, annotated, reviewer_a, states):
    reviewer_a.time_zone = "Asia/Tokyo"
    reviewer_a.save()
    submission = submission_submit(
        review_round=review_round,
        delegation=Delegation(member_state=states["MA"]),
        actor=reviewer_a,
        token=uuid.uuid4(),
    )
    submission.submitted_at = datetime.datetime(2026, 11, 3, 8, 0, tzinfo=UTC)
    submission.save()
    client.force_login(reviewer_a)
    expected = "Nov. 3, 2026, 9 a.m. (Geneva time)"
    assert f"{submission.reference}</a> — {expected}" in client.get("/en/my-review/").content.decode()
    assert expected in client.get(submission.get_absolute_url()).content.decode()


def test_the_word_receipt_shows_geneva_time_and_says_so(client, review_round, annotated, reviewer_a, states):
    submission = submission_submit(
        review_round=review_round,
        delegation=Delegation(member_state=states["MA"]),
        actor=reviewer_a,
        token=uuid.uuid4(),
    )
    submission.submitted_at = datetime.datetime(2026, 11, 3, 8, 0, tzinfo=UTC)
    submission.save()
    client.force_login(reviewer_a)
    content = client.get(f"/en/submissions/{submission.pk}/comments.docx").content
    facts = {row.cells[0].text: row.cells[1].text for row in docx.Document(BytesIO(content)).tables[0].rows}
    assert facts["Submitted at"] == "Nov. 3, 2026, 9 a.m. (Geneva time)"  # not 8 a.m. UTC, unlabelled


def test_the_emailed_word_copy_and_the_email_agree_on_the_time(
    review_round, annotated, reviewer_a, states, django_capture_on_commit_callbacks
):
    reviewer_a.preferred_language = "en"
    reviewer_a.save()
    with django_capture_on_commit_callbacks(execute=True):
        submission = submission_submit(
            review_round=review_round,
            delegation=Delegation(member_state=states["MA"]),
            actor=reviewer_a,
            token=uuid.uuid4(),
        )
    (message,) = mail.outbox
    from guidance.times import geneva_time

    when = geneva_time(submission.submitted_at)
    assert f"Submitted at: {when}" in message.body
    ((_name, content, _type),) = message.attachments
    facts = {row.cells[0].text: row.cells[1].text for row in docx.Document(BytesIO(content)).tables[0].rows}
    assert facts["Submitted at"] == when


def test_the_check_before_submit_page_costs_the_same_queries_for_1_or_5_annotated_drafts(
    client, review_round, section, reviewer_a, states
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def make(n):
        for i in range(n):
            draft(
                review_round,
                section,
                reviewer_a,
                states["MA"],
                body=f"Draft {i}",
                block_key="para01",
                quote="Regular",
                attachments=[SimpleUploadedFile(f"n{i}.pdf", PDF, content_type="application/pdf")],
            )

    client.force_login(reviewer_a)
    make(1)
    client.get(f"/en/rounds/{review_round.pk}/submit/")  # warm caches (session, round)
    with CaptureQueriesContext(connection) as one:
        assert client.get(f"/en/rounds/{review_round.pk}/submit/").status_code == 200
    make(4)
    with CaptureQueriesContext(connection) as five:
        page = client.get(f"/en/rounds/{review_round.pk}/submit/")
    assert page.content.decode().count('<blockquote class="comment__quote"') == 5
    assert len(five.captured_queries) == len(one.captured_queries)


def test_the_working_groups_pages_say_geneva_time_too(client, review_round, dated, moderator):
    review_round.opens_at = datetime.datetime(2026, 11, 1, 7, 0, tzinfo=UTC)
    review_round.save()
    moderator.time_zone = "America/New_York"
    moderator.save()
    client.force_login(moderator)
    rounds = client.get("/en/rounds/").content.decode()
    assert "<td>11/01/2026 8 a.m. (Geneva time)</td>" in rounds
    page = client.get(f"/en/triage/comments/{dated.pk}/").content.decode()
    assert "Nov. 3, 2026, 9 a.m. (Geneva time)" in page  # submitted
    history = page[page.index("<h2", page.index("</dl>")) :]
    assert history.count("(Geneva time)") >= 1
