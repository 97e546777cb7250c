"""Load benchmark: the shop under gunicorn with production settings on loopback, driven by wrk.

    make bench                                # 1,000 products, SQLite + Redis, 8 s per URL
    BENCH_PRODUCTS=10000 make bench                    # 10,000 products
    BENCH_SECONDS=3 make bench                         # a quick run
    BENCH_DB=postgres make bench                       # PostgreSQL + Redis (BENCH_DATABASE_URL,
                                                       # BENCH_REDIS_URL say where)

Each database is made once (migrate, seed_demo, bench/generate.py) and kept in var/bench/ for
the next run; BENCH_FRESH=1 makes it again. gunicorn runs cms/gunicorn.conf.py with the same
worker model as the reference measurement (BENCH_WORKERS=2 sync workers, 1 thread each); wrk
uses 2 threads and BENCH_CONNECTIONS=16 connections (the checkout flow: 8 shoppers). Every page
is measured with the page cache on and, for the shoppers' pages, with it off; a plain whitenoise
app serves the same static file for comparison. The report (markdown) goes to
var/bench/report-<products>-<db>.md and is printed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
PYTHON = sys.executable
PORT = int(os.environ.get("BENCH_PORT", "8765"))
STATIC_PORT = PORT + 1
SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
CHECKOUT_CONNECTIONS = int(os.environ.get("BENCH_CHECKOUT_CONNECTIONS", "8"))
WORKERS = os.environ.get("BENCH_WORKERS", "2")
PRODUCTS = int(os.environ.get("BENCH_PRODUCTS", "1000"))
DB = os.environ.get("BENCH_DB", "sqlite")


def bench_env(page_cache: bool = True, fragments: bool = True) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY="bench-only-secret-key-not-for-production-0123456789abcdef",  # noqa: S106
        ALLOWED_HOSTS="127.0.0.1,localhost",
        WAGTAILADMIN_BASE_URL=f"http://127.0.0.1:{PORT}",
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT=str(BENCH_DIR / "static"),
        MEDIA_ROOT=str(BENCH_DIR / "media"),
        PAGE_CACHE_STAMP=str(BENCH_DIR / f"page-cache-{DB}-{PRODUCTS}.stamp"),
        PAGE_CACHE_SECONDS="600" if page_cache else "0",
        CARD_CACHE_SECONDS="600" if fragments else "0",
        LISTING_CACHE_SECONDS="600" if fragments else "0",
        PRODUCT_CACHE_SECONDS="600" if fragments else "0",
        LOG_LEVEL="WARNING",
        # The checkout flow posts hundreds of inquiries a second from one address on purpose:
        # the anti-spam limits and form timing checks would (rightly) refuse them.
        RATELIMIT_ENABLE="false",
        ANTISPAM_FORM_CHECKS="false",
        WEB_CONCURRENCY=WORKERS,
        GUNICORN_THREADS="1",
        GUNICORN_BIND=f"127.0.0.1:{PORT}",
        POSTHOG_KEY="",
    )
    # Production settings require a shared cache (H39), so both databases run with Redis; the
    # key prefix keeps each database's cached pages and settings apart.
    env["REDIS_URL"] = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")
    env["CACHE_KEY_PREFIX"] = f"nera-bench-{DB}-{PRODUCTS}"
    if DB == "postgres":
        env["DATABASE_URL"] = os.environ.get(
            "BENCH_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/nera_bench_{PRODUCTS}"
        )
    else:
        env["DATABASE_URL"] = f"sqlite:///{BENCH_DIR / f'products-{PRODUCTS}.sqlite3'}"
    return env


def manage(env: dict[str, str], *args: str, quiet: bool = True) -> str:
    result = subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=quiet,
        text=True,
    )
    return result.stdout if quiet else ""


def prepare(env: dict[str, str]) -> None:
    """Database with the demo shop and the bench products; static files collected."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    marker = BENCH_DIR / f"ready-{DB}-{PRODUCTS}"
    if os.environ.get("BENCH_FRESH") == "1":
        marker.unlink(missing_ok=True)
        if DB == "sqlite":
            for suffix in ("", "-wal", "-shm"):
                Path(f"{BENCH_DIR / f'products-{PRODUCTS}.sqlite3'}{suffix}").unlink(
                    missing_ok=True
                )
    if DB == "postgres" and not marker.exists():
        sys.path.insert(0, str(ROOT / "bench"))
        from purge import recreate_postgres

        recreate_postgres(env["DATABASE_URL"])
    if not marker.exists():
        started = time.monotonic()
        print("Preparing the database (migrate, seed_demo)...", flush=True)
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "seed_demo")
        seeded = time.monotonic()
        subprocess.run([PYTHON, str(ROOT / "bench" / "generate.py"), str(PRODUCTS)], env=env,
                       cwd=ROOT, check=True)  # fmt: skip
        print(
            f"Seeded in {seeded - started:.0f} s, generated {PRODUCTS} products in "
            f"{time.monotonic() - seeded:.0f} s.",
            flush=True,
        )
        marker.write_text("ready\n")
    else:
        manage(env, "migrate", "--noinput", "-v", "0")  # a kept database gets new migrations
    # Planner statistics for the bulk-loaded rows, as autovacuum (off on some machines) or a
    # shop that grew over months would have them: without them PostgreSQL guessed a few rows
    # per language and walked every page to find the shop (7 ms at 10,000 products).
    manage(
        env,
        "shell",
        "-c",
        "from django.db import connection; connection.cursor().execute('ANALYZE')",
    )
    manage(env, "collectstatic", "--noinput", "-v", "0")


