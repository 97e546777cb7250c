"""How pages leave the server: compressed, from workers that live long and start warm."""

import gc
import gzip
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

CONFIG = Path(settings.BASE_DIR) / "cms" / "gunicorn.conf.py"


def load_config(monkeypatch, **env):
    """The config as gunicorn's master reads it; the test process's collector is left on."""
    for name in ("GUNICORN_MAX_REQUESTS", "GUNICORN_MAX_REQUESTS_JITTER", "GUNICORN_PRELOAD"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("gunicorn_conf", CONFIG)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
        module.collector_on_after_reading = gc.isenabled()
    finally:
        gc.enable()
    return module


def test_html_is_sent_compressed_to_browsers_that_accept_it(client, site_pages):
    response = client.get("/en/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")

    assert response["Content-Encoding"] == "gzip"
    html = gzip.decompress(response.content).decode()
    assert html.lstrip().lower().startswith("<!doctype html>")
    assert "Accept-Encoding" in response["Vary"]


def test_workers_are_not_recycled_every_few_seconds_and_start_warm(monkeypatch):
    config = load_config(monkeypatch)

    # Several hundred requests a second per worker: 2,000 requests was a restart every few
    # seconds. Now a worker lives for hours under that load, and the workers restart apart.
    assert config.max_requests >= 100_000
    assert config.max_requests_jitter >= config.max_requests // 20
    assert config.preload_app is True


def test_recycling_and_preloading_can_be_set_from_the_environment(monkeypatch):
    config = load_config(monkeypatch, GUNICORN_MAX_REQUESTS="0", GUNICORN_PRELOAD="false")

    assert config.max_requests == 0
    assert config.preload_app is False


def test_static_files_are_served_before_django_with_the_strict_policy(settings, tmp_path):
    from wsgiref.util import setup_testing_defaults

    from cms.static import serve_static_first

    settings.STATIC_ROOT = str(tmp_path)
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "site.0123456789ab.css").write_text("body{color:red}")
    (tmp_path / "css" / "site.css").write_text("body{color:red}")
    reached_django = []

    def django_app(environ, start_response):
        reached_django.append(environ["PATH_INFO"])
        start_response("200 OK", [("Content-Type", "text/html")])
        return [b"page"]

    app = serve_static_first(django_app)

    def get(path):
        environ = {"PATH_INFO": path, "REQUEST_METHOD": "GET"}
        setup_testing_defaults(environ)
        answer = {}

        def start_response(status, headers, exc_info=None):
            answer["status"] = status
            answer["headers"] = dict(headers)

        body = b"".join(app(environ, start_response))
        return answer["status"], answer["headers"], body

    status, headers, body = get("/static/css/site.0123456789ab.css")
    assert status.startswith("200")
    assert body == b"body{color:red}"
    assert "object-src 'none'" in headers["Content-Security-Policy"]
    assert "posthog" not in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "immutable" in headers["Cache-Control"]
    assert "immutable" not in get("/static/css/site.css")[1]["Cache-Control"]
    assert get("/en/")[2] == b"page"
    assert reached_django == ["/en/"]


def test_the_master_freezes_the_preloaded_app_so_workers_never_walk_it(monkeypatch):
    """Unfrozen, a worker's first full garbage collection walked the whole preloaded heap (some
    170,000 objects, copied on write after the fork): a stall that set the p99 of static files."""
    import logging

    config = load_config(monkeypatch)

    class Server:
        log = logging.getLogger("gunicorn.error")

    gc.unfreeze()
    gc.disable()  # as the master left it after importing the application
    try:
        config.when_ready(Server())
        assert gc.get_freeze_count() > 10_000
        # Workers fork from here: they collect their own objects as usual.
        assert gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()


def test_the_master_imports_the_app_without_collecting_garbage(monkeypatch):
    """The import's collections walked the growing heap again and again: 0.3 s of the time to
    the first answer (1.26 s → 0.93 s for the import on the bench machine)."""
    assert load_config(monkeypatch).collector_on_after_reading is False
    # Without preloading the master imports nothing: collection stays on.
    assert load_config(monkeypatch, GUNICORN_PRELOAD="false").collector_on_after_reading is True


WARM_MASTER = """
import importlib.util, json, logging, sys
import cms.wsgi  # what preload_app imports in the master
spec = importlib.util.spec_from_file_location("gunicorn_conf", sys.argv[1])
config = importlib.util.module_from_spec(spec)
spec.loader.exec_module(config)
class Server:
    log = logging.getLogger("gunicorn.error")
before = {"urls": "cms.urls" in sys.modules, "redis": "redis" in sys.modules}
config.when_ready(Server())
from django.urls import get_resolver
from django.utils.translation import trans_real
print(json.dumps({
    "before": before,
    "urls": "cms.urls" in sys.modules,
    "redis": "redis" in sys.modules,
    "reverse": sorted(get_resolver()._reverse_dict),
    "catalogues": sorted(trans_real._translations),
}))
"""


def test_the_master_loads_the_urls_and_each_languages_catalogue_before_the_workers_fork():
    """Left to the workers, the URLconf (every view, the APIs' schemas), the reverse look-ups and
    the catalogues were loaded by each worker's first request after the fork: a replaced worker
    answered a shop page 300-580 ms after its predecessor died, 60-130 ms once they came from the
    master (bench/run.py's worker_restart_time, on the bench machine)."""
    from tests.cms.test_settings import PRODUCTION_ENV

    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SECRET_KEY"))}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", WARM_MASTER, str(CONFIG)],
        cwd=settings.BASE_DIR,
        env={**clean, **PRODUCTION_ENV, "STATIC_ROOT": "/nonexistent"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    languages = sorted(code for code, _name in settings.LANGUAGES)

    assert loaded["before"] == {"urls": False, "redis": False}  # the import alone leaves them
    assert loaded["urls"] and loaded["redis"]
    assert set(languages) <= set(loaded["reverse"])
    assert set(languages) <= set(loaded["catalogues"])
