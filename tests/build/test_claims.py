"""What the pages say about the figures is what the data and the engine say (issue 13 §1–2)."""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from html.parser import HTMLParser

import pytest
import yaml

from macros.core.report import load_report
from tests.build.pages import page


@pytest.fixture(scope="module")
def data(root):
    return load_report(root)


class _Rows(HTMLParser):
    """Rows of the tables marked data-table=<name>: {kpi id: {data-col: cell text}}, one dict per table."""

    def __init__(self, table_class: str):
        super().__init__()
        self.table_class, self.tables = table_class, []
        self._in_table = False
        self._row = self._col = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table" and a.get("data-table") == self.table_class:
            self._in_table = True
            self.tables.append({})
        elif self._in_table and tag == "tr" and "data-kpi" in a:
            self._row = self.tables[-1].setdefault(a["data-kpi"], {})
        elif self._row is not None and tag == "td" and "data-col" in a:
            self._col = a["data-col"]
            self._row[self._col] = ""

    def handle_endtag(self, tag):
        if tag == "td":
            self._col = None
        elif tag == "tr":
            self._row = None
        elif tag == "table":
            self._in_table = False

    def handle_data(self, text):
        if self._row is not None and self._col:
            self._row[self._col] += text


def tables(html: str, table_class: str) -> list[dict]:
    parser = _Rows(table_class)
    parser.feed(html)
    return parser.tables


def number(text: str) -> Decimal:
    return Decimal(re.sub(r"[,%†]", "", text).split("（")[0].split(" (")[0])


