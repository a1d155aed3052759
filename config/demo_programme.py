"""Demo data of the Champions programme (seed_demo): pilots at different statuses with their history
and updates, activities of Promoters and Convenors, practices at every workflow state in three
languages, and one item of pilot feedback that became a comment. Illustrative only, not the
Network's records. Idempotent: nothing is added when the first demo pilot exists.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from champions.models import MemberState, Pilot, PilotStatusChange, Practice
from champions.services.activities import activity_create
from champions.services.pilots import pilot_create, pilot_set_status, pilot_update_post
from champions.services.practices import practice_create, practice_message_post, practice_transition
from guidance.models import DocumentVersion, GuidingPrinciple, Objective
from reviews.models import ReviewRound
from reviews.services.pilot_feedback import pilot_feedback_add

DAY = datetime.timedelta(days=1)

# country, title, objectives, principles, lead agency, statuses after "planned" (days ago), updates (language, text)
PILOTS = [
    (
        "MA",
        "Skills partnerships and labour mobility pilot (demo)",
        [5, 18],
        ["people_centred", "international_cooperation"],
        "Ministère de l'Inclusion économique, de la Petite Entreprise, de l'Emploi et des Compétences",
        [("preparing", 120), ("in_progress", 75)],
        [
            (
                "fr",
                "Premier atelier national avec les partenaires sociaux : la liste de contrôle du guide a été utilisée.",
            ),
            ("fr", "Deux accords bilatéraux sont en cours de révision à l'aide du guide."),
        ],
    ),
    (
        "PT",
        "One-stop reception services pilot (demo)",
        [15, 16],
        ["people_centred", "whole_of_government"],
        "Agency for Integration, Migration and Asylum",
        [("preparing", 300), ("in_progress", 240), ("completed", 20)],
        [("en", "Final evaluation shared with the working group; municipalities found the checklists useful.")],
    ),
    (
        "BD",
        "Safe labour migration information pilot (demo)",
        [3, 6],
        ["gender_responsive"],
        "Ministry of Expatriates' Welfare and Overseas Employment",
        [("preparing", 10)],
        [],
    ),
    (
        "TH",
        "Migration data coordination pilot (demo)",
        [1],
        ["whole_of_government"],
        "National Statistical Office",
        [("preparing", 200), ("in_progress", 150), ("paused", 30)],
        [("en", "Paused while the national census is under way; it resumes next quarter.")],
    ),
]

# country, kind, days ago, title, countries involved
ACTIVITIES = [
    ("MX", "briefing", 40, "Briefing of the Group of Friends of the Global Compact (demo)", ["MA", "PT"]),
    ("KE", "regional_review", 90, "Reference to the guidance in the regional review (demo)", []),
    ("MA", "peer_learning", 60, "Peer-learning session on skills partnerships (demo)", ["PT", "BD", "TH"]),
    ("CA", "peer_learning", 25, "Peer exchange on reception services (demo)", ["PT", "MX"]),
    ("TH", "intergovernmental", 15, "Statement at the intergovernmental meeting on migration data (demo)", []),
]

TEXT = {
    "one_stop": {
        "title_en": "One-stop reception centres bring services together (demo)",
        "title_fr": "Des guichets uniques rassemblent les services d'accueil (démonstration)",
        "title_es": "Las ventanillas únicas reúnen los servicios de acogida (demostración)",
        "summary_en": "Municipalities opened single points of contact for newly arrived migrants.",
        "summary_fr": (
            "Des municipalités ont ouvert des points de contact uniques pour les migrants nouvellement arrivés."
        ),
        "summary_es": "Los municipios abrieron puntos de contacto únicos para los migrantes recién llegados.",
        "body_en": (
            "Illustrative demo text.\n\n- One address for registration, health and schooling\n- Interpreters on site"
        ),
        "body_fr": (
            "Texte de démonstration.\n\n- Une adresse pour l'inscription, la "
            "santé et l'école\n- Des interprètes sur place"
        ),
        "body_es": (
            "Texto de demostración.\n\n- Una dirección para el registro, la salud y la escuela\n- Intérpretes in situ"
        ),
    },
    "skills": {
        "title_en": "A checklist for skills partnerships (demo)",
        "title_fr": "Une liste de contrôle pour les partenariats de compétences (démonstration)",
        "title_es": "Una lista de verificación para las alianzas de competencias (demostración)",
        "summary_en": "The guide's checklist structured the negotiation of two bilateral agreements.",
        "summary_fr": "La liste de contrôle du guide a structuré la négociation de deux accords bilatéraux.",
        "summary_es": "La lista de verificación de la guía estructuró la negociación de dos acuerdos bilaterales.",
        "body_en": "Illustrative demo text on how the checklist was used with employers and trade unions.",
        "body_fr": "Texte de démonstration sur l'usage de la liste avec les employeurs et les syndicats.",
        "body_es": "Texto de demostración sobre el uso de la lista con empleadores y sindicatos.",
    },
    "consular": {
        "title_es": "Lecciones de la protección consular móvil (demostración)",
        "summary_es": "Los consulados móviles llegaron a trabajadores migrantes en zonas rurales.",
        "body_es": "Texto de demostración sobre consulados móviles y la coordinación con las autoridades locales.",
        "title_en": "Lessons from mobile consular protection (demo)",
        "summary_en": "Mobile consulates reached migrant workers in rural areas.",
        "body_en": "Illustrative demo text on mobile consulates and coordination with local authorities.",
    },
    "data": {
        "title_en": "Sharing migration data across ministries (demo)",
        "summary_en": "A data-sharing agreement between ministries, drafted during the pilot.",
        "body_en": "Illustrative demo text.",
    },
    "information": {
        "title_en": "Pre-departure information sessions (demo)",
        "summary_en": "Information sessions for prospective migrant workers and their families.",
        "body_en": "Illustrative demo text, still a draft.",
    },
    "reception_lessons": {
        "title_fr": "Enseignements tirés de l'évaluation des guichets uniques (démonstration)",
        "summary_fr": "Ce qui a fonctionné et ce qui a été difficile pendant le pilote.",
        "body_fr": "Texte de démonstration.",
    },
    "approved": {
        "title_en": "Employers' pledge on fair recruitment (demo)",
        "summary_en": "Employers committed to recruitment without fees for workers.",
        "body_en": "Illustrative demo text, approved and awaiting publication.",
        "title_fr": "Engagement des employeurs pour un recrutement équitable (démonstration)",
        "summary_fr": "Des employeurs se sont engagés à recruter sans frais pour les travailleurs.",
        "body_fr": "Texte de démonstration, approuvé, en attente de publication.",
    },
}

# country, kind, text, written in, objectives, steps (actions; a message for those that need one)
PRACTICES = [
    ("PT", "positive_practice", "one_stop", "en", [15, 16], ["submit", "approve", "publish"]),
    ("MA", "case_study", "skills", "fr", [5, 18], ["submit", "approve", "publish"]),
    ("MX", "lesson_learned", "consular", "es", [14], ["submit", "approve", "publish"]),
    ("MA", "positive_practice", "approved", "en", [6], ["submit", "approve"]),
    ("PT", "lesson_learned", "reception_lessons", "fr", [16], ["submit", "request_changes"]),
    ("TH", "case_study", "data", "en", [1], ["submit"]),
    ("BD", "positive_practice", "information", "en", [3], []),
]
REQUEST = "Merci. Pourriez-vous préciser les résultats obtenus et les chiffres de fréquentation ?"


def load_programme(say) -> None:
    if Pilot.objects.filter(title=PILOTS[0][1]).exists():
        return
    User = get_user_model()
    moderator = User.objects.get(email="moderator@example.org")
    focal_point = User.objects.get(email="reviewer@example.org")  # Morocco's focal point
    states = {s.country.code: s for s in MemberState.objects.filter(is_champion=True)}
    version = DocumentVersion.objects.get(document__slug="booklet", label="Draft 1")
    objectives = {o.number: o for o in Objective.objects.all()}
    principles = {p.key: p for p in GuidingPrinciple.objects.all()}
    today = timezone.localdate()
    pilots = {}
    for code, title, numbers, keys, agency, steps, updates in PILOTS:
        actor = focal_point if code == "MA" else moderator
        pilot = pilot_create(
            member_state=states[code],
            title=title,
            version=version,
            starts_on=today - (steps[0][1] + 10) * DAY,
            objectives=[objectives[n] for n in numbers],
            principles=[principles[k] for k in keys if k in principles],
            lead_agency=agency,
            summary="Illustrative demo pilot.",
            actor=actor,
        )
        recorded = today - (steps[0][1] + 30) * DAY  # recorded as planned a month before the first step
        Pilot.objects.filter(pk=pilot.pk).update(status_changed_on=recorded)
        PilotStatusChange.objects.filter(pilot=pilot).update(changed_on=recorded)
        pilot.status_changed_on = recorded
        for status, days_ago in steps:
            pilot_set_status(pilot=pilot, status=status, changed_on=today - days_ago * DAY, actor=actor)
        for n, (language, text) in enumerate(updates):
            posted = today - (len(updates) - n) * 7 * DAY
            pilot_update_post(pilot=pilot, body=text, language=language, posted_on=posted, actor=actor)
        pilots[code] = pilot
    for code, kind, days_ago, title, involved in ACTIVITIES:
        activity_create(
            member_state=states[code],
            kind=kind,
            held_on=today - days_ago * DAY,
            title=title,
            countries=[states[c] for c in involved if c in states]
            + list(MemberState.objects.filter(Q(country__in=[c for c in involved if c not in states]))),
            actor=moderator,
        )
    for code, kind, key, language, numbers, steps in PRACTICES:
        author = focal_point if code == "MA" else moderator
        practice = practice_create(
            member_state=states[code],
            kind=kind,
            original_language=language,
            pilot=pilots.get(code),
            objectives=[objectives[n] for n in numbers],
            actor=author,
            **TEXT[key],
        )
        for action in steps:
            message = REQUEST if action == "request_changes" else ""
            practice = practice_transition(
                practice=practice, action=action, message=message, actor=moderator, notify=False
            )
        if steps == ["submit", "request_changes"]:
            practice_message_post(
                practice=practice, actor=moderator, body="Les chiffres de 2026 suffiront.", notify=False
            )
    review_round = ReviewRound.objects.filter(title_en__contains="(demo)").order_by("-opens_at").first()
    section = version.sections.filter(number="6.2").first()
    if review_round is not None and section is not None:
        pilot_feedback_add(
            pilot=pilots["MA"],
            section=section,
            language="fr",
            what_worked="La liste de contrôle a structuré le dialogue avec les partenaires sociaux.",
            what_was_hard="Les indicateurs proposés supposent des données que nous n'avons pas encore.",
            suggested_change="Proposer des indicateurs de substitution lorsque les données manquent.",
            review_round=review_round,
            actor=focal_point,
        )
    say(
        f"Champions programme: {Pilot.objects.count()} pilots, {Practice.objects.count()} practices "
        f"({Practice.objects.filter(status='published').count()} published)."
    )
