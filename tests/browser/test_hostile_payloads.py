"""Hostile input that the build lets through is inert in a real browser.

The build refuses scripts, handlers, frames and forms written in a page (tests/broken/cases.yaml,
"hostile input: pages"). What it does not refuse is text: a strategy's title, a KPI's name and a note
from data, a page's heading, code and front-matter title. Each gets a payload here that would set
`window.pwned` if it ran (a script, an image's onerror, an svg's onload, a closed <title>); every page
of that site is opened in Chromium and the flag must stay unset, with no payload element in the
document. The search box is tried with the payload's word too (the results are written as HTML).

(That every inline script of the site's own pages is one the theme wrote is checked on the page sweep's
visits: tests/browser/test_content_security_policy.py.)
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bench.site_server import serve
from tests.conftest import copy_project, run_build

from .support import new_context

pytestmark = pytest.mark.browser

STRATEGY = "data/editions/2024-02/strategies/strategy-2.yaml"
PAGE = "docs/editions/2024-02/strategy-2.md"


def payload(where: str) -> str:
    """Markup that sets window.pwned to `where` if any part of it is read as HTML and run."""
    run = f"window.pwned='{where}'"
    return (f'</title><script>{run}</script><img src="x" onerror="{run}">'
            f'<svg onload="{run}"></svg><a href="javascript:{run}">link</a>')


def _yaml(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)   # a JSON string is a YAML double-quoted scalar


def _patch(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    patched, count = re.subn(pattern, lambda _: replacement, text, count=1, flags=re.M)
    assert count == 1, f"{pattern!r} not found in {path}: the test needs updating"
    path.write_text(patched, encoding="utf-8")


def _front_matter_title(path: Path, where: str) -> None:
    _patch(path, r"\A---\n", f"---\ntitle: {_yaml('Title ' + payload(where))}\n")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("hostile")
    project = copy_project(tmp)
    data = project / STRATEGY
    _patch(data, r"^title: \{ja: .*\}$",
           f"title: {{ja: {_yaml('結婚 ' + payload('strategy-title-ja'))}, "
           f"en: {_yaml('Marriage ' + payload('strategy-title-en'))}}}")
    _patch(data, r'^            name: \{ja: "山口県結婚応援センター登録者数.*\}$',
           f"            name: {{ja: {_yaml('登録者数 ' + payload('kpi-name-ja'))}, "
           f"en: {_yaml('Registrants ' + payload('kpi-name-en'))}}}")
    _patch(data, r'^                ja: "報告書のPDFファイルの文字では「美祿市」.*"$',
           f"                ja: {_yaml('注記 ' + payload('note-ja'))}")
    _patch(data, r'^                en: "Copied from the report\'s PDF file, the name reads 美祿市.*"$',
           f"                en: {_yaml('Note ' + payload('note-en'))}")
    # In a page: text Markdown escapes (a heading with character references, code, an indented block).
    escaped = payload("heading").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for page in (PAGE, PAGE.replace(".md", ".en.md")):
        _patch(project / page, r"^\{\{ strategy_status\(2\) \}\}$",
               "{{ strategy_status(2) }}\n\n"
               f"## Heading {escaped} {{#hostile-heading}}\n\n"
               f"Code: `{payload('code-span')}`\n\n"
               f"    {payload('code-block')}\n")
    _front_matter_title(project / "docs/editions/2024-02/context.md", "front-matter-title")
    _front_matter_title(project / "docs/data.md", "front-matter-title-nav-page")
    result = run_build(project, tmp / "site")
    assert result.returncode == 0, "the site with hostile text did not build:\n" + result.stdout + result.stderr
    return tmp / "site"


def _urls(site: Path) -> list[str]:
    return [p.relative_to(site).as_posix().removesuffix("index.html") for p in sorted(site.rglob("*.html"))]


# Whether anything of a payload became markup: a script or handler with its flag, an element it made.
INJECTED = """() => {
    const attrs = [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]);
    return {
        flag: window.pwned === undefined ? null : String(window.pwned),
        scripts: [...document.scripts].filter(s => s.textContent.includes('pwned')).length,
        handlers: attrs.filter(a => a.name.startsWith('on')).map(a => a.name),
        links: [...document.querySelectorAll('a[href^="javascript:"]')].length,
        images: document.querySelectorAll('img[src="x"], svg[onload]').length,
    };
}"""


def test_no_payload_runs_or_becomes_markup_on_any_page(browser, hostile_site):
    ctx = new_context(browser, "desktop")
    shown_as_text = {}
    try:
        with serve(hostile_site) as base:
            page = ctx.new_page()
            for url in _urls(hostile_site):
                page.goto(base + url, wait_until="load")
                page.wait_for_timeout(50)   # an onerror fires once the image has failed
                found = page.evaluate(INJECTED)
                assert found == {"flag": None, "scripts": 0, "handlers": [], "links": 0, "images": 0}, \
                    f"/{url}: a payload became markup or ran: {found}"
                if url in ("editions/2024-02/strategy-2/", "en/editions/2024-02/strategy-2/",
                           "editions/2024-02/context/", "data/"):
                    shown_as_text[url] = page.evaluate("document.title + ' ' + document.body.textContent")
    finally:
        ctx.close()
    # The payloads were on the pages, as text: the test looked at what it meant to.
    for url, text in shown_as_text.items():
        assert "<script>window.pwned=" in text, f"/{url}: no payload shown as text; the test did not reach it"
    assert "strategy-title-ja" in shown_as_text["editions/2024-02/strategy-2/"]
    for where in ("kpi-name-ja", "heading", "code-span", "code-block"):
        assert where in shown_as_text["editions/2024-02/strategy-2/"], where
    # A note on how the report's PDF file copies is shown on the data page only, not beside its KPI.
    assert "note-ja" in shown_as_text["data/"]
    assert "front-matter-title" in shown_as_text["editions/2024-02/context/"]


def test_search_results_show_payloads_as_text(browser, hostile_site):
    ctx = new_context(browser, "desktop")
    try:
        with serve(hostile_site) as base:
            page = ctx.new_page()
            page.goto(base + "editions/2024-02/strategy-2/", wait_until="load")
            page.locator("input.md-search__input").click()
            page.keyboard.insert_text("pwned")
            page.keyboard.press("End")     # Material reads the query on keyup
            page.wait_for_selector(".md-search-result__item", timeout=10_000)
            page.wait_for_timeout(200)
            results = page.locator(".md-search-result").inner_text()
            found = page.evaluate(INJECTED)
    finally:
        ctx.close()
    assert "pwned" in results, "the search did not list the pages with the payload"
    assert found == {"flag": None, "scripts": 0, "handlers": [], "links": 0, "images": 0}, found
