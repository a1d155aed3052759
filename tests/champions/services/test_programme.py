"""Services of the Champions programme: pilots and their status history, updates, activities, practices."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from champions.models import Pilot, PilotStatusChange, Practice, PracticeMessage
from champions.services.activities import activity_create
from champions.services.pilots import StaleEdit, pilot_create, pilot_set_status, pilot_update, pilot_update_post
from champions.services.practices import practice_create, practice_transition, practice_update

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% demo\n"
TODAY = timezone.localdate


def messages_of(error: ValidationError) -> dict:
    return error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}


def test_a_pilot_is_only_for_a_tester(programme, piloted_version, moderator):
    with pytest.raises(ValidationError) as error:
        pilot_create(member_state=programme["KE"], title="Pilot", version=piloted_version, actor=moderator)
    assert error.value.messages == [
        "Kenya does not hold the Champion role “Tester/Piloter”; pilots are recorded for Testers/Piloters."
    ]


def test_a_draft_version_is_not_piloted(programme, moderator):
    from tests.factories import VersionFactory

    with pytest.raises(ValidationError) as error:
        pilot_create(member_state=programme["MA"], title="P", version=VersionFactory(status="draft"), actor=moderator)
    assert list(messages_of(error.value)) == ["version"]


def test_the_end_date_comes_after_the_start(programme, piloted_version, moderator):
    with pytest.raises(ValidationError) as error:
        pilot_create(
            member_state=programme["MA"],
            title="P",
            version=piloted_version,
            starts_on=datetime.date(2026, 5, 1),
            ends_on=datetime.date(2026, 4, 1),
            actor=moderator,
        )
    assert messages_of(error.value) == {"ends_on": ["The end date is before the start date."]}


def test_status_changes_are_dated_and_kept(pilot_ma, reviewer_a):
    yesterday = TODAY() - datetime.timedelta(days=1)
    created = yesterday - datetime.timedelta(days=5)  # the pilot was recorded last week
    Pilot.objects.filter(pk=pilot_ma.pk).update(status_changed_on=created)
    PilotStatusChange.objects.filter(pilot=pilot_ma).update(changed_on=created)
    pilot_set_status(pilot=pilot_ma, status="preparing", changed_on=yesterday, actor=reviewer_a)
    pilot_set_status(pilot=pilot_ma, status="in_progress", note="Launched with the ministry.", actor=reviewer_a)
    pilot_ma.refresh_from_db()
    assert (pilot_ma.status, pilot_ma.status_changed_on) == ("in_progress", TODAY())
    history = list(PilotStatusChange.objects.filter(pilot=pilot_ma).values_list("from_status", "to_status", "note"))
    assert history == [
        ("preparing", "in_progress", "Launched with the ministry."),
        ("planned", "preparing", ""),
        ("", "planned", ""),
    ]


def test_a_step_back_needs_a_reason(pilot_ma, reviewer_a):
    pilot_set_status(pilot=pilot_ma, status="preparing", actor=reviewer_a)
    with pytest.raises(ValidationError) as error:
        pilot_set_status(pilot=pilot_ma, status="planned", actor=reviewer_a)
    assert messages_of(error.value) == {
        "note": ["Going back from “Preparing” to “Planned” needs a reason: please write it in the note."]
    }
    change = pilot_set_status(pilot=pilot_ma, status="planned", note="The ministry changed.", actor=reviewer_a)
    assert (change.is_backwards, change.note) == (True, "The ministry changed.")


@pytest.mark.parametrize(
    ("status", "changed_on", "field"),
    [
        ("completed", None, "status"),  # planned → completed is not a transition
        ("unknown", None, "status"),
        ("preparing", "tomorrow", "changed_on"),
        ("preparing", "long ago", "changed_on"),
    ],
)
def test_a_status_change_that_is_not_possible_is_refused(pilot_ma, reviewer_a, status, changed_on, field):
    dates = {None: None, "tomorrow": TODAY() + datetime.timedelta(days=1), "long ago": datetime.date(2000, 1, 1)}
    with pytest.raises(ValidationError) as error:
        pilot_set_status(pilot=pilot_ma, status=status, changed_on=dates[changed_on], actor=reviewer_a)
    assert list(messages_of(error.value)) == [field]
    pilot_ma.refresh_from_db()
    assert pilot_ma.status == "planned"


def test_a_stale_edit_overwrites_nothing(pilot_ma, reviewer_a, moderator):
    pilot_update(pilot=pilot_ma, lock_version=pilot_ma.lock_version, lead_agency="Ministry", actor=moderator)
    with pytest.raises(StaleEdit):
        pilot_update(pilot=pilot_ma, lock_version=pilot_ma.lock_version, lead_agency="Other", actor=reviewer_a)
    pilot_ma.refresh_from_db()
    assert pilot_ma.lead_agency == "Ministry"


def test_an_update_keeps_its_files(pilot_ma, reviewer_a):
    update = pilot_update_post(
        pilot=pilot_ma,
        body="First workshop held.",
        language="fr",
        attachments=[SimpleUploadedFile("rapport atelier.pdf", PDF)],
        actor=reviewer_a,
    )
    assert [(a.original_name, a.content_type, a.size) for a in update.attachments.all()] == [
        ("rapport atelier.pdf", "application/pdf", len(PDF))
    ]


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            [SimpleUploadedFile("virus.pdf", b"MZ\x90\x00")],
            "Attach PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), PNG or JPEG files only.",
        ),
        ([SimpleUploadedFile(f"f{n}.pdf", PDF) for n in range(6)], "Attach at most 5 files."),
    ],
)
def test_bad_files_are_refused_with_the_update(pilot_ma, reviewer_a, files, message):
    with pytest.raises(ValidationError) as error:
        pilot_update_post(pilot=pilot_ma, body="Text", language="en", attachments=files, actor=reviewer_a)
    assert messages_of(error.value) == {"attachments": [message]}
    assert pilot_ma.updates.count() == 0


def test_activities_are_for_promoters_and_convenors(programme, moderator):
    activity = activity_create(
        member_state=programme["MA"],
        kind="briefing",
        held_on=datetime.date(2026, 6, 1),
        title="Briefing of the Group of Friends",
        countries=[programme["MX"]],
        actor=moderator,
    )
    assert list(activity.countries.all()) == [programme["MX"]]
    programme["KE"].is_champion = True
    with pytest.raises(ValidationError) as error:
        activity_create(
            member_state=programme["KE"], kind="briefing", held_on=TODAY(), title="Briefing", actor=moderator
        )
    assert error.value.messages == [
        "Kenya is neither a Promoter nor a Convenor; activities are logged for these roles."
    ]


def new_practice(programme, author, **extra):
    values = {"title_es": "Ventanilla única", "summary_es": "Resumen.", "body_es": "Texto.", **extra}
    return practice_create(
        member_state=programme["MA"], kind="case_study", original_language="es", actor=author, **values
    )


def test_the_practice_workflow_from_draft_to_publication(programme, reviewer_a, moderator):
    practice = new_practice(programme, reviewer_a)
    practice = practice_transition(practice=practice, action="submit", actor=reviewer_a)
    practice = practice_transition(
        practice=practice, action="request_changes", message="Please add the results.", actor=moderator
    )
    practice = practice_update(
        practice=practice, lock_version=practice.lock_version, body_es="Texto con resultados.", actor=reviewer_a
    )
    practice = practice_transition(practice=practice, action="submit", message="Results added.", actor=reviewer_a)
    practice = practice_transition(practice=practice, action="approve", actor=moderator)
    practice = practice_transition(practice=practice, action="publish", actor=moderator)
    assert (practice.status, practice.approved_by, practice.published_at is not None) == ("published", moderator, True)
    steps = list(
        PracticeMessage.objects.filter(practice=practice).values_list("action", "status", "body", "from_working_group")
    )
    assert steps == [
        ("submit", "submitted", "", False),
        ("request_changes", "changes_requested", "Please add the results.", True),
        ("submit", "submitted", "Results added.", False),
        ("approve", "approved", "", True),
        ("publish", "published", "", True),
    ]


@pytest.mark.parametrize("status", ["draft", "submitted", "changes_requested"])
def test_publishing_without_approval_is_refused(programme, moderator, status):
    practice = new_practice(programme, moderator)
    Practice.objects.filter(pk=practice.pk).update(status=status)
    with pytest.raises(ValidationError) as error:
        practice_transition(practice=practice, action="publish", actor=moderator)
    assert error.value.messages == ["Only an approved practice can be published."]
    practice.refresh_from_db()
    assert (practice.status, practice.published_at) == (status, None)


@pytest.mark.parametrize("action", ["request_changes", "unpublish"])
def test_a_step_back_needs_a_message(programme, moderator, action):
    practice = new_practice(programme, moderator)
    Practice.objects.filter(pk=practice.pk).update(
        status="submitted" if action == "request_changes" else "published",
        approved_at=timezone.now(),
        published_at=timezone.now(),
    )
    with pytest.raises(ValidationError) as error:
        practice_transition(practice=practice, action=action, actor=moderator)
    assert messages_of(error.value) == {"message": ["Please explain in the message what should change."]}


def test_withdrawing_from_publication_keeps_the_approval(programme, moderator):
    practice = new_practice(programme, moderator)
    for action in ("submit", "approve", "publish"):
        practice = practice_transition(practice=practice, action=action, actor=moderator)
    practice = practice_transition(practice=practice, action="unpublish", message="Outdated figures.", actor=moderator)
    assert (practice.status, practice.published_at, practice.approved_by) == ("approved", None, moderator)


@pytest.mark.parametrize(
    ("text", "errors"),
    [
        (
            {"title_es": "", "summary_es": "", "body_es": ""},
            {"__all__": ["Give the title, the summary and the text in at least one language."]},
        ),
        (
            {"title_fr": "Guichet unique"},
            {"summary_fr": ["Give the title, the summary and the text in this language, or none."]},
        ),
    ],
)
def test_a_practice_has_one_complete_language(programme, reviewer_a, text, errors):
    with pytest.raises(ValidationError) as error:
        new_practice(programme, reviewer_a, **text)
    assert messages_of(error.value) == errors


def test_a_practice_names_a_pilot_of_its_own_country(programme, reviewer_a, pilot_mx):
    with pytest.raises(ValidationError) as error:
        new_practice(programme, reviewer_a, pilot=pilot_mx)
    assert messages_of(error.value) == {"pilot": ["Choose a pilot of the same country."]}


def test_a_practice_reads_in_the_language_it_was_written_in(programme, reviewer_a):
    from django.utils import translation

    practice = new_practice(programme, reviewer_a)
    with translation.override("fr"):
        assert practice.title == "Ventanilla única"
