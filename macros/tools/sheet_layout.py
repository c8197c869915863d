"""The KPI workbook's layout, shared by export and import: sheets, columns, headings, edition.

A workbook belongs to the current edition: the one being prepared, the last one data/editions.yaml
lists (a draft, or the latest published edition when no draft has been started). One row per KPI on
the sheet KPI. The departments fill in the value columns (baseline, actual,
target and their fiscal years) and 備考, and, on a site whose statuses the city enters (the `entered`
scheme), each KPI's status and its reason; every other cell is locked. The locked sheet ABOUT_SHEET
names the edition the workbook belongs to (EDITION_CELL), so a workbook of another edition is
refused. The very hidden sheet COPY_SHEET holds what the export wrote, cell for cell, so an
import applies only what a person changed.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..core.model import Meta, Text
from ..core.register import Entry, read_register

KPI_SHEET = "KPI"
ABOUT_SHEET = "説明 About"
COPY_SHEET = "exported"   # very hidden: the values as exported
EDITION_CELL = "B2"       # on ABOUT_SHEET
FORMAT_CELL = "B3"        # on ABOUT_SHEET
FORMAT = "kpi-sheet 1"
FIRST_ROW = 2             # row 1 is the heading


@dataclass(frozen=True)
class Column:
    key: str          # id | strategy | measure | name | unit | baseline | baseline_fy | … | remarks
    # strategy: the KPI's item of the plan's top level; measure: its item of the level directly above it.
    heading_ja: str
    heading_en: str
    width: int
    kind: str = "fixed"   # fixed (locked) | number | year | text | choice (editable)

    @property
    def editable(self) -> bool:
        return self.kind != "fixed"

    @property
    def heading(self) -> str:
        return f"{self.heading_ja}\n{self.heading_en}"


COLUMNS: tuple[Column, ...] = (
    Column("id", "ID", "ID", 10),
    Column("strategy", "最上位の階層", "Top level", 24),      # headed by the level's name: with_level_names
    Column("measure", "KPIの上の階層", "Level above the KPI", 28),
    Column("name", "KPI名", "KPI name", 36),
    Column("unit", "単位", "Unit", 8),
    Column("baseline", "策定時（a）", "Baseline (a)", 12, "number"),
    Column("baseline_fy", "策定時の年度", "Baseline FY", 11, "year"),
    Column("actual", "実績値（b）", "Actual (b)", 12, "number"),
    Column("actual_fy", "実績値の年度", "Actual FY", 11, "year"),
    Column("target", "目標（c）", "Target (c)", 12, "number"),
    Column("target_fy", "目標の年度", "Target FY", 11, "year"),
    Column("printed_pct", "報告書の進捗率（%）", "Printed progress (%)", 18),
    Column("remarks", "備考", "Remarks", 40, "text"),
)
# Under the `entered` scheme, after those (so that every other column keeps its letter): the status the
# city enters and its reason, in Japanese and, on a bilingual site, in English.
ENTERED_COLUMNS: tuple[Column, ...] = (
    Column("status", "状況（記入）", "Status (entered)", 12, "choice"),
    Column("status_reason", "状況の理由", "Reason for the status", 40, "text"),
    Column("status_reason_en", "状況の理由（英語）", "Reason for the status (English)", 40, "text"),
)
ENTERED_FIELDS = tuple(c.key for c in ENTERED_COLUMNS)
_ORDER = COLUMNS + ENTERED_COLUMNS
VALUE_FIELDS = ("baseline", "actual", "target")
FIELD_JA = {"baseline": "策定時", "actual": "実績値", "target": "目標"}


def sheet_columns(levels: tuple[Text, ...], entered: bool = False, bilingual: bool = False) -> tuple[Column, ...]:
    """A site's columns: the two that name the KPI's place in the plan headed by its levels' names
    (data/site.yaml), and, when its statuses are entered, the status and its reason (in English too on a
    bilingual site)."""
    names = {"strategy": levels[0], "measure": levels[-1]}
    columns = tuple(replace(c, heading_ja=names[c.key].ja, heading_en=names[c.key].en or names[c.key].ja)
                    if c.key in names else c for c in COLUMNS)
    if entered:
        columns += ENTERED_COLUMNS if bilingual else ENTERED_COLUMNS[:2]
    return columns


def site_columns(loaded) -> tuple[Column, ...]:
    """The columns of a loaded edition's workbook (core.report.LoadedReport: its levels, scheme and languages)."""
    return sheet_columns(loaded.report.levels, loaded.scheme.name == "entered", loaded.site.bilingual)


def column_letter(key: str) -> str:
    from openpyxl.utils import get_column_letter
    return get_column_letter([c.key for c in _ORDER].index(key) + 1)


def current(root: Path) -> Entry:
    """The edition the workbook is exported from and imported into: the one being prepared."""
    return read_register(root).latest(include_drafts=True)


def edition(edition_id: str, meta: Meta) -> str:
    """What identifies the edition a workbook belongs to: its id, then its title, date and column years."""
    c = meta.columns
    return (f"{edition_id}: {meta.title.ja} {meta.published.ja}"
            f"（策定時 {c.baseline_fy}・実績値 {c.actual_fy}・目標 {c.target_fy} 年度）")
