"""Delete what the retention rules say is past its time (P19-P23); run it daily.

Every rule of the personal-data registry is applied in batches, each in its own transaction, so
the run keeps flat memory and can be interrupted and re-run safely (H32). Scheduling: see
docs/retention.md (a systemd timer, a cron line, or the django-tasks task).
"""

from __future__ import annotations

import sys
import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from legal.registry import RetentionRule
from legal.rights.services import purge_expired

# Runs with more rows than this show a progress bar (on a terminal) or periodic lines.
PROGRESS_THRESHOLD = 10_000


class Command(BaseCommand):
    help = "Delete personal data that is past its retention period (see the privacy policy)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count what would be deleted, delete nothing.",
        )

    def handle(self, *args, dry_run: bool = False, **options):
        started = time.monotonic()
        self._last_report = 0.0
        results = purge_expired(timezone.now(), dry_run=dry_run, progress=self._progress)
        verb = "would delete" if dry_run else "deleted"
        for result in results:
            self.stdout.write(f"{result.label}: {verb} {result.count}")
        total = sum(result.count for result in results)
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Retention: {verb} {total} rows in {elapsed:.1f} s."))

    def _progress(self, rule: RetentionRule, done: int, total: int) -> None:
        if total < PROGRESS_THRESHOLD:
            return
        now = time.monotonic()
        if done < total and now - self._last_report < 1.0:
            return
        self._last_report = now
        width = 30
        filled = int(width * done / total) if total else width
        bar = "#" * filled + "-" * (width - filled)
        line = f"{rule.model._meta.label} [{bar}] {done}/{total}"
        if getattr(self.stdout, "isatty", lambda: False)() or sys.stdout.isatty():
            end = "\n" if done >= total else ""
            self.stdout.write("\r" + line, ending=end)
        else:
            self.stdout.write(line)
        self.stdout.flush()
