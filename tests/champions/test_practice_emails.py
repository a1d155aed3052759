"""E-mails of the practice workflow (docs/champions.md): each step and each message reaches the
other side of the conversation, in the reader's language, once the step is saved — never the
writer, never an inactive account, and nothing when the step is refused."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import ValidationError

from accounts.roles import MODERATORS
from champions.services.practices import practice_message_post, practice_transition
from tests.champions.test_programme import new_practice
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
