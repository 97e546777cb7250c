"""The privacy policy for tests: a page under the English home page, published once."""

from __future__ import annotations

from datetime import date

from wagtail.models import Locale

from legal.policy.models import PrivacyPolicyPage

BODY = [
    ("section", {"heading": "Who we are", "text": "<p>We run a small shop.</p>"}),
    ("operator_details", None),
    ("section", {"heading": "What we collect", "text": "<p>At checkout:</p>"}),
    ("data_collected", {"form": "checkout"}),
    ("paragraph", "<p>At sign-up:</p>"),
    ("data_collected", {"form": "signup"}),
    ("section", {"heading": "Cookies", "text": ""}),
    ("cookies", None),
    ("section", {"heading": "Processors", "text": ""}),
    ("processors", None),
    ("section", {"heading": "Retention", "text": ""}),
    ("retention", None),
    ("section", {"heading": "Your rights", "text": ""}),
    ("rights", None),
]


def build_policy(home, last_updated: date | None = None, body=None) -> PrivacyPolicyPage:
    """A published policy under `home` (the English home page)."""
    page = home.add_child(
        instance=PrivacyPolicyPage(
            title="Privacy policy",
            slug="privacy",
            locale=Locale.objects.get(language_code="en"),
            last_updated=last_updated,
            body=body if body is not None else BODY,
        )
    )
    page.save_revision().publish()
    return PrivacyPolicyPage.objects.get(pk=page.pk)


def publish_change(page: PrivacyPolicyPage, **changes) -> PrivacyPolicyPage:
    """Edit the latest revision as an editor would and publish it."""
    draft = page.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(draft, name, value)
    draft.save_revision().publish()
    return PrivacyPolicyPage.objects.get(pk=page.pk)


def save_draft(page: PrivacyPolicyPage, **changes):
    draft = page.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(draft, name, value)
    return draft.save_revision()
