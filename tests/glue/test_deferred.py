"""macros/glue/deferred.py: generated HTML passes Markdown as a token and comes back whole; the search
plugin is shown an empty page in the meantime."""
import logging
from types import SimpleNamespace

import markdown
from markupsafe import Markup

from macros.glue.deferred import SEARCH_STUB, DeferredHtml
from macros.render.renderer import Fragment, SearchEntry

FRAGMENT = Markup('<div class="t"><p>kept</p><span data-search-exclude>chart</span></div>')


def page(url="strategy-1/"):
    return SimpleNamespace(url=url, content=None, file=SimpleNamespace(src_path="strategy-1.md"))


def test_a_fragment_passes_markdown_untouched_and_unwrapped():
    d = DeferredHtml()
    html = markdown.markdown("# Title\n\nBefore *text*." + d.defer(FRAGMENT) + "After.")
    assert d.restore(html) == '<h1>Title</h1>\n<p>Before <em>text</em>.</p>\n' + str(FRAGMENT) + "\n<p>After.</p>"


def test_a_token_inside_other_markup_is_replaced_where_it_is():
    d = DeferredHtml()
    one, two = d.defer(FRAGMENT).strip(), d.defer(Markup("<b>2</b>")).strip()
    assert d.restore(f"<li>{one}</li><p>x {two} y</p>") == f"<li>{FRAGMENT}</li><p>x <b>2</b> y</p>"


def test_each_fragment_is_used_once_and_an_unknown_token_is_left_as_it_is():
    d = DeferredHtml()
    token = d.defer(FRAGMENT).strip()
    assert d.restore(f"<p>{token}</p>") == str(FRAGMENT)
    assert d.restore(f"<p>{token}</p>") == f"<p>{token}</p>"


def test_the_search_plugin_sees_an_empty_page_then_readers_get_theirs():
    d, p = DeferredHtml(), page()
    p.content = d.after_markdown(p, f"<p>{d.defer(FRAGMENT).strip()}</p>", readers=lambda html, put_back: html.upper())
    assert p.content == SEARCH_STUB and "kept" not in p.content
    d.before_theme(p)
    assert p.content == str(FRAGMENT).upper()


def test_a_page_that_skipped_a_step_keeps_its_content_without_error():
    d, p = DeferredHtml(), page()
    p.content = "<p>rendered elsewhere</p>"
    d.before_theme(p)                                   # never went through after_markdown
    assert p.content == "<p>rendered elsewhere</p>"


def test_another_plugins_change_is_kept_and_reported(caplog):
    d, p = DeferredHtml(), page()
    p.content = d.after_markdown(p, f"<p>{d.defer(FRAGMENT).strip()}</p>")
    p.content += "<p>added by another plugin</p>"
    changed = p.content
    with caplog.at_level(logging.WARNING):
        d.before_theme(p)
    assert p.content == changed
    assert any("docs/strategy-1.md" in r.getMessage() and r.levelno == logging.WARNING
               and r.name.startswith("mkdocs.") for r in caplog.records)


def test_a_new_build_starts_empty():
    d, p = DeferredHtml(), page()
    token = d.defer(FRAGMENT).strip()
    d.after_markdown(p, "<p>x</p>")
    d.reset()
    p.content = "<p>x</p>"
    d.before_theme(p)
    assert p.content == "<p>x</p>"
    assert d.restore(token) == token


def test_readers_are_told_the_fragments_put_back_with_their_anchors_and_search_results():
    d, p, told = DeferredHtml(), page(), []
    first = Fragment(FRAGMENT, ("kpi-1",), (SearchEntry("kpi-1", "出生数"),))
    second = Fragment(FRAGMENT, ("kpi-2", "kpi-3"))
    one, two = d.defer(first), d.defer(second)
    d.defer(Fragment(FRAGMENT, ("kpi-9",)))             # deferred, never put into this page
    d.after_markdown(p, f"<p>{two.strip()}</p><p>{one.strip()}</p><p>{d.defer(FRAGMENT).strip()}</p>",
                     readers=lambda html, put_back: told.append(put_back) or html)
    assert told == [[second, first, Fragment(FRAGMENT)]]   # in the page's order
