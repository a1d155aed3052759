"""The audit log (docs/security.md, "Audit log"): who did what, when and from where.

Sign-ins (successful and failed, password and second factor), refusals, role and membership
changes, dispositions, publications and downloads are recorded through the real flows; the log
is append-only from the application (and, on PostgreSQL, in the database); administrators read
it with filters; what an attacker types cannot forge a line or reverse the text.
"""

import io
import json
import logging

import pytest
from django.contrib.auth.models import Group
from django.db import DatabaseError, connection, transaction
from openpyxl import load_workbook

from accounts import audit
from accounts.models import AuditAction, AuditEvent
from accounts.roles import MODERATORS
from champions.models import Membership
from tests.accounts.test_second_factor import code, sign_in
from tests.conftest import with_mfa
from tests.factories import MembershipFactory, UserFactory
from tests.reviews.conftest import submitted

pytestmark = pytest.mark.django_db


def events(action) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("pk"))


@pytest.fixture
def secretary(db):
    return with_mfa(UserFactory(email="secretary@example.org", is_staff=True, is_superuser=True))


# --- Sign-ins -------------------------------------------------------------------------------------


def test_a_sign_in_is_recorded_with_its_methods_address_and_browser(client, secretary):
    sign_in(client, secretary.email)
    assert events(AuditAction.SIGN_IN) == []  # the password alone is not a sign-in
    client.post("/en/accounts/2fa/authenticate/", {"code": code()}, HTTP_USER_AGENT="Firefox/140")
    (event,) = events(AuditAction.SIGN_IN)
    assert event.actor == secretary and event.actor_label == "secretary@example.org"
    assert event.detail["methods"] == ["mfa", "password"]
    assert event.ip == "127.0.0.1" and event.user_agent == "Firefox/140"


def test_a_wrong_password_is_recorded_with_the_address_tried(client, reviewer):
    sign_in(client, reviewer.email, "not-the-password")
    (event,) = events(AuditAction.SIGN_IN_FAILED)
    assert event.actor is None and event.object_label == reviewer.email
    assert "not-the-password" not in json.dumps(event.detail)


def test_a_wrong_second_factor_code_is_recorded(client, secretary):
    sign_in(client, secretary.email)
    client.post("/en/accounts/2fa/authenticate/", {"code": "000000"})
    (event,) = events(AuditAction.SIGN_IN_FAILED)
    assert event.object_id == str(secretary.pk) and event.detail["step"] == "second factor"


def test_a_spoofed_forwarded_for_does_not_change_the_recorded_address(client, reviewer):
    client.post(
        "/en/accounts/login/", {"login": reviewer.email, "password": "wrong"}, HTTP_X_FORWARDED_FOR="203.0.113.9"
    )
    (event,) = events(AuditAction.SIGN_IN_FAILED)
    assert event.ip == "127.0.0.1"  # no trusted proxy configured: the header is the client's own claim


def test_signing_out_is_recorded(client, reviewer):
    client.force_login(reviewer)
    client.post("/en/accounts/logout/")
    (event,) = events(AuditAction.SIGN_OUT)
    assert event.actor == reviewer


# --- Refusals -------------------------------------------------------------------------------------


def test_a_refused_page_is_recorded_with_its_address(client, reviewer_a, review_round):
    client.force_login(reviewer_a)
    assert client.get("/en/triage/comments/?q=x").status_code == 403
    (event,) = events(AuditAction.PERMISSION_DENIED)
    assert event.actor == reviewer_a and event.path == "/en/triage/comments/?q=x"
    assert event.detail == {"method": "GET", "answered": 403}


def test_another_delegation_s_comment_is_a_404_and_a_recorded_refusal(
    client, reviewer_a, reviewer_b, review_round, section, states
):
    from tests.reviews.conftest import draft

    theirs = draft(review_round, section, reviewer_a, states["MA"])
    client.force_login(reviewer_b)
    assert client.get(f"/en/comments/{theirs.pk}/edit/").status_code == 404
    (event,) = events(AuditAction.PERMISSION_DENIED)
    assert event.actor == reviewer_b and event.detail["answered"] == 404
    assert event.path == f"/en/comments/{theirs.pk}/edit/"


def test_pages_that_are_allowed_record_no_refusal(client, moderator, review_round):
    client.force_login(moderator)
    assert client.get("/en/triage/comments/").status_code == 200
    assert events(AuditAction.PERMISSION_DENIED) == []


# --- Roles, accounts, memberships -------------------------------------------------------------------


def test_roles_granted_and_withdrawn_are_recorded_from_either_side(reviewer):
    moderators, _ = Group.objects.get_or_create(name=MODERATORS)
    reviewer.groups.add(moderators)
    moderators.user_set.remove(reviewer)
    reviewer.groups.add(moderators)
    reviewer.groups.clear()
    roles = AuditEvent.objects.filter(action__in=[AuditAction.ROLE_GRANTED, AuditAction.ROLE_REVOKED])
    assert [(e.action, e.object_id, e.detail["roles"]) for e in roles.order_by("pk")] == [
        (AuditAction.ROLE_GRANTED, str(reviewer.pk), [MODERATORS]),
        (AuditAction.ROLE_REVOKED, str(reviewer.pk), [MODERATORS]),
        (AuditAction.ROLE_GRANTED, str(reviewer.pk), [MODERATORS]),
        (AuditAction.ROLE_REVOKED, str(reviewer.pk), [MODERATORS]),
    ]


