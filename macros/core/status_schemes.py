"""Status schemes: how a KPI's status is decided, chosen by name in data/site.yaml's `status:` block.

A scheme is data: its categories (id, label per language, symbol, colours) in display order, and one
small rule that gives a KPI's category from its values and progress rate. Built-in schemes:

  four-categories  achieved / improved / unchanged / worse (progress ≥ 100 %, else b against a)
  graded           S / A / B / C / −: target met, better or worse than the baseline beyond ±band %, or
                   within it (the same level); − when b or a is missing
  bands            the progress rate in bands (e.g. ≥ 80 %, 50–80 %, 20–50 %, < 20 %); − when none
  prorated         the target prorated by the year of the plan: by the actual's year n of N, progress
                   ≥ n/N × 100 % is on track; ≥ 100 % achieved; − when none
  entered          the city enters each KPI's status and its reason in the KPI data (not computed); in a
                   draft edition a KPI may wait for its status (the category `none`, "not yet entered")

A site may relabel, re-symbol or recolour any category (`categories:` in the status block). The
colours are checked for contrast (WCAG AA) when the site is read.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Callable

from .errors import DataError, problem
from .model import Direction, Kpi, Text

HUNDRED = Decimal(100)
PAGE_BACKGROUND = "#ffffff"


@dataclass(frozen=True)
class Category:
    id: str
    label: Text
    symbol: Text            # said with the label, so a status is never told by colour alone
    colour: str             # bars and chart marks, on the page background
    background: str         # the badge's tint
    text: str               # the badge's text, on its tint
    meets_target: bool = False
    sentence: Text | None = None   # how a KPI's plain-language sentence ends; None: it names the category
    rule: Text | None = None       # when a KPI falls in it (the methodology page)


@dataclass(frozen=True)
class Judgement:
    """What a rule needs beside the KPI: its progress rate and the baseline it compares with."""

    kpi: Kpi
    progress: Decimal | None
    baseline: Decimal | None    # the effective baseline (a blank one of a ※ KPI counts as 0)


@dataclass(frozen=True)
class Scheme:
    name: str
    categories: tuple[Category, ...]
    judge: Callable[[Judgement], str]
    summary: Text                    # one paragraph for the methodology page
    parameters: tuple[tuple[str, object], ...] = ()

    def category(self, cid: str) -> Category:
        return next(c for c in self.categories if c.id == cid)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.categories)

    def symbol(self, cid: str, lang: str) -> str:
        return self.category(cid).symbol.get(lang)

    def label(self, cid: str, lang: str) -> str:
        return self.category(cid).label.get(lang)


# --- contrast (WCAG 2.x relative luminance) ---------------------------------------------------------

def _luminance(colour: str) -> float:
    def channel(hex2: str) -> float:
        c = int(hex2, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    h = colour.lstrip("#")
    r, g, b = (channel(h[i:i + 2]) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    hi, lo = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


TEXT_MIN, GRAPHIC_MIN = 4.5, 3.0   # WCAG 1.4.3 (text) and 1.4.11 (bars and marks), level AA


def contrast_problems(c: Category) -> list[str]:
    """What fails AA: the badge text on its tint, the tint's text on the page, the bar on the page."""
    out = []
    for what, fg, bg, minimum in (("text/background", c.text, c.background, TEXT_MIN),
                                  ("text/page", c.text, PAGE_BACKGROUND, TEXT_MIN),
                                  ("colour/page", c.colour, PAGE_BACKGROUND, GRAPHIC_MIN)):
        ratio = contrast(fg, bg)
        if ratio < minimum:
            out.append(f"{what} {ratio:.2f}:1 < {minimum}:1")
    return out


# --- the rules ----------------------------------------------------------------------------------------

def _better(j: Judgement) -> Decimal | None:
    """b − a in the KPI's good direction; None when either is missing."""
    if j.baseline is None or j.kpi.actual is None:
        return None
    change = j.kpi.actual.amount - j.baseline
    return -change if j.kpi.direction is Direction.LOWER else change


def four_categories(j: Judgement) -> str:
    if j.progress is not None and j.progress >= HUNDRED:
        return "achieved"
    change = _better(j)
    if change is None or change == 0:
        return "unchanged"
    return "improved" if change > 0 else "worse"


