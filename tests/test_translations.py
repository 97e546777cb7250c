"""Every user-facing string has a Russian and a Kazakh translation, and the .mo files are current."""

from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"


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
