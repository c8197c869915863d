"""Nothing jumps: no layout shift while a page loads (the KPI filter has its space from the first
paint), nor while it is read to the end (charts draw into reserved space, section bodies are drawn
before they reach the screen)."""
from __future__ import annotations

import pytest

from .support import scroll_through

pytestmark = pytest.mark.browser

RECORD = """window.__shifts = [];
new PerformanceObserver(list => {
    for (const e of list.getEntries()) {
        if (!e.hadRecentInput) window.__shifts.push({value: e.value, sources: e.sources.map(s =>
            s.node && s.node.nodeType === 1 ? s.node.tagName.toLowerCase() + '.' + s.node.className : '?')});
    }
}).observe({type: 'layout-shift', buffered: true});"""
# Web Vitals call a CLS under 0.1 good; a page here should have next to none.
MAX = 0.01


def shifts(page) -> tuple[float, list]:
    found = page.evaluate("window.__shifts")
    return sum(s["value"] for s in found), found


@pytest.fixture
def recording(mobile):
    mobile.add_init_script(RECORD)
    return mobile


def test_no_page_shifts_while_loading(recording, server, pages):
    page = recording.new_page()
    bad = []
    for rel in pages:
        page.goto(server + rel, wait_until="load")
        page.wait_for_timeout(600)
        total, found = shifts(page)
        if total > MAX:
            bad.append(f"/{rel}: {total:.3f} {found}")
    assert not bad, "layout shift while loading:\n" + "\n".join(bad)


@pytest.mark.parametrize("rel", [f"{lang}{p}/" for lang in ("", "en/")
                                 for p in ("strategy-1", "strategy-3", "strategy-5", "kpis")])
def test_no_shift_while_reading_to_the_end(recording, server, rel):
    page = recording.new_page()
    page.goto(server + rel, wait_until="load")
    scroll_through(page)
    page.wait_for_timeout(1500)   # the last charts draw
    total, found = shifts(page)
    assert total <= MAX, f"/{rel}: layout shift {total:.3f}: {found}"
