"""The hook that adds the hashes of a page's inline scripts and style attributes to its CSP meta tag."""
from __future__ import annotations

import base64
import hashlib

import pytest
from mkdocs.exceptions import PluginError

from macros.glue import content_security_policy as csp

POLICY = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; style-src-elem 'self'; "
          "style-src-attr 'unsafe-hashes'")
META = f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def _directive(html: str, name: str) -> list[str]:
    content = html.split('content="', 1)[1].split('"', 1)[0]
    return next(d.split() for d in content.split("; ") if d.split()[0] == name)[1:]


def test_only_scripts_that_run_are_hashed():
    html = ('<script>a()</script><script src="x.js"></script><script type="application/json">{"a": 1}</script>'
            '<script type="module">b()</script><SCRIPT type="text/javascript">c()</SCRIPT>')
    assert csp.inline_scripts(html) == ["a()", "b()", "c()"]


def test_hashes_go_into_their_directives():
    html = (f"<head>{META}<script>x=1</script></head><body><p style=\"width:5%\">a</p>"
            "<p style='width:5%'>b</p><i style=\"a&amp;b\"></i><script>y=2</script></body>")
    out = csp.add_hashes(html, "x.md", known={"x=1", "y=2"})
    assert _directive(out, "script-src") == ["'self'", _sha("x=1"), _sha("y=2")]
    assert _directive(out, "style-src-attr") == ["'unsafe-hashes'", _sha("width:5%"), _sha("a&b")]
    assert _directive(out, "style-src-elem") == ["'self'", _sha("")]
    assert _directive(out, "style-src") == ["'self'", "'unsafe-inline'"]
    assert out.replace(out.split('content="', 1)[1].split('"', 1)[0], POLICY) == html


def test_an_inline_script_the_theme_did_not_write_stops_the_build():
    html = f"<head>{META}<script>x=1</script></head><body><script >window.pwned = 1</script></body>"
    with pytest.raises(PluginError, match=r"docs/x\.md: .*window\.pwned = 1.* / has an inline script the theme did not write"):
        csp.add_hashes(html, "docs/x.md", known={"x=1"})
    assert "unsafe-inline" in csp.add_hashes(html, "docs/x.md", serving=True)   # the live preview's own scripts


def test_the_known_scripts_are_the_theme_templates_scripts_rendered_for_the_page(tmp_path):
    from jinja2 import Environment
    (tmp_path / "partials").mkdir()
    (tmp_path / "base.html").write_text('{# <script>not(1)</script> #}<script>go("{{ base_url }}")</script>'
                                        '<script src="a.js"></script><script type="application/json">{}</script>')
    (tmp_path / "partials" / "x.html").write_text("<script>x=1</script>")
    scripts = csp.ThemeScripts()
    assert scripts.sources([str(tmp_path)]) == ['go("{{ base_url }}")', "x=1"]
    scripts.start(Environment(), [str(tmp_path)])
    scripts.render("a.md", {"base_url": "../.."})
    assert scripts.known["a.md"] == {'go("../..")', "x=1"}


def test_a_page_without_the_meta_tag_stops_the_build():
    with pytest.raises(PluginError, match=r"x\.md: .*0 .*overrides/main\.html"):
        csp.add_hashes("<head><script>x=1</script></head>", "x.md")


def test_the_meta_tag_must_come_before_every_script():
    with pytest.raises(PluginError, match="after a script"):
        csp.add_hashes(f"<head><script>x=1</script>{META}</head>", "x.md")


def test_a_policy_without_a_directive_to_extend_stops_the_build():
    with pytest.raises(PluginError, match="style-src-attr"):
        csp.add_hashes(META.replace("; style-src-attr 'unsafe-hashes'", ""), "x.md")


def test_the_live_preview_allows_its_reload_script_and_nothing_else_changes():
    html = f"<head>{META}<script>x=1</script></head><body><p style=\"width:5%\">a</p></body>"
    built, served = csp.add_hashes(html, "x.md", known={"x=1"}), csp.add_hashes(html, "x.md", serving=True)
    assert _directive(served, "script-src") == ["'self'", "'unsafe-inline'"]
    for name in ("style-src-attr", "style-src-elem", "default-src"):
        assert _directive(served, name) == _directive(built, name)
    from macros.glue.plugin import ReportPlugin
    plugin = ReportPlugin()
    plugin.on_startup(command="build", dirty=False)
    assert plugin.serving is False
    plugin.on_startup(command="serve", dirty=False)
    assert plugin.serving is True
