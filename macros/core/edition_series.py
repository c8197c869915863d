"""Every edition of the report, loaded and checked against the one before it.

Baselines and targets belong to the strategy period: an edition that prints another baseline or
target than the previous edition of the same period must record the revision (`revised:` on the
KPI: the previous value and why), and a KPI the previous edition had must either be there or be
retired with a note (`retired_kpis:` in the edition's report.yaml). KPIs keep their ids across
editions, so each one can be compared with, and charted across, the editions before it.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Callable

from .errors import DataError, problem
from .loader import load_yaml
from .model import Kpi, NoteKind, Text
from .notes import DataNote
from .progress import Evaluation
from .register import Entry, Register, read_register
from .report import LoadedReport, load_report


@dataclass(frozen=True)
class Edition:
    entry: Entry
    data: LoadedReport

    @property
    def id(self) -> str:
        return self.entry.id

    @property
    def published(self) -> bool:
        return self.entry.published

    @property
    def actual_fy(self) -> int:
        return self.data.report.meta.columns.actual_fy

    @property
    def name(self) -> Text:
        """How pages name the edition: 「令和6年2月版」 / "February 2024 edition"."""
        published = self.data.report.meta.published
        return Text(f"{published.ja}版", f"{published.en} edition")


@dataclass(frozen=True)
class Change:
    """One KPI in an edition beside the same KPI in the previous edition."""

    previous: Evaluation
    current: Evaluation
    previous_edition: Edition

    @property
    def status_changed(self) -> bool:
        return self.previous.status != self.current.status


@dataclass(frozen=True)
class Editions:
    all: tuple[Edition, ...]   # oldest first, as the register lists them

    def get(self, edition_id: str) -> Edition | None:
        return next((e for e in self.all if e.id == edition_id), None)

    def latest(self, include_drafts: bool = False) -> Edition:
        """The latest published edition; in a preview of a site with no published edition yet (a new
        site's first draft), the latest draft."""
        return ([e for e in self.all if include_drafts or e.published] or list(self.all))[-1]

    def previous(self, edition: Edition) -> Edition | None:
        """The edition before it in the same period (comparisons never cross periods)."""
        before = [e for e in self.all[: self.all.index(edition)] if e.entry.period == edition.entry.period]
        return before[-1] if before else None

    def change(self, edition: Edition, kpi_id: str) -> Change | None:
        prev = self.previous(edition)
        if prev is None or kpi_id not in prev.data.evaluations or kpi_id not in edition.data.evaluations:
            return None
        return Change(prev.data.evaluations[kpi_id], edition.data.evaluations[kpi_id], prev)

    def narrative_points(self, edition: Edition, kpi_id: str) -> tuple[dict, list[Text]]:
        """The yearly figures the narratives of this edition and the ones before it (same period) give
        for a KPI, {(year, "fy"|"calendar"): value}, a later edition's figure replacing an earlier one's;
        and their sources, oldest first."""
        points, sources = {}, []
        for e in self.all[: self.all.index(edition) + 1]:
            k = e.data.report.kpi(kpi_id)
            if e.entry.period == edition.entry.period and k is not None and k.history is not None:
                points.update({(p.fy, p.period): p.value for p in k.history.points})
                if k.history.source not in sources:
                    sources.append(k.history.source)
        return points, sources

    def series(self, edition: Edition, kpi_id: str) -> list[tuple[int, Decimal]]:
        """(fiscal year, actual) of this KPI in this edition and the editions before it in its period."""
        upto = self.all[: self.all.index(edition) + 1]
        points = {}
        for e in upto:
            k = e.data.report.kpi(kpi_id)
            if e.entry.period == edition.entry.period and k is not None and k.actual is not None:
                points[k.actual.fy] = k.actual.amount
        return sorted(points.items())


def _retired(root: Path, edition: Edition) -> dict[str, Text]:
    display = f"{edition.entry.data_dir}/report.yaml"
    doc = load_yaml(root / display, display)
    return {r["id"]: Text(r["ja"], r["en"]) for r in doc.get("retired_kpis", [])}


def _check_against(root: Path, edition: Edition, prev: Edition) -> list[DataNote]:
    """Revisions of the period's baselines and targets are recorded; no KPI disappears unnoticed."""
    notes = []
    retired = _retired(root, edition)
    for old in prev.data.report.kpis():
        new = edition.data.report.kpi(old.id)
        if new is None:
            if old.id not in retired:
                raise DataError(f"{edition.entry.data_dir}/report.yaml", None, "retired_kpis", problem(
                    f"前の版（{prev.id}）の KPI「{old.id}」がこの版にありません",
                    f"KPI {old.id} of the previous edition ({prev.id}) is missing from this edition",
                    "KPI を戻すか、retired_kpis に id と理由（ja, en）を書いてください",
                    "restore the KPI, or list it under retired_kpis with its id and the reason (ja, en)"))
            # Not a note on a KPI of this edition (it has none by that id): it names the KPI itself.
            notes.append(DataNote(NoteKind.REVISED, None, Text(
                f"{edition.name.ja}で廃止：{retired[old.id].ja}", f"Retired in the {edition.name.en}: {retired[old.id].en}"),
                where=Text(f"{old.id} {old.name.ja}", f"{old.id} {old.name.en}")))
            continue
        _check_revisions(prev, old, new)
    return notes


def _check_revisions(prev: Edition, old: Kpi, new: Kpi) -> None:
    """A changed baseline or target needs its revision record, naming the value it replaces (the
    record's note is the KPI's own, made by the builder)."""
    for field_name in ("baseline", "target"):
        before, after = getattr(old, field_name), getattr(new, field_name)
        amount_before = before.amount if before else None
        amount_after = after.amount if after else None
        if amount_before == amount_after:
            continue
        if not any(r.field == field_name and r.previous == amount_before for r in new.revisions):
            was_ja, now_ja = (_amount_text(a, "空欄") for a in (amount_before, amount_after))
            was_en, now_en = (_amount_text(a, "empty") for a in (amount_before, amount_after))
            previous = _amount_text(amount_before, "null")
            raise DataError(new.source.file, new.source.line, f"{new.id}.{field_name}", problem(
                f"{'策定時の値' if field_name == 'baseline' else '目標値'}が前の版（{prev.id}）の {was_ja} から "
                f"{now_ja} に変わっていますが、改定の記録がありません",
                f"the {field_name} changed from {was_en} in the previous edition ({prev.id}) to {now_en}, "
                "but no revision is recorded",
                f"前の版の値に戻すか、KPI に revised: [{{field: {field_name}, previous: {previous}, ja: 理由, en: reason}}] "
                "を書いてください（このファイルで直します。表（Excel）では直せません）",
                f"restore the previous edition's value, or add revised: [{{field: {field_name}, previous: {previous}, "
                "ja: …, en: …}] to the KPI (in this file; a workbook cannot record it)"))


def _amount_text(amount: Decimal | None, empty: str) -> str:
    return empty if amount is None else f"{amount:f}"


Loader = Callable[[Path, str, bool], LoadedReport]


def _load(root: Path, edition_id: str, published: bool) -> LoadedReport:
    return load_report(root, edition_id, published=published)


def load_editions(root: Path, include_drafts: bool = True, load: Loader = _load) -> Editions:
    """Every edition in the register (drafts only when include_drafts), each loaded and checked.
    `load` loads one edition (the live preview passes one that keeps unchanged editions); what is
    learnt from comparing editions is added to copies, never to what `load` returned."""
    root = Path(root)
    register: Register = read_register(root)
    editions = []
    for entry in register.entries:
        if not entry.published and not include_drafts:
            continue
        editions.append(Edition(entry, load(root, entry.id, entry.published)))
    # A preview (drafts included) of a new site shows its first draft; a build to publish needs a published edition.
    if not any(e.published for e in editions) and not (include_drafts and editions):
        register.latest()   # raises the one-line error
    checked = list(editions)
    for i, e in enumerate(editions):
        prev = Editions(tuple(editions)).previous(e)
        if prev is not None:
            notes = _check_against(root, e, prev)
            if notes:
                checked[i] = Edition(e.entry, replace(e.data, notes=e.data.notes + notes))
    return Editions(tuple(checked))
