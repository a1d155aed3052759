"""E-mails of the practice workflow (docs/champions.md): each step and each message reaches the
other side of the conversation, in the reader's language, once the step is saved — never the
writer, never an inactive account, and nothing when the step is refused."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import ValidationError

from accounts.roles import MODERATORS
from champions.services.practices import practice_message_post, practice_transition
from tests.champions.services.test_programme import new_practice
from tests.conftest import with_mfa
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_moderator(db):
    user = with_mfa(UserFactory(email="second.moderator@example.org", preferred_language="es"))
    user.groups.add(Group.objects.get_or_create(name=MODERATORS)[0])
    return user


def sent(outbox) -> list[tuple[str, str]]:
    return sorted((message.to[0], message.subject) for message in outbox)


def test_the_author_s_reply_reaches_the_moderators_taking_part_not_everyone(
    programme, reviewer_a, moderator, second_moderator, django_capture_on_commit_callbacks
):
    practice = new_practice(programme, reviewer_a)
    practice = practice_transition(practice=practice, action="submit", actor=reviewer_a)
    practice = practice_transition(practice=practice, action="request_changes", message="Results?", actor=moderator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        practice_message_post(practice=practice, actor=reviewer_a, body="They are in section 3.")
    assert sent(mail.outbox) == [(moderator.email, "New message about “Ventanilla única”")]
    assert "They are in section 3." in mail.outbox[0].body


def test_nobody_is_emailed_about_their_own_words_or_when_inactive(
    programme, reviewer_a, moderator, django_capture_on_commit_callbacks
):
    practice = new_practice(programme, moderator)  # a moderator wrote it
    with django_capture_on_commit_callbacks(execute=True):
        practice = practice_transition(practice=practice, action="submit", actor=moderator)
    assert mail.outbox == []  # the only moderator is the writer
    reviewer_practice = new_practice(programme, reviewer_a)
    reviewer_a.is_active = False
    reviewer_a.save()
    with django_capture_on_commit_callbacks(execute=True):
        practice_message_post(practice=reviewer_practice, actor=moderator, body="Hello.")
    assert mail.outbox == []


def test_a_refused_step_sends_nothing(programme, reviewer_a, moderator, django_capture_on_commit_callbacks):
    practice = new_practice(programme, reviewer_a)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        practice_transition(practice=practice, action="publish", actor=moderator)
    assert mail.outbox == []


def test_a_first_submission_reaches_every_moderator_in_their_language(
    programme, reviewer_a, moderator, second_moderator, django_capture_on_commit_callbacks
):
    practice = new_practice(programme, reviewer_a)
    with django_capture_on_commit_callbacks(execute=True):
        practice_transition(practice=practice, action="submit", actor=reviewer_a)
    assert sent(mail.outbox) == sorted(
        [
            (moderator.email, "For review: “Ventanilla única”"),
            (second_moderator.email, "Para examen: «Ventanilla única»"),
        ]
    )
    body = mail.outbox[0].body
    assert f"/programme/practices/{practice.pk}/" in body and reviewer_a.email not in [m.to[0] for m in mail.outbox]


def test_the_working_group_s_steps_and_messages_reach_the_author_only(
    programme, reviewer_a, moderator, second_moderator, django_capture_on_commit_callbacks
):
    reviewer_a.preferred_language = "fr"
    reviewer_a.save()
    practice = new_practice(programme, reviewer_a)
    practice = practice_transition(practice=practice, action="submit", actor=reviewer_a)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        practice = practice_transition(
            practice=practice, action="request_changes", message="Merci d’ajouter les résultats.", actor=moderator
        )
    (message,) = mail.outbox
    assert message.to == [reviewer_a.email]
    assert message.subject == "Modifications demandées\u202f: «\u202fVentanilla única\u202f»"
    assert "Merci d’ajouter les résultats." in message.body and "/fr/" in message.body
