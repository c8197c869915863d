"""Any site, checked against its own data: what the built pages say of each KPI is what the engine
computes from data/ (the same code computes both, so this checks that nothing between the data and
the page loses, mixes up or leaves out a figure). No expectation here is written by hand: these tests
run on the engine's reference site and on every site made with make new-site.

The pages at today's addresses show the latest published edition (a new site whose only edition is a
draft: the draft, as `make check` builds it, tests/conftest.py `site`).
"""
from __future__ import annotations

import html as html_module
import re
from pathlib import Path

import pytest

from macros.core.edition_series import load_editions
from macros.render.labels import status_label
from macros.render.numbers import fmt_number, fmt_pct
from macros.render.renderer import Renderer
from tests.conftest import ROOT, SITE_LANGUAGES, published

KPI_BLOCK = re.compile(r'<tbody class="kpi-row[^"]*" id="kpi-(?P<id>[^"]+)" data-status="(?P<status>[^"]+)"'
                       r'[^>]*>(?P<body>.*?)</tbody>', re.S)
TAG = re.compile(r"<[^>]+>")


@pytest.fixture(scope="module")
def shown():
    """The edition today's pages show, loaded by the engine from data/."""
    editions = load_editions(ROOT, include_drafts=not published())
    return editions.latest(include_drafts=not published()).data


def _page(site: Path, lang: str, path: str) -> str:
    prefix = "" if lang == "ja" else "en/"
    return (site / prefix / path / "index.html").read_text(encoding="utf-8")


def _text(html: str) -> str:
    return " ".join(html_module.unescape(TAG.sub(" ", html)).split())


def test_every_kpi_is_on_its_strategy_page_with_the_status_and_figures_computed_from_the_data(site, shown):
    checked = 0
    for lang in SITE_LANGUAGES:
        for strategy in shown.report.strategies:
            page = _page(site, lang, Renderer.strategy_path(strategy.id))
            blocks = {m["id"]: m for m in KPI_BLOCK.finditer(page)}
            kpis = strategy.kpis()
            assert list(blocks) == [k.id for k in kpis], (
                f"{lang} {Renderer.strategy_path(strategy.id)}: KPIs on the page {list(blocks)}, in the data "
                f"{[k.id for k in kpis]}")
            for k in kpis:
                e, block = shown.evaluations[k.id], blocks[k.id]
                text = _text(block["body"])
                where = f"{lang} {Renderer.strategy_path(strategy.id)}#kpi-{k.id}"
                assert block["status"] == e.status, f"{where}: status {block['status']}, computed {e.status}"
                assert status_label(lang, e.status, shown.scheme) in text, f"{where}: the status label is missing"
                assert k.name.get(lang) in text, f"{where}: the KPI's name is missing"
                for value in (k.baseline, k.actual, k.target):
                    if value is not None:
                        assert fmt_number(value.amount) in text, f"{where}: {fmt_number(value.amount)} is missing"
                if e.progress_pct is not None:
                    assert fmt_pct(e.progress_pct, "") in text, f"{where}: progress {fmt_pct(e.progress_pct, '')}"
                checked += 1
    assert checked == len(shown.report.kpis()) * len(SITE_LANGUAGES)


SUMMARY = re.compile(r'<div class="status-summary".*?</table>', re.S)
COUNT = re.compile(r'kpi-status--(?P<code>[^" ]+)".*?</th><td class="kpi-num">(?P<n>\d+)</td>', re.S)
TOTAL = re.compile(r'status-summary__total.*?<td class="kpi-num">(?P<n>\d+)</td>', re.S)


def test_the_home_pages_status_counts_are_the_counts_of_the_computed_statuses(site, shown):
    for lang in SITE_LANGUAGES:
        summary = SUMMARY.search(_page(site, lang, ""))
        assert summary, f"{lang}: the home page has no status summary"
        shown_counts = {m["code"]: int(m["n"]) for m in COUNT.finditer(summary.group(0))}
        computed = {code: sum(e.status == code for e in shown.evaluations.values()) for code in shown.scheme.ids}
        assert shown_counts == computed, f"{lang}: the home page shows {shown_counts}, computed {computed}"
        assert int(TOTAL.search(summary.group(0))["n"]) == len(shown.report.kpis())


def test_each_page_says_its_language_and_a_japanese_only_site_has_no_english_pages(site, shown):
    pages = sorted(site.rglob("index.html"))
    assert pages
    for page in pages:
        rel = page.relative_to(site).as_posix()
        lang = "en" if rel.startswith("en/") else "ja"
        head = page.read_text(encoding="utf-8")[:300]
        assert f'<html lang="{lang}"' in head, f"{rel}: not lang={lang}"
    assert (site / "en").is_dir() == ("en" in SITE_LANGUAGES)
