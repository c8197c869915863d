"""The Content-Security-Policy of every page allows the inline scripts
the theme wrote, and its style attributes, by their SHA-256 hashes, computed from the HTML as written.

The policy itself is the `<meta http-equiv="Content-Security-Policy">` tag in overrides/main.html.
The plugin (glue/plugin.py) only adds hashes to it, taken from each finished page, never typed:
- script-src: Material writes a few small inline scripts (and this site one, in main.html); their text
  changes with Material's version and with the page's depth ("..", "../.."). A script is allowed by
  where it comes from, not because it is there: the inline scripts written in the theme's templates
  (Material's and overrides/), rendered with the page's own template context, are the page's known
  scripts. Any other inline script on a finished page (from a page, a title or data, past the checks
  of glue/page_content.py and the escaping) stops the build, naming the page. Data for scripts
  (`<script type="application/json">`) is not run and needs no hash.
- style-src-attr: the page's `style="…"` attributes (bar widths, chart heights), allowed one by one
  with 'unsafe-hashes'; a style attribute injected by anything else stays blocked.
- style-src-elem: the empty `<style>` element plotly.js adds to the head and then fills through the
  CSSOM (insertRule, which CSP does not govern). Only an empty element matches; a `<style>` with
  any text in it stays blocked.

Under `mkdocs serve` the live-reload script MkDocs adds to every page it serves is inline and
different on every request, so no hash can cover it: there, and only there, script-src allows inline
scripts ('unsafe-inline', no hashes) and the rest of the policy stays as published.

The plugin calls it from MkDocs' public events: on_env (the theme's Jinja environment),
on_page_context and on_template_context (each page's template context), on_post_page for pages,
on_post_template for 404.html; `Theme.dirs` names the theme's templates.

The finished pages are read with regular expressions (fast on large pages): a script they read
differently from a browser gets a hash that matches nothing, so the browser blocks it; none is let through.
"""
from __future__ import annotations

import base64
import hashlib
import html as html_module
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.DOTALL | re.IGNORECASE)
TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
# The types a browser runs (HTML: "a JavaScript MIME type essence match", or "module").
SCRIPT_TYPES = {"", "module", "text/javascript", "application/javascript", "application/ecmascript",
                "text/ecmascript"}
STYLE_ATTRIBUTE = re.compile(r"""\sstyle=(["'])(.*?)\1""", re.DOTALL | re.IGNORECASE)
TEMPLATE = "overrides/main.html"
JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script the browser would run, in page order."""
    found = []
    for m in SCRIPT.finditer(html):
        attrs = m.group(1)
        if re.search(r"\bsrc\s*=", attrs, re.IGNORECASE):
            continue
        kind = TYPE.search(attrs)
        if (kind.group(1).lower() if kind else "") in SCRIPT_TYPES:
            found.append(m.group(2))
    return found


def style_attributes(html: str) -> list[str]:
    """The value of every style attribute, as the browser reads it (character references decoded)."""
    return [html_module.unescape(m.group(2)) for m in STYLE_ATTRIBUTE.finditer(html)]


def source_hash(text: str) -> str:
    """A CSP source expression for an inline script or style: its text's SHA-256, base64-encoded."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


EMPTY_STYLE = source_hash("")


def with_hashes(policy: str, additions: dict[str, list[str]]) -> str:
    """The policy with each list of hashes appended to its directive (every directive must exist)."""
    directives = [d.strip() for d in policy.split(";") if d.strip()]
    names = [d.split()[0] for d in directives]
    for name, hashes in additions.items():
        if name not in names:
            raise ValueError(name)
        i = names.index(name)
        directives[i] = " ".join([directives[i], *dict.fromkeys(hashes)])
    return "; ".join(directives)


class ThemeScripts:
    """The inline scripts written in the theme's templates, and each page's known scripts: those
    scripts rendered with the page's template context. The plugin keeps one for the life of the process."""

    def __init__(self) -> None:
        self._signature: tuple | None = None
        self._sources: list[str] = []
        self._templates: list = []
        self.known: dict[str, set[str]] = {}

    def sources(self, dirs: list[str]) -> list[str]:
        """The inline scripts of the theme's templates, as Jinja source (e.g. with {{ base_url }}).
        Read again only when a template changed (each language is a build of its own)."""
        templates = [t for folder in dirs for t in sorted(Path(folder).rglob("*.html"))]
        signature = tuple((str(t), t.stat().st_mtime_ns) for t in templates)
        if self._signature != signature:
            found = []
            for template in templates:
                found.extend(inline_scripts(JINJA_COMMENT.sub("", template.read_text(encoding="utf-8"))))
            self._signature, self._sources = signature, list(dict.fromkeys(found))
        return self._sources

    def start(self, env, dirs: list[str]) -> None:
        """A new build: the theme's scripts compiled in its template environment."""
        self._templates = [env.from_string(source) for source in self.sources(dirs)]
        self.known = {}

    def render(self, where: str, context) -> None:
        known = set()
        for template in self._templates:
            try:
                known.add(template.render(context))
            except Exception:   # a script that needs what this page lacks is not this page's
                continue
        self.known[where] = known


def add_hashes(html: str, where: str, serving: bool = False, known: set[str] = frozenset()) -> str:
    """The page with its policy completed; `known` are the inline scripts the theme wrote for it."""
    metas = list(META.finditer(html))
    if len(metas) != 1:
        raise PluginError(_problem(where, f"{len(metas)} 個の Content-Security-Policy meta 要素があります",
                                   f"has {len(metas)} Content-Security-Policy meta tags, not 1"))
    meta = metas[0]
    first_script = SCRIPT.search(html)
    if first_script and first_script.start() < meta.start():
        raise PluginError(_problem(where, "Content-Security-Policy meta 要素が最初の script 要素より後にあります",
                                   "has its Content-Security-Policy meta tag after a script"))
    scripts = inline_scripts(html)
    unknown = [s for s in scripts if s not in known]
    if unknown and not serving:
        raise PluginError(f"{where}: テーマが書いたものではないインラインスクリプトがあります（{_start(unknown[0])}） — "
                          "ページ・タイトル・データから削除してください / has an inline script the theme did not write "
                          f"({_start(unknown[0])}) — remove it from the page, its title or the data it shows")
    additions = {
        "script-src": ["'unsafe-inline'"] if serving else [source_hash(s) for s in scripts],
        "style-src-elem": [EMPTY_STYLE],
        "style-src-attr": [source_hash(s) for s in style_attributes(html)],
    }
    try:
        policy = with_hashes(meta.group(1), additions)
    except ValueError as missing:
        raise PluginError(_problem(where, f"Content-Security-Policy に {missing} がありません",
                                   f"has no {missing} in its Content-Security-Policy")) from None
    return html[:meta.start(1)] + policy + html[meta.end(1):]



def _start(script: str) -> str:
    """The start of a script, on one line, for an error message."""
    text = " ".join(script.split())
    return text[:60] + ("…" if len(text) > 60 else "")


def _problem(where: str, ja: str, en: str) -> str:
    return (f"{where}: {ja} — {TEMPLATE} の site_meta ブロックを確認してください / "
            f"{en} — check the site_meta block of {TEMPLATE}")
