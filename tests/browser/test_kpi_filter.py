"""The KPI list's filter (/kpis/, /en/kpis/): choosing a status or a strategy shows only the
matching rows and the live count follows; without JavaScript the form stays hidden and every row
is shown."""
from __future__ import annotations

import re

import pytest

from .support import format_axe, run_axe, watch

pytestmark = pytest.mark.browser

KPIS = {"ja": "kpis/", "en": "en/kpis/"}

# One <tbody> per KPI (its figures and its sentence).
ROWS = """() => [...document.querySelectorAll('[data-kpi-list] tbody.kpi-row')].map(kpi => ({
    status: kpi.dataset.status,
    strategy: kpi.closest('.kpi-list__group').dataset.strategy,
    shown: !!(kpi.offsetWidth || kpi.offsetHeight),
    id: kpi.querySelector('.kpi-row__link').textContent.trim(),
}))"""


def count_text(page) -> str:
    return page.locator(".kpi-filter__count").inner_text()


def numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", text)]


def check_shown(page, status: str, strategy: str) -> None:
    rows = page.evaluate(ROWS)
    want = [r for r in rows if (not status or r["status"] == status) and (not strategy or r["strategy"] == strategy)]
    wrong = [f"{r['id']} ({r['status']}, strategy {r['strategy']}) {'shown' if r['shown'] else 'hidden'}"
             for r in rows if r["shown"] != (r in want)]
    assert not wrong, f"status={status!r} strategy={strategy!r}: rows shown/hidden wrongly:\n  " + "\n  ".join(wrong)
    assert numbers(count_text(page)) == [len(want), len(rows)], (
        f"status={status!r} strategy={strategy!r}: the live count says {count_text(page)!r}, {len(want)} rows are shown")
    # a strategy section with nothing left in it is hidden as a whole
    empty_shown = page.evaluate("""() => [...document.querySelectorAll('.kpi-list__group')]
        .filter(g => !g.hidden && ![...g.querySelectorAll('tbody.kpi-row')].some(kpi => !kpi.hidden))
        .map(g => g.dataset.strategy)""")
    assert not empty_shown, f"empty strategy sections still shown: {empty_shown}"
    # Groups below the first screens are drawn lazily at an estimated height; filtered groups are
    # shorter than their estimates, so a filter draws them all.
    lazy = page.evaluate("""() => [...document.querySelectorAll('.kpi-list .section-body--lazy')]
        .map(b => getComputedStyle(b).contentVisibility)""")
    assert lazy, "no KPI group is drawn lazily"
    want_cv = "visible" if status or strategy else "auto"
    assert set(lazy) == {want_cv}, f"status={status!r} strategy={strategy!r}: lazy groups are {lazy}, want {want_cv}"


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_filter_by_status_and_strategy(desktop, server, lang):
    page = desktop.new_page()
    log = watch(page, server)
    page.goto(server + KPIS[lang], wait_until="load")
    form = page.locator("form.kpi-filter")
    assert form.is_visible(), "the filter form is not shown with JavaScript on"
    live = page.locator(".kpi-filter__count")
    assert live.get_attribute("role") == "status" and live.get_attribute("aria-live") == "polite"

    rows = page.evaluate(ROWS)
    assert len(rows) >= 50, f"only {len(rows)} KPI rows"
    assert all(r["shown"] for r in rows)
    check_shown(page, "", "")

    statuses = page.eval_on_selector_all("input[name=status]", "els => els.map(e => e.value)")
    assert set(statuses) >= {"", "achieved", "improved", "unchanged", "worse"}, statuses
    for status in [s for s in statuses if s]:
        page.check(f"input[name=status][value='{status}']")
        check_shown(page, status, "")
    # combined with a strategy
    page.check("input[name=strategy][value='2']")
    check_shown(page, "worse", "2")
    page.check("input[name=status][value='']")
    check_shown(page, "", "2")

    # the radios work from the keyboard: focus the checked status radio, arrow to the next one
    page.focus("input[name=status]:checked")
    page.keyboard.press("ArrowDown")
    now = page.eval_on_selector("input[name=status]:checked", "e => e.value")
    assert now == statuses[1], f"ArrowDown selected {now!r}"
    check_shown(page, now, "2")

    violations = run_axe(page)  # the filtered state is accessible too
    assert not violations, "axe violations on the filtered list:\n" + format_axe(violations)
    page.check("input[name=strategy][value='']")
    page.check("input[name=status][value='']")
    check_shown(page, "", "")
    assert not log.problems(), log.problems()
    page.close()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_without_javascript_every_row_is_shown(browser, server, lang):
    ctx = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800})
    try:
        page = ctx.new_page()
        page.goto(server + KPIS[lang], wait_until="load")
        assert page.evaluate("document.documentElement.classList.contains('no-js')")
        rows = page.locator("[data-kpi-list] tbody.kpi-row")
        total = rows.count()
        assert total >= 50, f"only {total} KPI rows"
        hidden = [rows.nth(i).inner_text()[:40] for i in range(total) if not rows.nth(i).is_visible()]
        assert not hidden, f"{len(hidden)} rows hidden without JavaScript: {hidden}"
        assert not page.locator("form.kpi-filter").is_visible(), (
            "the filter form is shown without JavaScript, where it cannot work")
    finally:
        ctx.close()
