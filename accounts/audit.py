"""The audit log: who did what, when and from where (docs/security.md, "Audit log").

``record()`` is the only way in. The request being served (set by ``AuditContextMiddleware``)
gives the actor, the client address and the path, so services and signal receivers record an
event without being handed the request. Every text that reaches a row or the log line is
neutralised first: control characters, line and paragraph separators and bidirectional
overrides are written as visible escapes, so an attacker cannot forge a second line in the log
or reverse the text an administrator reads.
"""

import contextvars
import json
import logging
import re
from contextlib import contextmanager

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from accounts.models import AuditAction, AuditEvent

logger = logging.getLogger("guidance_review.audit")

_request: contextvars.ContextVar = contextvars.ContextVar("audit_request", default=None)

# C0 and C1 controls (tab, CR and LF included), DEL, line/paragraph separators, bidirectional
# embeddings, overrides and isolates, zero-width and byte-order marks.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")


def neutral(text, limit: int = 300) -> str:
    """``text`` as one safe line: unsafe characters escaped (``\\u202e``), cut to ``limit``."""
    if text is None:
        return ""
    text = _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", str(text))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _neutral_detail(value, depth: int = 0):
    if depth > 3:
        return neutral(value)
    if isinstance(value, dict):
        return {neutral(k, 64): _neutral_detail(v, depth + 1) for k, v in list(value.items())[:50]}
    if isinstance(value, (list, tuple)):
        return [_neutral_detail(v, depth + 1) for v in value[:1000]]
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return neutral(value, 1000)


@contextmanager
def request_context(request):
    token = _request.set(request)
    try:
        yield
    finally:
        _request.reset(token)


def client_ip(request) -> str | None:
    """The client's address as allauth's rate limits see it (its trusted-proxy settings)."""
    from allauth.core.internal.httpkit import get_client_ip

    try:
        return get_client_ip(request)
    except ImproperlyConfigured:  # fewer X-Forwarded-For entries than trusted proxies: a forged header
        return None


def record(
    action: AuditAction | str, *, target=None, label: str = "", detail: dict | None = None, actor=None, request=None
) -> AuditEvent:
    """Append one event. ``target`` is a model instance (type, id and label are taken from it)."""
    request = request if request is not None else _request.get()
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        actor = user if user is not None and user.is_authenticated else None
    event = AuditEvent(
        at=timezone.now(),
        actor=actor,
        actor_label=neutral(getattr(actor, "email", ""), 254),
        action=str(action),
        object_type=target._meta.label_lower if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        object_label=neutral(label or (str(target) if target is not None else "")),
        detail=_neutral_detail(detail or {}),
    )
    if request is not None:
        event.ip = client_ip(request)
        event.user_agent = neutral(request.META.get("HTTP_USER_AGENT", ""))
        event.path = neutral(request.get_full_path(), 500)
    event.save()
    logger.info(
        "%s",
        json.dumps(
            {
                "at": event.at.isoformat(),
                "actor": event.actor_label,
                "action": event.action,
                "object": f"{event.object_type}:{event.object_id}" if event.object_type else "",
                "label": event.object_label,
                "ip": event.ip,
                "path": event.path,
            },
            ensure_ascii=True,
        ),
    )
    return event
