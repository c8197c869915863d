"""Search benchmark: recall and precision over the generated query set, index sizes, first-visit and
first-search weight, and time to the first results on a phone (390×844, CPU slowed 4×).

    python bench/search.py [--site site] [--label "MiniSearch worker"] [--runs 3]

Works on this site's search (its own worker) and on a build with Material's own search (lunr), so
that the two can be compared: the worker is the one the built page's configuration names. Prints
JSON; the figures are kept in the "Search" section of bench/results.md. Not a test: it measures.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.search_truth import BATCH, excluded_pages, expected, generate_queries, names, site_pages  # noqa: E402
from bench.site_server import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

KB = 1024
FIRST_QUERY = {"ja": "子育て", "en": "children"}
HOME = {"ja": "", "en": "en/"}
# Material's summary line while there is no result yet: the prompt and "initialising"
WAITING = {"ja": ["検索キーワードを入力してください", "検索を初期化"],
           "en": ["Type to start searching", "Initializing search"]}


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 9))


def worker_url(site: Path, lang: str) -> str:
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>',
                       (site / HOME[lang] / "index.html").read_text(encoding="utf-8"), re.S)
    url = json.loads(config.group(1))["search"]
    return re.sub(r"^(\.\./)+", "", url)


def recall(page, base: str, site: Path, lang: str) -> dict:
    truth = {loc: s for loc, s in site_pages(site)[lang].items() if loc not in excluded_pages(ROOT)}
    titles, _ = names(ROOT, lang)
    classes = generate_queries(truth, lang, titles)
    index = site / "search" / "search_index.json"
    setup = json.loads(index.read_text(encoding="utf-8"))
    setup["options"] = {"suggest": False}
    out = {}
    for name, queries in classes.items():
        results = page.evaluate(BATCH, [base + worker_url(site, lang), setup, queries])
        hit = want_n = got_n = 0
        failed = 0
        for q, groups in zip(queries, results):
            want = expected(truth, q)
            got = {g[0].split("#")[0] for g in groups} & set(truth) if groups else set()
            other = {g[0].split("#")[0] for g in groups} - set(truth)
            got_all = got | other
            hit += len(want & got)
            want_n += len(want)
            got_n += len(got_all)
            failed += not (want <= got)
        out[name] = {"queries": len(queries), "recall": hit / want_n if want_n else 1.0,
                     "precision": hit / got_n if got_n else 1.0, "queries_missing_a_page": failed}
    return out


def first_search(browser, base: str, lang: str, runs: int) -> dict:
    """Bytes fetched for search on the first visit (before typing) and for the first query, and the
    time from the key that commits the query to its results (or "nothing found"), at 390×844 with
    the CPU slowed 4×."""
    times, before, during = [], [], []
    for _ in range(runs):
        ctx = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
        page = ctx.new_page()
        cdp = ctx.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
        sizes: dict[str, int] = {}
        phase = {"now": "load"}
        per_phase: dict[str, int] = {"load": 0, "search": 0}

        def done(req, sizes=sizes, phase=phase, per_phase=per_phase):
            s = req.sizes()
            n = s["responseBodySize"] + s["responseHeadersSize"]
            if "search" in req.url or "minisearch" in req.url or "lunr" in req.url or "tinyseg" in req.url:
                per_phase[phase["now"]] += n

        page.on("requestfinished", done)
        page.goto(base + HOME[lang], wait_until="networkidle")
        page.wait_for_timeout(500)
        phase["now"] = "search"
        # a phone: the header's search button, which the site's script puts in
        page.locator("button[data-site-toggle=__search]").click()
        page.wait_for_function("document.activeElement.classList.contains('md-search__input')")
        page.keyboard.insert_text(FIRST_QUERY[lang])
        start = time.perf_counter()
        page.keyboard.press("End")
        # results drawn, or "nothing found": the summary is neither the prompt nor "initialising"
        page.wait_for_function("""t => !t.includes(document.querySelector('.md-search-result__meta')
                                  .textContent.trim())""", arg=WAITING[lang], timeout=30_000)
        times.append(time.perf_counter() - start)
        page.wait_for_load_state("networkidle")
        before.append(per_phase["load"])
        during.append(per_phase["search"])
        ctx.close()
    return {"ms": [round(t * 1000) for t in times], "median_ms": round(statistics.median(times) * 1000),
            "load_kb": round(statistics.median(before) / KB, 1), "search_kb": round(statistics.median(during) / KB, 1)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--site", type=Path, default=ROOT / "site")
    ap.add_argument("--label", default="this site's search")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    site = args.site.resolve()
    from playwright.sync_api import sync_playwright
    report = {"label": args.label, "files": {}, "langs": {}}
    for rel in ["search/search_index.json", "search/ja.json", "search/en.json", "assets/vendor/minisearch.js",
                "assets/javascripts/search-worker.js"]:
        if (site / rel).is_file():
            report["files"][rel] = {"raw_kb": round((site / rel).stat().st_size / KB, 1),
                                    "gzip_kb": round(gz(site / rel) / KB, 1)}
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(base, wait_until="load")
        for lang in ("ja", "en"):
            t = time.perf_counter()
            report["langs"][lang] = {"recall": recall(page, base, site, lang),
                                     "first_search": first_search(browser, base, lang, args.runs)}
            report["langs"][lang]["bench_s"] = round(time.perf_counter() - t, 1)
        browser.close()
    print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
