"""Every internal link of the built site resolves: href/src in every HTML file, both languages.

A link is internal when it is relative, root-relative, or starts with site_url (canonical links).
It must name an existing file (a folder means its index.html), and its #anchor must be an id
(or <a name>) in the target page. The downloads under /data/ are files of the site like any other.
"""
from __future__ import annotations

import posixpath
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from macros.core.site import load_site
from macros.tools.pdf import edition_path, pdf_paths
from tests.conftest import needs_english

LINK_ATTRS = {"href", "src"}
# Files that `make pdf` adds to the built site (the publish workflow runs it; a local build may not).
# Each edition's print page links the PDF made beside it (editions/<id>/pdf/).
PDF_PATH = pdf_paths(load_site(Path(__file__).resolve().parents[2]))
MADE_AFTER_BUILD = frozenset(PDF_PATH.values()) | frozenset(
    edition_path(path, lang, p.name) for p in (Path(__file__).resolve().parents[2] / "docs" / "editions").iterdir()
    for lang, path in PDF_PATH.items())
EXTERNAL_SCHEMES = {"http", "https", "mailto", "tel", "data", "javascript", "blob"}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[int, str, str, str]] = []   # line, tag, attribute, url
        self.anchors: set[str] = set()

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.anchors.add(value)
            if name in LINK_ATTRS:
                self.links.append((line, tag, name, value))

    handle_startendtag = handle_starttag


@lru_cache(maxsize=None)
def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


@lru_cache(maxsize=None)
def _site_url(root: Path) -> str:
    """site_url as the build saw it (mkdocs.yml may take it from $SITE_URL)."""
    from mkdocs.config import load_config
    with open(root / "mkdocs.yml", encoding="utf-8") as f:
        return load_config(config_file=f, site_dir="/nonexistent")["site_url"] or ""


def _target(site: Path, page_rel: str, url: str, site_url: str) -> tuple[str | None, str] | None:
    """(site-relative path or None if it leaves the site, fragment); None for external URLs."""
    base = urlsplit(site_url).path or "/"          # e.g. /mine-sousei-report/
    if site_url and url.startswith(site_url):
        url = base + url[len(site_url):]
    parts = urlsplit(url)
    if parts.scheme in EXTERNAL_SCHEMES or parts.netloc:
        return None
    fragment = unquote(parts.fragment)
    if not parts.path:
        return page_rel, fragment
    path = unquote(parts.path)
    if path.startswith("/"):
        if not (path + "/").startswith(base):
            return None, fragment                   # root-relative, outside the site's folder
        joined = posixpath.normpath(path[len(base):] or ".")
    else:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(page_rel), path))
    if joined == ".." or joined.startswith("../"):
        return None, fragment
    if path.endswith("/") or (site / joined).is_dir():
        joined = posixpath.join(joined, "index.html") if joined != "." else "index.html"
    return joined, fragment


def _html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@needs_english
def test_both_languages_are_checked(site):
    rels = {p.relative_to(site).as_posix() for p in _html_files(site)}
    assert "index.html" in rels and "en/index.html" in rels
    assert sum(r.startswith("en/") for r in rels) >= 10


def test_every_internal_link_resolves(site, root):
    site_url = _site_url(root)
    broken, checked = [], 0
    for html in _html_files(site):
        page_rel = html.relative_to(site).as_posix()
        for line, tag, attr, url in _parse(html).links:
            resolved = _target(site, page_rel, url, site_url)
            if resolved is None:
                continue
            checked += 1
            target, fragment = resolved
            where = f"{page_rel}:{line}: <{tag} {attr}={url!r}>"
            if target is None:
                broken.append(f"{where} leaves the site")
                continue
            if target in MADE_AFTER_BUILD:
                continue   # the PDFs: tests/browser/test_print.py makes them and follows these links
            if not (site / target).is_file():
                broken.append(f"{where} -> {target} does not exist")
                continue
            if fragment and target.endswith(".html") and fragment not in _parse(site / target).anchors:
                broken.append(f"{where} -> no id {fragment!r} in {target}")
    assert checked > 500, f"only {checked} internal links found: is the parser broken?"
    assert not broken, f"{len(broken)} broken internal links:\n" + "\n".join(broken[:60])


@pytest.mark.reference_site
def test_the_pdfs_are_linked_from_the_print_pages(site, root):
    """Each print page links its language's PDF (the file itself is checked after `make pdf`)."""
    site_url = _site_url(root)
    for lang, page, pdf_path in (("ja", "print/index.html", PDF_PATH["ja"]), ("en", "en/print/index.html", PDF_PATH["en"]),
                                 ("ja", "editions/2024-02/print/index.html", "editions/2024-02/" + PDF_PATH["ja"]),
                                 ("en", "en/editions/2024-02/print/index.html", edition_path(PDF_PATH["en"], "en", "2024-02"))):
        targets = {r[0] for *_, url in _parse(site / page).links if (r := _target(site, page, url, site_url))}
        assert pdf_path in targets, f"{page} does not link {pdf_path}"


@needs_english
def test_downloads_are_linked_from_both_languages(site, root):
    """The data pages link the downloads, and the links resolve to the written files."""
    site_url = _site_url(root)
    for lang_page in ("data/index.html", "en/data/index.html"):
        targets = set()
        for _, _, _, url in _parse(site / lang_page).links:
            resolved = _target(site, lang_page, url, site_url)
            if resolved and resolved[0]:
                targets.add(resolved[0])
        for name in ("data/kpis.csv", "data/kpis.json"):
            assert name in targets, f"{lang_page} does not link {name}"
            assert (site / name).is_file()


@pytest.mark.parametrize("url, expected", [
    ("../strategy-1/#m-1-1-1", ("strategy-1/index.html", "m-1-1-1")),
    ("#top", ("kpis/index.html", "top")),
    ("../data/kpis.csv", ("data/kpis.csv", "")),
    ("https://example.org/", None),
    ("../../outside/", (None, "")),
])
def test_resolver(tmp_path, url, expected):
    (tmp_path / "strategy-1").mkdir()
    assert _target(tmp_path, "kpis/index.html", url, "") == expected
