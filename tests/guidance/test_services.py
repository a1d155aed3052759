import pytest
from django.core.exceptions import ValidationError

from guidance.enums import VersionStatus
from guidance.models import Block, Section
from guidance.services import (
    block_update,
    document_version_create_from,
    document_version_set_status,
    section_move,
    section_update,
)
from tests.factories import BlockFactory, SectionFactory, VersionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("status", [VersionStatus.IN_REVIEW, VersionStatus.FINAL])
def test_frozen_version_text_cannot_change(status):
    version = VersionFactory(status=status, label="Draft 1")
    block = BlockFactory(section=SectionFactory(version=version), text_en="Original.")

    with pytest.raises(ValidationError) as error:
        block_update(block=block, text_en="Changed.")
    with pytest.raises(ValidationError):
        section_update(section=block.section, title_en="Changed")

    assert "Create a new version from it to make changes." in error.value.messages[0]
    block.refresh_from_db()
    assert block.text_en == "Original."


def test_draft_text_can_change_and_is_in_history():
    version = VersionFactory(status=VersionStatus.DRAFT)
    block = BlockFactory(section=SectionFactory(version=version), text_en="Original.")
    block_update(block=block, text_en="Changed.")
    assert [h.text_en for h in block.history.order_by("history_date")] == ["Original.", "Changed."]


def test_new_version_carries_keys_anchors_and_translations_over():
    previous = VersionFactory(status=VersionStatus.IN_REVIEW, number=1)
    parent = SectionFactory(version=previous, order=1, number="1", anchor="intro")
    child = SectionFactory(version=previous, order=2, number="1.1", depth=2, parent=parent, anchor="scope")
    BlockFactory(section=child, key="abc123", text_fr="Texte.")

    version = document_version_create_from(previous=previous, label="Draft 2")

    assert (version.number, version.slug, version.status, version.based_on) == (
        2,
        "draft-2",
        VersionStatus.DRAFT,
        previous,
    )
    copied = list(Section.objects.filter(version=version).order_by("order"))
    assert [(s.anchor, s.number, s.parent_id) for s in copied] == [("intro", "1", None), ("scope", "1.1", copied[0].pk)]
    block = Block.objects.get(section__version=version)
    assert (block.key, block.text_fr) == ("abc123", "Texte.")
    assert Block.objects.filter(section__version=previous).count() == 1


def test_status_transitions():
    version = VersionFactory(status=VersionStatus.DRAFT)
    document_version_set_status(version=version, status=VersionStatus.IN_REVIEW)
    document_version_set_status(version=version, status=VersionStatus.FINAL)
    with pytest.raises(ValidationError):
        document_version_set_status(version=version, status=VersionStatus.DRAFT)
    version.refresh_from_db()
    assert version.status == VersionStatus.FINAL


def test_section_move_swaps_siblings_with_their_subsections_and_renumbers():
    version = VersionFactory(status=VersionStatus.DRAFT)
    a = SectionFactory(version=version, order=1, number="1", anchor="a")
    a1 = SectionFactory(version=version, order=2, number="1.1", depth=2, parent=a, anchor="a1")
    b = SectionFactory(version=version, order=3, number="2", anchor="b")

    section_move(section=b, direction=-1)

    rows = list(Section.objects.filter(version=version).order_by("order").values_list("anchor", "number", "order"))
    assert rows == [("b", "1", 1), ("a", "2", 2), ("a1", "2.1", 3)]
    assert a1.pk


def test_section_move_in_a_frozen_version_is_refused():
    version = VersionFactory(status=VersionStatus.IN_REVIEW)
    section = SectionFactory(version=version)
    with pytest.raises(ValidationError):
        section_move(section=section, direction=1)
