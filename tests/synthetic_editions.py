"""Synthetic later editions, made in a copy of the project to prove the editions machinery.

Only real data is ever published: these editions exist in the tests' (and benchmarks') throwaway
copies, never in data/. Each is made the way staff make one: `python -m macros.edition new`, the
actuals filled in, the English pages stamped as translated, then `publish`.
"""
from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

from ruamel.yaml import YAML

from macros.core.levels import kpi_records
from macros.tools import edition_cli, translations


def synthetic_actual(kpi_id: str, previous, step: int):
    """A made-up actual: the previous one moved up or down by a KPI-dependent share (deterministic)."""
    base = Decimal(str(previous if previous is not None else 10))
    turn = sum(int(part) for part in kpi_id.split("-")) + step
    factor = Decimal("1.25") if turn % 3 == 0 else (Decimal("0.8") if turn % 3 == 1 else Decimal("1.05"))
    value = (base * factor).quantize(Decimal("1") if base == base.to_integral() else Decimal("0.1"))
    return int(value) if value == value.to_integral() and "." not in str(value) else float(value)


def fill_actuals(project: Path, edition_id: str, step: int) -> None:
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 1_000_000
    y.indent(mapping=2, sequence=4, offset=2)
    folder = project / "data" / "editions" / edition_id / "strategies"
    prev_id = sorted(p.name for p in (project / "data" / "editions").iterdir() if p.name < edition_id)[-1]
    for path in sorted(folder.glob("*.yaml")):
        doc = y.load(path.read_text(encoding="utf-8"))
        prev = y.load((project / "data" / "editions" / prev_id / "strategies" / path.name).read_text(encoding="utf-8"))
        before = {k["id"]: k["actual"] for k in kpi_records(prev)}
        for k in kpi_records(doc):
            old = before.get(k["id"])
            old = old["value"] if isinstance(old, dict) else old
            k["actual"] = synthetic_actual(k["id"], old, step)
        out = io.StringIO()
        y.dump(doc, out)
        path.write_text(out.getvalue(), encoding="utf-8")


def add_edition(project: Path, edition_id: str, fy: int, publish: bool = True) -> None:
    """One more edition after the latest: scaffolded, filled, translated (stamped) and, if asked, published."""
    edition_cli.new(project, edition_id, fy)
    fill_actuals(project, edition_id, step=fy)
    for en in sorted((project / "docs" / "editions" / edition_id).rglob("*.en.md")):
        translations.stamp(en)
    if publish:
        edition_cli.publish(project, edition_id)


def add_editions(project: Path, count: int, publish_last: bool = True) -> list[str]:
    """`count` editions after the real one: 2025-02 (FY2023), 2026-02 (FY2024), …"""
    ids = []
    for i in range(count):
        edition_id, fy = f"{2025 + i}-02", 2023 + i
        add_edition(project, edition_id, fy, publish=publish_last or i < count - 1)
        ids.append(edition_id)
    return ids