def graded(achieved_pct: Decimal, band_pct: Decimal) -> Callable[[Judgement], str]:
    def judge(j: Judgement) -> str:
        if j.progress is not None and j.progress >= achieved_pct:
            return "S"
        change = _better(j)
        if change is None:
            return "none"
        relative = change / abs(j.baseline) * HUNDRED if j.baseline else change
        band = band_pct if j.baseline else Decimal(0)
        return "A" if relative > band else "C" if relative < -band else "B"
    return judge


def bands(thresholds: tuple[Decimal, ...]) -> Callable[[Judgement], str]:
    def judge(j: Judgement) -> str:
        if j.progress is None:
            return "none"
        for i, t in enumerate(thresholds):
            if j.progress >= t:
                return f"band{i + 1}"
        return f"band{len(thresholds) + 1}"
    return judge


def expected_pct(actual_fy: int, first_fy: int, last_fy: int) -> Decimal:
    """The share of the target due by the actual's year: year n of an N-year plan → n/N × 100 %."""
    years = last_fy - first_fy + 1
    n = min(max(actual_fy - first_fy + 1, 0), years)
    return Decimal(n) * HUNDRED / Decimal(years)


def prorated(first_fy: int, last_fy: int) -> Callable[[Judgement], str]:
    def judge(j: Judgement) -> str:
        if j.progress is None:
            return "none"
        if j.progress >= HUNDRED:
            return "achieved"
        return "on_track" if j.progress >= expected_pct(j.kpi.actual.fy, first_fy, last_fy) else "behind"
    return judge


def entered(j: Judgement) -> str:
    return j.kpi.entered_status.id if j.kpi.entered_status is not None else NOT_ENTERED.id


# --- the built-in categories ------------------------------------------------------------------------

def _c(cid: str, ja: str, en: str, symbol: str | tuple[str, str], colours: tuple[str, str, str], **kw) -> Category:
    sym = Text(*symbol) if isinstance(symbol, tuple) else Text(symbol, symbol)
    return Category(cid, Text(ja, en), sym, *colours, **kw)


# Okabe–Ito (colour-blind safe): the bar colour, the badge tint, the badge text.
BLUE = ("#0072b2", "#dcebf7", "#004a75")
GREEN = ("#009e73", "#d6f1e7", "#00573f")
GREY = ("#6e6e6e", "#ececec", "#3b3b3b")
ORANGE = ("#d55e00", "#fbe2d4", "#8a3300")
PURPLE = ("#a0508c", "#f3e1ee", "#6b2d5c")   # a darker reddish purple: CC79A7 fails 3:1 on white
PALETTE = (BLUE, GREEN, ORANGE, PURPLE)

NONE_RULE = Text("進捗率や比較に必要な値がなく、判定できないもの。", "A KPI lacking the values the rule needs.")

# The default scheme's four categories. The Japanese dash is full-width; English takes an en dash.
FOUR = (
    _c("achieved", "目標達成", "Achieved", "◎", BLUE, meets_target=True,
       sentence=Text("目標を達成しています。", "target achieved"),
       rule=Text("進捗率が100%以上のもの。", "The progress rate is 100% or more.")),
    _c("improved", "改善", "Improved", "↑", GREEN, sentence=Text("改善していますが、目標には届いていません。",
                                                                "improved, but short of the target"),
       rule=Text("目標には届いていないが、策定時より良くなったもの。",
                 "Short of the target, but better than the baseline.")),
    _c("unchanged", "変化なし・比較不能", "No change or not comparable", ("－", "–"), GREY,
       sentence=Text("変化なしです。", "no change"),
       rule=Text("策定時と変わらないもの、または策定時の値がなく比べられないもの。",
                 "The same as the baseline, or no baseline to compare with.")),
    _c("worse", "未達成（悪化）", "Not achieved (worse)", "↓", ORANGE, sentence=Text("未達成です。", "not achieved"),
       rule=Text("目標に届かず、策定時より悪くなったもの。", "Short of the target and worse than the baseline.")),
)


def _pct(x: Decimal) -> str:
    return f"{x.normalize():f}"


