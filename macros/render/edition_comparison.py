"""What residents ask of each new evaluation, 前年度と比べてどうか: the edition a page shows, the
same KPI in the previous edition, the status counts of each edition side by side, and each KPI's
actuals across editions. Every figure is computed from the editions' data (core/edition_series.py).
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from markupsafe import Markup

from ..core.edition_series import Change, Edition
from ..core.fiscal import fy_label
from ..core.progress import Evaluation
from .labels import group
from .numbers import fmt_number, fmt_pct
from .renderer import Renderer

@dataclass(frozen=True)
class EditionLink:
    edition: Edition
    href: str | None   # None: this page does not exist in that edition


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def date_text(iso: str, lang: str) -> str:
    """A date as residents write it: "7 December 2026" in English (the register keeps 2026-12-07)."""
    if lang == "ja":
        return iso
    d = datetime.date.fromisoformat(iso)
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"   # not %B, which follows the machine's locale


def words(lang: str) -> dict[str, str]:
    """This module's words (render/labels.py, keys "edition.*"), without their prefix."""
    return group(lang, "edition.")


class EditionFragments(Renderer):
    """Needs the renderer's `editions` and `edition` (the plugin passes both)."""

    def _status_text(self, e: Evaluation) -> str:
        v = self.status_view(e.status)
        return f"{v.icon}{v.label}" if self.lang == "ja" else f"{v.icon} {v.label}"

    def change(self, kpi_id: str) -> Change | None:
        if self.editions is None or self.edition is None:
            return None
        return self.editions.change(self.edition, kpi_id)

    def previous_view(self, e: Evaluation) -> dict | None:
        """The KPI in the previous edition and the change, for the line under its sentence."""
        if self.editions is None or self.edition is None or self.editions.previous(self.edition) is None:
            return None
        W = words(self.lang)
        c = self.change(e.kpi.id)
        if c is None:
            return {"lead": "", "text": W["new_kpi"], "changed": False}
        before = c.previous
        actual = before.kpi.actual
        value = (fmt_number(actual.amount) + (self.unit(before.kpi.unit) if self.lang == "ja" else " " + self.kpi_unit(before.kpi))
                 if actual else self.L["no_value"])
        text = W["previous_value"].format(
            value=value, fy=fy_label(actual.fy, self.lang) if actual else "—",
            progress=fmt_pct(before.progress_pct, self.L["na"]), status=self._status_text(before))
        verdict = (W["changed"].format(before=self._status_text(before), after=self._status_text(c.current))
                   if c.status_changed else W["unchanged"])
        return {"lead": W["previous"].format(name=c.previous_edition.name.get(self.lang)),
                "text": text, "verdict": verdict, "changed": c.status_changed}

    def _closed(self, text) -> str:
        """A correction's what or why as a sentence: staff often type a phrase ('a counting error'), and in
        English the label 'Reason:' that follows needs the full stop the phrase lacks."""
        words = text.get(self.lang)
        return words if self.lang == "ja" or words.endswith((".", "!", "?")) else words + "."

    def edition_banner(self, links: list[EditionLink]) -> Markup:
        e, W = self.edition, words(self.lang)
        latest = self.editions.latest()
        state = "draft" if not e.published else ("latest" if e.id == latest.id else "archived")
        corrections = [W["correction"].format(date=date_text(c.date, self.lang), what=self._closed(c.what),
                                              why=self._closed(c.why)) for c in e.entry.corrections]
        return self._render(
            "edition_banner.html", state=state, W=W, corrections=corrections, sep="" if self.lang == "ja" else " ",
            shows=W["shows"].format(name=e.name.get(self.lang), fy=fy_label(e.actual_fy, self.lang)),
            where=W["latest"] if state == "latest" else W["archived"].format(latest=latest.name.get(self.lang)),
            links=[{"label": link.edition.name.get(self.lang), "href": link.href,
                    "current": link.edition.id == e.id,
                    "draft": not link.edition.published} for link in links])

    def edition_counts(self) -> Markup:
        """The status counts of this edition and the ones before it in its period, side by side."""
        if self.editions is None or self.edition is None:
            return Markup("")
        upto = [x for x in self.editions.all[: self.editions.all.index(self.edition) + 1]
                if x.entry.period == self.edition.entry.period]
        if len(upto) < 2:
            return Markup("")
        W = words(self.lang)
        rows = [{"name": x.name.get(self.lang), "fy": fy_label(x.actual_fy, self.lang),
                 "counts": [x.data.total.get(s) for s in self.scheme.ids], "total": x.data.total.total} for x in upto]
        return self._render("edition_counts.html", W=W, rows=rows, caption=W["counts_caption"],
                            statuses=[self.status_view(s) for s in self.scheme.ids])
