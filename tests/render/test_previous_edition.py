"""render/previous_edition.py: with no earlier edition there is nothing beside a KPI and no counts side
by side. The lines of a real second edition are checked on a built site (tests/build/test_editions.py)."""
from __future__ import annotations

import pytest

from macros.core.edition_series import load_editions
from macros.core.progress import evaluate
from macros.core.report import load_report
from macros.render.renderer import Renderer


@pytest.fixture(scope="module")
def data(root):
    return load_report(root)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_report_rendered_alone_shows_no_previous_edition(data, lang):
    r = Renderer(data, lang, lambda target: target)
    kpi = next(iter(data.report.kpis()))
    assert r.previous.kpi_line(evaluate(kpi, data.scheme)) is None
    assert r.previous.counts() == ""


def test_the_first_edition_has_no_previous_one(root, data):
    editions = load_editions(root)
    first = editions.all[0]
    r = Renderer(first.data, "ja", lambda target: target, editions=editions, edition=first)
    kpi = next(iter(first.data.report.kpis()))
    assert r.previous.kpi_line(evaluate(kpi, first.data.scheme)) is None
    assert r.previous.counts() == ""
