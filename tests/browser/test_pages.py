"""Every built page, in both languages, at a desktop and a phone viewport: it loads cleanly (no
console error, no failed request, nothing fetched from another host), every chart draws when
scrolled into view, every chart figure has a caption, and axe-core finds no WCAG 2.0/2.1 A/AA
violation. Problems of all pages are collected and reported together, page by page.

The pages are visited once per viewport for all the per-page checks (tests/browser/sweep.py); these
tests read what that visit found. An edition's copy of a page at today's address, the same content in
another frame, is loaded and checked on its own (loading, `lang`, axe-core); its charts and captions are
those the page it repeats showed when read to the end (sweep.repeats; tests/browser/test_sweep_copies.py)."""
from __future__ import annotations

import gzip
import urllib.request

import pytest

from tests.conftest import ROOT, SITE_LANGUAGES

from .support import format_axe, run_axe, watch

pytestmark = pytest.mark.browser

# Three tests per language and viewport, each naming its own pages when it fails: the print pages (the
# whole report on one page: today's and each edition's), the editions' own copies, and the pages at
# today's addresses.
PARTS = {"print": lambda path: path.endswith("print/"),
         "editions": lambda path: path.startswith("editions/") and not path.endswith("print/"),
         "today": lambda path: not path.startswith("editions/") and not path.endswith("print/")}


def _address(name: str, lang: str) -> str:
    """docs/kpis.en.md → "en/kpis/"; index.md → "" (the home page)."""
    stem = name.split(".")[0]
    return ("en/" if lang == "en" else "") + ("" if stem == "index" else f"{stem}/")


@pytest.mark.parametrize("part", list(PARTS))
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_page(page_sweep, viewport, pages, lang, part):
    if lang not in SITE_LANGUAGES:
        pytest.skip(f"the site has no {lang} pages (data/site.yaml languages)")
    mine = [p for p in pages if p.startswith("en/") == (lang == "en")]
    selected = [p for p in mine if PARTS[part](p.removeprefix("en/"))]
    assert selected, f"no {lang} pages found for {part}"
    if part == "today":   # every page written in docs/ for this language, as the site's own files say
        written = {_address(md.name, lang) for md in (ROOT / "docs").glob("*.md")
                   if md.name.endswith(".en.md") == (lang == "en") and md.name.split(".")[0] not in ("print", "404")}
        assert not written - set(selected), f"{lang} pages not found: {sorted(written - set(selected))}"
    report = []
    charts_seen = 0
    visits = page_sweep.visits(viewport, selected)
    for rel in selected:
        visit = visits[rel]
        problems = visit.problems
        charts_seen += visit.charts
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
    english = page.locator('[lang="en"] h2')
    assert (english.inner_text() == "Page not found") if "en" in SITE_LANGUAGES else english.count() == 0
    page.wait_for_load_state("networkidle")
    violations = run_axe(page)
    # the document itself is the expected 404; anything else failing is a problem
    problems = [p for p in log.problems() if not ("/no-such-page/" in p and "404" in p)]
    hrefs = page.eval_on_selector_all(".md-select__link", "els => els.map(a => [a.hreflang, a.href])")
    page.close()
    assert not violations, "axe violations on 404.html:\n" + format_axe(violations)
    assert not problems, "\n".join(problems)
    switch = [[lang, server + ("" if lang == "ja" else f"{lang}/")] for lang in SITE_LANGUAGES]
    assert sorted(hrefs) == (sorted(switch) if len(switch) > 1 else []), hrefs   # no switch for one language


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
