from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DJANGO_DEBUG", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# `make run` starts no worker: background tasks run in the request unless a worker is used
# (DJANGO_TASKS_WORKER=1 and `python manage.py db_worker`).
if not env_bool("DJANGO_TASKS_WORKER", False):
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
