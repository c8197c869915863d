"""English pages speak English to readers and to screen readers: no Japanese in any attribute
(titles, labels, meta), and no Japanese or full-width punctuation in English text. Japanese quoted in an
English page is marked lang="ja", so a screen reader reads it as Japanese; only such elements may hold it.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros.core.context import change
from macros.core.report import load_report

CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
# Ideographic punctuation (、。「」【】) and full-width forms (（）：！？), not the full-width letters.
FULL_WIDTH = re.compile(r"[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_NOT_TEXT = {"script", "style", "template"}


class EnglishPage(HTMLParser):
    """Collects Japanese in attributes, and Japanese or full-width punctuation in text not inside a lang="ja"
    element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, str, bool]] = []     # (tag, language, inside script/style)
        self.in_attributes: list[str] = []
        self.in_text: list[str] = []
        self.japanese: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and CJK.search(value) and name != "hreflang":
                self.in_attributes.append(f"<{tag} {name}={value[:60]!r}>")
        if tag in _VOID:
            return
        lang = dict(attrs).get("lang") or (self.open[-1][1] if self.open else "en")
        hidden = tag in _NOT_TEXT or bool(self.open and self.open[-1][2])
        self.open.append((tag, lang, hidden))

    def handle_startendtag(self, tag, attrs):
        for name, value in attrs:
            if value and CJK.search(value):
                self.in_attributes.append(f"<{tag} {name}={value[:60]!r}>")

    def handle_endtag(self, tag):
        if tag in _VOID or all(t != tag for t, _l, _h in self.open):
            return      # an end tag HTML lets a page leave out (</p>) or a stray one
        while self.open and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if not self.open or self.open[-1][2] or self.open[-1][1].startswith("ja"):
            return
        for pattern, found in ((FULL_WIDTH, self.in_text), (CJK, self.japanese)):
            m = pattern.search(data)
            if m:
                found.append(data[max(0, m.start() - 30):m.end() + 30].strip())


def problems(html: str) -> tuple[list[str], list[str]]:
    p = EnglishPage()
    p.feed(html)
    return p.in_attributes, p.in_text


def unmarked_japanese(html: str) -> list[str]:
    p = EnglishPage()
    p.feed(html)
    return p.japanese


def test_the_check_finds_what_it_is_for():
    attrs, text = problems('<html lang="en"><body><h2>Title<a title="この見出しへのリンク" href="#t">¶</a></h2>'
                           '<p>Value（thousand people）<span lang="ja">値（千人）</span></p><p>ok</p></body></html>')
    assert attrs == ["<a title='この見出しへのリンク'>"]
    assert text == ["Value（thousand people）"]
    assert problems('<p lang="en">The report: <q lang="ja">「目標達成」</q></p>') == ([], [])
    assert unmarked_japanese('<p>FY2018 (平成30年度)</p><p>FY2018 (<span lang="ja">平成30年度</span>)</p>') \
        == ["FY2018 (平成30年度)"]


def _english_pages(site: Path) -> list[Path]:
    return sorted((site / "en").rglob("*.html"))


def test_english_pages_have_no_japanese_attributes_or_full_width_punctuation(site):
    pages = _english_pages(site)
    assert len(pages) > 20
    found = []
    for path in pages:
        attrs, text = problems(path.read_text(encoding="utf-8"))
        found += [f"{path.relative_to(site)}: {x}" for x in attrs + text]
    assert not found, "\n".join(found[:40]) + f"\n({len(found)} in all)"


def test_japanese_on_english_pages_is_marked_as_japanese(site):
    """Japanese words quoted in English text (a year as printed, a column heading, the switch to the
    Japanese site) are read in Japanese by a screen reader only when marked lang="ja"."""
    found = []
    for path in _english_pages(site):
        found += [f"{path.relative_to(site)}: {x}" for x in unmarked_japanese(path.read_text(encoding="utf-8"))]
    assert not found, "\n".join(found[:40]) + f"\n({len(found)} in all)"


def test_the_english_interface_spells_the_british_way(site):
    """Material's English is American ("Initializing search"); the site writes British English."""
    html = (site / "en" / "index.html").read_text(encoding="utf-8")
    assert "Initialising search" in html and "Initializing" not in html


