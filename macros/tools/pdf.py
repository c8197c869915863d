"""The full report as a PDF per language and edition: `python -m macros.tools.pdf site/` (or `make pdf`).

Prints each language's print page (docs/print.md) of a built site with the Chromium the browser
tests use (Playwright, /usr/bin/chromium): A4 portrait with print media, the same print.css a
reader's own Ctrl+P gets, plus a footer on every sheet with the report's title, the page's address
and the page number (Chromium's header and footer templates: CSS page-margin boxes do not carry
that text in Chromium). The PDF has the page's text (selectable, searchable), its <title> and lang
as metadata, and bookmarks from its headings (Playwright's `outline`, with a tagged PDF).

Without Chromium (a local machine) the tool says that the PDFs were not made and exits 0, so a
local build still succeeds; the publish workflow passes --require, and a missing PDF then fails
the deploy instead of publishing a broken download link.
"""
from __future__ import annotations

import argparse
import html
import os
import re
import sys
from pathlib import Path

from ..core.errors import DataError
from ..core.site import Site, load_site

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu"]
# Site-relative paths: the print page and the PDF made from it, per language. Each edition's print
# page (editions/<id>/print/) gets its own PDF beside it (editions/<id>/pdf/…): an old edition's
# download stays that edition's when a newer one is published.
PRINT_PAGE = {"ja": "print/", "en": "en/print/"}


def pdf_paths(settings: Site) -> dict[str, str]:
    """Each published language's PDF, named in data/site.yaml (files.pdf: report → pdf/report-ja.pdf,
    en/pdf/report-en.pdf)."""
    return {lang: ("" if lang == "ja" else f"{lang}/") + f"pdf/{settings.pdf_name}-{lang}.pdf"
            for lang in settings.languages}


def edition_path(path: str, lang: str, edition: str | None) -> str:
    """PRINT_PAGE or a PDF's path (pdf_paths) of one edition: pdf/x.pdf → editions/2024-02/pdf/x.pdf (en/ stays first)."""
    if edition is None:
        return path
    prefix = "" if lang == "ja" else f"{lang}/"
    return prefix + f"editions/{edition}/" + path.removeprefix(prefix)


def editions_in(site: Path) -> list[str]:
    """The editions whose print page the built site has (drafts only in a preview build)."""
    return sorted(p.parent.parent.name for p in site.glob("editions/*/print/index.html"))
# The same margins as print.css's @page, which Chromium gives precedence.
MARGIN = {"top": "16mm", "bottom": "18mm", "left": "14mm", "right": "14mm"}
PAGE_WORD = {"ja": "ページ", "en": "Page"}


def footer_template(title: str, address: str, lang: str) -> str:
    """Chromium's footer for every sheet: title, address, page n / N (its classes fill them in)."""
    return (
        '<div style="font-size:7pt;width:100%;margin:0 14mm;display:flex;gap:2em;'
        'justify-content:space-between;color:#333;font-family:sans-serif">'
        f'<span>{html.escape(title)}<br>{html.escape(address)}</span>'
        f'<span style="white-space:nowrap">{PAGE_WORD[lang]} <span class="pageNumber"></span> / '
        '<span class="totalPages"></span></span></div>')


def print_pdf(page, url: str, lang: str, path: Path | None = None, address: str | None = None) -> bytes:
    """Print the page at url to A4 PDF, as the published PDFs are printed; returns the bytes."""
    page.emulate_media(media="print")
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    title = page.title()
    return page.pdf(path=str(path) if path else None, format="A4", print_background=True,
                    display_header_footer=True, header_template="<span></span>",
                    footer_template=footer_template(title, address or url, lang),
                    margin=MARGIN, outline=True, tagged=True)


def site_url(site: Path) -> str:
    """The published address as the build saw it (mkdocs.yml: site_url, from $SITE_URL): the home
    page's canonical link, so this tool needs no MkDocs."""
    home = site / "index.html"
    found = re.search(r'<link rel="canonical" href="([^"]*)"', home.read_text(encoding="utf-8")) if home.is_file() else None
    return html.unescape(found.group(1)) if found else ""


def make_pdfs(site: Path, paths: dict[str, str], browser=None, chromium: str = CHROMIUM) -> list[Path]:
    """Print the print page of each language in `paths` (pdf_paths) of the built site to its PDF;
    returns the files written.

    Uses the given Playwright browser, or launches Chromium for the purpose."""
    if browser is None:
        from playwright.sync_api import sync_playwright
        with sync_playwright() as p:
            launched = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            try:
                return make_pdfs(site, paths, launched)
            finally:
                launched.close()
    published = site_url(site)
    base = site.resolve().as_uri() + "/"
    written = []
    context = browser.new_context()
    context.set_default_timeout(180_000)
    try:
        page = context.new_page()
        for edition in [None] + editions_in(site):
            for lang, pdf_path in paths.items():
                page_path = edition_path(PRINT_PAGE[lang], lang, edition)
                out = site / edition_path(pdf_path, lang, edition)
                out.parent.mkdir(parents=True, exist_ok=True)
                print_pdf(page, base + page_path + "index.html", lang, out,
                          address=published + page_path if published else None)
                written.append(out)
    finally:
        context.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.tools.pdf", description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the built site (make build writes site/)")
    parser.add_argument("--require", action="store_true", help="fail when Chromium is missing (publishing)")
    parser.add_argument("--chromium", default=CHROMIUM)
    parser.add_argument("--root", type=Path, default=Path.cwd(),
                        help="the site's folder, whose data/site.yaml names the PDFs (default: the current folder)")
    args = parser.parse_args(argv)
    if not (args.site / PRINT_PAGE["ja"] / "index.html").is_file():
        print(f"{args.site}: 印刷用ページがありません。先に make build を実行してください"
              " / no print page in the site: run make build first", file=sys.stderr)
        return 1
    try:
        paths = pdf_paths(load_site(args.root))
    except DataError as err:
        print(err, file=sys.stderr)
        return 1
    if not os.access(args.chromium, os.X_OK):
        print(f"NOTICE  -  PDF版は作成していません：{args.chromium} がありません（make setup-browser）"
              f" / the PDFs were not made: {args.chromium} is missing (make setup-browser)", file=sys.stderr)
        return 1 if args.require else 0
    for out in make_pdfs(args.site, paths, chromium=args.chromium):
        print(f"wrote {out} ({out.stat().st_size / 1024:.0f} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
