"""Benchmark: what each edition of the report costs. The real edition plus synthetic later ones
(tests/synthetic_editions.py, made in throwaway copies as staff would make them), 1, 2 and 5 editions:

- the full bilingual strict build (wall-clock and CPU seconds, pages built, peak memory);
- the live preview (`mkdocs serve`) of the edition being edited: an edit to its page or data file,
  until the browsers are told to reload;
- the first-visit weight of a strategy page at today's address and of the oldest edition's copy.

A machine's speed changes from day to day, so `--baseline REV` measures the live preview of an
earlier commit of the project in the same run (e.g. the last one before the editions), for comparison.

Prints the figures and writes them to bench/results.md under "Editions". Not a test: it measures.
Usage: python bench/editions.py [--runs 3] [--counts 1,2,5] [--no-weights] [--baseline REV]
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from run import build_once, page_weights, preview_rebuilds  # noqa: E402

from tests.conftest import copy_project  # noqa: E402
from tests.synthetic_editions import add_editions  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).with_name("results.md")
HEADING = "## Editions"


def project_with(base: Path, count: int, publish_last: bool = True) -> tuple[Path, str]:
    """A copy of the project with `count` editions; returns it and the latest edition's id."""
    base.mkdir(parents=True)
    project = copy_project(base)
    ids = add_editions(project, count - 1, publish_last=publish_last)
    return project, (ids[-1] if ids else "2024-02")


def project_at(base: Path, rev: str) -> Path:
    """The project's files as they were at commit `rev` (git archive), sharing today's node_modules."""
    base.mkdir(parents=True)
    names = ["mkdocs.yml", "package.json", "docs", "data", "macros", "overrides"]
    archive = subprocess.run(["git", "archive", rev, *names], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(base)], input=archive, check=True)
    (base / "node_modules").symlink_to(ROOT / "node_modules")
    return base


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--counts", default="1,2,5")
    ap.add_argument("--no-weights", action="store_true")
    ap.add_argument("--baseline", action="append", default=[],
                    help="a commit whose live preview is measured too, for comparison (may be repeated)")
    args = ap.parse_args()
    counts = [int(c) for c in args.counts.split(",")]
    lines = [HEADING + "\n",
             f"`python bench/editions.py --runs {args.runs} --counts {args.counts}"
             f"{''.join(f' --baseline {b}' for b in args.baseline)}` ({os.cpu_count()} cores, load average "
             f"{os.getloadavg()[0]:.1f} when it started). The real edition and synthetic later ones, built the way "
             "staff build them; the goal is a build that grows linearly with the editions, a live preview of "
             "the edition being edited in about a second, and every page within its weight budget.\n",
             "The live preview (`mkdocs serve`, as `make serve` runs it) rebuilds both languages after each "
             "edit, alternately a page and a data file of the newest edition; it leaves out the editions' own "
             "copies but the draft's (macros/glue/plugin.py, on_files). The row "
             "\"2, the newest a draft\" is next year's edition being prepared: its pages are built beside "
             "today's, which show the published edition. A row "
             "\"commit …\" is an earlier commit of the project measured in the same run (`--baseline`), "
             "since a machine's speed changes from day to day.\n",
             "| editions | pages (ja+en) | median s | runs s | median CPU s | CPU s per edition | peak RSS MB | "
             "live preview s (median) | preview CPU s |",
             "|---|---|---|---|---|---|---|---|---|"]
    weights = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        projects = {n: project_with(tmp / f"p{n}", n) for n in counts}
        runs = {n: [] for n in counts}
        cpu = {n: [] for n in counts}
        rss = dict.fromkeys(counts, 0)
        for i in range(args.runs):
            for n in counts:   # the sizes take turns, so a busy moment does not land on one size only
                t, r, c = build_once(projects[n][0], tmp / f"site{n}-{i}")
                runs[n].append(t)
                cpu[n].append(c)
                rss[n] = max(rss[n], r)
        for n in counts:
            project, latest = projects[n]
            preview, preview_cpu = preview_rebuilds(project, edition=latest)
            pages = len(list((tmp / f"site{n}-0").rglob("index.html")))
            row = (f"| {n} | {pages} | {statistics.median(runs[n]):.2f} | {', '.join(f'{r:.2f}' for r in runs[n])} | "
                   f"{statistics.median(cpu[n]):.2f} | {statistics.median(cpu[n]) / n:.2f} | {rss[n]} | "
                   f"{statistics.median(preview):.2f} ({', '.join(f'{t:.2f}' for t in preview)}) | "
                   f"{statistics.median(preview_cpu):.2f} |")
            print(row, flush=True)
            lines.append(row)
        # As next year's edition is prepared: the newest edition a draft, built beside today's pages.
        project, draft = project_with(tmp / "draft", 2, publish_last=False)
        preview, preview_cpu = preview_rebuilds(project, edition=draft)
        row = (f"| 2, the newest a draft | | | | | | | {statistics.median(preview):.2f} "
               f"({', '.join(f'{t:.2f}' for t in preview)}) | {statistics.median(preview_cpu):.2f} |")
        print(row, flush=True)
        lines.append(row)
        for i, baseline in enumerate(args.baseline):
            rev = subprocess.run(["git", "rev-parse", "--short", baseline], cwd=ROOT, capture_output=True,
                                 text=True, check=True).stdout.strip()
            old = project_at(tmp / f"baseline{i}", rev)
            has_editions = (old / "data" / "editions").is_dir()
            preview, preview_cpu = preview_rebuilds(old, edition="2024-02" if has_editions else None)
            row = (f"| commit {rev} ({'1' if has_editions else 'no'} edition{'' if has_editions else 's'}) "
                   f"| | | | | | | {statistics.median(preview):.2f} "
                   f"({', '.join(f'{t:.2f}' for t in preview)}) | {statistics.median(preview_cpu):.2f} |")
            print(row, flush=True)
            lines.append(row)
        if not args.no_weights:
            most = max(counts)
            paths = ["/", "/strategy-1/", "/editions/2024-02/strategy-1/", "/en/editions/2024-02/strategy-4/",
                     "/kpis/", "/editions/2024-02/kpis/"]
            weights = page_weights(tmp / f"site{most}-0", paths)
            lines += ["", f"Page weight with {most} editions (gzip, 390×844, first visit, Chromium; budgets as in "
                      "`tests/browser/test_budgets.py`):\n",
                      "| page | before scrolling KB | fully scrolled KB |", "|---|---|---|"]
            for path, first, full in weights:
                row = f"| {path} | {first / 1024:.0f} | {full / 1024:.0f} |"
                print(row, flush=True)
                lines.append(row)
    text = RESULTS.read_text(encoding="utf-8")
    section = "\n".join(lines) + "\n"
    if HEADING in text:
        start = text.index(HEADING)
        following = re.search(r"^## ", text[start + len(HEADING):], re.M)
        end = start + len(HEADING) + following.start() if following else len(text)
        text = text[:start] + section + ("\n" + text[end:] if following else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    RESULTS.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
