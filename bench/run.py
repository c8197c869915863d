"""Benchmark: bilingual strict build time and peak memory at 1×, 10×, 100× the KPIs; page weights.

Prints a table and writes it to bench/results.md. Not a test: it measures, it does not judge.
Usage: python bench/run.py [--runs 3] [--factors 1,10,100] [--no-weights]
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth  # noqa: E402
from site_server import CHROMIUM, CHROMIUM_ARGS, serve, transferred  # noqa: E402

ROOT = synth.ROOT
# Run one build in a child process that reports its peak RSS (resource is per process; both languages
# are built in that one process, one after the other).
BUILD = ("import resource, sys; from mkdocs.__main__ import cli\n"
         "try:\n    cli(['build', '--strict', '-f', sys.argv[1], '-d', sys.argv[2]])\n"
         "except SystemExit as e:\n    code = e.code or 0\nelse:\n    code = 0\n"
         "use = resource.getrusage(resource.RUSAGE_SELF)\n"
         "print('MAXRSS', use.ru_maxrss, 'CPU', use.ru_utime + use.ru_stime, file=sys.stderr)\nsys.exit(code)\n")


def build_once(project: Path, out: Path) -> tuple[float, int, float]:
    """Wall-clock seconds, peak RSS in MB and CPU seconds of one build. On a busy machine the CPU
    time is the steadier figure: the wall-clock time also counts the waits for a core."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000")
    start = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", BUILD, str(project / "mkdocs.yml"), str(out)], cwd=project,
                       capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if r.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{r.stderr[-2000:]}")
    fields = next(l.split() for l in r.stderr.splitlines() if l.startswith("MAXRSS"))
    return elapsed, int(fields[1]) // 1024, float(fields[3])


def kpi_count(project: Path) -> int:
    return sum(f.read_text(encoding="utf-8").count("            name: {ja:")
               for f in (project / "data/editions/2024-02/strategies").glob("*.yaml"))


def page_weights(site: Path, paths: list[str]) -> list[tuple[str, int, int]]:
    """Transferred bytes of a first visit on a phone screen: as loaded, and read to the end."""
    from playwright.sync_api import sync_playwright
    out = []
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for path in paths:
            ctx = browser.new_context(viewport={"width": 390, "height": 844})   # a fresh cache each
            first, full, _ = transferred(ctx.new_page(), base, path.lstrip("/"), scroll=True)
            out.append((path, first, full))
            ctx.close()
        browser.close()
    return out


