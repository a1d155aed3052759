"""The route-by-role matrix: every URL pattern Django knows × kind of user × method, with the answer.

Read by tests/security/test_route_matrix.py, explained in docs/security.md ("Route matrix").
Each row is keyed by the pattern's name (``namespace:name``; an unnamed pattern by its route) and
says which object of the world (tests/security/route_world.py) to ask for — delegation A's
(Morocco's) by default — and what each kind of user gets on GET and on an empty POST.

An answer is written as nine tokens, one per column::

    anon  A  B  org  drafter  mod  mod-1fa  admin  admin-1fa

- a number: that status (``200`` a page, or a form shown again with its errors; ``403`` may see
  the object but not do this; ``404`` may not know the object exists; ``405`` method not
  allowed; ``410``),
- ``L``: 302 to the sign-in page, ``F``: 302 to the two-factor pages (set-up or "enter a code"),
  ``A``: 302 to the admin's sign-in page, ``H``: 302 to the home page,
- ``R``: 302 to the row's ``redirect`` (the start of its Location), ``301``/``302`` with
  ``:<start of Location>`` for any other redirect.

The columns: anonymous; reviewer A (focal point of Morocco, the owner); reviewer B (a
contributor of Mexico, another delegation); a member of an organisation of the reference group;
a drafter, a moderator and an admin (superuser), each signed in with both factors; and the
moderator and the admin in a session opened by their password alone (``-1fa``).

A row whose answer the application does not give yet is marked ``xfail=gap("why", "who", "who:method")``: the test
then expects the difference (strictly: once fixed, the mark must go).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

USERS = (
    "anonymous",
    "reviewer_a",
    "reviewer_b",
    "organisation",
    "drafter",
    "moderator",
    "moderator_1fa",
    "admin",
    "admin_1fa",
)

TOKENS = {
    "L": (302, "/en/accounts/login/"),
    "F": (302, "/en/accounts/2fa/"),
    "A": (302, "/en/admin/login/"),
    "H": (302, "/en/$"),  # exactly the home page
}


@dataclass(frozen=True)
class Row:
    get: str
    post: str
    kwargs: Callable | None = None  # world -> kwargs (or a tuple of args) for reverse()
    path: Callable | None = None  # world -> path, for a pattern without a name
    query: str = ""
    redirect: str | Callable = ""  # what ``R`` stands for: the start of the Location, or world -> it
    xfail: dict = field(default_factory=dict)  # "who:method" -> why the application does not answer so yet

    def expected(self, method: str, world=None) -> dict:
        """Each user's answer: a status, or (status, start of the Location; ``$`` at the end: all of it)."""
        tokens = (self.get if method == "get" else self.post).split()
        assert len(tokens) == len(USERS), (self, method)
        return {who: self.parse(token, world) for who, token in zip(USERS, tokens, strict=True)}

    def parse(self, token: str, world=None):
        if token in TOKENS:
            return TOKENS[token]
        if token == "R":
            assert self.redirect, "R needs the row's redirect"
            return (302, self.redirect(world) if callable(self.redirect) and world is not None else self.redirect)
        status, _, location = token.partition(":")
        return (int(status), location) if location else int(status)


def gap(reason: str, *cells: str) -> dict:
    """Known gaps of a row: ``"who"`` (both methods) or ``"who:method"``, each with the reason."""
    expanded = [cell for who in cells for cell in ([who] if ":" in who else [f"{who}:get", f"{who}:post"])]
    return dict.fromkeys(expanded, reason)


def on(name: str):
    """kwargs of one object of the world: ``on("draft_a")`` → ``{"pk": world.draft_a.pk}``."""
    return lambda w: {"pk": getattr(w, name).pk}


def code(**extra):
    """A country's pages: Morocco (delegation A), and ``extra`` objects of the world by pk."""
    return lambda w: {"code": "ma", **{key: getattr(w, name).pk for key, name in extra.items()}}


def round_(**extra):
    return lambda w: {"pk": w.review_round.pk, **extra}


def document(**extra):
    return lambda w: {"document": w.document, **{key: value(w) for key, value in extra.items()}}


EVERYONE_R = "R R R R R R R R R"
FAVICON = " ".join(["301:/static/img/favicon.svg"] * len(USERS))

