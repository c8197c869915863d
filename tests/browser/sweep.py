"""Every page opened once per viewport, with every per-page check of the browser tests taken on that visit.

Several tests assert something on every built page: that it loads cleanly and passes axe-core at both
viewports (test_pages), that no Content-Security-Policy violation is reported (desktop,
test_content_security_policy), its weight before and after scrolling, that nothing shifts while it
loads or is read, and that its lazy sections' estimated heights hold at 320 px (phone: test_budgets,
test_layout_shift, test_lazy_rendering). Opening each page once per test would open it six times;
here each page is opened once per viewport and everything is recorded, in an order that keeps the
measurements apart:

- phone: a first visit (a fresh context, empty cache) until loaded and the network is quiet: the bytes
  transferred and the layout shifts while loading; then read to the end until every chart is drawn
  and the network is idle again: the bytes and the shifts so far; then charts, captions, `lang` and
  axe-core; then, at 320 px with every section drawn, each section's estimated against its real height.
- desktop: loaded, read to the end, charts, captions, `lang` and axe-core; then the first chart
  hovered and, on the home pages, a search typed; the Content-Security-Policy violations reported and
  the inline scripts that run.

An edition's own copy of a page at today's address (editions/<id>/… of the latest edition) repeats that
page's content: its article is the same, byte for byte, once each page's own address is named alike, and
so is its Content-Security-Policy but for the hashes of the inline scripts of its own <head>
(`repeats`). Such a copy is visited without being read to the end: what depends on the page's own
frame (loading cleanly, `lang`, axe-core on the whole page with its charts not yet drawn, the
policy's violations, its weight and shifts while loading) is taken on its own visit; what depends on
the content read to the end (every chart drawn, captions, the weight and the shifts of reading, the
sections' heights) is the visit of the page it repeats, which is made first. A copy that differs in
anything is visited like any other page.

The bytes are counted as bench/site_server.transferred counts them for the benchmark. Pages are visited
several at a time, each in a fresh context, in a Chromium and from a server of its own: a page spends
most of its time waiting (network, frames, the chart library), so more pages than cores keep the
cores busy. Nothing
waits a fixed time: every wait is for an event or a condition.
"""
from __future__ import annotations

import asyncio
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bench.site_server import CHROMIUM, CHROMIUM_ARGS, SCROLL_THROUGH
from macros.core.site import load_site
from tests.conftest import ROOT

from .support import AXE, AXE_RUN, VIEWPORTS, watch

# Pages open at once, each in a Chromium and from a server of its own, so that nothing one page loads
# can reach another: each page's weight is a lone first visit's. 4 keeps 2 cores busy.
CONCURRENT = 4
# The name the search on each home page looks for: the municipality's, which every site's pages give.
SEARCH_WORDS = {lang: load_site(ROOT).municipality.get(lang) for lang in ("ja", "en")}


def is_print(rel: str) -> bool:
    """A print page: the whole report, today's or an edition's (the slowest pages to load and draw)."""
    return rel.endswith("print/")

# The next two painted frames: what a layout shift, a resize or a newly drawn body needs to be seen.
FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r())))"
JS_UP = "() => document.documentElement.classList.contains('js')"   # Material's script has started
ALL_DRAWN = """() => [...document.querySelectorAll('[data-plotly-figure]')]
    .every(el => el.dataset.rendered === '1' || el.dataset.rendered === 'error')"""
ALL_RENDERED = """() => [...document.querySelectorAll('[data-plotly-figure]')].every(e => e.dataset.rendered === '1')"""
CHART_STATE = """() => ({
    charts: [...document.querySelectorAll('[data-plotly-figure]')].map(el => ({
        id: el.closest('figure') ? el.closest('figure').id : '',
        rendered: el.dataset.rendered || null,
        svg: !!el.querySelector('svg.main-svg'),
    })),
    figures: [...document.querySelectorAll('figure.kpi-chart')].map(f => ({
        id: f.id,
        caption: f.querySelector('figcaption') ? f.querySelector('figcaption').textContent.trim() : null,
    })),
    lang: document.documentElement.getAttribute('lang'),
})"""
# The page's inline scripts that run (test_content_security_policy: each one the theme wrote).
RUNNABLE_INLINE = """() => [...document.scripts]
    .filter(s => !s.src && ['', 'module', 'text/javascript'].includes(s.type))
    .map(s => s.textContent)"""
# Installed before any of the page's own scripts run, so that nothing early is missed.
CSP_RECORD = """window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
    `${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}` +
    (e.sample ? ` (${e.sample})` : '')));"""
