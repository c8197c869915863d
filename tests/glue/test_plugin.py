"""macros/glue/plugin.py: generated HTML passes Markdown as a token and comes back whole, in two views."""
import markdown
from markupsafe import Markup

from macros.glue.plugin import defer, restore

FRAGMENT = Markup('<div class="t"><p>kept</p><span data-search-exclude>chart</span></div>')


def test_a_fragment_passes_markdown_untouched_and_unwrapped():
    page = markdown.markdown("# Title\n\nBefore *text*." + defer(FRAGMENT) + "After.")
    full, search = restore(page)
    assert full == '<h1>Title</h1>\n<p>Before <em>text</em>.</p>\n' + str(FRAGMENT) + "\n<p>After.</p>"
    assert search == full.replace("<span data-search-exclude>chart</span>", "")


def test_a_token_inside_other_markup_is_replaced_where_it_is():
    one, two = defer(FRAGMENT).strip(), defer(Markup("<b>2</b>")).strip()
    full, _ = restore(f"<li>{one}</li><p>x {two} y</p>")
    assert full == f"<li>{FRAGMENT}</li><p>x <b>2</b> y</p>"


def test_each_fragment_is_used_once():
    token = defer(FRAGMENT).strip()
    restore(f"<p>{token}</p>")
    try:
        restore(f"<p>{token}</p>")
    except KeyError:
        return
    raise AssertionError("a restored fragment was kept")
