"""Section bodies below the first screen are drawn only when a reader gets near them
(content-visibility, macros/glue/sections.py), and nothing a reader relies on is lost by it: links to a
heading or a paragraph deep in the page land on it, and wide tables still become keyboard-scrollable
regions once drawn."""
from __future__ import annotations

from functools import partial

import pytest

from .support import open_page as _open_page

pytestmark = pytest.mark.browser

open_page = partial(_open_page, settled=True)   # the first lazy bodies decided

# A body is skipped when its contents are (the body itself is a placeholder box of estimated size).
SKIPPED = "b => !b.firstElementChild.checkVisibility({contentVisibilityAuto: true})"


@pytest.mark.reference_site
@pytest.mark.parametrize("rel", ["strategy-1/", "en/strategy-4/"])
def test_bodies_below_the_screen_wait_until_scrolled_near(mobile, server, rel):
    page, log = open_page(mobile, server, rel)
    bodies = page.locator(".section-body--lazy")
    count = bodies.count()
    assert count >= 3, f"{rel}: only {count} lazy section bodies"
    skipped = page.eval_on_selector_all(".section-body--lazy", f"bs => bs.filter({SKIPPED}).length")
    assert skipped >= count - 1, f"{rel}: {skipped} of {count} lazy bodies skipped on load"
    last = bodies.nth(count - 1)
    assert last.evaluate(SKIPPED)
    last.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelectorAll('.section-body--lazy')[%d]"
                           ".firstElementChild.checkVisibility({contentVisibilityAuto: true})" % (count - 1))
    assert not log.problems(), log.problems()


@pytest.mark.reference_site
@pytest.mark.parametrize("anchor", ["measure-1-4-2", "m-1-3-2-current", "kpi-1-4-1-2"])
def test_a_link_into_the_page_lands_on_its_target(mobile, server, anchor):
    page, _ = open_page(mobile, server, f"strategy-1/#{anchor}")
    top = page.evaluate(f"document.getElementById('{anchor}').getBoundingClientRect().top")
    assert 0 <= top < 844 / 2, f"#{anchor} is at {top:.0f}px, not at the top of the screen"


@pytest.mark.reference_site
@pytest.mark.parametrize("viewport", ["mobile", "desktop"])
def test_tables_are_scroll_regions_until_drawn_then_only_if_wide(context, server, viewport):
    """A table in a body not yet drawn cannot be measured without undoing the skipping, so it is a
    keyboard-scrollable region until drawn; then it stays one only if it is wider than its column
    (none is, on this page: KPI tables are not wrapped, and the others fit)."""
    page, _ = open_page(context, server, "strategy-1/")
    waiting = page.eval_on_selector_all(".section-body--lazy .md-typeset__scrollwrap", """ws => ws
        .filter(w => !w.checkVisibility({contentVisibilityAuto: true}))
        .map(w => w.getAttribute('tabindex') === '0' && w.getAttribute('role') === 'region' && !!w.getAttribute('aria-label'))""")
    assert waiting and all(waiting), waiting
    drawn = page.evaluate("""async () => {
        const frame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 16)));
        const out = [];
        document.querySelectorAll('details').forEach(d => { d.open = true; });   // the history tables
        for (const w of document.querySelectorAll('.md-typeset__scrollwrap')) {
            w.scrollIntoView();   // a reader reaches it: the body is drawn, the observer reports
            for (let i = 0; i < 10 && !w.checkVisibility({contentVisibilityAuto: true}); i++) await frame();
            await frame(); await frame();
            out.push([w.scrollWidth > w.clientWidth + 1, w.getAttribute('tabindex') === '0']);
        }
        return out;
    }""")
    assert all(wide == focusable for wide, focusable in drawn), drawn
    assert any(not wide for wide, _ in drawn), "no table fits: the 'fits' case was not exercised"
    # KPI tables become blocks on a narrow column (site.css), so no table is wider than a phone
    assert not any(wide for wide, _ in drawn), f"a table needs sideways scrolling at {viewport} size"


def test_the_browser_toolbar_colour_is_the_header_colour(mobile, server):
    page, _ = open_page(mobile, server, "")
    meta = page.get_attribute('meta[name="theme-color"]', "content")
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    rgb = tuple(int(meta[i:i + 2], 16) for i in (1, 3, 5))
    assert header == "rgb({}, {}, {})".format(*rgb), f"theme-color {meta} but the header is {header}"


def test_estimated_heights_are_never_short_on_the_narrowest_phone(page_sweep, pages):
    """A body's placeholder height (macros/glue/sections.py) is at least its real height at 320 px, and
    not wildly more (the scrollbar stays useful before the bodies are drawn). Measured on each page's
    one visit at the phone size (tests/browser/sweep.py), at 320 px with every body drawn."""
    short, long_ = [], []
    visits = page_sweep.visits("mobile", pages)
    for rel in pages:
        for est, real in visits[rel].heights:
            if est < real:
                short.append(f"/{rel}: {est:.0f} < {real:.0f} px")
            elif est > 4 * real + 400:
                long_.append(f"/{rel}: {est:.0f} for {real:.0f} px")
    assert not short, "estimates shorter than the body: " + "; ".join(short)
    assert not long_, "estimates far too long: " + "; ".join(long_)


@pytest.mark.parametrize("rel", [f"{lang}strategy-{n}/" for lang in ("", "en/") for n in range(1, 6)])
def test_no_accessibility_violation_before_anything_is_scrolled(mobile, server, rel):
    """As Lighthouse sees a page: loaded, not scrolled, most bodies still skipped."""
    from .support import format_axe, run_axe
    page, _ = open_page(mobile, server, rel)
    violations = run_axe(page)
    assert not violations, format_axe(violations)