ROUTES: dict[str, Row] = {
    #                          anon  A  B  org  drafter  mod  mod-1fa  admin  admin-1fa
    # --- Outside the language prefix -------------------------------------------------------
    "healthz": Row(get="200 200 200 200 200 200 200 200 200", post="200 200 200 200 200 200 200 200 200"),
    "favicon.ico": Row(path=lambda w: "/favicon.ico", get=FAVICON, post=FAVICON),
    "set_language": Row(get=EVERYONE_R, post=EVERYONE_R, redirect="/$"),  # no next: to the site's root
    # An image of the guidance text by its content's SHA-256 (docs/guidance.md): an unknown name is a 404.
    "guidance_image": Row(
        kwargs=lambda w: {"name": "0" * 64 + ".png"},
        get="404 404 404 404 404 404 F 404 F",
        post="404 404 404 404 404 404 F 404 F",
    ),
    "api:schema": Row(get="200 200 200 200 200 200 F 200 F", post="405 405 405 405 405 405 F 405 F"),
    "api:practice-list": Row(get="200 200 200 200 200 200 F 200 F", post="405 405 405 405 405 405 F 405 F"),
    "api:practice-detail": Row(
        kwargs=on("published_practice"), get="200 200 200 200 200 200 F 200 F", post="405 405 405 405 405 405 F 405 F"
    ),
    "api:country-list": Row(get="200 200 200 200 200 200 F 200 F", post="405 405 405 405 405 405 F 405 F"),
    "api:country-detail": Row(
        kwargs=code(), get="200 200 200 200 200 200 F 200 F", post="405 405 405 405 405 405 F 405 F"
    ),
    "api:version-list": Row(get="200 200 200 200 200 200 F 200 F", post="405 405 405 405 405 405 F 405 F"),
    # The API publishes final versions only: the round's version (in review) is a 404 to everyone.
    "api:version-detail": Row(
        kwargs=on("version"), get="404 404 404 404 404 404 F 404 F", post="405 405 405 405 405 405 F 405 F"
    ),
    r"api/^(?P<path>[\s\S]*)$": Row(
        path=lambda w: "/api/nothing-here/",
        get="404 404 404 404 404 404 F 404 F",
        post="404 404 404 404 404 404 F 404 F",
    ),
    # --- Sign-in and account pages (allauth: open to a password-only session) ---------------
    # Account pages (allauth) are open to a password-only session: that is where it completes the
    # second factor. Signed in, the sign-in and sign-up pages send home.
    "account_login": Row(get="200 H H H H H H H H", post="200 H H H H H H H H"),
    "account_logout": Row(get="H 200 200 200 200 200 200 200 200", post="H H H H H H H H H"),
    "account_inactive": Row(get="200 200 200 200 200 200 200 200 200", post="405 405 405 405 405 405 405 405 405"),
    "account_signup": Row(get="200 H H H H H H H H", post="200 H H H H H H H H"),
    "account_reauthenticate": Row(get="L 200 200 200 200 200 200 200 200", post="L 200 200 200 200 200 200 200 200"),
    "account_request_reauthentication_code": Row(
        get="L 200 200 200 200 200 200 200 200", post="L 200 200 200 200 200 200 200 200"
    ),
    "account_confirm_reauthentication_code": Row(
        get="L R R R R R R R R", post="L R R R R R R R R", redirect="/en/accounts/reauthenticate/code/$"
    ),
    "account_email": Row(
        get="L 200 200 200 200 200 200 200 200", post="L R R R R R R R R", redirect="/en/accounts/email/$"
    ),
    "account_email_verification_sent": Row(
        get="200 200 200 200 200 200 200 200 200", post="405 405 405 405 405 405 405 405 405"
    ),
    "account_change_password": Row(get="L 200 200 200 200 200 200 200 200", post="L 200 200 200 200 200 200 200 200"),
    "account_set_password": Row(
        get="L R R R R R R R R", post="L R R R R R R R R", redirect="/en/accounts/password/change/$"
    ),
    "account_reset_password": Row(
        get="200 200 200 200 200 200 200 200 200", post="200 200 200 200 200 200 200 200 200"
    ),
    "account_confirm_login_code": Row(get="L H H H H H H H H", post="L H H H H H H H H"),
    "account_confirm_email": Row(
        kwargs=lambda w: {"key": "not-a-key"},
        get="200 200 200 200 200 200 200 200 200",
        post="404 404 404 404 404 404 404 404 404",
    ),
    "account_reset_password_from_key_done": Row(
        get="200 200 200 200 200 200 200 200 200", post="405 405 405 405 405 405 405 405 405"
    ),
    "account_reset_password_from_key": Row(
        kwargs=lambda w: {"uidb36": "1", "key": "not-a-key"},
        get="200 200 200 200 200 200 200 200 200",
        post="200 200 200 200 200 200 200 200 200",
    ),
    "account_reset_password_done": Row(
        get="200 200 200 200 200 200 200 200 200", post="405 405 405 405 405 405 405 405 405"
    ),
    "account_request_login_code": Row(get="200 H H H H H H H H", post="200 H H H H H H H H"),
    "mfa_index": Row(get="L 200 200 200 200 200 200 200 200", post="L 405 405 405 405 405 405 405 405"),
    "mfa_authenticate": Row(get="L H H H H H H H H", post="L H H H H H H H H"),
    "mfa_reauthenticate": Row(
        get="L R R R 200 200 200 200 200", post="L R R R 200 200 200 200 200", redirect="/en/accounts/reauthenticate/$"
    ),
    # Setting up, removing or regenerating a factor first asks for the password again (allauth).
    "mfa_activate_totp": Row(
        get="L R R R R R R R R", post="L R R R R R R R R", redirect="/en/accounts/reauthenticate/$"
    ),
    "mfa_deactivate_totp": Row(
        get="L 404 404 404 R R R R R", post="L 404 404 404 R R R R R", redirect="/en/accounts/reauthenticate/$"
    ),
    "mfa_view_recovery_codes": Row(get="L 404 404 404 404 404 404 404 404", post="L 405 405 405 405 405 405 405 405"),
    "mfa_generate_recovery_codes": Row(
        get="L R R R R R R R R", post="L R R R R R R R R", redirect="/en/accounts/reauthenticate/$"
    ),
    "mfa_download_recovery_codes": Row(
        get="L 404 404 404 404 404 404 404 404", post="L 404 404 404 404 404 404 404 404"
    ),
    "usersessions_list": Row(
        get="L 200 200 200 200 200 200 200 200", post="L R R R R R R R R", redirect="/en/accounts/sessions/$"
    ),
    # --- Champions: delegations, invitations, profile ----------------------------------------
    # Champion roles, country pages and memberships: the admin's (accounts.md); moderators 403.
    "champions:champion_list": Row(get="L 403 403 403 403 403 F 200 F", post="L 403 403 403 403 403 F 405 F"),
    "champions:country_detail": Row(
        kwargs=code(),
        get="L 403 403 403 403 403 F 200 F",
        post="L 403 403 403 403 403 F R F",
        redirect="/en/champions/ma/$",
    ),
    "champions:role_remove": Row(
        kwargs=code(pk="champion_role_a"),
        get="L 403 403 403 403 403 F 405 F",
        post="L 403 403 403 403 403 F R F",
        redirect="/en/champions/ma/$",
    ),
    "champions:membership_toggle": Row(
        kwargs=code(pk="membership_a"),
        get="L 403 403 403 403 403 F 405 F",
        post="L 403 403 403 403 403 F R F",
        redirect="/en/champions/ma/$",
    ),
    "champions:focal_point_transfer": Row(
        kwargs=code(pk="membership_a"),
        get="L 403 403 403 403 403 F 405 F",
        post="L 403 403 403 403 403 F R F",
        redirect="/en/champions/ma/$",
    ),
    # The delegation directory and invitations: moderators and admins.
    "champions:directory": Row(get="L 403 403 403 403 200 F 200 F", post="L 403 403 403 403 405 F 405 F"),
    "champions:invitation_list": Row(get="L 403 403 403 403 200 F 200 F", post="L 403 403 403 403 200 F 200 F"),
    "champions:invitation_bulk": Row(get="L 403 403 403 403 200 F 200 F", post="L 403 403 403 403 200 F 200 F"),
    "champions:invitation_bulk_send": Row(
        get="L 403 403 403 403 405 F 405 F", post="L 403 403 403 403 R F R F", redirect="/en/invitations/bulk/$"
    ),
    "champions:invitation_resend": Row(
        kwargs=on("invitation"),
        get="L 403 403 403 403 405 F 405 F",
        post="L 403 403 403 403 R F R F",
        redirect="/en/invitations/$",
    ),
    "champions:invitation_revoke": Row(
        kwargs=on("invitation"),
        get="L 403 403 403 403 405 F 405 F",
        post="L 403 403 403 403 R F R F",
        redirect="/en/invitations/$",
    ),
    # The link's key is the secret: anyone holding it sees the invitation; a signed-in person who is
    # not the invitee is sent back to it with a message and nothing is accepted.
    "champions:invitation_accept": Row(
        kwargs=lambda w: {"key": w.invitation_key},
        get="200 200 200 200 200 200 F 200 F",
        post="200 R R R R R F R F",
        redirect=lambda w: f"/en/invitations/accept/{w.invitation_key}/$",
    ),
    "champions:profile": Row(get="L 200 200 200 200 200 F 200 F", post="L 200 200 200 200 200 F 200 F"),
    "champions:invitation_accept@revoked": Row(
        kwargs=lambda w: {"key": w.revoked_invitation_key},
        get="410 410 410 410 410 410 F 410 F",
        post="410 410 410 410 410 410 F 410 F",
    ),
    # --- Champions programme -----------------------------------------------------------------
    "champions:programme_overview": Row(get="L 403 403 403 403 200 F 200 F", post="L 403 403 403 403 405 F 405 F"),
    "champions:activity_list": Row(get="L 403 403 403 403 200 F 200 F", post="L 403 403 403 403 405 F 405 F"),
    "champions:practice_queue": Row(get="L 403 403 403 403 200 F 200 F", post="L 403 403 403 403 405 F 405 F"),
    # A country's pages: its people and the moderators; another country, an organisation and a drafter
    # get 404 (docs/champions.md). An empty POST names no step the user may take: 403.
    "champions:practice_detail": Row(
        kwargs=on("practice_a"), get="L 200 404 404 404 200 F 200 F", post="L 403 404 404 404 403 F 403 F"
    ),
    "champions:practice_edit": Row(
        kwargs=on("practice_a"), get="L 200 404 404 404 200 F 200 F", post="L 200 404 404 404 200 F 200 F"
    ),
    "champions:pilot_detail": Row(
        kwargs=on("pilot_a"),
        get="L 200 404 404 404 200 F 200 F",
        post="L R 404 404 404 R F R F",
        redirect=lambda w: f"/en/programme/pilots/{w.pilot_a.pk}/$",
    ),
    "champions:pilot_edit": Row(
        kwargs=on("pilot_a"), get="L 200 404 404 404 200 F 200 F", post="L 200 404 404 404 200 F 200 F"
    ),
    "champions:pilot_attachment": Row(
        kwargs=on("pilot_file_a"), get="L 200 404 404 404 200 F 200 F", post="L 405 404 404 404 405 F 405 F"
    ),
    "champions:programme_country": Row(
        kwargs=code(), get="L 200 404 404 404 200 F 200 F", post="L 405 404 404 404 405 F 405 F"
    ),
    "champions:pilot_create": Row(
        kwargs=code(), get="L 200 404 404 404 200 F 200 F", post="L 200 404 404 404 200 F 200 F"
    ),
    "champions:activity_create": Row(
        kwargs=code(), get="L 200 404 404 404 200 F 200 F", post="L 200 404 404 404 200 F 200 F"
    ),
    "champions:practice_create": Row(
        kwargs=code(), get="L 200 404 404 404 200 F 200 F", post="L 200 404 404 404 200 F 200 F"
    ),
    # Published practices: everyone. (Django's syndication view answers POST like GET: read-only.)
    "champions:practice_public_list": Row(
        get="200 200 200 200 200 200 F 200 F", post="405 405 405 405 405 405 F 405 F"
    ),
    "champions:practice_feed": Row(get="200 200 200 200 200 200 F 200 F", post="200 200 200 200 200 200 F 200 F"),
    "champions:practice_csv": Row(get="200 200 200 200 200 200 F 200 F", post="405 405 405 405 405 405 F 405 F"),
    "champions:practice_public_detail": Row(
        kwargs=on("published_practice"), get="200 200 200 200 200 200 F 200 F", post="405 405 405 405 405 405 F 405 F"
    ),
    "champions:practice_public_detail@draft": Row(
        kwargs=on("practice_a"), get="404 404 404 404 404 404 F 404 F", post="405 405 405 405 405 405 F 405 F"
    ),
    # --- Reviews: rounds, reading, commenting, submitting ------------------------------------
    # Rounds: moderators manage them (drafters and reviewers 403); invited delegations and the working
    # group read them.
    "reviews:my_review": Row(get="L 200 200 200 200 200 F 200 F", post="L 405 405 405 405 405 F 405 F"),
    "reviews:round_list": Row(get="L 403 403 403 403 200 F 200 F", post="L 403 403 403 403 405 F 405 F"),
    "reviews:round_create": Row(get="L 403 403 403 403 200 F 200 F", post="L 403 403 403 403 200 F 200 F"),
    "reviews:round_edit": Row(
        kwargs=round_(), get="L 403 403 403 403 200 F 200 F", post="L 403 403 403 403 200 F 200 F"
    ),
    "reviews:round_close": Row(
        kwargs=round_(), get="L 403 403 403 403 405 F 405 F", post="L 403 403 403 403 R F R F", redirect="/en/rounds/$"
    ),
    "reviews:round_extensions": Row(
        kwargs=round_(), get="L 403 403 403 403 200 F 200 F", post="L 403 403 403 403 200 F 200 F"
    ),
    "reviews:round_detail": Row(
        kwargs=round_(), get="L 200 200 200 200 200 F 200 F", post="L 405 405 405 405 405 F 405 F"
    ),
    "reviews:feedback": Row(kwargs=round_(), get="L 403 403 403 403 200 F 200 F", post="L 403 403 403 403 200 F 200 F"),
    # The survey is a delegation's answer: the working group has none (403).
    "reviews:survey": Row(
        kwargs=lambda w: {"pk": w.review_round.pk, "document": w.document},
        get="L 200 200 200 403 403 F 403 F",
        post="L 200 200 200 403 403 F 403 F",
    ),
    "reviews:template_download": Row(
        kwargs=round_(), get="L 200 200 200 200 200 F 200 F", post="L 405 405 405 405 405 F 405 F"
    ),
    # Reviewers upload for their delegation, moderators on a delegation's behalf; a drafter does neither.
    "reviews:template_upload": Row(
        kwargs=round_(),
        get="L 200 200 200 403 200 F 200 F",
        post="L 200 200 200 403 200 F 200 F",
    ),
    "reviews:template_confirm": Row(
        kwargs=round_(),
        get="L 405 405 405 405 405 F 405 F",
        post="L R R R R R F R F",
        redirect=lambda w: f"/en/rounds/{w.review_round.pk}/upload/$",
    ),
    # Only a focal point submits: reviewer B is a contributor (403); the organisation's member is its
    # focal point. An empty POST (no confirmation token) goes back to the check page.
    "reviews:submit": Row(
        kwargs=round_(),
        get="L 200 403 200 403 403 F 403 F",
        post="L R 403 R 403 403 F 403 F",
        redirect=lambda w: f"/en/rounds/{w.review_round.pk}/submit/$",
    ),
    "reviews:round_document": Row(
        kwargs=lambda w: {"round_pk": w.review_round.pk, "document": w.document},
        get="L 200 200 200 200 200 F 200 F",
        post="L 405 405 405 405 405 F 405 F",
    ),
    # POST adds a comment: refused (403) to the working group, which comments for no delegation.
    "reviews:section": Row(
        kwargs=lambda w: {"round_pk": w.review_round.pk, "document": w.document, "anchor": w.section.anchor},
        get="L 200 200 200 200 200 F 200 F",
        post="L 200 200 200 403 403 F 403 F",
    ),
    # The moderators' page of a letter: its own delegation may know it exists (403), others may not.
    "reviews:feedback_detail": Row(
        kwargs=on("feedback_a"),
        get="L 403 404 404 403 200 F 200 F",
        post="L 403 404 404 403 200 F 200 F",
    ),
    # Another delegation's letter answers 404, as its comments do.
    "reviews:feedback_letter": Row(
        kwargs=on("feedback_a"),
        get="L 200 404 404 200 200 F 200 F",
        post="L 405 404 404 405 405 F 405 F",
    ),
    "reviews:pilot_feedback": Row(
        kwargs=on("pilot_a"), get="L 200 404 404 404 200 F 200 F", post="L 200 404 404 404 200 F 200 F"
    ),
    # POST is a reply: refused (403) to whoever may read but not reply — on a draft, or a drafter.
    "reviews:comment_detail": Row(
        kwargs=on("draft_a"),
        get="L 200 404 404 404 404 F 404 F",
        post="L 403 404 404 404 404 F 404 F",
    ),
    "reviews:comment_detail@submitted": Row(
        kwargs=on("submitted_a"),
        get="L 200 404 404 200 200 F 200 F",
        post="L 200 404 404 403 200 F 200 F",
    ),
    # The other delegations' drafts: each is seen by its own delegation only.
    "reviews:comment_detail@draft_b": Row(
        kwargs=on("draft_b"),
        get="L 404 200 404 404 404 F 404 F",
        post="L 404 403 404 404 404 F 404 F",
    ),
    "reviews:comment_detail@draft_org": Row(
        kwargs=on("draft_org"),
        get="L 404 404 200 404 404 F 404 F",
        post="L 404 404 403 404 404 F 404 F",
    ),
    "reviews:comment_detail@submitted_b": Row(
        kwargs=on("submitted_b"),
        get="L 404 200 404 200 200 F 200 F",
        post="L 404 200 404 403 200 F 200 F",
    ),
    # A draft is its delegation's: every other user, the working group included, gets 404.
    "reviews:comment_edit": Row(
        kwargs=on("draft_a"), get="L 200 404 404 404 404 F 404 F", post="L 200 404 404 404 404 F 404 F"
    ),
    # "Save my text as a new draft" (a comment submitted meanwhile): the delegation's only; 409 shows
    # the typed text again.
    "reviews:comment_copy": Row(
        kwargs=on("submitted_a"),
        get="L 405 404 404 403 403 F 403 F",
        post="L 409 404 404 403 403 F 403 F",
    ),
    "reviews:comment_discard": Row(
        kwargs=on("draft_a"),
        get="L 405 404 404 404 404 F 404 F",
        post="L R 404 404 404 404 F 404 F",
        redirect=lambda w: f"/en/rounds/{w.review_round.pk}/{w.document}/{w.section.anchor}/$",
    ),
    # Withdrawing a submitted comment: its focal point; the working group may see it, not withdraw (403).
    "reviews:comment_withdraw": Row(
        kwargs=on("submitted_a"),
        get="L 405 404 404 403 403 F 403 F",
        post="L R 404 404 403 403 F 403 F",
        redirect=lambda w: f"/en/rounds/{w.review_round.pk}/{w.document}/{w.section.anchor}/$",
    ),
    # An empty POST names no draft to merge with: 404 (as for a forged id).
    "reviews:comment_merge": Row(
        kwargs=on("draft_a"), get="L 405 404 404 404 404 F 404 F", post="L 404 404 404 404 404 F 404 F"
    ),
    "reviews:attachment_download": Row(
        kwargs=on("attachment_a"), get="L 200 404 404 200 200 F 200 F", post="L 405 404 404 405 405 F 405 F"
    ),
    "reviews:attachment_download@draft": Row(
        kwargs=on("draft_attachment_a"), get="L 200 404 404 404 404 F 404 F", post="L 405 404 404 404 404 F 404 F"
    ),
    "reviews:submission_receipt": Row(
        kwargs=on("submission_a"), get="L 200 404 404 200 200 F 200 F", post="L 405 404 404 405 405 F 405 F"
    ),
    "reviews:submission_docx": Row(
        kwargs=on("submission_a"), get="L 200 404 404 200 200 F 200 F", post="L 405 404 404 405 405 F 405 F"
    ),
    # --- Reviews: triage, publication, exports -----------------------------------------------
    # Triage (docs/triage.md): moderators; drafters read comments and their queue; reviewers 403 on
    # the lists and 404 on a comment. Triage forms answer an invalid POST with the form and 400.
    "reviews:triage_dashboard": Row(get="L 403 403 403 403 200 F 200 F", post="L 403 403 403 403 405 F 405 F"),
    "reviews:triage_list": Row(get="L 403 403 403 403 200 F 200 F", post="L 403 403 403 403 400 F 400 F"),
    "reviews:triage_comment": Row(
        kwargs=on("submitted_a"), get="L 404 404 404 200 200 F 200 F", post="L 404 404 404 403 400 F 400 F"
    ),
    "reviews:triage_comment@draft": Row(
        kwargs=on("draft_a"), get="L 404 404 404 404 404 F 404 F", post="L 404 404 404 404 404 F 404 F"
    ),
    "reviews:triage_next": Row(
        kwargs=on("submitted_a"),
        get="L 403 403 403 403 R F R F",
        post="L 403 403 403 403 405 F 405 F",
        redirect="/en/triage/comments/",
    ),
    "reviews:triage_proposal": Row(
        kwargs=on("submitted_a"),
        get="L 404 404 404 403 405 F 405 F",
        post="L 404 404 404 403 R F R F",
        redirect=lambda w: f"/en/triage/comments/{w.submitted_a.pk}/$",
    ),
    "reviews:triage_queue": Row(get="L 403 403 403 200 200 F 200 F", post="L 403 403 403 405 405 F 405 F"),
    "reviews:triage_publish": Row(
        kwargs=round_(), get="L 403 403 403 403 200 F 200 F", post="L 403 403 403 403 200 F 200 F"
    ),
    "reviews:triage_disposition_report": Row(
        kwargs=round_(), get="L 403 403 403 403 200 F 200 F", post="L 403 403 403 403 405 F 405 F"
    ),
    "reviews:triage_themes": Row(get="L 403 403 403 403 200 F 200 F", post="L 403 403 403 403 405 F 405 F"),
    "reviews:triage_theme_create": Row(get="L 403 403 403 403 200 F 200 F", post="L 403 403 403 403 200 F 200 F"),
    "reviews:triage_theme_edit": Row(
        kwargs=on("theme"), get="L 403 403 403 403 200 F 200 F", post="L 403 403 403 403 200 F 200 F"
    ),
    # Exports and the matrix upload: moderators only (docs/exports.md).
    "reviews:matrix_export": Row(get="L 403 403 403 403 200 F 200 F", post="L 403 403 403 403 405 F 405 F"),
    "reviews:export_list": Row(get="L 403 403 403 403 200 F 200 F", post="L 403 403 403 403 405 F 405 F"),
    "reviews:export_job": Row(
        kwargs=on("export_job"), get="L 403 403 403 403 200 F 200 F", post="L 403 403 403 403 405 F 405 F"
    ),
    "reviews:export_download": Row(
        kwargs=on("export_job"), get="L 403 403 403 403 200 F 200 F", post="L 403 403 403 403 405 F 405 F"
    ),
    "reviews:matrix_upload": Row(get="L 403 403 403 403 200 F 200 F", post="L 403 403 403 403 200 F 200 F"),
    "reviews:matrix_upload_confirm": Row(
        get="L 403 403 403 403 405 F 405 F", post="L 403 403 403 403 R F R F", redirect="/en/triage/matrix/upload/$"
    ),
    "reviews:disposition_docx": Row(
        kwargs=round_(), get="L 403 403 403 403 200 F 200 F", post="L 403 403 403 403 405 F 405 F"
    ),
    # --- Guidance: the documents (the round's version is in review) --------------------------
    "guidance:home": Row(get="200 200 200 200 200 200 F 200 F", post="405 405 405 405 405 405 F 405 F"),
    "guidance:document_list": Row(get="200 200 200 200 200 200 F 200 F", post="405 405 405 405 405 405 F 405 F"),
    # A document opens its latest visible version; nothing is visible to a signed-out visitor yet.
    "guidance:document_detail": Row(
        kwargs=document(),
        get="404 R R R R R F R F",
        post="404 R R R R R F R F",
        redirect=lambda w: f"/en/documents/{w.document}/{w.version.slug}/$",
    ),
    # Published (final) guidance: everyone.
    "guidance:document_detail@final": Row(
        kwargs=lambda w: {"document": "guide"},
        get="R R R R R R F R F",
        post="R R R R R R F R F",
        redirect="/en/documents/guide/v1/$",
    ),
    "guidance:version_detail@final": Row(
        kwargs=lambda w: {"document": "guide", "version": "v1"},
        get="200 200 200 200 200 200 F 200 F",
        post="405 405 405 405 405 405 F 405 F",
    ),
    "guidance:section_detail@final": Row(
        kwargs=lambda w: {"document": "guide", "version": "v1", "anchor": "introduction"},
        get="200 200 200 200 200 200 F 200 F",
        post="405 405 405 405 405 405 F 405 F",
    ),
    # Text under review is for signed-in readers (guidance/rules.py).
    "guidance:version_detail": Row(
        kwargs=document(version=lambda w: w.version.slug),
        get="L 200 200 200 200 200 F 200 F",
        post="L 405 405 405 405 405 F 405 F",
    ),
    "guidance:version_search": Row(
        kwargs=document(version=lambda w: w.version.slug),
        get="L 200 200 200 200 200 F 200 F",
        post="L 405 405 405 405 405 F 405 F",
    ),
    "guidance:section_detail": Row(
        kwargs=document(version=lambda w: w.version.slug, anchor=lambda w: w.section.anchor),
        get="L 200 200 200 200 200 F 200 F",
        post="L 405 405 405 405 405 F 405 F",
    ),
    "guidance:section_compare": Row(
        kwargs=document(version=lambda w: w.version.slug, anchor=lambda w: w.section.anchor),
        get="L 200 200 200 200 200 F 200 F",
        post="L 405 405 405 405 405 F 405 F",
    ),
}

