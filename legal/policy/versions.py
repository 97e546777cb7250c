"""The policy's version archive, read from Wagtail's own records (not copies).

A version is a revision that was published: Wagtail logs every publication
(`wagtail.publish`, with the revision) in its page log. Each version is rendered from its
revision at a stable URL; two versions are compared by their rendered text, so a live block
counts as changed when what it shows changed.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date, datetime
from html import escape
from html.parser import HTMLParser

from django.utils.dateparse import parse_date
from wagtail.models import Page, PageLogEntry, Revision

PUBLISH_ACTION = "wagtail.publish"


@dataclass(frozen=True)
class Version:
    number: int
    revision_id: int
    published_at: datetime
    last_updated: date | None
    page: Page  # the live page the version belongs to

    @property
    def url(self) -> str:
        return self.page.url + self.page.reverse_subpage("version", args=[self.revision_id])

    def compare_url(self, other: Version) -> str:
        return self.page.url + self.page.reverse_subpage(
            "compare", args=[self.revision_id, other.revision_id]
        )

    def as_page(self) -> Page:
        return Revision.objects.get(pk=self.revision_id).as_object()

    def as_dict(self) -> dict:
        return {
            "id": self.revision_id,
            "number": self.number,
            "last_updated": self.last_updated.isoformat() if self.last_updated else None,
            "published_at": self.published_at.isoformat(),
            "url": self.url,
        }


def published_versions(page: Page) -> list[Version]:
    """Every published revision of the page, newest first, numbered from 1 (the oldest)."""
    entries = (
        PageLogEntry.objects.filter(page_id=page.pk, action=PUBLISH_ACTION, revision__isnull=False)
        .order_by("timestamp", "pk")
        .values_list("revision_id", "timestamp")
    )
    first_published: dict[int, datetime] = {}
    for revision_id, timestamp in entries:
        first_published.setdefault(revision_id, timestamp)
    revisions = {
        revision.pk: revision
        for revision in Revision.objects.filter(pk__in=first_published).only("pk", "content")
    }
    versions = []
    for revision_id, timestamp in first_published.items():
        revision = revisions.get(revision_id)
        if revision is None:  # purged revisions are no longer versions
            continue
        versions.append(
            Version(
                number=len(versions) + 1,
                revision_id=revision_id,
                published_at=timestamp,
                last_updated=_content_date(revision.content),
                page=page,
            )
        )
    return list(reversed(versions))


def _content_date(content: dict) -> date | None:
    value = content.get("last_updated")
    if isinstance(value, date):
        return value
    return parse_date(value) if value else None


def find_version(page: Page, revision_id: int) -> Version | None:
    """The published version with this revision id, or None (unknown or never published)."""
    for version in published_versions(page):
        if version.revision_id == revision_id:
            return version
    return None


def previous_material_version(page: Page, current: Version) -> Version | None:
    """The newest version before `current` that carries an earlier "Last updated" date."""
    for version in published_versions(page):
        if version.number < current.number and version.last_updated != current.last_updated:
            return version
    return None


# --- Rendering a version to text, and comparing two ---

BLOCK_TAGS = {
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "tr",
    "dt",
    "dd",
    "div",
    "section",
    "br",
    "caption",
}
CELL_TAGS = {"td", "th"}


class _TextLines(HTMLParser):
    """Turns rendered HTML into lines of text: one per paragraph, heading, list item or row."""

    def __init__(self):
        super().__init__()
        self.lines: list[str] = []
        self.current: list[str] = []

    def _flush(self):
        text = re.sub(r"\s+", " ", "".join(self.current)).strip(" |")
        if text:
            self.lines.append(text.strip())
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self._flush()
        elif tag in CELL_TAGS and self.current:
            self.current.append(" | ")

    def handle_endtag(self, tag):
        if tag in BLOCK_TAGS:
            self._flush()

    def handle_data(self, data):
        self.current.append(data)

    def close(self):
        super().close()
        self._flush()


def html_lines(html: str) -> list[str]:
    parser = _TextLines()
    parser.feed(html)
    parser.close()
    return parser.lines


def page_lines(page: Page, request=None) -> list[str]:
    """The text a reader sees in one version: title, introduction and every block, rendered."""
    from django.template.loader import render_to_string

    html = render_to_string(
        "legal/policy/includes/policy_text.html", {"page": page, "request": request}
    )
    return html_lines(html)


def _word_diff(old: str, new: str) -> tuple[str, str]:
    """The two lines as HTML with removed words in <del> and added words in <ins>."""
    old_words, new_words = old.split(" "), new.split(" ")
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    old_out, new_out = [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        removed = escape(" ".join(old_words[i1:i2]))
        added = escape(" ".join(new_words[j1:j2]))
        if tag == "equal":
            old_out.append(removed)
            new_out.append(added)
            continue
        if removed:
            old_out.append(f"<del>{removed}</del>")
        if added:
            new_out.append(f"<ins>{added}</ins>")
    return " ".join(old_out), " ".join(new_out)


def diff_lines(old_lines: list[str], new_lines: list[str]) -> list[dict]:
    """Rows of a comparison: kind is "same", "removed", "added" or "changed"."""
    rows: list[dict] = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows += [{"kind": "same", "html": escape(line)} for line in old_lines[i1:i2]]
        elif tag == "delete":
            rows += [
                {"kind": "removed", "html": f"<del>{escape(line)}</del>"}
                for line in old_lines[i1:i2]
            ]
        elif tag == "insert":
            rows += [
                {"kind": "added", "html": f"<ins>{escape(line)}</ins>"} for line in new_lines[j1:j2]
            ]
        else:
            olds, news = old_lines[i1:i2], new_lines[j1:j2]
            for index in range(max(len(olds), len(news))):
                old = olds[index] if index < len(olds) else None
                new = news[index] if index < len(news) else None
                if old is not None and new is not None:
                    old_html, new_html = _word_diff(old, new)
                    rows.append({"kind": "changed", "old_html": old_html, "html": new_html})
                elif old is not None:
                    rows.append({"kind": "removed", "html": f"<del>{escape(old)}</del>"})
                else:
                    rows.append({"kind": "added", "html": f"<ins>{escape(new)}</ins>"})
    return rows


def compare_versions(old: Version, new: Version, request=None) -> list[dict]:
    return diff_lines(page_lines(old.as_page(), request), page_lines(new.as_page(), request))
