"""The statuses explained from the scheme: a page's own words for another scheme left out, the codes of
the downloads, the generated rules and examples, the stylesheet, and the sentences under any scheme."""
from dataclasses import replace

import pytest

from macros.core.model import EnteredStatus, Text, Unit
from macros.core.progress import evaluate
from macros.core.status_schemes import DEFAULT, scheme_from
from macros.core.verdict import verdict
from macros.render.sentence import kpi_sentence
from macros.render.status_css import needs_stylesheet, stylesheet
from macros.render.status_rules import for_scheme
from macros.render.pages import PageFragments
from tests.core.factories import kpi

from .test_renderer import data  # noqa: F401 - the renderer tests' fixture

PAGE = """## Status {#status}

{{ status_rules("four-categories") }}

Our own words, with {{ status_name("achieved") }}.

## Next {#next}

Kept.

{{ scheme_note("four-categories") }}

A closing note about the printed counts.
"""


def test_own_words_stay_under_their_scheme():
    assert for_scheme(PAGE, "four-categories") == PAGE


def test_own_words_for_another_scheme_are_left_out_up_to_the_next_heading():
    out = for_scheme(PAGE, "graded")
    assert "Our own words" not in out and "printed counts" not in out
    assert "## Next {#next}\n\nKept." in out
    assert out.count('{{ status_rules("four-categories") }}') == 1   # the macro stays: it shows the generated text


def unit() -> Unit:
    return Unit("人", "people")


def graded_data(data):
    scheme = scheme_from({"scheme": "graded"})
    evaluations = {kid: evaluate(e.kpi, scheme) for kid, e in data.evaluations.items()}
    return replace(data, scheme=scheme, evaluations=evaluations)


@pytest.mark.reference_site
def test_status_codes_name_every_category_in_order(data):
    ja = PageFragments(data, "ja", lambda t: t).statuses.status_codes()
    assert ja.startswith("`achieved`（◎ 目標達成）、`improved`（↑ 改善）")
    graded = PageFragments(graded_data(data), "en", lambda t: t).statuses.status_codes()
    assert graded.split(", ")[0] == "`S` (S Target achieved)" and graded.endswith("`none` (– Not assessable)")


@pytest.mark.reference_site
def test_generated_rules_list_every_category_with_its_rule_and_one_example_each(data):
    g = graded_data(data)
    f = PageFragments(g, "en", lambda t: t)
    rules = f.statuses.status_rules()
    for c in g.scheme.categories:
        assert f"{c.symbol.en} {c.label.en}\n:   {c.rule.en}" in rules
    assert "`band_pct: 10`" in rules
    examples = str(f.statuses.status_examples())
    for c in g.scheme.ids:
        first = next(k for k in g.report.kpis() if g.evaluations[k.id].status == c)
        assert f'<tr data-status="{c}">' in examples and f"#kpi-{first.id}" in examples


def test_the_built_in_four_need_no_stylesheet_and_any_other_scheme_gets_its_colours():
    assert not needs_stylesheet(DEFAULT)
    scheme = scheme_from({"scheme": "bands", "thresholds": [80, 50]})
    css = stylesheet(scheme)
    for c in scheme.categories:
        assert f"--st-{c.id}: {c.colour};" in css and f".kpi-status--{c.id} " in css
    assert "var(--st-band1) 0% 25%" in css and "var(--st-none) 75% 100%" in css


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_sentence_under_another_scheme_names_the_category(lang):
    scheme = scheme_from({"scheme": "graded"})
    k = kpi(100, 89, 150)
    text = kpi_sentence(verdict(evaluate(k, scheme)), lang, "名前" if lang == "ja" else "the name", unit(), scheme=scheme)
    assert ("判定は「C 基準値より悪化」です。" if lang == "ja" else "status C (Worse than the baseline).") in text
    four = kpi_sentence(verdict(evaluate(k)), lang, "名前" if lang == "ja" else "the name", unit())
    assert ("未達成です。" if lang == "ja" else ": not achieved.") in four


def test_an_entered_status_s_reason_ends_the_sentence():
    scheme = scheme_from({"scheme": "entered"})
    k = kpi(1, 2, 3, entered_status=EnteredStatus("B", Text("事業が遅れたため", "the project was delayed"), 3))
    ja = kpi_sentence(verdict(evaluate(k, scheme)), "ja", "名前", unit(), scheme=scheme)
    en = kpi_sentence(verdict(evaluate(k, scheme)), "en", "the name", unit(), scheme=scheme)
    assert ja.endswith("判定は「B 概ね順調」です（理由：事業が遅れたため）。")
    assert en.endswith("status B (Mostly on track) (reason: the project was delayed).")
