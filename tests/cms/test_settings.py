import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": "a-production-like-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "shop.example.com",
    "CSRF_TRUSTED_ORIGINS": "https://shop.example.com",
    "WAGTAILADMIN_BASE_URL": "https://shop.example.com",
    "DATABASE_URL": "sqlite:////tmp/nera-check.sqlite3",
    "REDIS_URL": "redis://127.0.0.1:6379/15",
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SECRET_KEY"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.hardening("H01")
def test_deploy_check_passes_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}

    result = manage("check", env=env)

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_redis_url_switches_cache_and_sessions_to_redis():
    code = (
        "from django.conf import settings; "
        "print(settings.CACHES['default']['BACKEND'], settings.SESSION_ENGINE)"
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=BASE_DIR,
        env={**PRODUCTION_ENV, "PATH": os.environ["PATH"], "REDIS_URL": "redis://127.0.0.1:6379/9"},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "cms.cache.RedisCache",
        "django.contrib.sessions.backends.cached_db",
    ]


def production_settings(*names: str, **extra: str) -> list[str]:
    code = (
        "from django.conf import settings; import json; "
        f"print(json.dumps([repr(getattr(settings, n, None)) for n in {names!r}]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", f"{code}"],
        cwd=BASE_DIR,
        env={**PRODUCTION_ENV, "PATH": os.environ["PATH"], **extra},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    import json

    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_bucket_moves_media_to_object_storage_and_allows_only_its_host():
    storages, csp = production_settings(
        "STORAGES",
        "CONTENT_SECURITY_POLICY",
        AWS_STORAGE_BUCKET_NAME="nera-media",
        AWS_S3_CUSTOM_DOMAIN="media.shop.example.com",
    )
    assert "storages.backends.s3.S3Storage" in storages and "nera-media" in storages
    assert """'img-src': ["'self'", 'https://media.shop.example.com']""" in csp


def test_without_a_bucket_media_stays_on_disk():
    (storages,) = production_settings("STORAGES")
    assert "FileSystemStorage" in storages and "S3Storage" not in storages


def test_a_cdn_is_purged_through_wagtails_frontend_cache():
    apps, config = production_settings(
        "INSTALLED_APPS",
        "WAGTAILFRONTENDCACHE",
        FRONTEND_CACHE="cloudflare",
        CLOUDFLARE_BEARER_TOKEN="token",
        CLOUDFLARE_ZONE_ID="zone",
    )
    assert "wagtail.contrib.frontend_cache" in apps
    assert "CloudflareBackend" in config and "zone" in config


def test_honeybadger_reports_only_with_a_key():
    (middleware,) = production_settings("MIDDLEWARE")
    assert "honeybadger" not in middleware
    middleware, config = production_settings(
        "MIDDLEWARE", "HONEYBADGER", HONEYBADGER_API_KEY="hbp_test"
    )
    assert "honeybadger.contrib.DjangoHoneybadgerMiddleware" in middleware
    assert "scrub_notice" in config and "'REPORT_LOCAL_VARIABLES': False" in config


@pytest.mark.hardening("H39")
def test_production_refuses_to_start_without_a_shared_cache():
    env = {**PRODUCTION_ENV, "REDIS_URL": ""}  # also when the calling shell has one

    result = manage("check", env=env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "REDIS_URL" in result.stderr
    # With a shared cache it starts.
    assert manage("check", env={**env, "REDIS_URL": "redis://127.0.0.1:6379/15"}).returncode == 0


@pytest.mark.hardening("H19")
def test_hsts_preload_is_an_explicit_opt_in():
    (preload,) = production_settings("SECURE_HSTS_PRELOAD")
    assert preload == "False"
    (preload,) = production_settings("SECURE_HSTS_PRELOAD", SECURE_HSTS_PRELOAD="true")
    assert preload == "True"


@pytest.mark.hardening("H19")
def test_production_hsts_header_has_no_preload_unless_asked():
    code = (
        "import django; django.setup(); "
        "from django.test import Client; "
        "r = Client().get('/healthz', secure=True, HTTP_HOST='shop.example.com'); "
        "print(r.headers.get('Strict-Transport-Security'))"
    )

    def header(**extra: str) -> str:
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=BASE_DIR,
            env={**PRODUCTION_ENV, "PATH": os.environ["PATH"], **extra},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip().splitlines()[-1]

    assert header() == "max-age=31536000; includeSubDomains"
    assert header(SECURE_HSTS_PRELOAD="true") == "max-age=31536000; includeSubDomains; preload"


def test_production_serves_static_files_once_without_whitenoises_middleware(tmp_path):
    """Static files are answered by the whitenoise wrapper in cms/wsgi.py; the middleware would
    only scan the same files again while the server starts."""
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "site.0123456789ab.css").write_text("body{color:red}")
    code = (
        "from django.conf import settings; import cms.wsgi, io, json\n"
        "seen = []\n"
        "environ = {'REQUEST_METHOD': 'GET', 'PATH_INFO': '/static/css/site.0123456789ab.css',"
        " 'SERVER_NAME': 'shop.example.com', 'SERVER_PORT': '443', 'wsgi.url_scheme': 'https',"
        " 'wsgi.input': io.BytesIO()}\n"
        "body = b''.join(cms.wsgi.application(environ, lambda s, h: seen.append(s)))\n"
        "print(json.dumps([seen[0], body.decode(), settings.MIDDLEWARE]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={**PRODUCTION_ENV, "PATH": os.environ["PATH"], "STATIC_ROOT": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    import json

    status, body, middleware = json.loads(result.stdout.strip().splitlines()[-1])
    assert (status, body) == ("200 OK", "body{color:red}")
    assert "whitenoise.middleware.WhiteNoiseMiddleware" not in middleware