CSP_WORDS = ("Content Security Policy", "Content-Security-Policy")
SHIFT_RECORD = """window.__shifts = [];
new PerformanceObserver(list => {
    for (const e of list.getEntries()) {
        if (!e.hadRecentInput) window.__shifts.push({value: e.value, sources: e.sources.map(s =>
            s.node && s.node.nodeType === 1 ? s.node.tagName.toLowerCase() + '.' + s.node.className : '?')});
    }
}).observe({type: 'layout-shift', buffered: true});"""
FIRST_CHART = """() => {
    const svg = document.querySelector('[data-plotly-figure] svg.main-svg');
    if (!svg) return null;
    svg.scrollIntoView({block: 'center'});
    const r = svg.getBoundingClientRect();
    return [r.x + r.width / 2, r.y + r.height / 2, r.width];
}"""
# A reader who scrolled past a chart faster than the browser painted (a busy machine) scrolls back to
# it: every chart not yet started is brought into view until it starts drawing.
REACH_EVERY_CHART = """async () => {
    const frame = () => new Promise(r => requestAnimationFrame(() => r()));
    for (const el of document.querySelectorAll('[data-plotly-figure]')) {
        if (el.dataset.rendered) continue;
        el.scrollIntoView({block: 'center'});
        for (let i = 0; i < 120 && !el.dataset.rendered; i++) await frame();
    }
}"""
# Through the CSSOM: the pages' Content-Security-Policy applies no <style> with text in it.
DRAW_ALL_BODIES = """() => document.head.appendChild(document.createElement('style')).sheet.insertRule(
    '.md-typeset .section-body--lazy { content-visibility: visible !important }')"""
BODY_HEIGHTS = """bs => bs.map(b => [
    parseFloat(b.style.containIntrinsicSize.replace('auto', '')), b.getBoundingClientRect().height])"""


EDITION_COPY = re.compile(r"^(en/)?editions/[^/]+/")
CANONICAL = re.compile(r'<link rel="canonical" href="([^"]*)"')
POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"')


def _article(html: str) -> str:
    start, end = html.find("<article"), html.find("</article>")
    return html[start:end] if 0 <= start < end else ""


def _content(html: str, rel: str) -> str:
    """The page's article as a reader meets it: without comments, its own address named PAGE, and each
    relative link as the page it leads to, an edition's page named as the page at today's address (from
    editions/2024-02/kpis/, ../strategy-1/ and ../../../data/ are strategy-1/ and data/, as from kpis/)."""
    address = CANONICAL.search(html)
    text = re.sub(r"<!--.*?-->\s*", "", _article(html), flags=re.S)
    text = text.replace(address.group(1), "PAGE") if address else text

    def target(m: re.Match) -> str:
        url = m.group(2)
        if re.match(r"^[a-z][a-z0-9+.-]*:|^/", url):
            return m.group(0)
        path = urlsplit(urljoin("http://site/" + rel, url))
        return f'{m.group(1)}="{EDITION_COPY.sub(lambda e: e.group(1) or "", path.path.lstrip("/"))}' + \
            (f"#{path.fragment}" if path.fragment else "") + '"'
    return re.sub(r'\b(href|src)="([^"#][^"]*)"', target, text)


def _policy_beyond_head_scripts(html: str) -> str:
    """The page's Content-Security-Policy without the hashes of its inline scripts: pages hold none (a page
    with a <script> stops the build), so those are the <head>'s, which the copy's own visit runs."""
    found = POLICY.search(html)
    directives = (found.group(1) if found else "").split(";")
    return ";".join(" ".join(w for w in d.split() if not w.startswith("'sha256-")) if d.split()[:1] == ["script-src"]
                    else d for d in directives)


def repeats(site: Path, rel: str) -> str | None:
    """The page at today's address whose content the edition's page `rel` repeats (see the module's
    docstring), or None: `rel` is no edition's page, has no counterpart, or differs from it in its article or
    in its policy beyond its own <head>'s scripts."""
    if not EDITION_COPY.match(rel):
        return None
    today = EDITION_COPY.sub(lambda m: m.group(1) or "", rel)
    mine, theirs = site / rel / "index.html", site / today / "index.html"
    if not (mine.is_file() and theirs.is_file()):
        return None
    a, b = mine.read_text(encoding="utf-8"), theirs.read_text(encoding="utf-8")
    same = (_content(a, rel) == _content(b, today) != ""
            and _policy_beyond_head_scripts(a) == _policy_beyond_head_scripts(b))
    return today if same else None


