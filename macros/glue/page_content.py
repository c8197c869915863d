"""A page's own content may not carry anything that runs or that changes where the page sends readers:
no `<script>`, `on…=` attribute, `javascript:` URL, `<iframe>`, `<object>`, `<embed>`, `<base>`,
`<form>` or `<meta http-equiv>` (and their older relatives, `<frame>`, `<frameset>`, `<applet>`).

What is checked is the HTML Markdown made of the page (hooks.on_page_content), before the site's
own fragments are put back (glue/deferred.py): raw HTML an editor wrote, a Markdown link to
`javascript:`, an attribute added with `{: onclick=… }`, and what the macros put into the Markdown
from data (escaped: it arrives here as text). The site's fragments (tables, charts, the KPI filter's
`<form>`) come from its own templates with autoescape on and are not the page's content.

Read with html.parser, as a browser reads it (character references decoded, any spelling of a tag or
attribute), not with regular expressions, which miss `<script >`, `<SCRIPT`, `&#106;avascript:` and
attributes split over lines. Where the thing was written is then looked up in the page's source and
in the pages it shows (include_page, latest_edition_page): the first line that has it.
"""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

from ..core.errors import DataError, problem

FORBIDDEN_ELEMENTS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form"}
# What browsers remove from a URL before reading its scheme: leading C0 controls and spaces, and
# tabs and newlines anywhere (URL Standard).
_URL_IGNORED = re.compile(r"[\x00-\x20]")
_SCRIPT_SCHEMES = ("javascript:", "vbscript:")

# Nearly no page carries any of it, and parsing every page's HTML with html.parser cost seconds a build:
# a page is parsed only if its text could hold some of it. Tag and attribute names are read only as
# written, so `<script`, `<form`, … or ` on…=` must be there as such (an `on…` attribute without a value
# runs nothing); a javascript: URL needs "script:" with at most spaces, controls, &Tab; or &NewLine;
# between its letters (no named character reference stands for a letter), `&colon;` for its colon, or `&#`.
_SEPARATORS = r"(?:[\x00-\x20]|&tab;|&newline;)*"
_SUSPECT = re.compile("|".join([
    r"<(?:" + "|".join(sorted(FORBIDDEN_ELEMENTS | {"meta"})) + ")",
    r"""[\s'"/]on[^\s/=>]*\s*=""",
    "&#(?!34;|39;)",      # but the quotes Markup.escape writes, which cannot make a URL scheme
    _SEPARATORS.join("script") + _SEPARATORS + "(?::|&colon;)",
]), re.IGNORECASE)

class _Finder(HTMLParser):
    """Collects (what, pattern to find it in the source) for each forbidden thing, in page order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag in FORBIDDEN_ELEMENTS:
            self.found.append((f"<{tag}>", rf"<\s*{tag}\b"))
        elif tag == "meta" and any(name == "http-equiv" for name, _ in attrs):
            self.found.append(("<meta http-equiv>", r"http-equiv"))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((f"{name}=", rf"\b{re.escape(name)}\s*="))
            elif value and _URL_IGNORED.sub("", value).lower().startswith(_SCRIPT_SCHEMES):
                scheme = _URL_IGNORED.sub("", value).lower().split(":", 1)[0]
                self.found.append((f"{scheme}:", r"[\x00-\x20]*".join(scheme) + r"[\x00-\x20]*:"))

    handle_startendtag = handle_starttag


def forbidden(content: str) -> list[tuple[str, str]]:
    """Each forbidden element, attribute or URL in an HTML fragment: (its name, a pattern for its source)."""
    if not _SUSPECT.search(content):
        return []
    finder = _Finder()
    finder.feed(content)
    finder.close()
    return finder.found


def _where(page, pattern: str, docs: Path, included) -> tuple[str, int | None]:
    """The first file and line (the page's own source, then the files `included` into it) where
    `pattern` occurs, in the text as written or with its character references decoded."""
    for path in [Path(page.file.abs_src_path).resolve(), *included]:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError:
            continue
        for n, line in enumerate(lines, 1):
            if re.search(pattern, line, re.I) or re.search(pattern, html.unescape(line), re.I):
                return "docs/" + path.relative_to(docs).as_posix(), n
    return f"docs/{page.file.src_path}", None


def check(page, content: str, docs_dir: str, included=()) -> None:
    """Raise DataError for the first forbidden thing in the page's content (see the module docstring);
    `included`: the files whose Markdown the page's macros rendered into it."""
    found = forbidden(content)
    if not found:
        return
    what, pattern = found[0]
    file, line = _where(page, pattern, Path(docs_dir).resolve(), included)
    raise DataError(file, line, "HTML", problem(
        f"{what} はページに書けません（スクリプトや埋め込み、フォームは読者の安全のため使えません）",
        f"{what} is not allowed in a page (scripts, embedded frames and forms could harm readers)",
        "削除してください。表やグラフはマクロで、リンクは [文字](ページ.md) で書けます",
        "remove it; tables and charts come from the macros, links are written [text](page.md)"))
