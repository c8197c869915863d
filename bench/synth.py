"""Make a synthetic report N times the size of the real one, with the same shape.

Strategy k (k = 1 … 5N) is a copy of real strategy ((k−1) mod 5) + 1 with its ids renumbered:
its YAML (hierarchy, KPIs, notes, history) and its two narrative pages in the edition, with the
top-level pages that show them. Every other page and data file is the real one.

The nav groups the strategies as the real one does: five to a section ("重点戦略 1–5"), and sections
ten to a group when there are more than ten. A report of 500 strategies in one flat list would put a
500-link menu on every page (with navigation.prune Material renders the open section's items, so a
flat list makes each page's menu, and the build, grow with the square of the report). Nested, each
page renders a few dozen links at any size.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _renumber(text: str, old: int, new: int) -> str:
    # ids look like 3-1-2-1, "3-1", strategy_title(3), strategy_status(3), #m-3-1-1-current
    text = re.sub(rf'(?<![\d-]){old}-(\d)', rf'{new}-\1', text)
    text = re.sub(rf'\b(strategy_title|strategy_status)\({old}\)', rf'\1({new})', text)
    return re.sub(rf'^id: {old}$', f'id: {new}', text, flags=re.M)


def _first_last(item: dict) -> tuple[int, int]:
    (title,) = item
    nums = [int(n) for n in re.findall(r"\d+", title)]
    return nums[0], nums[-1]


def _grouped(items: list[dict], size: int, prefix: str) -> list[dict]:
    """Nav items in sections of `size` ("重点戦略 1–5"), if there are more than `size` of them."""
    if len(items) <= size:
        return items
    groups = []
    for i in range(0, len(items), size):
        chunk = items[i:i + size]
        first, last = _first_last(chunk[0])[0], _first_last(chunk[-1])[1]
        groups.append({f"{prefix} {first}–{last}": chunk})
    return groups


def make(dest: Path, factor: int) -> Path:
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in ("docs", "data", "macros", "overrides"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    (dest / "node_modules").symlink_to(ROOT / "node_modules")
    for f in ["package.json"]:
        shutil.copy2(ROOT / f, dest / f)
    data, docs = "data/editions/2024-02", "docs/editions/2024-02"
    for real in range(1, 6):
        for suffix in (".md", ".en.md"):
            (dest / f"docs/strategy-{real}{suffix}").unlink()
            (dest / f"{docs}/strategy-{real}{suffix}").unlink()
        (dest / f"{data}/strategies/strategy-{real}.yaml").unlink()
        (dest / f"{data}/text-notes/strategy-{real}.yaml").unlink()
    nav_items = []
    for k in range(1, 5 * factor + 1):
        real = (k - 1) % 5 + 1
        src = (ROOT / f"{data}/strategies/strategy-{real}.yaml").read_text(encoding="utf-8")
        (dest / f"{data}/strategies/strategy-{k}.yaml").write_text(_renumber(src, real, k), encoding="utf-8")
        for suffix in (".md", ".en.md"):
            page = (ROOT / f"{docs}/strategy-{real}{suffix}").read_text(encoding="utf-8")
            (dest / f"{docs}/strategy-{k}{suffix}").write_text(_renumber(page, real, k), encoding="utf-8")
            stub = (ROOT / f"docs/strategy-{real}{suffix}").read_text(encoding="utf-8")
            (dest / f"docs/strategy-{k}{suffix}").write_text(stub, encoding="utf-8")
        nav_items.append({f"重点戦略{k}": f"strategy-{k}.md"})
    nav_items = _grouped(_grouped(nav_items, 5, "重点戦略"), 10, "重点戦略")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    head, _, _nav = config.partition("\nnav:\n")
    nav = [{"トップ": "index.md"}, {"報告書": [{"社会情勢": "context.md"}, {"報告書全文（印刷用）": "print.md"}]}, {"戦略の評価": nav_items + [{"KPI一覧": "kpis.md"}]},
           {"このサイトについて": [{"評価の方法": "methodology.md"}, {"データについて": "data.md"},
                              {"用語集": "glossary.md"}, {"アクセシビリティ": "accessibility.md"}]}]
    (dest / "mkdocs.yml").write_text(head + "\n" + yaml.safe_dump({"nav": nav}, allow_unicode=True), encoding="utf-8")
    # Re-stamp the renumbered English pages so the build does not list them as stale.
    import sys
    sys.path.insert(0, str(ROOT))
    from macros.tools import translations
    for en in sorted((dest / "docs").glob("strategy-*.en.md")) + sorted((dest / docs).glob("strategy-*.en.md")):
        translations.stamp(en)
    return dest
