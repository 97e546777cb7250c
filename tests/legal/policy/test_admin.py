"""The policy and its processors in the Wagtail admin."""

from io import StringIO

from django.core.management import call_command
from wagtail.models import WorkflowPage

from legal.policy.models import PrivacyPolicyPage, Processor
from tests.factories.accounts import UserFactory


def test_editors_find_the_policy_and_the_processors(client, policy):
    Processor.objects.create(
        name="Cloud Mail", purpose="Email", data_shared="Email", server_location="Ireland"
    )
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    edit = client.get(f"/admin/pages/{policy.pk}/edit/")
    assert edit.status_code == 200
    assert "minor change (keep the date)" in edit.content.decode().lower()
    listing = client.get("/admin/snippets/legal/processor/")
    assert listing.status_code == 200 and "Cloud Mail" in listing.content.decode()


def test_seed_demo_sets_up_the_review_workflow_once(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=StringIO())
        call_command("seed_demo", stdout=StringIO())
    assert PrivacyPolicyPage.objects.count() == 3
    english = PrivacyPolicyPage.objects.get(locale__language_code="en")
    assert len(english.published_versions) == 2
    assert WorkflowPage.objects.get(page=english).workflow.name == "Privacy policy review"
    assert Processor.objects.count() == 15


def test_a_legal_page_shows_its_sections_and_the_operator(client, site_pages):
    from legal.policy.models import LegalPage

    site_pages["en"].add_child(
        instance=LegalPage(
            title="Terms",
            slug="terms",
            body=[
                ("section", {"heading": "Delivery", "text": "<p>We deliver in Almaty.</p>"}),
                ("operator_details", None),
            ],
        )
    ).save_revision().publish()
    html = client.get("/en/terms/").content.decode()
    assert "We deliver in Almaty." in html and 'class="operator-trading_name"' in html
