"""The truth a search is judged against: each built page's text, read from its HTML independently of
the search index, and a broad set of queries generated from the site itself.

A page's searchable text is its article (Material's `md-content__inner`) without the parts marked
`data-search-exclude` (chart data, progress bars, badges, year labels: what the report shows as
pictures) and without the heading permalinks (¶), in sections: a new one at each heading with an id.
Text is compared in one normalised form: NFKC, lower case, one space between words. A page contains a
query when one of its sections holds every word of it (search lists the sections it found).
"""
from __future__ import annotations

import random
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import yaml

VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
# Elements inside a line of text join the text around them; any other element separates it.
INLINE = frozenset("a abbr b bdi bdo cite code data del dfn em i ins kbd mark q s samp small span strong "
                   "sub sup time u var wbr".split())
JAPANESE = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005\u3006\u30fc"
JAPANESE_RUN = re.compile(f"[{JAPANESE}]+")
HAS_JAPANESE = re.compile(f"[{JAPANESE}]")
NUMBER = re.compile(r"(?<![0-9a-z.,])\d+(?:[.,]\d+)*")
LATIN_WORD = re.compile(r"[a-z][a-z0-9]+(?:[-'][a-z0-9]+)*")


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).lower()).strip()


class _ArticleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0          # inside the article: element depth, 0 = outside
        self.skip = 0           # inside an excluded element: its depth
        self.sections: list[list[str]] = [[]]
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "title":
            self._in_title = True
        if self.depth == 0:
            if tag == "article" and "md-content__inner" in (a.get("class") or ""):
                self.depth = 1
            return
        if tag in VOID:
            if tag not in INLINE:
                self.sections[-1].append(" ")
            return
        self.depth += 1
        if re.fullmatch(r"h[1-6]", tag) and a.get("id") and not self.skip:
            self.sections.append([])
        if tag not in INLINE:
            self.sections[-1].append(" ")
        if self.skip == 0 and ("data-search-exclude" in a or "headerlink" in (a.get("class") or "")
                               or tag in ("script", "style")):
            self.skip = self.depth

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if self.depth == 0 or tag in VOID:
            return
        if self.skip == self.depth:
            self.skip = 0
        self.depth -= 1
        if tag not in INLINE:
            self.sections[-1].append(" ")

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self.depth and not self.skip:
            self.sections[-1].append(data)


def page_sections(html: str) -> list[str]:
    """The normalised searchable text of one built page, section by section."""
    parser = _ArticleText()
    parser.feed(html)
    return [normalise("".join(parts)) for parts in parser.sections]


def site_pages(site: Path) -> dict[str, dict[str, list[str]]]:
    """{"ja"|"en": {page location ("", "strategy-1/", "en/strategy-1/"): its sections' text}}."""
    out: dict[str, dict[str, str]] = {"ja": {}, "en": {}}
    for html in sorted(site.rglob("index.html")):
        rel = html.relative_to(site).parent.as_posix()
        location = "" if rel == "." else rel + "/"
        lang = "en" if location.startswith("en/") else "ja"
        out[lang][location] = page_sections(html.read_text(encoding="utf-8"))
    return out


def contains(text: str, query: str) -> bool:
    """Whether normalised page text holds every word of the query, as search promises: a word with
    Japanese in it anywhere, any other word (Latin letters, digits) at the start of a word."""
    for word in normalise(query).split(" "):
        if HAS_JAPANESE.search(word):
            if word not in text:
                return False
        elif not re.search(f"(?<![^\\W_{JAPANESE}])" + re.escape(word), text):
            return False
    return True


def expected(pages: dict[str, list[str]], query: str) -> set[str]:
    """The pages with a section that contains the query."""
    return {location for location, sections in pages.items() if any(contains(s, query) for s in sections)}


