"""The side-by-side page names both languages in the reader's language ("en français et en anglais"),
never one of them in its own name inside a French sentence ("en français et en English")."""

import re

import pytest
from django.urls import reverse
from django.utils.translation import override

from guidance.enums import VersionStatus
from tests.factories import BlockFactory, SectionFactory, VersionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def section():
    version = VersionFactory(document__slug="booklet", slug="draft-1", status=VersionStatus.FINAL)
    section = SectionFactory(version=version, anchor="introduction", title_fr="Introduction", title_es="Introducción")
    BlockFactory(section=section, key="p1", position=1, text_en="Pathways.", text_fr="Filières.", text_es="Vías.")
    return section


def compare_page(client, section, language, other) -> str:
    with override(language):
        url = reverse(
            "guidance:section_compare",
            kwargs={"document": "booklet", "version": "draft-1", "anchor": section.anchor},
        )
    return client.get(url, {"other": other}).content.decode()


@pytest.mark.parametrize(
    "language, other, caption_names, headers",
    [
        ("fr", "en", ("français", "anglais"), ("Français", "Anglais")),
        ("es", "fr", ("español", "francés"), ("Español", "Francés")),
        ("en", "es", ("English", "Spanish"), ("English", "Spanish")),
    ],
)
def test_the_languages_are_named_in_the_readers_language(client, section, language, other, caption_names, headers):
    page = compare_page(client, section, language, other)
    caption = re.search(r'<caption class="visually-hidden">([^<]*)</caption>', page).group(1)
    assert all(name in caption for name in caption_names), caption
    shown = re.findall(r'<th scope="col">([^<]*)</th>', page)
    assert shown[-2:] == list(headers)
    if language != "en":
        assert "English" not in caption and "English</th>" not in page
