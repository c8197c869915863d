"""Section bodies below the first screen are drawn only when a reader gets near them
(content-visibility, macros/sections.py), and nothing a reader relies on is lost by it: links to a
heading or a paragraph deep in the page land on it, and wide tables still become keyboard-scrollable
regions once drawn."""
from __future__ import annotations

import pytest

from .support import watch

pytestmark = pytest.mark.browser

# A body is skipped when its contents are (the body itself is a placeholder box of estimated size).
SKIPPED = "b => !b.firstElementChild.checkVisibility({contentVisibilityAuto: true})"


def open_page(context, server, rel):
    page = context.new_page()
    log = watch(page, server)
    page.goto(server + rel, wait_until="load")
    page.wait_for_function("document.documentElement.classList.contains('js')")
    page.wait_for_timeout(300)
    return page, log


@pytest.mark.parametrize("rel", ["strategy-1/", "en/strategy-4/"])
def test_bodies_below_the_screen_wait_until_scrolled_near(mobile, server, rel):
    page, log = open_page(mobile, server, rel)
    bodies = page.locator(".section-body")
    count = bodies.count()
    assert count >= 5, f"{rel}: only {count} section bodies"
    skipped = page.eval_on_selector_all(".section-body", f"bs => bs.filter({SKIPPED}).length")
    assert skipped >= count - 3, f"{rel}: {skipped} of {count} bodies skipped on load"
    last = bodies.nth(count - 1)
    assert last.evaluate(SKIPPED)
    last.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelectorAll('.section-body')[%d]"
                           ".firstElementChild.checkVisibility({contentVisibilityAuto: true})" % (count - 1))
    assert not log.problems(), log.problems()


@pytest.mark.parametrize("anchor", ["measure-1-4-2", "m-1-3-2-current", "kpi-1-4-1-2"])
def test_a_link_into_the_page_lands_on_its_target(mobile, server, anchor):
    page, _ = open_page(mobile, server, f"strategy-1/#{anchor}")
    page.wait_for_timeout(500)
    top = page.evaluate(f"document.getElementById('{anchor}').getBoundingClientRect().top")
    assert 0 <= top < 844 / 2, f"#{anchor} is at {top:.0f}px, not at the top of the screen"


def test_a_wide_table_becomes_a_scroll_region_once_drawn(mobile, server):
    page, _ = open_page(mobile, server, "strategy-2/")
    wrap = page.locator(".section-body .md-typeset__scrollwrap").last
    assert wrap.evaluate("w => w.checkVisibility({contentVisibilityAuto: true})") is False
    assert wrap.get_attribute("tabindex") is None
    wrap.scroll_into_view_if_needed()
    page.wait_for_function("w => w.getAttribute('tabindex') === '0'", arg=wrap.element_handle())
    assert wrap.evaluate("w => w.scrollWidth > w.clientWidth")
    assert wrap.get_attribute("role") == "region" and wrap.get_attribute("aria-label")


def test_the_browser_toolbar_colour_is_the_header_colour(mobile, server):
    page, _ = open_page(mobile, server, "")
    meta = page.get_attribute('meta[name="theme-color"]', "content")
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    rgb = tuple(int(meta[i:i + 2], 16) for i in (1, 3, 5))
    assert header == "rgb({}, {}, {})".format(*rgb), f"theme-color {meta} but the header is {header}"
