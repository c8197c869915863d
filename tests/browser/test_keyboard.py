"""Keyboard use: the skip link comes first and moves focus to the content, every Tab stop can be
seen, and the navigation and the search work with the keyboard alone (desktop sidebar, phone
drawer and its sub-panels)."""
from __future__ import annotations

import re

import pytest

from .support import focus_info, format_axe, invisible_reason, open_page, run_axe, settle, tab_until
from tests.conftest import SITE_LANGUAGES

pytestmark = pytest.mark.browser

SKIP_TEXT = {"ja": "コンテンツにスキップ", "en": "Skip to content"}  # Material's skip.link.title
HOME = {"ja": "", "en": "en/"}


@pytest.mark.parametrize("lang", SITE_LANGUAGES)
def test_skip_link_is_first_and_moves_focus_to_content(context, server, lang):
    page, log = open_page(context, server, HOME[lang] + "strategy-1/")
    page.keyboard.press("Tab")
    first = focus_info(page)
    assert first and "md-skip" in first["classes"], f"first Tab stop is {first and first['desc']}, not the skip link"
    assert SKIP_TEXT[lang] in first["desc"]
    assert invisible_reason(first) is None, f"the focused skip link is not visible: {invisible_reason(first)}"
    h1_id = page.locator(".md-content h1").first.get_attribute("id")
    assert page.locator("a.md-skip").get_attribute("href") == f"#{h1_id}"

    page.keyboard.press("Enter")
    page.wait_for_function("id => decodeURIComponent(location.hash) === '#' + id", arg=h1_id)
    page.keyboard.press("Tab")
    after = focus_info(page)
    assert after and after["inContent"], (
        f"after the skip link, Tab goes to {after and after['desc']} instead of into the content")
    assert invisible_reason(after) is None, invisible_reason(after)
    assert not log.problems(), log.problems()
    page.close()


@pytest.mark.parametrize("rel", [rel for rel in ("", "en/strategy-2/", "kpis/")
                                 if not rel.startswith("en/") or "en" in SITE_LANGUAGES])
def test_every_tab_stop_is_visible(context, viewport, server, rel):
    """Walk the page with Tab (until the focus wraps or 70 stops): each focused element must be
    on screen, not hidden, and not covered by something else (e.g. an off-screen drawer)."""
    page, log = open_page(context, server, rel)
    hidden, trail = [], []
    for _ in range(70):
        page.keyboard.press("Tab")
        info = focus_info(page)
        if info is None or (trail and "md-skip" in info["classes"]):
            break  # wrapped round to the browser UI / the start
        trail.append(info["desc"])
        reason = invisible_reason(info)
        if reason:  # maybe a transition still running (the search closing fades out in .25s)?
            settle(page)
            reason = invisible_reason(focus_info(page))
        if reason:
            hidden.append(f"  stop {len(trail)}: {info['desc']} — {reason}")
    assert len(trail) >= 5, f"only {len(trail)} Tab stops: {trail}"
    assert not hidden, (f"{len(hidden)} Tab stop(s) on /{rel} at {viewport} size cannot be seen:\n"
                        + "\n".join(hidden))
    assert not log.problems(), log.problems()
    page.close()


@pytest.mark.parametrize("lang", SITE_LANGUAGES)
def test_sidebar_navigation_by_keyboard(desktop, server, lang):
    page, log = open_page(desktop, server, HOME[lang])
    tab_until(page, lambda f: f["inSidebar"] and (f["href"] or "").endswith("/kpis/"))
    page.keyboard.press("Enter")
    page.wait_for_url(f"{server}{HOME[lang]}kpis/")
    assert page.locator("html").get_attribute("lang") == lang
    assert not log.problems(), log.problems()
    page.close()


