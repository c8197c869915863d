"""The staff guide's error catalogue (guide/errors.md) is exactly what the code prints now.

It is generated from the broken-input corpus and the broken workbooks (tests/broken/catalogue.py),
so a reworded message fails here until `make catalogue` writes the catalogue again. A second
test finds every message the code can raise (each problem(...) call) in the catalogue, so a
new kind of error needs a case in a corpus before it can be merged.
"""
from __future__ import annotations

import ast
import difflib

import pytest

from tests.broken.catalogue import CATALOGUE, catalogue
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def printed(outcomes) -> str:
    """The catalogue as the code prints it now (the editions' and workbooks' cases run once, in copies)."""
    return catalogue(outcomes)


def test_catalogue_matches_the_messages_printed_now(printed):
    expected = printed
    committed = CATALOGUE.read_text(encoding="utf-8") if CATALOGUE.exists() else ""
    diff = "\n".join(list(difflib.unified_diff(committed.splitlines(), expected.splitlines(), "committed",
                                               "printed now", lineterm="", n=0))[:40])
    assert committed == expected, f"guide/errors.md is out of date: run `make catalogue`\n{diff}"


def _message_templates() -> list[tuple[str, int, str]]:
    """(file, line, longest literal part of the Japanese 'what') of every problem(...) call in macros/."""
    found = []
    for path in sorted((ROOT / "macros").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "problem" and node.args):
                continue
            first = node.args[0]
            if isinstance(first, ast.Constant):
                parts = [first.value]
            elif isinstance(first, ast.JoinedStr):
                parts = [v.value for v in first.values if isinstance(v, ast.Constant)]
            else:
                continue
            longest = max(parts, key=len, default="")
            if len(longest) >= 3:
                found.append((path.relative_to(ROOT).as_posix(), node.lineno, longest))
    return found


# Messages no input can reach today, with the reason.
UNREACHABLE = {
    "値が正しくありません（": "schema.py's fallback for JSON Schema keywords that macros/schema/ does not use",
    # Reachable, but not by patching a few lines: tests/core/test_loader.py writes a file over the limit.
    "ファイルが大きすぎます（": "a data file over 2 MB; the corpus patches text in place",
    # Reachable only in an environment not made by make setup (defusedxml is pinned in requirements.txt).
    "表を安全に読むための defusedxml がインストールされていません": "an environment without the pinned defusedxml",
}


def test_every_message_in_the_code_is_in_the_catalogue():
    text = CATALOGUE.read_text(encoding="utf-8")
    templates = _message_templates()
    assert len(templates) > 30
    missing = [f"{f}:{line}: {part}" for f, line, part in templates if part not in text and part not in UNREACHABLE]
    assert not missing, ("messages with no case in tests/broken/cases.yaml or tests/tools/sheet_cases.py "
                         "(add one, then run `make catalogue`):\n" + "\n".join(missing))


def test_every_entry_has_a_cause_and_a_fix_and_no_leaked_value(printed):
    """Every message of the corpora (build, editions, workbooks) as the catalogue lists it: a cause and a
    fix, and never a value Python made up for a missing one (None, nan) or an empty quotation 「」."""
    import re
    text = printed
    from tests.broken.catalogue import split_message
    entries = text[text.index("\n### "):]          # the header shows the form of a line, and explains 「」
    messages = re.findall(r"^```text\n(.*)\n```$", entries, re.M)
    causes = [split_message(m)[0] for m in messages]
    fixes = re.findall(r"^\*\*直し方\*\*: (.*)$", entries, re.M)
    assert len(messages) == len(fixes) == entries.count("\n### ") > 60
    assert all(c.strip() for c in causes) and all(f.strip() for f in fixes)
    # nan may be quoted as typed (「.nan」), never made up
    leaks = [line for line in entries.splitlines() if re.search(r"\bNone\b|(?<![.「'])\bnan\b|「」", line)]
    assert not leaks, "\n".join(leaks)