def cpu_seconds(pid: int) -> float:
    """User and system CPU time a process has used so far (Linux /proc)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def preview_rebuilds(project: Path, edits: int = 5, edition: str | None = "2024-02") -> tuple[list[float], list[float]]:
    """Seconds from saving an edit to a page or a data file of an edition until `mkdocs serve` reloads
    browsers, and the CPU seconds the server used meanwhile. `edition=None`: a project from before the
    editions (docs/strategy-1.md, data/strategies/strategy-1.yaml)."""
    import queue
    import socket
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env["SHOW_DRAFTS"] = "true"   # as `make serve`: the edition being prepared may be a draft
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=project,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put((time.perf_counter(), line)) for line in proc.stdout], daemon=True).start()

    def wait_for(text: str) -> float:
        while True:
            at, line = lines.get(timeout=120)
            if text in line:
                return at
    # Alternately a page and a data file: both must reach the browser (mkdocs.yml: watch).
    docs = project / "docs" / "editions" / edition if edition else project / "docs"
    data = project / "data" / "editions" / edition if edition else project / "data"
    files = [docs / "strategy-1.md", data / "strategies" / "strategy-1.yaml"]
    sources = {f: f.read_text(encoding="utf-8") for f in files}
    times, cpu = [], []
    try:
        wait_for("Serving on")
        for i in range(edits):
            time.sleep(1.5)
            edited = files[i % 2]
            start, start_cpu = time.perf_counter(), cpu_seconds(proc.pid)
            edited.write_text(sources[edited] + "\n" * (i // 2 % 2 + 1), encoding="utf-8")
            times.append(wait_for("Reloading browsers") - start)
            cpu.append(cpu_seconds(proc.pid) - start_cpu)
    finally:
        for f, text in sources.items():
            f.write_text(text, encoding="utf-8")
        proc.terminate()
        proc.wait(10)
    return times, cpu


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--factors", default="1,10,100")
    ap.add_argument("--no-weights", action="store_true")
    args = ap.parse_args()
    lines = [f"# Benchmark results\n", f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}. "
             f"Command: `python bench/run.py --runs {args.runs} --factors {args.factors}`. "
             f"Load average when it started: {os.getloadavg()[0]:.1f}.\n",
             "## Full bilingual `mkdocs build --strict`\n",
             "The two languages are built one after the other in one process (one core), as mkdocs-static-i18n "
             "does it. The goal is a build time that grows linearly with the number of KPIs.\n",
             "| size | KPIs | pages (ja+en) | median s | runs s | s per 1,000 KPIs | peak RSS MB | median CPU s | CPU s per 1,000 KPIs |",
             "|---|---|---|---|---|---|---|---|---|"]
    factors = [int(f) for f in args.factors.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        projects = {f: ROOT if f == 1 else synth.make(tmp / f"x{f}", f) for f in factors}
        runs: dict[int, list[float]] = {f: [] for f in factors}
        cpu: dict[int, list[float]] = {f: [] for f in factors}
        rss = dict.fromkeys(factors, 0)
        # Sizes take turns (1×, 10×, 1×, 10×, …) so that a busy moment of the machine does not
        # land on one size only: the ratio between sizes is what the goal is about.
        for i in range(args.runs):
            for f in factors:
                if f >= 100 and i > 0:
                    continue   # one run of the largest size is enough (and takes a minute)
                t, r, c = build_once(projects[f], tmp / f"site{f}-{i}")
                runs[f].append(t)
                cpu[f].append(c)
                rss[f] = max(rss[f], r)
        for f in factors:
            med = statistics.median(runs[f])
            kpis = kpi_count(projects[f])
            pages = len(list((tmp / f"site{f}-0").rglob("index.html")))
            row = (f"| {f}× | {kpis:,} | {pages:,} | {med:.2f} | {', '.join(f'{r:.2f}' for r in runs[f])} | "
                   f"{med / kpis * 1000:.1f} | {rss[f]} | {statistics.median(cpu[f]):.2f} | "
                   f"{statistics.median(cpu[f]) / kpis * 1000:.1f} |")
            print(row, flush=True)
            lines.append(row)
        if 10 in runs and 100 in runs:
            per_kpi = [statistics.median(runs[f]) / kpi_count(projects[f]) for f in (10, 100)]
            cpu_per_kpi = [statistics.median(cpu[f]) / kpi_count(projects[f]) for f in (10, 100)]
            line = (f"\nTime per KPI at 100× over that at 10×: {per_kpi[1] / per_kpi[0]:.2f} (CPU time: "
                    f"{cpu_per_kpi[1] / cpu_per_kpi[0]:.2f}; linear growth: 1.0 or below, as the fixed start-up "
                    "cost weighs less at the larger size)")
            print(line.strip(), flush=True)
            lines.append(line)
        preview, preview_cpu = preview_rebuilds(synth.make(tmp / "preview", 1))
        line = (f"\nLive preview (`mkdocs serve`, both languages): an edited page or data file is rebuilt in "
                f"{statistics.median(preview):.2f} s (median of {', '.join(f'{t:.2f}' for t in preview)}), "
                f"using {statistics.median(preview_cpu):.2f} CPU s (median of {', '.join(f'{t:.2f}' for t in preview_cpu)})")
        print(line.strip(), flush=True)
        lines.append(line)
        if not args.no_weights:
            site = tmp / "site1-0"
            paths = ["/", "/strategy-1/", "/strategy-2/", "/strategy-3/", "/strategy-4/", "/strategy-5/", "/kpis/",
                     "/context/", "/data/", "/en/", "/en/strategy-1/", "/en/strategy-4/", "/en/kpis/"]
            lines += ["\n## Page weight (gzip, 390×844, first visit, Chromium)\n",
                      "| page | before scrolling KB | fully scrolled KB | budget (before / scrolled) |", "|---|---|---|---|"]
            for path, first, full in page_weights(site, paths):
                budget = "150 / 650" if path in ("/", "/en/") else ("160 / 650" if "strategy" in path else "— / 650")
                row = f"| {path} | {first / 1024:.0f} | {full / 1024:.0f} | {budget} |"
                print(row, flush=True)
                lines.append(row)
    results = ROOT / "bench" / "results.md"
    # the search comparison (bench/search.py and its notes) is kept as it was
    old = results.read_text(encoding="utf-8") if results.is_file() else ""
    kept = old[old.index(SEARCH_SECTION):] if SEARCH_SECTION in old else ""
    results.write_text("\n".join(lines) + "\n" + ("\n" + kept if kept else ""), encoding="utf-8")
    print("wrote bench/results.md")


SEARCH_SECTION = "## Search"


if __name__ == "__main__":
    main()
