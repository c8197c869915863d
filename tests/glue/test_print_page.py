"""The full report's includes (macros/glue/print_page.py): headings one level down, sections, names."""
from macros.glue import print_page

PAGE = """---
description: x
---

# 重点戦略1 働きたい

intro

## 【戦略方針1】観光 {#policy-1-1}

### 具体的施策 1-1-1 DMO {#measure-1-1-1}

#### 評価 {#m-1-1-1-evaluation}

text with a # inside

## 【戦略方針2】食 {#policy-1-2}

last
"""


def test_front_matter_is_left_out():
    body = print_page.without_front_matter(PAGE)
    assert body.startswith("\n# 重点戦略1") and "description" not in body


def test_demote_makes_the_title_a_part_and_every_heading_one_level_lower():
    out = print_page.demote(print_page.without_front_matter(PAGE), "strategy-1")
    lines = [line for line in out.splitlines() if line.startswith("#")]
    assert lines == ["## 重点戦略1 働きたい {#strategy-1 .print-part}",
                     "### 【戦略方針1】観光 {#policy-1-1}",
                     "#### 具体的施策 1-1-1 DMO {#measure-1-1-1}",
                     "##### 評価 {#m-1-1-1-evaluation}",
                     "### 【戦略方針2】食 {#policy-1-2}"]
    assert "text with a # inside" in out


def test_section_runs_to_the_next_h2():
    part = print_page.section(PAGE, "policy-1-1")
    assert part.startswith("## 【戦略方針1】観光 {#policy-1-1}") and "評価" in part and "食" not in part
    assert print_page.section(PAGE, "policy-1-2").rstrip().endswith("last")
    assert print_page.section(PAGE, "policy-1") is None      # ids match whole, not by prefix


def test_a_section_as_a_part_starts_a_new_sheet():
    out = print_page.as_part("## KPI results {#summary}\n\ntext", "summary")
    assert out.startswith("## KPI results {#summary .print-part}")


def test_the_english_print_page_includes_english_pages():
    assert print_page.source_name("strategy-1.md", "ja") == "strategy-1.md"
    assert print_page.source_name("strategy-1.md", "en") == "strategy-1.en.md"


