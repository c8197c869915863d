"""Small builders for model objects in tests."""
from decimal import Decimal

from macros.core.model import Direction, Kpi, ProgressFormula, Source, Text, Value


def v(amount, fy=2022, implied=False):
    return None if amount is None else Value(Decimal(str(amount)), fy, None, implied)


def kpi(a, b, c, from_baseline=False, direction=Direction.HIGHER, published=None, kid="1-1-1-1", entered_status=None):
    return Kpi(id=kid, name=Text("名前", "Name"), unit="人", baseline=v(a, 2018), actual=v(b), target=v(c, 2024),
               progress_formula=ProgressFormula.FROM_BASELINE if from_baseline else ProgressFormula.RATIO,
               direction=direction,
               published_progress_pct=None if published is None else Decimal(str(published)),
               source=Source("data/editions/2024-02/strategies/strategy-1.yaml", 1), entered_status=entered_status)
