"""Fragments for the overview, context and data pages."""
from __future__ import annotations

from decimal import Decimal

from markupsafe import Markup

from ..core.progress import round_pct
from .renderer import Renderer

NOTE_KIND = {
    "progress_mismatch": ("印刷された進捗率との差", "Printed progress differs"),
    "implied_baseline": ("策定時の値（逆算）", "Implied baseline"),
    "baseline_zero": ("策定時の値（空欄）", "Blank baseline"),
    "no_progress": ("算出不可", "Not computable"),
    "target_not_better": ("目標値", "Target"),
    "year_note": ("年度の注記", "Year note"),
    "summary_table": ("一覧表との相違", "Summary table differs"),
    "source": ("転記", "Transcription"),
    "counts_mismatch": ("件数の相違", "Counts differ"),
    "census": ("社会情勢", "Context"),
    "typo": ("誤記（原文のまま）", "Typo (kept as printed)"),
    "extraction": ("抽出エラーの修正", "Extraction error fixed"),
}

_HEAD = {
    "ja": {"where": "対象", "kind": "種類", "note": "内容", "printed": "原文の表記", "reading": "読み・修正後"},
    "en": {"where": "Where", "kind": "Kind", "note": "Note", "printed": "As printed", "reading": "Reading / corrected"},
}


class PageFragments(Renderer):
    def _kind(self, kind: str) -> str:
        ja, en = NOTE_KIND.get(kind, (kind, kind))
        return ja if self.lang == "ja" else en

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
            where, href = "", None
            if n.kpi_id:
                k = self.data.report.kpi(n.kpi_id)
                where = f"{k.id} {k.name.get(self.lang)}"
                href = self.kpi_href(k.id)
            rows.append({"where": where, "href": href, "kind": self._kind(n.kind), "text": n.text.get(self.lang)})
        rows += [{"where": w, "href": None, "kind": self._kind("census"), "text": t} for w, t in self.census_notes()]
        caption = "KPI データの注記" if self.lang == "ja" else "Notes on the KPI data"
        return self._render("notes.html", notes=rows, h=_HEAD[self.lang], caption=caption)

    def text_notes(self) -> Markup:
        notes = [{"where": n.where, "kind": self._kind(n.kind), "printed": n.printed, "reading": n.reading,
                  "note": n.note_en} for n in self.data.report.text_notes]
        caption = "本文の転記に関する注記" if self.lang == "ja" else "Notes on the transcription of the text"
        return self._render("text_notes.html", notes=notes, h=_HEAD[self.lang], caption=caption,
                            show_en=self.lang == "en")

    # --- section I (context) ------------------------------------------------------
    def _census(self):
        c = self.data.report.context["census"]
        pops = c["population"]
        first, last = pops[0], pops[-1]
        change = last["value"] - first["value"]
        pct = round_pct(Decimal(change) / Decimal(first["value"]))
        return c, pops, change, pct

    def census_notes(self) -> list[tuple[str, str]]:
        """Checks of the printed section I figures against the ones computed from data."""
        c, _pops, change, pct = self._census()
        m = self.data.report.context["municipalities"]
        out = []
        ja = self.lang == "ja"
        if change != c["published_change"]:
            out.append(("国勢調査人口" if ja else "Census population",
                        f"増減は計算で {change:,}人、本文では {c['published_change']:,}人。" if ja else
                        f"The change computes to {change:,}; the text prints {c['published_change']:,}."))
        if -pct != Decimal(str(c["published_decline_pct"])):
            out.append(("人口減少率" if ja else "Rate of decline",
                        f"計算では {-pct}%、本文では {c['published_decline_pct']}%。" if ja else
                        f"Computes to {-pct}%; the text prints {c['published_decline_pct']}%."))
        rest = m["total"] - m["increased"] - m["decreased"]
        if rest:
            out.append(("全国の市町村数" if ja else "Municipalities",
                        f"人口が増加した{m['increased']:,}と減少した{m['decreased']:,}の合計は{m['increased'] + m['decreased']:,}で、全体の{m['total']:,}より{rest}少なく、残り{rest}市町村について本文に記載はありません。" if ja else
                        f"The {m['increased']:,} growing and {m['decreased']:,} shrinking municipalities add up to {m['increased'] + m['decreased']:,}, {rest} fewer than the total of {m['total']:,}; the text does not say what the other {rest} did."))
        return out

    def census_table(self) -> Markup:
        c, pops, change, pct = self._census()
        m = self.data.report.context["municipalities"]
        ja = self.lang == "ja"
        rows = [(p["label"]["ja" if ja else "en"], f"{p['value']:,}") for p in pops]
        rows.append(("増減" if ja else "Change", f"{change:,}"))
        rows.append(("増減率" if ja else "Rate of change", f"{pct}%"))
        pop = self._render("simple_table.html", caption=("美祢市の国勢調査人口" if ja else "Population of Mine City (National Census)"),
                           head=["", "人" if ja else "People"], rows=rows)
        share = lambda n: round_pct(Decimal(n) / Decimal(m["total"]))
        mrows = [("全国の市町村" if ja else "All municipalities", f"{m['total']:,}", "100.0%"),
                 ("人口が増加" if ja else "Population grew", f"{m['increased']:,}", f"{share(m['increased'])}%"),
                 ("人口が減少" if ja else "Population fell", f"{m['decreased']:,}", f"{share(m['decreased'])}%")]
        mun = self._render("simple_table.html",
                           caption=("2015年から2020年の人口増減別の市町村数" if ja else "Municipalities by population change, 2015–2020"),
                           head=["", "市町村数" if ja else "Municipalities", "割合" if ja else "Share"], rows=mrows)
        return Markup(f"{pop}\n\n{mun}")

    def census_chart(self) -> Markup:
        c, pops, _change, _pct = self._census()
        ja = self.lang == "ja"
        caption = ("図：美祢市の国勢調査人口（平成27年・令和2年、人）。数値は上の表のとおりです。" if ja else
                   "Figure: population of Mine City in the 2015 and 2020 censuses (people). The figures are in the table above.")
        return self._bars("chart-census", caption, [(p["label"]["ja" if ja else "en"], p["value"]) for p in pops])
