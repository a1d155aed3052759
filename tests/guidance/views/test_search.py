import pytest
from django.urls import reverse
from django.utils.translation import override

from guidance.enums import VersionStatus
from tests.factories import BlockFactory, SectionFactory, VersionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def version():
    version = VersionFactory(document__slug="guide", slug="draft-1", status=VersionStatus.IN_REVIEW)
    labour = SectionFactory(
        version=version, anchor="labour", number="1", title_en="Labour mobility", title_fr="Mobilité de la main-d’œuvre"
    )
    BlockFactory(
        section=labour,
        key="lab001",
        text_en="Bilateral agreements protect workers.",
        text_fr="Les accords bilatéraux protègent les travailleurs.",
    )
    BlockFactory(section=labour, key="lab002", text_en="Remittances reduce poverty.", text_fr="")
    data = SectionFactory(version=version, anchor="data", number="2", title_en="Data", title_fr="Données")
    BlockFactory(
        section=data,
        key="dat001",
        text_en="Disaggregated data guide policy.",
        text_fr="Des données ventilées orientent les politiques.",
    )
    other = VersionFactory(document=version.document, slug="draft-2", number=2, status=VersionStatus.IN_REVIEW)
    BlockFactory(section=SectionFactory(version=other), text_fr="Les accords bilatéraux d’une autre version.")
    return version


def search(client, query, language="fr"):
    with override(language):
        url = reverse("guidance:version_search", kwargs={"document": "guide", "version": "draft-1"})
    return client.get(url, {"q": query})


def test_search_finds_paragraphs_in_the_page_language(client, reviewer, version):
    client.force_login(reviewer)
    response = search(client, "accords bilatéraux")
    hits = response.context["hits"]
    assert [(h.section.anchor, h.block.key) for h in hits] == [("labour", "lab001")]
    html = response.content.decode()
    assert 'href="/fr/documents/guide/draft-1/labour/#p-lab001"' in html
    assert "<mark>" in html


def test_search_falls_back_to_english_for_untranslated_paragraphs(client, reviewer, version):
    client.force_login(reviewer)
    hits = search(client, "remittances").context["hits"]
    assert [h.block.key for h in hits] == ["lab002"]


def test_search_matches_section_titles(client, reviewer, version):
    client.force_login(reviewer)
    hits = search(client, "données").context["hits"]
    assert ("data", None) in [(h.section.anchor, h.block and h.block.key) for h in hits]


def test_search_in_english(client, reviewer, version):
    client.force_login(reviewer)
    hits = search(client, "workers", "en").context["hits"]
    assert [h.block.key for h in hits] == ["lab001"]


def test_hostile_query_is_escaped_and_finds_nothing(client, reviewer, version):
    client.force_login(reviewer)
    response = search(client, "<script>alert(1)</script>")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in html
    assert response.context["hits"] == []


def test_overlong_query_is_refused_with_a_message(client, reviewer, version):
    client.force_login(reviewer)
    response = search(client, "migration " * 100)
    assert response.status_code == 200
    assert response.context["hits"] is None
    assert response.context["search_form"].errors["q"]


def test_empty_query_shows_the_form_only(client, reviewer, version):
    client.force_login(reviewer)
    response = search(client, "")
    assert response.status_code == 200
    assert response.context["hits"] is None


@pytest.mark.parametrize("extra", [1, 10])
def test_search_queries_do_not_grow(client, reviewer, version, extra, django_assert_num_queries):
    for _ in range(extra):
        BlockFactory(section=SectionFactory(version=version), text_fr="Les accords bilatéraux encore.")
    client.force_login(reviewer)
    with django_assert_num_queries(6):  # session, user, version, user's groups (rules), titles, paragraphs
        response = search(client, "accords bilatéraux")
    assert len(response.context["hits"]) == extra + 1
