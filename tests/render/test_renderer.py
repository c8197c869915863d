"""The render layer: escaping, languages, labels. Uses the real data plus one hostile KPI."""
import dataclasses
import html
import json
import re

import pytest

from macros.core.model import Text
from macros.core.progress import evaluate
from macros.core.report import load_report
from macros.render import charts
from macros.render.labels import count_label, status_icon, status_label
from macros.render.pages import PageFragments
from macros.render.renderer import md_escape

HOSTILE = '<script>alert(1)</script> "q" & {{ 7*7 }}'


@pytest.fixture(scope="module")
def data(root):
    return load_report(root)


def frag(data, lang):
    return PageFragments(data, lang, lambda target: "../" + target)


def hostile_data(data):
    """The same report with KPI 1-1-1-1 renamed to a hostile string."""
    k = data.report.kpi("1-1-1-1")
    bad = dataclasses.replace(k, name=Text(HOSTILE, HOSTILE))
    data.report.index[("kpi", k.id)] = bad
    m = data.report.measure("1-1-1")
    new_m = dataclasses.replace(m, kpis=(bad,) + m.kpis[1:])
    data.report.index[("measure", m.id)] = new_m
    evs = dict(data.evaluations)
    evs[k.id] = evaluate(bad)
    return dataclasses.replace(data, evaluations=evs), new_m


def test_table_escapes_data(root):
    data, m = hostile_data(load_report(root))
    html = frag(data, "ja").kpi_table(m)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&amp;" in html and "{{ 7*7 }}" in html


def test_chart_json_escapes_data_in_the_attribute(root):
    data, m = hostile_data(load_report(root))
    html = frag(data, "en").kpi_chart(m)
    assert "<script>alert" not in html
    attr = re.search(r'data-plotly-figure="([^"]*)"', html).group(1)
    import html as h
    spec = json.loads(h.unescape(attr))
    names = " ".join(a["text"] for a in spec["layout"]["annotations"])
    assert "&lt;script&gt;" in names and "<script>" not in names   # plotly shows entities as text
    assert "template" not in spec["layout"]                        # no per-chart default template


def test_heading_escapes_markdown_and_html():
    assert md_escape("a*b_c <i>") == r"a\*b\_c &lt;i&gt;"


def test_heading_keeps_an_exclamation_mark_but_no_image():
    """A title's "!" needs no escape (its backslash reached the page's <title>); an image still cannot start."""
    assert md_escape('"I want to work!"') == '"I want to work!"'
    assert md_escape("![x](y)") == r"!\[x\](y)"


def test_japanese_table_labels_and_fiscal_years(data):
    html = frag(data, "ja").kpi_table(data.report.measure("1-1-2"))
    assert "令和元年度" in html and "令和4年度" in html and "平成30年度" in html
    assert "目標達成" in html and "↑" in html and "観光地キャッシュレス導入店舗割合" in html


def test_english_table_labels_and_fiscal_years(data):
    html = frag(data, "en").kpi_table(data.report.measure("1-1-2"))
    assert "FY2019" in html and "FY2022" in html and "令和" not in html
    import html as h
    assert "Achieved" in html and "Improved" in html
    assert h.escape(data.report.kpi("1-1-2-1").name.en) in html
    assert "Unit: places" in html    # unit in English


def test_status_badge_has_icon_and_text_not_colour_alone(data):
    html = frag(data, "en").status_summary()
    for word in ("Achieved", "Improved", "No change or not comparable", "Not achieved (worse)"):
        assert word in html
    assert html.count('aria-hidden="true"') >= 4


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_one_label_per_status_in_tables_cards_keys_and_filters(data, lang):
    """Each status is named with the same icon and words wherever it appears, and the icon once."""
    f = frag(data, lang)
    m = data.report.strategies[0].measures()[0]
    places = {"table": f.kpi_table(m), "cards": f.strategy_cards(), "summary": f.status_summary(),
              "chart key": f.kpi_chart(m), "filter": f.kpi_list()}
    for status in data.scheme.ids:
        icon, words = status_icon(lang, status, data.scheme), status_label(lang, status, data.scheme)
        named = re.compile(re.escape(icon) + r"(</span>)? " + re.escape(words))
        for where in ("cards", "summary", "chart key", "filter"):
            assert named.search(html.unescape(places[where])), (where, status)
    for where, text in places.items():
        plain = html.unescape(re.sub(r"<[^>]+>", "", text))
        assert not re.search(r"([↑↓])\s*\w[^↑↓\n]{0,40}\1", plain), where    # no "↓ Worse ↓"
        if lang == "en":
            assert "Worse ↓" not in plain and "－" not in plain, where


