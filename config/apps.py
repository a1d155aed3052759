from django.apps import AppConfig


class ConfigConfig(AppConfig):
    """Holds what spans every app: the site-wide views and the demo seed command."""

    name = "config"
    verbose_name = "Guidance Review"
