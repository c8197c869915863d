"""Load the whole report from data/: files → validated model → evaluations → notes."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .errors import DataError, problem
from .glossary import Term, load_glossary
from .loader import Marked, load_yaml
from .model import Context, NoteKind, Report, StatusCounts, Strategy, Text, TextNote, Unit
from .notes import DataNote, report_notes
from .progress import Evaluation, count_statuses, evaluate
from .builder import Builder, build_context, build_meta
from .context import context_notes
from .levels import KPI, check_shape
from .schema import check_schema
from .site import Site, load_site
from .status_schemes import Scheme, check_entered, comparable


@dataclass(frozen=True)
class LoadedReport:
    """The model plus everything computed from it, ready for rendering and export."""

    report: Report
    evaluations: dict[str, Evaluation]
    counts: dict[int, StatusCounts]
    total: StatusCounts
    scheme: Scheme
    notes: list[DataNote] = field(default_factory=list)
    glossary: tuple[Term, ...] = ()
    site: Site | None = None     # data/site.yaml: the municipality, languages, file names

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
    idx, levels = report.index, report.levels
    for s in report.strategies:
        if ("strategy", s.id) in idx:
            raise _duplicate(s.source.file, s.source.line, levels[0].ja, levels[0].en or levels[0].ja, s.id,
                             idx[("strategy", s.id)].source.file)
        idx[("strategy", s.id)] = s
        entries = [("item", i, levels[i.depth]) for i in s.all_items()]
        entries += [("measure", h, None) for h in s.measures()]
        entries += [("kpi", k, KPI) for k in s.kpis()]
        for kind, obj, level in entries:
            key = (kind, obj.id)
            if key in idx and level is not None:
                first = idx[key].source
                raise _duplicate(obj.source.file, obj.source.line, level.ja, level.en or level.ja, obj.id,
                                 f"{first.file}:{first.line}")
            idx[key] = obj


def _units(root: Path, languages: tuple[str, ...]) -> dict[str, Unit]:
    display = "data/units.yaml"
    doc = load_yaml(root / display, display)
    check_schema(doc, "units.schema.json", display, languages)
    return {name: Unit(name, v.get("en", ""), v.get("thousands", False), v.get("yen", False), v.get("measure", False),
                       v.get("one")) for name, v in doc.items()}


def _text_notes(root: Path, data_dir: str, languages: tuple[str, ...]) -> tuple[TextNote, ...]:
    out = []
    for path in sorted((root / data_dir / "text-notes").glob("*.yaml")):
        display = _display(path, root)
        doc = load_yaml(path, display)
        check_schema(doc, "text-notes.schema.json", display, languages)
        out += [TextNote(display, n["where"], NoteKind(n["kind"]), n["printed"], n["reading"], n.get("note_en", ""),
                         n.get("reading_en")) for n in doc]
    return tuple(out)


def _context(root: Path, data_dir: str, languages: tuple[str, ...]) -> Context | None:
    """The edition's context figures (census and the like), or None: a site may have no context page."""
    display = f"{data_dir}/context.yaml"
    if not (root / display).is_file():
        return None
    doc = load_yaml(root / display, display)
    check_schema(doc, "context.schema.json", display, languages)
    return build_context(doc, display)


def load_report(root: Path, edition: str | None = None, require_english: bool | None = None,
                published: bool | None = None) -> LoadedReport:
    """Load and validate one edition's files under root/data/editions/<edition>/ (by default the latest
    published edition of data/editions.yaml). Raises DataError on the first editor mistake.
    `require_english` (by default: whether the site is published in English, data/site.yaml) asks for
    every name's English; `published` (by default: as the register says) decides whether an empty
    actual needs its reason."""
    root = Path(root)
    site = load_site(root)
    languages = site.languages
    if require_english is None:
        require_english = site.bilingual
    if edition is None or published is None:
        from .register import read_register   # the register names the default edition and its state
        register = read_register(root)
        entry = register.latest() if edition is None else register.get(edition)
        edition = edition or entry.id
        published = entry.published if entry is not None else True
    data_dir = f"data/editions/{edition}"
    meta_doc = load_yaml(root / data_dir / "report.yaml", f"{data_dir}/report.yaml")
    check_schema(meta_doc, "report.schema.json", f"{data_dir}/report.yaml", languages)
    meta = build_meta(meta_doc)
    units = _units(root, languages)
    context = _context(root, data_dir, languages)

    files = sorted((root / data_dir / "strategies").glob("*.yaml"))
    if not files:
        raise DataError(f"{data_dir}/strategies", None, "file", problem(
            f"{site.levels[0].ja}のファイルがありません", "no strategy files found",
            f"{data_dir}/strategies/strategy-N.yaml を置いてください", f"add {data_dir}/strategies/strategy-N.yaml"))
    strategies = []
    for path in files:
        display = _display(path, root)
        doc = load_yaml(path, display)
        check_shape(doc, site.levels, display)
        check_schema(doc, "strategy.schema.json", display, languages)
        strategies.append(Builder(doc, display, meta.columns, units, site.levels, require_english, published).strategy())
    strategies.sort(key=lambda s: s.id)

    report = Report(meta, tuple(strategies), units, context, site.levels, _text_notes(root, data_dir, languages))
    _index(report)
    scheme = site.scheme
    check_entered(scheme, report.kpis(), published)
    evaluations = {k.id: evaluate(k, scheme) for k in report.kpis()}
    counts = {s.id: count_statuses([evaluations[k.id] for k in s.kpis()], scheme) for s in report.strategies}
    total = count_statuses(list(evaluations.values()), scheme)
    notes = report_notes(report, list(evaluations.values()), counts, scheme)
    if comparable(meta.published_status_counts, scheme) and total != meta.published_status_counts:
        notes.append(DataNote(NoteKind.COUNTS_MISMATCH, None, Text(
            f"全体の状況別件数が報告書の表と異なります（計算 {total}、報告書 {meta.published_status_counts}）。",
            f"Overall computed status counts {total} differ from the report's {meta.published_status_counts}.")))
    notes += context_notes(report.context) if report.context else []
    return LoadedReport(report, evaluations, counts, total, scheme, notes, load_glossary(root), site)
