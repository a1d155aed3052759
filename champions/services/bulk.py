"""Bulk invitations from a CSV or XLSX file: parse and check every row, then send the valid ones.

Columns (header row, any order, case-insensitive): ``email``, ``country`` (ISO 3166 code,
alpha-2 or alpha-3) or ``organisation`` (name or acronym), ``role`` (focal_point or
contributor), ``language`` (en, fr, es). See docs/accounts.md.
"""

import csv
import io
from dataclasses import dataclass, field
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from champions.enums import MembershipRole
from champions.models import Delegation, Invitation, Membership, MemberState, Organisation
from champions.services.invitations import invitation_check, invitation_create
from guidance.uploads import iter_xlsx_rows

COLUMNS = ("email", "country", "organisation", "role", "language")
XLSX_MAX_COLUMNS = 26  # columns A to Z of a workbook are read (the columns may come in any order)
ROLE_ALIASES = {
    "focal_point": MembershipRole.FOCAL_POINT,
    "focal point": MembershipRole.FOCAL_POINT,
    "point focal": MembershipRole.FOCAL_POINT,
    "punto focal": MembershipRole.FOCAL_POINT,
    "contributor": MembershipRole.CONTRIBUTOR,
    "contributeur": MembershipRole.CONTRIBUTOR,
    "contributrice": MembershipRole.CONTRIBUTOR,
    "colaborador": MembershipRole.CONTRIBUTOR,
    "colaboradora": MembershipRole.CONTRIBUTOR,
}


@dataclass
class BulkRow:
    line: int
    email: str
    country: str
    organisation_name: str
    role: str
    language: str
    member_state: MemberState | None = None
    organisation: Organisation | None = None
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def delegation(self) -> Delegation | None:
        return Delegation.of(self)

    def as_session(self) -> dict:
        return {
            "line": self.line,
            "email": self.email,
            "member_state": self.member_state.pk if self.member_state else None,
            "organisation": self.organisation.pk if self.organisation else None,
            "role": self.role,
            "language": self.language,
        }


def _cell(value) -> str:
    return "" if value is None else str(value).strip()


