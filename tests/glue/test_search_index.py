"""macros/glue/search_index.py: the per-language search index, read from built pages."""
from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

from macros.glue.search_index import kpi_entries, language_of, page_entries, plain_text

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


def test_a_kpi_row_or_block_becomes_an_entry_at_its_anchor():
    row = '<tr id="kpi-1-1-1-1"><th scope="row">三洞入洞者数</th><td data-search-exclude>千人</td></tr>'
    assert kpi_entries(row, "strategy-1/") == [["strategy-1/#kpi-1-1-1-1", "三洞入洞者数", ""]]
    block = ('<section class="kpi" id="kpi-2-1-1-1"><h4 class="kpi-name">出生数</h4>'
             '<p>目標に届きませんでした。</p><div data-search-exclude>12 人</div></section>')
    assert kpi_entries(block, "strategy-2/") == [["strategy-2/#kpi-2-1-1-1", "出生数", "目標に届きませんでした。"]]
    assert kpi_entries('<h2 id="kpi-list-1">一覧</h2>', "kpis/") == []  # not a KPI


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
