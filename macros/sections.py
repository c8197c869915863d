"""Python-Markdown extension: the content under each h2/h3 heading goes into a <div class="section-body">.

Why: a strategy page is long (≈1,300 elements of tables and Japanese prose). A phone spent most of
its first seconds on style, layout and text shaping of content far below the screen. site.css gives
each section body `content-visibility: auto`, so the browser skips the ones nobody has scrolled to.

The headings stay outside the bodies on purpose: Material's table of contents reads every heading's
position on load, and reading the position of an element inside a skipped body would force the
browser to lay that body out after all.

Only top-level content is wrapped: headings nested in other blocks (admonitions, details, tables)
are left where they are. A footnotes block stays outside, as it belongs to the whole page.
"""
from __future__ import annotations

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
        if body is None and out and out[-1].tag in SECTION_HEADINGS and not _ends_body(el):
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
