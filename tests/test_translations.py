"""Every user-facing string has a Russian and a Kazakh translation, and the .mo files are current."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
# What `make messages` leaves out, plus the catalogues themselves.
NOT_SOURCE = (".git", ".venv", "var", "static_collected", "node_modules", "locale", "tests")


def _strings_in_the_code(tmp_path: Path) -> set[tuple[str | None, str]]:
    """Extract the code's strings afresh, into a copy of the project, as `make messages` would."""
    if not shutil.which("xgettext"):
        if os.environ.get("CI"):
            pytest.fail("GNU gettext (xgettext) is needed to check the catalogues")
        pytest.skip("GNU gettext (xgettext) is not installed")
    copy = tmp_path / "project"
    shutil.copytree(settings.BASE_DIR, copy, ignore=shutil.ignore_patterns(*NOT_SOURCE))
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "ru", "-v", "0"],
        cwd=copy,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test"},
    )
    fresh = polib.pofile(str(copy / "locale" / "ru" / "LC_MESSAGES" / "django.po"))
    return {(entry.msgctxt, entry.msgid) for entry in fresh if not entry.obsolete}


def test_every_string_in_the_code_is_in_the_catalogues(tmp_path):
    """A string added to the code without `make messages` is missing from both catalogues."""
    in_code = _strings_in_the_code(tmp_path)
    assert len(in_code) > 300
    for language in ("ru", "kk"):
        po = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))
        catalogued = {(entry.msgctxt, entry.msgid) for entry in po if not entry.obsolete}
        assert sorted(in_code - catalogued, key=str) == [], language


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_catalogue_is_complete(language):
    po = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))

    missing = [entry.msgid for entry in po if entry.msgstr == "" and not entry.msgstr_plural]
    missing += [entry.msgid for entry in po if "fuzzy" in entry.flags]
    assert missing == []


@pytest.mark.promise("P32")
@pytest.mark.parametrize("language", ["ru", "kk"])
def test_compiled_catalogue_matches_the_source(language):
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    po = polib.pofile(str(folder / "django.po"))
    mo = polib.mofile(str(folder / "django.mo"))
    compiled = {(entry.msgctxt, entry.msgid): entry.msgstr for entry in mo}

    for entry in po.translated_entries():
        if entry.msgstr:
            assert compiled.get((entry.msgctxt, entry.msgid)) == entry.msgstr, entry.msgid
