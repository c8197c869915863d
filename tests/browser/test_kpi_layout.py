"""Every KPI's verdict at every width (issue: readable at any width, verdict first), in both languages.

At each width from a small phone to a wide desktop, and at 200 % zoom (a 1280 or 1920 px window at
200 % lays pages out as 640 or 960 CSS px): nothing in the content needs sideways scrolling, and every
KPI shows its status, its progress (number and bar), its name and its three values inside the
screen. Wide columns keep a table with headers; narrow ones get a block per KPI.

Charts on phones: no text of a chart touches another text or a mark (bars, ◇ markers, the target
line, points), at 320 and 390 px.

The language switch keeps the reader at the same KPI.
"""
from __future__ import annotations

import pytest

from .support import new_context, scroll_through, settle

pytestmark = pytest.mark.browser

WIDTHS = {"320": 320, "390": 390, "768": 768, "1024": 1024, "1280": 1280, "1920": 1920,
          "1280 at 200%": 640, "1920 at 200%": 960}
PAGES = [f"strategy-{n}/" for n in range(1, 6)] + ["kpis/", "", "data/", "methodology/"]
TABLE_FROM = 768   # at and above this width the KPI tables are tables

# Draw every lazy body at once, so that all content is laid out and measured.
ALL_DRAWN_CSS = ".md-typeset .section-body--lazy { content-visibility: visible !important }"

FITS = """() => {
    const vw = document.documentElement.clientWidth;
    const out = {scrollWidth: document.scrollingElement.scrollWidth, vw, overflowing: [], outside: [], kpis: []};
    const desc = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
    const hidden = el => { const cs = getComputedStyle(el);
        return cs.display === 'none' || cs.visibility === 'hidden' || cs.clipPath === 'inset(50%)'
            || (cs.position === 'absolute' && cs.overflow === 'hidden' && el.getBoundingClientRect().width <= 1); };
    for (const el of document.querySelectorAll('.md-content *')) {
        if (el.closest('.kpi-chart__plot, thead') || hidden(el)) continue;
        const cs = getComputedStyle(el);
        if (['auto', 'scroll'].includes(cs.overflowX) && el.scrollWidth > el.clientWidth + 1)
            out.overflowing.push(`${desc(el)}: scrollWidth ${el.scrollWidth} > ${el.clientWidth}`);
        const r = el.getBoundingClientRect();
        if (r.width > 0 && (r.left < -1 || r.right > vw + 1))
            out.outside.push(`${desc(el)}: ${Math.round(r.left)}–${Math.round(r.right)} of ${vw}`);
    }
    const inside = el => { if (!el) return false; const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && r.left >= -1 && r.right <= vw + 1; };
    for (const kpi of document.querySelectorAll('tbody.kpi-row')) {
        const values = [...kpi.querySelectorAll('.kpi-row__value')];
        out.kpis.push({
            id: kpi.querySelector('.kpi-row__link').textContent.trim(),
            layout: getComputedStyle(kpi).display,
            status: inside(kpi.querySelector('.kpi-status')) && /\\S{2,}/.test(kpi.querySelector('.kpi-status').textContent),
            progress: inside(kpi.querySelector('.kpi-progress__text')),
            bar: !kpi.querySelector('.kpi-bar') || inside(kpi.querySelector('.kpi-bar')),
            name: inside(kpi.querySelector('.kpi-row__title')),
            values: values.length === 3 && values.every(inside),
            years: [...kpi.querySelectorAll('.kpi-fy')].every(inside),
            sentence: inside(kpi.querySelector('.kpi-row__sentence')),
        });
    }
    return out;
}"""


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_kpi_fits_at_every_width(browser, server, lang):
    ctx = new_context(browser, "mobile")
    page = ctx.new_page()
    problems, seen = [], 0
    for rel in PAGES:
        path = rel if lang == "ja" else "en/" + rel
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(server + path, wait_until="load")
        # Through the CSSOM: the pages' Content-Security-Policy applies no <style> with text in it.
        page.evaluate("css => document.head.appendChild(document.createElement('style')).sheet.insertRule(css)",
                      ALL_DRAWN_CSS)
        for label, width in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": 900})
            settle(page)   # Material's sidebars slide for .25 s after a resize
            r = page.evaluate(FITS)
            where = f"/{path} at {label}"
            if r["scrollWidth"] > r["vw"]:
                problems.append(f"{where}: the page scrolls sideways ({r['scrollWidth']} > {r['vw']} px)")
            problems += [f"{where}: needs a sideways scroll: {m}" for m in r["overflowing"][:5]]
            problems += [f"{where}: outside the screen: {m}" for m in r["outside"][:5]]
            for k in r["kpis"]:
                seen += 1
                missing = [part for part in ("status", "progress", "bar", "name", "values", "years", "sentence")
                           if not k[part]]
                if missing:
                    problems.append(f"{where}: KPI {k['id']}: not fully on screen: {', '.join(missing)}")
                want = "table-row-group" if width >= TABLE_FROM else "block"
                if width in (320, 390, 1280, 1920) and k["layout"] != want:
                    problems.append(f"{where}: KPI {k['id']} is laid out as {k['layout']}, want {want}")
    ctx.close()
    assert seen >= 2 * 78 * len(WIDTHS), f"only {seen} KPI blocks checked"
    assert not problems, f"{len(problems)} problem(s):\n  " + "\n  ".join(problems[:40])