def test_a_role_given_in_the_admin_is_recorded_with_the_admin_as_actor(client, secretary, reviewer):
    moderators, _ = Group.objects.get_or_create(name=MODERATORS)
    client.force_login(secretary)
    page = client.get(f"/en/admin/accounts/user/{reviewer.pk}/change/")
    assert page.status_code == 200
    data = {
        "email": reviewer.email,
        "full_name": reviewer.full_name,
        "preferred_language": "en",
        "time_zone": reviewer.time_zone or "Europe/Zurich",
        "is_active": "on",
        "is_staff": "on",
        "groups": [moderators.pk],
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
    }
    response = client.post(f"/en/admin/accounts/user/{reviewer.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    granted = events(AuditAction.ROLE_GRANTED)
    assert [(e.actor, e.object_id, e.detail["roles"]) for e in granted] == [(secretary, str(reviewer.pk), [MODERATORS])]
    (status,) = [e for e in events(AuditAction.ACCOUNT_CHANGED) if e.detail["created"] is False]
    assert status.detail["is_staff"] == [False, True] and status.actor == secretary


def test_deactivation_is_recorded(reviewer, secretary):
    from accounts.services import user_set_active

    user_set_active(user=reviewer, active=False, actor=secretary)
    (event,) = [e for e in events(AuditAction.ACCOUNT_CHANGED) if e.detail.get("created") is False]
    assert event.detail["is_active"] == [True, False]


def test_memberships_added_changed_and_removed_are_recorded(states):
    membership = MembershipFactory(member_state=states["MA"], role="contributor")
    membership.role = "focal_point"
    membership.save()
    membership.save()  # nothing changed: nothing recorded
    Membership.objects.get(pk=membership.pk).delete()
    recorded = [
        (e.action, e.detail.get("changed")) for e in AuditEvent.objects.filter(object_type="champions.membership")
    ]
    assert sorted(recorded, key=lambda r: r[0]) == sorted(
        [
            (AuditAction.MEMBERSHIP_ADDED, None),
            (AuditAction.MEMBERSHIP_CHANGED, {"role": ["contributor", "focal_point"]}),
            (AuditAction.MEMBERSHIP_REMOVED, None),
        ],
        key=lambda r: r[0],
    )
    assert all(e.detail["delegation"] for e in AuditEvent.objects.filter(object_type="champions.membership"))


# --- Dispositions, publications, downloads ---------------------------------------------------------


@pytest.fixture
def comments(review_round, section, states, moderator):
    return [
        submitted(review_round, section, states["MA"], moderator, body="First."),
        submitted(review_round, section, states["KE"], moderator, body="Second."),
    ]


def test_a_disposition_is_recorded_once_with_its_comment(client, moderator, comments):
    comment = comments[0]
    client.force_login(moderator)
    data = {"lock_version": comment.lock_version, "disposition": "accepted", "response": "Thank you.", "priority": 2}
    assert client.post(f"/en/triage/comments/{comment.pk}/", data).status_code == 302
    (event,) = events(AuditAction.DISPOSITION)
    assert event.actor == moderator and event.object_id == str(comment.pk)
    assert event.detail == {"comments": [comment.pk], "dispositions": ["accepted"]}
    data["lock_version"] = comment.lock_version + 1
    data["response"] = "Thank you again."  # the response changes, the disposition does not
    client.post(f"/en/triage/comments/{comment.pk}/", data)
    assert len(events(AuditAction.DISPOSITION)) == 1


def test_a_bulk_disposition_is_one_event_naming_every_comment(client, moderator, comments):
    client.force_login(moderator)
    client.post("/en/triage/comments/", {"action": "disposition", "scope": "all", "disposition": "noted"})
    (event,) = events(AuditAction.DISPOSITION)
    assert event.detail["comments"] == sorted(c.pk for c in comments) and event.object_label == "2 comments"


def test_a_matrix_upload_s_dispositions_are_recorded_like_the_page_s(moderator, comments):
    from reviews.selectors.matrix import matrix_comments
    from reviews.services import matrix

    with matrix.matrix_xlsx_file(matrix_comments({}), "en") as exported:
        workbook = load_workbook(io.BytesIO(exported.read()))
    sheet = workbook.worksheets[0]
    column = [cell.value for cell in sheet[1]].index("Disposition") + 1
    sheet.cell(row=2, column=column, value="Accepted")
    content = io.BytesIO()
    workbook.save(content)
    preview = matrix.matrix_upload_parse(content.getvalue(), moderator)
    assert matrix.matrix_upload_apply(preview, moderator).changed == 1
    (event,) = events(AuditAction.DISPOSITION)
    assert event.actor == moderator and event.detail["dispositions"] == ["accepted"]


def test_a_failed_bulk_action_records_nothing(client, moderator, comments):
    client.force_login(moderator)
    client.post("/en/triage/comments/", {"action": "disposition", "scope": "all", "disposition": "duplicate"})
    assert events(AuditAction.DISPOSITION) == []


def test_a_publication_is_recorded_with_its_round_and_comments(client, moderator, comments, review_round):
    client.force_login(moderator)
    client.post("/en/triage/comments/", {"action": "disposition", "scope": "all", "disposition": "noted"})
    client.post(f"/en/triage/rounds/{review_round.pk}/publish/", {"scope": "all"})
    (event,) = events(AuditAction.PUBLICATION)
    assert event.object_type == "reviews.reviewround" and event.object_id == str(review_round.pk)
    assert sorted(event.detail["comments"]) == sorted(c.pk for c in comments)


def test_a_download_is_recorded_with_its_file_name_and_filters(client, moderator, comments):
    client.force_login(moderator)
    response = client.get("/en/triage/export/?format=csv&group=champion")
    assert response.status_code == 200
    b"".join(response.streaming_content)
    (event,) = events(AuditAction.EXPORT)
    assert event.actor == moderator and event.object_label.endswith(".csv")
    assert event.detail["view"] == "reviews:matrix_export" and "group=champion" in event.detail["query"]


def test_pages_are_not_downloads(client, moderator, comments):
    client.force_login(moderator)
    client.get("/en/triage/comments/")
    assert events(AuditAction.EXPORT) == []


# --- Append-only, admin view, neutralised text -------------------------------------------------------


def test_the_application_cannot_change_or_remove_an_event(client, reviewer):
    sign_in(client, reviewer.email, "wrong")
    event = AuditEvent.objects.get(action=AuditAction.SIGN_IN_FAILED)
    event.object_label = "nothing happened"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(object_label="nothing")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).object_label == reviewer.email


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the database trigger is PostgreSQL's")
def test_on_postgresql_the_database_refuses_to_change_or_remove_an_event(client, reviewer):
    sign_in(client, reviewer.email, "wrong")
    for sql in ("UPDATE accounts_auditevent SET object_label = 'x'", "DELETE FROM accounts_auditevent"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert AuditEvent.objects.filter(object_label=reviewer.email).count() == 1


def test_removing_an_account_keeps_its_events(client, reviewer):
    client.force_login(reviewer)
    client.post("/en/accounts/logout/")
    reviewer.delete()
    event = AuditEvent.objects.get(action=AuditAction.SIGN_OUT)
    assert event.actor is None and event.actor_label == reviewer.email


def test_admins_read_the_log_with_filters_and_cannot_edit_it(client, secretary, reviewer):
    sign_in(client, reviewer.email, "wrong")
    client.force_login(secretary)
    listing = client.get("/en/admin/accounts/auditevent/?action__exact=sign_in_failed")
    assert listing.status_code == 200
    assert reviewer.email in listing.content.decode()
    assert client.get("/en/admin/accounts/auditevent/?action__exact=export").content.decode().count(reviewer.email) == 0
    event = AuditEvent.objects.get(action=AuditAction.SIGN_IN_FAILED)
    assert client.get("/en/admin/accounts/auditevent/add/").status_code == 403
    assert client.post(f"/en/admin/accounts/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.post(f"/en/admin/accounts/auditevent/{event.pk}/change/", {"object_label": "x"}).status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk, object_label=reviewer.email).exists()


def test_moderators_do_not_read_the_log(client, moderator):
    client.force_login(moderator)
    assert client.get("/en/admin/accounts/auditevent/").status_code in (302, 403)


HOSTILE = "x@example.org\r\n2026-12-01 secretary@example.org sign_in\u202egnp.exe\x00\t"


def test_what_an_attacker_types_cannot_forge_a_line_or_reverse_the_text(client, reviewer, caplog):
    with caplog.at_level(logging.INFO, logger="guidance_review.audit"):
        client.post(
            "/en/accounts/login/?next=%0d%0aforged",
            {"login": reviewer.email, "password": "x"},
            HTTP_USER_AGENT="UA\nforged: yes\u202e",
        )
        audit.record(AuditAction.SIGN_IN_FAILED, label=HOSTILE, detail={"account": HOSTILE, HOSTILE: [HOSTILE]})
    failed = events(AuditAction.SIGN_IN_FAILED)
    assert failed[0].user_agent == "UA\\u000aforged: yes\\u202e" and "\n" not in failed[0].path
    hostile = failed[1]
    texts = [hostile.object_label, hostile.detail["account"], *hostile.detail, *next(iter(hostile.detail.values()))]
    for text in texts:
        assert not any(ch in text for ch in "\r\n\t\x00\u202e"), text
    assert "\\u000d\\u000a2026-12-01" in hostile.object_label and "\\u202egnp.exe" in hostile.object_label
    lines = [r.getMessage() for r in caplog.records if r.name == "guidance_review.audit"]
    assert len(lines) == 2 and all("\n" not in line and "\r" not in line for line in lines)
    assert json.loads(lines[1])["label"] == hostile.object_label
