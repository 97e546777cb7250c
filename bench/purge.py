"""Purge benchmark: 1,000,000 expired inquiries deleted by `manage.py enforce_retention`.

    python bench/purge.py                       # SQLite in var/bench-purge.sqlite3
    python bench/purge.py --database-url postgres://postgres@127.0.0.1:5432/nera_bench_purge
    python bench/purge.py --rows 100000         # a shorter run

The database is created from scratch (a PostgreSQL database of that name is dropped and made
again, so never point it at a real one), migrated, seeded with expired inquiries plus a few fresh
ones, and then the retention command runs in a child process: the script reports its wall time
and the child's peak resident memory (target: under 60 s and 300 MB on a 2-core machine).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
FRESH_ROWS = 1000


def recreate_postgres(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if name in {"", "postgres", "template0", "template1"}:
        raise SystemExit(f"Refusing to drop the database {name!r}.")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


SEED = """
import sys
from datetime import timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from storefront.checkout.models import Inquiry

rows, fresh, chunk = ROWS, FRESH, 20000
now = timezone.now()
line = [{"name": "Silver ring", "variant": "Size 17", "sku": "RING-17", "quantity": 1,
         "unit_price": "12500.00", "line_total": "12500.00"}]
template = Inquiry(
    reference="", first_name="Aigerim", last_name="Nurlanovna", email="", phone="+77071234567",
    street="", city="Almaty", region="Almaty", postal_code="050000", country="KZ",
    lines=line, item_count=1, total=Decimal("12500.00"), currency="KZT", language="en",
    created_at=now,
)
fields = [f for f in Inquiry._meta.concrete_fields if not f.primary_key]
names = [f.name for f in fields]
base = [f.get_db_prep_save(getattr(template, f.attname), connection) for f in fields]
at = {name: names.index(name) for name in ("reference", "email", "street", "created_at")}
table = connection.ops.quote_name(Inquiry._meta.db_table)
columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
old = Inquiry._meta.get_field("created_at").get_db_prep_save(now - timedelta(days=120), connection)


def row(i, created):
    values = list(base)
    values[at["reference"]] = f"B{i:011d}"
    values[at["email"]] = f"guest{i}@example.com"
    values[at["street"]] = f"Abay avenue {i}"
    values[at["created_at"]] = created
    return values


for start in range(0, rows + fresh, chunk):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            sql,
            [row(i, old if i < rows else base[at["created_at"]])
             for i in range(start, min(rows + fresh, start + chunk))],
        )
print(f"seeded {Inquiry.objects.count()} inquiries")
"""


PURGE = """
import resource
import time

from django.core.management import call_command

from storefront.checkout.models import Inquiry

started = time.monotonic()
call_command("enforce_retention")
print(f"bench.seconds={time.monotonic() - started:.2f}")
print(f"bench.peak_mb={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f}")
print(f"bench.left={Inquiry.objects.count()}")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--database-url", default="")
    options = parser.parse_args()

    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"  # DEBUG off: no query log in memory
    if options.database_url:
        recreate_postgres(options.database_url)
        env["DATABASE_URL"] = options.database_url
        label = "PostgreSQL"
    else:
        path = ROOT / "var" / "bench-purge.sqlite3"
        path.parent.mkdir(exist_ok=True)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{path}"
        label = "SQLite"

    print(f"{label}: migrating and seeding {options.rows} expired inquiries...", flush=True)
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "migrate", "--noinput", "-v", "0"],
        env=env,
        check=True,
        cwd=ROOT,
    )
    started = time.monotonic()
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "shell",
            "-c",
            SEED.replace("ROWS", str(options.rows)).replace("FRESH", str(FRESH_ROWS)),
        ],
        env=env,
        check=True,
        cwd=ROOT,
    )
    print(f"seeded in {time.monotonic() - started:.1f} s", flush=True)

    # The purge runs in its own process, which reports its own wall time and peak memory.
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", PURGE],
        env=env,
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    print(result.stdout, end="")
    measured = dict(
        line.split("=", 1) for line in result.stdout.splitlines() if line.startswith("bench.")
    )
    elapsed = float(measured["bench.seconds"])
    peak_mb = float(measured["bench.peak_mb"])
    left = int(measured["bench.left"])
    print(
        f"{label}: purged {options.rows} inquiries in {elapsed:.1f} s, "
        f"peak RSS {peak_mb:.0f} MB, {left} fresh left"
    )
    if left != FRESH_ROWS:
        raise SystemExit(f"expected {FRESH_ROWS} fresh inquiries to stay, found {left}")


if __name__ == "__main__":
    main()
