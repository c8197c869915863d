"""Write KPI values and remarks back into an edition's data/editions/<版>/strategies/*.yaml, keeping
comments, order and layout (ruamel.yaml).

Only the lines of the values that changed may differ afterwards (a remark added or removed is one
line more or less); `set_values` checks that before it returns the new text, so a layout it cannot
keep is never written.

`remarks` on a KPI is the department's internal memo from the workbook's 備考 column: kept with the
figures it is about, never published (the engine does not read it). `status` and `status_reason` are the
status a city enters under the `entered` scheme, and why.
"""
from __future__ import annotations

import difflib
import io
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import DoubleQuotedScalarString
from ruamel.yaml.util import load_yaml_guess_indent

from ..core.loader import load_yaml
from ..core.levels import kpi_records


@dataclass(frozen=True)
class Edit:
    kpi_id: str
    field: str               # baseline | actual | target
    amount: Decimal | None   # None: no value (null)
    fy: int | None           # the fiscal year; None with no value
    default_fy: int          # the column heading's year (the edition's report.yaml columns)


@dataclass(frozen=True)
class RemarkEdit:
    kpi_id: str
    text: str | None         # None: no remark (the field is removed)


@dataclass(frozen=True)
class StatusEdit:
    kpi_id: str
    status: str | None       # None: no status yet (status and status_reason are removed)
    reason_ja: str | None
    reason_en: str | None    # None: no English (a Japanese-only site, or not translated yet)


class LayoutChanged(Exception):
    """Writing the edits would change lines other than the edited values."""


