from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("Reviews")

    def ready(self) -> None:
        from reviews.search import register_sqlite_functions

        # The accent-insensitive search on SQLite (reviews/search.py).
        connection_created.connect(register_sqlite_functions, dispatch_uid="reviews.sqlite_functions")
