"""Nothing jumps: no layout shift while a page loads (the KPI filter has its space from the first
paint), nor while it is read to the end (charts draw into reserved space, section bodies are drawn
before they reach the screen).

Recorded with a buffered PerformanceObserver on each page's one visit at the phone size
(tests/browser/sweep.py): while loading, until the network is idle; and once read to the end with
every chart drawn."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# Web Vitals call a CLS under 0.1 good; a page here should have next to none.
MAX = 0.01


def test_no_page_shifts_while_loading(page_sweep, pages):
    bad = []
    visits = page_sweep.visits("mobile", pages)
    for rel in pages:
        found = visits[rel].shifts_loading   # until the network is idle
        total = sum(s["value"] for s in found)
        if total > MAX:
            bad.append(f"/{rel}: {total:.3f} {found}")
    assert not bad, "layout shift while loading:\n" + "\n".join(bad)


READ = [f"{lang}{p}/" for lang in ("", "en/") for p in ("strategy-1", "strategy-3", "strategy-5", "kpis")]


@pytest.mark.parametrize("rel", READ)
def test_no_shift_while_reading_to_the_end(page_sweep, rel):
    visit = page_sweep.visits("mobile", READ)[rel]   # read to the end, every chart drawn
    assert visit.full_error is None, f"/{rel}: {visit.full_error}"
    found = visit.shifts_reading
    total = sum(s["value"] for s in found)
    assert total <= MAX, f"/{rel}: layout shift {total:.3f}: {found}"
