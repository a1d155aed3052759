"""A delegation's draft and an unpublished response, looked for everywhere others can look.

Two unique strings: one in Morocco's draft (only Morocco's members may ever see it) and one
in the working group's response to a submitted comment, not yet published (no reviewer may
see it, Morocco included). Every page, search, export, report and admin page below is read
as every kind of user; the e-mails sent meanwhile are read too.
"""

import io
import json
import logging
import zipfile

import pytest
from django.core import mail

from accounts.models import AuditEvent
from reviews.services.triage import triage_update
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.reviews.conftest import draft, submitted

pytestmark = pytest.mark.django_db

DRAFT_SECRET = "Qx7-draft-secret-of-morocco"
RESPONSE_SECRET = "Zk9-unpublished-response"


def text_of(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:2] == b"PK":  # XLSX or DOCX: read every part
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return " ".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    return content.decode("utf-8", "replace")


@pytest.fixture
def world(review_round, section, states, reviewer_a, reviewer_b, moderator, drafter, admin_user):
    secret_draft = draft(review_round, section, reviewer_a, states["MA"], body=f"Our position: {DRAFT_SECRET}")
    answered = submitted(review_round, section, states["MA"], moderator, body="A submitted comment of Morocco.")
    triage_update(
        comment=answered, actor=moderator, lock_version=answered.lock_version, response=f"We will {RESPONSE_SECRET}"
    )
    stakeholder = UserFactory(email="ngo@example.org")
    MembershipFactory(user=stakeholder, member_state=None, organisation=OrganisationFactory(), role="focal_point")
    doc, anchor, pk = section.version.document.slug, section.anchor, review_round.pk
    urls = [
        "/en/",
        "/en/my-review/",
        f"/en/rounds/{pk}/",
        f"/en/rounds/{pk}/{doc}/",
        f"/en/rounds/{pk}/{doc}/{anchor}/",
        f"/en/comments/{secret_draft.pk}/",
        f"/en/comments/{answered.pk}/",
        f"/en/triage/?round={pk}",
        f"/en/triage/comments/?round={pk}",
        "/en/triage/comments/?q=position",  # a word of the draft (the marker itself would be echoed)
        f"/en/triage/comments/{secret_draft.pk}/",
        f"/en/triage/comments/{answered.pk}/",
        "/en/triage/queue/",
        f"/en/triage/export/?round={pk}&format=csv",
        f"/en/triage/export/?round={pk}&format=xlsx",
        f"/en/triage/export/?round={pk}&format=docx",
        f"/en/triage/rounds/{pk}/disposition/",
        f"/en/triage/rounds/{pk}/disposition.docx",
        f"/en/triage/rounds/{pk}/publish/",
        "/en/admin/reviews/comment/",
        "/en/admin/reviews/comment/?q=position",
        f"/en/admin/reviews/comment/{secret_draft.pk}/change/",
        f"/en/admin/reviews/comment/{secret_draft.pk}/history/",
        f"/en/admin/reviews/comment/{answered.pk}/history/",
        f"/en/admin/reviews/comment/{answered.pk}/change/",
        "/en/admin/accounts/auditevent/",
        "/en/admin/accounts/auditevent/?q=position",
    ]
    users = {
        "reviewer of Mexico": reviewer_b,
        "organisation": stakeholder,
        "drafter": drafter,
        "moderator": moderator,
        "admin": admin_user,
        "reviewer of Morocco": reviewer_a,
    }
    return urls, users


def test_the_draft_and_the_unpublished_response_are_seen_by_nobody_else(client, world, caplog):
    caplog.set_level(logging.INFO, logger="guidance_review.audit")
    urls, users = world
    seen = []
    for who, user in users.items():
        client.force_login(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code < 500, (who, url)
            if response.status_code != 200:
                continue
            text = text_of(response)
            if who != "reviewer of Morocco" and DRAFT_SECRET in text:
                seen.append((who, url, "draft"))
            if who in {"reviewer of Mexico", "organisation", "reviewer of Morocco"} and RESPONSE_SECRET in text:
                seen.append((who, url, "response"))
    # The audit log (its rows, its admin pages and its log lines) records that things happened, never their text.
    for event in AuditEvent.objects.all():
        client.force_login(users["admin"])
        page = client.get(f"/en/admin/accounts/auditevent/{event.pk}/change/").content.decode()
        row = json.dumps([event.object_label, event.detail, event.path])
        if any(secret in page or secret in row for secret in (DRAFT_SECRET, RESPONSE_SECRET)):
            seen.append(("audit log", event.action, event.pk))
    for record in caplog.records:
        if DRAFT_SECRET in record.getMessage() or RESPONSE_SECRET in record.getMessage():
            seen.append(("log", record.name, record.levelname))
    for message in mail.outbox:
        body = message.body + "".join(str(alternative[0]) for alternative in getattr(message, "alternatives", []))
        if DRAFT_SECRET in body or RESPONSE_SECRET in body:
            seen.append((message.to, message.subject, "e-mail"))
    assert seen == []


def test_the_battery_would_see_a_leak(client, world):
    """The searches above can fail: the people allowed to see each string do find it."""
    urls, users = world
    client.force_login(users["reviewer of Morocco"])
    assert any(DRAFT_SECRET in text_of(r) for r in map(client.get, urls) if r.status_code == 200)
    client.force_login(users["moderator"])
    assert any(RESPONSE_SECRET in text_of(r) for r in map(client.get, urls) if r.status_code == 200)
