"""macros/glue/sections.py: the content under each h2/h3 goes into a section body; nothing else moves."""
from __future__ import annotations

import re

import markdown

from macros.glue.sections import SectionsExtension


def render(text: str) -> str:
    return markdown.markdown(text, extensions=["footnotes", "admonition", "toc", SectionsExtension()])


def structure(html: str) -> list[str]:
    """The page's top-level outline: tags, with a body div as 'body(...)' of its children's tags."""
    html = re.sub(r">[^<]*<", "><", html)
    return re.findall(r'<(h\d|p|div class="[^"]+"|/div|ul)', html)


def test_the_content_under_each_heading_becomes_one_body():
    html = render("# Title\n\nintro\n\n## Policy\n\npolicy text\n\n### Measure\n\none\n\n- two\n\n## Next\n\nthree\n")
    assert structure(html) == ["h1", "p", "h2", 'div class="section-body"', "p", "/div",
                               "h3", 'div class="section-body"', "p", "ul", "/div",
                               "h2", 'div class="section-body"', "p", "/div"]


def test_headings_stay_outside_bodies_so_their_ids_are_found_without_layout():
    html = render("## A\n\ntext\n")
    assert re.search(r'<h2 id="a">A</h2>\s*<div class="section-body">\s*<p>text</p>\s*</div>', html)


def test_a_heading_followed_by_a_heading_gets_no_empty_body():
    html = render("## A\n\n### B\n\ntext\n")
    assert html.count('class="section-body"') == 1
    assert re.search(r"</h2>\s*<h3", html)


def test_h4_and_below_stay_inside_the_body_of_their_measure():
    html = render("### Measure\n\n#### Evaluation\n\ntext\n")
    assert re.search(r'<div class="section-body">\s*<h4 id="evaluation">Evaluation</h4>\s*<p>text</p>\s*</div>', html)


def test_nested_headings_and_footnotes_are_left_where_they_are():
    html = render("## A\n\ntext[^1]\n\n!!! note\n    ## Inside\n\n    more\n\n[^1]: a note\n")
    assert html.count('class="section-body"') == 1
    body = html.split('<div class="section-body">')[1]
    assert "admonition" in body.split('<div class="footnote">')[0]       # the admonition stays in the body
    assert re.search(r'</div>\s*</div>\s*<div class="footnote">', html)  # the footnotes come after it
    assert "<h2 id=\"inside\">Inside</h2>" in html


def test_a_page_without_section_headings_is_unchanged():
    text = "# Title\n\nintro\n\n#### Small\n\nmore\n"
    assert render(text) == markdown.markdown(text, extensions=["footnotes", "admonition", "toc"])


def test_bodies_below_the_first_screens_are_lazy_with_their_own_estimated_height():
    from macros.glue.sections import EAGER_PX, size_section_bodies
    short, long_ = "短い。", "長い文章です。" * 400          # the long body alone fills the first screens
    html = render(f"## A\n\n{short}\n\n## B\n\n{long_}\n\n## C\n\n{short}\n\n## D\n\n{long_}\n")
    sized = size_section_bodies(html)
    classes = re.findall(r'<div class="(section-body[^"]*)"', sized)
    assert classes == ["section-body", "section-body", "section-body section-body--lazy", "section-body section-body--lazy"]
    heights = [int(h) for h in re.findall(r'style="contain-intrinsic-size:auto (\d+)px"', sized)]
    assert len(heights) == 2 and heights[0] < heights[1] and heights[1] > EAGER_PX
    assert re.sub(r' section-body--lazy" style="[^"]*"', '"', sized) == html     # nothing else changes


def test_a_short_page_has_no_lazy_body():
    from macros.glue.sections import size_section_bodies
    html = render("## A\n\ntext\n\n## B\n\nmore\n")
    assert size_section_bodies(html) == html


def test_a_chart_adds_its_reserved_height_and_a_table_its_rows():
    from macros.glue.sections import estimate_height
    text = "<p>本文</p>"
    chart = '<figure><div style="height:300px"></div><figcaption>図</figcaption></figure>'
    rows = "<table>" + "<tr><th>KPI</th><td>1</td></tr>" * 10 + "</table>"
    assert estimate_height(text + chart) >= estimate_height(text) + 300
    assert estimate_height(text + rows) >= estimate_height(text) + 10 * 30
