"""Demo data for the legal app: the cookie groups (essential, analytics); idempotent."""

from legal.consent import ensure_cookie_groups
from legal.policy.demo import seed as seed_privacy_policy


def seed(command) -> None:
    ensure_cookie_groups()
    command.stdout.write("legal: cookie groups essential and analytics are in place.")
    seed_privacy_policy(command)