@pytest.mark.reference_site
@pytest.mark.parametrize("lang", SITE_LANGUAGES)
def test_drawer_navigation_by_keyboard(mobile, server, lang):
    """Phone: the menu button opens the drawer, focus moves into it, a section opens its panel,
    a link in the panel navigates; Escape closes the drawer and returns to the menu button."""
    page, log = open_page(mobile, server, HOME[lang])
    menu = tab_until(page, lambda f: f["tag"] == "button" and "md-header__button" in f["classes"])[-1]
    assert menu["desc"].endswith('"Navigation menu"') or menu["desc"].endswith('"ナビゲーションメニュー"'), menu
    assert page.locator("button[data-site-toggle=__drawer].md-header__button").get_attribute("aria-expanded") == "false"

    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('__drawer').checked")
    settle(page)  # the drawer slides in
    inside = focus_info(page)
    assert inside and inside["inSidebar"], f"focus stayed at {inside and inside['desc']} when the drawer opened"
    assert page.locator("button[data-site-toggle=__drawer].md-header__button").get_attribute("aria-expanded") == "true"

    # "Report" / 報告書 is a section: Enter opens its panel and focus goes to the panel's title
    section = tab_until(page, lambda f: f["tag"] == "button" and f["inSidebar"]
                        and ("報告書" in f["desc"] or "Report" in f["desc"]))[-1]
    assert invisible_reason(section) is None, invisible_reason(section)
    page.keyboard.press("Enter")
    settle(page)  # the panel slides in
    title = focus_info(page)
    assert title and "md-nav__title" in title["classes"], f"focus went to {title and title['desc']}"
    link = tab_until(page, lambda f: (f["href"] or "").endswith("/context/"), max_tabs=5)[-1]
    assert invisible_reason(link) is None, f"{link['desc']}: {invisible_reason(link)}"
    violations = run_axe(page)  # the open drawer and its buttons are accessible too
    assert not violations, "axe violations with the drawer open:\n" + format_axe(violations)

    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('__drawer').checked")
    back = focus_info(page)
    assert back and back["tag"] == "button" and "md-header__button" in back["classes"], back

    # reopened, the drawer shows the panel left open: follow its link this time
    page.keyboard.press("Enter")
    settle(page)
    reopened = focus_info(page)
    assert reopened and "md-nav__title" in reopened["classes"], reopened
    tab_until(page, lambda f: (f["href"] or "").endswith("/context/"), max_tabs=5)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{server}{HOME[lang]}context/")
    assert not log.problems(), log.problems()
    page.close()


SEARCH = {"ja": ("秋吉台", "strategy-1/"), "en": ("geopark", "en/strategy-5/")}


@pytest.mark.reference_site
@pytest.mark.parametrize("lang", SITE_LANGUAGES)
def test_search_by_keyboard(context, viewport, server, lang):
    """Reach the search with Tab (on a phone: the search button, then Enter), type, ArrowDown to
    the first result, Enter opens it."""
    word, target = SEARCH[lang]
    page, log = open_page(context, server, HOME[lang])
    if viewport == "mobile":
        tab_until(page, lambda f: f["tag"] == "button" and "md-header__button" in f["classes"]
                  and f["desc"].endswith(('"Search"', '"検索"')))
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.activeElement.classList.contains('md-search__input')")
    else:
        tab_until(page, lambda f: "md-search__input" in f["classes"])
    assert invisible_reason(focus_info(page)) is None
    page.keyboard.type(word)
    # Playwright inserts non-ASCII text without key events, as an IME would until the user commits;
    # Material reads the query on keyup, so finish the way a user does: with a key (here End).
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item a.md-search-result__link")
    page.keyboard.press("ArrowDown")
    first = focus_info(page)
    assert first and "md-search-result__link" in first["classes"], f"ArrowDown went to {first and first['desc']}"
    assert invisible_reason(first) is None, invisible_reason(first)
    violations = run_axe(page)  # the open search with its results is accessible too
    assert not violations, "axe violations with the search results open:\n" + format_axe(violations)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(server + target) + r"\?h="))
    assert not log.problems(), log.problems()
    page.close()
