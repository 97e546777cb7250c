"""Static files answered before Django: whitenoise wraps the WSGI application itself.

Behind the whole middleware stack a stylesheet cost as much as a small page (request id, CORS,
sessions, language, CSRF...), a fifth of what whitenoise alone serves. Files need none of it;
they keep the headers that matter for them: the strict Content-Security-Policy (H19: an SVG
opened on its own runs under it), nosniff and the referrer and opener policies. Whitenoise's
middleware stays in MIDDLEWARE for development and the tests, which do not go through this file.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

# Names from ManifestStaticFilesStorage carry a 12-hex-digit content hash: cache them for a year.
HASHED_NAME = re.compile(r"^.+\.[0-9a-f]{12}\.[A-Za-z0-9]+$")


def static_headers() -> dict[str, str]:
    """The headers every static file gets (the strict policy: no analytics host in it)."""
    from csp.utils import build_policy

    return {
        "Content-Security-Policy": build_policy(),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": settings.SECURE_REFERRER_POLICY,
        "Cross-Origin-Opener-Policy": "same-origin",
    }


def serve_static_first(application):
    """`application` behind whitenoise for STATIC_URL, when the files are collected."""
    from whitenoise import WhiteNoise

    root = Path(settings.STATIC_ROOT)
    if settings.DEBUG or not root.is_dir():
        return application
    headers = static_headers()

    def add_headers(response_headers, path, url):
        for name, value in headers.items():
            response_headers[name] = value

    return WhiteNoise(
        application,
        root=str(root),
        prefix=settings.STATIC_URL,
        max_age=60,
        add_headers_function=add_headers,
        immutable_file_test=lambda path, url: bool(HASHED_NAME.match(url)),
    )