def _graded_categories(achieved: Decimal, band: Decimal) -> tuple[Category, ...]:
    a, b = _pct(achieved), _pct(band)
    return (
        _c("S", "目標達成", "Target achieved", "S", BLUE, meets_target=True,
           rule=Text(f"進捗率が{a}%以上のもの。", f"The progress rate is {a}% or more.")),
        _c("A", "基準値より改善", "Better than the baseline", "A", GREEN,
           rule=Text(f"目標に届かず、策定時の値より{b}%を超えて良くなったもの。",
                     f"Short of the target, and more than {b}% better than the baseline.")),
        _c("B", "基準値と同水準", "About the baseline", "B", GREY,
           rule=Text(f"目標に届かず、策定時の値との差が±{b}%以内のもの（策定時が0なら等しいもの）。",
                     f"Short of the target, and within ±{b}% of the baseline (equal to it when it is 0).")),
        _c("C", "基準値より悪化", "Worse than the baseline", "C", ORANGE,
           rule=Text(f"目標に届かず、策定時の値より{b}%を超えて悪くなったもの。",
                     f"Short of the target, and more than {b}% worse than the baseline.")),
        _c("none", "判定不能", "Not assessable", ("－", "–"), PURPLE,
           rule=Text("実績値または策定時の値がなく、比べられないもの。", "No actual or no baseline to compare with.")),
    )


BAND_SYMBOLS = ("◎", "○", "△", "×", "▼")


def _band_categories(thresholds: tuple[Decimal, ...]) -> tuple[Category, ...]:
    out = []
    edges = (None,) + thresholds + (None,)
    for i in range(len(thresholds) + 1):
        upper, lower = edges[i], edges[i + 1]
        lo, hi = (_pct(x) if x is not None else None for x in (lower, upper))
        ja = f"{lo}%以上" + (f"{hi}%未満" if hi else "") if lo else f"{hi}%未満"
        en = (f"{lo}% to under {hi}%" if hi else f"{lo}% or more") if lo else f"under {hi}%"
        out.append(_c(f"band{i + 1}", f"進捗率{ja}", f"Progress {en}", BAND_SYMBOLS[i], PALETTE[i % 4],
                      meets_target=i == 0 and lower == HUNDRED,
                      rule=Text(f"進捗率が{ja}のもの。", f"The progress rate is {en}.")))
    return tuple(out) + (_c("none", "算出不可", "Not computable", ("－", "–"), GREY, rule=NONE_RULE),)


def _prorated_categories(first: int, last: int) -> tuple[Category, ...]:
    years = last - first + 1
    return (
        _c("achieved", "目標達成", "Achieved", "◎", BLUE, meets_target=True,
           rule=Text("進捗率が100%以上のもの。", "The progress rate is 100% or more.")),
        _c("on_track", "順調", "On track", "○", GREEN,
           rule=Text(f"進捗率が、実績値の年度までに計画期間（{first}〜{last}年度の{years}年）のうち経過した"
                     f"年数の割合（1年目{_pct(expected_pct(first, first, last))}%、2年目"
                     f"{_pct(expected_pct(first + 1, first, last))}%…）以上のもの。",
                     f"The progress rate is at least the share of the plan ({first}–{last}, {years} years) "
                     f"gone by in the actual's year (year 1: {_pct(expected_pct(first, first, last))}%, year 2: "
                     f"{_pct(expected_pct(first + 1, first, last))}%, …).")),
        _c("behind", "遅れ", "Behind", "△", ORANGE,
           rule=Text("進捗率がその年度の割合に届かないもの。", "The progress rate is below that year's share.")),
        _c("none", "算出不可", "Not computable", ("－", "–"), GREY, rule=NONE_RULE),
    )


def _entered_categories() -> tuple[Category, ...]:
    words = (("順調", "On track"), ("概ね順調", "Mostly on track"), ("やや遅れ", "Somewhat behind"), ("遅れ", "Behind"))
    return tuple(_c(cid, ja, en, cid, colours) for cid, (ja, en), colours in zip("ABCD", words, PALETTE))


# Under the entered scheme, a KPI of a draft edition whose status the city has not entered yet. A
# published edition has none (check_entered), so a new site's first draft builds before anyone judges.
NOT_ENTERED = _c("none", "未記入", "Not yet entered", ("－", "–"), GREY,
                 rule=Text("状況がまだ記入されていないもの（下書きの版だけ。公開する版では、すべてのKPIに記入します）。",
                           "No status entered yet (only in a draft edition: in a published one, every KPI has its status)."))


