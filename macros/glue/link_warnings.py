"""MkDocs' link warnings, reworded as the project's one-line errors (file:line, ja and en, a fix).

MkDocs checks every link and anchor and, in strict mode, stops the build on a warning, but its
message names the file without docs/ and without a line: "Doc file 'glossary.md' contains a link
'nowhere.md', but the target is not found among documentation files." This filter keeps the
record (and its level, which strict mode counts) and only rewrites the text an editor reads.

It matches MkDocs' English wording, which MkDocs does not promise to keep: `install()` adds the
filter only for the MkDocs version it was written for (glue/upstream.py); with another version the
warnings keep MkDocs' own words, and strict mode still stops the build on them.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path

from ..core.errors import DataError, problem
from . import upstream

LOGGER = "mkdocs.structure.pages"

_MESSAGE = re.compile(r"Doc file '(?P<src>[^']+)' contains (?P<kind>a|an absolute|an unrecognized relative) "
                      r"link '(?P<link>[^']*)'(?:, but (?P<why>.*?)\.(?= |$)|, it was left as is\.)(?P<hint>.*)$",
                      re.S)
_DID_YOU_MEAN = re.compile(r"Did you mean '([^']*)'\?")


def _problem(kind: str, link: str, why: str | None, hint: str):
    suggestion = _DID_YOU_MEAN.search(hint)
    fix_ja = f"「{suggestion.group(1)}」ではありませんか" if suggestion else None
    fix_en = f"did you mean '{suggestion.group(1)}'?" if suggestion else None
    if kind == "an absolute":
        return problem(f"リンク「{link}」は / で始まる絶対パスで、公開場所によってはリンク切れになります",
                       f"the link '{link}' is an absolute path, which breaks when the site is published under a folder",
                       fix_ja or "このページからの相対パス（例: data.md）にしてください",
                       fix_en or "make it relative to this page (e.g. data.md)")
    if why and "anchor" in why:
        return problem(f"リンク「{link}」の見出し（#以降）がリンク先にありません",
                       f"the link '{link}' points to a heading that does not exist ({why})",
                       fix_ja or "リンク先ページの見出しの ID（{#...}）と合わせてください",
                       fix_en or "use the id of an existing heading ({#...}) on the target page")
    return problem(f"リンク「{link}」のリンク先のページがありません",
                   f"the link '{link}' points to no page in docs/",
                   fix_ja or "docs/ にあるページのファイル名（例: data.md）にしてください",
                   fix_en or "link to a page that exists in docs/ (e.g. data.md)")


def _line_of(source: Path, link: str) -> int | None:
    """The line of the page's own Markdown that holds the link (none if a macro generated it)."""
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    patterns = [f"]({link}", f"]( {link}", f"]: {link}", f'href="{link}"']
    for n, line in enumerate(lines, 1):
        if any(p in line for p in patterns):
            return n
    return None


class LinkWarnings(logging.Filter):
    def __init__(self, docs_dir: str) -> None:
        super().__init__()
        self.docs_dir = Path(docs_dir)

    def filter(self, record: logging.LogRecord) -> bool:
        m = _MESSAGE.match(record.getMessage())
        if m:
            src, link = m.group("src"), m.group("link")
            error = DataError(f"docs/{src}", _line_of(self.docs_dir / src, link), "link",
                              _problem(m.group("kind"), link, m.group("why"), m.group("hint")))
            record.msg, record.args = str(error), ()
        return True


def install(docs_dir: str) -> None:
    """Each build (one per language) calls it: the filter is replaced, never stacked."""
    logger = logging.getLogger(LOGGER)
    for f in [f for f in logger.filters if isinstance(f, LinkWarnings)]:
        logger.removeFilter(f)
    if upstream.matches("link_warnings"):
        logger.addFilter(LinkWarnings(docs_dir))
