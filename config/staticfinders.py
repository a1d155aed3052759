"""A static files finder that publishes single files of a package, not its whole directory.

``STATICFILES_VENDOR_FILES`` maps a static path to the file that serves it. Why not a
``STATICFILES_DIRS`` entry: the XStatic-jquery-ui directory also holds theme stylesheets
whose images the package does not ship, and WhiteNoise's manifest storage (rightly strict)
refuses them in ``collectstatic``. The admin uses one file of it (``jquery-ui.min.js``, for
modeltranslation's language tabs), so only that file is published.
"""

import posixpath
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import utils
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import Error
from django.core.files.storage import FileSystemStorage


class VendorFilesFinder(BaseFinder):
    def __init__(self, *args, **kwargs):
        self.files = {name: Path(source) for name, source in getattr(settings, "STATICFILES_VENDOR_FILES", {}).items()}
        super().__init__(*args, **kwargs)

    def check(self, **kwargs):
        errors = []
        for name, source in self.files.items():
            if not source.is_file():
                errors.append(
                    Error(f"STATICFILES_VENDOR_FILES: {source} (for {name}) is not a file.", id="config.E001")
                )
            if posixpath.basename(name) != source.name:
                errors.append(
                    Error(f"STATICFILES_VENDOR_FILES: {name} must keep the name {source.name}.", id="config.E002")
                )
        return errors

    # Django 5.2 still accepts the deprecated ``all`` keyword: keep **kwargs like its own finders.
    def find(self, path, find_all=False, **kwargs):
        if kwargs:
            find_all = self._check_deprecated_find_param(find_all=find_all, **kwargs)
        source = self.files.get(path)
        if source is None or not source.is_file():
            return []
        return [str(source)] if find_all else str(source)

    def list(self, ignore_patterns):
        for name, source in self.files.items():
            if ignore_patterns and utils.matches_patterns(name, ignore_patterns):
                continue
            storage = FileSystemStorage(location=source.parent)
            storage.prefix = posixpath.dirname(name)  # where collectstatic and WhiteNoise put it
            yield source.name, storage
