"""The version archive, stable version URLs, the comparison and the language fallback (P31)."""

import re
from datetime import date

import pytest

from home.translation import publish_translation
from tests.factories.policy import build_policy, publish_change, save_draft

APRIL = date(2026, 4, 14)
NEW_SENTENCE = "We now also keep your wishlist."


@pytest.fixture
def two_versions(site_pages):
    page = build_policy(site_pages["en"], last_updated=APRIL)
    first = page.live_revision_id
    body = list(page.body.raw_data)
    body[0] = {
        "type": "section",
        "value": {"heading": "Who we are", "text": f"<p>We run a small shop. {NEW_SENTENCE}</p>"},
    }
    page = publish_change(page, body=body)
    return page, first, page.live_revision_id


@pytest.mark.promise("P31")
def test_archive_lists_every_published_version_with_its_date(client, two_versions):
    page, first, second = two_versions
    save_draft(page, title="A draft nobody published")
    html = client.get("/en/privacy/versions/").content.decode()
    rows = re.findall(r'<tr class="policy-version">(.*?)</tr>', html, re.S)
    assert len(rows) == 2
    assert f"/en/privacy/versions/{second}/" in rows[0] and "current" in rows[0]
    assert f"/en/privacy/versions/{first}/" in rows[1]
    assert 'datetime="2026-04-14"' in rows[1]
    assert f'datetime="{page.last_updated:%Y-%m-%d}"' in rows[0]
    assert f"/en/privacy/versions/{first}/compare/{second}/" in rows[0]
    assert "A draft nobody published" not in html


@pytest.mark.promise("P31")
def test_an_old_version_stays_readable_at_its_own_address(client, two_versions):
    _page, first, second = two_versions
    old = client.get(f"/en/privacy/versions/{first}/").content.decode()
    assert 'datetime="2026-04-14"' in old
    assert NEW_SENTENCE not in old
    assert "You are reading version 1" in old
    assert NEW_SENTENCE in client.get(f"/en/privacy/versions/{second}/").content.decode()


@pytest.mark.promise("P31")
def test_unknown_or_unpublished_versions_are_not_found(client, two_versions):
    page, first, second = two_versions
    draft = save_draft(page, title="Draft")
    assert client.get(f"/en/privacy/versions/{draft.pk}/").status_code == 404
    assert client.get("/en/privacy/versions/999999/").status_code == 404
    assert client.get(f"/en/privacy/versions/{first}/compare/{draft.pk}/").status_code == 404


@pytest.mark.promise("P31")
def test_comparison_highlights_added_and_removed_text(client, two_versions):
    _page, first, second = two_versions
    html = client.get(f"/en/privacy/versions/{first}/compare/{second}/").content.decode()
    added = " ".join(re.findall(r"<ins>(.*?)</ins>", html))
    assert "We now also keep your wishlist." in added
    back = client.get(f"/en/privacy/versions/{second}/compare/{first}/").content.decode()
    assert "We now also keep your wishlist." in " ".join(re.findall(r"<del>(.*?)</del>", back))


def test_comparing_a_version_with_itself_says_no_changes(client, two_versions):
    _page, first, _second = two_versions
    html = client.get(f"/en/privacy/versions/{first}/compare/{first}/").content.decode()
    assert "No changes" in html
    assert "<ins>" not in html.split("diff-legend")[1].split("</span>", 1)[1]


def test_live_blocks_are_compared_by_their_rendered_text(client, two_versions):
    page, first, _second = two_versions
    body = [block for block in page.body.raw_data if block["type"] != "cookies"]
    page = publish_change(page, body=body)
    html = client.get(f"/en/privacy/versions/{first}/compare/{page.live_revision_id}/")
    removed = " ".join(re.findall(r"<del>(.*?)</del>", html.content.decode()))
    assert "nera_consent" in removed


def test_a_language_without_a_translation_falls_back_to_english_with_a_notice(
    client, two_versions, django_capture_on_commit_callbacks
):
    page, first, _second = two_versions
    response = client.get("/kk/privacy/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "policy-fallback" in html and "Who we are" in html
    assert client.get(f"/kk/privacy/versions/{first}/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        publish_translation(page, "kk", {"Who we are": "Біз кімбіз"})
    html = client.get("/kk/privacy/").content.decode()
    assert "policy-fallback" not in html and "Біз кімбіз" in html


def test_page_api_fields_list_the_versions(two_versions):
    page, first, second = two_versions
    versions = page.published_versions
    assert [item["id"] for item in versions] == [second, first]
    assert versions[1]["last_updated"] == "2026-04-14"
    assert versions[1]["url"] == f"/en/privacy/versions/{first}/"
    names = {field.name for field in page.api_fields}
    assert {"last_updated", "body", "published_versions"} <= names
    cookies = next(block for block in page.body if block.block_type == "cookies")
    data = cookies.block.get_api_representation(cookies.value)
    assert "nera_consent" in [row["name"] for row in data["rows"]]
