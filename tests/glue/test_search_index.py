"""macros/glue/search_index.py: the per-language search index, read from built pages and told by fragments."""
from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

import pytest

from macros.glue.search_index import fragment_entries, language_of, normalised, page_entries, plain_text
from macros.glue.search_view import without_search_excluded
from macros.render.renderer import SearchEntry

ROOT = Path(__file__).resolve().parents[2]


def test_plain_text_joins_inline_elements_and_separates_blocks_and_cells():
    html = "<p>公開<a href='x'>データ</a>（<strong>ＤＭＯ</strong>）</p><table><tr><td>増加</td><td>298</td></tr></table>"
    assert plain_text(html) == "公開データ(DMO) 増加 298"


def test_page_entries_split_at_headings_without_permalinks_or_excluded_parts():
    page = ('<html><body><article class="md-content__inner md-typeset">'
            '<h1 id="t">題<a class="headerlink" href="#t" title="この見出しへのリンク">&para;</a></h1><p>前文</p>'
            '<h2 id="policy-1-1">方針<a class="headerlink" href="#policy-1-1" title="x">&para;</a></h2>'
            '<p>本文<span data-search-exclude>除外</span></p>'
            '<h3 id="measure-1-1-1">施策</h3><p>施策の文</p></article></body></html>')
    assert page_entries(page, "strategy-1/") == [
        ["strategy-1/", "題", "前文"],
        ["strategy-1/#policy-1-1", "方針", "本文"],
        ["strategy-1/#measure-1-1-1", "施策", "施策の文"],
    ]


def test_a_fragments_search_results_become_entries_at_their_anchors_normalised_as_the_page():
    told = [SearchEntry("kpi-1-1-1-1", "三洞入洞者数"),
            SearchEntry("kpi-1-2-1-3", "事業者数（累計）※ （策定時からの伸び）", "ＤＭＯ\n 支援")]
    assert fragment_entries(told, "strategy-1/") == [
        ["strategy-1/#kpi-1-1-1-1", "三洞入洞者数", ""],
        ["strategy-1/#kpi-1-2-1-3", "事業者数(累計)※ (策定時からの伸び)", "DMO 支援"]]


@pytest.mark.reference_site
def test_the_kpis_fragment_carries_one_result_per_kpi_titled_as_its_row_reads(root):
    """What the KPI table's row shows of the KPI once search leaves out what it marks excluded (the id,
    the unit, the figures): its name and its marks, each with what a screen reader says instead."""
    from macros.core.report import load_report
    from macros.render.pages import PageFragments

    data = load_report(root)
    measure = next(m for s in data.report.strategies for m in s.measures() if any(k.from_baseline for k in m.kpis))
    kpis = PageFragments(data, "ja", lambda target: target).kpis(measure)
    kept = without_search_excluded(str(kpis.html))
    for entry, kpi in zip(kpis.search, measure.kpis, strict=True):
        assert entry.anchor == f"kpi-{kpi.id}" and entry.anchor in kpis.anchors
        row = re.search(rf'id="{entry.anchor}".*?<th[^>]*>(.*?)</th>', kept, re.S).group(1)
        assert plain_text(row) == normalised(entry.title)
    assert any("※" in e.title for e in kpis.search)


def test_language_by_url_prefix():
    prefixes = {"ja": "", "en": "en/"}
    assert language_of("strategy-1/#x", prefixes) == "ja"
    assert language_of("en/strategy-1/", prefixes) == "en"


def test_the_search_worker_names_the_installed_material_version():
    """The worker speaks Material's worker messages: check them again when Material is upgraded."""
    worker = (ROOT / "overrides" / "assets" / "javascripts" / "search-worker.js").read_text(encoding="utf-8")
    named = re.search(r"mkdocs-material (\d+\.\d+\.\d+)", worker).group(1)
    assert named == version("mkdocs-material"), (
        f"search-worker.js was checked against mkdocs-material {named}, {version('mkdocs-material')} is installed: "
        "compare Material's search worker messages (SearchMessageType, SearchResult) and update the file")
    main = (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")
    assert f"Material {named}'s base.html" in main, "overrides/main.html's config block names another Material version"