TARGETS = r"""
import json
from django.contrib.staticfiles.storage import staticfiles_storage
from storefront.catalogue.models import CategoryPage, ProductPage

product = (ProductPage.objects.live().filter(locale__language_code="en", sku__startswith="BENCH-")
           .order_by("path").first())
variant = product.variants.order_by("sort_order").first()
category = CategoryPage.objects.live().filter(locale__language_code="en").order_by("path").first()
print(json.dumps({
    "product": product.url, "product_id": product.pk, "variant": variant.sku if variant else "",
    "category": category.url, "static": staticfiles_storage.url("css/site.css"),
}))
"""


QUERY_COUNTS = r"""
import json
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

urls = json.loads(URLS)
result = {}
with override_settings(ALLOWED_HOSTS=["*"]):
    for name, url in urls.items():
        counts = []
        for page_seconds, seconds in ((0, 600), (600, 600), (0, 0)):
            with override_settings(PAGE_CACHE_SECONDS=page_seconds, CARD_CACHE_SECONDS=seconds,
                                   LISTING_CACHE_SECONDS=seconds, PRODUCT_CACHE_SECONDS=seconds):
                client = Client()
                client.get(url)  # warm: renditions, settings rows
                client = Client()
                with CaptureQueriesContext(connection) as queries:
                    client.get(url)
                counts.append(len(queries))
        result[name] = counts
print(json.dumps(result))
"""


def targets(env: dict[str, str]) -> dict[str, str]:
    found = json.loads(manage(env, "shell", "-c", TARGETS).strip().splitlines()[-1])
    return found


def query_counts(env: dict[str, str], urls: dict[str, str]) -> dict[str, list[int]]:
    script = QUERY_COUNTS.replace("URLS", repr(json.dumps(urls)))
    return json.loads(manage(env, "shell", "-c", script).strip().splitlines()[-1])


def wait_for(url: str, seconds: float = 30) -> float:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
                response.read()
                return time.monotonic() - started
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"{url} did not answer within {seconds} s")