def test_status_summary_numbers_are_computed(data):
    html = frag(data, "ja").status_summary(5)
    cells = re.findall(r'<td class="kpi-num">(\d+)</td>', html)
    c = data.counts[5]
    assert cells == [str(c.achieved), str(c.improved), str(c.unchanged), str(c.worse), str(c.total)]


def test_not_computable_progress_is_labelled(data):
    assert "算出不可" in frag(data, "ja").kpi_table(data.report.measure("4-2-2"))
    assert "n/a" in frag(data, "en").kpi_table(data.report.measure("4-2-2"))


def test_from_baseline_and_implied_footnotes(data):
    html = frag(data, "ja").kpi_table(data.report.measure("5-1-2"))
    assert "(b−a)/(c−a)" in html and "†" in html


def test_kpi_list_links_to_strategy_pages(data):
    html = frag(data, "ja").kpi_list()
    assert html.count('data-status="') == 78
    assert 'href="../strategy-3/#kpi-3-1-3-2"' in html


def test_plot_text_wraps_and_escapes():
    assert charts.plot_text("<b>あいうえお", 3) == "&lt;b&gt;<br>あいう<br>えお"


def test_a_measures_kpis_are_its_table_then_its_charts(data):
    """kpis() keeps a chart next to the table its caption refers to ("the figures are in the table above")."""
    f = frag(data, "en")
    m = data.report.measure("1-3-2")
    html = f.kpis(m).html
    assert html == f.kpi_table(m) + "\n" + f.kpi_chart(m)
    assert html.index('class="kpi-table"') < html.index('id="chart-1-3-2"') < html.index('id="history-')


def test_glossary_is_escaped_and_marks_japanese_inside_english(data):
    from macros.core.glossary import Term
    from macros.core.model import Source
    hostile = Term("商工会", "しょうこうかい", HOSTILE, "", (), (), False,
                   Text(f"説明 {HOSTILE}", f"The *shokokai* (商工会) {HOSTILE}"), Source("data/glossary.yaml", 1))
    bad = dataclasses.replace(data, glossary=(hostile,))
    en, ja = str(frag(bad, "en").glossary()), str(frag(bad, "ja").glossary())
    for html in (en, ja):
        assert "<script>" not in html and "&lt;script&gt;" in html
    assert '<i>shokokai</i> (<span lang="ja">商工会</span>)' in en
    assert '<span lang="ja">商工会</span>' in en and "<span lang=" not in ja.replace('<td lang="en">', "")
    assert 'id="term-script-alert-1-script-q-7-7"' in en


def test_glossary_page_lists_every_term_once_per_language(data):
    for lang in ("ja", "en"):
        html = str(frag(data, lang).glossary())
        rows = re.findall(r"<tr><td>", html)
        assert len(rows) == len(data.glossary)
        explained = [t for t in data.glossary if t.definition]
        assert html.count("<dt id=") == len(explained)


def test_glossary_sorts_japanese_by_reading_in_kana_order_and_english_alphabetically(data):
    ja = str(frag(data, "ja").glossary())
    # ジオパーク (じおぱーく) sorts among the hiragana readings, before 重点戦略 (じゅうてんせんりゃく).
    assert ja.index("<td>ジオパーク</td>") < ja.index("<td>重点戦略</td>") < ja.index("<td>地域おこし協力隊</td>")
    en = str(frag(data, "en").glossary())
    rows = [html.unescape(r) for r in re.findall(r"<tr><td>([^<]+)</td>", en)]
    assert rows == sorted(rows, key=lambda r: r.strip('"').casefold())
    assert '<dt id="term-neuvola">Neuvola – ' in en


def test_a_count_of_one_kpi_is_singular():
    assert count_label("en", "kpis_count", 1) == "1 KPI"
    assert count_label("en", "kpis_count", 2) == "2 KPIs"
    assert count_label("ja", "kpis_count", 1) == "KPI 1件"


def test_japanese_quoted_in_an_english_note_is_marked_as_japanese():
    from macros.render.renderer import mark_japanese
    marked = mark_japanese('The summary table prints the name as "本市に愛着を持つ小・中学生の割合" <b>', "en")
    assert str(marked) == ('The summary table prints the name as &#34;<span lang="ja">本市に愛着を持つ小・中学生の割合</span>'
                           '&#34; &lt;b&gt;')
    assert str(mark_japanese("令和4年度「1件」", "en")) == '<span lang="ja">令和4年度「1件」</span>'
    assert str(mark_japanese("本市 <b>", "ja")) == "本市 &lt;b&gt;"
    assert str(mark_japanese("FY2022: 382 visitors", "en")) == "FY2022: 382 visitors"


