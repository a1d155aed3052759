"""The world the route matrix is walked in (tests/security/route_matrix.py, docs/security.md "Route matrix").

One open round on a version with a section and paragraphs. Delegation A (Morocco, a Champion
country) has its focal point, a draft and a submission (its receipt, a submitted comment with an
attachment), a letter received outside the app, a pilot with an update and a file, an activity, a
practice in draft and a published one; delegation B (Mexico) has a contributor, a draft and a
submitted comment; an organisation of the reference group has a member and a draft. The working
group: a drafter, a moderator and an admin (superuser), each with TOTP; an export job, a theme, a
pending and a revoked invitation; and a published (final) version of another document.
"""

import datetime
import uuid
from dataclasses import dataclass

from allauth.usersessions.models import UserSession
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.roles import DRAFTERS, MODERATORS
from champions.enums import ReviewerGroup
from champions.models import ChampionRole, Delegation, Invitation, Membership
from champions.services.activities import activity_create
from champions.services.invitations import invitation_create
from champions.services.pilots import pilot_create, pilot_update_post
from champions.services.practices import practice_create
from reviews.models import ExportJob, ReviewRound, Theme
from reviews.services.attachments import attachment_add
from reviews.services.comments import comment_create
from reviews.services.feedback import external_feedback_record
from reviews.services.submissions import submission_submit
from tests.conftest import STATES, with_mfa
from tests.factories import (
    BlockFactory,
    GuidingPrincipleFactory,
    MembershipFactory,
    MemberStateFactory,
    ObjectiveFactory,
    OrganisationFactory,
    PracticeFactory,
    SectionFactory,
    UserFactory,
    VersionFactory,
)

PDF = b"%PDF-1.4\n% route matrix\n"
INVITATION_KEY = "route-matrix-invitation-key"
REVOKED_INVITATION_KEY = "route-matrix-revoked-invitation-key"


@dataclass
class World:
    users: dict
    review_round: object
    version: object
    section: object
    state_a: object
    state_b: object
    organisation: object
    draft_a: object
    submitted_a: object
    attachment_a: object
    draft_attachment_a: object
    submission_a: object
    feedback_a: object
    draft_b: object
    submitted_b: object
    draft_org: object
    pilot_a: object
    pilot_file_a: object
    activity_a: object
    practice_a: object
    published_practice: object
    champion_role_a: object
    membership_a: object
    export_job: object
    theme: object
    invitation: object
    moderators: object
    final_version: object = None
    final_section: object = None
    invitation_key: str = INVITATION_KEY
    revoked_invitation_key: str = REVOKED_INVITATION_KEY

    @property
    def document(self) -> str:
        return self.version.document.slug

    def first(self, label: str):
        """The first object of a model (``"app_label.Model"``), for the admin's object pages."""
        return apps.get_model(label).objects.order_by("pk").first()


def _user(email, *groups, mfa=False, **fields):
    user = UserFactory(email=email, **fields)
    for name in groups:
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    return with_mfa(user) if mfa else user


