"""yaml_values.set_values: only the edited fields' lines change, or nothing is returned."""
from __future__ import annotations

from decimal import Decimal

import pytest

from macros.tools.yaml_values import Edit, LayoutChanged, RemarkEdit, set_values

TEXT = """\
# a comment that stays
policies:
  - id: 1-1
    measures:
      - id: 1-1-1
        kpis:
          - id: 1-1-1-1   # a note on the id
            unit: "人"
            baseline: 10
            actual: 12
            target: 20
            published_progress_pct: 60.0
            # about the history
          - id: 1-1-1-2
            unit: "人"
            baseline: 1
            actual:
              value: 2
              fy: 2021
            target: 3
            remarks: |
              two
              lines
"""


def test_a_remark_is_added_after_the_target_replaced_and_removed_on_its_own_line():
    added = set_values(TEXT, [], "s.yaml", [RemarkEdit("1-1-1-1", "速報値: 3月に確定")])
    assert added == TEXT.replace("            target: 20\n",
                                 '            target: 20\n            remarks: "速報値: 3月に確定"\n')
    replaced = set_values(added, [Edit("1-1-1-1", "actual", Decimal(13), 2022, 2022)], "s.yaml",
                          [RemarkEdit("1-1-1-1", "確定値")])
    assert replaced == added.replace("actual: 12\n", "actual: 13\n").replace('"速報値: 3月に確定"', '"確定値"')
    assert set_values(replaced, [], "s.yaml", [RemarkEdit("1-1-1-1", None)]) == \
        TEXT.replace("actual: 12\n", "actual: 13\n")


def test_a_field_written_over_several_lines_is_not_rewritten():
    with pytest.raises(LayoutChanged):
        set_values(TEXT, [], "s.yaml", [RemarkEdit("1-1-1-2", "one line")])
    with pytest.raises(LayoutChanged):
        set_values(TEXT, [Edit("1-1-1-2", "actual", Decimal(5), 2021, 2022)], "s.yaml")


def test_a_file_whose_lists_sit_level_with_their_key_keeps_that_layout():
    """As yaml.safe_dump writes them (a new site's first edition): lists are not indented under their key."""
    text = ("measures:\n- id: 1-1\n  kpis:\n  - id: 1-1-1\n    unit: 件\n    baseline: 4\n    actual: null\n"
            "    target: 8\n  - id: 1-1-2\n    unit: 回\n    baseline: 2\n    actual: null\n    target: 6\n")
    new = set_values(text, [Edit("1-1-2", "actual", Decimal(5), 2024, 2024)], "s.yaml", [RemarkEdit("1-1-1", "速報値")])
    assert new == text.replace("    actual: null\n    target: 6\n", "    actual: 5\n    target: 6\n").replace(
        "    target: 8\n", '    target: 8\n    remarks: "速報値"\n')