@pytest.mark.parametrize("lang, opening", [
    ("en", "Actual values are for FY2022, except for {n} KPIs: "),
    ("ja", "実績値は令和4年度の値です。ただし、次の{n}件は別の年度の値です："),
])
def test_the_overview_states_the_years_compared_plainly(data, lang, opening):
    """The year and its exceptions, without pointing the reader at a column heading the site's tables do
    not print (each cell shows its own year)."""
    from macros.core.off_column_years import off_column
    text = re.sub(r"<[^>]+>", "", frag(data, lang).years.comparison_years())
    assert text.startswith(opening.format(n=len(off_column(data.report, "actual"))))
    assert "heading" not in text and "見出し" not in text


def test_every_transcription_note_says_where_in_english(root):
    """The data page's "Where" column names each place in English (Japanese only for an unknown word)."""
    import yaml

    from macros.core.site import load_site
    from macros.render.labels import place_en
    places = [n["where"] for f in sorted((root / "data" / "editions").glob("*/text-notes/*.yaml"))
              for n in yaml.safe_load(f.read_text(encoding="utf-8")) or []]
    assert places
    levels = load_site(root).levels
    assert [w for w in places if place_en(w, levels) is None] == []
    assert place_en("1 全体", levels) == "Priority Strategy 1 (throughout)"
    assert place_en("1-1-2 施策概要", levels) == "1-1-2 Description of the measure"
    assert place_en("1-1-2 未知の語", levels) is None


def test_a_measures_kpis_name_exactly_the_anchors_their_table_defines(data):
    """The glue tells MkDocs these anchors without reading the HTML: they must be the table's row ids."""
    f = frag(data, "en")
    for measure in (m for s in data.report.strategies for m in s.measures()):
        kpis = f.kpis(measure)
        ids = re.findall(r'<tbody class="kpi-row[^"]*" id="([^"]+)"', kpis.html)
        assert ids and list(kpis.anchors) == ids, measure.id


def test_a_correction_date_reads_as_residents_write_it():
    from macros.render.edition_comparison import date_text
    assert date_text("2026-12-07", "en") == "7 December 2026"
    assert date_text("2025-03-01", "en") == "1 March 2025"
    assert date_text("2026-12-07", "ja") == "2026-12-07"


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_marks_are_hidden_from_screen_readers_which_hear_their_meaning(data, lang):
    """※, ↘ and † are read aloud as "reference mark", "south east arrow", "dagger": each is hidden from a
    screen reader, which hears what it means, in the page's language, instead."""
    from macros.core.model import Direction
    f = frag(data, lang)
    kinds = {"※": lambda k: k.from_baseline, "↘": lambda k: k.direction is Direction.LOWER,
             "†": lambda k: k.baseline is not None and k.baseline.implied}
    for symbol, has in kinds.items():
        m = next(m for s in data.report.strategies for m in s.measures()
                 if any(has(k) for k in m.kpis))
        found = re.findall(rf'<span class="kpi-mark"([^>]*)>{symbol}</span><span class="visually-hidden">([^<]+)</span>',
                           f.kpi_table(m))
        assert found and all(attrs == ' aria-hidden="true"' for attrs, _ in found), symbol
        spoken = {s for _, s in found}
        assert len(spoken) == 1 and symbol not in spoken.pop(), symbol
        assert not re.search(rf'<span class="kpi-mark">{symbol}', f.kpi_table(m))


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_notes_on_how_the_pdf_text_copies_stay_on_the_data_page(data, lang):
    """A resident reading a strategy page needs no note on how the report's PDF file copies ("m ²");
    the data page keeps it."""
    from macros.core.model import NoteKind
    pdf = [n for n in data.notes if n.kind is NoteKind.EXTRACTION]
    assert pdf
    f = frag(data, lang)

    def text(fragment) -> str:
        return html.unescape(re.sub(r"<[^>]+>", "", str(fragment)))
    for n in pdf:
        assert n.text.get(lang) not in text(f.kpi_table(data.report.measure(n.kpi_id.rsplit("-", 1)[0])))
        assert n.text.get(lang) in text(f.data_notes())


def test_an_english_table_names_what_each_kpi_counts(data):
    """A counter that counts anything (回, 件: "number") says nothing; each such KPI names its own unit."""
    vague = [k.id for k in data.report.kpis() if data.report.units[k.unit].en == "number"
             and (k.wording is None or not k.wording.unit)]
    assert vague == []
    en, ja = frag(data, "en"), frag(data, "ja")
    k = data.report.kpi("3-2-1-1")
    assert "Unit: donors" in en.kpi_table(data.report.measure("3-2-1"))
    assert f"単位：{k.unit}" in ja.kpi_table(data.report.measure("3-2-1"))