# --- The Django admin ----------------------------------------------------------------------
# Every model admin answers by one rule (ADMIN_PAGE): the admin (superuser, both factors) gets its
# pages, a password-only session is sent to the second factor, and anyone else — signed out, or
# signed in without being staff — is sent to the admin's sign-in page, which sends a signed-out
# visitor on to allauth's sign-in and answers 403 to a signed-in one (``admin:login`` below).
# ADMIN_MODELS names every registered model admin (a new one fails the test until it is added),
# with the object of the world its object pages open and whether it keeps django-simple-history's
# history pages; ADMIN_EXCEPTIONS are the pages that answer otherwise, each with its reason.
ADMIN_PAGE = "A A A A A A F 200 F"

ADMIN_MODELS: dict[str, tuple[Callable, bool]] = {
    "auth_group": (lambda w: w.moderators, False),
    "django_tasks_database_dbtaskresult": (lambda w: w.first("django_tasks_database.DBTaskResult"), False),
    "account_emailaddress": (lambda w: w.first("account.EmailAddress"), False),
    "mfa_authenticator": (lambda w: w.first("mfa.Authenticator"), False),
    "usersessions_usersession": (lambda w: w.first("usersessions.UserSession"), False),
    "accounts_user": (lambda w: w.users["reviewer_a"], True),
    "accounts_auditevent": (lambda w: w.first("accounts.AuditEvent"), False),
    "guidance_objective": (lambda w: w.first("guidance.Objective"), False),
    "guidance_guidingprinciple": (lambda w: w.first("guidance.GuidingPrinciple"), False),
    "guidance_document": (lambda w: w.version.document, False),
    "guidance_documentversion": (lambda w: w.version, True),
    "guidance_section": (lambda w: w.section, True),
    "champions_memberstate": (lambda w: w.state_a, True),
    "champions_organisation": (lambda w: w.organisation, True),
    "champions_membership": (lambda w: w.membership_a, True),
    "champions_invitation": (lambda w: w.invitation, True),
    "reviews_reviewround": (lambda w: w.review_round, True),
    "reviews_comment": (lambda w: w.submitted_a, True),
    "reviews_submission": (lambda w: w.submission_a, False),
    "reviews_externalfeedback": (lambda w: w.feedback_a, False),
    "reviews_theme": (lambda w: w.theme, False),
}

