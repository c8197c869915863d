"""Lighthouse (npm lighthouse 12, mobile defaults) on the top page and every strategy page, both languages.

Serves the built site with gzip on 127.0.0.1 and prints a table of the four category scores, the
median of RUNS runs per page for performance (Lighthouse's own advice: one run's score varies by a
few points) and the lowest for the other categories; appends it to bench/results.md. Usage: python bench/lighthouse.py [site_dir]
Budgets (issue): performance >= 95; accessibility, best practices and SEO 100.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import ROOT  # noqa: E402
from site_server import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

FLAGS = " ".join(CHROMIUM_ARGS)
RUNS = 3
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = (["/", "/en/"] + [f"{p}strategy-{n}/" for p in ("/", "/en/") for n in range(1, 6)]
         + ["/kpis/", "/en/kpis/"])  # the KPI list: not in the budget, reported for comparison


def main() -> None:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    if not (site / "index.html").is_file():
        raise SystemExit(f"no built site in {site}: run `make build` first")
    rows = [f"\n## Lighthouse 12 (mobile defaults, gzip; {RUNS} runs a page: performance the median, runs in brackets; the others the lowest)\n",
            "| page | performance | accessibility | best practices | SEO |", "|---|---|---|---|---|"]
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    with serve(site) as base, tempfile.TemporaryDirectory() as tmp:
        for path in PAGES:
            runs = []
            for _ in range(RUNS):
                out = Path(tmp) / "lh.json"
                subprocess.run([str(ROOT / "node_modules/.bin/lighthouse"), base + path.lstrip("/"), "--quiet", "--output=json",
                                f"--output-path={out}", f"--chrome-flags={FLAGS}"], check=True, env=env, timeout=300)
                cats = json.loads(out.read_text(encoding="utf-8"))["categories"]
                runs.append({k: round(cats[k]["score"] * 100) for k in CATEGORIES})
            # performance: the median (it varies from run to run); the others: the worst run
            med = {k: (statistics.median if k == "performance" else min)(r[k] for r in runs) for k in CATEGORIES}
            perf = ", ".join(str(r["performance"]) for r in runs)
            row = (f"| {path} | {med['performance']:.0f} ({perf}) | {med['accessibility']:.0f} | "
                   f"{med['best-practices']:.0f} | {med['seo']:.0f} |")
            print(row, flush=True)
            rows.append(row)
    results = ROOT / "bench" / "results.md"
    text = results.read_text(encoding="utf-8") if results.exists() else "# Benchmark results\n"
    text = text.split("\n## Lighthouse")[0].rstrip("\n") + "\n" + "\n".join(rows) + "\n"
    results.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
