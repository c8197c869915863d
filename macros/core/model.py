"""The domain model: report → strategy → policy → measure → KPI (plain, immutable data)."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum


class Status(str, Enum):
    """The report's own four categories, in its column order."""

    ACHIEVED = "achieved"    # 目標達成
    IMPROVED = "improved"    # 改善↑
    UNCHANGED = "unchanged"  # －（変化なし・比較不能）
    WORSE = "worse"          # 未達成↓


class Direction(str, Enum):
    HIGHER = "higher"
    LOWER = "lower"


class ProgressFormula(str, Enum):
    """How the progress rate is computed. The report marks the second with ※:
    「目標指標の※印の進捗率は、(b-a)/(c-a)により算出」 (progress measured from the baseline)."""

    RATIO = "b/c"                    # actual over target
    FROM_BASELINE = "(b-a)/(c-a)"    # ※: the gain since the baseline over the gain the target asks for


class NoteKind(str, Enum):
    """What a note is about. Data notes (core/notes.py) and transcription notes (data/editions/2024-02/text-notes/)."""

    PROGRESS_MISMATCH = "progress_mismatch"   # the printed progress rate differs from the computed one
    IMPLIED_BASELINE = "implied_baseline"     # a blank baseline implied by the printed progress rate
    BASELINE_ZERO = "baseline_zero"           # a blank baseline of a ※ KPI, counted from 0
    NO_PROGRESS = "no_progress"               # no progress rate can be computed
    TARGET_NOT_BETTER = "target_not_better"   # the target asks for no improvement
    YEAR_NOTE = "year_note"                   # a value of another year than its column heading's
    SUMMARY_TABLE = "summary_table"           # the summary table prints something else
    SOURCE = "source"                         # a note on the source, written in data/
    COUNTS_MISMATCH = "counts_mismatch"       # computed status counts differ from the printed ones
    CENSUS = "census"                         # a section I (context) figure differs from the printed one
    TYPO = "typo"                             # a typo in the report, kept as printed
    EXTRACTION = "extraction"                 # an error of the text extraction, corrected
    ACTUAL_UNKNOWN = "actual_unknown"         # an actual deliberately left unknown, with the reason
    REVISED = "revised"                       # a baseline or target the edition revises
    OTHER = "other"


@dataclass(frozen=True)
class Text:
    ja: str
    en: str

    def get(self, lang: str) -> str:
        """The text for a page language (validation guarantees the English is filled in)."""
        return self.ja if lang == "ja" else self.en


@dataclass(frozen=True)
class Unit(Text):
    """A unit as the report prints it (ja) and as an English table heads it (en), with how a figure in it
    reads in a sentence: `thousands` (the report counts in thousands: 382 reads 382,000), `yen` (an amount
    of money: ¥222.7 million), `measure` (tonnes, m², %: the figure is a quantity, not a count of things),
    `one` (the English for one of it, when the unit is a count noun: person)."""

    thousands: bool = False
    yen: bool = False
    measure: bool = False
    one: str | None = None


@dataclass(frozen=True)
class Wording:
    """How an English sentence names what one KPI counts or measures (data: the KPI's `en_wording`).
    A count: `one`/`other` ('visitor to the three caves' / 'visitors to the three caves'); a measure:
    `measure` ('the share of shops accepting cashless payment'), `plural` when it takes 'were'."""

    one: str | None = None
    other: str | None = None
    measure: str | None = None
    plural: bool = False
    running_total: bool = False   # a count that adds up over the years: "By FY2022 there had been a total of …"
    unit: str | None = None       # the English tables' unit for this KPI, where the unit's own ("number") says nothing

    @property
    def is_count(self) -> bool:
        return self.other is not None


@dataclass(frozen=True)
class Source:
    file: str
    line: int


@dataclass(frozen=True)
class Value:
    """One table cell: a number in a fiscal year."""

    amount: Decimal
    fy: int
    printed: str | None = None   # the cell as printed when it carried its own year note
    implied: bool = False        # not printed: implied by the printed progress rate


@dataclass(frozen=True)
class Note:
    kind: NoteKind   # extraction | typo | source | other
    text: Text


@dataclass(frozen=True)
class Revision:
    """A baseline or target an edition revises: the value the previous edition printed, and why."""
    field: str                    # baseline | target
    previous: Decimal | None
    reason: Text


@dataclass(frozen=True)
class HistoryPoint:
    fy: int
    value: Decimal
    period: str = "fy"   # fy | calendar


@dataclass(frozen=True)
class History:
    source: Text
    points: tuple[HistoryPoint, ...]


