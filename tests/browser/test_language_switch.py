"""The language selector: on every page it links to the same page in the other language (and
that page exists and is in that language); following it in the browser lands there."""
from __future__ import annotations

import urllib.error
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest

from tests.conftest import needs_english

from .support import watch

pytestmark = pytest.mark.browser


class SelectorLinks(HTMLParser):
    """hreflang → href of the language selector's links (a.md-select__link) and of <link rel=alternate>."""

    def __init__(self):
        super().__init__()
        self.select, self.head, self.lang = {}, {}, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "a" and "md-select__link" in (a.get("class") or "").split():
            self.select[a.get("hreflang")] = a.get("href")
        elif tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.head[a["hreflang"]] = a.get("href")


def parse(path) -> SelectorLinks:
    p = SelectorLinks()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def counterpart(rel: str) -> dict[str, str]:
    """The same page in each language, as site-relative URLs."""
    base = rel[3:] if rel.startswith("en/") else rel
    return {"ja": base, "en": "en/" + base}


def fetch_lang(url: str) -> str | None:
    with urllib.request.urlopen(url) as resp:
        assert resp.status == 200
        p = SelectorLinks()
        p.feed(resp.read().decode("utf-8"))
        return p.lang


@needs_english
def test_every_page_links_to_its_counterpart(site, server, pages):
    """Static check of all pages: each language's link points at this page's counterpart, which
    exists (HTTP 200) and has the right <html lang>."""
    problems = []
    for rel in pages:
        links = parse(site / (rel + "index.html" if rel.endswith("/") or rel == "" else rel))
        expected = counterpart(rel)
        if set(links.select) != {"ja", "en"}:
            problems.append(f"/{rel}: language selector has links for {sorted(links.select)}")
            continue
        for lang, href in links.select.items():
            target = urljoin(server + rel, href)
            if target != server + expected[lang]:
                problems.append(f"/{rel}: the {lang} link {href!r} goes to {target[len(server) - 1:]}, "
                                f"not /{expected[lang]}")
                continue
            head = links.head.get(lang)  # optional (overrides/main.html leaves them out), but never wrong
            if head is not None and urljoin(server + rel, head) != target:
                problems.append(f"/{rel}: <link rel=alternate hreflang={lang}> is {head!r}")
            try:
                got = fetch_lang(target)
            except urllib.error.HTTPError as e:
                problems.append(f"/{rel}: the {lang} link target /{expected[lang]} gives HTTP {e.code}")
                continue
            if got != lang:
                problems.append(f"/{rel}: the {lang} link target has <html lang={got!r}>")
    assert not problems, f"{len(problems)} language-selector problem(s):\n  " + "\n  ".join(problems)
    # and the two languages have the same pages
    ja = {p for p in pages if not p.startswith("en/")}
    en = {p[3:] for p in pages if p.startswith("en/")}
    assert ja == en, f"pages only in Japanese: {sorted(ja - en)}; only in English: {sorted(en - ja)}"


@pytest.mark.reference_site
@pytest.mark.parametrize("start,lang,expected", [
    ("", "en", "en/"),
    ("strategy-3/", "en", "en/strategy-3/"),
    ("kpis/", "en", "en/kpis/"),
    ("en/glossary/", "ja", "glossary/"),
    ("en/strategy-5/", "ja", "strategy-5/"),
    ("en/", "ja", ""),
])
def test_switching_language_in_the_browser(desktop, server, start, lang, expected):
    page = desktop.new_page()
    log = watch(page, server)
    page.goto(server + start, wait_until="load")
    page.hover(".md-select > button")  # the selector opens on hover or focus
    page.click(f".md-select__link[hreflang={lang}]")
    page.wait_for_url(server + expected)
    assert page.locator("html").get_attribute("lang") == lang
    assert not log.problems(), log.problems()
    page.close()
