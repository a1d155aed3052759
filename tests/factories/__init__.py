import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import User
from guidance.enums import BlockKind, VersionStatus
from guidance.models import Block, Document, DocumentVersion, Objective, Section

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Faker("name")
    preferred_language = "en"
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.get_or_create(user=obj, email=obj.email, defaults={"verified": True, "primary": True})


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective
        django_get_or_create = ("number",)

    number = factory.Sequence(lambda n: (n % 23) + 1)
    title_en = factory.LazyAttribute(lambda o: f"Objective title {o.number}")
    title_fr = factory.LazyAttribute(lambda o: f"Titre de l’objectif {o.number}")
    title_es = factory.LazyAttribute(lambda o: f"Título del objetivo {o.number}")
    short_label_en = factory.LazyAttribute(lambda o: f"Label {o.number}")
    short_label_fr = factory.LazyAttribute(lambda o: f"Libellé {o.number}")
    short_label_es = factory.LazyAttribute(lambda o: f"Etiqueta {o.number}")


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"document-{n}")
    title_en = factory.LazyAttribute(lambda o: f"{o.slug.title()} (English)")
    title_fr = factory.LazyAttribute(lambda o: f"{o.slug.title()} (français)")
    title_es = factory.LazyAttribute(lambda o: f"{o.slug.title()} (español)")


class VersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentVersion

    document = factory.SubFactory(DocumentFactory)
    number = factory.Sequence(lambda n: n + 1)
    label = factory.LazyAttribute(lambda o: f"Draft {o.number}")
    slug = factory.LazyAttribute(lambda o: f"draft-{o.number}")
    status = VersionStatus.IN_REVIEW


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    version = factory.SubFactory(VersionFactory)
    order = factory.Sequence(lambda n: n + 1)
    number = factory.LazyAttribute(lambda o: str(o.order))
    anchor = factory.Sequence(lambda n: f"section-{n}")
    title_en = factory.Sequence(lambda n: f"Section {n}")
    title_fr = factory.Sequence(lambda n: f"Section FR {n}")
    title_es = factory.Sequence(lambda n: f"Sección {n}")


class BlockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Block

    section = factory.SubFactory(SectionFactory)
    key = factory.Sequence(lambda n: f"k{n:05d}")
    position = factory.Sequence(lambda n: n + 1)
    kind = BlockKind.PARAGRAPH
    text_en = factory.Sequence(lambda n: f"English paragraph {n} about regular pathways.")
    text_fr = factory.Sequence(lambda n: f"Paragraphe français {n} sur les voies régulières.")
    text_es = factory.Sequence(lambda n: f"Párrafo español {n} sobre las vías regulares.")


class MemberStateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "champions.MemberState"
        django_get_or_create = ("country",)

    country = "MA"
    iso3 = factory.LazyAttribute(
        lambda o: {"MA": "MAR", "MX": "MEX", "FR": "FRA", "KE": "KEN"}.get(o.country, o.country + "X")
    )
    name_en = factory.LazyAttribute(lambda o: o.country)
    region = "africa"
    regional_group = "african"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "champions.Organisation"
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organisation {n}")
    acronym = factory.Sequence(lambda n: f"ORG{n}")
    kind = "civil_society"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "champions.Membership"

    user = factory.SubFactory(UserFactory)
    member_state = factory.SubFactory(MemberStateFactory)
    role = "contributor"


class GuidingPrincipleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "guidance.GuidingPrinciple"
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"principle-{n}")
    position = factory.Sequence(lambda n: n + 1)
    name_en = factory.LazyAttribute(lambda o: f"Principle {o.position}")
    name_fr = factory.LazyAttribute(lambda o: f"Principe {o.position}")
    name_es = factory.LazyAttribute(lambda o: f"Principio {o.position}")


class PilotFactory(factory.django.DjangoModelFactory):
    """A pilot row as it is stored (tests of workflows go through champions.services.pilots)."""

    class Meta:
        model = "champions.Pilot"

    member_state = factory.SubFactory(MemberStateFactory)
    title = factory.Sequence(lambda n: f"Pilot {n}")
    version = factory.SubFactory(VersionFactory)
    status = "planned"
    created_by = factory.SubFactory(UserFactory)


class PilotUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "champions.PilotUpdate"

    pilot = factory.SubFactory(PilotFactory)
    body = factory.Sequence(lambda n: f"Update {n} on the pilot.")
    language = "en"
    author = factory.SubFactory(UserFactory)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "champions.Activity"

    member_state = factory.SubFactory(MemberStateFactory)
    kind = "briefing"
    held_on = factory.Faker("date_this_year")
    title = factory.Sequence(lambda n: f"Briefing {n}")
    created_by = factory.SubFactory(UserFactory)


class PracticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "champions.Practice"

    kind = "case_study"
    member_state = factory.SubFactory(MemberStateFactory)
    title_en = factory.Sequence(lambda n: f"Practice {n}")
    summary_en = "A short summary."
    body_en = "The text of the practice."
    original_language = "en"
    status = "draft"
    author = factory.SubFactory(UserFactory)

    approved_at = factory.LazyAttribute(lambda o: timezone.now() if o.status in ("approved", "published") else None)
    published_at = factory.LazyAttribute(lambda o: timezone.now() if o.status == "published" else None)