@dataclass(frozen=True)
class SummaryTable:
    """How the report's overall summary table (【KPI達成状況】) prints this KPI, where it differs."""

    name: str | None = None
    baseline: Decimal | None = None
    published_progress_pct: Decimal | None = None
    progress_formula: ProgressFormula | None = None   # as the summary table's ※ mark says


@dataclass(frozen=True)
class Kpi:
    id: str
    name: Text
    unit: str
    baseline: Value | None
    actual: Value | None
    target: Value | None
    progress_formula: ProgressFormula
    direction: Direction
    published_progress_pct: Decimal | None
    source: Source
    summary_table: SummaryTable | None = None
    history: History | None = None
    notes: tuple[Note, ...] = ()
    revisions: tuple[Revision, ...] = ()
    wording: Wording | None = None   # None: the sentence names the KPI by its name

    @property
    def from_baseline(self) -> bool:
        """Marked ※: progress is measured from the baseline, (b − a) / (c − a)."""
        return self.progress_formula is ProgressFormula.FROM_BASELINE

    @property
    def measure_id(self) -> str:
        return self.id.rsplit("-", 1)[0]


@dataclass(frozen=True)
class Measure:
    id: str
    title: Text
    kpis: tuple[Kpi, ...]
    source: Source
    printed_without_number: bool = False


@dataclass(frozen=True)
class Policy:
    id: str
    title: Text
    measures: tuple[Measure, ...]
    source: Source

    @property
    def number(self) -> int:
        return int(self.id.rsplit("-", 1)[1])


@dataclass(frozen=True)
class StatusCounts:
    achieved: int = 0
    improved: int = 0
    unchanged: int = 0
    worse: int = 0

    def get(self, status: Status) -> int:
        return getattr(self, status.value)

    @property
    def total(self) -> int:
        return self.achieved + self.improved + self.unchanged + self.worse


@dataclass(frozen=True)
class Strategy:
    id: int
    title: Text
    policies: tuple[Policy, ...]
    published_status_counts: StatusCounts | None   # None in a draft edition: not printed yet
    source: Source

    def kpis(self) -> list[Kpi]:
        return [k for p in self.policies for m in p.measures for k in m.kpis]

    def measures(self) -> list[Measure]:
        return [m for p in self.policies for m in p.measures]


@dataclass(frozen=True)
class Columns:
    """Fiscal years given by the KPI tables' column headings."""

    baseline_fy: int
    actual_fy: int
    target_fy: int


@dataclass(frozen=True)
class Meta:
    title: Text
    publisher: Text
    published: Text
    columns: Columns
    published_status_counts: StatusCounts | None   # None in a draft edition: not printed yet
    licence_id: str
    licence_url: str
    short_title: Text | None = None   # the site's name


@dataclass(frozen=True)
class TextNote:
    """A note on the transcription of the narrative (docs/), from data/editions/2024-02/text-notes/."""

    file: str
    where: str
    kind: NoteKind   # typo | extraction
    printed: str
    reading: str
    note_en: str
    reading_en: str | None = None   # the English page's reading, where reading is a remark in Japanese


@dataclass(frozen=True)
class CensusPoint:
    year: int
    value: int
    label: Text


@dataclass(frozen=True)
class Census:
    """Mine City's population in the national censuses (section I), with the change the report prints."""

    source: Text
    population: tuple[CensusPoint, ...]   # oldest first
    published_change: int
    published_decline_pct: Decimal


@dataclass(frozen=True)
class Municipalities:
    """Japan's municipalities by population change (section I)."""

    source: Text
    total: int
    increased: int
    decreased: int
    published_increased_pct: Decimal | None = None
    published_decreased_pct: Decimal | None = None
    published_decreased_5pct_or_more_pct: Decimal | None = None


@dataclass(frozen=True)
class Context:
    """The figures of section I (社会情勢), from data/editions/2024-02/context.yaml."""

    census: Census
    municipalities: Municipalities


@dataclass(frozen=True)
class Report:
    meta: Meta
    strategies: tuple[Strategy, ...]
    units: dict[str, Unit]
    context: Context
    text_notes: tuple[TextNote, ...] = ()
    index: dict = field(default_factory=dict, compare=False, repr=False)

    def kpis(self) -> list[Kpi]:
        return [k for s in self.strategies for k in s.kpis()]

    def strategy(self, sid: int) -> Strategy | None:
        return self.index.get(("strategy", sid))

    def policy(self, pid: str) -> Policy | None:
        return self.index.get(("policy", pid))

    def measure(self, mid: str) -> Measure | None:
        return self.index.get(("measure", mid))

    def kpi(self, kid: str) -> Kpi | None:
        return self.index.get(("kpi", kid))
