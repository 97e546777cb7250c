"""The project's APIs: the storefront API (django-ninja, /api/store/v1/) and the mounting of
Wagtail's content API (v2 router at /api/v2/, v3 at /api/v3/).

The storefront API has one router per app (each app's api.py and schemas.py) calling the same
services as the HTML views. Errors are RFC 9457 problem details (cms/problems.py).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.utils.translation import get_language
from ninja import NinjaAPI, Schema
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.v3.errors import ProblemDetail as V3ProblemDetail
from wagtail.api.v3.urls import api as content_api_v3
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from cms.problems import PROBLEM_JSON, ProblemSchema, problem_response, register_problem_handlers

# Wagtail's content API v2: live, public pages of the site only (Wagtail's own queryset).
content_api_v2 = WagtailAPIRouter("wagtailapi_v2")
content_api_v2.register_endpoint("pages", PagesAPIViewSet)
content_api_v2.register_endpoint("images", ImagesAPIViewSet)
content_api_v2.register_endpoint("documents", DocumentsAPIViewSet)

ERROR_STATUSES = (400, 401, 403, 404, 409, 413, 422, 429)


def document_problems(schema: dict, problem_schema, name: str) -> dict:
    """Document every 4xx an operation can answer as application/problem+json."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    problem_json = problem_schema.model_json_schema(ref_template="#/components/schemas/{model}")
    components.update(problem_json.pop("$defs", {}))  # nested models (FieldError) live beside it
    components[name] = problem_json
    problem = {"content": {PROBLEM_JSON: {"schema": {"$ref": f"#/components/schemas/{name}"}}}}
    for path in schema.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            for status in ERROR_STATUSES:
                responses.setdefault(str(status), {"description": "Problem details", **problem})
    return schema


class StoreAPI(NinjaAPI):
    """NinjaAPI whose schema documents every error as application/problem+json."""

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        return document_problems(schema, ProblemSchema, "Problem")


def _document_v3_problems() -> None:
    """Wagtail's v3 answers 4xx problems that its schema does not list (e.g. an unknown
    ?locale= gives 404 where only 200 is documented); list them so clients can rely on it."""
    original = content_api_v3.get_openapi_schema

    def get_openapi_schema(*args, **kwargs):
        return document_problems(original(*args, **kwargs), V3ProblemDetail, "ProblemDetail")

    content_api_v3.get_openapi_schema = get_openapi_schema


_document_v3_problems()


store_api = StoreAPI(
    title="Nera storefront API",
    version="1.0.0",
    description=(
        "Catalogue, basket, checkout (WhatsApp), the signed-in shopper's profile and addresses, "
        "consent and public settings. Choose the language with ?lang=en|ru|kk "
        "(else Accept-Language). Errors are RFC 9457 problem details with a stable `code`."
    ),
    urls_namespace="store_api",
    openapi_url="/openapi.json",
    docs_url="/docs/",
)
register_problem_handlers(store_api)


def refuse_large_bodies(view):
    """413 before the body is read when Content-Length says it is too large."""

    def wrapper(request: HttpRequest, *args, **kwargs):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.STORE_API_MAX_BODY:
            return problem_response(413, "payload_too_large", "")
        return view(request, *args, **kwargs)

    return wrapper


store_api.add_decorator(refuse_large_bodies, mode="view")


class SessionOut(Schema):
    authenticated: bool
    language: str
    csrf_token: str


@store_api.get("/session/", response=SessionOut, tags=["session"], summary="Session and CSRF")
def session_info(request: HttpRequest):
    """Browsers call this first: it sets the CSRF cookie; send its value as X-CSRFToken."""
    return {
        "authenticated": request.user.is_authenticated,
        "language": get_language(),
        "csrf_token": get_token(request),
    }


def _mount_routers() -> None:
    from legal.api import router as legal_router
    from storefront.accounts.api import router as accounts_router
    from storefront.basket.api import router as basket_router
    from storefront.catalogue.api import router as catalogue_router
    from storefront.checkout.api import router as checkout_router

    store_api.add_router("", catalogue_router)
    store_api.add_router("", basket_router)
    store_api.add_router("", checkout_router)
    store_api.add_router("", accounts_router)
    store_api.add_router("", legal_router)


_mount_routers()
