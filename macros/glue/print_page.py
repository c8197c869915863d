"""The full report on one page (docs/print.md): other pages' Markdown, included, never copied.

`include_page("strategy-1.md")` on the print page takes that page's Markdown in the print page's
language (strategy-1.en.md on the English print page), without its front matter, and demotes every
heading one level, so that the included page's title becomes a part of the report (h2) under the
report's title (h1). The page title gets a stable id and the class that starts it on a new sheet of
paper. Its other ids stay as they are: they are unique across the pages the report includes, and the
links of the included text (e.g. to #kpi-1-1-1-1) then find their target on the print page too.
`section=` takes one h2 section of a page (from its {#id} heading to the next h2).

Pure text functions; plugin.py wires them to the macro.
"""
from __future__ import annotations

import re

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_HEADING = re.compile(r"^(#{1,5}) ", re.M)
_H1 = re.compile(r"^# (.+?)\s*$", re.M)
_H2 = re.compile(r"^## .*$", re.M)
PART_CLASS = "print-part"


def source_name(page: str, lang: str) -> str:
    """strategy-1.md → strategy-1.en.md for the English print page."""
    return page if lang == "ja" else page[:-3] + f".{lang}.md"


def front_matter(markdown: str) -> dict:
    """A page's front matter (description, search settings), as MkDocs reads it."""
    from mkdocs.utils.meta import get_data
    return get_data(markdown)[1]


def without_front_matter(markdown: str) -> str:
    return _FRONT_MATTER.sub("", markdown, count=1)


def section(markdown: str, anchor: str) -> str | None:
    """The h2 section whose heading ends in {#anchor}, up to the next h2; None if there is none."""
    heads = list(_H2.finditer(markdown))
    for i, h in enumerate(heads):
        if re.search(r"\{#" + re.escape(anchor) + r"[\s}]", h.group(0)):
            end = heads[i + 1].start() if i + 1 < len(heads) else len(markdown)
            return markdown[h.start():end]
    return None


def demote(markdown: str, part_id: str) -> str:
    """Every heading one level down; the page's title (its h1) becomes an h2 {#part_id .print-part}."""
    markdown = _H1.sub(lambda m: f"# {m.group(1)} {{#{part_id} .{PART_CLASS}}}", markdown, count=1)
    return _HEADING.sub(lambda m: "#" + m.group(1) + " ", markdown)


def as_part(section_markdown: str, anchor: str) -> str:
    """An h2 section taken as a part of the report: its heading starts a new sheet too."""
    return section_markdown.replace("{#" + anchor + "}", "{#" + anchor + " ." + PART_CLASS + "}", 1)
