"""The domain model: report → strategy → (policy →) (measure →) KPI (plain, immutable data).

The plan has one to three levels above the KPIs (data/site.yaml `levels`): a Strategy is an item of the
top level, an Item one of a level below it. A KPI id has one part per level and its own number.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum


class Status(str, Enum):
    """The four categories of the `four-categories` scheme (core/status_schemes.py), in the report's
    column order. A status in general is a category id of the site's scheme (a str)."""

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
        """The text for a page language (validation guarantees the English is filled in when the site
        is published in English). No other language is taken for Japanese."""
        if lang == "ja":
            return self.ja
        if lang == "en":
            return self.en
        raise ValueError(f"no text in language {lang!r}: a site is published in ja, or in ja and en")


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
class EnteredStatus:
    """A status the municipality enters itself (the `entered` scheme): a category id and its reason."""

    id: str
    reason: Text | None
    line: int | None   # of the `status:` field


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
    entered_status: EnteredStatus | None = None

    @property
    def from_baseline(self) -> bool:
        """Marked ※: progress is measured from the baseline, (b − a) / (c − a)."""
        return self.progress_formula is ProgressFormula.FROM_BASELINE

    @property
    def measure_id(self) -> str:
        """The id of the item that holds it (its measure; in a one-level plan, its strategy)."""
        return self.id.rsplit("-", 1)[0]


@dataclass(frozen=True)
class Item:
    """An item of one of the plan's levels below the top (data/site.yaml `levels`): in a three-level plan
    a policy (1-2) or a measure (1-2-3), in a two-level plan a measure (1-2). An item of the level
    directly above the KPIs holds KPIs; an item of a level between holds the items of the next level."""

    id: str
    title: Text
    items: tuple[Item, ...]
    kpis: tuple[Kpi, ...]
    source: Source
    printed_without_number: bool = False

    @property
    def number(self) -> int:
        return int(self.id.rsplit("-", 1)[1])

    @property
    def depth(self) -> int:
        """Its level, counted from the top (0): the number of parts of its id, less one."""
        return self.id.count("-")

    def walk(self) -> list[Item]:
        """This item and every item below it, in the order the plan lists them."""
        return [self] + [i for child in self.items for i in child.walk()]


class StatusCounts:
    """How many KPIs fall in each category of the scheme (by category id), in the scheme's order."""

    def __init__(self, **counts: int) -> None:
        self._counts = dict(counts)

    def get(self, status: str) -> int:
        return self._counts.get(status, 0)

    def __getattr__(self, name: str) -> int:
        if name.startswith("_"):
            raise AttributeError(name)
        return self.get(name)

    @property
    def total(self) -> int:
        return sum(self._counts.values())

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self._counts)

    def __eq__(self, other) -> bool:
        return isinstance(other, StatusCounts) and self._counts == other._counts

    def __hash__(self) -> int:
        return hash(tuple(self._counts.items()))

    def __repr__(self) -> str:
        return "StatusCounts(" + ", ".join(f"{k}={v}" for k, v in self._counts.items()) + ")"


@dataclass(frozen=True)
class Strategy:
    """An item of the plan's top level, one page of the site. In a one-level plan it holds its KPIs itself."""

    id: int
    title: Text
    items: tuple[Item, ...]
    published_status_counts: StatusCounts | None   # None in a draft edition: not printed yet
    source: Source
    own_kpis: tuple[Kpi, ...] = ()                 # only in a one-level plan

    def all_items(self) -> list[Item]:
        """Every item below the top, in the order the plan lists them."""
        return [i for child in self.items for i in child.walk()]

    def measures(self) -> list[Item]:
        """The items that hold KPIs: those of the level directly above the KPIs (in a one-level plan,
        the strategy itself, as an item)."""
        if self.own_kpis:
            return [Item(str(self.id), self.title, (), self.own_kpis, self.source)]
        return [i for i in self.all_items() if i.kpis]

    def kpis(self) -> list[Kpi]:
        return [k for holder in self.measures() for k in holder.kpis]


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
    """The municipality's population in the national censuses (section I), with the change the report prints."""

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
class ContextRow:
    label: Text
    values: tuple[Decimal | None, ...]   # one per value column; None: no figure


@dataclass(frozen=True)
class ContextTable:
    """A table of figures a site shows for context (households, visitors, anything), with its source."""

    id: str
    caption: Text
    source: Text
    columns: tuple[Text, ...]   # the headings of the value columns (the rows' labels head themselves)
    rows: tuple[ContextRow, ...]


@dataclass(frozen=True)
class Context:
    """An edition's context figures (data/editions/<版>/context.yaml): the census population and the national
    municipality counts (a report's section 社会情勢), and any number of generic tables; each part optional."""

    census: Census | None = None
    municipalities: Municipalities | None = None   # only with census (its years head the table)
    tables: tuple[ContextTable, ...] = ()

    def table(self, table_id: str) -> ContextTable | None:
        return next((t for t in self.tables if t.id == table_id), None)


@dataclass(frozen=True)
class Report:
    meta: Meta
    strategies: tuple[Strategy, ...]
    units: dict[str, Unit]
    context: Context | None           # None: the site has no context page (no context.yaml)
    levels: tuple[Text, ...]                # the plan's levels above the KPIs, from the top (data/site.yaml)
    text_notes: tuple[TextNote, ...] = ()
    index: dict = field(default_factory=dict, compare=False, repr=False)

    def kpis(self) -> list[Kpi]:
        return [k for s in self.strategies for k in s.kpis()]

    def strategy(self, sid: int) -> Strategy | None:
        return self.index.get(("strategy", sid))

    def item(self, iid: str) -> Item | None:
        """An item below the top level, of any level."""
        return self.index.get(("item", iid))

    def policy(self, pid: str) -> Item | None:
        """An item of a level between the top and the level above the KPIs (a three-level plan's middle)."""
        found = self.item(pid)
        return found if found is not None and found.items else None

    def measure(self, mid: str) -> Item | None:
        """An item that holds KPIs (in a one-level plan, a strategy as an item: measure("2"))."""
        return self.index.get(("measure", mid))

    def kpi(self, kid: str) -> Kpi | None:
        return self.index.get(("kpi", kid))
