"""The plan's levels above the KPIs (data/site.yaml `levels`, one to three, from the top) and how a
strategy file nests them.

A strategy file holds one item of the top level. Below it, the level directly above the KPIs is always
written `measures:` and a level between the two `policies:`, so each depth has one shape:

    three levels:  id, title, policies: [{id, title, measures: [{id, title, kpis: [...]}]}]
    two levels:    id, title, measures: [{id, title, kpis: [...]}]
    one level:     id, title, kpis: [...]

The names readers see (重点戦略, 基本目標, …) come from `levels`, never from these keys.
"""
from __future__ import annotations

from typing import Iterator

from .errors import DataError, problem
from .loader import Marked
from .model import Text

KPI = Text("KPI", "KPI")

# The keys under an item of each level, from the top, by the number of levels.
CHILD_KEYS = {3: ("policies", "measures", "kpis"), 2: ("measures", "kpis"), 1: ("kpis",)}
# What the engine calls the items of each level, from the top: the anchors (#policy-1-2, #measure-1-2-3)
# and the download columns (strategy, policy, measure) keep these names.
ROLES = {3: ("strategy", "policy", "measure"), 2: ("strategy", "measure"), 1: ("strategy",)}


def child_keys(count: int) -> tuple[str, ...]:
    return CHILD_KEYS[count]


def roles(count: int) -> tuple[str, ...]:
    return ROLES[count]


def kpi_records(doc) -> Iterator:
    """The KPI records of one strategy document as written, whatever its number of levels."""
    for key in ("policies", "measures"):
        if key in doc:
            for child in doc[key] or ():
                yield from kpi_records(child)
            return
    yield from doc.get("kpis") or ()


def check_shape(doc, levels: tuple[Text, ...], display: str) -> None:
    """A strategy file nests its items as the plan's number of levels says, before its schema is checked
    (so that a file written for another number of levels is named as such, not as a missing field)."""
    _check_node(doc, levels, display, 0)


def _check_node(node, levels: tuple[Text, ...], display: str, depth: int) -> None:
    if not isinstance(node, Marked):
        return   # not a mapping: the schema says so
    key = child_keys(len(levels))[depth]
    wrong = [k for k in CHILD_KEYS[3] if k != key and k in node]
    if wrong or key not in node:
        here = levels[depth]
        below = levels[depth + 1] if depth + 1 < len(levels) else KPI
        ident = node.get("id", "?")
        found_ja = f"「{wrong[0]}:」があります" if wrong else "ありません"
        found_en = f"'{wrong[0]}:' is written" if wrong else "it is missing"
        raise DataError(display, node.line_of(wrong[0] if wrong else "id"), f"{ident}.{wrong[0] if wrong else key}", problem(
            f"{here.ja}「{ident}」の下の{below.ja}は「{key}:」に並べますが、{found_ja}"
            f"（計画は{len(levels)}階層：data/site.yaml の levels）",
            f"under {here.en or here.ja} {ident!r}, each {below.en or below.ja} is listed under '{key}:', but {found_en} "
            f"(the plan has {len(levels)} levels: levels in data/site.yaml)",
            f"「{key}:」の下に書いてください（levels を変えたのなら、ファイルの形も合わせます）",
            f"list them under '{key}:' (if levels changed, change the file's shape to match)"))
    if key != "kpis" and isinstance(node[key], list):
        for child in node[key]:
            _check_node(child, levels, display, depth + 1)


def id_example(count: int) -> str:
    """A KPI id of a plan with `count` levels, for messages: 1-2-3-4, 1-2-3 or 1-2."""
    return "-".join(str(n) for n in range(1, count + 2))