def generate_queries(pages: dict[str, list[str]], lang: str, names: list[str], per_page: int = 25,
                     seed: int = 11) -> dict[str, list[str]]:
    """Queries by class: every KPI name, policy and measure title given, their parts, words sampled
    from every page (Japanese: 2 to 6 characters of Japanese text; English: words), and numbers."""
    rng = random.Random(seed)
    classes: dict[str, list[str]] = {"names": sorted(set(names))}
    parts: set[str] = set()
    for name in names:
        for run in JAPANESE_RUN.findall(normalise(name)) if lang == "ja" else []:
            if len(run) >= 4:
                parts.add(run[: len(run) // 2])
                parts.add(run[len(run) // 2:])
        for word in LATIN_WORD.findall(normalise(name)):
            if len(word) >= 3:
                parts.add(word)
    classes["name parts"] = sorted(parts)
    sampled: set[str] = set()
    for location in sorted(pages):
        text = " ".join(pages[location])
        if lang == "ja":
            runs = [r for r in JAPANESE_RUN.findall(text) if len(r) >= 2]
            for _ in range(per_page):
                run = rng.choice(runs)
                n = rng.randint(2, min(6, len(run)))
                start = rng.randint(0, len(run) - n)
                sampled.add(run[start:start + n])
        else:
            words = sorted(set(LATIN_WORD.findall(text)))
            sampled.update(rng.sample(words, min(per_page, len(words))))
    classes["sampled words"] = sorted(sampled)
    numbers: set[str] = set()
    for location in sorted(pages):
        found = sorted(set(NUMBER.findall(" ".join(pages[location]))))
        numbers.update(rng.sample(found, min(per_page // 5, len(found))))
    classes["numbers"] = sorted(numbers)
    return classes


# Runs the queries one after another in a fresh search worker (the site's, or Material's own given its
# index as setup), as Material's search box sends them; returns each result's locations, page by
# page (Material's {items: [[page, sections…], …]}), with the titles when asked.
BATCH = """async ([workerUrl, setup, queries, withTitles]) => {
  const worker = new Worker(workerUrl);
  const replies = [];
  let wake = null;
  worker.onmessage = event => { replies.push(event.data); if (wake) wake(); };
  const next = () => new Promise(resolve => {
    if (replies.length) resolve(); else wake = resolve;
  }).then(() => { wake = null; return replies.shift(); });
  worker.postMessage({type: 0, data: setup});
  const ready = await next();
  if (ready.type !== 1) throw new Error("the search worker did not answer SETUP with READY");
  const out = [];
  for (const query of queries) {
    worker.postMessage({type: 2, data: query});
    const reply = await next();
    out.push(reply.data.items.map(group => group.map(item => withTitles
      ? [item.location, item.title.replace(/<[^>]*>/g, '')] : item.location)));
  }
  worker.terminate();
  return out;
}"""


def _latest_edition(root: Path) -> str:
    register = yaml.safe_load((root / "data" / "editions.yaml").read_text(encoding="utf-8"))
    return [e["id"] for e in register["editions"] if e["state"] == "published"][-1]


def excluded_pages(root: Path) -> set[str]:
    """Pages search leaves out: those whose front matter says `search: exclude: true` (the KPI list and
    the full report: every KPI and section on them is found on its own page), in every edition and at
    today's addresses; and the latest edition's copies under editions/<id>/, which search finds once,
    at today's addresses."""
    out = set()
    latest = _latest_edition(root)
    for md in sorted((root / "docs").rglob("*.md")):
        folder = md.parent.relative_to(root / "docs").as_posix()
        folder = "" if folder == "." else folder + "/"
        stem, _, suffix = md.name[:-3].partition(".")
        page = "" if stem == "index" else f"{stem}/"
        lang = f"{suffix}/" if suffix else ""
        if folder == f"editions/{latest}/":
            out.add(f"{lang}{folder}{page}")
        text = md.read_text(encoding="utf-8")
        head = text.split("---")[1] if text.startswith("---") else ""
        if (yaml.safe_load(head) or {}).get("search", {}).get("exclude"):
            out.add(f"{lang}{folder}{page}")
            if folder == f"editions/{latest}/":
                out.add(f"{lang}{page}")   # shown at today's address too
    return out


def names(root: Path, lang: str) -> tuple[list[str], dict[str, str]]:
    """Every strategy, policy and measure title and KPI name of the latest edition; and KPI id by KPI name."""
    titles, kpis = [], {}
    for path in sorted((root / "data" / "editions" / _latest_edition(root) / "strategies").glob("strategy-*.yaml")):
        strategy = yaml.safe_load(path.read_text(encoding="utf-8"))
        titles.append(strategy["title"][lang])
        for policy in strategy["policies"]:
            titles.append(policy["title"][lang])
            for measure in policy["measures"]:
                titles.append(measure["title"][lang])
                for kpi in measure["kpis"]:
                    titles.append(kpi["name"][lang])
                    kpis.setdefault(kpi["name"][lang], kpi["id"])
    return titles, kpis