# The admin's own answers, by model page ("<model>_<page>"): only the admin's columns differ from
# the rule, so each exception gives the admin's answer to GET and to POST.
ADMIN_EXCEPTIONS: dict[str, tuple[str, str, str]] = {
    # Written only by the application: no add, change or delete in the admin (a 403).
    "django_tasks_database_dbtaskresult_add": ("403", "403", "background tasks are the application's"),
    "django_tasks_database_dbtaskresult_change": ("200", "403", "read-only"),
    "django_tasks_database_dbtaskresult_delete": ("403", "403", "read-only"),
    "accounts_auditevent_add": ("403", "403", "the audit log is append-only from the application"),
    "accounts_auditevent_change": ("200", "403", "the audit log is append-only from the application"),
    "accounts_auditevent_delete": ("403", "403", "the audit log is append-only from the application"),
    "guidance_section_add": ("403", "403", "sections come from an import or the version editor"),
    "guidance_section_change": ("200", "403", "a version in review is frozen"),
    "champions_memberstate_add": ("403", "403", "the 193 Member States are reference data"),
    "champions_invitation_add": ("403", "403", "invitations are sent by the invitation pages"),
    "reviews_comment_add": ("403", "403", "comments come from delegations, or from feedback entered for them"),
    "reviews_comment_change": ("200", "403", "a comment is on record: read-only"),
    "reviews_comment_delete": ("403", "403", "submitted comments are withdrawn, never deleted"),
    "reviews_submission_add": ("403", "403", "only a focal point submits"),
    # Every field is read-only: saving changes nothing and goes back to the list.
    "champions_invitation_change": ("200", "302:/en/admin/champions/invitation/", "read-only fields"),
    "reviews_submission_change": ("200", "302:/en/admin/reviews/submission/", "read-only fields"),
    # django-simple-history's "revert to this version" form saves at once.
    "champions_memberstate_simple_history": ("200", "302:/en/admin/champions/memberstate/", "revert form"),
    "champions_invitation_simple_history": ("200", "302:/en/admin/champions/invitation/", "revert form"),
    # The first historical record of delegation A's submitted comment is its draft: drafts are the
    # delegation's alone, the admin's history pages included (docs/security.md).
    "reviews_comment_simple_history": ("404", "404", "the comment's first record is a draft"),
}

