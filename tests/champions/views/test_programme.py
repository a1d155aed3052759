"""Pages of the Champions programme: who gets what (200, 403, 404, sign-in), forms keep what was typed,
and a constant number of queries."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from champions.models import ChampionRole, Pilot, Practice
from champions.services.activities import activity_create
from champions.services.pilots import pilot_create, pilot_update_post
from champions.services.practices import practice_create, practice_transition
from tests.factories import MemberStateFactory, ObjectiveFactory, PilotUpdateFactory, PracticeFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% demo\n"


def html(response) -> str:
    return response.content.decode()


def test_signed_out_visitors_are_asked_to_sign_in(client, pilot_ma):
    for url in (
        reverse("champions:programme_overview"),
        reverse("champions:programme_country", args=["ma"]),
        pilot_ma.get_absolute_url(),
        reverse("champions:pilot_detail", args=[999999]),
    ):
        response = client.get(url)
        assert (response.status_code, response["Location"].split("?")[0]) == (302, "/en/accounts/login/")


@pytest.mark.parametrize(
    ("who", "status"),
    [("reviewer_a", 403), ("drafter", 403), ("moderator", 200), ("admin_user", 200)],
)
def test_the_overview_is_for_the_working_group(request, client, programme, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("champions:programme_overview")).status_code == status


@pytest.mark.parametrize(
    ("who", "status"),
    [("reviewer_a", 200), ("contributor_ma", 200), ("focal_mx", 404), ("reviewer_b", 404), ("moderator", 200)],
)
def test_a_country_page_is_for_its_people_and_the_working_group(request, client, pilot_ma, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("champions:programme_country", args=["ma"])).status_code == status
    assert client.get(pilot_ma.get_absolute_url()).status_code == status


def test_another_countrys_objects_answer_404_to_a_focal_point(client, pilot_ma, focal_mx, reviewer_a):
    practice = practice_create(
        member_state=pilot_ma.member_state,
        kind="case_study",
        original_language="en",
        title_en="T",
        summary_en="S",
        body_en="B",
        actor=reviewer_a,
    )
    update = pilot_update_post(
        pilot=pilot_ma, body="x", language="en", attachments=[SimpleUploadedFile("a.pdf", PDF)], actor=reviewer_a
    )
    client.force_login(focal_mx)
    urls = [
        reverse("champions:pilot_edit", args=[pilot_ma.pk]),
        reverse("champions:practice_detail", args=[practice.pk]),
        reverse("champions:practice_edit", args=[practice.pk]),
        reverse("champions:pilot_attachment", args=[update.attachments.get().pk]),
        reverse("champions:pilot_create", args=["ma"]),
        reverse("champions:practice_create", args=["ma"]),
    ]
    assert [client.get(url).status_code for url in urls] == [404] * len(urls)
    response = client.post(pilot_ma.get_absolute_url(), {"action": "status", "status": "withdrawn"})
    assert response.status_code == 404
    pilot_ma.refresh_from_db()
    assert pilot_ma.status == "planned"


def test_a_contributor_sees_but_does_not_change(client, pilot_ma, contributor_ma):
    client.force_login(contributor_ma)
    assert client.get(reverse("champions:pilot_edit", args=[pilot_ma.pk])).status_code == 403
    assert client.post(pilot_ma.get_absolute_url(), {"action": "update", "body": "x"}).status_code == 403


def test_a_focal_point_records_a_pilot(client, programme, piloted_version, reviewer_a):
    objective = ObjectiveFactory(number=7)
    client.force_login(reviewer_a)
    response = client.post(
        reverse("champions:pilot_create", args=["ma"]),
        {
            "title": "Skills partnership pilot",
            "version": piloted_version.pk,
            "starts_on": "2026-03-01",
            "ends_on": "2026-12-31",
            "lead_agency": "Ministry of Labour",
            "objectives": [objective.pk],
        },
    )
    pilot = Pilot.objects.get(title="Skills partnership pilot")
    assert response["Location"] == pilot.get_absolute_url()
    assert (pilot.member_state, pilot.status, list(pilot.objectives.all())) == (programme["MA"], "planned", [objective])


def test_a_bad_pilot_form_keeps_what_was_typed(client, programme, piloted_version, reviewer_a):
    client.force_login(reviewer_a)
    response = client.post(
        reverse("champions:pilot_create", args=["ma"]),
        {"title": "My pilot", "version": piloted_version.pk, "starts_on": "2026-05-01", "ends_on": "2026-04-01"},
    )
    page = html(response)
    assert response.status_code == 200
    assert "The end date is before the start date." in page
    assert 'value="My pilot"' in page


def test_a_step_back_without_a_reason_keeps_the_form(client, pilot_ma, reviewer_a):
    client.force_login(reviewer_a)
    url = pilot_ma.get_absolute_url()
    today = timezone.localdate().isoformat()
    response = client.post(url, {"action": "status", "status": "preparing", "changed_on": today, "note": "Started"})
    assert response.status_code == 302
    response = client.post(url, {"action": "status", "status": "planned", "changed_on": today, "note": ""})
    assert response.status_code == 200
    assert "needs a reason: please write it in the note." in html(response)
    response = client.post(url, {"action": "status", "status": "planned", "changed_on": today, "note": "Budget cut"})
    assert response.status_code == 302
    page = html(client.get(url))
    assert "Budget cut" in page
    assert "Step back" in page


def test_an_update_with_a_file_is_posted_and_downloaded(client, pilot_ma, reviewer_a, contributor_ma):
    client.force_login(reviewer_a)
    response = client.post(
        pilot_ma.get_absolute_url(),
        {
            "action": "update",
            "posted_on": timezone.localdate().isoformat(),
            "body": "Workshop held.",
            "attachments": [SimpleUploadedFile("report.pdf", PDF)],
        },
    )
    assert response.status_code == 302
    attachment = pilot_ma.updates.get().attachments.get()
    client.force_login(contributor_ma)
    download = client.get(attachment.get_absolute_url())
    assert (download.status_code, b"".join(download.streaming_content)) == (200, PDF)
    assert download["Content-Disposition"] == 'attachment; filename="report.pdf"'


def test_a_focal_point_logs_an_activity(client, programme, reviewer_a):
    client.force_login(reviewer_a)
    response = client.post(
        reverse("champions:activity_create", args=["ma"]),
        {
            "kind": "peer_learning",
            "held_on": "2026-06-01",
            "title": "Peer learning in Rabat",
            "countries": [programme["MX"].pk],
        },
    )
    assert response.status_code == 302
    activity = programme["MA"].activities.get()
    assert (activity.title, list(activity.countries.all())) == ("Peer learning in Rabat", [programme["MX"]])


def test_the_practice_workflow_through_the_pages(client, programme, reviewer_a, moderator):
    client.force_login(reviewer_a)
    response = client.post(
        reverse("champions:practice_create", args=["ma"]),
        {
            "kind": "case_study",
            "original_language": "es",
            "title_es": "Ventanilla única",
            "summary_es": "Un resumen.",
            "body_es": "El texto.",
        },
    )
    practice = Practice.objects.get()
    assert response["Location"] == practice.get_manage_url()
    client.post(practice.get_manage_url(), {"action": "submit", "message": ""})
    assert client.get(reverse("champions:practice_edit", args=[practice.pk])).status_code == 403

    client.force_login(moderator)
    response = client.post(practice.get_manage_url(), {"action": "request_changes", "message": ""})
    assert "Please explain in the message what should change." in html(response)
    client.post(practice.get_manage_url(), {"action": "request_changes", "message": "Add the results."})
    practice.refresh_from_db()
    assert practice.status == "changes_requested"

    client.force_login(reviewer_a)
    assert "Add the results." in html(client.get(practice.get_manage_url()))
    client.post(practice.get_manage_url(), {"action": "submit", "message": "Done."})
    client.force_login(moderator)
    client.post(practice.get_manage_url(), {"action": "approve", "message": ""})
    client.post(practice.get_manage_url(), {"action": "publish", "message": ""})
    practice.refresh_from_db()
    assert practice.status == "published"
    assert client.get(practice.get_absolute_url()).status_code == 200


def test_an_admin_cannot_publish_a_draft(client, programme, admin_user):
    practice = PracticeFactory(member_state=programme["MA"], status="draft")
    client.force_login(admin_user)
    response = client.post(practice.get_manage_url(), {"action": "publish", "message": ""})
    assert "Only an approved practice can be published." in html(response)
    practice.refresh_from_db()
    assert practice.status == "draft"


def test_a_focal_point_cannot_approve_their_own_practice(client, programme, reviewer_a):
    practice = PracticeFactory(member_state=programme["MA"], status="submitted")
    client.force_login(reviewer_a)
    assert client.post(practice.get_manage_url(), {"action": "approve"}).status_code == 403
    practice.refresh_from_db()
    assert practice.status == "submitted"


# --- Query budgets ------------------------------------------------------------------------


def many_countries(programme, piloted_version, moderator, count: int):
    """``count`` more Champion countries, each a Tester and Promoter with two pilots, updates and an activity."""
    objective = ObjectiveFactory(number=3)
    for n in range(count):
        state = MemberStateFactory(country=f"Q{chr(65 + n)}", iso3=f"Q{chr(65 + n)}Q", is_champion=True)
        ChampionRole.objects.create(member_state=state, kind="tester")
        ChampionRole.objects.create(member_state=state, kind="promoter")
        for m in range(2):
            pilot = pilot_create(
                member_state=state, title=f"P{n}{m}", version=piloted_version, objectives=[objective], actor=moderator
            )
            PilotUpdateFactory.create_batch(2, pilot=pilot, author=moderator)
        activity_create(
            member_state=state, kind="briefing", held_on=datetime.date(2026, 1, 1), title="B", actor=moderator
        )
    programme["MA"].is_champion = True
    programme["MA"].save()


@pytest.mark.parametrize("count", [1, 6])
def test_the_overview_queries_do_not_grow(
    client, programme, piloted_version, moderator, count, django_assert_num_queries
):
    many_countries(programme, piloted_version, moderator, count)
    client.force_login(moderator)
    with django_assert_num_queries(10):
        response = client.get(reverse("champions:programme_overview"), {"status": "planned"})
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 6])
def test_the_country_page_queries_do_not_grow(client, pilot_ma, moderator, count, django_assert_num_queries):
    for n in range(count):
        pilot_create(member_state=pilot_ma.member_state, title=f"P{n}", version=pilot_ma.version, actor=moderator)
        activity_create(
            member_state=pilot_ma.member_state,
            kind="briefing",
            held_on=datetime.date(2026, 1, 1),
            title="B",
            actor=moderator,
        )
        PracticeFactory(member_state=pilot_ma.member_state)
    client.force_login(moderator)
    with django_assert_num_queries(11):
        response = client.get(reverse("champions:programme_country", args=["ma"]))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 6])
def test_the_pilot_page_queries_do_not_grow(client, pilot_ma, reviewer_a, count, django_assert_num_queries):
    for _n in range(count):
        pilot_update_post(
            pilot=pilot_ma, body="x", language="en", attachments=[SimpleUploadedFile("a.pdf", PDF)], actor=reviewer_a
        )
    client.force_login(reviewer_a)
    with django_assert_num_queries(13):
        response = client.get(pilot_ma.get_absolute_url())
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 6])
def test_the_practice_pages_queries_do_not_grow(client, programme, moderator, count, django_assert_num_queries):
    practice = PracticeFactory(member_state=programme["MA"], status="draft")
    practice_transition(practice=practice, action="submit", actor=moderator)
    for n in range(count):
        PracticeFactory(member_state=programme["MX"], status="submitted", submitted_at=timezone.now())
        activity_create(
            member_state=programme["MX"],
            kind="peer_learning",
            held_on=datetime.date(2026, 2, 1),
            title="S",
            actor=moderator,
        )
        practice_transition(
            practice=practice, action="request_changes" if n % 2 == 0 else "submit", message="m", actor=moderator
        )
    client.force_login(moderator)
    with django_assert_num_queries(9):
        response = client.get(practice.get_manage_url())
    assert response.status_code == 200
    with django_assert_num_queries(7):
        response = client.get(reverse("champions:practice_queue"))
    assert response.status_code == 200
    with django_assert_num_queries(6):
        response = client.get(reverse("champions:activity_list"))
    assert response.status_code == 200
