"""The read-only JSON API: published practices, Champion countries, published guidance versions.

Every answer is public and cacheable: an ``ETag`` (a hash of the data and its language) and,
where the data has dates, ``Last-Modified``; ``If-None-Match``/``If-Modified-Since`` get a
304. The language of translated fields is ``?lang=`` or else ``Accept-Language``. Unknown
query parameters and bad values are refused with a 400 that names them; the page size is
capped at ``Pagination.max_page_size``; an unpublished practice is a 404 like an unknown one.
"""

import hashlib
import json

from django.conf import settings
from django.http import JsonResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view, inline_serializer
from rest_framework import exceptions, serializers, viewsets

from champions.api import serializers as api
from champions.api.pagination import Pagination
from champions.selectors import public as selectors

LANGUAGES = [code for code, _name in settings.LANGUAGES]
PAGING = {"page", "page_size"}


class BadQuery(exceptions.APIException):
    status_code = 400
    default_code = "bad_query"


Error = inline_serializer(
    name="Error",
    fields={
        "detail": serializers.CharField(),
        "errors": serializers.DictField(child=serializers.ListField(child=serializers.CharField()), required=False),
    },
)


class PagingQuery(serializers.Serializer):
    page = serializers.IntegerField(min_value=1, required=False)
    page_size = serializers.IntegerField(min_value=1, max_value=Pagination.max_page_size, required=False)


def language_from_header(header: str) -> str:
    """The first supported language of an Accept-Language header (by quality), English otherwise."""
    choices = []
    for position, part in enumerate(header.split(",")[:20]):
        tag, _sep, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        choices.append((-quality, position, tag.strip().lower().split("-")[0]))
    for _quality, _position, code in sorted(choices):
        if code in LANGUAGES:
            return code
    return settings.LANGUAGE_CODE


def validated_query(params, query_class, *, paging: bool) -> dict:
    """The query string checked against the endpoint's fields: unknown, repeated or invalid parameters are a 400."""
    allowed = set(query_class().fields) | (PAGING if paging else set())
    unknown = sorted(set(params) - allowed)
    if unknown:
        raise BadQuery(
            {
                "detail": _("Unknown query parameter(s): %(names)s. Allowed: %(allowed)s.")
                % {"names": ", ".join(unknown), "allowed": ", ".join(sorted(allowed))}
            }
        )
    repeated = sorted(name for name, values in params.lists() if len(values) > 1)
    if repeated:
        raise BadQuery({"detail": _("Give each query parameter once: %(names)s.") % {"names": ", ".join(repeated)}})
    values = params.dict()
    query = query_class(data={k: v for k, v in values.items() if k not in PAGING})
    paging_query = PagingQuery(data={k: v for k, v in values.items() if k in PAGING})
    errors = {
        **(query.errors if not query.is_valid() else {}),
        **(paging_query.errors if not paging_query.is_valid() else {}),
    }
    if errors:
        raise BadQuery({"detail": _("Some query parameters are not valid."), "errors": errors})
    return dict(query.validated_data)


class PublicReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    list_query = api.LanguageQuery
    modified_field = ""
    query: dict = {}  # the validated query parameters (set in ``initial``)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if self.action not in ("list", "retrieve"):
            return  # another method: refused by the handler (405)
        query_class = self.list_query if self.action == "list" else api.LanguageQuery
        self.query = validated_query(request.query_params, query_class, paging=self.action == "list")
        self.language = self.query.pop("lang", "") or language_from_header(request.headers.get("Accept-Language", ""))
        translation.activate(self.language)
        request.LANGUAGE_CODE = self.language

    def get_serializer(self, *args, **kwargs):
        if args and self.modified_field:
            objects = args[0] if kwargs.get("many") else [args[0]]
            dates = [date for obj in objects for date in self.modified(obj) if date]
            self.last_modified = max(dates) if dates else None
        return super().get_serializer(*args, **kwargs)

    def modified(self, obj) -> list:
        return [getattr(obj, self.modified_field)]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        language = getattr(self, "language", settings.LANGUAGE_CODE)
        response["Content-Language"] = language
        patch_vary_headers(response, ["Accept-Language"])
        if response.status_code != 200 or request.method not in ("GET", "HEAD"):
            return response
        payload = json.dumps(response.data, sort_keys=True, default=str) + language
        etag = f'"{hashlib.sha256(payload.encode()).hexdigest()[:32]}"'
        last_modified = getattr(self, "last_modified", None)
        timestamp = int(last_modified.timestamp()) if last_modified else None
        response["ETag"] = etag
        if timestamp:
            response["Last-Modified"] = http_date(timestamp)
        response["Cache-Control"] = "public, max-age=300"
        return get_conditional_response(request._request, etag=etag, last_modified=timestamp, response=response)


def described(serializer, query, item_name: str, lookup: OpenApiParameter | None = None):
    """The schema of a view set: its query parameters and its error answers (400, 404)."""
    errors = {400: Error, 404: Error}
    retrieve_parameters = [api.LanguageQuery] + ([lookup] if lookup else [])
    return extend_schema_view(
        list=extend_schema(parameters=[query], responses={200: serializer(many=True), **errors}),
        retrieve=extend_schema(
            parameters=retrieve_parameters, responses={200: serializer, **errors}, summary=item_name
        ),
    )


@described(api.PracticeSerializer, api.PracticeQuery, "A published practice")
class PracticeViewSet(PublicReadOnlyViewSet):
    """Published case studies, positive practices and lessons learned, newest first."""

    serializer_class = api.PracticeSerializer
    list_query = api.PracticeQuery
    modified_field = "updated_at"

    def get_queryset(self):
        filters = selectors.PracticeFilters(
            region=self.query.get("region", ""),
            country=self.query.get("country", ""),
            kind=self.query.get("kind", ""),
        )
        practices = selectors.published_practices(filters)
        if self.query.get("objective"):
            practices = practices.filter(objectives__number=self.query["objective"])
        if self.query.get("principle"):
            practices = practices.filter(principles__key=self.query["principle"])
        return practices


CODE = OpenApiParameter(
    "code", OpenApiTypes.STR, OpenApiParameter.PATH, description="ISO 3166 alpha-2, lower case.", pattern="^[a-z]{2}$"
)


@described(api.CountrySerializer, api.CountryQuery, "A Champion country", lookup=CODE)
class CountryViewSet(PublicReadOnlyViewSet):
    """Champion countries with their roles and the status of their pilots."""

    serializer_class = api.CountrySerializer
    list_query = api.CountryQuery
    lookup_field = "country"
    lookup_url_kwarg = "code"
    lookup_value_regex = "[a-z]{2}"
    modified_field = "pilot_list"

    def get_queryset(self):
        return selectors.champion_countries(**self.query)

    def get_object(self):
        self.kwargs["code"] = self.kwargs["code"].upper()
        return super().get_object()

    def modified(self, obj) -> list:
        return [pilot.updated_at for pilot in obj.pilot_list]


@described(api.VersionSerializer, api.VersionQuery, "A published guidance version")
class VersionViewSet(PublicReadOnlyViewSet):
    """Published (final) versions of the Guide and the Booklet."""

    serializer_class = api.VersionSerializer
    list_query = api.VersionQuery
    modified_field = "created_at"

    def get_queryset(self):
        return selectors.published_versions(**self.query)


def not_found(request, path: str = ""):
    """Any other address under /api/: a JSON 404, as the schema says."""
    return JsonResponse(
        {"detail": _("Not found.")}, status=404, headers={"Content-Language": translation.get_language()}
    )
