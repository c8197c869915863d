"""One search index per language, loaded by the search worker only when a reader first searches.

Material's search plugin writes every page's sections, both languages together, to
search/search_index.json, which its JavaScript fetches on every first visit; its text also runs
table cells together ("人口が増加298" + "17.3%" → "人口が増加29817.3%"), so a number in a table
could not be found. After the build this module writes search/<lang>.json for each language from
the built pages themselves (the pages Material indexed, so `search: exclude` still holds):

- one entry [location, title, text] for the page (its h1 and the text before the next heading) and
  one for each later heading with an id, up to the next one, as Material's results show them;
- one more entry for each search result a page's fragments carried (render/renderer.py `Fragment`:
  each KPI, at its anchor), so that a KPI's result leads to the KPI itself; they are told, not read
  back out of the HTML;
- text as readers see it: parts marked `data-search-exclude` and heading permalinks left out, block
  elements and table cells apart, inline elements joined, NFKC-normalised (full-width letters and
  digits folded, as the worker folds a query), one space between words.

Editions (docs/editions/<id>/): the latest edition is indexed once, at today's addresses (its copy
at /editions/<id>/ is left out, so a result is never listed twice); every other edition's results
carry the edition's name in their title, and the worker lists them after the latest edition's.

search/search_index.json keeps Material's configuration and no documents: the search box talks to
overrides/assets/javascripts/search-worker.js, which loads the reader's language only.
"""
from __future__ import annotations

import html
import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

from macros.glue.search_view import without_permalinks, without_search_excluded
from macros.render.renderer import SearchEntry

INDEX = Path("search") / "search_index.json"
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)?[^>]*>")
# Elements inside a line of text: their tags join the text around them; any other tag separates.
INLINE = frozenset("a abbr b bdi bdo cite code data del dfn em i ins kbd mark q s samp small span strong "
                   "sub sup time u var wbr".split())
ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*)</article>', re.S)
SCRIPT = re.compile(r"<(script|style)\b.*?</\1>", re.S)
HEADING = re.compile(r'<h([1-6])\b[^>]*?\sid="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
SPACE = re.compile(r"\s+")


def normalised(text: str) -> str:
    """Text as the index holds it: NFKC (as the worker folds a query), whitespace collapsed."""
    return SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def plain_text(fragment: str) -> str:
    """Text of an HTML fragment: tags dropped, entities decoded, NFKC, whitespace collapsed."""
    return normalised(html.unescape(TAG.sub(lambda m: "" if (m.group(2) or "").lower() in INLINE else " ",
                                            fragment)))


def language_of(location: str, prefixes: dict[str, str]) -> str:
    """The language whose URL prefix ("en/") the location starts with; "" is the default one."""
    for lang, prefix in prefixes.items():
        if prefix and location.startswith(prefix):
            return lang
    return next(lang for lang, prefix in prefixes.items() if not prefix)


def page_entries(page_html: str, location: str) -> list[list[str]]:
    """[location, title, text] for a built page and for each of its sections (headings with an id)."""
    m = ARTICLE.search(page_html)
    if m is None:
        return []
    article = without_permalinks(without_search_excluded(SCRIPT.sub("", m.group(1))))
    headings = list(HEADING.finditer(article))
    entries = []
    if not headings or headings[0].group(1) != "1":
        entries.append([location, "", plain_text(article[:headings[0].start() if headings else None])])
    for i, h in enumerate(headings):
        end = headings[i + 1].start() if i + 1 < len(headings) else len(article)
        anchor = "" if i == 0 and h.group(1) == "1" else f"#{h.group(2)}"
        entries.append([location + anchor, plain_text(h.group(3)), plain_text(article[h.end():end])])
    return entries


@lru_cache(maxsize=512)
def _page_entries(page_html: str, location: str) -> list[list[str]]:
    """page_entries, kept for the next build of the same process: the live preview rebuilds every page
    after an edit, and most come out the same (a pure function of its arguments)."""
    return page_entries(page_html, location)


def fragment_entries(search: Iterable[SearchEntry], location: str) -> list[list[str]]:
    """[location#anchor, title, text] for the search results a page's fragments carry, as the page's
    other entries are normalised."""
    return [[f"{location}#{e.anchor}", normalised(e.title), normalised(e.text)] for e in search]


def _edition_of(location: str, prefix: str) -> str | None:
    """editions/2024-02/strategy-1/ (after the language prefix) → "2024-02"."""
    m = re.match(r"editions/([^/]+)/", location[len(prefix):])
    return m.group(1) if m else None


def split_index(site_dir: Path, prefixes: dict[str, str], fragment_search: Mapping[str, Iterable[SearchEntry]],
                edition_names: dict[str, dict[str, str]] | None = None, latest: str | None = None) -> dict[str, int]:
    """Write search/<lang>.json for the pages in Material's index and empty the latter; return sizes.
    `fragment_search`: {page url: the search results its fragments carried};
    `edition_names`: {edition id: {lang: name}}, added to the titles of an edition's results;
    `latest`: the edition shown at today's addresses, whose copy under editions/ is not indexed again."""
    index_path = site_dir / INDEX
    index = json.loads(index_path.read_text(encoding="utf-8"))
    per_lang: dict[str, list[list[str]]] = {lang: [] for lang in prefixes}
    pages = dict.fromkeys(doc["location"].split("#")[0] for doc in index["docs"])
    for page in pages:
        built = site_dir / page / "index.html"
        if not built.is_file():
            continue
        lang = language_of(page, prefixes)
        edition = _edition_of(page, prefixes[lang])
        if edition is not None and edition == latest:
            continue
        entries = (_page_entries(built.read_text(encoding="utf-8"), page)
                   + fragment_entries(fragment_search.get(page, ()), page))
        name = (edition_names or {}).get(edition, {}).get(lang) if edition else None
        if name:
            template = "{}（{}）" if lang == "ja" else "{} ({})"
            entries = [[loc, template.format(title, name) if title else name, text] for loc, title, text in entries]
        per_lang[lang].extend(entries)
    sizes = {}
    for lang, docs in per_lang.items():
        out = site_dir / "search" / f"{lang}.json"
        data = json.dumps({"docs": docs}, ensure_ascii=False, separators=(",", ":"))
        out.write_text(data, encoding="utf-8")
        sizes[lang] = len(data.encode("utf-8"))
    index["docs"] = []
    index_path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return sizes
