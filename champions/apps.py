from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChampionsConfig(AppConfig):
    name = "champions"
    verbose_name = _("Champions and delegations")

    def ready(self) -> None:
        from champions import signals  # noqa: F401  (connects the receivers)