@dataclass
class Visit:
    """What one visit to a page found."""
    rel: str
    problems: list[str] = field(default_factory=list)   # test_pages: loads cleanly, charts, captions, lang, axe
    chart_problems: list[str] = field(default_factory=list)   # of those, the charts' and captions'
    charts: int = 0                                      # [data-plotly-figure] elements
    repeats: str | None = None                           # the page whose content this one repeats (see repeats)
    # desktop
    csp: list[str] = field(default_factory=list)         # violations reported (event or console)
    inline_scripts: list[str] = field(default_factory=list)   # once loaded and read (RUNNABLE_INLINE)
    all_drawn: bool = False
    charts_drawn: int = 0
    hovered: bool = False
    searched: bool = False
    # phone
    first_bytes: int = 0
    first_largest: list[str] = field(default_factory=list)
    full_bytes: int = 0
    full_error: str | None = None                        # why the fully-scrolled figure could not be taken
    shifts_loading: list[dict] = field(default_factory=list)
    shifts_reading: list[dict] = field(default_factory=list)
    heights: list[tuple[float, float]] = field(default_factory=list)   # (estimated, real) at 320 px


def _chart_problems(state: dict, rel: str) -> list[str]:
    problems = []
    want_lang = "en" if rel.startswith("en/") else "ja"
    if state["lang"] != want_lang:
        problems.append(f'<html lang="{state["lang"]}">, expected "{want_lang}"')
    for chart in state["charts"]:
        if chart["rendered"] != "1":
            problems.append(f"chart #{chart['id']} not drawn (data-rendered={chart['rendered']!r})")
        elif not chart["svg"]:
            problems.append(f"chart #{chart['id']} has no svg.main-svg")
    for fig in state["figures"]:
        if not fig["caption"]:
            problems.append(f"figure #{fig['id']} has an empty or missing <figcaption>")
    return problems