def test_english_pages_name_their_author_and_heading_links_in_english(site):
    html = (site / "en" / "strategy-1" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="author" content="Mine City">' in html
    assert 'title="Link to this heading"' in html
    ja = (site / "strategy-1" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="author" content="美祢市">' in ja and 'title="この見出しへのリンク"' in ja


def test_the_site_is_named_by_the_reports_short_title():
    """The site's name in each language is the short title the report's data defines (mkdocs.yml
    cannot read data/, so the two are kept equal here)."""
    from mkdocs.utils.yaml import yaml_load   # mkdocs' own loader (mkdocs.yml has !ENV and Python tags)

    root = Path(__file__).resolve().parents[2]
    with open(root / "mkdocs.yml", encoding="utf-8") as f:
        config = yaml_load(f)
    short = load_report(root).report.meta.short_title
    english = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)["languages"]
    assert config["site_name"] == short.ja
    assert next(lang for lang in english if lang["locale"] == "en")["site_name"] == short.en


def test_english_text_uses_one_kind_of_quotation_mark(site):
    """Straight quotation marks and apostrophes throughout, as the narrative writes them."""
    found = []
    for path in _english_pages(site):
        text = re.sub(r"<(script|style)\b.*?</\1>", "", path.read_text(encoding="utf-8"), flags=re.S)
        found += [f"{path.relative_to(site)}: {m.group(0)}" for m in re.finditer(r".{0,30}[“”‘’].{0,30}", text)]
    assert not found, "\n".join(found[:20])


class _LogoLabels(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.labels: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and "md-logo" in (a.get("class") or "").split():
            self.labels.append(a.get("aria-label"))


def test_the_logo_link_is_named_by_the_whole_site_name(site):
    """The English site name holds double quotes; unescaped, they ended the aria-label after "Mine City"."""
    short = load_report(Path(__file__).resolve().parents[2]).report.meta.short_title
    for lang, folder in (("ja", site), ("en", site / "en")):
        parser = _LogoLabels()
        parser.feed((folder / "index.html").read_text(encoding="utf-8"))
        assert parser.labels and set(parser.labels) == {getattr(short, lang)}, (lang, parser.labels)


class _Cells(HTMLParser):
    """The text of every table cell."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.cells: list[str] = []
        self._in: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag in ("td", "th"):
            self._in = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._in is not None:
            self.cells.append("".join(self._in).strip())
            self._in = None

    def handle_data(self, data):
        if self._in is not None:
            self._in.append(data)


def hyphen_minus_cells(html: str) -> list[str]:
    """Cells whose figure is negative but written with a hyphen (U+002D) instead of a minus sign (U+2212)."""
    parser = _Cells()
    parser.feed(html)
    return [c for c in parser.cells if re.match(r"-\s?[\d.,]+\s?%?(\s|$)", c)]


def test_the_minus_check_finds_a_hyphen():
    html = "<table><tr><td>-2,912</td><td>−11.1%</td><td>1-1-1-1</td><td>-11.1%</td></tr></table>"
    assert hyphen_minus_cells(html) == ["-2,912", "-11.1%"]


def test_negative_figures_in_english_tables_take_a_minus_sign(site):
    """The census change (−2,912, −11.1%) and any other negative figure in a table."""
    found = []
    for path in _english_pages(site):
        found += [f"{path.relative_to(site)}: {c}" for c in hyphen_minus_cells(path.read_text(encoding="utf-8"))]
    assert not found, "\n".join(found[:20])
    fall = change(load_report(Path(__file__).resolve().parents[2]).report.context.census)
    assert fall < 0 and f"−{-fall:,}" in (site / "en" / "context" / "index.html").read_text(encoding="utf-8")


def _visible_text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S))


def test_source_lines_and_plan_levels_are_written_one_way(site):
    """'Source: the report, …' (as 'Source: created from …'), never 'source: …' or 'Source: The …'; and a
    numbered plan level is capitalised like the headings ('Measure 1-1-1', not 'measure 1-1-1')."""
    found = []
    for path in _english_pages(site):
        text = _visible_text(path.read_text(encoding="utf-8"))
        found += [f"{path.relative_to(site)}: {m.group(0)}"
                  for m in re.finditer(r"\bsource: |\bSource: [A-Z]|\b(measure|strategic policy|priority strategy) \d",
                                       text)]
    assert not found, "\n".join(sorted(set(found))[:20])


@pytest.mark.parametrize("path", ["context", *(f"strategy-{n}" for n in range(1, 6))])
def test_residents_pages_speak_of_the_report_not_of_text_extraction(site, path):
    """Notes on the strategy and context pages say what a reader of the report's PDF finds, not how
    its text was extracted (that is the data page's transcription section) nor what its editors guess."""
    text = _visible_text((site / "en" / path / "index.html").read_text(encoding="utf-8"))
    found = re.findall(r".{0,40}(?:\bextract\w*|text of the report's PDF|\bguess\w*).{0,40}", text)
    assert not found, found


def test_the_accessibility_statement_opens_with_standard_method_date_and_contact(site):
    """A resident finds the four things an accessibility statement owes them at the top, and the date
    given there is the one the checking section gives."""
    text = _visible_text((site / "en" / "accessibility" / "index.html").read_text(encoding="utf-8"))
    start = text.index("In brief")
    brief = text[start:text.index("Policy", start)]
    for item in ("Standard:", "JIS X 8341-3:2016", "How the site is checked:", "Last checked:", "Contact:"):
        assert item in brief, item
    dates = re.findall(r"Last checked:\s*([A-Z][a-z]+ \d{4})", text)
    assert len(dates) == 2 and dates[0] == dates[1], dates


# --- second reading ------------------------------------------------------------------------------------

def test_page_titles_carry_no_markdown_escape(site):
    """The <title> and the header of a page whose heading a macro writes ("I want to work!") read as the
    heading does, without the backslash that escapes it in Markdown."""
    found = []
    for path in sorted(site.rglob("*.html")):
        title = re.search(r"<title>(.*?)</title>", path.read_text(encoding="utf-8"), re.S)
        if title and "\\" in title.group(1):
            found.append(f"{path.relative_to(site)}: {title.group(1)[:80]}")
    assert not found, found
    assert "I want to work!" in (site / "en" / "editions" / "2024-02" / "strategy-1" / "index.html").read_text(
        encoding="utf-8").split("</title>")[0]


def test_transcription_notes_quote_the_report_not_its_extracted_markup():
    """The data page shows what the report prints: no tag, tab or separator line left by copying its
    text; and a reading that is a remark in Japanese (in brackets the printed text lacks) has its
    English for the English page."""
    root = Path(__file__).resolve().parents[2]
    notes = load_report(root).report.text_notes
    assert notes
    debris = [n.where for n in notes for s in (n.printed, n.reading) if re.search(r"<|\t|---", s)]
    assert not debris, debris
    remarks = [n for n in notes if "（" in n.reading and "（" not in n.printed]
    assert remarks and [n.where for n in remarks if not n.reading_en] == []


def test_the_context_page_counts_the_points_it_quotes(site):
    """The report speaks of seven points and quotes six: the English says so, and quotes six."""
    text = _visible_text((site / "en" / "context" / "index.html").read_text(encoding="utf-8"))
    said = re.search(r'seven points, six of which the report quotes: (.*?\)")\.', text)
    assert said, "the sentence on the seven points"
    assert len(re.findall(r'"[^"]+"', said.group(1))) == 6


def _search_words(html: str) -> dict[str, str]:
    import json
    return json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)[1])[
        "translations"]


def test_the_search_box_speaks_of_pages(site):
    """Material's English counts "matching documents" and marks a word a result lacks "Missing"."""
    en = _search_words((site / "en" / "index.html").read_text(encoding="utf-8"))
    assert (en["search.result.none"], en["search.result.one"], en["search.result.other"]) == (
        "No matching pages", "1 matching page", "# matching pages")
    assert en["search.result.term.missing"] == "Not found"
    ja = _search_words((site / "index.html").read_text(encoding="utf-8"))
    assert "document" not in str(ja) and ja["search.result.none"] != en["search.result.none"]
