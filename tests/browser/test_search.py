"""Material's search (lunr in a web worker) finds the pages a reader expects, for Japanese words on
the Japanese side and English words — including plurals and other inflected forms — on the English
side."""
from __future__ import annotations

import pytest

from .support import new_context, watch

pytestmark = pytest.mark.browser

# (side, word, a result link the search must list: page, or page#section)
CASES = [
    ("ja", "秋吉台", "strategy-1/"),
    ("ja", "ジオパーク", "strategy-5/"),
    ("ja", "観光客数", "strategy-3/"),
    ("ja", "洋式化率", "strategy-1/#measure-1-1-3"),  # only in the KPI table of measure 1-1-3
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
    page.wait_for_timeout(100)  # results are rendered right after the summary
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
    assert not log.problems(), log.problems()
