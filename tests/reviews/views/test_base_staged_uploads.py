"""The one upload → preview → confirm flow (champions.views.base.StagedUploadMixin) on its bad paths,
for the offline template and the bulk invitations (the matrix upload: tests of its own views).

The confirmation applies what the preview staged only with the preview's token, for the user who
uploaded, once; anything else finds nothing to apply, and nothing is saved or sent.
"""

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from champions.models import Invitation
from reviews.models import Comment

pytestmark = pytest.mark.django_db


def offline_preview(client, review_round, who):
    client.force_login(who)
    workbook = load_workbook(io.BytesIO(client.get(f"/en/rounds/{review_round.pk}/template.xlsx").content))
    workbook.worksheets[0].append(["booklet:1", None, "General", "Staged once.", None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    file = SimpleUploadedFile("filled.xlsx", buffer.getvalue())
    return client.post(f"/en/rounds/{review_round.pk}/upload/", {"file": file})


def bulk_preview(client, moderator):
    client.force_login(moderator)
    csv = "email,country,organisation,role,language\none@example.org,FR,,contributor,fr\n"
    return client.post("/en/invitations/bulk/", {"file": SimpleUploadedFile("people.csv", csv.encode())})


@pytest.fixture
def offline(client, review_round, section, reviewer_a):
    def preview():
        return offline_preview(client, review_round, reviewer_a)

    return {
        "preview": preview,
        "confirm": f"/en/rounds/{review_round.pk}/upload/confirm/",
        "applied": lambda: Comment.objects.filter(body="Staged once.").count(),
        "key": "offline_template_rows",
    }


@pytest.fixture
def bulk(client, moderator, states, django_capture_on_commit_callbacks):
    return {
        "preview": lambda: bulk_preview(client, moderator),
        "confirm": "/en/invitations/bulk/send/",
        "applied": lambda: Invitation.objects.count() + len(mail.outbox),
        "key": "bulk_invitation_rows",
    }


@pytest.fixture(params=["offline", "bulk"])
def flow(request):
    return request.getfixturevalue(request.param)


def test_the_preview_form_carries_the_staged_token(client, flow):
    preview = flow["preview"]()
    token = client.session[flow["key"]]["token"]
    assert preview.context["token"] == token and len(token) >= 20
    assert f'name="token" value="{token}"' in preview.content.decode()
    assert flow["applied"]() == 0  # nothing before the confirmation


@pytest.mark.parametrize("sent", [None, "", "forged", "x" * 10_000])
def test_without_the_preview_token_nothing_is_applied(client, flow, sent):
    flow["preview"]()
    response = client.post(flow["confirm"], {} if sent is None else {"token": sent})
    assert response.status_code == 302
    assert flow["applied"]() == 0
    assert flow["key"] not in client.session  # and the staged data is gone: upload again


def test_the_token_works_once(client, flow):
    flow["preview"]()
    token = client.session[flow["key"]]["token"]
    client.post(flow["confirm"], {"token": token})
    applied = flow["applied"]()
    assert applied >= 1
    client.post(flow["confirm"], {"token": token})
    assert flow["applied"]() == applied


def test_another_users_staged_upload_cannot_be_confirmed(client, offline, colleague_a):
    offline["preview"]()
    stolen = dict(client.session[offline["key"]])
    client.force_login(colleague_a)  # same delegation, another person
    session = client.session
    session[offline["key"]] = stolen
    session.save()
    client.post(offline["confirm"], {"token": stolen["token"]})
    assert offline["applied"]() == 0


def test_a_staged_bulk_upload_is_not_sent_by_another_moderator(client, bulk, admin_user):
    bulk["preview"]()
    stolen = dict(client.session[bulk["key"]])
    client.force_login(admin_user)
    session = client.session
    session[bulk["key"]] = stolen
    session.save()
    client.post(bulk["confirm"], {"token": stolen["token"]})
    assert bulk["applied"]() == 0
