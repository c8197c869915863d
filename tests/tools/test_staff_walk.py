"""Next year's evaluation as the planning section makes it: every step with the Makefile's targets, as
guide/README.md §3 and §7 tell staff to type them, in a plain shell (no activated environment), in a
throwaway clone of the project.

The walk: a new edition → a workbook with mistakes (each named at its cell, nothing written) → the
workbook fixed → a typo in the draft's page (caught by make check at its line, before publishing) →
publishing refused with every gap listed in one run → the gaps fixed → published → built. Then, on the
published edition: a typo named at its line (not as a change to the archive, and no correction recorded
for it), undone without any correction; and a real correction, named by file, recorded and shown on
every page of the edition.

Each step's time is printed (pytest -s): the walk is what staff wait for.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook

from macros.core.register import fingerprint, read_register
from tests.build.test_editions import banner, text
from tests.conftest import ROOT, build_env, copy_make_project
from tests.tools.edition_cases import commit_all

# About twenty builds of the whole site: on a busy 2-core machine more than pytest.ini's ten minutes.
pytestmark = [pytest.mark.slow, pytest.mark.timeout(2400)]

NEW, FY = "2025-02", "2023"
PY = ROOT / ".venv" / "bin" / "python"


def _plain_shell_env() -> dict:
    """The environment of a staff member's terminal: no virtual environment on PATH or activated."""
    env = build_env()
    env.pop("VIRTUAL_ENV", None)
    env.pop("PYTHONPATH", None)
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                  if not p.startswith(str(ROOT / ".venv")) and "/.venv" not in p)
    return env


class Staff:
    """Types make commands in the clone and keeps the time each took."""

    def __init__(self, clone: Path) -> None:
        self.clone = clone
        self.times: list[tuple[str, float]] = []

    def make(self, *args: str) -> subprocess.CompletedProcess:
        # The clone's .venv is the work tree's (a link); make is told the setup stamps are done.
        start = time.monotonic()
        done = subprocess.run(["make", "-C", str(self.clone), "-o", ".venv/.installed", "-o", "node_modules/.installed",
                               *args], capture_output=True, text=True, env=_plain_shell_env(), timeout=600)
        self.times.append((" ".join(args), time.monotonic() - start))
        print(f"  {self.times[-1][1]:5.1f} s  make {args[0]}", flush=True)
        done.output = done.stdout + done.stderr
        return done

    def edit(self, path: str, old: str, new: str, count: int = 1) -> None:
        file = self.clone / path
        body = file.read_text(encoding="utf-8")
        assert old in body, (path, old)
        file.write_text(body.replace(old, new, count), encoding="utf-8")


@pytest.fixture
def staff(tmp_path) -> Staff:
    if not shutil.which("git"):
        pytest.skip("git is needed")
    clone = tmp_path / "clone"
    clone.mkdir()
    copy_make_project(clone)
    (clone / ".venv").symlink_to(ROOT / ".venv")
    (clone / ".gitignore").write_text("site/\ncheck-site/\n*.xlsx\n.venv\nnode_modules\n", encoding="utf-8")
    commit_all(clone, "the project as cloned")
    return Staff(clone)


def _data(clone: Path) -> dict[str, bytes]:
    return {p.relative_to(clone).as_posix(): p.read_bytes() for p in sorted((clone / "data").rglob("*")) if p.is_file()}


_LEAK = re.compile(r"\bNone\b|\bnan\b|「」")
_CODE = re.compile(r"<(script|style)\b.*?</\1>", re.S)


def _leaks(site: Path) -> list[str]:
    """Words a reader should never see on any page: Python's None or nan, an empty quotation 「」."""
    found = []
    for page in sorted(site.rglob("*.html")):
        shown = text(_CODE.sub(" ", page.read_text(encoding="utf-8")))
        found += [f"{page.relative_to(site)}: {m.group(0)}" for m in _LEAK.finditer(shown)]
    return found


def _errors(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("ERROR")]


