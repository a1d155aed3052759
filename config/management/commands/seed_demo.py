"""Idempotent demo data: reference data, the demo Guide and Booklet in three languages, accounts.

Running it twice changes nothing the second time. Passwords are printed; they are for a
local demonstration only.
"""

import datetime
from pathlib import Path

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.roles import DRAFTERS, MODERATORS
from champions.enums import ReviewerGroup
from champions.models import ChampionRole, Delegation, Membership, MemberState, Organisation
from champions.services.reference import member_states_load_reference
from config.demo_programme import load_programme
from guidance.enums import VersionStatus
from guidance.models import Document, DocumentVersion, Section
from guidance.services import document_version_set_status, guidance_import
from guidance.services.parsing import parse_file
from guidance.services.reference import guiding_principles_load_reference, objectives_load_reference
from reviews.enums import CommentSource, CommentState
from reviews.models import ReviewRound, Theme
from reviews.services.comments import comment_create
from reviews.services.triage import proposal_submit, responses_publish, triage_update

DEMO = Path(__file__).resolve().parents[3] / "guidance" / "demo"
DEMO_VERSION = "Draft 1"
DEMO_PASSWORD = "demo-review-2026"

DOCUMENTS = [
    {
        "slug": "guide",
        "position": 1,
        "title_en": "Guide to implementing the Global Compact for Migration",
        "title_fr": "Guide de mise en œuvre du Pacte mondial sur les migrations",
        "title_es": "Guía para la aplicación del Pacto Mundial para la Migración",
        "summary_en": "An overview of the Global Compact and a step-by-step process for governments and other actors.",
        "summary_fr": (
            "Une présentation du Pacte mondial et une démarche pas à pas "
            "à l’intention des gouvernements et des autres acteurs."
        ),
        "summary_es": "Una presentación del Pacto Mundial y un proceso paso a paso para los gobiernos y otros actores.",
    },
    {
        "slug": "booklet",
        "position": 2,
        "title_en": "Booklet on the 23 objectives",
        "title_fr": "Livret sur les 23 objectifs",
        "title_es": "Folleto sobre los 23 objetivos",
        "summary_en": "Substantive information on each of the 23 objectives, with examples of practical application.",
        "summary_fr": "Des informations de fond sur chacun des 23 objectifs, avec des exemples d’application concrète.",
        "summary_es": "Información sustantiva sobre cada uno de los 23 objetivos, con ejemplos de aplicación práctica.",
    },
]

# Demo Champion countries and roles: illustrative, not the Network's actual records.
CHAMPIONS = {
    "MA": ["partner", "tester", "convenor"],
    "MX": ["partner", "promoter"],
    "PT": ["partner", "tester"],
    "BD": ["tester"],
    "KE": ["partner", "promoter"],
    "CA": ["convenor"],
    "TH": ["tester", "promoter"],
    "CO": ["partner"],
}
CHAMPIONS_SINCE = datetime.date(2023, 3, 1)

ORGANISATIONS = [
    # name, acronym, kind, Member State, reference group
    ("Permanent Mission of Mexico to the United Nations Office at Geneva", "", "permanent_mission", "MX", True),
    ("Permanent Mission of Kenya to the United Nations Office at Geneva", "", "permanent_mission", "KE", True),
    ("International Organization for Migration", "IOM", "un_entity", None, True),
    ("Office of the United Nations High Commissioner for Human Rights", "OHCHR", "un_entity", None, True),
    ("Migrant Rights Alliance (demo)", "MRA", "civil_society", None, True),
    ("Institute for Mobility Studies (demo)", "IMS", "academia", None, False),
    ("Global Employers' Forum on Mobility (demo)", "GEFM", "private_sector", None, False),
    ("International Confederation of Workers (demo)", "ICW", "trade_union", None, False),
    ("Coastal Cities Network (demo)", "CCN", "local_authority", None, True),
]

