"""The page sweep's shortcut for an edition's copy of a page at today's address (tests/browser/sweep.py
`repeats`): which pages it takes for copies, that a difference in the content or the policy makes a page
no copy, and that a copy's visit carries every problem of the page it repeats."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from macros.core.register import read_register
from tests.conftest import ROOT, published

from .conftest import discover_pages
from .sweep import Visit, _complete, repeats


def test_every_page_of_the_latest_edition_repeats_todays(site):
    """The latest published edition is the one at today's addresses: each of its pages repeats today's."""
    if not published():
        pytest.skip("the site has published no edition yet (data/editions.yaml)")
    latest = read_register(ROOT).latest().id
    pages = discover_pages(site)
    copies = {rel: repeats(site, rel) for rel in pages}
    own = [rel for rel in pages if re.match(rf"^(en/)?editions/{latest}/", rel)]
    assert own
    assert {rel: copies[rel] for rel in own} == {rel: rel.replace(f"editions/{latest}/", "") for rel in own}
    assert all(copies[rel] is None for rel in pages if rel not in own)


def _pair(site: Path, tmp_path: Path) -> tuple[Path, str]:
    """A site of two pages: the latest edition's KPI list and today's, which it repeats; returns the
    copy's file and address."""
    latest = read_register(ROOT).latest().id if published() else None
    if latest is None or not (site / f"editions/{latest}/kpis/index.html").is_file():
        pytest.skip("no published edition with a KPI list")
    rel = f"editions/{latest}/kpis/"
    for page in (rel, "kpis/"):
        (tmp_path / page).mkdir(parents=True)
        shutil.copy2(site / page / "index.html", tmp_path / page / "index.html")
    assert repeats(tmp_path, rel) == "kpis/"
    return tmp_path / rel / "index.html", rel


@pytest.mark.parametrize("change", [
    ("</article>", "<p>one more sentence</p></article>"),                 # the content
    ("style-src-attr 'unsafe-hashes'", "style-src-attr 'unsafe-hashes' 'sha256-AAAA'"),   # the policy
    ('<h1 id="', '<h1 lang="en" id="'),                                   # an attribute
])
def test_a_copy_that_differs_in_its_content_or_policy_is_no_copy(site, tmp_path, change):
    path, rel = _pair(site, tmp_path)
    html = path.read_text(encoding="utf-8")
    assert change[0] in html
    path.write_text(html.replace(change[0], change[1], 1), encoding="utf-8")
    assert repeats(tmp_path, rel) is None


def test_the_hashes_of_the_heads_own_scripts_may_differ(site, tmp_path):
    path, rel = _pair(site, tmp_path)
    html = path.read_text(encoding="utf-8")
    changed = re.sub(r"(script-src 'self' )'sha256-[^']+'", r"\1'sha256-BBBB'", html, count=1)
    assert changed != html
    path.write_text(changed, encoding="utf-8")
    assert repeats(tmp_path, rel) == "kpis/"


def test_a_copys_visit_carries_what_reading_the_page_it_repeats_found():
    today = Visit("kpis/", problems=["chart #fig-1 not drawn (data-rendered=None)"],
                  chart_problems=["chart #fig-1 not drawn (data-rendered=None)"], charts=3, first_bytes=100,
                  full_bytes=400, shifts_loading=[{"value": 0.001}], all_drawn=False, csp=["style-src-elem blocked"])
    today.shifts_reading = today.shifts_loading + [{"value": 0.2}]
    today.heights = [(100.0, 90.0)]
    copy = Visit("editions/2024-02/kpis/", problems=["1 axe violation(s)"], first_bytes=110,
                 shifts_loading=[{"value": 0.002}])
    _complete(copy, today)
    assert copy.repeats == "kpis/" and copy.charts == 3
    assert copy.problems[0] == "1 axe violation(s)"
    assert copy.problems[1].startswith("chart #fig-1 not drawn") and "/kpis/" in copy.problems[1]
    assert copy.full_bytes == 410 and copy.all_drawn is False
    assert copy.shifts_reading == [{"value": 0.002}, {"value": 0.2}]
    assert copy.heights == [(100.0, 90.0)] and copy.csp and "/kpis/" in copy.csp[0]
