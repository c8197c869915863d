"""Render page fragments for one language from the loaded report.

HTML comes from the templates in templates/ with autoescape on, so every
string from data/ is escaped. Headings are returned as Markdown (so they join
the table of contents) with Markdown and HTML special characters escaped.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Callable

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..core.fiscal import fy_label, wareki
from ..core.levels import roles
from ..core.model import Direction, Item, Kpi, NoteKind
from ..core.progress import Evaluation, round_pct
from ..core.verdict import verdict
from ..core.edition_series import Edition, Editions
from ..core.report import LoadedReport
from . import charts, print_charts
from .labels import count_label, key_status, label, status_icon, status_label, with_levels
from .numbers import fmt_number, fmt_pct
from .previous_edition import PreviousEdition
from .sentence import kpi_sentence

TEMPLATES = Path(__file__).parent / "templates"
# Markdown's punctuation, but not "!": it starts an image only before "[", which is escaped already; an
# escaped "!" ("work\!") would reach the page's <title>, which mkdocs-macros takes from the source.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#+|~])")


def md_escape(text: str) -> str:
    """Escape text for a Markdown heading: Markdown punctuation and HTML."""
    return html.escape(_MD_SPECIAL.sub(r"\\\1", text), quote=False)


# A run of Japanese (kana, kanji, their punctuation and full-width forms), with its quotation marks.
_JAPANESE = "\u3000-\u303f\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff01-\uff65"
_JAPANESE_RUN = re.compile(f"[{_JAPANESE}](?:[{_JAPANESE}0-9]*[{_JAPANESE}])?")


def mark_japanese(text, lang: str) -> Markup:
    """Text for a fragment in `lang`, escaped; on an English page, the Japanese it quotes is marked
    lang="ja", so a screen reader reads it in Japanese (the notes quote what the report prints)."""
    escaped = Markup.escape(text)
    if lang == "ja":
        return escaped
    return Markup(_JAPANESE_RUN.sub(lambda m: f'<span lang="ja">{m.group(0)}</span>', str(escaped)))


def make_env() -> Environment:
    # auto_reload off: the templates are part of the code, not of what an editor changes, so a
    # template is not stat()ed again on each of the thousands of fragments a build renders.
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=False, lstrip_blocks=False,
                      keep_trailing_newline=False, auto_reload=False)
    env.filters["mark_japanese"] = mark_japanese
    return env


@dataclass(frozen=True)
class StatusView:
    code: str
    icon: str
    label: str
    count: int = 0


@dataclass(frozen=True)
class SearchEntry:
    """A search result inside a fragment: its anchor, its title and the text shown under it (as the
    reader sees them; the search index normalises the text)."""
    anchor: str
    title: str
    text: str = ""


@dataclass(frozen=True)
class Fragment:
    """Rendered HTML, the ids of the anchors it defines and its own search results: what a site
    generator learns of only when the HTML is in the page, told here so nobody reads it back out of
    the HTML."""
    html: Markup
    anchors: tuple[str, ...] = ()
    search: tuple[SearchEntry, ...] = ()


def kpi_anchor(kid: str) -> str:
    """The id of a KPI's row in its measure's table (templates/parts.html writes the same)."""
    return f"kpi-{kid}"


@dataclass(frozen=True)
class Cell:
    value: str
    year: str
    off_column: bool
    implied: bool
    label: str = ""


class Renderer:
    """All fragments for one page language. `href` maps a site path (e.g. 'strategy-1/') to a relative URL."""

    def __init__(self, data: LoadedReport, lang: str, href: Callable[[str], str], env: Environment | None = None,
                 editions: Editions | None = None, edition: Edition | None = None):
        self.data, self.lang, self.href = data, lang, href
        # The editions of the report and the one shown, for comparisons with the previous edition
        # (None in unit tests that render one report).
        self.editions, self.edition = editions, edition
        self.previous = PreviousEdition(self)
        self.env = env or make_env()
        self.scheme = data.scheme
        self.L = {**with_levels(lang, data.report.levels, data.site.level_labels),
                  "key_status": key_status(lang, self.scheme)}

    # --- small pieces -------------------------------------------------------------
    def word(self, key: str, **fmt) -> str:
        """A label of this page's language, with the plan's level names (labels.with_levels)."""
        return self.L[key].format(**fmt)

    def status_view(self, status: str, count: int = 0) -> StatusView:
        return StatusView(status, status_icon(self.lang, status, self.scheme),
                          status_label(self.lang, status, self.scheme), count)

    def _render(self, name: str, **ctx) -> Markup:
        html_text = self.env.get_template(name).render(L=self.L, lang=self.lang, **ctx)
        # One block with no blank lines, so Markdown leaves the raw HTML alone.
        return Markup("\n".join(line for line in html_text.splitlines() if line.strip()))

    def _cell(self, kpi: Kpi, which: str, default_fy: int) -> Cell:
        v = getattr(kpi, which)
        if v is None:
            return Cell(self.L["no_value"], "", False, False, self.L[which])
        year = "" if v.implied else fy_label(v.fy, self.lang)
        return Cell(fmt_number(v.amount), year, v.fy != default_fy and not v.implied, v.implied, self.L[which])

    def _marks(self, kpi: Kpi) -> list[tuple[str, str]]:
        """(mark, what a screen reader says instead: not "reference mark" or "south east arrow")."""
        marks = []
        if kpi.from_baseline:
            marks.append(("※", self.L["mark.from_baseline"]))
        if kpi.direction is Direction.LOWER:
            marks.append(("↘", self.L["mark.lower_better"]))
        return marks

    def kpi_href(self, kid: str) -> str:
        """The address of a KPI: its anchor on its strategy page (the same in both languages)."""
        return self.href(f"{self.strategy_path(int(kid.split('-')[0]))}#{kpi_anchor(kid)}")

    def _row(self, e: Evaluation, with_links: bool = False) -> dict:
        """One KPI for the table templates. `with_links`: the KPI's id links to its strategy page
        (the KPI list); otherwise to the KPI's own anchor on this page (a link to copy)."""
        k, cols = e.kpi, self.data.report.meta.columns
        p = e.progress_pct
        width = None if p is None else float(max(Decimal(0), min(p, Decimal(100))))
        name, unit = k.name.get(self.lang), self.kpi_unit(k)
        return {
            "id": k.id, "name": name, "unit": unit, "marks": self._marks(k),
            "unit_label": label(self.lang, "unit_label", unit=unit),
            "cells": [self._cell(k, "baseline", cols.baseline_fy), self._cell(k, "actual", cols.actual_fy),
                      self._cell(k, "target", cols.target_fy)],
            "progress_text": fmt_pct(p, self.L["na"]), "progress_width": width,
            "status": self.status_view(e.status),
            "sentence": kpi_sentence(verdict(e), self.lang, name, self.data.report.units[k.unit], k.wording,
                                     self.scheme),
            "href": self.kpi_href(k.id) if with_links else f"#kpi-{k.id}",
            "previous": self.previous.kpi_line(e),
        }

    def _footnotes(self, evaluations: list[Evaluation]) -> list[str]:
        out = []
        if any(e.kpi.from_baseline for e in evaluations):
            out.append(self.L["from_baseline"])
        if any(e.kpi.baseline is not None and e.kpi.baseline.implied for e in evaluations):
            out.append(self.L["implied"])
        if any(e.kpi.direction is Direction.LOWER for e in evaluations):
            out.append(self.L["lower_better"])
        return out

    def unit(self, unit: str) -> str:
        return unit if self.lang == "ja" else self.data.report.units[unit].en

    def kpi_unit(self, k: Kpi) -> str:
        """The unit a KPI's table shows: the KPI's own English unit (en_wording: unit) where it has one."""
        if self.lang == "en" and k.wording is not None and k.wording.unit:
            return k.wording.unit
        return self.unit(k.unit)

    @staticmethod
    def strategy_path(sid: int) -> str:
        return f"strategy-{sid}/"

    # --- headings (Markdown) ------------------------------------------------------
    def strategy_title(self, sid: int) -> str:
        s = self.data.report.strategy(sid)
        sep = " " if self.lang == "ja" else ": "
        return md_escape(self.word("strategy_label", n=s.id, id=s.id) + sep + s.title.get(self.lang))

    def item_heading(self, iid: str) -> str:
        """The heading of an item below the top, one step deeper for each level: an item that holds
        KPIs is named by its whole id (具体的施策 1-2-3), one between by its number (【戦略方針2】)."""
        item = self.data.report.item(iid)
        role = roles(len(self.data.report.levels))[item.depth]
        if item.kpis:
            text = self.word("measure_label", id=item.id, n=item.number) + " " + item.title.get(self.lang)
        else:
            text = (self.word("policy_label", n=item.number, id=item.id) + ("" if self.lang == "ja" else " ")
                    + item.title.get(self.lang))
        return f"{'#' * (item.depth + 1)} {md_escape(text)} {{#{role}-{item.id}}}"


    # --- KPI tables and charts ----------------------------------------------------
    def kpi_table(self, measure: Item) -> Markup:
        evs = [self.data.evaluations[k.id] for k in measure.kpis]
        notes = [{"name": k.name.get(self.lang), "text": n.text.get(self.lang)}
                 for k in measure.kpis for n in self.data.notes_by_kpi.get(k.id, ())
                 if n.kind is not NoteKind.EXTRACTION]   # how the PDF's text copies: the data page's matter
        return self._render("kpi_table.html", measure=measure, rows=[self._row(e) for e in evs],
                            caption=self.word("table_caption", id=measure.id),
                            footnotes=self._footnotes(evs), notes=notes)

    def kpis(self, measure: Item) -> Fragment:
        """An item's KPIs: the table, then the charts drawn from it (their captions point to it);
        the table's rows are the KPIs' anchors, and each is a search result of its own, titled by the
        KPI's name and its marks as the row reads (templates/kpi_table.html leaves the figures out)."""
        return Fragment(Markup("\n").join([self.kpi_table(measure), self.kpi_chart(measure)]),
                        tuple(kpi_anchor(k.id) for k in measure.kpis),
                        tuple(SearchEntry(kpi_anchor(k.id), k.name.get(self.lang)
                                          + "".join(symbol + spoken for symbol, spoken in self._marks(k)))
                              for k in measure.kpis))

    def kpi_chart(self, measure: Item) -> Markup:
        evs = [self.data.evaluations[k.id] for k in measure.kpis]
        spec, height = charts.progress_chart(evs, self.lang, self.scheme)
        static = self._render("print_chart.html", rows=print_charts.progress_rows(evs, self.lang, self.scheme),
                              axis=print_charts.progress_axis())
        parts = [self._render("figure.html", chart_id=f"chart-{measure.id}", figure_json=spec, height=height,
                              caption=self.word("chart_caption", id=measure.id), static=static)]
        for k in measure.kpis:
            if len(self.series(k)[0]) > 1:
                parts.append(self.history(k))
        return Markup("\n\n".join(parts))

    def series(self, k: Kpi) -> tuple[list[tuple[int, str, Decimal]], str]:
        """One series per KPI: the yearly figures the narratives give (this edition's and the earlier
        ones'), joined with the KPI's actual in each edition up to the one shown (an edition's actual
        replaces a narrative's figure of the same fiscal year). Points (year, fy|calendar, value) in
        order, and the sources to cite."""
        if self.editions and self.edition:
            points, texts = self.editions.narrative_points(self.edition, k.id)
            sources = [t.get(self.lang) for t in texts]
            from_editions = self.editions.series(self.edition, k.id)
        else:
            points = {(p.fy, p.period): p.value for p in k.history.points} if k.history else {}
            sources = [k.history.source.get(self.lang)] if k.history else []
            from_editions = []
        if len(from_editions) > 1:
            points.update({(fy, "fy"): value for fy, value in from_editions})
            sources.append(self.L["history.from_editions"])
        ordered = sorted(points.items(), key=lambda item: (item[0][0], item[0][1] == "fy"))
        return [(fy, period, value) for (fy, period), value in ordered], self.L["list_separator"].join(sources)

    def history(self, k: Kpi) -> Markup:
        points, source = self.series(k)
        years = [self._period_label(fy, period) for fy, period, _v in points]
        values = [v for _fy, _p, v in points]
        name, unit = k.name.get(self.lang), self.kpi_unit(k)
        spec, height = charts.line_chart(years, values, name)
        static = self._render("print_chart.html", rows=print_charts.history_rows(years, values), axis=None)
        return self._render(
            "history.html", chart_id=f"history-{k.id}", figure_json=spec, height=height, unit=unit, static=static,
            caption=label(self.lang, "history_caption", name=name, unit=unit, source=source),
            table_caption=label(self.lang, "history_table_caption", name=name),
            value_heading=label(self.lang, "value_with_unit", unit=unit),
            points=[{"year": y, "value": fmt_number(v)} for y, v in zip(years, values)])

    def _period_label(self, year: int, period: str) -> str:
        if period == "fy":
            return fy_label(year, self.lang)
        if self.lang == "en":
            return str(year)
        return wareki(year).removesuffix("度")   # calendar year: 令和2年

    # --- summaries ----------------------------------------------------------------
    def status_summary(self, sid: int | None = None) -> Markup:
        counts = self.data.total if sid is None else self.data.counts[sid]
        rows = []
        for s in self.scheme.ids:
            n = counts.get(s)
            share = round_pct(Decimal(n) / Decimal(counts.total)) if counts.total else Decimal(0)
            rows.append({"view": self.status_view(s, n), "pct": fmt_pct(share, ""), "width": float(share)})
        caption = self.L["summary_caption"]
        if sid is not None:
            caption = self.word("strategy_label", n=sid, id=sid) + " " + caption
        summary = self._render("status_summary.html", statuses=rows, total=counts.total, caption=caption)
        # The overview also sets this edition's counts beside the earlier editions' (none with one edition).
        return summary if sid is not None else summary + self.previous.counts()

    def strategy_cards(self) -> Markup:
        cards = []
        for s in self.data.report.strategies:
            c = self.data.counts[s.id]
            cards.append({"href": self.href(self.strategy_path(s.id)),
                          "label": self.word("strategy_label", n=s.id, id=s.id),
                          "title": s.title.get(self.lang), "kpis": count_label(self.lang, "kpis_count", c.total),
                          "statuses": [self.status_view(st, c.get(st)) for st in self.scheme.ids]})
        return self._render("strategy_cards.html", cards=cards)

    def kpi_list(self) -> Markup:
        groups = []
        all_evs = []
        for s in self.data.report.strategies:
            evs = self.data.evaluations_of(s)
            all_evs += evs
            groups.append({"id": s.id, "short": self.word("strategy_label", n=s.id, id=s.id),
                           "label": self.word("strategy_label", n=s.id, id=s.id) + " " + s.title.get(self.lang),
                           "href": self.href(self.strategy_path(s.id)),
                           "rows": [self._row(e, with_links=True) for e in evs]})
        statuses = [self.status_view(s) for s in self.scheme.ids]
        # The count says how many of all the KPIs are shown; the script fills in {n} as the filter changes.
        # It starts as it will read with nothing filtered, so filling it in moves nothing.
        total = len(all_evs)
        count_template = self.L["shown.one" if total == 1 and "shown.one" in self.L else "shown"].replace(
            "{total}", str(total))
        shown = count_template.replace("{n}", str(total))
        has_previous = any(row["previous"] for g in groups for row in g["rows"])
        return self._render("kpi_list.html", groups=groups, statuses=statuses, shown=shown, count_template=count_template,
                            footnotes=self._footnotes(all_evs), has_previous=has_previous)
