"""Fragments for the overview, context (census and generic tables) and data pages, and the renderer the
page macros use: the KPI fragments (renderer.py) and its parts, each a class of its own that it holds (composition, not mixins):
the worked examples, the status rules, the comparison years and the edition banner."""
from __future__ import annotations

from typing import Callable

from markupsafe import Markup

from ..core.context import change, change_pct, share_pct
from ..core.errors import DataError, problem
from ..core.fiscal import wareki_year
from ..core.model import Context, ContextTable
from .comparison_years import ComparisonYears
from .edition_comparison import EditionBanner
from .glossary import glossary_context
from .labels import note_kind_label, place_en
from .numbers import fmt_number, fmt_pct
from .renderer import Renderer
from .status_rules import StatusRules
from .worked_examples import WorkedExamples


class PageFragments(Renderer):
    """A page's renderer (arguments as Renderer's), with the parts it holds."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.examples = WorkedExamples(self)
        self.statuses = StatusRules(self)
        self.years = ComparisonYears(self)
        self.banner = EditionBanner(self)

    def _head(self) -> dict[str, str]:
        return {key: self.L[f"notes.{key}"] for key in ("where", "kind", "note", "printed", "reading")}

    def _bars(self, chart_id: str, caption: str, items: list[tuple]) -> Markup:
        """A bar chart in plain HTML and CSS: drawn without plotly, so pages whose only chart sits
        at the top (overview, context) do not load the plotly bundle at all."""
        top = max((v for _l, v, *_ in items), default=0) or 1
        bars = [{"label": lbl, "value": f"{v:,}", "width": round(v / top * 100, 1),
                 "code": rest[0] if rest else "", "icon": rest[1] if len(rest) > 1 else ""}
                for lbl, v, *rest in items]
        return self._render("bars.html", chart_id=chart_id, caption=caption, bars=bars)

    def data_notes(self) -> Markup:
        rows = []
        for n in self.data.notes:
            where, href = (n.where.get(self.lang) if n.where else ""), None
            if n.kpi_id:
                k = self.data.report.kpi(n.kpi_id)
                where = f"{k.id} {k.name.get(self.lang)}"
                href = self.kpi_href(k.id)
            rows.append({"where": where, "href": href, "kind": note_kind_label(self.lang, n.kind),
                         "text": n.text.get(self.lang)})
        return self._render("notes.html", notes=rows, h=self._head(), caption=self.L["data_notes_caption"])

    def text_notes(self) -> Markup:
        notes = [{"where": n.where if self.lang == "ja" else place_en(n.where, self.data.report.levels),
                  "where_ja": n.where, "kind": note_kind_label(self.lang, n.kind), "printed": n.printed,
                  "reading": n.reading, "reading_en": n.reading_en if self.lang == "en" else None,
                  "note": n.note_en} for n in self.data.report.text_notes]
        return self._render("text_notes.html", notes=notes, h=self._head(), caption=self.L["text_notes_caption"],
                            show_en=self.lang == "en")

    def glossary(self) -> Markup:
        ja = self.lang == "ja"
        return self._render("glossary.html", ja=ja, caption=self.L["glossary_caption"],
                            **glossary_context(self.data.glossary, self.lang))

    def contact_links(self, links: dict[str, str]) -> Markup:
        """Links to the configured addresses only; a sentence without a link when none is configured."""
        town = self.municipality()
        items = [{"url": links[k], "label": self.L[f"contact.{k}"].format(municipality=town)}
                 for k in ("contact", "feedback") if k in links]
        return self._render("contact_links.html", items=items, fallback=self.L["contact.none"].format(municipality=town))

    def municipality(self) -> str:
        """The publishing municipality's name in this language (data/site.yaml)."""
        return self.data.site.municipality.get(self.lang)

    # --- section I (context) ------------------------------------------------------
    def _context_error(self, field: str, what_ja: str, what_en: str, fix_ja: str, fix_en: str) -> DataError:
        """A page asks the edition's context.yaml for what it does not have, or cannot show."""
        return DataError(f"data/editions/{self.edition.id if self.edition else '<版>'}/context.yaml", None, field,
                         problem(what_ja, what_en, fix_ja, fix_en))

    def _context(self) -> Context:
        """The edition's context figures; a page that shows them needs its context.yaml."""
        context = self.data.report.context
        if context is None:
            raise self._context_error("file", "ファイルがありません（社会情勢の数値を表示するページがあります）",
                                      "the file is missing (a page shows the context figures)",
                                      "context.yaml を作るか、ページから census_table と census_chart を削除してください",
                                      "add context.yaml, or remove census_table and census_chart from the page")
        return context

    def _census(self):
        """The edition's census figures; a page that shows them needs them in its context.yaml."""
        census = self._context().census
        if census is None:
            raise self._context_error("census", "国勢調査の人口（census）がありません（国勢調査の表か図を表示するページがあります）",
                                      "there are no census figures (census), which a page shows",
                                      "census: を書くか、ページから census_table と census_chart を削除してください",
                                      "add census:, or remove census_table and census_chart from the page")
        return census

    def context_table(self, table: ContextTable) -> Markup:
        """One of the edition's generic context tables, its source in its caption."""
        rows = [(r.label.get(self.lang), *(fmt_number(v, self.L["no_value"]) for v in r.values)) for r in table.rows]
        caption = self.L["context.caption"].format(caption=table.caption.get(self.lang),
                                                   source=table.source.get(self.lang))
        return self._render("simple_table.html", caption=caption, rows=rows,
                            head=[""] + [c.get(self.lang) for c in table.columns])

    def context_chart(self, table: ContextTable) -> Markup:
        """Bars of the table's first value column, a row without a figure left out (the table, shown
        before it, is its text alternative)."""
        if any(r.values[0] is not None and r.values[0] < 0 for r in table.rows):
            raise self._context_error(f"tables[{table.id}]", "負の値は棒グラフ（context_chart）にできません",
                                      "a bar chart (context_chart) cannot show a negative value",
                                f"ページから context_chart(\"{table.id}\") を削除し、表だけを表示してください",
                                f"remove context_chart(\"{table.id}\") from the page and show the table alone")
        column = table.columns[0].get(self.lang)
        caption = self.L["context.chart_caption"].format(caption=table.caption.get(self.lang), column=column)
        return self._bars(f"chart-{table.id}", caption,
                          [(r.label.get(self.lang), r.values[0]) for r in table.rows if r.values[0] is not None])

    def census_table(self) -> Markup:
        c, m = self._census(), self._context().municipalities
        rows = [(p.label.get(self.lang), f"{p.value:,}") for p in c.population]
        # A fall is written with a true minus sign (−2,912), as in the KPI tables.
        rows.append((self.L["census.change"], fmt_number(change(c))))
        rows.append((self.L["census.change_pct"], fmt_pct(change_pct(c), "—")))
        pop = self._render("simple_table.html", caption=self.L["census.caption"].format(municipality=self.municipality()),
                           head=["", self.L["census.people"]], rows=rows)
        if m is None:
            return pop
        mrows = [(self.L["municipalities.total"], f"{m.total:,}", "100.0%")]
        mrows += [(self.L[f"municipalities.{which}"], f"{getattr(m, which):,}", f"{share_pct(m, getattr(m, which))}%")
                  for which in ("increased", "decreased")]
        first, last = c.population[0].year, c.population[-1].year
        mun = self._render("simple_table.html", caption=self.L["municipalities.caption"].format(first=first, last=last),
                           head=["", self.L["municipalities.count"], self.L["municipalities.share"]], rows=mrows)
        return Markup(f"{pop}\n\n{mun}")

    def census_chart(self) -> Markup:
        c = self._census()
        years = [wareki_year(p.year) if self.lang == "ja" else str(p.year) for p in c.population]
        caption = self.L["census.chart_caption"].format(
            municipality=self.municipality(), years="・".join(years) if self.lang == "ja" else " and ".join(years))
        return self._bars("chart-census", caption,
                          [(p.label.get(self.lang), p.value) for p in c.population])


# The whole report's fragments, which take no arguments: the macro's name, and what it shows.
WHOLE_REPORT: dict[str, Callable[[PageFragments], Markup]] = {
    "status_summary": lambda f: f.status_summary(),
    "strategy_cards": lambda f: f.strategy_cards(),
    "kpi_list": lambda f: f.kpi_list(),
    "data_notes": lambda f: f.data_notes(),
    "text_notes": lambda f: f.text_notes(),
    "glossary": lambda f: f.glossary(),
    "census_table": lambda f: f.census_table(),
    "census_chart": lambda f: f.census_chart(),
    "progress_examples": lambda f: f.examples.progress_examples(),
    "implied_baselines": lambda f: f.examples.implied_baselines(),
    "comparison_years": lambda f: f.years.comparison_years(),
    "status_examples": lambda f: f.statuses.status_examples(),
}
