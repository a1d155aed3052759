"""The demo set-up as a new developer meets it: `make run` says who is the focal point of which delegation,
the README's two-factor example works with what the project installs, links in emails open the dev server."""

import base64
import hmac
import io
import re
import struct
import time
from pathlib import Path

from allauth.mfa.totp.internal.auth import validate_totp_code
from django.core.cache import cache
from django.core.management import call_command

from accounts.models import User
from config.management.commands.demo_totp import current_code
from config.management.commands.seed_demo import DEMO_PASSWORD, DEMO_TOTP_SECRET

ROOT = Path(__file__).resolve().parent.parent


def test_seed_demo_names_each_accounts_delegation_and_the_demo_code_signs_in(db, client):
    cache.clear()
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    lines = {line.split()[0]: line for line in out.getvalue().splitlines() if "@example.org" in line}
    assert lines["reviewer@example.org"].endswith("Focal point of Morocco (MA)")
    assert lines["contributor@example.org"].endswith("Contributor of Morocco (MA)")
    assert lines["mission@example.org"].endswith(
        "Focal point of Permanent Mission of Mexico to the United Nations Office at Geneva"
    )
    assert lines["ngo@example.org"].endswith("Focal point of Migrant Rights Alliance (demo) (MRA)")
    assert lines["moderator@example.org"].endswith("moderator")
    assert "manage.py demo_totp" in out.getvalue()

    # People's names, so "Dear …," and "by …" read like a person ("Working", "Secretariat" did not).
    short_names = {user.email: user.get_short_name() for user in User.objects.all()}
    assert {short_names[f"{who}@example.org"] for who in ("admin", "moderator", "drafter")} == {
        "Ingrid",
        "Grace",
        "Daniel",
    }

    # The README's two-factor example: the printed code signs the demo moderator in.
    response = client.post("/en/accounts/login/", {"login": "moderator@example.org", "password": DEMO_PASSWORD})
    if time.time() % 30 > 27:  # allauth accepts only the current 30 s step: do not read a code about to expire
        time.sleep(30 - time.time() % 30)
    code = io.StringIO()
    call_command("demo_totp", stdout=code)
    assert response["Location"] == "/en/accounts/2fa/authenticate/"
    response = client.post("/en/accounts/2fa/authenticate/", {"code": code.getvalue().strip()})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(email="moderator@example.org").pk)


def test_the_demo_code_is_a_valid_totp_code_and_changes_with_time():
    assert re.fullmatch(r"\d{6}", current_code())
    assert validate_totp_code(DEMO_TOTP_SECRET, current_code())
    # The same code as any authenticator app computes (RFC 6238, SHA-1, 30 s, 6 digits), computed here apart.
    for moment in (0, 59, 1_111_111_109, 2_000_000_000):
        digest = hmac.new(base64.b32decode(DEMO_TOTP_SECRET), struct.pack(">Q", moment // 30), "sha1").digest()
        offset = digest[-1] & 0x0F
        expected = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
        assert current_code(at=moment) == f"{expected:06d}"


def test_the_readme_gives_a_two_factor_command_the_project_installs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "manage.py demo_totp" in readme
    assert "oathtool" not in readme  # not installed by the project, not in Debian's minimal image


def test_links_in_emails_point_at_the_address_make_run_serves():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    address = re.search(r"^RUN_ADDRESS \?= (\S+)$", makefile, re.MULTILINE).group(1)
    run = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert 'SITE_URL="$${SITE_URL:-http://$(RUN_ADDRESS)}" $(BIN)/python manage.py runserver $(RUN_ADDRESS)' in run
    # Without make, the settings' default is the same address.
    base = (ROOT / "config" / "settings" / "base.py").read_text(encoding="utf-8")
    assert f'SITE_URL = env("SITE_URL", "http://{address}")' in base