def evaluate_computation(text: str) -> tuple[Decimal, str, Decimal]:
    """'(17 − 10) ÷ (13 − 10) × 100 ≈ 233.3%' → (exact value, sign, shown rate)."""
    m = re.fullmatch(r"(.+) ÷ (.+) × 100 ([=≈]) ([-\d.,]+)%", text.strip())
    assert m, text

    def term(t: str) -> Decimal:
        parts = [number(p) for p in t.strip("()").split(" − ")]
        return parts[0] - (parts[1] if len(parts) > 1 else 0)
    return term(m[1]) / term(m[2]) * 100, m[3], number(m[4])


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_methodology_worked_examples_are_computed_by_the_engine(site, data, lang):
    examples, implied = tables(page(site, lang, "methodology"), "worked-examples")
    assert len(examples) >= 4, examples
    na = "算出不可" if lang == "ja" else "n/a"
    for kid, cells in examples.items():
        k, e = data.report.kpi(kid), data.evaluations[kid]
        assert cells["progress"] == f"{e.progress_pct}%" != na, kid
        exact, sign, shown = evaluate_computation(cells["sum"])
        numerator, denominator = cells["sum"].split(" × ")[0].split(" ÷ ")
        assert number(numerator.strip("()").split(" − ")[0]) == k.actual.amount, kid
        assert number(denominator.strip("()").split(" − ")[0]) == k.target.amount, kid
        assert shown == e.progress_pct, kid
        assert exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) == shown, kid
        assert (sign == "=") == (exact == shown), kid
        if k.from_baseline:
            a = k.baseline.amount if k.baseline else Decimal(0)
            assert f" − {a:,})" in numerator and f" − {a:,})" in denominator, kid
        else:
            assert "−" not in cells["sum"], kid
    # The cases the text describes are all shown: ordinary, ※, ※ on a rate, ※ from a blank baseline.
    marked = [data.report.kpi(i) for i in examples if data.report.kpi(i).from_baseline]
    assert any(not data.report.kpi(i).from_baseline for i in examples)
    assert any(k.direction.value == "lower" for k in marked)
    assert any(k.baseline is None for k in marked)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_implied_baselines_table_lists_every_implied_baseline(site, data, lang):
    _examples, implied = tables(page(site, lang, "methodology"), "worked-examples")
    expected = [k.id for k in data.report.kpis() if k.baseline is not None and k.baseline.implied]
    assert list(implied) == expected and expected
    for kid, cells in implied.items():
        k = data.report.kpi(kid)
        assert number(cells["a"]) == k.baseline.amount
        assert number(cells["printed"]) == k.published_progress_pct == data.evaluations[kid].progress_pct
        # Counting the blank as 0 would not give the printed rate: that is why a is implied.
        as_zero = (k.actual.amount / k.target.amount * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        assert number(cells["zero"]) == as_zero != k.published_progress_pct


def _off_column_ids(root, field: str) -> list[str]:
    """Read from the YAML directly: KPIs whose value carries a year other than its column heading's."""
    columns = yaml.safe_load((root / "data" / "editions" / "2024-02" / "report.yaml").read_text(encoding="utf-8"))["columns"]
    heading = columns[f"{field}_fy"]
    out = []
    for path in sorted((root / "data" / "editions" / "2024-02" / "strategies").glob("*.yaml"), key=lambda p: int(p.stem.split("-")[1])):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for p in doc["policies"]:
            for m in p["measures"]:
                for k in m["kpis"]:
                    v = k.get(field)
                    if isinstance(v, dict) and not v.get("implied") and v.get("fy", heading) != heading:
                        out.append(k["id"])
    return out


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_overview_names_every_actual_and_target_from_another_year(site, root, lang):
    html = page(site, lang, "")
    para = re.search(r'<p class="comparison-years">(.*?)</p>', html, re.S)
    assert para, "the overview does not say which years it compares"
    text = para[1]
    actual_part, target_part = re.split(r"目標値は|Targets are", text)
    linked = lambda part: re.findall(r'#kpi-([\d-]+)"', part)
    assert linked(actual_part) == _off_column_ids(root, "actual") and linked(actual_part)
    assert linked(target_part) == _off_column_ids(root, "target") and linked(target_part)
    assert ("令和4年度" if lang == "ja" else "FY2022") in actual_part
    assert ("令和6年度" if lang == "ja" else "FY2024") in target_part


def test_overview_claims_only_the_kpi_figures_are_generated(site):
    ja, en = page(site, "ja", ""), page(site, "en", "")
    assert "掲載している数値はすべて" not in ja and "KPIの数値" in ja
    assert "Every figure on this site" not in en and "KPI figures" in en


def test_no_data_note_calls_the_mark_cumulative(data):
    """KPI names may say 累計 (their own wording); the notes about ※ must not."""
    generated = [n for n in data.notes if n.kind != "summary_table" or "※" in n.text.ja]
    assert any("※" in n.text.ja for n in generated)
    for n in generated:
        assert "累計" not in n.text.ja and "cumulative" not in n.text.en.lower(), n


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_footnote_says_what_the_mark_means(site, lang):
    html = page(site, lang, "strategy-4")
    assert ("※ 策定時からの伸びで進捗率を算出" if lang == "ja" else "※ Progress measured from the baseline") in html
    assert "累計の指標" not in html and "Cumulative KPI" not in html


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_mine_to_keeps_its_space_and_has_a_transcription_note(site, lang):
    assert "mineto" not in page(site, lang, "strategy-4")
    assert '"mine to"' in page(site, lang, "strategy-4") or "公設塾mine to" in page(site, lang, "strategy-4")
    data_page = page(site, lang, "data")
    assert "公設塾m i n e t o" in data_page and "公設塾mine toの立ち上げ・運営" in data_page


def test_english_names_of_mine_to_agree(root):
    names = {p.name: re.findall(r'(\w+ \w+ \w+) "mine to"', p.read_text(encoding="utf-8"))
             for p in (root / "docs" / "editions" / "2024-02").glob("strategy-*.en.md")}
    found = {n.strip() for ns in names.values() for n in ns}
    assert len(found) == 1, names


def test_schema_and_data_page_describe_progress_formula(site, root):
    import json
    schema = json.loads((site / "data" / "strategy.schema.json").read_text(encoding="utf-8"))
    field = schema["$defs"]["kpi"]["properties"]["progress_formula"]
    assert field["enum"] == ["b/c", "(b-a)/(c-a)"] and field["default"] == "b/c"
    assert "※" in field["description"] and "cumulative" not in json.dumps(schema)
    for lang in ("ja", "en"):
        html = page(site, lang, "data")
        row = re.search(r"<tr>\s*<td><code>progress_formula</code></td>(.*?)</tr>", html, re.S)
        assert row and "(b-a)/(c-a)" in row[1] and "b/c" in row[1], lang
        # Users of the earlier column are told what became of it.
        assert "<code>cumulative</code>" in html and html.index("<code>cumulative</code>") > row.end(), lang