# --- from the site's settings ---------------------------------------------------------------------

DISPLAY = "data/site.yaml"
SCHEMES = ("four-categories", "graded", "bands", "prorated", "entered")


def _fail(line: int | None, field: str, what_ja: str, what_en: str, fix_ja: str, fix_en: str) -> DataError:
    return DataError(DISPLAY, line, field, problem(what_ja, what_en, fix_ja, fix_en))


def _line(block, key: str) -> int | None:
    return block.line_of(key) if hasattr(block, "line_of") and key in block else getattr(block, "line", None)


def _overridden(categories: tuple[Category, ...], block, free_ids: bool) -> tuple[Category, ...]:
    """The `categories:` the site gives: for a computed scheme, changes to its own categories (by id);
    for an entered one, the whole list."""
    given = block.get("categories")
    if not given:
        return categories
    by_id = {c.id: c for c in categories}
    out = [] if free_ids else list(categories)
    lines = getattr(given, "item_lines", [None] * len(given))
    for i, item in enumerate(given):
        cid = str(item["id"])
        base = by_id.get(cid)
        if base is None and not free_ids:
            raise _fail(lines[i], f"status.categories[{i}].id", f"この判定方法に区分「{cid}」はありません",
                        f"the scheme has no category {cid!r}", f"次のどれかにしてください：{', '.join(by_id)}",
                        f"use one of: {', '.join(by_id)}")
        if base is None:
            base = Category(cid, Text(cid, cid), Text(cid, cid), *PALETTE[i % 4])
        label = item.get("label")
        changed = replace(base, **{k: item[k] for k in ("colour", "background", "text") if k in item},
                          label=Text(label["ja"], label.get("en", label["ja"])) if label else base.label,
                          symbol=Text(item["symbol"], item["symbol"]) if "symbol" in item else base.symbol)
        if free_ids:
            out.append(changed)
        else:
            out[[c.id for c in out].index(cid)] = changed
    line_of = {str(item["id"]): lines[i] for i, item in enumerate(given)}
    for c in out:
        bad = contrast_problems(c)
        if bad:
            raise _fail(line_of.get(c.id), f"status.categories[{c.id}]",
                        f"区分「{c.id}」の色のコントラストが足りません（{'; '.join(bad)}）",
                        f"category {c.id!r} lacks colour contrast ({'; '.join(bad)})",
                        "文字色を濃く、地色を淡くしてください（AA：文字4.5:1、棒3:1）",
                        "use a darker text and a lighter tint (AA: 4.5:1 for text, 3:1 for bars)")
    return tuple(out)