def _read_rows(*, name: str, content: bytes) -> tuple[list[dict[str, str]], list[str]]:
    """The file's rows as dicts keyed by lower-case header, and file-level notes."""
    if len(content) > settings.INVITATION_BULK_MAX_BYTES:
        raise ValidationError(
            _("The file is larger than %(size)d MB.") % {"size": settings.INVITATION_BULK_MAX_BYTES // (1024 * 1024)}
        )
    suffix = PurePath(name).suffix.lower()
    notes: list[str] = []
    limit = settings.INVITATION_BULK_MAX_ROWS
    if suffix == ".xlsx":
        # The shared reader refuses an unsafe workbook, and one of more rows than the limit as it reads.
        sheet = iter_xlsx_rows(
            content, max_bytes=settings.INVITATION_BULK_MAX_BYTES, max_rows=limit, max_columns=XLSX_MAX_COLUMNS
        )
        table = [[_cell(c) for c in row] for row in sheet]
    elif suffix == ".csv":
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = content.decode("cp1252", errors="replace")
            notes.append(_("The file is not UTF-8; it was read as Windows (Western European) text."))
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        table = [[_cell(c) for c in row] for row in csv.reader(io.StringIO(text), dialect)]
    else:
        raise ValidationError(_("Upload a CSV (.csv) or Excel (.xlsx) file."))
    table = [row for row in table if any(row)]
    if not table:
        raise ValidationError(_("The file is empty."))
    header = [h.lower().replace(" ", "_") for h in table[0]]
    if "email" not in header or not {"country", "organisation"} & set(header):
        raise ValidationError(_("The first row must name the columns: email, country or organisation, role, language."))
    rows = [dict(zip(header, row, strict=False)) for row in table[1:]]
    if len(rows) > limit:
        raise ValidationError(
            _("The file has %(count)d rows; at most %(limit)d people can be invited at once. Split the file.")
            % {"count": len(rows), "limit": limit}
        )
    return rows, notes


def invitation_bulk_parse(*, name: str, content: bytes) -> tuple[list[BulkRow], list[str]]:
    """Check every row; nothing is written. Returns the rows (each with its errors) and file notes."""
    raw_rows, notes = _read_rows(name=name, content=content)
    states = {}
    for state in MemberState.objects.all():
        states[state.country.code] = state
        states[state.iso3] = state
    organisations = {}
    for organisation in Organisation.objects.filter(is_active=True):
        organisations[organisation.name.lower()] = organisation
        if organisation.acronym:
            organisations[organisation.acronym.lower()] = organisation
    emails = {r.get("email", "").strip().lower() for r in raw_rows}
    members = set(
        Membership.objects.filter(user__email__in=emails, is_active=True).values_list(
            "user__email", "member_state_id", "organisation_id"
        )
    )
    pending = set(
        Invitation.objects.filter(email__in=emails, accepted_at__isnull=True, revoked_at__isnull=True).values_list(
            "email", "member_state_id", "organisation_id"
        )
    )
    seen: dict[tuple, int] = {}
    rows = []
    for line, raw in enumerate(raw_rows, start=2):
        row = BulkRow(
            line=line,
            email=raw.get("email", "").strip().lower(),
            country=raw.get("country", "").strip(),
            organisation_name=raw.get("organisation", "").strip(),
            role=ROLE_ALIASES.get(raw.get("role", "").strip().lower(), ""),
            language=(raw.get("language", "").strip().lower() or settings.LANGUAGE_CODE)[:2],
        )
        if row.country and row.organisation_name:
            row.errors.append(_("Give a country or an organisation, not both."))
        elif row.country:
            row.member_state = states.get(row.country.upper())
            if row.member_state is None:
                row.errors.append(_("Unknown country code “%(code)s”.") % {"code": row.country})
        elif row.organisation_name:
            row.organisation = organisations.get(row.organisation_name.lower())
            if row.organisation is None:
                row.errors.append(_("Unknown organisation “%(name)s”.") % {"name": row.organisation_name})
        else:
            row.errors.append(_("Give a country or an organisation."))
        if not row.role:
            row.errors.append(_("The role must be focal_point or contributor."))
        if row.language not in dict(settings.LANGUAGES):
            row.errors.append(_("The language must be en, fr or es."))
        _check_email(row)
        key = (
            row.email,
            row.member_state.pk if row.member_state else None,
            row.organisation.pk if row.organisation else None,
        )
        if row.email and row.delegation is not None:
            if key in members:
                row.errors.append(_("Already a member of this delegation."))
            elif key in seen:
                row.errors.append(_("Duplicate of row %(line)d.") % {"line": seen[key]})
            elif key in pending:
                row.notes.append(_("An invitation is pending; it will be sent again with a new link."))
            seen.setdefault(key, line)
        rows.append(row)
    return rows, notes


def _check_email(row: BulkRow) -> None:
    try:
        validate_email(row.email)
    except ValidationError:
        row.errors.append(_("“%(email)s” is not a valid email address.") % {"email": row.email[:200]})


@transaction.atomic
def invitation_bulk_send(*, rows: list[dict], invited_by) -> int:
    """Create and send the invitations of checked rows, all or none (emails go out after commit)."""
    state_ids = {r["member_state"] for r in rows if r["member_state"]}
    org_ids = {r["organisation"] for r in rows if r["organisation"]}
    states = MemberState.objects.in_bulk(state_ids)
    organisations = Organisation.objects.in_bulk(org_ids)
    for row in rows:
        member_state = states.get(row["member_state"])
        organisation = organisations.get(row["organisation"])
        try:
            invitation_check(
                email=row["email"],
                member_state=member_state,
                organisation=organisation,
                role=row["role"],
                language=row["language"],
            )
        except ValidationError as error:
            raise ValidationError(
                _("Row %(line)d: %(error)s Nothing was sent.")
                % {"line": row["line"], "error": " ".join(error.messages)}
            ) from error
        invitation_create(
            email=row["email"],
            member_state=member_state,
            organisation=organisation,
            role=row["role"],
            language=row["language"],
            invited_by=invited_by,
        )
    return len(rows)