ACCOUNTS = [
    # email, full name, language, role, delegation (ISO code or organisation acronym/name), membership role
    # People's names, as real accounts have them: "Dear Grace," not "Dear Working,".
    ("admin@example.org", "Ingrid Johansson", "en", "admin", None, None),
    ("moderator@example.org", "Grace Mwangi", "en", "moderator", None, None),
    ("drafter@example.org", "Daniel Okoro", "en", "drafter", None, None),
    ("reviewer@example.org", "Amina Benali", "fr", "reviewer", "MA", "focal_point"),
    ("contributor@example.org", "Youssef Alaoui", "fr", "reviewer", "MA", "contributor"),
    (
        "mission@example.org",
        "Lucía Hernández",
        "es",
        "reviewer",
        "Permanent Mission of Mexico to the United Nations Office at Geneva",
        "focal_point",
    ),
    ("ngo@example.org", "Sam Okafor", "en", "reviewer", "MRA", "focal_point"),
]
DEMO_ROUND = {
    "title_en": "First consultation on the draft guidance (demo)",
    "title_fr": "Première consultation sur le projet d’orientations (démonstration)",
    "title_es": "Primera consulta sobre el proyecto de orientaciones (demostración)",
    "instructions_en": "Please comment section by section. Use *editorial* for wording, *technical* for substance.",
    "instructions_fr": (
        "Veuillez formuler vos commentaires section par section. "
        "Choisissez *rédactionnel* pour la forme et *technique* pour le fond."
    ),
    "instructions_es": (
        "Sírvase formular sus comentarios sección por sección. "
        "Elija *de redacción* para la forma y *técnico* para el fondo."
    ),
}
DEMO_COMMENTS = [
    (
        "6.2",
        "technical",
        "Il serait utile de mentionner les accords de mobilité circulaire.",
        "Ajouter : « y compris des programmes de migration circulaire ».",
    ),
    ("6.3", "editorial", "L’exemple gagnerait à préciser la durée du programme.", ""),
]

DEMO_THEMES = [
    ("Data and evidence", "Données et éléments probants", "Datos y pruebas"),
    ("Regular pathways", "Voies de migration régulière", "Vías de migración regular"),
    ("Gender and age", "Genre et âge", "Género y edad"),
    ("Wording and style", "Rédaction et style", "Redacción y estilo"),
]
# Feedback received from other delegations (entered on their behalf): delegation, document, section, type,
# language, text. Illustrative only.
DEMO_RECEIVED = [
    (
        "MRA",
        "booklet",
        "6.2",
        "technical",
        "en",
        "The possible actions should mention that pathways must be open to workers at all skill levels.",
    ),
    (
        "MX",
        "booklet",
        "6.2",
        "technical",
        "es",
        "Sería útil incluir la portabilidad de la seguridad social en las vías de migración laboral.",
    ),
    ("KE", "booklet", "6.3", "general", "en", "Please add an example of a bilateral labour agreement from Africa."),
    (
        "PT",
        "booklet",
        "2.2",
        "technical",
        "en",
        "Disaggregation by sex and age should be mentioned explicitly for every data source.",
    ),
    ("FR", "booklet", "2.1", "editorial", "fr", "La première phrase gagnerait à être raccourcie."),
    ("IOM", "guide", "2", "general", "en", "The guide could refer to the regional migration data hubs."),
    (
        "BD",
        "booklet",
        "6.2",
        "technical",
        "en",
        "The actions should include pathways for migrants affected by climate change.",
    ),
    (
        "TH",
        "booklet",
        "6.3",
        "general",
        "en",
        "Practical examples would benefit from a short description of the results achieved.",
    ),
]
DEMO_RESPONSES = [
    "Accepted: the next draft says that regular pathways should be available at all skill levels.",
    "Partially accepted: disaggregation by sex and age is now recommended; other characteristics are left "
    "to national practice.",
    "Noted: the working group will review the wording of the whole section.",
    "The next draft will mention social security portability among the possible actions.",
]

# The working group (admins, moderators, drafters) must use two-factor authentication;
# the demo accounts come with it set up.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def refuse_outside_demo() -> None:
    """The demo accounts have a published password and two-factor secret: never on a real site.

    Demo mode is the demo banner (``DJANGO_DEMO_BANNER``): on in development and tests, off in
    production settings unless a demo deployment turns it on and so tells every visitor.
    """
    if not settings.DEMO_BANNER:
        raise CommandError(
            "The demo data creates accounts whose password and two-factor secret are published. "
            "It runs only on a demo site (DJANGO_DEMO_BANNER=true, which shows the demo banner)."
        )