ADMIN_SITE_ROUTES: dict[str, Row] = {
    #                          anon  A  B  org  drafter  mod  mod-1fa  admin  admin-1fa
    "admin:index": Row(get=ADMIN_PAGE, post=ADMIN_PAGE),
    "admin:app_list": Row(kwargs=lambda w: {"app_label": "reviews"}, get=ADMIN_PAGE, post=ADMIN_PAGE),
    # No sign-in of its own: signed out, to allauth's (rate limits, second factor); signed in but
    # not staff, 403; the admin, to the admin's index.
    "admin:login": Row(get="L 403 403 403 403 403 F R F", post="L 403 403 403 403 403 F R F", redirect="/en/admin/$"),
    # Django's logout is POST only; for anyone but staff it is the index, which sends them to sign in.
    "admin:logout": Row(get="R R R R R R F 405 F", post="R R R R R R F 200 F", redirect="/en/admin/$"),
    "admin:password_change": Row(get=ADMIN_PAGE, post=ADMIN_PAGE),
    "admin:password_change_done": Row(get=ADMIN_PAGE, post="A A A A A A F 405 F"),
    "admin:autocomplete": Row(get="A A A A A A F 403 F", post="A A A A A A F 405 F"),  # 403: no field named
    "admin:jsi18n": Row(get=ADMIN_PAGE, post="A A A A A A F 405 F"),
    "admin:view_on_site": Row(  # a content type without pages
        kwargs=lambda w: (w.first("contenttypes.ContentType").pk, 1),
        get="A A A A A A F 404 F",
        post="A A A A A A F 404 F",
    ),
    "admin:guidance_documentversion_import": Row(get=ADMIN_PAGE, post=ADMIN_PAGE),
    "admin:auth_user_password_change": Row(
        kwargs=lambda w: {"id": w.users["reviewer_a"].pk}, get=ADMIN_PAGE, post=ADMIN_PAGE
    ),
    "en/admin/(?P<url>.*)$": Row(
        path=lambda w: "/en/admin/no-such-page/", get="A A A A A A F 404 F", post="A A A A A A F 404 F"
    ),
}