def test_next_years_edition_from_start_to_correction(staff):
    clone = staff.clone
    walk_start = time.monotonic()

    # 1. The planning section starts the edition (§7.1).
    new = staff.make("new-edition", f"EDITION={NEW}", f"FY={FY}")
    assert new.returncode == 0, new.output
    assert read_register(clone).get(NEW).state == "draft"

    # 2. The workbook comes back with the everyday mistakes: each named at its cell, nothing written.
    assert staff.make("sheet", "SHEET=kpis.xlsx").returncode == 0
    wb = load_workbook(clone / "kpis.xlsx")
    ws = wb["KPI"]
    rows = {ws.cell(row=r, column=1).value: r for r in range(2, ws.max_row + 1)}
    ws["H2"], ws["H3"], ws["I4"] = "395千人", "12.5%", 2023          # a unit, a percent, a year without its value
    wb.save(clone / "kpis.xlsx")
    before = _data(clone)
    refused = staff.make("import-sheet", "SHEET=kpis.xlsx")
    assert refused.returncode != 0
    for cell, words in (("KPI!H2", "395千人"), ("KPI!H3", "12.5 か 0.125 か"), ("KPI!I4", "2023")):
        assert any(f"kpis.xlsx: {cell} " in line and words in line for line in refused.output.splitlines()), \
            (cell, refused.output)
    assert _data(clone) == before

    # The workbook fixed: every actual filled in but two, which the section forgets.
    forgotten = ["1-1-1-2", "2-1-1-1"]
    for kpi_id, r in rows.items():
        ws[f"H{r}"] = None if kpi_id in forgotten else 100 + r
        ws[f"I{r}"] = None
    wb.save(clone / "kpis.xlsx")
    imported = staff.make("import-sheet", "SHEET=kpis.xlsx")
    assert imported.returncode == 0, imported.output

    # 3. A typo in the draft's page: the check (the pull request's too) stops at its line, before publishing.
    staff.edit(f"docs/editions/{NEW}/strategy-1.md", '{{ kpis("1-1-1") }}', '{{ kpi("1-1-1") }}')
    checked = staff.make("check")
    assert checked.returncode != 0
    assert any(line.startswith(f"ERROR   -  docs/editions/{NEW}/strategy-1.md:") and "kpi" in line
               for line in _errors(checked.output)), checked.output
    published_by_mistake = staff.make("publish-edition", f"EDITION={NEW}")
    assert published_by_mistake.returncode != 0 and read_register(clone).get(NEW).state == "draft"
    staff.edit(f"docs/editions/{NEW}/strategy-1.md", '{{ kpi("1-1-1") }}', '{{ kpis("1-1-1") }}')
    built = staff.make("build")                  # the check's site has the draft; the site to deploy never does
    assert built.returncode == 0, built.output
    assert (clone / "check-site/editions" / NEW / "index.html").is_file()
    assert (clone / "site/index.html").is_file() and not (clone / "site/editions" / NEW).exists()
    assert not _leaks(clone / "check-site" / "editions" / NEW) and not _leaks(clone / "check-site/en/editions" / NEW)

    # 4. Publishing lists every gap in one run, and changes nothing.
    register = (clone / "data/editions.yaml").read_text(encoding="utf-8")
    refused = staff.make("publish-edition", f"EDITION={NEW}")
    assert refused.returncode != 0
    english = sorted(p.relative_to(clone).as_posix() for p in (clone / "docs/editions" / NEW).glob("*.en.md"))
    lines = refused.stderr.splitlines()
    for kpi_id in forgotten:
        assert sum(f": {kpi_id}.actual: " in line for line in lines) == 1, refused.stderr
    for page in english:
        assert sum(line.startswith(f"{page}: translation: ") and f"make stamp PAGES={page}" in line
                   for line in lines) == 1, refused.stderr
    assert f"直すところ {len(forgotten) + len(english)} 件" in refused.stderr
    assert (clone / "data/editions.yaml").read_text(encoding="utf-8") == register

    # 5. The gaps fixed as the messages say: an actual, a reason, the translations stamped.
    strategy_1 = f"data/editions/{NEW}/strategies/strategy-1.yaml"
    body = (clone / strategy_1).read_text(encoding="utf-8")
    block = body.index("          - id: 1-1-1-2\n")
    staff.edit(strategy_1, body[block:], body[block:].replace("            actual: null\n", "            actual: 230000\n", 1))
    staff.edit(f"data/editions/{NEW}/strategies/strategy-2.yaml", "            actual: null\n",
               '            actual: null\n            actual_unknown: {ja: "調査を休止したため", en: "the survey was suspended"}\n')
    stamped = staff.make("stamp", f"PAGES={' '.join(english)}")
    assert stamped.returncode == 0, stamped.output

    # 6. Published, then built: the new edition at today's addresses.
    published = staff.make("publish-edition", f"EDITION={NEW}")
    assert published.returncode == 0, published.output
    entry = read_register(clone).get(NEW)
    assert entry.state == "published" and entry.fingerprint == fingerprint(clone, NEW)
    built = staff.make("build")
    assert built.returncode == 0, built.output
    assert "令和7年2月版" in banner((clone / "site/strategy-1/index.html").read_text(encoding="utf-8"))
    commit_all(clone, f"publish {NEW}")

    # 7. A typo in the published edition's page: named at its line, not as a change to the archive;
    # a correction of it is refused; undone, the check passes with no correction recorded.
    staff.edit(f"docs/editions/{NEW}/strategy-2.md", "{{ kpis(", "{{ kpi(")
    typo = staff.make("check")
    assert typo.returncode != 0
    assert any(f"docs/editions/{NEW}/strategy-2.md:" in line for line in _errors(typo.output)), typo.output
    assert "指紋" not in typo.output and "fingerprint" not in typo.output
    refused = staff.make("correct", f"EDITION={NEW}", "WHAT_JA=誤字", "WHAT_EN=a typo", "WHY_JA=誤字", "WHY_EN=a typo")
    assert refused.returncode != 0 and not read_register(clone).get(NEW).corrections
    staff.edit(f"docs/editions/{NEW}/strategy-2.md", "{{ kpi(", "{{ kpis(")
    assert staff.make("check").returncode == 0

    # 8. A real correction: the check names the changed file and the command; recorded, it is shown on
    # every page of the edition, in both languages.
    staff.edit(strategy_1, "            actual: 230000\n", "            actual: 231000\n")
    changed = staff.make("check")
    assert changed.returncode != 0
    message = next(line for line in changed.stderr.splitlines() if line.startswith("data/editions.yaml:"))
    assert strategy_1 in message and f"make correct EDITION={NEW}" in message, message
    corrected = staff.make("correct", f"EDITION={NEW}", "WHAT_JA=道の駅の商品販売額の実績値",
                           "WHAT_EN=the actual of sales at roadside stations", "WHY_JA=集計の誤り", "WHY_EN=a counting error")
    assert corrected.returncode == 0, corrected.output
    built = staff.make("build")
    assert built.returncode == 0, built.output
    for lang, words in (("ja", "道の駅の商品販売額の実績値（理由：集計の誤り）"),
                        ("en", "the actual of sales at roadside stations. Reason: a counting error.")):
        base = clone / "site" / ("" if lang == "ja" else "en") / "editions" / NEW
        pages = sorted(base.rglob("index.html"))
        assert len(pages) >= 9
        for page in pages:
            assert words in text(banner(page.read_text(encoding="utf-8"))), page
    assert not _leaks(clone / "site")

    took = time.monotonic() - walk_start
    print(f"\nstaff walk: {took:.0f} s in all, {len(staff.times)} make commands")
    for command, seconds in staff.times:   # the typed texts of a correction left out
        shown = re.sub(r"((?:WHAT|WHY)_(?:JA|EN))=.*?(?= (?:WHAT|WHY)_|$)", r"\1=…", command)
        print(f"  {seconds:5.1f} s  make {shown}")