def build_world() -> World:
    states = {
        code: MemberStateFactory(
            country=code, iso3=iso3, name_en=name, region=region, regional_group=group, is_champion=champion
        )
        for code, (iso3, name, region, group, champion) in STATES.items()
    }
    state_a, state_b = states["MA"], states["MX"]
    moderator = _user("moderator@example.org", MODERATORS, mfa=True)
    drafter = _user("drafter@example.org", DRAFTERS, mfa=True)
    admin = _user("admin@example.org", mfa=True, is_staff=True, is_superuser=True)
    reviewer_a = _user("a@example.org")
    MembershipFactory(user=reviewer_a, member_state=state_a, role="focal_point")
    colleague_a = _user("colleague.a@example.org")
    colleague = MembershipFactory(user=colleague_a, member_state=state_a, role="contributor")
    reviewer_b = _user("b@example.org")
    MembershipFactory(user=reviewer_b, member_state=state_b, role="contributor")
    organisation = OrganisationFactory(name="Migrants' Rights Network", kind="civil_society", in_reference_group=True)
    org_member = _user("ngo@example.org")
    MembershipFactory(user=org_member, member_state=None, organisation=organisation, role="focal_point")

    version = VersionFactory(document__slug="booklet", slug="draft-1", status="in_review")
    section = SectionFactory(version=version, anchor="objective-5", number="1", order=1, title_en="Objective 5")
    BlockFactory(section=section, key="para01", position=1, text_en="Regular pathways matter.")
    BlockFactory(section=section, key="para02", position=2, text_en="Second paragraph.")
    review_round = ReviewRound.objects.create(
        title_en="First consultation",
        opens_at=timezone.now() - datetime.timedelta(days=1),
        closes_at=timezone.now() + datetime.timedelta(days=10),
        audience_groups=[ReviewerGroup.CHAMPION, ReviewerGroup.MEMBER_STATE, ReviewerGroup.REFERENCE_GROUP],
        created_by=moderator,
    )
    review_round.versions.add(version)

    def comment(author, body, state="draft", **delegation):
        return comment_create(
            review_round=review_round,
            section=section,
            author=author,
            body=body,
            kind="general",
            language="en",
            state=state,
            on_behalf=state != "draft",
            delegation=Delegation(**delegation),
        )

    to_submit = comment(reviewer_a, "Morocco's submitted comment.", member_state=state_a)
    attachment_a = attachment_add(comment=to_submit, upload=SimpleUploadedFile("Notre avis.pdf", PDF), actor=reviewer_a)
    submission_a = submission_submit(
        review_round=review_round, delegation=Delegation(member_state=state_a), actor=reviewer_a, token=uuid.uuid4()
    )
    to_submit.refresh_from_db()
    draft_a = comment(colleague_a, "Morocco's draft.", member_state=state_a)
    draft_attachment_a = attachment_add(
        comment=draft_a, upload=SimpleUploadedFile("Brouillon.pdf", PDF), actor=colleague_a
    )
    draft_b = comment(reviewer_b, "Mexico's draft.", member_state=state_b)
    submitted_b = comment(moderator, "Mexico's submitted comment.", state="submitted", member_state=state_b)
    draft_org = comment(org_member, "The network's draft.", organisation=organisation)
    feedback_a = external_feedback_record(
        review_round=review_round,
        member_state=state_a,
        source="written",
        received_on=timezone.localdate(),
        letter=SimpleUploadedFile("Lettre.pdf", PDF),
        actor=moderator,
    )

    for kind in ("tester", "promoter"):
        role = ChampionRole.objects.create(member_state=state_a, kind=kind)
    pilot_a = pilot_create(
        member_state=state_a,
        title="Labour mobility pilot",
        version=version,
        objectives=[ObjectiveFactory(number=5)],
        actor=reviewer_a,
    )
    update = pilot_update_post(
        pilot=pilot_a,
        body="Started.",
        language="en",
        attachments=[SimpleUploadedFile("step.pdf", PDF)],
        actor=reviewer_a,
    )
    activity_a = activity_create(
        member_state=state_a, kind="briefing", held_on=timezone.localdate(), title="Briefing", actor=reviewer_a
    )
    practice_a = practice_create(
        member_state=state_a,
        kind="case_study",
        original_language="en",
        title_en="Draft practice",
        summary_en="S",
        body_en="B",
        actor=reviewer_a,
    )
    published_practice = PracticeFactory(member_state=state_a, status="published", author=reviewer_a)

    export_job = ExportJob.objects.create(created_by=moderator, format="csv", status="done", file_name="matrix.csv")
    export_job.file.save("matrix.csv", ContentFile(b"ID\n"), save=True)
    theme = Theme.objects.create(name_en="Data")
    invitation = invitation_create(
        email="new.fp@example.org",
        member_state=states["KE"],
        role="focal_point",
        language="fr",
        invited_by=moderator,
        send=False,
    )
    Invitation.objects.filter(pk=invitation.pk).update(key_hash=Invitation.hash_key(INVITATION_KEY))
    revoked = invitation_create(
        email="former.fp@example.org",
        member_state=states["FR"],
        role="focal_point",
        language="fr",
        invited_by=moderator,
        send=False,
    )
    Invitation.objects.filter(pk=revoked.pk).update(
        key_hash=Invitation.hash_key(REVOKED_INVITATION_KEY), revoked_at=timezone.now()
    )
    # Published guidance: a final version of the Guide, public.
    final_version = VersionFactory(document__slug="guide", slug="v1", status="final")
    final_section = SectionFactory(version=final_version, anchor="introduction", number="1", order=1)
    BlockFactory(section=final_section, key="intro1", position=1, text_en="Published text.")

    # One object of each model the admin lists that the world has no other reason to hold.
    GuidingPrincipleFactory(key="sovereignty", position=1)
    UserSession.objects.create(user=reviewer_a, ip="192.0.2.1", session_key="route-matrix", user_agent="test")
    DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="reviews.tasks.send_receipt",
        backend_name="default",
        run_after=timezone.now(),
        exception_class_path="",
        traceback="",
    )

    users = {
        "anonymous": None,
        "reviewer_a": reviewer_a,
        "reviewer_b": reviewer_b,
        "organisation": org_member,
        "drafter": drafter,
        "moderator": moderator,
        "moderator_1fa": moderator,
        "admin": admin,
        "admin_1fa": admin,
    }
    return World(
        users=users,
        review_round=review_round,
        version=version,
        section=section,
        state_a=state_a,
        state_b=state_b,
        organisation=organisation,
        draft_a=draft_a,
        submitted_a=to_submit,
        attachment_a=attachment_a,
        draft_attachment_a=draft_attachment_a,
        submission_a=submission_a,
        feedback_a=feedback_a,
        draft_b=draft_b,
        submitted_b=submitted_b,
        draft_org=draft_org,
        pilot_a=pilot_a,
        pilot_file_a=update.attachments.get(),
        activity_a=activity_a,
        practice_a=practice_a,
        published_practice=published_practice,
        champion_role_a=role,
        membership_a=Membership.objects.get(pk=colleague.pk),
        export_job=export_job,
        theme=theme,
        invitation=invitation,
        moderators=Group.objects.get(name=MODERATORS),
        final_version=final_version,
        final_section=final_section,
    )
