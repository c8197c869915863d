"""The previous edition beside this one, for a renderer: the same KPI in the previous edition and the
change of its status (the line under each KPI's sentence), and the status counts of every edition of the
period side by side (the overview). With one edition, or a report rendered alone, there is nothing to show.

A part of the renderer, not a subclass of it: Renderer holds one (`previous`) and calls it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup

from ..core.edition_series import Change, Edition, Editions
from ..core.fiscal import fy_label
from ..core.progress import Evaluation
from .labels import group
from .numbers import fmt_number, fmt_pct

if TYPE_CHECKING:
    from .renderer import Renderer


def words(lang: str) -> dict[str, str]:
    """The editions' words (render/labels.py, keys "edition.*"), without their prefix."""
    return group(lang, "edition.")


class PreviousEdition:
    def __init__(self, renderer: Renderer):
        self.r = renderer

    def _status_text(self, e: Evaluation) -> str:
        v = self.r.status_view(e.status)
        return f"{v.icon}{v.label}" if self.r.lang == "ja" else f"{v.icon} {v.label}"

    def _shown(self) -> tuple[Editions, Edition] | None:
        """The report's editions and the one shown; None for a report rendered alone."""
        return None if self.r.editions is None or self.r.edition is None else (self.r.editions, self.r.edition)

    def change(self, kpi_id: str) -> Change | None:
        shown = self._shown()
        return None if shown is None else shown[0].change(shown[1], kpi_id)

    def kpi_line(self, e: Evaluation) -> dict | None:
        """The KPI in the previous edition and the change, for the line under its sentence."""
        shown = self._shown()
        if shown is None or shown[0].previous(shown[1]) is None:
            return None
        W = words(self.r.lang)
        c = self.change(e.kpi.id)
        if c is None:
            return {"lead": "", "text": W["new_kpi"], "changed": False}
        before = c.previous
        actual = before.kpi.actual
        unit = self.r.unit(before.kpi.unit) if self.r.lang == "ja" else " " + self.r.kpi_unit(before.kpi)
        value = fmt_number(actual.amount) + unit if actual else self.r.L["no_value"]
        text = W["previous_value"].format(
            value=value, fy=fy_label(actual.fy, self.r.lang) if actual else "—",
            progress=fmt_pct(before.progress_pct, self.r.L["na"]), status=self._status_text(before))
        verdict = (W["changed"].format(before=self._status_text(before), after=self._status_text(c.current))
                   if c.status_changed else W["unchanged"])
        return {"lead": W["previous"].format(name=c.previous_edition.name.get(self.r.lang)),
                "text": text, "verdict": verdict, "changed": c.status_changed}

    def counts(self) -> Markup:
        """The status counts of this edition and the ones before it in its period, side by side."""
        shown = self._shown()
        if shown is None:
            return Markup("")
        editions, edition = shown
        upto = [x for x in editions.all[: editions.all.index(edition) + 1] if x.entry.period == edition.entry.period]
        if len(upto) < 2:
            return Markup("")
        W = words(self.r.lang)
        rows = [{"name": x.name.get(self.r.lang), "fy": fy_label(x.actual_fy, self.r.lang),
                 "counts": [x.data.total.get(s) for s in self.r.scheme.ids], "total": x.data.total.total}
                for x in upto]
        return self.r._render("edition_counts.html", W=W, rows=rows, caption=W["counts_caption"],
                              statuses=[self.r.status_view(s) for s in self.r.scheme.ids])
