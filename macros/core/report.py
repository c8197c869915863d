"""Load the whole report from data/: files → validated model → evaluations → notes."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .errors import DataError, problem
from .glossary import Term, load_glossary
from .loader import Marked, load_yaml
from .model import NoteKind, Report, StatusCounts, Strategy, Text, TextNote, Unit
from .notes import DataNote, report_notes
from .progress import Evaluation, count_statuses, evaluate
from .builder import Builder, build_context, build_meta
from .context import context_notes
from .schema import check_schema


@dataclass(frozen=True)
class LoadedReport:
    """The model plus everything computed from it, ready for rendering and export."""

    report: Report
    evaluations: dict[str, Evaluation]
    counts: dict[int, StatusCounts]
    total: StatusCounts
    notes: list[DataNote] = field(default_factory=list)
    glossary: tuple[Term, ...] = ()

    @cached_property
    def notes_by_kpi(self) -> dict[str, list[DataNote]]:
        """Notes grouped by KPI once, instead of scanning all notes for every table."""
        grouped: dict[str, list[DataNote]] = {}
        for n in self.notes:
            if n.kpi_id:
                grouped.setdefault(n.kpi_id, []).append(n)
        return grouped

    def evaluations_of(self, strategy: Strategy) -> list[Evaluation]:
        return [self.evaluations[k.id] for k in strategy.kpis()]


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _duplicate(display: str, line: int, kind_ja: str, kind_en: str, ident, first: str) -> DataError:
    return DataError(display, line, "id", problem(
        f"{kind_ja} ID「{ident}」が重複しています（最初は {first}）", f"duplicate {kind_en} id {ident!r} (first in {first})",
        "ID を一意にしてください", "give it a unique id"))


def _index(report: Report) -> None:
    idx = report.index
    for s in report.strategies:
        if ("strategy", s.id) in idx:
            raise _duplicate(s.source.file, s.source.line, "重点戦略", "strategy", s.id, idx[("strategy", s.id)].source.file)
        idx[("strategy", s.id)] = s
        for p in s.policies:
            for kind, obj in [("policy", p)] + [("measure", m) for m in p.measures] + \
                    [("kpi", k) for m in p.measures for k in m.kpis]:
                key = (kind, obj.id)
                if key in idx:
                    first = idx[key].source
                    raise _duplicate(obj.source.file, obj.source.line, kind.upper() if kind == "kpi" else
                                     {"policy": "戦略方針", "measure": "具体的施策"}[kind], kind, obj.id,
                                     f"{first.file}:{first.line}")
                idx[key] = obj


def _units(root: Path) -> dict[str, Unit]:
    display = "data/units.yaml"
    doc = load_yaml(root / display, display)
    check_schema(doc, "units.schema.json", display)
    return {name: Unit(name, v["en"], v.get("thousands", False), v.get("yen", False), v.get("measure", False),
                       v.get("one")) for name, v in doc.items()}


def _text_notes(root: Path, data_dir: str) -> tuple[TextNote, ...]:
    out = []
    for path in sorted((root / data_dir / "text-notes").glob("*.yaml")):
        display = _display(path, root)
        doc = load_yaml(path, display)
        check_schema(doc, "text-notes.schema.json", display)
        out += [TextNote(display, n["where"], NoteKind(n["kind"]), n["printed"], n["reading"], n["note_en"],
                         n.get("reading_en")) for n in doc]
    return tuple(out)


def load_report(root: Path, edition: str | None = None, require_english: bool = True,
                published: bool | None = None) -> LoadedReport:
    """Load and validate one edition's files under root/data/editions/<edition>/ (by default the latest
    published edition of data/editions.yaml). Raises DataError on the first editor mistake.
    `published` (by default: as the register says) decides whether an empty actual needs its reason."""
    root = Path(root)
    if edition is None or published is None:
        from .register import read_register   # the register names the default edition and its state
        register = read_register(root)
        entry = register.latest() if edition is None else register.get(edition)
        edition = edition or entry.id
        published = entry.published if entry is not None else True
    data_dir = f"data/editions/{edition}"
    meta_doc = load_yaml(root / data_dir / "report.yaml", f"{data_dir}/report.yaml")
    check_schema(meta_doc, "report.schema.json", f"{data_dir}/report.yaml")
    meta = build_meta(meta_doc)
    units = _units(root)
    context_doc = load_yaml(root / data_dir / "context.yaml", f"{data_dir}/context.yaml")
    check_schema(context_doc, "context.schema.json", f"{data_dir}/context.yaml")

    files = sorted((root / data_dir / "strategies").glob("*.yaml"))
    if not files:
        raise DataError(f"{data_dir}/strategies", None, "file", problem(
            "重点戦略のファイルがありません", "no strategy files found",
            f"{data_dir}/strategies/strategy-N.yaml を置いてください", f"add {data_dir}/strategies/strategy-N.yaml"))
    strategies = []
    for path in files:
        display = _display(path, root)
        doc = load_yaml(path, display)
        check_schema(doc, "strategy.schema.json", display)
        strategies.append(Builder(doc, display, meta.columns, units, require_english, published).strategy())
    strategies.sort(key=lambda s: s.id)

    report = Report(meta, tuple(strategies), units, build_context(context_doc), _text_notes(root, data_dir))
    _index(report)
    evaluations = {k.id: evaluate(k) for k in report.kpis()}
    counts = {s.id: count_statuses([evaluations[k.id] for k in s.kpis()]) for s in report.strategies}
    total = count_statuses(list(evaluations.values()))
    notes = report_notes(report, list(evaluations.values()), counts)
    if meta.published_status_counts is not None and total != meta.published_status_counts:
        notes.append(DataNote(NoteKind.COUNTS_MISMATCH, None, Text(
            f"全体の状況別件数が報告書の表と異なります（計算 {total}、報告書 {meta.published_status_counts}）。",
            f"Overall computed status counts {total} differ from the report's {meta.published_status_counts}.")))
    notes += context_notes(report.context)
    return LoadedReport(report, evaluations, counts, total, notes, load_glossary(root))
