"""MkDocs' link warnings, reworded as the project's one-line errors (file:line, ja and en, a fix).

MkDocs checks every link and anchor and, in strict mode, stops the build on a warning, but its
message names the file without docs/ and without a line: "Doc file 'glossary.md' contains a link
'nowhere.md', but the target is not found among documentation files." This filter keeps the
record (and its level, which strict mode counts) and only rewrites the text an editor reads.

A broken link stops the build, so it is shown as an ERROR, the word staff look for (guide §2.5);
strict mode counts it all the same. The fix names the page meant: the right relative path to a page
of that name, or the nearest file name (difflib). A page that shows other pages (print.md) repeats
their links: the mistake is named once, at the page and line where it was written.

It matches MkDocs' English wording, which MkDocs does not promise to keep: it is written for the
version pinned in requirements.txt, and tests/glue/test_upstream.py fails on any other until the
patterns have been checked against it (a warning it does not recognise keeps MkDocs' own words, and
strict mode still stops the build on it).
"""
from __future__ import annotations

import difflib
import logging
import posixpath
import re
from pathlib import Path

from ..core.errors import DataError, problem
from .edition_pages import EDITIONS_DIR

LOGGER = "mkdocs.structure.pages"

_MESSAGE = re.compile(r"Doc file '(?P<src>[^']+)' contains (?P<kind>a|an absolute|an unrecognized relative) "
                      r"link '(?P<link>[^']*)'(?:, but (?P<why>.*?)\.(?= |$)|, it was left as is\.)(?P<hint>.*)$",
                      re.S)
_DID_YOU_MEAN = re.compile(r"Did you mean '([^']*)'\?")


def _pages(docs_dir: Path) -> list[str]:
    """Every page's name as links are written (the Japanese file name), relative to docs/."""
    return sorted({re.sub(r"\.[a-z]{2}\.md$", ".md", p.relative_to(docs_dir).as_posix())
                   for p in docs_dir.rglob("*.md")})


def _meant(docs_dir: Path, src: str, link: str) -> str | None:
    """The link staff probably meant, relative to the page: the page of that file name elsewhere in docs/
    (../../data.md for data.md), or the nearest file name (kpis.md for kpi.md); None if nothing is near."""
    path = link.partition("#")[0]
    if not path.endswith(".md"):
        return None
    here = posixpath.dirname(src)
    pages = _pages(docs_dir)
    same_name = [p for p in pages if posixpath.basename(p) == posixpath.basename(path)]
    # the nearest folder first: the page's own edition, then the site's common pages
    candidates = same_name or difflib.get_close_matches(
        posixpath.normpath(posixpath.join(here, path)), pages, n=1, cutoff=0.75)
    if not candidates:
        return None
    best = min(candidates, key=lambda p: len(posixpath.relpath(p, here or ".")))
    anchor = link[len(path):]
    return posixpath.relpath(best, here or ".") + anchor


def _problem(kind: str, link: str, why: str | None, meant: str | None):
    fix_ja = f"「{meant}」ではありませんか" if meant else None
    fix_en = f"did you mean '{meant}'?" if meant else None
    if kind == "an absolute":
        return problem(f"リンク「{link}」は / で始まる絶対パスで、公開場所によってはリンク切れになります",
                       f"the link '{link}' is an absolute path, which breaks when the site is published under a folder",
                       fix_ja or "このページからの相対パス（例: ../../data.md）にしてください",
                       fix_en or "make it relative to this page (e.g. ../../data.md)")
    if why and "anchor" in why:
        return problem(f"リンク「{link}」の見出し（#以降）がリンク先にありません",
                       f"the link '{link}' points to a heading that does not exist ({why})",
                       fix_ja or "リンク先ページの見出しの ID（{#...}）と合わせてください",
                       fix_en or "use the id of an existing heading ({#...}) on the target page")
    return problem(f"リンク「{link}」のリンク先のページがありません",
                   f"the link '{link}' points to no page in docs/",
                   fix_ja or "このページからリンク先のページまでの相対パスにしてください（版のページからすべての版に共通のページへは ../../data.md）",
                   fix_en or "give the path from this page to the page linked (from an edition's page to a common page: ../../data.md)")


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
        self.reported: set[str] = set()

    def _written_at(self, src: str, link: str) -> tuple[str, int | None, str]:
        """The page, line and link as written: on the page itself; for a page that shows the other pages
        of its folder (print.md), on the one that holds it; for a page at today's address, on the latest
        edition's page of that name (where the link is written relative to the edition's folder)."""
        line = _line_of(self.docs_dir / src, link)
        if line is not None:
            return src, line, link
        folder = (self.docs_dir / src).parent
        for other in sorted(folder.glob("*.md")):
            found = _line_of(other, link)
            if found is not None and other.name != Path(src).name:
                return other.relative_to(self.docs_dir).as_posix(), found, link
        if "/" not in src:   # a page at today's address shows the latest edition's namesake, its links rebased
            for edition in sorted((self.docs_dir / EDITIONS_DIR).glob("*/"), reverse=True):
                page = edition / src
                for written in (link, posixpath.relpath(posixpath.normpath(link), f"{EDITIONS_DIR}/{edition.name}")):
                    found = _line_of(page, written) if page.is_file() else None
                    if found is not None:
                        return page.relative_to(self.docs_dir).as_posix(), found, written
        return src, None, link

    def filter(self, record: logging.LogRecord) -> bool:
        m = _MESSAGE.match(record.getMessage())
        if m:
            src, line, link = self._written_at(m.group("src"), m.group("link"))
            suggestion = _DID_YOU_MEAN.search(m.group("hint"))
            missing_page = m.group("kind") != "an absolute" and "anchor" not in (m.group("why") or "")
            if suggestion:   # MkDocs' suggestion is relative to the page it reported; say it from where it was written
                meant = posixpath.relpath(posixpath.normpath(posixpath.join(posixpath.dirname(m.group("src")),
                                                                            suggestion.group(1))),
                                          posixpath.dirname(src) or ".")
            else:
                meant = _meant(self.docs_dir, src, link) if missing_page else None
            error = str(DataError(f"docs/{src}", line, "link", _problem(m.group("kind"), link, m.group("why"), meant)))
            if error in self.reported:
                return False     # shown once, where it was written (strict mode has counted it already)
            self.reported.add(error)
            record.msg, record.args = error, ()
            record.levelno, record.levelname = logging.ERROR, logging.getLevelName(logging.ERROR)
        return True


def install(docs_dir: str) -> None:
    """Each build (one per language) calls it: the filter is replaced, never stacked."""
    logger = logging.getLogger(LOGGER)
    for f in [f for f in logger.filters if isinstance(f, LinkWarnings)]:
        logger.removeFilter(f)
    logger.addFilter(LinkWarnings(docs_dir))
