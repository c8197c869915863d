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

from .model import Text

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


def level_of(levels: tuple[Text, ...], depth: int) -> Text:
    """The name of the level an item of `depth` (0 = the top) belongs to."""
    return levels[depth]


def id_example(count: int) -> str:
    """A KPI id of a plan with `count` levels, for messages: 1-2-3-4, 1-2-3 or 1-2."""
    return "-".join(str(n) for n in range(1, count + 2))
