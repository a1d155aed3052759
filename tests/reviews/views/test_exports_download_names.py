"""A download has one name, in the reader's language: on the receipt page, on the e-mailed copy and on the file."""

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from reviews.models import ExportJob, Submission
from tests.reviews.conftest import draft, submitted

pytestmark = pytest.mark.django_db


def test_the_word_copy_has_the_same_name_on_the_page_in_the_email_and_on_the_file(
    client, review_round, section, reviewer_a, states, django_capture_on_commit_callbacks
):
    draft(review_round, section, reviewer_a, states["MA"], kind="general", body="À soumettre")
    client.force_login(reviewer_a)  # a French focal point
    page = client.get(f"/fr/rounds/{review_round.pk}/submit/")
    confirmation = {name: page.context["form"].initial[name] for name in ("token", "drafts")}
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(f"/fr/rounds/{review_round.pk}/submit/", confirmation)
    submission = Submission.objects.get()
    name = f"commentaires-{submission.reference}.docx"
    receipt = client.get(done["Location"]).content.decode()
    assert f'<span class="hint">{name}</span>' in receipt
    download = client.get(f"/fr/submissions/{submission.pk}/comments.docx")
    assert download["Content-Disposition"] == f'attachment; filename="{name}"'
    (message,) = [m for m in mail.outbox if m.to == [reviewer_a.email]]
    assert [attachment[0] for attachment in message.attachments] == [name]


def test_the_word_copy_names_the_delegation_without_an_article(
    client, review_round, section, reviewer_a, states, django_capture_on_commit_callbacks
):
    import io

    import docx

    draft(review_round, section, reviewer_a, states["MA"], kind="general", body="À soumettre")
    client.force_login(reviewer_a)
    page = client.get(f"/fr/rounds/{review_round.pk}/submit/")
    confirmation = {name: page.context["form"].initial[name] for name in ("token", "drafts")}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/fr/rounds/{review_round.pk}/submit/", confirmation)
    submission = Submission.objects.get()
    document = docx.Document(io.BytesIO(client.get(f"/fr/submissions/{submission.pk}/comments.docx").content))
    assert document.paragraphs[0].text == "Commentaires soumis"
    facts = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert facts["Délégation"] == "Maroc"
    assert "au nom de" not in "\n".join(p.text for p in document.paragraphs)


FRENCH = {
    "comment-matrix-%(day)s.%(extension)s": "matrice-des-commentaires-%(day)s.%(extension)s",
    "disposition-of-comments-round-%(round)s.docx": "suite-donnee-aux-commentaires-cycle-%(round)s.docx",
}


@pytest.fixture
def french_names(monkeypatch):
    """The catalog's French file names (the translation helper's entries), whatever is compiled today."""
    from django.utils import translation

    from reviews.services.matrix import jobs
    from reviews.views import exports as export_views

    def gettext(message):
        return FRENCH.get(message, message) if translation.get_language() == "fr" else message

    monkeypatch.setattr(jobs, "_", gettext)
    monkeypatch.setattr(export_views, "_", gettext)


@override_settings(EXPORT_INLINE_MAX_ROWS=0)
def test_an_export_run_in_the_background_is_named_in_its_own_language(
    client, moderator, review_round, section, states, french_names
):
    submitted(review_round, section, states["MA"], moderator)
    client.force_login(moderator)
    response = client.get("/fr/triage/export/?format=csv")
    job = ExportJob.objects.get()
    assert job.file_name.startswith("matrice-des-commentaires-") and job.file_name.endswith(".csv")
    page = client.get(response.url).content.decode()
    assert job.file_name in page
    download = client.get(reverse("reviews:export_download", args=[job.pk]))
    assert download["Content-Disposition"] == f'attachment; filename="{job.file_name}"'


def test_the_disposition_report_is_named_in_the_readers_language(client, moderator, review_round, french_names):
    client.force_login(moderator)
    response = client.get(f"/fr/triage/rounds/{review_round.pk}/disposition.docx")
    expected = f"suite-donnee-aux-commentaires-cycle-{review_round.pk}.docx"
    assert response["Content-Disposition"] == f'attachment; filename="{expected}"'
