"""Editor-facing errors: one line, file:line, field, what is wrong, what to do, in ja and en."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """Bilingual text of one problem and its remedy."""

    what_ja: str
    what_en: str
    fix_ja: str
    fix_en: str


class DataError(Exception):
    """An editor's mistake in data/ or docs/. str() is the single line shown to them."""

    def __init__(self, file: str, line: int | None, field: str, problem: Problem) -> None:
        self.file = file
        self.line = line
        self.field = field
        self.problem = problem
        super().__init__(self.one_line())

    def one_line(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        p = self.problem
        text = (
            f"{where}: {self.field}: {p.what_ja} — {p.fix_ja}"
            f" / {p.what_en} — {p.fix_en}"
        )
        # Keep it one line whatever the data contained.
        return " ".join(text.split())


def problem(what_ja: str, what_en: str, fix_ja: str, fix_en: str) -> Problem:
    return Problem(what_ja, what_en, fix_ja, fix_en)
