"""Rate-limited POSTs: a 429 with Retry-After and an anti-spam record, wherever the limit fired
(a protected form, allauth's own limits) (P11)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from legal.antispam.models import SpamReason
from legal.antispam.services import record

DEFAULT_RETRY_AFTER = "60"


class RateLimitRecordMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        wait = getattr(request, "antispam_retry_after", None)
        if wait and response.status_code == 200:  # a protected form shown again, as typed
            response.status_code = 429
            response["Retry-After"] = str(wait)
        if response.status_code == 429 and request.method == "POST":
            match = getattr(request, "resolver_match", None)
            email = getattr(request, "antispam_email", "") or str(
                request.POST.get("email") or request.POST.get("login") or ""
            )
            record(
                request,
                form=getattr(request, "antispam_form", "")
                or (match.url_name if match else "")
                or "unknown",
                reason=SpamReason.RATE_LIMIT,
                email=email,
            )
            if not response.has_header("Retry-After"):
                response["Retry-After"] = str(wait or DEFAULT_RETRY_AFTER)
        return response
