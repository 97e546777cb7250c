"""Demo privacy policy: English with Russian and Kazakh translations, two published versions,
the processors, and an optional review workflow. Idempotent: what exists is left alone.

The text is the demo shop's own; the facts (operator, form fields, cookies, retention,
processors, rights) come from the live blocks.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import GroupApprovalTask, Locale, Page, Workflow, WorkflowPage

from home.models import HomePage
from home.translation import publish_translation
from legal.policy.demo_text import (
    FIRST_VERSION_DATE,
    PROCESSORS,
    SECOND_VERSION_ADDITION,
    TRANSLATIONS,
    policy_body,
)
from legal.policy.models import PrivacyPolicyPage, Processor

WORKFLOW_NAME = "Privacy policy review"


def ensure_processors() -> None:
    default = Locale.get_default()
    for order, fields in enumerate(PROCESSORS):
        processor = Processor.objects.filter(locale=default, name=fields["name"]).first()
        if processor is None:
            processor = Processor.objects.create(locale=default, sort_order=order, **fields)
        for code, strings in TRANSLATIONS.items():
            if not processor.has_translation(Locale.objects.get(language_code=code)):
                publish_translation(processor, code, strings)


def ensure_policy(command) -> PrivacyPolicyPage:
    """The policy in three languages, published twice so that the archive has two versions."""
    existing = PrivacyPolicyPage.objects.filter(locale=Locale.get_default()).first()
    if existing is not None:
        return existing
    home = HomePage.objects.get(locale=Locale.get_default())
    page = home.add_child(
        instance=PrivacyPolicyPage(
            title="Privacy policy",
            slug="privacy",
            last_updated=FIRST_VERSION_DATE,
            intro="<p>This policy explains what the shop does with your personal data.</p>",
            body=policy_body(second_version=False),
        )
    )
    page.save_revision().publish()
    for code, strings in TRANSLATIONS.items():
        publish_translation(page, code, strings)

    # The second version: a change to the text, published later; its date becomes today.
    page = PrivacyPolicyPage.objects.get(pk=page.pk)
    page.body = policy_body(second_version=True)
    page.save_revision().publish()
    page.refresh_from_db()
    for code, strings in TRANSLATIONS.items():
        publish_translation(page, code, strings)
    command.stdout.write(
        f"Privacy policy: two versions, {FIRST_VERSION_DATE:%Y-%m-%d} and "
        f"{page.last_updated:%Y-%m-%d}; added in the second: {SECOND_VERSION_ADDITION[:40]}..."
    )
    return page


def ensure_workflow(page: Page) -> None:
    """Editors submit policy changes; moderators publish them (optional, can be disabled)."""
    moderators = Group.objects.filter(name="Moderators").first()
    if moderators is None or WorkflowPage.objects.filter(page=page).exists():
        return
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if not workflow.workflow_tasks.exists():
        task, _created = GroupApprovalTask.objects.get_or_create(name="Moderators approve")
        task.groups.set([moderators])
        workflow.workflow_tasks.create(task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=page)


@transaction.atomic
def seed(command) -> None:
    if not HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).exists():
        command.stdout.write("legal: no home page yet, so no privacy policy (run home's seed).")
        return
    ensure_processors()
    page = ensure_policy(command)
    ensure_workflow(page)
    command.stdout.write("legal: privacy policy in en, ru, kk with its processors.")
