"""Helpers shared by the browser tests: recording what goes wrong on a page, and axe-core."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bench.site_server import CHROMIUM, CHROMIUM_ARGS, scroll_through  # noqa: F401 - used by the tests

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "mobile": {"width": 390, "height": 844}}


def new_context(browser, viewport: str, **kwargs):
    """A browser context at one of VIEWPORTS ("desktop" or "mobile")."""
    ctx = browser.new_context(viewport=VIEWPORTS[viewport], service_workers="block", **kwargs)
    ctx.set_default_timeout(15_000)
    return ctx


@dataclass
class PageLog:
    """What went wrong while a page was open."""
    origin: str
    navigations: int = 0
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return ([f"console error: {m}" for m in self.console_errors]
                + [f"failed request: {m}" for m in self.failed_requests]
                + [f"request to another host: {m}" for m in self.foreign_requests])


def watch(page, base_url: str) -> PageLog:
    """Record console errors, uncaught exceptions, failed requests and requests off the server."""
    origin = base_url.rstrip("/")
    log = PageLog(origin)

    def on_console(msg):
        if msg.type == "error":
            loc = msg.location or {}
            where = f" ({loc.get('url', '')}:{loc.get('lineNumber', '')})" if loc.get("url") else ""
            log.console_errors.append(msg.text + where)

    def on_request(req):
        if req.is_navigation_request() and req.frame == page.main_frame:
            log.navigations += 1
        url = req.url
        if url.startswith(("data:", "blob:", "about:")):
            return
        if not (url == origin or url.startswith(origin + "/")):
            log.foreign_requests.append(f"{req.method} {url}")

    def on_response(resp):
        if resp.status >= 400:
            log.failed_requests.append(f"{resp.request.method} {resp.url} -> HTTP {resp.status}")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: log.console_errors.append(f"uncaught {exc}"))
    page.on("request", on_request)
    def on_failed(req):
        # leaving a page (a link followed) aborts what it was still loading: not a failure
        if log.navigations > 1 and "ERR_ABORTED" in (req.failure or ""):
            return
        log.failed_requests.append(f"{req.method} {req.url} -> {req.failure}")

    page.on("requestfailed", on_failed)
    page.on("response", on_response)
    return log


AXE_RUN = """async () => {
    const r = await axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
        resultTypes: ['violations'],
    });
    return r.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
        nodes: v.nodes.map(n => ({target: n.target.map(String).join(' '), html: n.html.slice(0, 200),
                                  message: n.failureSummary}))
    }));
}"""


def run_axe(page) -> list[dict]:
    """axe-core's WCAG 2.0/2.1 A and AA violations on the current page, as plain dicts."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Served as a file of the page's own origin: the pages' Content-Security-Policy runs no inline
        # script, and add_script_tag(path=…) would write one.
        url = page.evaluate("location.origin") + "/__tests__/axe.min.js"
        page.route(url, lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"))
        page.add_script_tag(url=url)
    return page.evaluate(AXE_RUN)


def format_axe(violations: list[dict], max_nodes: int = 8) -> str:
    lines = []
    for v in violations:
        lines.append(f"  [{v['id']}] ({v['impact']}) {v['help']} — {len(v['nodes'])} node(s)  {v['helpUrl']}")
        for n in v["nodes"][:max_nodes]:
            msg = " ".join((n["message"] or "").split())
            lines.append(f"      {n['target']}\n        {msg}\n        {n['html']}")
        if len(v["nodes"]) > max_nodes:
            lines.append(f"      … and {len(v['nodes']) - max_nodes} more")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Keyboard
# --------------------------------------------------------------------------------------------

FOCUS_INFO = """() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const r = el.getBoundingClientRect();
    const vw = window.innerWidth, vh = window.innerHeight;
    // a point of the element that is inside the viewport (if any), to see what is drawn there
    const x0 = Math.max(r.left, 0), x1 = Math.min(r.right, vw), y0 = Math.max(r.top, 0), y1 = Math.min(r.bottom, vh);
    const onScreen = r.width > 0 && r.height > 0 && x1 > x0 && y1 > y0;
    let covered = null;
    if (onScreen) {
        const top = document.elementFromPoint((x0 + x1) / 2, (y0 + y1) / 2);
        if (top && !(el === top || el.contains(top) || top.contains(el))) {
            covered = top.tagName.toLowerCase() + (top.className && typeof top.className === 'string'
                ? '.' + top.className.trim().split(/\\s+/).join('.') : '');
        }
    }
    const cls = typeof el.className === 'string' && el.className.trim()
        ? '.' + el.className.trim().split(/\\s+/).filter(c => c !== 'focus-visible').join('.') : '';
    return {
        desc: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + cls
              + (el.getAttribute('href') ? ` href="${el.getAttribute('href')}"` : '')
              + ` "${(el.getAttribute('aria-label') || el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40)}"`,
        href: el.href || null,
        tag: el.tagName.toLowerCase(),
        classes: [...el.classList],
        inContent: !!el.closest('.md-content'),
        inSidebar: !!el.closest('.md-sidebar--primary'),
        visibility: getComputedStyle(el).visibility,
        onScreen, covered,
        rect: [r.left, r.top, r.width, r.height].map(Math.round),
    };
}"""


def focus_info(page) -> dict | None:
    """What has the keyboard focus: a description, where it is, and whether it can be seen."""
    return page.evaluate(FOCUS_INFO)


def invisible_reason(info: dict | None) -> str | None:
    if info is None:
        return None
    if info["visibility"] != "visible":
        return f"visibility: {info['visibility']}"
    if not info["onScreen"]:
        return f"off-screen or empty (rect {info['rect']})"
    if info["covered"]:
        return f"covered by {info['covered']}"
    return None


def tab_until(page, predicate, max_tabs: int = 60, key: str = "Tab") -> list[dict]:
    """Press Tab until predicate(focus_info) is true; return the stops passed. Fails readably."""
    stops = []
    for _ in range(max_tabs):
        page.keyboard.press(key)
        info = focus_info(page)
        stops.append(info)
        if info and predicate(info):
            return stops
    trail = "\n".join(f"  {i + 1:2}. {s['desc'] if s else '(body)'}" for i, s in enumerate(stops))
    raise AssertionError(f"not reached within {max_tabs} presses of {key}; focus went:\n{trail}")


# Two painted frames, then the end of every finite CSS transition or animation running (Material's
# drawer and sidebars slide, a hover fades), then two more frames: what a test waits for after it
# changed something (a resize, a key, a style), instead of a fixed time.
SETTLE = """async () => {
    const frames = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r())));
    await frames();
    const running = document.getAnimations().filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity);
    await Promise.all(running.map(a => a.finished.catch(() => null)));
    await frames();
}"""


def settle(page) -> None:
    """Wait until what was just changed on the page has been laid out, painted and has stopped moving."""
    page.evaluate(SETTLE)


def open_page(context, server: str, rel: str, settled: bool = False):
    """A new page at `rel`, loaded and with Material's script up (and, if `settled`, laid out with
    nothing moving); returns it and its PageLog."""
    page = context.new_page()
    log = watch(page, server)
    page.goto(server + rel, wait_until="load")
    page.wait_for_function("() => document.documentElement.classList.contains('js')")  # Material is up
    if settled:
        settle(page)
    return page, log
