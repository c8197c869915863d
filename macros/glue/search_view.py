"""The search engine's view of generated HTML: without its `data-search-exclude` parts or permalinks.

The pages mark what search leaves out (charts, progress bars, badges, year labels): on a strategy
page that is half of the markup. search_index.py reads each built page through these two functions
before it takes its text, as Material's search plugin would have left those parts out.

A scanner of our own rather than an HTML library: it only reads HTML our autoescaped templates
wrote (every `<` and `>` inside an attribute or text is escaped), and it must cost next to nothing.
"""
from __future__ import annotations

import re
from functools import lru_cache

# The permalink Python-Markdown's toc extension puts in each heading; Material's search skips it.
PERMALINK = re.compile(r'<a class="headerlink" href="[^"<>]*" title="[^"<>]*">[^<]*</a>')
EXCLUDED_START = re.compile(r"<([a-z][a-z0-9]*)\b[^>]*?\sdata-search-exclude\b[^>]*>")
VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())


@lru_cache(maxsize=None)
def _same_tag(tag: str) -> re.Pattern:
    return re.compile(rf"<(/?){tag}\b[^>]*>")


def without_search_excluded(html: str) -> str:
    """The HTML with every element marked data-search-exclude removed, contents and all."""
    parts: list[str] = []
    pos = 0
    while (start := EXCLUDED_START.search(html, pos)) is not None:
        parts.append(html[pos:start.start()])
        pos = _end_of_element(html, start.group(1), start.end())
    parts.append(html[pos:])
    return "".join(parts)


def _end_of_element(html: str, tag: str, pos: int) -> int:
    if tag in VOID:
        return pos
    depth = 1
    while depth:
        m = _same_tag(tag).search(html, pos)
        if m is None:
            raise ValueError(f"<{tag} data-search-exclude> is not closed in generated HTML")
        depth += -1 if m.group(1) else 1
        pos = m.end()
    return pos


def without_permalinks(html: str) -> str:
    """The page's HTML without the heading permalinks (the ¶ after each heading), which search skips."""
    return PERMALINK.sub("", html)
