"""Section bodies: the content under each h2/h3 heading goes into a <div class="section-body">.

Why: a strategy page is long (≈1,300 elements of tables and Japanese prose). A phone spent most of
its first seconds on style, layout and text shaping of content far below the screen. Bodies below
the first screens are marked lazy with an estimated height (size_section_bodies, run once a page's
generated HTML is back), and site.css gives them `content-visibility: auto`: the browser skips the
ones nobody has scrolled to.

Two parts: a Python-Markdown extension wraps the bodies; size_section_bodies marks and sizes them.

The headings stay outside the bodies on purpose: Material's table of contents reads every heading's
position on load, and reading the position of an element inside a skipped body would force the
browser to lay that body out after all.

Only top-level content is wrapped: headings nested in other blocks (admonitions, details, tables)
are left where they are. A footnotes block stays outside, as it belongs to the whole page.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

SECTION_HEADINGS = frozenset({"h2", "h3"})
BODY_CLASS = "section-body"


def _ends_body(el: etree.Element) -> bool:
    return el.tag in SECTION_HEADINGS or "footnote" in (el.get("class") or "").split()


def wrap_section_bodies(root: etree.Element) -> None:
    """Move the top-level elements after each h2/h3 (up to the next one) into a body div, in place."""
    children = list(root)
    out: list[etree.Element] = []
    body = None
    for el in children:
        if _ends_body(el):
            body = None
        elif body is None and out and out[-1].tag in SECTION_HEADINGS:
            body = etree.Element("div", {"class": BODY_CLASS})
            body.text = body.tail = "\n"
            out.append(body)
        (body if body is not None else out).append(el)
    for el in children:
        root.remove(el)
    root.extend(out)


class SectionsTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        wrap_section_bodies(root)


class SectionsExtension(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 - Python-Markdown's API
        # Priority 1: after toc (5) and footnotes (50), so ids and the footnote block already exist.
        md.treeprocessors.register(SectionsTreeprocessor(md), "section_bodies", 1)


def makeExtension(**kwargs) -> SectionsExtension:  # noqa: N802 - Python-Markdown's entry point
    return SectionsExtension(**kwargs)


# --- estimated heights ----------------------------------------------------------------------
# A skipped body is laid out at its placeholder size (contain-intrinsic-size) until drawn. The
# placeholder must not be smaller than the body: tools that lay out one element of a skipped body
# (accessibility checkers, e.g. for colour contrast) would otherwise find it lying over whatever is
# drawn below the placeholder, such as the footer. So each body gets an estimate from its content,
# for the narrowest phone (320 px: 18 Japanese characters to a 25.6 px line), on the high side;
# a browser test checks it against real heights. Once drawn, "auto" keeps the real height.
_TAG = re.compile(r"<[^>]+>")
_BLOCK_TAGS = ("<p>", "<p ", "<li>", "<li ", "<h4", "<dt>", "<dd>", "<caption>")
_CHART_HEIGHT = re.compile(r"height:(\d+)px")
_BODY_START = f'<div class="{BODY_CLASS}">'
SAFETY = 1.7
# (String methods rather than regular expressions where they do: this runs for every body of
# every page, and a slow estimate was a tenth of a strategy page's build time.)


def _text_px(html: str, cjk_px: float, other_px: float) -> float:
    text = " ".join(_TAG.sub(" ", html).split())
    # Japanese characters take three bytes in UTF-8, ASCII one: the difference counts them.
    wide = (len(text.encode("utf-8")) - len(text)) // 2
    return wide * cjk_px + (len(text) - wide) * other_px


def _cut(html: str, tag: str) -> tuple[list[str], str]:
    """The <tag>…</tag> elements of the HTML (not nested in each other), and the HTML without them."""
    found, rest, pos = [], [], 0
    while (start := html.find(f"<{tag}", pos)) != -1:
        end = html.find(f"</{tag}>", start)
        if end == -1:
            break
        rest.append(html[pos:start])
        found.append(html[start:end + len(tag) + 3])
        pos = end + len(tag) + 3
    rest.append(html[pos:])
    return found, "".join(rest)


def estimate_height(html: str) -> int:
    """A height in px no smaller than the HTML's on a 320 px wide screen."""
    figures, html = _cut(html, "figure")
    tables, prose = _cut(html, "table")
    px = (40 + _text_px(prose, 1.5, 0.8) + 30 * sum(prose.count(t) for t in _BLOCK_TAGS)
          + sum(60 + 30 * t.count("<tr") + _text_px(t, 1.6, 0.9) for t in tables)
          + sum(80 + sum(map(int, _CHART_HEIGHT.findall(f))) for f in figures))
    return int(px * SAFETY)


# Bodies that begin within this distance of the top (estimated for a 320 px screen, without the
# safety margin) are drawn at once: they are on or near the first screen of any device, and a
# placeholder there would be swapped for the real body in view, making the page jump.
EAGER_PX = 3000


def size_section_bodies(html: str) -> str:
    """Mark the section bodies below the first screens lazy, each with its estimated height.

    Runs on a page's HTML after its fragments are back, so that tables and charts are counted.
    """
    parts = html.split(_BODY_START)
    out, top = [parts[0]], estimate_height(parts[0]) / SAFETY
    for part in parts[1:]:
        height = estimate_height(part)
        if top < EAGER_PX:
            out.append(_BODY_START + part)
        else:
            out.append(f'<div class="{BODY_CLASS} {BODY_CLASS}--lazy" style="contain-intrinsic-size:auto {height}px">' + part)
        top += height / SAFETY
    return "".join(out)
