"""Search, typed into the real search box: Material's box and results, the site's search worker
(overrides/assets/javascripts/search-worker.js). Japanese words that mix kanji and kana, full-width
letters, English words and their plural forms are found; a KPI's result leads to the KPI's anchor;
matches are highlighted; counts and messages are in the page's language; nothing is loaded for
search until the box is first used, and then only the page's own language.
(tests/browser/test_search_recall.py checks recall and precision over hundreds of queries.)"""
from __future__ import annotations

import re
import unicodedata

import pytest

from .support import format_axe, new_context, run_axe, settle, watch

pytestmark = pytest.mark.browser

# (side, word, a result link the search must list: page, or page#section)
CASES = [
    ("ja", "秋吉台", "strategy-1/"),
    ("ja", "ジオパーク", "strategy-5/"),
    ("ja", "観光客数", "strategy-1/#kpi-1-1-2-1"),  # 本市を訪れる外国人観光客数
    ("ja", "洋式化率", "strategy-1/#measure-1-1-3"),  # only in the KPI table of measure 1-1-3
    ("ja", "子育て", "strategy-2/#policy-2-2"),         # kanji and kana: found nothing with lunr's segmenter
    ("ja", "見守り", "glossary/"),
    ("ja", "空き店舗", "strategy-1/#measure-1-3-3"),
    ("ja", "ＤＭＯ", "strategy-1/#measure-1-1-1"),       # full-width = half-width
    ("ja", "三洞入洞者数", "strategy-1/#kpi-1-1-1-1"),    # a KPI leads to the KPI itself
    ("en", "Visitors to the three caves", "en/strategy-1/#kpi-1-1-1-1"),
    ("en", "geopark", "en/strategy-5/"),
    ("en", "tourism", "en/strategy-3/"),
    ("en", "visitors", "en/strategy-3/"),
    ("en", "evaluation", "en/"),
]

RESULT_LINKS = """() => [...document.querySelectorAll('.md-search-result a')].map(a => {
    const u = new URL(a.href);
    return u.pathname.slice(1) + u.hash;
})"""


@pytest.fixture(scope="module")
def search_pages(browser, server):
    """One page per language with the search index loaded, reused for each word."""
    ctx = new_context(browser, "desktop")
    pages = {}
    for side, home in (("ja", ""), ("en", "en/")):
        page = ctx.new_page()
        log = watch(page, server)
        page.goto(server + home, wait_until="load")
        pages[side] = (page, log)
    yield pages
    ctx.close()


PLACEHOLDER = {"ja": "検索キーワードを入力してください", "en": "Type to start searching"}  # Material's
COUNT = {"ja": r"^\d+件見つかりました$", "en": r"^(1 matching page|\d+ matching pages)$"}


def search(page, side: str, word: str) -> tuple[str, list[str]]:
    """Run one query in the search box; return the result summary and the result links."""
    box = page.locator("input.md-search__input")
    box.click()
    # clear the previous query and wait until its results are gone, so none can be taken for ours
    box.fill("")
    page.keyboard.press("End")  # Material reads the query on keyup
    page.wait_for_function(
        "t => document.querySelector('.md-search-result__meta').textContent.trim() === t"
        " && !document.querySelector('.md-search-result__item')", arg=PLACEHOLDER[side])
    # The whole word at once, then one key to commit it — as an IME does — so that exactly one
    # query runs (typing letter by letter would show results for "v", "vi", ... on the way).
    page.keyboard.insert_text(word)
    page.keyboard.press("End")
    page.wait_for_function(
        "t => document.querySelector('.md-search-result__meta').textContent.trim() !== t",
        arg=PLACEHOLDER[side], timeout=10_000)
    settle(page)  # results are rendered right after the summary
    return page.locator(".md-search-result__meta").inner_text(), page.evaluate(RESULT_LINKS)


@pytest.mark.parametrize("side,word,expected", CASES, ids=[f"{s}-{w}" for s, w, _ in CASES])
def test_search_finds(search_pages, server, side, word, expected):
    page, log = search_pages[side]
    meta, links = search(page, side, word)
    if "#" in expected:
        found = expected in links
    else:
        found = expected in {link.split("#")[0] for link in links}
    pages_listed = sorted({"/" + link.split("#")[0] for link in links})
    assert found, (f"searching {word!r} on the {side} side did not list /{expected}; "
                   f"the search says {meta!r} and lists {pages_listed}")
    assert re.match(COUNT[side], meta), f"result count {meta!r} is not in the page's language ({side})"
    assert all(link.startswith("en/") == (side == "en") for link in links), f"other language listed: {links}"
    marks = page.locator(".md-search-result mark").all_inner_texts()
    assert marks and all(normalise(m) in normalise(word) or normalise(word) in normalise(m) for m in marks[:5]), \
        f"matches of {word!r} not highlighted in the results: {marks[:5]}"
    assert not log.problems(), log.problems()


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower().strip()


@pytest.mark.parametrize("side,home,word", [("ja", "", "子育て"), ("en", "en/", "children")])
def test_index_loaded_on_first_use_only_in_the_pages_language(browser, server, side, home, word):
    ctx = new_context(browser, "mobile")
    page = ctx.new_page()
    requested: list[str] = []
    page.on("request", lambda req: requested.append(req.url))
    page.goto(server + home, wait_until="networkidle")
    before = [u for u in requested if "/search/" in u and not u.endswith("search_index.json")]
    assert not before, f"search index loaded before the search box was used: {before}"
    # a phone: the header's search button, which the site's script puts in
    page.locator("button[data-site-toggle=__search]").click()
    page.wait_for_function("() => document.activeElement.classList.contains('md-search__input')")
    page.keyboard.insert_text(word)
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item")
    indexes = sorted({u.rsplit("/", 1)[-1] for u in requested if "/search/" in u})
    assert indexes == sorted(["search_index.json", f"{side}.json"]), f"search loaded {indexes}"
    violations = run_axe(page)
    assert not violations, "axe violations with the search results open:\n" + format_axe(violations)
    # once loaded, search works offline: the index stays in the worker
    ctx.set_offline(True)
    box = page.locator("input.md-search__input")
    box.fill("")
    page.keyboard.insert_text(OFFLINE_WORD[side])
    page.keyboard.press("End")
    page.wait_for_function("w => [...document.querySelectorAll('.md-search-result mark')]"
                           ".some(m => m.textContent.toLowerCase() === w)", arg=OFFLINE_WORD[side])
    ctx.close()


OFFLINE_WORD = {"ja": "秋吉台", "en": "geopark"}
