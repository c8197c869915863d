"""The statuses explained from the site's scheme (core/status_schemes.py): the codes the downloads use,
the rules of the methodology page, and one worked example per category, taken from the data."""
from __future__ import annotations

import re

from markupsafe import Markup

from ..core.progress import Evaluation
from .labels import status_name
from .numbers import fmt_number, fmt_pct
from .renderer import Renderer, mark_japanese

_HEAD = {
    "ja": {"kpi": "KPI", "baseline": "策定時(a)", "actual": "実績値(b)", "target": "目標(c)", "progress": "進捗率",
           "reason": "理由", "none": "該当するKPIはありません", "caption": "状況の判定の例（データから判定）",
           "parameters": "判定に使う値（data/site.yaml）：", "order": "区分は次のとおりです。記号と文字で示しており、色だけで区別してはいません。",
           "examples": "次の表は、区分ごとに、その区分に当てはまる最初のKPIを例として示したものです（ページを生成するたびにデータから判定しています）。",
           "counts": "全体の件数は次のとおりです（データから計算した結果です）。"},
    "en": {"kpi": "KPI", "baseline": "Baseline (a)", "actual": "Actual (b)", "target": "Target (c)", "progress": "Progress",
           "reason": "Reason", "none": "No KPI falls in this category", "caption": "Worked examples of the status (from the data)",
           "parameters": "Values the rule uses (data/site.yaml): ",
           "order": "The categories are as follows. Each is shown by a symbol and words, never by colour alone.",
           "examples": "The table below gives, for each category, the first KPI that falls in it as an example "
                       "(decided from the data every time the pages are generated).",
           "counts": "The overall counts are as follows (computed from the data)."},
}


def _parameter(value) -> str:
    return ", ".join(map(str, value)) if isinstance(value, tuple) else str(value)


# A page's own words for one scheme: {{ status_rules("four-categories") }} or {{ scheme_note("…") }}
# on a line of its own, then the text up to the next heading.
_OWN_WORDS = re.compile(r"""^\{\{\s*(?:status_rules|scheme_note)\(\s*["']([^"']*)["']\s*\)\s*\}\}[ \t]*$""", re.M)
_HEADING = re.compile(r"^#{1,6} ", re.M)


def for_scheme(markdown: str, scheme: str) -> str:
    """A page for the site's status scheme: the text a page wrote for another scheme (after one of the
    two macros above, up to the next heading) is left out; the macro then stands alone, and
    status_rules() shows the explanation generated from the site's scheme in its place."""
    out, pos = [], 0
    for m in _OWN_WORDS.finditer(markdown):
        if m.start() < pos or m.group(1) == scheme:
            continue
        following = _HEADING.search(markdown, m.end())
        out.append(markdown[pos:m.end()] + "\n\n")
        pos = following.start() if following else len(markdown)
    return "".join(out) + markdown[pos:]


class StatusRules:
    """The statuses of the site's scheme explained: a part of the renderer (PageFragments holds one)."""

    def __init__(self, renderer: Renderer):
        self.r = renderer

    def status_codes(self) -> str:
        """The status column's codes with their names, for the downloads' documentation."""
        if self.r.lang == "ja":
            return "、".join(f"`{c}`（{status_name('ja', c, self.r.scheme)}）" for c in self.r.scheme.ids)
        return ", ".join(f"`{c}` ({status_name('en', c, self.r.scheme)})" for c in self.r.scheme.ids)

    def status_rules(self) -> str:
        """The scheme in Markdown: what it does, its categories and their rules, its parameters."""
        h, lang = _HEAD[self.r.lang], self.r.lang
        parts = [self.r.scheme.summary.get(lang), h["order"]]
        for c in self.r.scheme.categories:
            rule = c.rule.get(lang) if c.rule else ("市町村が記入します。" if lang == "ja" else "Entered by the municipality.")
            parts.append(f"{status_name(lang, c.id, self.r.scheme)}\n:   {rule}")
        if self.r.scheme.parameters:
            sep = "、" if lang == "ja" else ", "
            parts.append(h["parameters"] + sep.join(f"`{k}: {_parameter(v)}`" for k, v in self.r.scheme.parameters))
        return "\n\n".join(parts)

    def generated_rules(self, keep=str) -> str:
        """The section a page shows for a scheme it has no words of its own for: rules, examples, counts.
        `keep` carries each table's HTML past Markdown (glue/deferred.py)."""
        h = _HEAD[self.r.lang]
        return "\n\n".join([self.status_rules(), h["examples"], keep(self.status_examples()), h["counts"],
                              keep(self.r.status_summary())])

    def _example(self, e: Evaluation | None, code: str, cols: tuple[str, ...]) -> dict:
        row = {"status": self.r.status_view(code), "kpi": None}
        if e is None:
            return row
        k = e.kpi
        row["kpi"] = {"id": k.id, "name": k.name.get(self.r.lang), "href": self.r.kpi_href(k.id)}
        for which in ("baseline", "actual", "target"):
            v = getattr(k, which)
            row[which] = self.r.L["no_value"] if v is None else fmt_number(v.amount)
        row["progress"] = fmt_pct(e.progress_pct, self.r.L["na"])
        if "reason" in cols:   # a KPI of a draft may still wait for its status and reason
            reason = k.entered_status.reason if k.entered_status is not None else None
            row["reason"] = (mark_japanese(reason.get(self.r.lang) or reason.ja, self.r.lang) if reason
                             else self.r.L["no_value"])
        return row

    def status_examples(self) -> Markup:
        """For each category, the first KPI in report order that falls in it."""
        first: dict[str, Evaluation] = {}
        for k in self.r.data.report.kpis():
            first.setdefault(self.r.data.evaluations[k.id].status, self.r.data.evaluations[k.id])
        cols = ("baseline", "actual", "target", "progress") + (("reason",) if self.r.scheme.name == "entered" else ())
        rows = [self._example(first.get(c), c, cols) for c in self.r.scheme.ids]
        h = _HEAD[self.r.lang]
        return self.r._render("status_examples.html", h=h, rows=rows, cols=cols, caption=h["caption"])
