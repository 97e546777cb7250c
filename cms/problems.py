"""RFC 9457 problem details for the storefront API: every error is JSON with a stable `code`.

A client reads `code` (stable, documented in docs/api.md) and shows `detail` and each
`errors[].message` (in the requested language). `type` is a URN built from the code.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import ValidationError as PydanticValidationError

PROBLEM_JSON = "application/problem+json"
TYPE_PREFIX = "urn:nera:problem:"

TITLES = {
    "bad_request": gettext_lazy("The request is not valid."),
    "malformed_json": gettext_lazy("The request body is not valid JSON."),
    "validation_failed": gettext_lazy("Some fields are not valid."),
    "not_authenticated": gettext_lazy("Please sign in."),
    "csrf_failed": gettext_lazy("The CSRF token is missing or wrong."),
    "forbidden": gettext_lazy("You may not do this."),
    "not_found": gettext_lazy("Not found."),
    "payload_too_large": gettext_lazy("The request body is too large."),
    "rate_limited": gettext_lazy("Too many requests. Please wait a moment."),
    "invalid_basket_token": gettext_lazy("The basket token is unknown or has expired."),
    "empty_basket": gettext_lazy("Your basket is empty, so there is nothing to send."),
    "not_added": gettext_lazy("That could not be added to the basket."),
    "basket_changed": gettext_lazy("Your basket changed since this page was opened."),
    "address_limit_reached": gettext_lazy("The address book is full."),
    "reauthentication_required": gettext_lazy("Please confirm your password first."),
}


class FieldError(Schema):
    field: str
    code: str
    message: str


class ProblemSchema(Schema):
    """RFC 9457 problem details with the project's stable `code` and per-field errors."""

    type: str
    title: str
    status: int
    code: str
    detail: str = ""
    errors: list[FieldError] = []


class Problem(Exception):
    """Raised by API code to answer with a problem; `code` must be a key of TITLES."""

    def __init__(
        self, status: int, code: str, detail: str = "", errors: list[dict] | None = None
    ) -> None:
        super().__init__(detail or code)
        self.status = status
        self.code = code
        self.detail = detail
        self.errors = errors or []


def problem_response(
    status: int, code: str, detail: str = "", errors: list[dict] | None = None
) -> HttpResponse:
    payload = ProblemSchema(
        type=f"{TYPE_PREFIX}{code}",
        title=str(TITLES.get(code, TITLES["bad_request"])),
        status=status,
        code=code,
        detail=str(detail),
        errors=[FieldError(**error) for error in errors or []],
    )
    response = HttpResponse(payload.model_dump_json(), status=status, content_type=PROBLEM_JSON)
    response["Cache-Control"] = "no-store"
    return response


def form_errors(form) -> list[dict]:
    """A Django form's errors, field by field, in the active language."""
    return [
        {"field": field, "code": error.code or "invalid", "message": str(message)}
        for field, errors in form.errors.as_data().items()
        for error in errors
        for message in error.messages
    ]


def _validation_errors(errors: list[dict[str, Any]]) -> list[dict]:
    """Ninja/pydantic errors as field errors: `body.quantity` style names, pydantic's codes."""
    result = []
    for error in errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("payload",)]
        result.append(
            {
                "field": ".".join(location),
                "code": str(error.get("type", "invalid")),
                "message": str(error.get("msg", "")),
            }
        )
    return result


def register_problem_handlers(api: NinjaAPI) -> None:
    """Every error an operation can meet becomes a 4xx problem; only real bugs are 500s."""

    @api.exception_handler(Problem)
    def on_problem(request: HttpRequest, exc: Problem) -> HttpResponse:
        return problem_response(exc.status, exc.code, exc.detail, exc.errors)

    @api.exception_handler(NinjaValidationError)
    def on_validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        return problem_response(
            422,
            "validation_failed",
            _("Some fields are not valid."),
            _validation_errors(exc.errors),
        )

    @api.exception_handler(PydanticValidationError)
    def on_pydantic(request: HttpRequest, exc: PydanticValidationError) -> HttpResponse:
        return problem_response(
            422,
            "validation_failed",
            _("Some fields are not valid."),
            _validation_errors(exc.errors(include_input=False)),
        )

    @api.exception_handler(Http404)
    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return problem_response(404, "not_found", _("Not found."))

    @api.exception_handler(RequestDataTooBig)
    def on_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return problem_response(413, "payload_too_large", _("The request body is too large."))

    @api.exception_handler(SuspiciousOperation)
    def on_suspicious(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
        return problem_response(400, "bad_request", _("The request is not valid."))

    @api.exception_handler(HttpError)
    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if isinstance(exc, Throttled):
            return problem_response(429, "rate_limited", str(TITLES["rate_limited"]))
        if isinstance(exc, AuthenticationError):
            return problem_response(401, "not_authenticated", str(TITLES["not_authenticated"]))
        if exc.status_code == 403 and "CSRF" in str(exc):
            return problem_response(403, "csrf_failed", str(TITLES["csrf_failed"]))
        if exc.status_code == 400 and "parse request body" in str(exc):
            return problem_response(400, "malformed_json", str(TITLES["malformed_json"]))
        code = {401: "not_authenticated", 403: "forbidden", 404: "not_found"}.get(
            exc.status_code, "bad_request"
        )
        return problem_response(exc.status_code, code, str(TITLES[code]))