def scheme_from(block) -> Scheme:
    """The scheme data/site.yaml's `status:` block chooses, with its parameters (checked by its schema)."""
    name = block["scheme"]
    if name == "four-categories":
        cats, judge, params = FOUR, four_categories, ()
        summary = Text("各KPIを、進捗率と策定時からの変化で4つの区分に分けます。",
                       "Each KPI falls in one of four categories, by its progress rate and its change since the baseline.")
    elif name == "graded":
        achieved, band = Decimal(str(block.get("achieved_pct", 100))), Decimal(str(block.get("band_pct", 10)))
        cats, judge, params = _graded_categories(achieved, band), graded(achieved, band), (
            ("achieved_pct", achieved), ("band_pct", band))
        summary = Text(f"各KPIを、目標の達成と策定時の値との比較（±{_pct(band)}%は同水準）でS・A・B・C・－に分けます。",
                       f"Each KPI is graded S, A, B, C or – by its target and by its change against the baseline "
                       f"(within ±{_pct(band)}% counts as the same level).")
    elif name == "bands":
        thresholds = tuple(Decimal(str(t)) for t in block.get("thresholds", (80, 50, 20)))
        if list(thresholds) != sorted(set(thresholds), reverse=True):
            raise _fail(_line(block, "thresholds"), "status.thresholds", "しきい値が大きい順に並んでいません",
                        "the thresholds are not in descending order", "例：thresholds: [80, 50, 20]",
                        "e.g. thresholds: [80, 50, 20]")
        cats, judge, params = _band_categories(thresholds), bands(thresholds), (("thresholds", thresholds),)
        summary = Text("各KPIを、進捗率の大きさで区分します。", "Each KPI falls in a band by its progress rate.")
    elif name == "prorated":
        plan = block.get("plan") or {}
        first, last = plan.get("first_fy"), plan.get("last_fy")
        if first is None or last is None or last < first:
            raise _fail(_line(block, "plan"), "status.plan", "計画期間の始めと終わりの年度がありません（または逆です）",
                        "the plan's first and last fiscal years are missing (or reversed)",
                        "例：plan: {first_fy: 2020, last_fy: 2024}", "e.g. plan: {first_fy: 2020, last_fy: 2024}")
        cats, judge, params = _prorated_categories(first, last), prorated(first, last), (
            ("first_fy", first), ("last_fy", last))
        summary = Text("各KPIの進捗率を、計画期間のうち実績値の年度までに経過した年数の割合と比べます"
                       "（目標を年数で按分）。",
                       "Each KPI's progress rate is set against the share of the plan gone by in its actual's year "
                       "(the target prorated by year).")
    elif name == "entered":
        cats, judge, params = _entered_categories(), entered, ()
        summary = Text("各KPIの状況は、市町村が理由とともにデータに記入したものです（計算によらない判定）。",
                       "Each KPI's status is entered in the data by the municipality, with its reason (not computed).")
    else:
        raise _fail(_line(block, "scheme"), "status.scheme", f"判定方法「{name}」はありません",
                    f"there is no status scheme {name!r}", f"次のどれかにしてください：{', '.join(SCHEMES)}",
                    f"use one of: {', '.join(SCHEMES)}")
    cats = _overridden(cats, block, free_ids=name == "entered")
    if name == "entered" and NOT_ENTERED.id not in {c.id for c in cats}:
        cats += (NOT_ENTERED,)
    return Scheme(name, cats, judge, summary, params)


DEFAULT = scheme_from({"scheme": "four-categories"})


def check_entered(scheme: Scheme, kpis, published: bool = True) -> None:
    """Under the `entered` scheme every KPI of a published edition has a known status and its reason (a
    draft's may still wait for them); under a computed one, none has."""
    for k in kpis:
        es = k.entered_status
        if scheme.name != "entered":
            if es is not None:
                raise DataError(k.source.file, es.line, f"{k.id}.status", problem(
                    f"状況は判定方法「{scheme.name}」で計算するため、記入できません",
                    f"the status is computed by the {scheme.name!r} scheme, so it cannot be entered",
                    "status と status_reason を削除するか、data/site.yaml で scheme: entered にしてください",
                    "delete status and status_reason, or set scheme: entered in data/site.yaml"))
            continue
        choices = entered_ids(scheme)
        if es is None:
            if not published:
                continue
            raise DataError(k.source.file, k.source.line, f"{k.id}.status", problem(
                "状況（status）とその理由（status_reason）がありません",
                "the status and its reason (status_reason) are missing",
                f"例：status: {choices[0]} と status_reason: {{ja: …}} を書いてください",
                f"add e.g. status: {choices[0]} and status_reason: {{ja: …}}"))
        if es.reason is None:
            raise DataError(k.source.file, es.line, f"{k.id}.status_reason", problem(
                "記入した状況の理由（status_reason）がありません", "the entered status has no reason (status_reason)",
                "status_reason: {ja: …} に判定の理由を書いてください", "give the reason in status_reason: {ja: …, en: …}"))
        if es.id not in choices:
            raise DataError(k.source.file, es.line, f"{k.id}.status", problem(
                f"状況「{es.id}」は data/site.yaml の記入できる区分にありません",
                f"status {es.id!r} is not a category of data/site.yaml that can be entered",
                f"次のどれかにしてください：{', '.join(choices)}", f"use one of: {', '.join(choices)}"))


def entered_ids(scheme: Scheme) -> tuple[str, ...]:
    """The categories a city can enter: all but the one that stands for "not yet entered"."""
    return tuple(i for i in scheme.ids if i != NOT_ENTERED.id)


def comparable(printed, scheme: Scheme) -> bool:
    """Counts printed in the report (StatusCounts) are checked when they are in the site's own categories."""
    return printed is not None and set(printed.ids) <= set(scheme.ids)
