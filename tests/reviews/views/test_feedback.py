import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from reviews.models import Comment, ExternalFeedback, Reply, SurveyResponse
from tests.reviews.conftest import close, draft

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF"


def test_moderator_records_a_letter_and_its_comments(client, review_round, section, moderator, reviewer_a, states):
    client.force_login(moderator)
    response = client.post(
        f"/en/rounds/{review_round.pk}/feedback/",
        {
            "delegation": f"s{states['MA'].pk}",
            "source": "written",
            "received_on": "2026-11-20",
            "participants": "",
            "notes": "Note verbale",
            "letter": SimpleUploadedFile("note.pdf", PDF),
        },
    )
    feedback = ExternalFeedback.objects.get()
    assert response["Location"] == f"/en/feedback/{feedback.pk}/"
    client.post(
        f"/en/feedback/{feedback.pk}/",
        {"section": section.pk, "paragraph": 2, "kind": "technical", "body": "From the letter", "language": "fr"},
    )
    comment = Comment.objects.get()
    assert (comment.source, comment.state, comment.external_feedback, comment.author, comment.block_key) == (
        "written",
        "submitted",
        feedback,
        moderator,
        "para02",
    )
    # the delegation sees it, and can read the letter
    client.force_login(reviewer_a)
    assert "From the letter" in client.get("/en/my-review/").content.decode()
    assert client.get(f"/en/feedback/{feedback.pk}/letter/").status_code == 200


def test_reviewers_cannot_record_feedback(client, review_round, reviewer_a, states):
    client.force_login(reviewer_a)
    response = client.post(f"/en/rounds/{review_round.pk}/feedback/", {"delegation": f"s{states['MA'].pk}"})
    assert response.status_code == 403
    assert ExternalFeedback.objects.count() == 0


def test_survey_one_answer_per_delegation_editable_until_close(client, review_round, section, reviewer_a, colleague_a):
    url = f"/en/rounds/{review_round.pk}/survey/booklet/"
    client.force_login(reviewer_a)
    client.post(url, {"clarity": 4, "usefulness": 5, "ease": 3, "remarks": "Clear"})
    client.force_login(colleague_a)
    page = client.get(url)
    assert page.context["form"].initial["clarity"] == 4
    client.post(url, {"clarity": 2, "usefulness": 5, "ease": 3, "remarks": "Less clear", "lock_version": 1})
    response = SurveyResponse.objects.get()
    assert (response.clarity, response.remarks, response.updated_by) == (2, "Less clear", colleague_a)
    # a stale form does not overwrite
    client.force_login(reviewer_a)
    stale = client.post(url, {"clarity": 5, "usefulness": 5, "ease": 5, "remarks": "Mine", "lock_version": 1})
    assert stale.status_code == 200
    assert SurveyResponse.objects.get().clarity == 2
    close(review_round)
    assert client.post(url, {"clarity": 1, "usefulness": 1, "ease": 1, "lock_version": 2}).status_code == 403


def test_out_of_scale_answers_are_refused(client, review_round, section, reviewer_a):
    client.force_login(reviewer_a)
    response = client.post(f"/en/rounds/{review_round.pk}/survey/booklet/", {"clarity": 9, "usefulness": 5, "ease": 3})
    assert response.status_code == 200
    assert SurveyResponse.objects.count() == 0


def test_question_and_answer_thread_notifies_the_other_side(
    client, review_round, section, moderator, reviewer_a, reviewer_b, states, django_capture_on_commit_callbacks
):
    comment = draft(review_round, section, reviewer_a, states["MA"], kind="general", body="Submitted")
    Comment.objects.filter(pk=comment.pk).update(state="submitted")
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/comments/{comment.pk}/", {"body": "Could you give an example?"})
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    client.force_login(reviewer_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/comments/{comment.pk}/", {"body": "See our letter."})
    assert mail.outbox[-1].to == ["moderator@example.org"]
    assert list(Reply.objects.values_list("from_working_group", flat=True)) == [True, False]
    client.force_login(reviewer_b)  # another delegation: the comment is not revealed to exist
    assert client.get(f"/en/comments/{comment.pk}/").status_code == 404