def _yaml(sequence: int = 4, offset: int = 2) -> YAML:
    """A round-trip YAML writing lists as the file does: indented under their key (sequence 4, offset 2,
    as this project's files are), or level with it (2, 0, as yaml.safe_dump writes a new site's files)."""
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 1_000_000   # never fold a long line
    y.indent(mapping=2, sequence=sequence, offset=offset)
    y.representer.add_representer(type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", "null"))
    y.representer.add_representer(Decimal, lambda r, d: r.represent_scalar("tag:yaml.org,2002:float", f"{d:f}"))
    return y


def keep_places(d: Decimal, old: Decimal | None) -> Decimal:
    """The new number with at least the decimal places the old one was written with (60.0 → 61.0)."""
    places = max(0, -old.as_tuple().exponent) if old is not None else 0
    return d.quantize(Decimal(1).scaleb(-places)) if places > max(0, -d.as_tuple().exponent) else d


def _number(d: Decimal, old) -> int | Decimal:
    """The number as YAML writes it: an int when whole with no decimal places, else a Decimal."""
    old_decimal = Decimal(str(old)) if old is not None and not isinstance(old, bool) else None
    d = keep_places(d, old_decimal)
    return int(d) if d.as_tuple().exponent >= 0 else d


def _kpis(doc) -> dict:
    return {k["id"]: k for k in kpi_records(doc)}


def read_remarks(root: Path, data_dir: str) -> dict[str, str]:
    """KPI id → its remarks, from an edition's strategy files (data_dir: data/editions/<版>)."""
    found = {}
    for path in sorted((root / data_dir / "strategies").glob("*.yaml")):
        for kid, k in _kpis(load_yaml(path, f"{data_dir}/strategies/{path.name}")).items():
            if k.get("remarks") is not None:
                found[kid] = k["remarks"]
    return found


def _set_remark(k: CommentedMap, text: str | None) -> None:
    """A new remark goes after the KPI's target (its values, then the memo about them); always in double
    quotes, as the files write text, so that no remark is read as another type (yes, 1:20)."""
    if text is None:
        k.pop("remarks", None)
    elif "remarks" in k:
        k["remarks"] = DoubleQuotedScalarString(text)
    else:
        k.insert(list(k).index("target") + 1, "remarks", DoubleQuotedScalarString(text))


def _set_status(k: CommentedMap, edit: StatusEdit) -> None:
    """New fields go after the KPI's target; a reason is one line, {ja: "…", en: "…"}, in double quotes as the
    files write text (so that no id or reason is read as another type: yes, 1:20)."""
    if edit.status is None:
        k.pop("status", None)
        k.pop("status_reason", None)
        return
    reason = CommentedMap([("ja", DoubleQuotedScalarString(edit.reason_ja))])
    if edit.reason_en is not None:
        reason["en"] = DoubleQuotedScalarString(edit.reason_en)
    reason.fa.set_flow_style()
    for key, value in (("status", DoubleQuotedScalarString(edit.status)), ("status_reason", reason)):
        if key in k:
            k[key] = value
        else:
            k.insert(list(k).index("status" if key == "status_reason" else "target") + 1, key, value)


def _edited_lines(doc, keys: list[tuple[str, str]]) -> set[int]:
    """The lines (0-based) of the edited fields that the document has; a status reason's keys' lines too
    (written over several lines, it is rewritten on one; a value written over several lines is not, so
    the layout check refuses to rewrite it)."""
    kpis = _kpis(doc)
    lines = set()
    for kid, field in keys:
        k = kpis[kid]
        if field in k:
            lines.add(k.lc.key(field)[0])
            if field == "status_reason" and isinstance(k[field], CommentedMap):
                lines |= {k[field].lc.key(sub)[0] for sub in k[field]}
    return lines


def _new_node(edit: Edit, old):
    """What the field becomes. A year note (printed, implied) describes the printed report: it
    no longer holds once the value changed, so it goes; a year other than the column's stays explicit."""
    if edit.amount is None:
        return None
    old_value = old.get("value") if isinstance(old, dict) else old
    amount = _number(edit.amount, old_value)
    if isinstance(old, CommentedMap):
        node = old
        node["value"] = amount
        for key in ("printed", "implied"):
            node.pop(key, None)
        if edit.fy != edit.default_fy or "fy" in node:
            node["fy"] = edit.fy
        if list(node) == ["value"]:
            return amount
        return node
    if edit.fy != edit.default_fy:
        node = CommentedMap([("value", amount), ("fy", edit.fy)])
        node.fa.set_flow_style()
        return node
    return amount


def set_values(text: str, edits: list[Edit], display: str, remarks: list[RemarkEdit] = (),
               statuses: list[StatusEdit] = ()) -> str:
    """The file's text with the edits applied; raises LayoutChanged if more than their lines would change."""
    _, sequence, offset = load_yaml_guess_indent(text)   # the file's own list indentation (ruamel's guess)
    y = _yaml(sequence, offset) if sequence is not None and offset is not None else _yaml()
    doc = y.load(text)
    kpis = _kpis(doc)
    keys = [(e.kpi_id, e.field) for e in edits] + [(r.kpi_id, "remarks") for r in remarks]
    keys += [(st.kpi_id, f) for st in statuses for f in ("status", "status_reason")]
    old_edited = _edited_lines(doc, keys)
    for e in edits:
        k = kpis[e.kpi_id]
        k[e.field] = _new_node(e, k[e.field])
    for r in remarks:
        _set_remark(kpis[r.kpi_id], r.text)
    for st in statuses:
        _set_status(kpis[st.kpi_id], st)
    out = io.StringIO()
    y.dump(doc, out)
    new = out.getvalue()
    new_edited = _edited_lines(_yaml().load(new), keys)
    old_lines, new_lines = text.splitlines(), new.splitlines()
    # Every other line is kept, in order: the texts without the edited fields' lines are the same.
    if [l for i, l in enumerate(old_lines) if i not in old_edited] != \
            [l for i, l in enumerate(new_lines) if i not in new_edited]:
        changed = {i for tag, i1, i2, _, _ in difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
                   .get_opcodes() if tag != "equal" for i in range(i1, max(i2, i1 + 1))}
        raise LayoutChanged(f"{display}: lines {sorted(i + 1 for i in changed - old_edited)} would change")
    if text.endswith("\n") != new.endswith("\n"):
        new = new if text.endswith("\n") else new.rstrip("\n")
    return new
