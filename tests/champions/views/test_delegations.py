import pytest
from allauth.usersessions.models import UserSession

from champions.models import ChampionRole, Membership
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_admin_adds_and_removes_a_champion_role(client, states, admin_user):
    client.force_login(admin_user)
    response = client.post(
        "/en/champions/fr/",
        {"action": "role", "role-kind": "tester", "role-started_on": "2026-01-15", "role-note": "Pilot in 2026"},
    )
    assert response.status_code == 302
    role = ChampionRole.objects.get(member_state=states["FR"])
    assert (role.kind, str(role.started_on), role.note) == ("tester", "2026-01-15", "Pilot in 2026")
    states["FR"].refresh_from_db()
    assert (states["FR"].is_champion, str(states["FR"].champion_since)) == (True, "2026-01-15")

    client.post(f"/en/champions/fr/roles/{role.pk}/remove/")
    assert not ChampionRole.objects.filter(member_state=states["FR"]).exists()
    page = client.get("/en/champions/fr/").content.decode()
    assert (
        "admin@example.org</strong>: removed the role “Tester/Piloter”" in page
        or "removed the role “Tester/Piloter”" in page
    )
    assert "added the role “Tester/Piloter”" in page


def test_a_duplicate_role_is_refused_and_keeps_the_note(client, states, admin_user):
    ChampionRole.objects.create(member_state=states["MA"], kind="partner")
    client.force_login(admin_user)
    response = client.post(
        "/en/champions/ma/",
        {"action": "role", "role-kind": "partner", "role-started_on": "2026-01-15", "role-note": "My note"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Morocco already has the role “Partner/Collaborator”." in html
    assert 'value="My note"' in html


def test_forged_membership_of_another_country_is_a_404(client, states, admin_user, reviewer_b):
    membership = Membership.objects.get(user=reviewer_b)
    client.force_login(admin_user)
    response = client.post(f"/en/champions/ma/members/{membership.pk}/toggle/")
    assert response.status_code == 404
    membership.refresh_from_db()
    assert membership.is_active is True


def test_deactivating_a_membership_ends_the_persons_sessions(
    client, states, admin_user, reviewer_a, django_capture_on_commit_callbacks
):
    other = client.__class__()
    other.post("/en/accounts/login/", {"login": reviewer_a.email, "password": "correct-horse-battery-staple"})
    assert UserSession.objects.filter(user=reviewer_a).count() == 1
    assert other.get("/fr/profile/").status_code == 200

    membership = Membership.objects.get(user=reviewer_a)
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/champions/ma/members/{membership.pk}/toggle/", follow=True)
    assert response.status_code == 200

    membership.refresh_from_db()
    assert membership.is_active is False
    assert UserSession.objects.filter(user=reviewer_a).count() == 0
    assert other.get("/fr/profile/").status_code == 302  # signed out: sent to the sign-in page


def test_transferring_the_focal_point_role(client, states, admin_user, reviewer_a):
    contributor = MembershipFactory(
        user=UserFactory(email="c@example.org"), member_state=states["MA"], role="contributor"
    )
    client.force_login(admin_user)
    client.post(f"/en/champions/ma/members/{contributor.pk}/focal-point/")
    roles = dict(Membership.objects.filter(member_state=states["MA"]).values_list("user__email", "role"))
    assert roles == {"a@example.org": "contributor", "c@example.org": "focal_point"}


@pytest.mark.parametrize("who", ["reviewer_a", "moderator", "drafter"])
def test_only_admins_manage_champions(client, request, states, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get("/en/champions/").status_code == 403
    assert client.post("/en/champions/ma/", {"action": "details", "details-notes": "x"}).status_code == 403


def test_anonymous_is_sent_to_sign_in(client, states):
    response = client.get("/en/champions/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


@pytest.mark.parametrize("extra", [1, 6])
def test_champion_list_queries_do_not_grow(client, states, admin_user, extra, django_assert_num_queries):
    for n in range(extra):
        state = states["MA"] if n % 2 else states["MX"]
        MembershipFactory(user=UserFactory(), member_state=state, role="focal_point")
        ChampionRole.objects.get_or_create(member_state=state, kind=["partner", "tester", "promoter"][n % 3])
    client.force_login(admin_user)
    with django_assert_num_queries(7):  # session, user, groups, MFA check, states, roles, people
        response = client.get("/en/champions/")
    assert [s.country.code for s in response.context["champions"]] == ["MX", "MA"]


def test_directory_filters_by_group_region_and_role(client, states, moderator):
    OrganisationFactory(name="Coastal Cities", acronym="CC", in_reference_group=True)
    OrganisationFactory(name="Employers", acronym="EF", in_reference_group=False)
    ChampionRole.objects.create(member_state=states["MA"], kind="tester")
    ChampionRole.objects.create(member_state=states["MX"], kind="partner")
    MembershipFactory(member_state=states["KE"])
    client.force_login(moderator)

    def names(**params):
        context = client.get("/en/delegations/", params).context
        return [s.name_en for s in context["states"]], [o.acronym for o in context["organisations"]]

    assert names() == (["Kenya", "Mexico", "Morocco"], ["CC", "EF"])
    assert names(group="champion") == (["Mexico", "Morocco"], [])
    assert names(group="member_state") == (["Kenya"], [])
    assert names(group="reference_group") == ([], ["CC"])
    assert names(region="africa") == (["Kenya", "Morocco"], [])
    assert names(role="tester") == (["Morocco"], [])


@pytest.mark.parametrize("extra", [1, 6])
def test_directory_queries_do_not_grow(client, states, moderator, extra, django_assert_num_queries):
    for n in range(extra):
        MembershipFactory(user=UserFactory(), member_state=states["KE"], role="focal_point")
        MembershipFactory(user=UserFactory(), member_state=None, organisation=OrganisationFactory(), role="focal_point")
        ChampionRole.objects.get_or_create(member_state=states["MA"], kind=["partner", "tester", "promoter"][n % 3])
    client.force_login(moderator)
    # session, user, groups, MFA check, states, their roles, their focal points, organisations, their focal points
    with django_assert_num_queries(9):
        response = client.get("/en/delegations/")
    assert len(response.context["organisations"]) == extra


def test_account_deactivation_is_in_the_country_history(
    client, states, admin_user, reviewer_a, django_capture_on_commit_callbacks
):
    from accounts.services import user_set_active

    client.force_login(reviewer_a)  # a sign-in changes last_login: not a change worth listing
    with django_capture_on_commit_callbacks(execute=True):
        user_set_active(user=reviewer_a, active=False, actor=admin_user)
    client.force_login(admin_user)
    page = client.get("/en/champions/ma/").content.decode()
    assert "deactivated the account of a@example.org" in page
    assert page.count("a@example.org updated their profile") == 0
