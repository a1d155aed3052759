import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from champions.models import Invitation, Membership
from champions.services.invitations import invitation_create, invitation_resend, invitation_revoke
from tests.factories import PASSWORD, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http://testserver(/\w\w/invitations/accept/[\w-]+/)")


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "http://testserver"


def invite(states, moderator, email="new.focal@example.org", language="fr", role="focal_point", **kwargs):
    return invitation_create(
        email=email, member_state=states["MA"], role=role, language=language, invited_by=moderator, **kwargs
    )


def link_in(message) -> str:
    return LINK.search(message.body).group(1)


def test_invitation_is_emailed_in_the_invitees_language(states, moderator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(states, moderator)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.focal@example.org"]
    assert "Maroc" in message.subject
    assert "/fr/invitations/accept/" in message.body
    assert "Réseau des Nations Unies sur les migrations" in message.body
    assert invitation.key_hash not in message.body  # only the hash is stored, the key only emailed


def test_accepting_creates_the_account_and_membership_and_signs_in(
    client, states, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(states, moderator)
    url = link_in(mail.outbox[0])

    page = client.get(url)
    assert page.status_code == 200
    assert "Maroc" in page.content.decode()

    response = client.post(url, {"full_name": "Nadia Tazi", "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/fr/"
    user = User.objects.get(email="new.focal@example.org")
    assert (user.full_name, user.preferred_language) == ("Nadia Tazi", "fr")
    membership = Membership.objects.get(user=user)
    assert (membership.member_state.country.code, membership.role, membership.is_active) == ("MA", "focal_point", True)
    assert user.emailaddress_set.get().verified is True
    home = client.get("/fr/")
    # The delegation is named in a form that needs no article ("Délégation : Maroc"), never "au nom de Maroc".
    assert "<strong>Maroc</strong>" in home.content.decode()
    assert "au nom de Maroc" not in home.content.decode()


def test_a_used_link_cannot_be_used_again(client, states, moderator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(states, moderator)
    url = link_in(mail.outbox[0])
    client.post(url, {"full_name": "A", "password1": PASSWORD, "password2": PASSWORD})
    client.logout()
    response = client.post(url, {"full_name": "B", "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 410
    assert "déjà été utilisée" in response.content.decode()
    assert User.objects.filter(email="new.focal@example.org").count() == 1


def test_an_expired_link_is_refused(client, states, moderator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(states, moderator, language="en")
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    response = client.get(link_in(mail.outbox[0]))
    assert response.status_code == 410
    assert "This invitation has expired" in response.content.decode()


def test_a_revoked_link_is_refused(client, states, moderator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(states, moderator, language="en")
    invitation_revoke(invitation=invitation, actor=moderator)
    response = client.post(link_in(mail.outbox[0]), {"full_name": "X", "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 410
    assert "withdrawn" in response.content.decode()
    assert not User.objects.filter(email="new.focal@example.org").exists()


@pytest.mark.parametrize("key", ["forged-key", "a" * 43, "<script>alert(1)<script>"])
def test_a_forged_link_is_a_404(client, states, key):
    with translation.override("en"):
        url = reverse("champions:invitation_accept", kwargs={"key": key})
    response = client.get(url)
    assert response.status_code == 404
    assert "This invitation link is not valid" in response.content.decode()


def test_resending_invalidates_the_previous_link(client, states, moderator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(states, moderator, language="en")
    first = link_in(mail.outbox[0])
    with django_capture_on_commit_callbacks(execute=True):
        invitation_resend(invitation=invitation, actor=moderator)
    second = link_in(mail.outbox[1])
    assert first != second
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200
    invitation.refresh_from_db()
    assert invitation.send_count == 2


def test_inviting_the_same_person_again_renews_the_pending_invitation(states, moderator):
    first = invite(states, moderator)
    second = invite(states, moderator, role="contributor")
    assert first.pk == second.pk
    assert Invitation.objects.count() == 1
    assert Invitation.objects.get().role == "contributor"


def test_an_existing_member_cannot_be_invited_again(states, moderator, reviewer_a):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        invite(states, moderator, email=reviewer_a.email)
    assert "already a member" in str(error.value)


def test_opened_while_signed_in_as_someone_else(
    client, states, moderator, reviewer_b, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(states, moderator, language="en")
    url = link_in(mail.outbox[0])
    client.force_login(reviewer_b)
    page = client.get(url).content.decode()
    assert "but you are signed in as b@example.org" in page
    client.post(url)
    assert not Membership.objects.filter(member_state=states["MA"], user=reviewer_b).exists()
    assert Invitation.objects.get().accepted_at is None


def test_an_existing_account_accepts_after_signing_in(client, states, moderator, django_capture_on_commit_callbacks):
    existing = UserFactory(email="new.focal@example.org")
    MembershipFactory(user=existing, member_state=states["MX"])
    with django_capture_on_commit_callbacks(execute=True):
        invite(states, moderator, language="en")
    url = link_in(mail.outbox[0])
    assert "You already have an account" in client.get(url).content.decode()
    client.force_login(existing)
    response = client.post(url)
    assert response.status_code == 302
    assert set(Membership.objects.filter(user=existing).values_list("member_state__country", flat=True)) == {"MA", "MX"}


def test_a_focal_point_invitation_makes_the_previous_focal_point_a_contributor(
    client, states, moderator, reviewer_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(states, moderator, language="en")
    client.post(link_in(mail.outbox[0]), {"full_name": "New", "password1": PASSWORD, "password2": PASSWORD})
    roles = dict(Membership.objects.filter(member_state=states["MA"]).values_list("user__email", "role"))
    assert roles == {"a@example.org": "contributor", "new.focal@example.org": "focal_point"}


def test_weak_password_keeps_the_name_typed(client, states, moderator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(states, moderator, language="en")
    url = link_in(mail.outbox[0])
    response = client.post(url, {"full_name": "Nadia Tazi", "password1": "short", "password2": "short"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Nadia Tazi"' in html
    assert "There is a problem" in html
    assert not User.objects.filter(email="new.focal@example.org").exists()


def test_moderator_invites_from_the_invitations_page(client, states, moderator, django_capture_on_commit_callbacks):
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/invitations/",
            {"email": "x@example.org", "member_state": states["KE"].pk, "role": "contributor", "language": "es"},
        )
    assert response.status_code == 302
    assert mail.outbox[0].to == ["x@example.org"]
    assert "/es/invitations/accept/" in mail.outbox[0].body


def test_invitation_form_with_both_delegations_keeps_input(client, states, moderator):
    from tests.factories import OrganisationFactory

    client.force_login(moderator)
    organisation = OrganisationFactory()
    response = client.post(
        "/en/invitations/",
        {
            "email": "x@example.org",
            "member_state": states["KE"].pk,
            "organisation": organisation.pk,
            "role": "contributor",
            "language": "es",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Choose either a Member State or an organisation." in html
    assert 'value="x@example.org"' in html
    assert Invitation.objects.count() == 0


@pytest.mark.parametrize("who", ["reviewer_a", "drafter"])
def test_reviewers_and_drafters_cannot_invite(client, request, states, who):
    client.force_login(request.getfixturevalue(who))
    response = client.post(
        "/en/invitations/",
        {"email": "x@example.org", "member_state": states["KE"].pk, "role": "contributor", "language": "en"},
    )
    assert response.status_code == 403
    assert "You do not have access to this page" in response.content.decode()
    assert Invitation.objects.count() == 0
