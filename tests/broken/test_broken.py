"""A corpus of broken inputs an editor could really produce (cases.yaml), each built strictly.

Every case is a small patch applied to a throwaway copy of the project. The strict build
of that copy must fail, print one line naming the file, the line (where there is one) and
the problem, and never show a Python traceback.

Case fields (cases.yaml):
  id            unique name, used as the pytest id
  what          what the editor did (documentation only)
  what_ja       the same in Japanese: the heading of the case in the staff guide's error catalogue
  patches       list of patches; or the fields of a single patch at the top level:
    file        path relative to the project
    find        exact text that must occur exactly once in the file ...
    replace     ... and what it becomes
    write       new content of the file (instead of find/replace; creates it if needed)
    copy_from   create the file as a copy of another project file
    delete      true: remove the file
    encoding    re-encode the (patched) file, e.g. cp932
  expect_file   file named in the error line (default: the file of the first patch)
  expect_line   int; null for a file-level error with no line; omitted: the line where the
                replacement text starts in the patched file (plus line_offset)
  expect_line_at  text: the first line of expect_file (after patching) containing it
  expect_words  words the error line must contain (case-insensitive)
"""
from __future__ import annotations

import re
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, copy_project, run_build

CASES_FILE = Path(__file__).with_name("cases.yaml")
CASES: list[dict] = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))
WORKERS = 2


def _patches(case: dict) -> list[dict]:
    if "patches" in case:
        return case["patches"]
    return [{k: case[k] for k in ("file", "find", "replace", "write", "copy_from", "delete", "encoding")
             if k in case}]


def _line_of_offset(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


@dataclass
class Outcome:
    case: dict
    returncode: int
    output: str
    expect_file: str
    expect_line: int | None
    error: str | None = None   # the patch itself could not be applied (the corpus is stale)


def apply_case(case: dict, project: Path) -> tuple[str, int | None]:
    """Apply the patches to the project copy; return the (file, line) the error must name."""
    first_file, patch_line = None, None
    for p in _patches(case):
        path = project / p["file"]
        first_file = first_file or p["file"]
        if p.get("delete"):
            path.unlink()
            continue
        if "write" in p:
            text = p["write"]
        elif "copy_from" in p:
            text = (project / p["copy_from"]).read_text(encoding="utf-8")
        else:
            text = path.read_text(encoding="utf-8")
            count = text.count(p["find"])
            if count != 1:
                raise ValueError(f"{case['id']}: {p['find']!r} occurs {count} times in {p['file']} (must be once)")
            at = text.index(p["find"])
            text = text[:at] + p["replace"] + text[at + len(p["find"]):]
            if patch_line is None:
                patch_line = _line_of_offset(text, at)
        path.parent.mkdir(parents=True, exist_ok=True)
        # Like a Windows editor saving as "ANSI": characters cp932 lacks (—) become "?".
        path.write_bytes(text.encode(p.get("encoding", "utf-8"), errors="replace"))
    expect_file = case.get("expect_file", first_file)
    if "expect_line_at" in case:
        text = (project / expect_file).read_text(encoding="utf-8")
        needle = case["expect_line_at"]
        if needle not in text:
            raise ValueError(f"{case['id']}: {needle!r} not found in {expect_file}")
        line = _line_of_offset(text, text.index(needle))
    elif "expect_line" in case:
        line = case["expect_line"]
    else:
        if patch_line is None:
            raise ValueError(f"{case['id']}: give expect_line (no find/replace patch to take it from)")
        line = patch_line + case.get("line_offset", 0)
    return expect_file, line


def run_case(case: dict) -> Outcome:
    with tempfile.TemporaryDirectory(prefix=f"broken-{case['id']}-") as tmp:
        project = copy_project(Path(tmp))
        try:
            expect_file, expect_line = apply_case(case, project)
        except (ValueError, OSError) as err:
            return Outcome(case, -1, "", "", None, error=str(err))
        result = run_build(project, Path(tmp) / "site")
        return Outcome(case, result.returncode, result.stdout + result.stderr, expect_file, expect_line)


def passes(o: Outcome) -> bool:
    return o.error is None and "Traceback" not in o.output and o.returncode != 0 and error_line(o) is not None


def _shown(output: str) -> str:
    """The output without the build's routine notices about the source report."""
    lines = output.splitlines()
    kept = [line for line in lines if not line.startswith(("NOTICE  -  data note:", "INFO    -  "))]
    omitted = len(lines) - len(kept)
    return "\n".join(kept) + (f"\n[{omitted} routine NOTICE/INFO lines omitted]" if omitted else "")


def error_line(outcome: Outcome) -> str | None:
    """The output line naming the file, the line (or none) and every expected word."""
    f = re.escape(outcome.expect_file)
    where = re.compile(rf"{f}:{outcome.expect_line}:" if outcome.expect_line else rf"{f}: ")
    words = [w.lower() for w in outcome.case.get("expect_words", [])]
    for line in outcome.output.splitlines():
        if where.search(line) and all(w in line.lower() for w in words):
            return line
    return None


def run_all() -> dict[str, Outcome]:
    """Every case's build, two at a time (the `outcomes` fixture in conftest.py runs this once)."""
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        return {o.case["id"]: o for o in pool.map(run_case, CASES)}


def test_corpus_is_well_formed():
    ids = [c["id"] for c in CASES]
    assert len(ids) >= 30
    assert len(ids) == len(set(ids)), "duplicate case ids"
    for c in CASES:
        assert c.get("expect_words"), f"{c['id']}: name the problem in expect_words"
        assert c.get("what"), f"{c['id']}: say what the editor did"
        for p in _patches(c):
            creates = "write" in p or "copy_from" in p
            assert creates or (ROOT / p["file"]).exists(), f"{c['id']}: {p['file']} does not exist"


@pytest.mark.parametrize("case_id", [c["id"] for c in CASES])
def test_broken_input_fails_with_one_clear_line(outcomes, case_id):
    o = outcomes[case_id]
    assert o.error is None, f"stale case: {o.error}"
    shown = f"--- output of the strict build ({o.case['what']}) ---\n{_shown(o.output)}"
    assert "Traceback" not in o.output, shown
    assert o.returncode != 0, "the strict build succeeded\n" + shown
    where = f"{o.expect_file}:{o.expect_line}" if o.expect_line else o.expect_file
    assert error_line(o), (f"no output line names {where!r} and all of {o.case['expect_words']}\n" + shown)
