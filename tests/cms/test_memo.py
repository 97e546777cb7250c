"""What every page reads and editors rarely change is remembered per worker until content changes."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale


def locale_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    # The look-up by language code (the home page reads its own locale by id as well).
    lookup = 'FROM "wagtailcore_locale" WHERE "wagtailcore_locale"."language_code" ='
    return sum(lookup in query["sql"] for query in queries.captured_queries)


def test_the_active_locale_is_read_once_per_language_and_generation(
    client, site_pages, settings, tmp_path
):
    settings.CONTENT_MEMORY = True
    settings.PAGE_CACHE_SECONDS = 0
    settings.PAGE_CACHE_STAMP = str(tmp_path / "page-cache.stamp")
    client.get("/en/")
    client.get("/ru/")

    assert locale_queries(client, "/en/") == 0
    assert locale_queries(client, "/ru/") == 0

    # Saving a locale starts a new generation: the next page reads it again.
    Locale.objects.get(language_code="kk").save()
    assert locale_queries(client, "/en/") >= 1
    assert locale_queries(client, "/en/") == 0


def test_outside_a_request_wagtail_reads_the_locale(site_pages):
    with translation.override("kk"), CaptureQueriesContext(connection) as queries:
        assert Locale.get_active().language_code == "kk"
    assert len(queries) == 1