def _admin_answer(page: str, method: str) -> str:
    if page not in ADMIN_EXCEPTIONS:
        return ADMIN_PAGE
    get, post, _reason = ADMIN_EXCEPTIONS[page]
    return f"A A A A A A F {get if method == 'get' else post} F"


def _admin_rows() -> dict[str, Row]:
    rows = dict(ADMIN_SITE_ROUTES)
    for model, (obj, history) in ADMIN_MODELS.items():
        app_label, _, model_name = model.partition("_")
        if model.startswith("django_tasks_database_"):
            app_label, model_name = "django_tasks_database", model.removeprefix("django_tasks_database_")

        def pk(w, obj=obj):
            return obj(w).pk

        def answers(page, model=model):
            return {"get": _admin_answer(f"{model}_{page}", "get"), "post": _admin_answer(f"{model}_{page}", "post")}

        rows[f"admin:{model}_changelist"] = Row(**answers("changelist"))
        rows[f"admin:{model}_add"] = Row(**answers("add"))
        for page in ("change", "delete", "history"):
            rows[f"admin:{model}_{page}"] = Row(
                kwargs=lambda w, pk=pk, page=page: {"object_id": pk(w)}, **answers(page)
            )
        # The old-style object address redirects to the change page, which then answers by the rule
        # (a redirect reveals nothing, so the two-factor middleware lets it through).
        rows[f"en/admin/{app_label}/{model_name}/<path:object_id>/"] = Row(
            path=lambda w, pk=pk, a=app_label, m=model_name: f"/en/admin/{a}/{m}/{pk(w)}/",
            get="A A A A A A A R R",
            post="A A A A A A A R R",
            redirect=lambda w, pk=pk, a=app_label, m=model_name: f"/en/admin/{a}/{m}/{pk(w)}/change/$",
        )
        if history:
            rows[f"admin:{model}_simple_history"] = Row(
                kwargs=lambda w, obj=obj: (obj(w).pk, obj(w).history.order_by("history_id").first().history_id),
                **answers("simple_history"),
            )
    return rows


ROUTES.update(_admin_rows())
