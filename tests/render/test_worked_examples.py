"""The computation column says '=' only when the rate is exact."""
from macros.core.progress import evaluate
from macros.core.worked_examples import example
from macros.render.worked_examples import computation

from tests.core.factories import kpi


def test_exact_rate_is_equal():
    assert computation(example(evaluate(kpi(9, 13, 14, from_baseline=True)))) == "(13 − 9) ÷ (14 − 9) × 100 = 80.0%"


def test_rounded_rate_is_approximate():
    assert computation(example(evaluate(kpi(499, 382, 540)))) == "382 ÷ 540 × 100 ≈ 70.7%"


def test_blank_baseline_shows_its_zero_and_thousands_separators():
    assert computation(example(evaluate(kpi(None, 1640, 2000, from_baseline=True)))) == \
        "(1,640 − 0) ÷ (2,000 − 0) × 100 = 82.0%"
