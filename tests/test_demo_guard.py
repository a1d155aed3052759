"""The demo data never reaches a real site (docs/security.md): its accounts' password and
two-factor secret are published in the README, so seed_demo and demo_totp refuse to run
unless the site is a demo that says so (the demo banner)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings

pytestmark = pytest.mark.django_db


@override_settings(DEMO_BANNER=False)
@pytest.mark.parametrize("command", ["seed_demo", "demo_totp"])
def test_the_demo_commands_refuse_on_a_site_that_is_not_a_demo(command, capsys):
    with pytest.raises(CommandError, match="published"):
        call_command(command, verbosity=0)
    assert not get_user_model().objects.filter(email__endswith="@example.org").exists()
    assert capsys.readouterr().out == ""  # no code printed


@override_settings(DEMO_BANNER=True)
def test_on_a_demo_site_the_code_is_printed(capsys):
    call_command("demo_totp")
    assert capsys.readouterr().out.strip().isdigit()
