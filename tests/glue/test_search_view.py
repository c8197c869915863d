"""glue/search_view.py: the search plugin is shown each fragment without its excluded parts, and
indexes exactly what it would have indexed from the whole fragment."""
import pytest
from material.plugins.search.plugin import Parser

from macros.core.report import load_report
from macros.render.pages import PageFragments
from macros.glue.search_view import without_search_excluded


def test_an_excluded_element_goes_with_everything_inside_it():
    html = ('<p>a<span data-search-exclude>b<span>c</span>d</span>e</p>'
            '<td class="x" data-search-exclude><span><span>f</span></span></td><td>g</td>')
    assert without_search_excluded(html) == "<p>ae</p><td>g</td>"


def test_nothing_else_is_touched():
    html = '<div class="kpi-table" data-note="data-search-exclude"><p>text</p><br><span>n</span></div>'
    assert without_search_excluded(html) == html


def test_a_void_element_and_an_unclosed_one():
    assert without_search_excluded("<p>a<br data-search-exclude>b</p>") == "<p>ab</p>"
    with pytest.raises(ValueError, match="not closed"):
        without_search_excluded("<p>a<span data-search-exclude>b</p>")


def sections(html: str) -> list[tuple[str, str, str]]:
    """What Material's search plugin makes of some HTML: (heading, title, text) per section."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(repr(s), "".join(s.title).strip(), " ".join("".join(s.text).split())) for s in parser.data]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_search_index_is_the_same_from_either_view(root, lang):
    data = load_report(root)
    f = PageFragments(data, lang, lambda target: "../" + target)
    pieces = [f.status_summary(), f.status_summary(1), f.strategy_cards(), f.kpi_list(), f.data_notes(),
              f.text_notes(), f.census_table(), f.census_chart()]
    for m in (m for s in data.report.strategies for m in s.measures()):
        pieces += [f"<h3 id=\"m-{m.id}\">{m.id}</h3>", f.kpi_table(m), f.kpi_chart(m)]
    html = "\n".join(map(str, pieces))
    short = without_search_excluded(html)
    assert "data-search-exclude" in html and "data-search-exclude" not in short
    assert len(short) < len(html) * 0.7
    assert sections(short) == sections(html)


def test_permalinks_are_left_out_as_the_search_plugin_would(root):
    import markdown

    from macros.glue.search_view import without_permalinks
    text = (root / "docs/editions/2024-02/strategy-1.md").read_text(encoding="utf-8").split("---", 2)[2]
    html = markdown.markdown(text, extensions=["attr_list", "toc"],
                             extension_configs={"toc": {"permalink": True, "permalink_title": "この見出しへのリンク"}})
    short = without_permalinks(html)
    assert html.count('class="headerlink"') > 40 and 'class="headerlink"' not in short
    assert sections(short) == sections(html)