class Server:
    """gunicorn with the project's config, stopped by its own process id."""

    def __init__(self, env: dict[str, str], args: list[str]) -> None:
        self.process = subprocess.Popen(  # noqa: S603
            [str(Path(PYTHON).parent / "gunicorn"), *args],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=open(BENCH_DIR / "gunicorn.log", "a"),  # noqa: SIM115
        )

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def parse_wrk(output: str) -> dict[str, object]:
    def latency(label: str) -> float | None:
        match = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
        if not match:
            return None
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    total = re.search(r"(\d+) requests in", output)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors = int(non2xx.group(1)) if non2xx else 0
    if socket:
        errors += sum(int(value) for value in socket.groups())
    return {
        "rps": float(rps.group(1)) if rps else 0.0,
        "p50": latency("50"),
        "p99": latency("99"),
        "errors": errors,
        "requests": int(total.group(1)) if total else 0,
    }


def drain(base: str) -> None:
    """Wait until the workers have served what the previous URL's connections left queued.

    wrk stops after its time, but the requests it sent are still queued at the sync workers
    (16 connections × a slow page's time each): measured straight after, the next URL's
    latencies included that backlog. A health check queues behind it; two in a row mean
    both workers are free.
    """
    for _ in range(2):
        with urllib.request.urlopen(f"{base}/healthz", timeout=120) as response:  # noqa: S310
            response.read()


def wrk(url: str, *, connections: int = CONNECTIONS, threads: int = 2, script: str = "",
        env: dict[str, str] | None = None, seconds: int = SECONDS) -> dict[str, object]:  # fmt: skip
    args = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    args.append("--latency")
    if script:
        args += ["-s", script]
    output = subprocess.run(
        [*args, url], capture_output=True, text=True, check=True, env=env or dict(os.environ)
    ).stdout
    with open(BENCH_DIR / "wrk.log", "a") as log:
        log.write(f"$ {' '.join(args)} {url}\n{output}\n")
    return parse_wrk(output)


def fmt(value: object, digits: int = 1) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return str(value)


def main() -> None:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")
    env = bench_env()
    prepare(env)
    (BENCH_DIR / "wrk.log").unlink(missing_ok=True)
    found = targets(env)
    pages = {
        "home": "/en/",
        "listing": "/en/shop/",
        "category (filtered)": f"{found['category']}?sort=price&min_price=1000",
        "product": found["product"],
        "search": "/en/search/?q=ring",
        "API product list": "/api/store/v1/products/?page_size=24",
    }
    urls = {"healthz": "/healthz", **pages, "static file": found["static"]}
    counts = query_counts(env, {**pages, "healthz": "/healthz"})
    base = f"http://127.0.0.1:{PORT}"
    gunicorn_args = ["-c", "cms/gunicorn.conf.py", "cms.wsgi"]
    rows: list[tuple[str, str, dict, str]] = []

    # Page cache on; off (product cards, listing results and product pages' parts still cached);
    # all off (the listings and the product page: the other pages keep nothing of their own).
    runs = [(True, True), (False, True), (False, False)]
    for cached, cards in runs:
        server = Server(bench_env(page_cache=cached, fragments=cards), gunicorn_args)
        try:
            first = wait_for(f"{base}/healthz")
            for url in urls.values():  # warm every worker's templates and caches
                wrk(base + url, connections=4, seconds=1)
            names = urls if cached else pages
            if not cards:
                names = {
                    name: pages[name] for name in ("listing", "category (filtered)", "product")
                }
            for name, url in names.items():
                if not cached and name == "API product list":
                    continue  # the API is never page-cached: measured once
                drain(base)
                result = wrk(base + url)
                label = "on" if cached else "off" if cards else "all off"
                if name in ("healthz", "static file", "API product list"):
                    label = "–"
                queries = counts.get(name, [0, 0, 0])[1 if cached else 0 if cards else 2]
                rows.append((name, label, result, str(queries)))
                print(f"{name:22} cache {label:3} {fmt(result['rps'])} req/s", flush=True)
            if cached:
                drain(base)
                flow_env = dict(os.environ)
                flow_env.update(
                    BENCH_PRODUCT_PATH=found["product"],
                    BENCH_PRODUCT_ID=str(found["product_id"]),
                    BENCH_VARIANT_SKU=found["variant"],
                )
                result = wrk(
                    base + "/",
                    connections=CHECKOUT_CONNECTIONS,
                    threads=CHECKOUT_CONNECTIONS,
                    script=str(ROOT / "bench" / "checkout.lua"),
                    env=flow_env,
                )
                rows.append(("checkout flow (add + checkout POST)", "–", result, "–"))
                print(f"checkout flow          {fmt(result['rps'])} req/s", flush=True)
        finally:
            server.stop()
        if cached:
            startup = first

    respawn = worker_restart_time()

    plain_env = bench_env()
    plain_env["BENCH_STATIC_ROOT"] = plain_env["STATIC_ROOT"]
    plain = Server(
        plain_env,
        [
            "-w",
            WORKERS,
            "--threads",
            "1",
            "-b",
            f"127.0.0.1:{STATIC_PORT}",
            "bench.plain_static:app",
        ],
    )
    try:
        wait_for(f"http://127.0.0.1:{STATIC_PORT}{found['static']}")
        wrk(f"http://127.0.0.1:{STATIC_PORT}{found['static']}", connections=4, seconds=1)
        result = wrk(f"http://127.0.0.1:{STATIC_PORT}{found['static']}")
        rows.append(("static file, plain whitenoise app", "–", result, "0"))
    finally:
        plain.stop()

    report = render_report(rows, startup, respawn)
    path = BENCH_DIR / f"report-{PRODUCTS}-{DB}.md"
    path.write_text(report)
    print()
    print(report)
    print(f"Written to {path.relative_to(ROOT)}")