async def _axe(page) -> list[dict]:
    """axe-core's WCAG 2.0/2.1 A and AA violations (as support.run_axe, for the async API)."""
    url = await page.evaluate("location.origin") + "/__tests__/axe.min.js"
    await page.route(url, lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"))
    await page.add_script_tag(url=url)
    return await page.evaluate(AXE_RUN)


def _chart_timeout(rel: str) -> int:
    return 60_000 if is_print(rel) else 20_000


async def _checked(page, visit: Visit, log, read: bool = True) -> None:
    """Charts, captions, lang and axe-core, on a page read to the end (test_pages); on a copy not read
    (`read` false), lang and axe-core only."""
    from .support import format_axe
    if read:
        try:
            await page.wait_for_function(ALL_DRAWN, timeout=_chart_timeout(visit.rel), polling=100)
        except Exception:  # reported below, chart by chart
            pass
    state = await page.evaluate(CHART_STATE)
    visit.charts = len(state["charts"])
    found = _chart_problems(state, visit.rel)
    visit.chart_problems = [p for p in found if not p.startswith("<html lang")]
    visit.problems += [p for p in found if read or p.startswith("<html lang")]
    violations = await _axe(page)
    if violations:
        visit.problems.append(f"{len(violations)} axe violation(s):\n" + format_axe(violations))
    visit.problems += log.problems()


async def _read_to_the_end(page) -> None:
    """Scrolled to the bottom a screen at a time (bench/site_server.py's scroll-through), every chart reached."""
    await page.evaluate(SCROLL_THROUGH)
    await page.evaluate(REACH_EVERY_CHART)


async def _search(page, word: str) -> None:
    """Material's search: its worker, the language's index and the result list."""
    await page.keyboard.press("/")
    await page.wait_for_function("() => document.activeElement && "
                                 "document.activeElement.classList.contains('md-search__input')", timeout=10_000)
    await page.keyboard.insert_text(word)
    await page.keyboard.press("End")   # Material reads the query on keyup, as after an IME commits a word
    # the first search fetches the language's index and builds it in the worker: slow on a busy machine
    await page.wait_for_selector(".md-search-result__item", timeout=30_000)


async def _desktop(browser, base: str, rel: str, read: bool = True) -> Visit:
    """The visit at the desktop size; a copy not `read` is loaded and checked, not read to the end."""
    visit = Visit(rel)
    ctx = await browser.new_context(viewport=VIEWPORTS["desktop"], service_workers="block")
    ctx.set_default_timeout(60_000 if is_print(rel) else 15_000)
    await ctx.add_init_script(CSP_RECORD)
    try:
        page = await ctx.new_page()
        log = watch(page, base)
        console: list[str] = []
        page.on("console", lambda m: console.append(f"{m.type}: {m.text}")
                if any(w in m.text for w in CSP_WORDS) else None)
        response = await page.goto(base + rel, wait_until="load")
        if response is None or response.status != 200:
            visit.problems.append(f"HTTP {response.status if response else 'no response'}")
            return visit
        await page.wait_for_function(JS_UP)
        if not read:
            await _checked(page, visit, log, read=False)
            visit.csp = await page.evaluate("window.__cspViolations") + console
            visit.inline_scripts = await page.evaluate(RUNNABLE_INLINE)
            return visit
        await _read_to_the_end(page)
        if rel != "404.html":
            await _checked(page, visit, log)
        try:
            await page.wait_for_function(ALL_DRAWN, timeout=_chart_timeout(rel), polling=100)
            visit.all_drawn = True
        except Exception:
            visit.all_drawn = False
        visit.charts_drawn = await page.evaluate("document.querySelectorAll('[data-rendered=\"1\"] svg.main-svg').length")
        point = await page.evaluate(FIRST_CHART)
        if point:
            for dx in (-0.3, -0.1, 0.1, 0.3):
                await page.mouse.move(point[0] + dx * point[2], point[1])
                await page.evaluate(FRAMES)   # the hover label is drawn
            visit.hovered = True
        if rel in ("", "en/"):   # the municipality's name, which every site's pages give
            await _search(page, SEARCH_WORDS["en" if rel else "ja"])
            visit.searched = True
        visit.csp = await page.evaluate("window.__cspViolations") + console
        visit.inline_scripts = await page.evaluate(RUNNABLE_INLINE)
    finally:
        await ctx.close()
    return visit


async def _phone(browser, base: str, rel: str, read: bool = True) -> Visit:
    """The visit at the phone size; a copy not `read` is loaded and checked, not read to the end."""
    visit = Visit(rel)
    ctx = await browser.new_context(viewport=VIEWPORTS["mobile"], service_workers="block")
    ctx.set_default_timeout(60_000 if is_print(rel) else 15_000)
    await ctx.add_init_script(SHIFT_RECORD)
    finished: list = []
    pending: set = set()
    settled = asyncio.Event()   # every request started has finished or failed

    def started(request):
        pending.add(request)
        settled.clear()

    def ended(request, done: bool):
        pending.discard(request)
        if done:
            finished.append(request)
        if not pending:
            settled.set()

    try:
        page = await ctx.new_page()
        log = watch(page, base)
        page.on("request", started)
        page.on("requestfinished", lambda request: ended(request, True))
        page.on("requestfailed", lambda request: ended(request, False))

        async def transferred(upto: int) -> dict[str, int]:
            sizes: dict[str, int] = {}
            for req, s in zip(finished[:upto], await asyncio.gather(*(r.sizes() for r in finished[:upto]))):
                sizes[req.url] = sizes.get(req.url, 0) + s["responseBodySize"] + s["responseHeadersSize"]
            return sizes

        async def quiet():
            """Every request started has ended, and none started in the next two frames. (Playwright's
            "networkidle", half a second without a request, comes too early on a busy machine, while
            the page is still being parsed before its scripts are requested.)"""
            while True:
                await asyncio.wait_for(settled.wait(), timeout=_chart_timeout(rel) / 1000)
                await page.evaluate(FRAMES)
                if not pending:
                    return

        response = await page.goto(base + rel, wait_until="load")
        if response is None or response.status != 200:
            visit.problems.append(f"HTTP {response.status if response else 'no response'}")
            return visit
        await page.wait_for_load_state("networkidle")
        await quiet()
        loaded = len(finished)
        await page.evaluate(FRAMES)
        visit.shifts_loading = await page.evaluate("window.__shifts")
        if not read:
            first = await transferred(loaded)
            visit.first_bytes = sum(first.values())
            visit.first_largest = sorted(first, key=first.get, reverse=True)[:5]
            await _checked(page, visit, log, read=False)
            return visit
        await _read_to_the_end(page)
        await page.wait_for_load_state("networkidle")
        try:
            await page.wait_for_function(ALL_RENDERED, timeout=_chart_timeout(rel))
        except Exception as exc:
            visit.full_error = f"not every chart drawn: {str(exc).splitlines()[0]}"
        await quiet()
        visit.shifts_reading = await page.evaluate("window.__shifts")
        first = await transferred(loaded)
        visit.first_bytes = sum(first.values())
        visit.first_largest = sorted(first, key=first.get, reverse=True)[:5]
        visit.full_bytes = sum((await transferred(len(finished))).values())
        await _checked(page, visit, log)
        await page.set_viewport_size({"width": 320, "height": 640})
        await page.evaluate(DRAW_ALL_BODIES)
        visit.heights = [tuple(h) for h in await page.eval_on_selector_all(".section-body--lazy", BODY_HEIGHTS)]
    finally:
        await ctx.close()
    return visit


def _complete(copy: Visit, today: Visit) -> None:
    """A copy's visit (loaded, not read) completed with what the visit of the page it repeats found once
    read to the end: its charts and captions, the weight and the shifts that reading added, the heights."""
    copy.repeats = today.rel
    copy.charts = today.charts
    copy.chart_problems = list(today.chart_problems)
    copy.problems += [f"{p} (on /{today.rel}, whose content this page repeats)" for p in today.chart_problems]
    copy.all_drawn, copy.charts_drawn, copy.hovered = today.all_drawn, today.charts_drawn, today.hovered
    copy.csp += [f"{v} (on /{today.rel} read to the end, whose content this page repeats)" for v in today.csp]
    copy.full_bytes = copy.first_bytes + (today.full_bytes - today.first_bytes)
    copy.full_error = today.full_error
    copy.shifts_reading = copy.shifts_loading + today.shifts_reading[len(today.shifts_loading):]
    copy.heights = list(today.heights)


class PageSweep:
    """The visits, made on demand and kept: visits(viewport, pages) opens, several at a time, those of
    the pages not yet visited at that viewport. Each test asks for the pages it checks, so the time a
    visit takes is spent in the first test that needs it, never all in one.

    Its Chromium runs from a thread of its own with an asyncio loop: the tests' synchronous Playwright
    keeps an event loop of its own on the main thread."""

    def __init__(self, site: Path, bases: list[str]):
        self.site = site
        self.repeated: dict[str, str | None] = {}   # repeats(site, page), once a page
        self.bases = bases   # one server per page open at once (see CONCURRENT)
        self.done: dict[str, dict[str, Visit]] = {"desktop": {}, "mobile": {}}
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="page-sweep", daemon=True)
        self.thread.start()
        self.playwright, self.browsers = None, []

    def _run(self, coro):
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result()

    async def _launch(self):
        from playwright.async_api import async_playwright
        self.playwright = await async_playwright().start()
        self.browsers = [await self.playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                         for _ in self.bases]

    async def _visit_all(self, viewport: str, pages: list[str], read: bool) -> list[Visit]:
        if not self.browsers:
            await self._launch()
        free: asyncio.Queue = asyncio.Queue()
        for slot in zip(self.browsers, self.bases):
            free.put_nowait(slot)
        visit = _desktop if viewport == "desktop" else _phone

        async def one(rel: str) -> Visit:
            browser, base = await free.get()
            try:
                return await visit(browser, base, rel, read)
            finally:
                free.put_nowait((browser, base))

        return await asyncio.gather(*(one(rel) for rel in pages))

    def _visit(self, viewport: str, pages: set[str], read: bool) -> None:
        # The print pages (the whole report on one page) take longest: they start first.
        missing = sorted(pages - set(self.done[viewport]), key=lambda rel: not is_print(rel))
        for rel, visit in zip(missing, self._run(self._visit_all(viewport, missing, read)) if missing else []):
            self.done[viewport][rel] = visit

    def visits(self, viewport: str, pages: list[str]) -> dict[str, Visit]:
        """{page: Visit} for these pages at "desktop" or "mobile" (404.html too, at "desktop"). A copy that
        repeats a page at today's address is visited after that page, and its visit completed with it."""
        copies = {rel: self.copy_of(rel) for rel in pages if rel not in self.done[viewport]}
        copies = {rel: today for rel, today in copies.items() if today is not None}
        self._visit(viewport, {rel for rel in pages if rel not in copies} | set(copies.values()), read=True)
        self._visit(viewport, set(copies), read=False)
        for rel, today in copies.items():
            _complete(self.done[viewport][rel], self.done[viewport][today])
        return {rel: self.done[viewport][rel] for rel in pages}

    def copy_of(self, rel: str) -> str | None:
        if rel not in self.repeated:
            self.repeated[rel] = repeats(self.site, rel)
        return self.repeated[rel]

    def close(self) -> None:
        async def stop():
            for browser in self.browsers:
                await browser.close()
            if self.playwright is not None:
                await self.playwright.stop()
        self._run(stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
