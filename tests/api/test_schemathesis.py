"""H20: both OpenAPI schemas fuzzed with schemathesis: never a 500, every answer as documented.

The storefront API (/api/store/v1/openapi.json) and Wagtail's content API v3
(/api/v3/openapi.json) are loaded from the running application (WSGI, in-process, the test
database) and every operation gets positive and negative examples. Example counts stay small:
the suite runs twice in CI on two cores.
"""

from contextlib import contextmanager

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from tests.factories.accounts import AddressFactory, VerifiedUserFactory
from tests.factories.catalogue import ProductImageFactory
from tests.factories.checkout import build_shop

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES = 8


def _run_operation(operation, mode: GenerationMode, checks: list, auth: dict) -> None:
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        # The WSGI transport hands back the raw body: ask for it uncompressed (the site gzips).
        headers = {"Accept-Encoding": "identity", **(auth.get("headers") or {})}
        response = case.call(cookies=auth.get("cookies"), headers=headers)
        case.validate_response(response, checks=checks)

    run()


@contextmanager
def database_kept_open():
    """Django's test client keeps the test's connection open across requests; a plain WSGI
    call would close it at the end of each request (fatal inside the test's transaction)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def fuzz(schema_path: str, checks: list, auth: dict | None = None) -> list[str]:
    with database_kept_open():
        return _fuzz(schema_path, checks, auth)


def _fuzz(schema_path: str, checks: list, auth: dict | None = None) -> list[str]:
    """Run every operation of the schema; returns the failures (empty when all pass).

    `auth` holds cookies and headers sent with every request (a signed-in shopper's session
    and CSRF token), so that the fuzzer reaches the code behind the CSRF check.
    """
    schema = schemathesis.openapi.from_wsgi(schema_path, WSGIHandler())
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            mode_checks = checks + (
                [negative_data_rejection] if mode is GenerationMode.NEGATIVE else []
            )
            sent = dict(auth or {})
            if mode is GenerationMode.NEGATIVE and sent:
                # Negative cases drop required cookies on purpose; keep only the CSRF pair then.
                sent["cookies"] = {"csrftoken": sent["cookies"]["csrftoken"]}
            try:
                _run_operation(operation, mode, mode_checks, sent)
            except Unsatisfiable:
                continue  # no parameters to make invalid: nothing negative to send
            except Exception as exc:  # collect every operation's failure, then fail once
                failures.append(
                    f"{operation.method.upper()} {operation.path} [{mode.value}]: {exc}"
                )
    return failures


@pytest.fixture
def fuzz_shop(site_pages):
    shop = build_shop(site_pages, translate=False)
    ProductImageFactory(product=shop["box"])
    shop["box"].save_revision().publish()
    return shop


@pytest.fixture
def signed_in_auth(db):
    """A signed-in shopper with an address: session cookie, CSRF cookie and header."""
    shopper = VerifiedUserFactory()
    AddressFactory(user=shopper)
    client = Client()
    client.force_login(shopper)
    client.get("/api/store/v1/session/")
    token = client.cookies["csrftoken"].value
    return {
        "cookies": {"sessionid": client.cookies["sessionid"].value, "csrftoken": token},
        "headers": {"X-CSRFToken": token},
    }


@pytest.mark.hardening("H20")
@pytest.mark.django_db
def test_storefront_api_schema_holds_under_fuzzing(fuzz_shop, signed_in_auth):
    failures = fuzz("/api/store/v1/openapi.json", CHECKS, signed_in_auth)

    assert not failures, "\n\n".join(failures)


@pytest.mark.hardening("H20")
@pytest.mark.django_db
def test_wagtail_v3_schema_holds_under_fuzzing(fuzz_shop):
    failures = fuzz("/api/v3/openapi.json", CHECKS)

    assert not failures, "\n\n".join(failures)