def worker_restart_time() -> float | None:
    """Seconds from killing the only worker to the first answer of the one the master forks."""
    env = bench_env()
    env["WEB_CONCURRENCY"] = "1"
    server = Server(env, ["-c", "cms/gunicorn.conf.py", "cms.wsgi"])
    try:
        wait_for(f"http://127.0.0.1:{PORT}/healthz", seconds=60)
        children = subprocess.run(
            ["pgrep", "-P", str(server.process.pid)], capture_output=True, text=True
        ).stdout.split()
        if len(children) != 1:
            return None
        started = time.monotonic()
        os.kill(int(children[0]), signal.SIGKILL)
        time.sleep(0.01)
        wait_for(f"http://127.0.0.1:{PORT}/en/shop/", seconds=60)
        return time.monotonic() - started
    finally:
        server.stop()


def render_report(rows, startup: float, respawn: float | None) -> str:
    load = os.getloadavg()
    healthz = next((r[2]["rps"] for r in rows if r[0] == "healthz"), 0) or 1
    lines = [
        f"# Load benchmark: {PRODUCTS:,} products, {'PostgreSQL' if DB == 'postgres' else 'SQLite'}"
        " + Redis",
        "",
        f"- {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {os.cpu_count()} CPU cores; "
        f"load average before the report {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}",
        f"- gunicorn: {WORKERS} sync workers, 1 thread each (cms/gunicorn.conf.py, app preloaded); "
        f"wrk: 2 threads, {CONNECTIONS} connections, {SECONDS} s per URL; checkout flow: "
        f"{CHECKOUT_CONNECTIONS} shoppers (one thread each)",
        f"- first answer {startup * 1000:.0f} ms after gunicorn started (the master imports the "
        f"app); a killed worker's replacement answered a shop page "
        f"{fmt((respawn or 0) * 1000, 0)} ms after the kill",
        "- queries: SQL queries per request (in-process, with the caches of the row)",
        "- page cache off: product cards, listing results (count, each page's products) and a "
        "product page's photos and data still come from their caches (storefront/catalogue/"
        "cards.py, listing.py, product.py); all off: no cache at all",
        "",
        "| URL | page cache | req/s | % of /healthz | p50 ms | p99 ms | errors | queries |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, label, result, queries in rows:
        share = 100 * float(result["rps"]) / healthz
        lines.append(
            f"| {name} | {label} | {fmt(result['rps'])} | {share:.0f}% | {fmt(result['p50'], 2)} "
            f"| {fmt(result['p99'], 2)} | {result['errors']} | {queries} |"
        )
    lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
