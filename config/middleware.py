import re

from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils.translation import get_language_from_request

# "/de/documents/" or "/pt-br/": a language prefix the site does not offer.
UNKNOWN_PREFIX = re.compile(r"^/(?P<code>[a-zA-Z]{2,3}(?:[-_][a-zA-Z]{2,4})?)(?P<rest>/.*)$")
# Paths outside the language-prefixed URLs whose first segment looks like a language code.
NOT_A_LANGUAGE = {"api"}


class UnknownLanguagePrefixMiddleware:
    """A page asked for in a language the site does not offer goes to the reader's language."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.offered = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        match = UNKNOWN_PREFIX.match(request.path_info)
        if match is None or match["code"].lower() in self.offered | NOT_A_LANGUAGE:
            return response
        language = get_language_from_request(request)
        return HttpResponseRedirect(f"/{language}{match['rest']}")
