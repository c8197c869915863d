"""The Content-Security-Policy meta tag (overrides/main.html, hashes added by
macros/glue/content_security_policy.py) blocks nothing the site itself does: on every page in both
languages, with every chart drawn and hovered and a search typed, the browser reports no violation,
neither as a `securitypolicyviolation` event nor on the console (recorded on each page's one visit at
the desktop size, tests/browser/sweep.py). Every inline script that runs on a page is one the theme
wrote (the scripts of its templates), never one that only happens to be there: the policy hashes exactly
those (macros/glue/content_security_policy.py). And the policy is in force: an inline script or style
that a page did not ship is refused."""
from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from mkdocs.utils import get_relative_url

from macros.core.site import load_site
from macros.glue.content_security_policy import ThemeScripts
from tests.conftest import ROOT

from .sweep import CSP_RECORD as RECORD
from .sweep import CSP_WORDS
from .support import new_context

pytestmark = pytest.mark.browser


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
    page.wait_for_function("() => document.documentElement.classList.contains('js')")  # Material is up
    return page, console


def test_no_page_reports_a_violation(page_sweep, pages):
    assert any(not p.startswith("en/") for p in pages)
    assert any(p.startswith("en/") for p in pages) == ("en" in load_site(ROOT).languages)
    visits = page_sweep.visits("desktop", pages + ["404.html"])
    undrawn = [rel for rel, visit in visits.items() if not visit.all_drawn]
    assert not undrawn, f"charts not drawn on {undrawn}"
    charts_drawn = sum(v.charts_drawn for v in visits.values())
    hovered = sum(v.hovered for v in visits.values())
    searched = sum(v.searched for v in visits.values())
    problems = {rel or "(home)": v.csp for rel, v in visits.items() if v.csp}
    # every page's charts drawn, a chart hovered, a search typed on each language's home page
    assert charts_drawn and hovered and searched == len(load_site(ROOT).languages), (charts_drawn, hovered, searched)
    assert not problems, "\n".join(f"{rel}:\n  " + "\n  ".join(p[:10]) for rel, p in problems.items())


def _known_scripts(url: str) -> set[str]:
    """The theme's inline scripts as MkDocs renders them for a page at `url` (its base_url)."""
    import material
    dirs = [str(ROOT / "overrides"), str(Path(material.__file__).parent / "templates")]
    env = jinja2.Environment()
    context = {"base_url": get_relative_url(".", url or "."), "config": {"extra": {}}, "page": {"meta": {}}}
    return {env.from_string(source).render(context) for source in ThemeScripts().sources(dirs)}


def test_every_inline_script_is_one_the_theme_wrote(page_sweep, pages):
    visits = page_sweep.visits("desktop", pages)
    for url in pages:
        scripts = visits[url].inline_scripts
        known = _known_scripts(url)
        assert scripts and set(scripts) <= known, \
            f"/{url}: inline scripts the theme did not write: {[s[:80] for s in scripts if s not in known]}"
        assert 'document.documentElement.classList.add("has-js")' in scripts, f"/{url}: the site's own script"


def test_the_policy_refuses_what_the_page_did_not_ship(recording, server):
    page, console = _open(recording, server + "strategy-1/")
    page.evaluate("""() => {
        const s = document.createElement('script'); s.textContent = 'window.__injected = 1'; document.head.append(s);
        const st = document.createElement('style'); st.textContent = 'body { color: red }'; document.head.append(st);
        document.body.setAttribute('style', 'outline: 3px solid red');
        const img = document.createElement('img'); img.src = 'https://example.invalid/x.png'; document.body.append(img);
    }""")
    expected = ["script-src-elem", "style-src-elem", "style-src-attr", "img-src"]
    try:   # the reports are events, sent after the refusals
        page.wait_for_function("want => want.every(d => window.__cspViolations.some(v => v.startsWith(d + ' ')))",
                               arg=expected, timeout=5_000)
    except Exception:  # the assertion below says what is missing
        pass
    assert page.evaluate("window.__injected") is None
    directives = {v.split()[0] for v in page.evaluate("window.__cspViolations")}
    assert set(expected) <= directives, directives
    assert page.evaluate("getComputedStyle(document.body).outlineStyle") == "none"
