"""What the API says about practices, Champion countries and guidance versions (published data only)."""

from django.conf import settings
from django.utils.translation import get_language
from rest_framework import serializers

from champions.enums import ChampionRoleKind, PilotStatus, PracticeKind, Region
from champions.models import ChampionRole, MemberState, Pilot, Practice
from guidance.models import DocumentVersion

LANGUAGES = [code for code, _name in settings.LANGUAGES]


_LABELS: dict[tuple[type, str], dict[str, str]] = {}


class ChoiceLabelField(serializers.CharField):
    """The label of a choice in the response's language, looked up in a table made once per language.

    ``get_FOO_display`` rebuilds the choices on every call: on a page of a hundred countries
    with their roles and pilots, that alone was most of the response's time.
    """

    def __init__(self, choices: type, **kwargs):
        self.choice_enum = choices
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value) -> str:
        key = (self.choice_enum, get_language() or "")
        labels = _LABELS.get(key)
        if labels is None:
            labels = _LABELS[key] = {choice: str(label) for choice, label in self.choice_enum.choices}
        return labels.get(value, str(value))


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


class CountryRefSerializer(serializers.ModelSerializer):
    code = serializers.SerializerMethodField(help_text="ISO 3166 alpha-2, lower case.")
    name = serializers.CharField(help_text="The UN short name in the response's language.")
    region = serializers.ChoiceField(choices=Region.choices)

    class Meta:
        model = MemberState
        fields = ["code", "name", "region"]

    def get_code(self, obj: MemberState) -> str:
        return obj.country.code.lower()


class PracticeSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=PracticeKind.choices)
    kind_label = ChoiceLabelField(PracticeKind, source="kind")
    title = serializers.CharField()
    summary = serializers.CharField()
    body = serializers.CharField(help_text="Markdown.")
    language = serializers.SerializerMethodField(
        help_text="The language the text is in (the requested one if written)."
    )
    country = CountryRefSerializer(source="member_state")
    objectives = serializers.SerializerMethodField(help_text="Numbers of the GCM objectives (1–23).")
    principles = serializers.SerializerMethodField(help_text="Keys of the guiding principles.")
    url = serializers.SerializerMethodField(help_text="The public page, in the response's language.")

    class Meta:
        model = Practice
        fields = [
            "id",
            "kind",
            "kind_label",
            "title",
            "summary",
            "body",
            "language",
            "country",
            "objectives",
            "principles",
            "published_at",
            "updated_at",
            "url",
        ]

    def get_language(self, obj: Practice) -> str:
        return obj.language_shown(get_language())

    def get_objectives(self, obj: Practice) -> list[int]:
        return [objective.number for objective in obj.objectives.all()]

    def get_principles(self, obj: Practice) -> list[str]:
        return [principle.key for principle in obj.principles.all()]

    def get_url(self, obj: Practice) -> str:
        return absolute(self.context.get("request"), obj.get_absolute_url())


class RoleSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=ChampionRoleKind.choices)
    label = ChoiceLabelField(ChampionRoleKind, source="kind")

    class Meta:
        model = ChampionRole
        fields = ["kind", "label", "started_on"]


class PilotSerializer(serializers.ModelSerializer):
    status = serializers.ChoiceField(choices=PilotStatus.choices)
    status_label = ChoiceLabelField(PilotStatus, source="status")
    document = serializers.CharField(source="version.document.slug")
    version = serializers.CharField(source="version.label")
    objectives = serializers.SerializerMethodField(help_text="Numbers of the GCM objectives covered.")

    class Meta:
        model = Pilot
        fields = [
            "id",
            "title",
            "status",
            "status_label",
            "status_changed_on",
            "starts_on",
            "ends_on",
            "document",
            "version",
            "objectives",
        ]

    def get_objectives(self, obj: Pilot) -> list[int]:
        return [objective.number for objective in obj.objectives.all()]


class CountrySerializer(CountryRefSerializer):
    roles = RoleSerializer(source="champion_roles", many=True)
    pilots = PilotSerializer(source="pilot_list", many=True)

    class Meta:
        model = MemberState
        fields = ["code", "iso3", "name", "region", "champion_since", "roles", "pilots"]


class VersionSerializer(serializers.ModelSerializer):
    document = serializers.CharField(source="document.slug")
    document_title = serializers.CharField(source="document.title")
    url = serializers.SerializerMethodField(help_text="The version's pages, in the response's language.")

    class Meta:
        model = DocumentVersion
        fields = ["id", "document", "document_title", "number", "label", "created_at", "url"]

    def get_url(self, obj: DocumentVersion) -> str:
        return absolute(self.context.get("request"), obj.get_absolute_url())


# --- Query parameters (anything else is refused with a 400) ----------------------------------


class LanguageQuery(serializers.Serializer):
    lang = serializers.ChoiceField(
        choices=LANGUAGES, required=False, help_text="Language of translated fields; else Accept-Language."
    )


class PracticeQuery(LanguageQuery):
    objective = serializers.IntegerField(min_value=1, max_value=23, required=False)
    principle = serializers.SlugField(max_length=60, required=False)
    region = serializers.ChoiceField(choices=Region.choices, required=False)
    country = serializers.RegexField(r"^[A-Za-z]{2}$", required=False, help_text="ISO 3166 alpha-2.")
    kind = serializers.ChoiceField(choices=PracticeKind.choices, required=False)


class CountryQuery(LanguageQuery):
    region = serializers.ChoiceField(choices=Region.choices, required=False)
    role = serializers.ChoiceField(choices=ChampionRoleKind.choices, required=False)
    pilot_status = serializers.ChoiceField(choices=PilotStatus.choices, required=False)


class VersionQuery(LanguageQuery):
    document = serializers.SlugField(max_length=60, required=False)
