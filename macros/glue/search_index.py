"""One search index per language, loaded by the search worker only when a reader first searches.

Material's search plugin splits every page into sections (one per heading with an id) and writes
them all, both languages together, to search/search_index.json, which its JavaScript fetches on
every first visit. After the build this module:

- writes search/<lang>.json for each language: [location, title, text] for each section, with the
  text as plain NFKC-normalised text (full-width letters and digits folded, as the worker folds a
  query), and one more entry for each KPI block (an element with id="kpi-<id>"), so that a KPI's
  result leads to the KPI itself;
- leaves search/search_index.json with Material's configuration and no documents, since
  overrides/assets/javascripts/search-worker.js loads the reader's language only.
"""
from __future__ import annotations

import html
import json
import re
import unicodedata
from pathlib import Path

from macros.glue.search_view import without_search_excluded

INDEX = Path("search") / "search_index.json"
TAG = re.compile(r"<[^>]*>")
SPACE = re.compile(r"\s+")
# A KPI block: id="kpi-1-1-1-1" (the KPI list's headings are kpi-list-…, not KPIs).
KPI_START = re.compile(r'<([a-z][a-z0-9]*)\b[^>]*?\sid="(kpi-\d+(?:-\d+)+)"[^>]*>')
# The KPI's name inside its block: an element marked class="kpi-name", else its first header cell
# or heading.
KPI_NAME = re.compile(r'<([a-z][a-z0-9]*)\b[^>]*?\sclass="[^"]*\bkpi-name\b[^"]*"[^>]*>|<(th|h[1-6])\b[^>]*>')


def plain_text(fragment: str) -> str:
    """Text of an HTML fragment: tags dropped, entities decoded, NFKC, whitespace collapsed."""
    text = html.unescape(TAG.sub(" ", fragment))
    return SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def _element_end(page: str, tag: str, pos: int) -> int:
    same = re.compile(rf"<(/?){tag}\b[^>]*>")
    depth = 1
    while depth:
        m = same.search(page, pos)
        if m is None:
            return len(page)
        depth += -1 if m.group(1) else 1
        pos = m.end()
    return pos


def kpi_entries(page_html: str, location: str) -> list[list[str]]:
    """[location#kpi-id, KPI name, text] for each KPI block of a built page, as search sees it."""
    entries = []
    for m in KPI_START.finditer(page_html):
        block = without_search_excluded(page_html[m.start():_element_end(page_html, m.group(1), m.end())])
        inner = block[block.index(">") + 1:]
        name = KPI_NAME.search(inner)
        if name is not None:
            tag = name.group(1) or name.group(2)
            title = plain_text(inner[name.start():_element_end(inner, tag, name.end())])
        else:
            title = plain_text(inner)
        entries.append([f"{location}#{m.group(2)}", title, plain_text(inner)])
    return entries


def language_of(location: str, prefixes: dict[str, str]) -> str:
    """The language whose URL prefix ("en/") the location starts with; "" is the default one."""
    for lang, prefix in prefixes.items():
        if prefix and location.startswith(prefix):
            return lang
    return next(lang for lang, prefix in prefixes.items() if not prefix)


def split_index(site_dir: Path, prefixes: dict[str, str]) -> dict[str, int]:
    """Write search/<lang>.json from Material's index and empty the latter; return bytes written."""
    index_path = site_dir / INDEX
    index = json.loads(index_path.read_text(encoding="utf-8"))
    per_lang: dict[str, list[list[str]]] = {lang: [] for lang in prefixes}
    pages_done: set[str] = set()
    for doc in index["docs"]:
        location = doc["location"]
        lang = language_of(location, prefixes)
        per_lang[lang].append([location, plain_text(doc["title"]), plain_text(doc.get("text", ""))])
        page = location.split("#")[0]
        if page not in pages_done:
            pages_done.add(page)
            built = site_dir / page / "index.html" if not page.endswith(".html") else site_dir / page
            if built.is_file():
                per_lang[lang].extend(kpi_entries(built.read_text(encoding="utf-8"), page))
    sizes = {}
    for lang, docs in per_lang.items():
        out = site_dir / "search" / f"{lang}.json"
        data = json.dumps({"docs": docs}, ensure_ascii=False, separators=(",", ":"))
        out.write_text(data, encoding="utf-8")
        sizes[lang] = len(data.encode("utf-8"))
    index["docs"] = []
    index_path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return sizes
