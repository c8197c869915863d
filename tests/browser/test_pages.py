"""Every built page, in both languages, at a desktop and a phone viewport: it loads cleanly (no
console error, no failed request, nothing fetched from another host), every chart draws when
scrolled into view, every chart figure has a caption, and axe-core finds no WCAG 2.0/2.1 A/AA
violation. Problems of all pages are collected and reported together, page by page."""
from __future__ import annotations

import gzip
import urllib.request

import pytest

from .support import format_axe, run_axe, scroll_through, watch

pytestmark = pytest.mark.browser

ALL_DRAWN = """() => [...document.querySelectorAll('[data-plotly-figure]')]
    .every(el => el.dataset.rendered === '1' || el.dataset.rendered === 'error')"""

CHART_STATE = """() => ({
    charts: [...document.querySelectorAll('[data-plotly-figure]')].map(el => ({
        id: el.closest('figure') ? el.closest('figure').id : '',
        rendered: el.dataset.rendered || null,
        svg: !!el.querySelector('svg.main-svg'),
    })),
    figures: [...document.querySelectorAll('figure.kpi-chart')].map(f => ({
        id: f.id,
        caption: f.querySelector('figcaption') ? f.querySelector('figcaption').textContent.trim() : null,
    })),
    lang: document.documentElement.getAttribute('lang'),
})"""


def check_page(page, base_url: str, rel: str) -> list[str]:
    """Open one page and return its problems (empty when all is well)."""
    log = watch(page, base_url)
    problems: list[str] = []
    response = page.goto(base_url + rel, wait_until="load")
    if response is None or response.status != 200:
        return [f"HTTP {response.status if response else 'no response'}"]

    scroll_through(page)
    try:
        page.wait_for_function(ALL_DRAWN, timeout=20_000, polling=100)
    except Exception:  # reported below, chart by chart
        pass
    state = page.evaluate(CHART_STATE)

    want_lang = "en" if rel.startswith("en/") else "ja"
    if state["lang"] != want_lang:
        problems.append(f'<html lang="{state["lang"]}">, expected "{want_lang}"')
    for chart in state["charts"]:
        if chart["rendered"] != "1":
            problems.append(f"chart #{chart['id']} not drawn (data-rendered={chart['rendered']!r})")
        elif not chart["svg"]:
            problems.append(f"chart #{chart['id']} has no svg.main-svg")
    for fig in state["figures"]:
        if not fig["caption"]:
            problems.append(f"figure #{fig['id']} has an empty or missing <figcaption>")

    violations = run_axe(page)
    if violations:
        problems.append(f"{len(violations)} axe violation(s):\n" + format_axe(violations))
    problems.extend(log.problems())
    return problems


# Three tests per language and viewport, so that each stays well within the per-test time limit on a
# slow machine: the print pages (the whole report on one page: today's and each edition's), which
# take as long as a dozen other pages, the editions' own copies, and the pages at today's addresses.
PARTS = {"print": lambda path: path.endswith("print/"),
         "editions": lambda path: path.startswith("editions/") and not path.endswith("print/"),
         "today": lambda path: not path.startswith("editions/") and not path.endswith("print/")}


@pytest.mark.parametrize("part", list(PARTS))
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_page(context, viewport, server, pages, lang, part):
    mine = [p for p in pages if p.startswith("en/") == (lang == "en")]
    selected = [p for p in mine if PARTS[part](p.removeprefix("en/"))]
    assert len(selected) >= {"print": 2, "editions": 5, "today": 10}[part], (
        f"only {len(selected)} {lang} pages found for {part}: {selected}")
    report = []
    charts_seen = 0
    for rel in selected:
        page = context.new_page()
        try:
            problems = check_page(page, server, rel)
            charts_seen += page.locator("[data-plotly-figure]").count()
        finally:
            page.close()
        if problems:
            report.append(f"/{rel}:\n" + "\n".join("  - " + p.replace("\n", "\n    ") for p in problems))
    assert not report, (f"{len(report)} of {len(selected)} {lang} pages have problems at "
                        f"{viewport} size:\n\n" + "\n\n".join(report))
    assert charts_seen > 0, f"no chart found on any {lang} page: are the charts still rendered?"


def test_404_page(desktop, server):
    """A missing URL gets the site's 404 page (HTTP 404): it loads cleanly, passes axe, and its
    language selector leads to the language home pages."""
    page = desktop.new_page()
    log = watch(page, server)
    response = page.goto(server + "no-such-page/", wait_until="load")
    assert response.status == 404
    assert page.locator("h1").first.inner_text() == "ページが見つかりません"
    assert page.locator('[lang="en"] h2').inner_text() == "Page not found"
    page.wait_for_load_state("networkidle")
    violations = run_axe(page)
    # the document itself is the expected 404; anything else failing is a problem
    problems = [p for p in log.problems() if not ("/no-such-page/" in p and "404" in p)]
    hrefs = page.eval_on_selector_all(".md-select__link", "els => els.map(a => [a.hreflang, a.href])")
    page.close()
    assert not violations, "axe violations on 404.html:\n" + format_axe(violations)
    assert not problems, "\n".join(problems)
    assert sorted(hrefs) == [["en", server + "en/"], ["ja", server]], hrefs


def test_server_gzips_text(server):
    """The fixture server behaves like a real static host: text is sent gzip-encoded."""
    req = urllib.request.Request(server, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(req) as resp:
        assert resp.headers["Content-Encoding"] == "gzip"
        assert "text/html" in resp.headers["Content-Type"]
        assert b"<html" in gzip.decompress(resp.read())
    req = urllib.request.Request(server + "assets/images/favicon.png", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(req) as resp:
        assert resp.headers.get("Content-Encoding") is None
