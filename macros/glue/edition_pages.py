"""Which edition a page shows, and the latest edition at today's URLs.

Each edition's pages live in docs/editions/<id>/ and are built at /editions/<id>/ (their permanent
URL). The pages at the site's root (docs/index.md, docs/strategy-1.md, …) are one line each,
`{{ latest_edition_page() }}`: they show the latest published edition's page of the same name, so
every address that exists today keeps working and always shows the newest evaluation. Pages about
the site (methodology, data, glossary, accessibility) are not part of an edition and show the latest.

Markdown included from another folder is rebased: its relative links are rewritten for the page
that shows it (docs/editions/2024-02/index.md links ../../data.md; shown at the root, data.md).
"""
from __future__ import annotations

import posixpath
import re
from contextlib import contextmanager

EDITIONS_DIR = "editions"
_PREFIX = re.compile(rf"^{EDITIONS_DIR}/([^/]+)/")
# An inline Markdown link or image target: ](target) or ](target "title"); not an absolute URL or anchor.
_LINK = re.compile(r"\]\((?![a-zA-Z][a-zA-Z0-9+.-]*:|/|#)([^)\s]+)((?:\s+\"[^\"]*\")?)\)")


def edition_of(src_uri: str) -> str | None:
    """editions/2024-02/strategy-1.md → "2024-02"; a root page → None."""
    m = _PREFIX.match(src_uri)
    return m.group(1) if m else None


def page_name(src_uri: str) -> str:
    """The page's name within its edition, in the default language: editions/2024-02/index.en.md → index.md."""
    name = _PREFIX.sub("", src_uri)
    return re.sub(r"\.[a-z]{2}\.md$", ".md", name)


def page_url(name: str) -> str:
    """The site path of a page name: strategy-1.md → strategy-1/, index.md → "" (directory URLs)."""
    stem = name[:-3]
    if stem == "index":
        return ""
    return (stem[: -len("/index")] if stem.endswith("/index") else stem) + "/"


class ShownEditions:
    """The editions whose pages are being shown inside another page, innermost last (one per build)."""

    def __init__(self) -> None:
        self._stack: list[str] = []

    @contextmanager
    def showing(self, edition_id: str):
        """While an edition's page is rendered inside a root page, macros read that edition."""
        self._stack.append(edition_id)
        try:
            yield
        finally:
            self._stack.pop()

    def shown_edition(self, src_uri: str) -> str | None:
        """The edition a page's macros read now: the one being shown in it, else the page's own, else None (latest)."""
        return self._stack[-1] if self._stack else edition_of(src_uri)


def rebase_links(markdown: str, from_dir: str, to_dir: str, mirrored: str | None = None) -> str:
    """Rewrite relative Markdown links written in from_dir/ so that they work from a page in to_dir/.
    `mirrored`: an edition folder whose pages are also at the top level (the latest edition shown at
    today's addresses): a link into it leads to the top-level namesake, so the reader stays there."""
    if from_dir == to_dir:
        return markdown

    def fix(m: re.Match) -> str:
        target = m.group(1)
        path, sep, anchor = target.partition("#")
        if not path:
            return m.group(0)
        absolute = posixpath.normpath(posixpath.join(from_dir, path))
        if mirrored and absolute.startswith(mirrored + "/"):
            absolute = absolute[len(mirrored) + 1:]
        rel = posixpath.relpath(absolute, to_dir or ".")
        return f"]({rel}{sep}{anchor}{m.group(2)})"
    return _LINK.sub(fix, markdown)
