"""Search finds every page that contains what was typed, and no other page, in the reader's language.

Hundreds of queries per language are generated from the site itself (bench/search_truth.py):
every KPI name and strategy, policy and measure title (from data/), their parts, words sampled from
every page (Japanese: 2 to 6 characters of Japanese text; English: words), and numbers. The truth is
each built page's text, read from its HTML. The queries go to the site's real search worker in one batch
(the same worker Material's search box talks to); tests/browser/test_search.py types into the box.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench.search_truth import BATCH, excluded_pages, expected, generate_queries, names, normalise, site_pages

from .support import new_context

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@pytest.fixture(scope="module")
def run(browser, server):
    ctx = new_context(browser, "desktop")
    page = ctx.new_page()
    page.goto(server, wait_until="load")

    def run_queries(lang: str, queries: list[str], with_titles: bool = False) -> list[list[list]]:
        url = f"{server}assets/javascripts/search-worker.js?lang={lang}"
        return page.evaluate(BATCH, [url, {"config": {}, "docs": [], "options": {}}, queries, with_titles])

    yield run_queries
    ctx.close()


@pytest.fixture(scope="module")
def truth(site):
    pages = site_pages(site)
    skip = excluded_pages(ROOT)
    return {lang: {loc: text for loc, text in texts.items() if loc not in skip} for lang, texts in pages.items()}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_recall_and_precision_over_generated_queries(run, truth, lang, capsys):
    pages = truth[lang]
    titles, kpi_ids = names(ROOT, lang)
    classes = generate_queries(pages, lang, titles)
    queries = [q for qs in classes.values() for q in qs]
    assert len(queries) >= 300, f"only {len(queries)} queries generated for {lang}"
    results = dict(zip(queries, run(lang, queries)))

    misses, extras, foreign, kpi_missing = [], [], [], []
    found_total = expected_total = listed_total = right_total = 0
    for query, groups in results.items():
        want = expected(pages, query)
        got = {group[0].split("#")[0] for group in groups}
        expected_total += len(want)
        found_total += len(want & got)
        listed_total += len(got)
        right_total += len(got & want)
        if want - got:
            misses.append(f"{query!r}: not listed {sorted(want - got)}")
        if got - want:
            extras.append(f"{query!r}: listed {sorted(got - want)} without it")
        other = [g for g in got if g.startswith("en/") != (lang == "en")]
        if other:
            foreign.append(f"{query!r}: {other}")
        if query in kpi_ids:
            anchor = f"#kpi-{kpi_ids[query]}"
            if not any(loc.endswith(anchor) for group in groups for loc in group):
                kpi_missing.append(f"{query!r} → {anchor}")

    recall = found_total / expected_total
    precision = right_total / listed_total if listed_total else 1.0
    with capsys.disabled():
        sizes = ", ".join(f"{k} {len(v)}" for k, v in classes.items())
        print(f"\n[search {lang}] {len(queries)} queries ({sizes}); "
              f"recall {recall:.2%} ({found_total}/{expected_total} page hits), "
              f"precision {precision:.2%} ({right_total}/{listed_total})")
    assert not foreign, "results from the other language: " + "; ".join(foreign[:10])
    assert not misses, f"recall {recall:.2%}; pages not found: " + "; ".join(misses[:15])
    assert not extras, f"precision {precision:.2%}; pages without the query: " + "; ".join(extras[:15])
    assert not kpi_missing, "KPI names whose result does not lead to the KPI: " + "; ".join(kpi_missing[:10])


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_full_and_half_width_case_and_spaces_give_the_same_results(run, truth, lang):
    pages = truth[lang]
    titles, _ = names(ROOT, lang)
    base = [q for q in sorted(set(titles)) if re.search(r"[A-Za-z0-9]", q)][:40]
    base += ["ＤＭＯ", "dmo", "Wi-Fi"] if lang == "ja" else ["Geopark", "DMO", "Wi-Fi"]
    variants = {q: [full_width(q), q.upper(), q.lower(), f"  {q}\u3000", f"\u3000{full_width(q).upper()} "]
                for q in base}
    queries = list(base) + [v for vs in variants.values() for v in vs]
    results = dict(zip(queries, run(lang, queries)))

    def pages_of(q):
        return sorted({group[0].split("#")[0] for group in results[q]})

    differ = [f"{v!r} → {pages_of(v)} but {q!r} → {pages_of(q)}"
              for q, vs in variants.items() for v in vs if pages_of(v) != pages_of(q)]
    assert not differ, "; ".join(differ[:10])
    # and the forms found are the right ones: e.g. ＤＭＯ finds the pages that say DMO
    empty = [q for q in base if expected(pages, q) and not pages_of(q)]
    assert not empty, f"found nothing for {empty}"
    assert normalise("ＤＭＯ") == "dmo"


def test_words_residents_type_are_found(run, truth):
    """The words the issue names: each finds every Japanese page that contains it."""
    words = ["子育て", "見守り", "空き店舗", "子育て支援", "子ども", "ＤＭＯ", "秋吉台", "ジオパーク", "観光客"]
    results = dict(zip(words, run("ja", words)))
    for word in words:
        want = expected(truth["ja"], word)
        got = {group[0].split("#")[0] for group in results[word]}
        assert want, f"no page contains {word!r}: choose another word"
        assert got == want, f"{word!r}: found {sorted(got)}, pages containing it {sorted(want)}"


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_title_and_heading_matches_come_first(run, lang):
    """For every KPI name and title typed: pages whose page, section or KPI title holds it come before
    pages where only the text does, and within a page such a section comes first."""
    titles, _ = names(ROOT, lang)
    queries = sorted(set(titles))
    wrong = []
    for query, groups in zip(queries, run(lang, queries, True)):
        q = normalise(query)
        in_title = [[q in normalise(title) for _, title in group] for group in groups]
        heads = [flags[0] or not any(flags) for flags in in_title]
        if not all(heads):
            wrong.append(f"{query!r}: a section titled with it is not first on its page")
        firsts = [any(flags) for flags in in_title]
        if firsts != sorted(firsts, reverse=True):
            wrong.append(f"{query!r}: a page without it in a title comes before one with it")
    assert not wrong, "; ".join(wrong[:10])
