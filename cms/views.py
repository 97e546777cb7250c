"""Site-level views: health checks for a load balancer and the error pages (H36)."""

from __future__ import annotations

import sys

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache

RETRY_AFTER_SECONDS = 30


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """The process answers; touches neither the database nor the cache."""
    return JsonResponse({"status": "ok"})


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def _cache_answers() -> bool:
    try:
        cache.set("readyz", "1", timeout=5)
        return cache.get("readyz") == "1"
    except Exception:  # noqa: BLE001 - any backend error means "not ready"
        return False


@never_cache
def readyz(request: HttpRequest) -> HttpResponse:
    """Ready for traffic when the database and the cache answer (connect timeouts are short)."""
    checks = {
        "database": "ok" if _database_answers() else "unavailable",
        "cache": "ok" if _cache_answers() else "unavailable",
    }
    ready = all(value == "ok" for value in checks.values())
    response = JsonResponse({"status": "ok" if ready else "unavailable", **checks})
    if not ready:
        response.status_code = 503
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """Django's 500 handler, but a database outage gets the translated 503 page instead.

    Neither page touches the database or shows a stack trace.
    """
    error = sys.exc_info()[1]
    if isinstance(error, DatabaseError):
        body = loader.get_template("503.html").render()
        response = HttpResponse(body, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponse(loader.get_template(template_name).render(), status=500)
