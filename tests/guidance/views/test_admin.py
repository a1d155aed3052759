import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from guidance.enums import VersionStatus
from guidance.models import Section
from tests.factories import BlockFactory, DocumentFactory, SectionFactory, VersionFactory
from tests.guidance.docx_builder import GUIDE_EN, GUIDE_FR, build_docx

pytestmark = pytest.mark.django_db

IMPORT_URL = "/en/admin/guidance/documentversion/import/"


def upload(client, document, items, language, name="guide.docx"):
    return client.post(
        IMPORT_URL,
        {
            "document": document.pk,
            "version_label": "Draft 1",
            "language": language,
            "file": SimpleUploadedFile(name, build_docx(items) if items else b"not a word file"),
        },
    )


def test_admin_imports_an_uploaded_word_file(client, admin_user):
    document = DocumentFactory(slug="guide")
    client.force_login(admin_user)
    response = upload(client, document, GUIDE_EN, "en")
    assert response.status_code == 302
    assert Section.objects.filter(version__document=document).count() == 4  # the title is the opening section


def test_admin_upload_of_a_corrupt_file_shows_the_error_and_writes_nothing(client, admin_user):
    document = DocumentFactory(slug="guide")
    client.force_login(admin_user)
    response = upload(client, document, None, "en")
    assert response.status_code == 200
    assert "The file is not a readable Word document (.docx)." in response.content.decode()
    assert Section.objects.count() == 0


def test_admin_upload_of_a_mismatched_translation_lists_the_differences(client, admin_user):
    document = DocumentFactory(slug="guide")
    client.force_login(admin_user)
    upload(client, document, GUIDE_EN, "en")
    response = upload(client, document, GUIDE_FR[:4], "fr")
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "Section 2 “Implementation steps” has no matching heading in the French file "
        "(it would come after its heading 1 “Ce qu’est le Pacte mondial”)."
    ) in html


@pytest.mark.parametrize("user_fixture", ["reviewer", "moderator", "drafter"])
def test_only_the_secretariat_reaches_the_import_form(client, request, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))
    response = client.get(IMPORT_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/admin/login/")


def test_version_list_shows_translation_completeness(client, admin_user):
    version = VersionFactory(status=VersionStatus.DRAFT)
    for _ in range(2):
        BlockFactory.create_batch(3, section=SectionFactory(version=version))
    partial = SectionFactory(version=version, title_es="")
    BlockFactory(section=partial, text_fr="")
    BlockFactory(section=partial)
    client.force_login(admin_user)
    html = client.get("/en/admin/guidance/documentversion/").content.decode()
    assert '<td class="field-french">2 / 3</td>' in html
    assert '<td class="field-spanish">2 / 3</td>' in html


def test_sections_of_a_frozen_version_are_read_only_in_the_admin(client, admin_user):
    section = SectionFactory(version=VersionFactory(status=VersionStatus.IN_REVIEW), title_en="Frozen")
    client.force_login(admin_user)
    response = client.post(f"/en/admin/guidance/section/{section.pk}/change/", {"title_en": "Changed"})
    section.refresh_from_db()
    assert response.status_code in (200, 403)
    assert section.title_en == "Frozen"


def test_admin_import_report_lists_what_was_converted_or_not_kept(client, admin_user):
    from tests.guidance.word_corpus import BY_NAME

    document = DocumentFactory(slug="guide")
    client.force_login(admin_user)
    response = client.post(
        IMPORT_URL,
        {
            "document": document.pk,
            "version_label": "Draft 1",
            "language": "en",
            "file": SimpleUploadedFile("guide.docx", BY_NAME["tracked_changes"].content()),
        },
        follow=True,
    )
    assert response.status_code == 200
    messages = [(m.level_tag, m.message) for m in response.context["messages"]]
    assert [level for level, _message in messages] == ["success", "warning"]
    assert messages[0][1].endswith("sections 1 new, 0 updated, 0 removed; paragraphs 3 new, 0 updated, 0 removed.")
    assert messages[1][1] == "The document had tracked changes; they were imported as accepted (deleted text left out)."
