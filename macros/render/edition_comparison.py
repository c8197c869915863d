"""The edition a page shows: its banner (which edition, the latest or an earlier one, the same page in
the other editions, and the corrections since publication). What residents ask of each new evaluation,
前年度と比べてどうか, is render/previous_edition.py's: the same KPI in the previous edition and the
status counts of each edition side by side, computed from the editions' data (core/edition_series.py).
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from markupsafe import Markup

from ..core.edition_series import Edition
from ..core.fiscal import fy_label
from .previous_edition import words
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


class EditionBanner:
    """The edition banner of a page: a part of the renderer (PageFragments holds one). Needs the
    renderer's `editions` and `edition` (the plugin passes both); the previous edition beside a KPI and
    the counts side by side are render/previous_edition.py's."""

    def __init__(self, renderer: Renderer):
        self.r = renderer

    def _closed(self, text) -> str:
        """A correction's what or why as a sentence: staff often type a phrase ('a counting error'), and in
        English the label 'Reason:' that follows needs the full stop the phrase lacks."""
        said = text.get(self.r.lang)
        return said if self.r.lang == "ja" or said.endswith((".", "!", "?")) else said + "."

    def edition_banner(self, links: list[EditionLink]) -> Markup:
        e, W = self.r.edition, words(self.r.lang)
        latest = self.r.editions.latest()
        state = "draft" if not e.published else ("latest" if e.id == latest.id else "archived")
        corrections = [W["correction"].format(date=date_text(c.date, self.r.lang), what=self._closed(c.what),
                                              why=self._closed(c.why)) for c in e.entry.corrections]
        return self.r._render(
            "edition_banner.html", state=state, W=W, corrections=corrections, sep="" if self.r.lang == "ja" else " ",
            shows=W["shows"].format(name=e.name.get(self.r.lang), fy=fy_label(e.actual_fy, self.r.lang)),
            where=W["latest"] if state == "latest" else W["archived"].format(latest=latest.name.get(self.r.lang)),
            links=[{"label": link.edition.name.get(self.r.lang), "href": link.href,
                    "current": link.edition.id == e.id,
                    "draft": not link.edition.published} for link in links])
