"""A page's own HTML carries nothing that runs or sends readers elsewhere (macros/glue/page_content.py)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from macros.core.errors import DataError
from macros.glue import page_content


@pytest.mark.parametrize("html, what", [
    ("<script>x()</script>", "<script>"),
    ("<SCRIPT >x()</SCRIPT >", "<script>"),
    ('<p>a</p><img src="x" alt=""\n onerror="x()">', "onerror="),
    ('<svg><circle onload="x()"/></svg>', "onload="),
    ('<h2 onclick="x()">a</h2>', "onclick="),
    ('<a href="javascript:x()">a</a>', "javascript:"),
    ('<a href=" &#106;ava&#x09;script:x()">a</a>', "javascript:"),
    ('<a href="VBScript:x()">a</a>', "vbscript:"),
    ('<svg><animate attributeName="href" values="javascript:x()"/></svg>', "javascript:"),
    ('<iframe srcdoc="&lt;script&gt;x()&lt;/script&gt;"></iframe>', "<iframe>"),
    ("<object data=x></object>", "<object>"),
    ("<embed src=x>", "<embed>"),
    ('<base href="https://example.com/">', "<base>"),
    ('<form action="https://example.com/"></form>', "<form>"),
    ('<meta http-equiv="refresh" content="0; url=https://example.com/">', "<meta http-equiv>"),
    ("<frameset><frame src=x></frameset>", "<frame"),
    ('<a title=">" onclick="x()">a</a>', "onclick="),
    ('<a href="java&Tab;scr&NewLine;ipt&colon;x()">a</a>', "javascript:"),
    ('<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;:x()">a</a>', "javascript:"),
    ('<img/onerror="x()" src=x>', "onerror="),
])
def test_forbidden(html, what):
    assert page_content.forbidden(html)[0][0].startswith(what)


@pytest.mark.parametrize("html", [
    "<p>&lt;script&gt;x()&lt;/script&gt;</p>",           # text, as Markdown writes it
    "<pre><code>&lt;script&gt;x()&lt;/script&gt;\n</code></pre>",
    '<p><a href="strategy-1.md#kpi-1-1-1-1">a</a> <a href="https://example.com/javascript:">b</a></p>',
    '<table><tr><td style="width:5%">1</td></tr></table>',
    '<meta name="x" content="y"><details open><summary>a</summary></details>',
    "MINEHTML00000001Z",                                 # a token for the site's own fragments
])
def test_allowed(html):
    assert page_content.forbidden(html) == []


def _page(tmp_path, name: str, text: str):
    docs = tmp_path / "docs"
    path = docs / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return SimpleNamespace(file=SimpleNamespace(src_uri=name, src_path=name, abs_src_path=str(path))), docs


def test_the_error_names_the_line_where_it_was_written(tmp_path):
    page, docs = _page(tmp_path, "a.md", "# A\n\ntext\n\n<img src=x\n  OnError=\"x()\">\n")
    with pytest.raises(DataError) as error:
        page_content.check(page, '<h1>A</h1><img src=x onerror="x()">', str(docs))
    assert str(error.value).startswith("docs/a.md:6: HTML: onerror= ") and " / onerror= is not allowed" in str(error.value)


def test_an_included_page_is_named_when_the_thing_was_written_there(tmp_path):
    page, docs = _page(tmp_path, "print.md", "{{ include_page(\"b.md\") }}\n")
    included = docs / "editions" / "b.md"
    included.parent.mkdir()
    included.write_text("# B\n\n[x](&#106;avascript:x())\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"^docs/editions/b\.md:3: HTML: javascript:"):
        page_content.check(page, '<a href="javascript:x()">x</a>', str(docs), [included.resolve()])
    with pytest.raises(DataError, match=r"^docs/print\.md: HTML: javascript:"):   # not found: the page, no line
        page_content.check(page, '<a href="javascript:x()">x</a>', str(docs))
