"""Section I (社会情勢) arithmetic: the population change and shares, and their checks against the print.

The figures come from an edition's context.yaml (census and municipalities, when it has them); what the
report printed is kept beside them only to be compared. A difference becomes a data note (kind census),
like every other cross-check. Generic tables are shown as written: they have nothing to check.
"""
from __future__ import annotations

from decimal import Decimal

from .model import Census, Context, Municipalities, NoteKind, Text
from .notes import DataNote
from .progress import round_pct


def change(census: Census) -> int:
    """People gained (negative: lost) from the first census to the last."""
    return census.population[-1].value - census.population[0].value


def change_pct(census: Census) -> Decimal:
    """The change as a percentage of the first census, one decimal, half up."""
    return round_pct(Decimal(change(census)) / Decimal(census.population[0].value))


def share_pct(municipalities: Municipalities, count: int) -> Decimal:
    """A number of municipalities as a percentage of all of them."""
    return round_pct(Decimal(count) / Decimal(municipalities.total))


def unaccounted(municipalities: Municipalities) -> int:
    """Municipalities that neither grew nor shrank according to the printed counts."""
    return municipalities.total - municipalities.increased - municipalities.decreased


def context_notes(context: Context) -> list[DataNote]:
    """Checks of the printed section I figures against the ones computed from data."""
    c, m = context.census, context.municipalities
    out: list[DataNote] = []
    if c is None:
        return out

    def add(where_ja: str, where_en: str, ja: str, en: str) -> None:
        out.append(DataNote(NoteKind.CENSUS, None, Text(ja, en), where=Text(where_ja, where_en)))

    if change(c) != c.published_change:
        add("国勢調査人口", "Census population",
            f"増減は計算で {change(c):,}人、本文では {c.published_change:,}人。",
            f"The change computes to {change(c):,}; the text prints {c.published_change:,}.")
    decline = -change_pct(c)
    if decline != c.published_decline_pct:
        add("人口減少率", "Rate of decline",
            f"計算では {decline}%、本文では {c.published_decline_pct}%。",
            f"Computes to {decline}%; the text prints {c.published_decline_pct}%.")
    rest = unaccounted(m) if m is not None else 0
    if rest:
        both = m.increased + m.decreased
        add("全国の市町村数", "Municipalities",
            f"人口が増加した{m.increased:,}と減少した{m.decreased:,}の合計は{both:,}で、全体の{m.total:,}より{rest}少なく、"
            f"残り{rest}市町村について本文に記載はありません。",
            f"The {m.increased:,} growing and {m.decreased:,} shrinking municipalities add up to {both:,}, {rest} fewer "
            f"than the total of {m.total:,}; the text does not say what the other {rest} did.")
    return out