CHART_BOXES = """() => [...document.querySelectorAll('.kpi-chart__plot')].map(plot => {
    const box = el => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
    const all = sel => [...plot.querySelectorAll(sel)].filter(el => {
        const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && (el.textContent || el.tagName !== 'text'); });
    return {
        id: plot.closest('figure').id,
        texts: all('g.annotation-text-g text, .xtick text, .ytick text, .textpoint text').map(el => ({t: el.textContent, b: box(el)})),
        marks: all('.scatterlayer .point, .shapelayer path, .bars .point path').map(el => ({t: el.getAttribute('class') || el.tagName, b: box(el)})),
    };
})"""


def _overlap(a, b, slack=0.5) -> bool:
    return a[0] + slack < b[2] and b[0] + slack < a[2] and a[1] + slack < b[3] and b[1] + slack < a[3]


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_chart_texts_touch_no_other_text_or_mark_on_a_phone(browser, server, lang, width):
    ctx = new_context(browser, "mobile")
    page = ctx.new_page()
    page.set_viewport_size({"width": width, "height": 700})
    problems, charts = [], 0
    for n in range(1, 6):
        path = f"{'' if lang == 'ja' else 'en/'}strategy-{n}/"
        page.goto(server + path, wait_until="load")
        scroll_through(page)
        # A function, not an expression: Playwright polls an expression with eval, which the pages'
        # Content-Security-Policy refuses whenever the first check fails (a busy machine).
        page.wait_for_function("() => [...document.querySelectorAll('[data-plotly-figure]')]"
                               ".every(e => e.dataset.rendered === '1')", timeout=60_000, polling=200)
        for chart in page.evaluate(CHART_BOXES):
            charts += 1
            texts, marks = chart["texts"], chart["marks"]
            assert texts, f"/{path} #{chart['id']}: no text found in the chart"
            for i, a in enumerate(texts):
                for b in texts[i + 1:]:
                    if _overlap(a["b"], b["b"]):
                        problems.append(f"/{path} #{chart['id']}: text {a['t']!r} overlaps text {b['t']!r}")
                for m in marks:
                    if _overlap(a["b"], m["b"]):
                        problems.append(f"/{path} #{chart['id']}: text {a['t']!r} overlaps a mark ({m['t']})")
    ctx.close()
    assert charts >= 40, f"only {charts} charts checked"
    assert not problems, f"{len(problems)} overlap(s) at {width} px:\n  " + "\n  ".join(problems[:40])


@pytest.mark.parametrize("start,other", [("strategy-1/", "en/strategy-1/"), ("en/strategy-3/", "strategy-3/")])
def test_the_language_switch_keeps_the_reader_at_the_kpi(mobile, server, start, other):
    page = mobile.new_page()
    kpi = "kpi-1-2-1-3" if "strategy-1" in start else "kpi-3-3-1-2"
    # with the KPI's address
    page.goto(f"{server}{start}#{kpi}", wait_until="load")
    page.eval_on_selector(f"a.md-select__link[hreflang={'en' if other.startswith('en/') else 'ja'}]", "a => a.click()")
    page.wait_for_url(f"{server}{other}#{kpi}")
    settle(page)
    top = page.evaluate(f"document.getElementById('{kpi}').getBoundingClientRect().top")
    assert 0 <= top < 844 / 2, f"#{kpi} at {top:.0f}px after switching language"
    # without an address: the KPI or heading at the top of the screen
    page.goto(f"{server}{other}", wait_until="load")
    page.evaluate(f"document.getElementById('{kpi}').scrollIntoView()")
    settle(page)
    page.eval_on_selector(f"a.md-select__link[hreflang={'ja' if other.startswith('en/') else 'en'}]", "a => a.click()")
    page.wait_for_url(f"{server}{start}#*")
    assert page.url.endswith(f"#{kpi}"), page.url
    page.close()
