import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from champions.models import Invitation
from champions.services.bulk import invitation_bulk_parse, invitation_bulk_send
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

HEADER = "email,country,organisation,role,language\n"


def parse(text: str, name="people.csv", encoding="utf-8"):
    return invitation_bulk_parse(name=name, content=text.encode(encoding))


def test_every_row_gets_a_report(states, reviewer_a):
    OrganisationFactory(name="Migrant Rights Alliance", acronym="MRA")
    rows, notes = parse(
        HEADER
        + "ok@example.org,MA,,focal_point,fr\n"
        + "ok2@example.org,MEX,,contributor,es\n"
        + "org@example.org,,mra,contributor,en\n"
        + "unknown@example.org,ZZ,,contributor,en\n"
        + "not-an-email,FR,,contributor,en\n"
        + "ok@example.org,MA,,contributor,fr\n"
        + "a@example.org,MA,,contributor,fr\n"
        + "both@example.org,FR,MRA,contributor,en\n"
        + "role@example.org,FR,,chief,de\n"
    )
    assert notes == []
    assert [(r.line, r.errors) for r in rows] == [
        (2, []),
        (3, []),
        (4, []),
        (5, ["Unknown country code “ZZ”."]),
        (6, ["“not-an-email” is not a valid email address."]),
        (7, ["Duplicate of row 2."]),
        (8, ["Already a member of this delegation."]),
        (9, ["Give a country or an organisation, not both."]),
        (10, ["The role must be focal_point or contributor.", "The language must be en, fr or es."]),
    ]
    assert rows[2].organisation.acronym == "MRA"


def test_a_bom_and_semicolons_are_read(states):
    rows, _ = parse("\ufeffEmail;Country;Role;Language\nx@example.org;KE;contributor;en\n")
    assert [(r.email, r.member_state.iso3, r.errors) for r in rows] == [("x@example.org", "KEN", [])]


def test_a_windows_encoded_file_is_read_and_said(states):
    rows, notes = parse(HEADER + "josé@example.org,FR,,contributor,fr\n", encoding="cp1252")
    assert notes == ["The file is not UTF-8; it was read as Windows (Western European) text."]
    assert rows[0].email == "josé@example.org"


def test_a_formula_is_treated_as_text_and_reported(states):
    rows, _ = parse(HEADER + "=cmd|' /C calc'!A0,FR,,contributor,en\n@SUM(1+1),FR,,contributor,en\n")
    assert [r.errors for r in rows] == [
        ["“=cmd|' /c calc'!a0” is not a valid email address."],
        ["“@sum(1+1)” is not a valid email address."],
    ]


def test_too_many_rows_are_refused_before_anything(states):
    body = "".join(f"p{n}@example.org,FR,,contributor,en\n" for n in range(5000))
    with pytest.raises(ValidationError) as error:
        parse(HEADER + body)
    assert error.value.messages == [
        "The file has 5000 rows; at most 1000 people can be invited at once. Split the file."
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("people.csv", b"", "The file is empty."),
        (
            "people.csv",
            b"name,phone\nx,y\n",
            "The first row must name the columns: email, country or organisation, role, language.",
        ),
        ("people.xlsx", b"not a workbook", "The file is not a readable Excel workbook (.xlsx)."),
        ("people.pdf", b"%PDF", "Upload a CSV (.csv) or Excel (.xlsx) file."),
    ],
)
def test_malformed_files_are_refused(states, name, content, message):
    with pytest.raises(ValidationError) as error:
        invitation_bulk_parse(name=name, content=content)
    assert error.value.messages == [message]


def test_xlsx_is_read(states):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["email", "country", "role", "language"])
    sheet.append(["x@example.org", "MA", "Focal point", "fr"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    rows, _ = invitation_bulk_parse(name="people.xlsx", content=buffer.getvalue())
    assert [(r.email, r.role, r.ok) for r in rows] == [("x@example.org", "focal_point", True)]


def test_sending_is_all_or_nothing(states, moderator, django_capture_on_commit_callbacks):
    rows, _ = parse(HEADER + "one@example.org,FR,,contributor,en\ntwo@example.org,KE,,contributor,en\n")
    payload = [r.as_session() for r in rows]
    payload[1]["role"] = "chief"  # changed between preview and send
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as error:
        invitation_bulk_send(rows=payload, invited_by=moderator)
    assert "Row 3" in error.value.messages[0]
    assert Invitation.objects.count() == 0
    assert mail.outbox == []


def test_preview_then_send_through_the_pages(client, states, moderator, django_capture_on_commit_callbacks):
    client.force_login(moderator)
    upload = SimpleUploadedFile(
        "people.csv", (HEADER + "one@example.org,FR,,contributor,fr\nbad,FR,,contributor,fr\n").encode()
    )
    preview = client.post("/en/invitations/bulk/", {"file": upload})
    html = preview.content.decode()
    assert "1 of 2 rows can be sent." in html
    assert "“bad” is not a valid email address." in html
    assert Invitation.objects.count() == 0 and mail.outbox == []

    token = preview.context["token"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/invitations/bulk/send/", {"token": token})
    assert response.status_code == 302
    assert list(Invitation.objects.values_list("email", flat=True)) == ["one@example.org"]
    assert [m.to for m in mail.outbox] == [["one@example.org"]]
    # The confirmation is single use: a second post sends nothing more.
    client.post("/en/invitations/bulk/send/", {"token": token})
    assert Invitation.objects.count() == 1


def test_oversized_upload_is_refused(client, states, moderator, settings):
    settings.INVITATION_BULK_MAX_BYTES = 1024 * 1024
    client.force_login(moderator)
    upload = SimpleUploadedFile("people.csv", (HEADER + "x@example.org,FR,,contributor,fr\n" * 40000).encode())
    html = client.post("/en/invitations/bulk/", {"file": upload}).content.decode()
    assert "The file is larger than 1 MB." in html
    assert Invitation.objects.count() == 0