class Command(BaseCommand):
    help = "Load demo data (idempotent): objectives, principles, the demo Guide and Booklet, one account per role."

    @transaction.atomic
    def handle(self, *args, **options):
        refuse_outside_demo()
        self.verbosity = options["verbosity"]
        objectives_load_reference()
        guiding_principles_load_reference()
        member_states_load_reference()
        for spec in DOCUMENTS:
            self._document(spec)
        self._champions()
        self._accounts()
        self._round()
        self._triage()
        load_programme(self.say)  # pilots, activities, practices (config/demo_programme.py)
        self._print_accounts()  # last, below the demo e-mails the console backend prints

    def _document(self, spec: dict) -> None:
        document, _created = Document.objects.update_or_create(
            slug=spec["slug"], defaults={**{k: v for k, v in spec.items() if k != "slug"}, "is_demo": True}
        )
        version = DocumentVersion.objects.filter(document=document, label=DEMO_VERSION).first()
        if version is not None and version.is_frozen:
            self.say(f"{version}: already loaded.")
            return
        for language in ("en", "fr", "es"):
            path = DEMO / f"{spec['slug']}.{language}.md"
            sections = parse_file(name=path.name, content=path.read_bytes())
            report = guidance_import(
                document=document, version_label=DEMO_VERSION, language=language, sections=sections
            )
            self.say(report.summary())
            version = report.version
        document_version_set_status(version=version, status=VersionStatus.IN_REVIEW)

    def _champions(self) -> None:
        for code, kinds in CHAMPIONS.items():
            state = MemberState.objects.get(country=code)
            if not state.is_champion:
                state.is_champion, state.champion_since = True, CHAMPIONS_SINCE
                state.save(update_fields=["is_champion", "champion_since"])
            for kind in kinds:
                ChampionRole.objects.get_or_create(
                    member_state=state, kind=kind, defaults={"started_on": CHAMPIONS_SINCE}
                )
        for name, acronym, kind, code, reference in ORGANISATIONS:
            Organisation.objects.get_or_create(
                name=name,
                defaults={
                    "acronym": acronym,
                    "kind": kind,
                    "member_state": MemberState.objects.get(country=code) if code else None,
                    "in_reference_group": reference,
                },
            )

    def _delegation(self, ref: str) -> Delegation:
        if len(ref) == 2 and ref.isupper():
            return Delegation(member_state=MemberState.objects.get(country=ref))
        organisation = Organisation.objects.filter(acronym=ref).first() or Organisation.objects.get(name=ref)
        return Delegation(organisation=organisation)

    def _accounts(self) -> None:
        User = get_user_model()
        groups = {name: Group.objects.get_or_create(name=name)[0] for name in (MODERATORS, DRAFTERS)}
        self.accounts = []
        for email, name, language, role, delegation, membership_role in ACCOUNTS:
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User.objects.create_user(
                    email=email, password=DEMO_PASSWORD, full_name=name, preferred_language=language
                )
                self._verify_email(user)
            # full_name too: a database seeded before the demo accounts had people's names.
            wanted = {"is_staff": role == "admin", "is_superuser": role == "admin", "full_name": name}
            changed = [field for field, value in wanted.items() if getattr(user, field) != value]
            if changed:
                for field in changed:
                    setattr(user, field, wanted[field])
                user.save(update_fields=changed)
            if role == "moderator":
                user.groups.add(groups[MODERATORS])
            if role == "drafter":
                user.groups.add(groups[DRAFTERS])
            if role in {"admin", "moderator", "drafter"} and not Authenticator.objects.filter(user=user).exists():
                TOTP.activate(user, DEMO_TOTP_SECRET)
            what = {"admin": "admin (secretariat)", "moderator": "moderator", "drafter": "drafter"}.get(role, "")
            if delegation:
                membership, _created = Membership.objects.select_related("member_state", "organisation").get_or_create(
                    user=user, **self._delegation(delegation).fields, defaults={"role": membership_role}
                )
                what = f"{membership.get_role_display()} of {self._delegation_label(membership.delegation)}"
            self.accounts.append(f"  {email:<26} {name:<18} {language}  {what}")

    def _print_accounts(self) -> None:
        self.say(f"\nDemo accounts (local demonstration only; every password: {DEMO_PASSWORD}):")
        for line in self.accounts:
            self.say(line)
        self.say(
            "\nAdmin, moderator and drafter accounts use two-factor authentication. The current code:"
            " .venv/bin/python manage.py demo_totp"
            f" (or add the secret {DEMO_TOTP_SECRET} to an authenticator app)."
        )

    def _round(self) -> None:
        """An open round on the two demo drafts, for every reviewer group, with a few comments."""
        if ReviewRound.objects.filter(title_en=DEMO_ROUND["title_en"]).exists():
            return
        now = timezone.now()
        review_round = ReviewRound.objects.create(
            **DEMO_ROUND,
            opens_at=now - datetime.timedelta(days=14),
            closes_at=(now + datetime.timedelta(days=30)).replace(hour=22, minute=59, second=0, microsecond=0),
            audience_groups=list(ReviewerGroup.values),
            reminder_days=[7, 2],
            created_by=get_user_model().objects.get(email="moderator@example.org"),
        )
        review_round.versions.set(DocumentVersion.objects.filter(label=DEMO_VERSION))
        booklet = DocumentVersion.objects.get(document__slug="booklet", label=DEMO_VERSION)
        sections = {s.number: s for s in booklet.sections.prefetch_related("blocks")}
        author = get_user_model().objects.get(email="contributor@example.org")
        morocco = MemberState.objects.get(country="MA")
        for number, kind, body, proposal in DEMO_COMMENTS:
            section = sections[number]
            block = section.blocks.all()[0]
            comment_create(
                review_round=review_round,
                section=section,
                author=author,
                delegation=Delegation(morocco),
                kind=kind,
                body=body,
                proposed_change=proposal,
                language="fr",
                block_key=block.key,
            )

    def _triage(self) -> None:
        """Themes and comments received from other delegations, some triaged, one response published."""
        if Theme.objects.filter(name_en=DEMO_THEMES[0][0]).exists():
            return
        themes = [Theme.objects.create(name_en=en, name_fr=fr, name_es=es) for en, fr, es in DEMO_THEMES]
        review_round = ReviewRound.objects.get(title_en=DEMO_ROUND["title_en"])
        moderator = get_user_model().objects.get(email="moderator@example.org")
        drafter = get_user_model().objects.get(email="drafter@example.org")
        sections = {
            (s.version.document.slug, s.number): s
            for s in Section.objects.filter(version__in=review_round.versions.all()).select_related("version__document")
        }
        comments = []
        for delegation, document, number, kind, language, body in DEMO_RECEIVED:
            target = self._delegation(delegation)
            comments.append(
                comment_create(
                    review_round=review_round,
                    section=sections[(document, number)],
                    author=moderator,
                    kind=kind,
                    body=body,
                    language=language,
                    source=CommentSource.WRITTEN,
                    state=CommentState.SUBMITTED,
                    on_behalf=True,
                    delegation=target,
                )
            )
        decisions = [
            (0, {"disposition": "accepted", "response": DEMO_RESPONSES[0], "themes": [themes[1]]}),
            (1, {"assignee": drafter, "themes": [themes[0]]}),
            (2, {"assignee": drafter, "themes": [themes[1]], "priority": 1}),
            (3, {"disposition": "partially_accepted", "response": DEMO_RESPONSES[1], "themes": [themes[2]]}),
            (4, {"disposition": "noted", "response": DEMO_RESPONSES[2], "themes": [themes[3]]}),
        ]
        for index, fields in decisions:
            comment = comments[index]
            triage_update(comment=comment, actor=moderator, lock_version=comment.lock_version, **fields)
        comments[1].refresh_from_db()
        proposal_submit(
            comment=comments[1],
            actor=drafter,
            lock_version=comments[1].lock_version,
            disposition="accepted",
            response=DEMO_RESPONSES[3],
        )
        responses_publish(review_round=review_round, actor=moderator, ids=[str(comments[0].pk)], notify=False)

    @staticmethod
    def _delegation_label(delegation) -> str:
        """Morocco (MA), or the organisation's name: in English, the console's language."""
        if delegation.member_state is not None:
            return f"{delegation.member_state.name_in('en')} ({delegation.member_state.country.code})"
        return delegation.name

    def say(self, text: str) -> None:
        if self.verbosity:
            self.stdout.write(text)

    def _verify_email(self, user) -> None:
        from allauth.account.models import EmailAddress

        EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
