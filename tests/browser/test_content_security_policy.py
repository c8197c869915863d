"""The Content-Security-Policy meta tag (overrides/main.html, hashes added by
macros/glue/content_security_policy.py) blocks nothing the site itself does: on every page in both
languages, with every chart drawn and hovered and a search typed, the browser reports no violation,
neither as a `securitypolicyviolation` event nor on the console. And the policy is in force: an inline
script or style that a page did not ship is refused."""
from __future__ import annotations

import pytest

from .support import new_context, scroll_through

pytestmark = pytest.mark.browser

# Installed before any of the page's own scripts run, so nothing early is missed.
RECORD = """window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
    `${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}` +
    (e.sample ? ` (${e.sample})` : '')));"""
ALL_DRAWN = """() => [...document.querySelectorAll('[data-plotly-figure]')]
    .every(el => el.dataset.rendered === '1' || el.dataset.rendered === 'error')"""
CSP_WORDS = ("Content Security Policy", "Content-Security-Policy")


@pytest.fixture
def recording(browser):
    ctx = new_context(browser, "desktop")
    ctx.add_init_script(RECORD)
    yield ctx
    ctx.close()


def _open(context, url: str):
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(f"{m.type}: {m.text}") if any(w in m.text for w in CSP_WORDS) else None)
    page.goto(url, wait_until="load")
    page.wait_for_function("document.documentElement.classList.contains('js')")  # Material is up
    return page, console


def _hover_first_chart(page) -> bool:
    point = page.evaluate("""() => {
        const svg = document.querySelector('[data-plotly-figure] svg.main-svg');
        if (!svg) return null;
        svg.scrollIntoView({block: 'center'});
        const r = svg.getBoundingClientRect();
        return [r.x + r.width / 2, r.y + r.height / 2, r.width];
    }""")
    if not point:
        return False
    for dx in (-0.3, -0.1, 0.1, 0.3):
        page.mouse.move(point[0] + dx * point[2], point[1])
        page.wait_for_timeout(100)
    return True


def test_no_page_reports_a_violation(recording, server, pages):
    assert any(p.startswith("en/") for p in pages) and any(not p.startswith("en/") for p in pages)
    problems: dict[str, list[str]] = {}
    charts_drawn = hovered = searched = 0
    for rel in pages + ["404.html"]:
        page, console = _open(recording, server + rel)
        scroll_through(page)
        page.wait_for_function(ALL_DRAWN, timeout=20_000, polling=100)
        charts_drawn += page.evaluate("document.querySelectorAll('[data-rendered=\"1\"] svg.main-svg').length")
        hovered += _hover_first_chart(page)
        if rel in ("", "en/"):   # search: Material's worker, index fetch and result list
            page.keyboard.press("/")
            page.wait_for_function("document.activeElement && "
                                   "document.activeElement.classList.contains('md-search__input')", timeout=10_000)
            page.keyboard.insert_text("人口" if rel == "" else "population")
            page.keyboard.press("End")   # Material reads the query on keyup, as after an IME commits a word
            # the first search fetches the language's index and builds it in the worker: slow on a busy CI
            page.wait_for_selector(".md-search-result__item", timeout=30_000)
            searched += 1
        found = page.evaluate("window.__cspViolations") + console
        if found:
            problems[rel or "(home)"] = found
        page.close()
    assert charts_drawn >= 20 and hovered >= 5 and searched == 2, (charts_drawn, hovered, searched)
    assert not problems, "\n".join(f"{rel}:\n  " + "\n  ".join(p[:10]) for rel, p in problems.items())


def test_the_policy_refuses_what_the_page_did_not_ship(recording, server):
    page, console = _open(recording, server + "strategy-1/")
    page.evaluate("""() => {
        const s = document.createElement('script'); s.textContent = 'window.__injected = 1'; document.head.append(s);
        const st = document.createElement('style'); st.textContent = 'body { color: red }'; document.head.append(st);
        document.body.setAttribute('style', 'outline: 3px solid red');
        const img = document.createElement('img'); img.src = 'https://example.invalid/x.png'; document.body.append(img);
    }""")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__injected") is None
    directives = {v.split()[0] for v in page.evaluate("window.__cspViolations")}
    assert {"script-src-elem", "style-src-elem", "style-src-attr", "img-src"} <= directives, directives
    assert page.evaluate("getComputedStyle(document.body).outlineStyle") == "none"
