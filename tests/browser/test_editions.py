"""Editions in Chromium, on the site built with a synthetic second edition for tests/build/test_editions.py:
the banner and the previous edition under each KPI fit a phone and a desktop without sideways
scrolling, pass axe-core, the switch is reachable by keyboard, and the KPI list's "status changed"
filter shows exactly the KPIs whose status changed (computed from the data)."""
from __future__ import annotations

import re

import pytest

from bench.site_server import serve
from macros.core.edition_series import load_editions
from tests.build.test_editions import SECOND

from .support import format_axe, new_context, run_axe, settle, tab_until
from .test_kpi_layout import ALL_DRAWN_CSS, FITS

pytestmark = pytest.mark.browser

PAGES = ["strategy-1/", "editions/2024-02/strategy-1/", "kpis/", "", f"editions/{SECOND}/strategy-4/"]


@pytest.fixture(scope="module")
def two(two_editions):
    """(project, base URL): the two-edition site of the build tests (built once, tests/conftest.py), served."""
    project, site = two_editions
    with serve(site) as url:
        yield project, url


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("width", [320, 390, 1280])
def test_banner_and_comparisons_fit_and_are_on_screen(browser, two, lang, width):
    _project, url = two
    ctx = new_context(browser, "mobile" if width < 768 else "desktop")
    page = ctx.new_page()
    problems = []
    for rel in PAGES:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(url + ("" if lang == "ja" else "en/") + rel, wait_until="load")
        page.evaluate("css => document.head.appendChild(document.createElement('style')).sheet.insertRule(css)",
                      ALL_DRAWN_CSS)
        settle(page)
        fit = page.evaluate(FITS)
        if fit["scrollWidth"] > fit["vw"] + 1 or fit["outside"]:
            problems.append(f"/{rel} at {width}: {fit['scrollWidth']} > {fit['vw']} {fit['outside'][:3]}")
        banner = page.locator(".edition-banner").bounding_box()
        if not banner or banner["x"] < 0 or banner["x"] + banner["width"] > fit["vw"] + 1:
            problems.append(f"/{rel} at {width}: the banner is not on screen ({banner})")
        for box in page.locator(".kpi-row__previous").evaluate_all(
                "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.left, r.right, r.height]; })"):
            if box[0] < -1 or box[1] > fit["vw"] + 1 or box[2] <= 0:
                problems.append(f"/{rel} at {width}: a previous-edition line is off screen {box}")
                break
    ctx.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("rel", PAGES[:3] + ["en/strategy-1/"])
def test_edition_pages_pass_axe(browser, two, rel):
    _project, url = two
    ctx = new_context(browser, "desktop")
    page = ctx.new_page()
    page.goto(url + rel, wait_until="load")
    violations = run_axe(page)
    ctx.close()
    assert not violations, format_axe(violations)


def test_the_switch_is_reached_by_keyboard_and_leads_to_the_other_edition(browser, two):
    _project, url = two
    ctx = new_context(browser, "desktop")
    page = ctx.new_page()
    page.goto(url + "strategy-2/", wait_until="load")
    page.wait_for_function("() => document.documentElement.classList.contains('js')")
    tab_until(page, lambda info: info and "2024-02" in (info.get("href") or ""))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/editions/2024-02/strategy-2/$"))
    assert "令和6年2月版（令和4年度の実績）" in page.locator(".edition-banner").inner_text()
    ctx.close()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_status_changed_filter_shows_exactly_the_changed_kpis(browser, two, lang):
    project, url = two
    editions = load_editions(project)
    latest = editions.get(SECOND)
    changed = {k.id for k in latest.data.report.kpis() if editions.change(latest, k.id).status_changed}
    ctx = new_context(browser, "desktop")
    page = ctx.new_page()
    page.goto(url + ("kpis/" if lang == "ja" else "en/kpis/"), wait_until="load")
    page.check("input[name=changed]")
    shown = set(page.evaluate("""() => [...document.querySelectorAll('[data-kpi-list] tbody.kpi-row')]
        .filter(k => k.offsetWidth || k.offsetHeight).map(k => k.querySelector('.kpi-row__link').textContent.trim())"""))
    assert shown == changed and 0 < len(changed) < 78
    assert [int(n) for n in re.findall(r"\d+", page.locator(".kpi-filter__count").inner_text())] == [len(changed), 78]
    page.uncheck("input[name=changed]")
    assert [int(n) for n in re.findall(r"\d+", page.locator(".kpi-filter__count").inner_text())] == [78, 78]
    ctx.close()


@pytest.mark.parametrize("lang, query, name", [("ja", "三洞入洞者数", "（令和6年2月版）"),
                                               ("en", "Visitors to the three caves", " (February 2024 edition)")])
def test_search_lists_the_latest_edition_first_and_names_the_earlier_one(browser, two, lang, query, name):
    from bench.search_truth import BATCH
    _project, url = two
    ctx = new_context(browser, "desktop")
    page = ctx.new_page()
    page.goto(url, wait_until="load")
    (groups,) = page.evaluate(BATCH, [f"{url}assets/javascripts/search-worker.js?lang={lang}",
                                      {"config": {}, "docs": [], "options": {}}, [query], True])
    ctx.close()
    pages = [group[0] for group in groups]
    earlier = [i for i, (loc, _title) in enumerate(pages) if "editions/2024-02/" in loc]
    latest = [i for i, (loc, _title) in enumerate(pages) if "editions/" not in loc]
    assert earlier and latest and max(latest) < min(earlier), pages
    assert all(title.endswith(name) for loc, title in pages if "editions/2024-02/" in loc)
    assert not any(f"editions/{SECOND}/" in loc for loc, _title in pages)   # the latest is listed once
