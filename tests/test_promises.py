import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LISTED = re.compile(r"^\| ([PH]\d\d) \|", re.MULTILINE)
MARKED = re.compile(r"""(promise|hardening)\(\s*["']([PH]\d\d)["']""")


def _listed_ids() -> set[str]:
    return set(LISTED.findall((ROOT / "docs" / "promises.md").read_text()))


def _marked_ids() -> set[str]:
    found = set()
    for path in (ROOT / "tests").rglob("*.py"):
        for kind, ident in MARKED.findall(path.read_text()):
            assert ident[0] == kind[0].upper(), f"{path}: {kind}({ident!r}) mixes the two lists"
            found.add(ident)
    return found


def test_every_listed_promise_and_check_has_a_test():
    assert len(_listed_ids()) > 70
    assert sorted(_listed_ids() - _marked_ids()) == []


def test_every_id_a_test_names_is_listed():
    assert sorted(_marked_ids() - _listed_ids()) == []
