"""Interface words in both languages. Content words live in data/ and docs/; the names of the plan's
levels come from data/site.yaml (with_levels)."""
from __future__ import annotations

from functools import lru_cache

from ..core.model import NoteKind, Text
from ..core.status_schemes import Scheme

_LABELS = {
    "ja": {
        "kpi": "KPI名", "unit": "単位", "baseline": "策定時(a)", "actual": "実績値(b)", "target": "目標(c)",
        "progress": "進捗率", "status": "状況", "na": "算出不可", "no_value": "—",
        "from_baseline": "※ 策定時からの伸びで進捗率を算出：(b−a)/(c−a)。",
        "implied": "† 原表では空欄。印刷された進捗率から逆算した値です。",
        "lower_better": "↘ 低いほど良い指標です。",
        # What a screen reader says for each mark (the mark itself is hidden from it).
        "mark.from_baseline": "（策定時からの伸びで進捗率を算出）", "mark.lower_better": "（低いほど良い指標）",
        "mark.implied": "（印刷された進捗率から逆算）",
        "table_caption": "{bottom} {id} のKPI",
        "chart_caption": "図：{bottom} {id} のKPIの進捗率。数値は上の表のとおりです。",
        "key_bar": "棒と右の数値：進捗率",
        "key_baseline": "策定時の値の位置（策定時から測る指標では0%）",
        "key_target": "破線：目標（100%）",
        "key_status": "棒の色と記号は状況：{statuses}",
        "history_caption": "図：{name}の推移（{unit}）。折れ線の点が各年の値で、値は点のそばに記しています。出典：{source}。",
        "history_table_caption": "{name}の推移",
        "year": "年度", "value_with_unit": "値（{unit}）", "note_sep": "：",
        "summary_caption": "KPIの達成状況（件数）", "count": "件数", "total": "合計",
        "share": "割合",
        "strategy": "{top}", "all": "すべて", "filter_status": "状況で絞り込む", "filter_strategy": "{top}で絞り込む",
        "shown": "{n}件を表示（全{total}件）", "notes": "注記", "see_notes": "注記あり",
        "strategy_label": "{top}{n}", "policy_label": "【{middle}{n}】", "measure_label": "{bottom} {id}",
        "kpis_count": "KPI {n}件", "open": "詳しく見る",
        "chart_loading": "グラフを読み込んでいます。内容は上の表と同じです。",
        "progress_bar": "進捗率 {p}",
        "calendar_year": "{y}年", "fy_note": "",
        "contact.contact": "{municipality}へのお問い合わせ（{municipality}のお問い合わせページ）",
        "contact.feedback": "このサイトへのご意見・不具合の報告（GitHub の Issues。GitHub のアカウントが必要です）",
        "contact.none": "お問い合わせは、報告書を発行した{municipality}までお寄せください。",
        "unit_label": "単位：{unit}",
        "permalink_title": "この見出しへのリンク",
    },
    "en": {
        "kpi": "KPI", "unit": "Unit", "baseline": "Baseline (a)", "actual": "Actual (b)", "target": "Target (c)",
        "progress": "Progress rate", "status": "Status", "na": "n/a", "no_value": "—",
        "from_baseline": "※ Progress measured from the baseline: (b\u00a0−\u00a0a)/(c\u00a0−\u00a0a).",   # kept on one line
        "implied": "† Blank in the report; implied by the printed progress rate.",
        "lower_better": "↘ Lower is better.",
        "mark.from_baseline": " (progress measured from the baseline)", "mark.lower_better": " (lower is better)",
        "mark.implied": " (implied by the printed progress rate)",
        "table_caption": "KPIs of {bottom} {id}",
        "chart_caption": "Figure: progress rates of the KPIs of {bottom} {id}. The figures are in the table above.",
        "key_bar": "Bar and figure: progress rate",
        "key_baseline": "Baseline (at 0% for KPIs marked ※)",
        "key_target": "Dashed line: target (100%)",
        "key_status": "Bar colour and symbol give the status: {statuses}",
        "history_caption": "Figure: {name}, year by year ({unit}). Each point of the line is one year's value, written beside it. Source: {source}.",
        "history_table_caption": "{name}, year by year",
        "year": "Year", "value_with_unit": "Value ({unit})", "note_sep": ": ",
        "summary_caption": "KPI status (number of KPIs)", "count": "KPIs", "total": "Total",
        "share": "Share",
        "strategy": "{top}", "all": "All", "filter_status": "Filter by status", "filter_strategy": "Filter by {top}",
        "shown": "Showing {n} of {total} KPIs", "shown.one": "Showing {n} of {total} KPI", "notes": "Notes", "see_notes": "see notes",
        "strategy_label": "{top} {n}", "policy_label": "{middle} {n}:", "measure_label": "{bottom} {id}:",
        "kpis_count": "{n} KPIs", "kpis_count.one": "{n} KPI", "open": "Read more",
        "chart_loading": "Chart of the figures in the table above.",
        "progress_bar": "Progress rate {p}",
        "calendar_year": "{y}", "fy_note": "",
        "contact.contact": "Contact {municipality} (its contact page)",
        "contact.feedback": "Comments and problem reports about this site (GitHub issues; a GitHub account is needed)",
        "contact.none": "Please contact {municipality}, the publisher of the report, through the contact details on its official website.",
        "unit_label": "Unit: {unit}",
        "permalink_title": "Link to this heading",
    },
}


# The data and context pages' words (render/pages.py).
_PAGE_LABELS = {
    "ja": {
        "notes.where": "対象", "notes.kind": "種類", "notes.note": "内容", "notes.printed": "原文の表記",
        "notes.reading": "読み・修正後",
        "data_notes_caption": "KPI データの注記", "text_notes_caption": "本文の転記に関する注記",
        "census.change": "増減", "census.change_pct": "増減率", "census.people": "人",
        "census.caption": "{municipality}の国勢調査人口",
        "census.chart_caption": "図：{municipality}の国勢調査人口（{years}、人）。数値は上の表のとおりです。",
        "municipalities.caption": "{first}年から{last}年の人口増減別の市町村数",
        "municipalities.count": "市町村数", "municipalities.share": "割合",
        "municipalities.total": "全国の市町村", "municipalities.increased": "人口が増加",
        "municipalities.decreased": "人口が減少",
        "context.caption": "{caption}（出典：{source}）",
        "context.chart_caption": "図：{caption}（{column}）。数値は上の表のとおりです。",
        "filter_changed_legend": "前の版との比較", "filter_changed": "前の版から状況が変わったKPIだけを表示",
        "glossary_caption": "用語と英語版の訳語の一覧（読みの順）",
        "pdf_download": "PDF版をダウンロード（A4・日本語）",
        "history.from_editions": "評価報告書の各版の実績値", "list_separator": "、",
    },
    "en": {
        "notes.where": "Where", "notes.kind": "Kind", "notes.note": "Note", "notes.printed": "As printed",
        "notes.reading": "Reading / corrected",
        "data_notes_caption": "Notes on the KPI data", "text_notes_caption": "Notes on the transcription of the text",
        "census.change": "Change", "census.change_pct": "Rate of change", "census.people": "People",
        "census.caption": "Population of {municipality} (National Census)",
        "census.chart_caption": "Figure: population of {municipality} in the {years} censuses (people). "
                                "The figures are in the table above.",
        "municipalities.caption": "Municipalities by population change, {first}–{last}",
        "municipalities.count": "Municipalities", "municipalities.share": "Share",
        "municipalities.total": "All municipalities", "municipalities.increased": "Population grew",
        "municipalities.decreased": "Population fell",
        "context.caption": "{caption} (source: {source})",
        "context.chart_caption": "Figure: {caption} ({column}). The figures are in the table above.",
        "filter_changed_legend": "Compared with the previous edition",
        "filter_changed": "Only KPIs whose status changed since the previous edition",
        "glossary_caption": "Every term and its English rendering on this site (alphabetical)",
        "pdf_download": "Download the PDF (A4, English)",
        "history.from_editions": "the actuals of each edition of the report", "list_separator": "; ",
    },
}


# The editions' words (render/edition_comparison.py: the banner; render/previous_edition.py: the previous
# edition under each KPI, the counts per edition).
_EDITION_LABELS = {
    "ja": {
        "edition.shows": "この報告書は{name}（{fy}の実績）です。",
        "edition.latest": "最新の版です。",
        "edition.archived": "過去の版です（公開したときのまま保存しています）。最新の版は{latest}です。",
        "edition.draft": "作成中（下書き）：この版はまだ公開されていません。数値と本文は確定していません。",
        "edition.draft_badge": "作成中",
        "edition.draft_mark": "（作成中）",
        "edition.others": "ほかの版で同じページを見る：",
        "edition.corrections": "公開後の訂正",
        "edition.correction": "{date}：{what}（理由：{why}）",
        "edition.nav": "報告書の版",
        "edition.previous": "前の版（{name}）：",
        "edition.previous_value": "実績値 {value}（{fy}）、進捗率 {progress}、{status}。",
        "edition.changed": "状況の変化：{before} → {after}。",
        "edition.unchanged": "状況は前の版と同じです。",
        "edition.new_kpi": "この版で加わったKPIです。",
        "edition.counts_caption": "版ごとのKPIの達成状況（件数）",
        "edition.edition": "版",
        "edition.total": "計",
        "edition.series_source": "各版の実績値",
    },
    "en": {
        "edition.shows": "This is the {name} of the report (results for {fy}).",
        "edition.latest": "It is the latest edition.",
        "edition.archived": "It is an earlier edition, kept as it was published. The latest is the {latest}.",
        "edition.draft": "Draft: this edition is not published yet. Its figures and text are not final.",
        "edition.draft_badge": "Draft",
        "edition.draft_mark": " (draft)",
        "edition.others": "This page in other editions: ",
        "edition.corrections": "Corrections since publication",
        "edition.correction": "{date}: {what} Reason: {why}",
        "edition.nav": "Editions of the report",
        "edition.previous": "Previous edition ({name}): ",
        "edition.previous_value": "actual {value} ({fy}), progress rate {progress}, {status}.",
        "edition.changed": "Status changed: {before} → {after}.",
        "edition.unchanged": "The status is the same as in the previous edition.",
        "edition.new_kpi": "This KPI is new in this edition.",
        "edition.counts_caption": "KPI status counts in each edition",
        "edition.edition": "Edition",
        "edition.total": "Total",
        "edition.series_source": "the actuals of each edition",
    },
}

# One table of words per language: the groups above join the general labels.
for _group in (_PAGE_LABELS, _EDITION_LABELS):
    for _lang, _words in _group.items():
        _LABELS[_lang].update(_words)


# The parts of a report page a transcription note points to (data: text-notes' `where`, in Japanese).
_PLACE_EN = {"現状／取組内容": "Current status and actions", "評価": "Evaluation", "課題": "Issues",
             "方向性": "Direction", "施策の説明": "Description of the measure",
             "具体的施策の説明": "Description of the measure", "施策概要": "Description of the measure",
             "見出し": "heading", "社会情勢": "Social context"}


def place_en(where: str, levels: tuple[Text, ...]) -> str | None:
    """'1-1-2 現状／取組内容' -> '1-1-2 Current status and actions'; None when a word is not known (the
    page then shows the Japanese, marked as Japanese). `levels` names a whole top-level item's page."""
    words = where.split(" ")
    if len(words) == 2 and words[0].isdigit() and words[1] == "全体":     # a note on a whole top-level page
        return with_levels("en", levels)["strategy_label"].format(n=words[0], id=words[0]) + " (throughout)"
    if any(not w.replace("-", "").isdigit() and w not in _PLACE_EN for w in words):
        return None
    return " ".join(_PLACE_EN.get(w, w) for w in words)


# A status is named by its scheme's symbol and label (core/status_schemes.py), the same everywhere:
# tables, cards, chart keys, filters, pages, downloads. The symbol repeats the meaning in shape, so a
# status is never told by colour alone.
def status_icon(lang: str, status: str, scheme: Scheme) -> str:
    return scheme.symbol(status, lang)


def status_label(lang: str, status: str, scheme: Scheme) -> str:
    return scheme.label(status, lang)


def status_name(lang: str, status: str, scheme: Scheme) -> str:
    return f"{status_icon(lang, status, scheme)} {status_label(lang, status, scheme)}"


def key_status(lang: str, scheme: Scheme) -> str:
    """The chart key: the statuses with the same symbols and labels as the tables."""
    return _LABELS[lang]["key_status"].format(statuses=("、" if lang == "ja" else ", ").join(
        status_name(lang, s, scheme) for s in scheme.ids))


NOTE_KIND = {
    NoteKind.PROGRESS_MISMATCH: Text("印刷された進捗率との差", "Printed progress differs"),
    NoteKind.IMPLIED_BASELINE: Text("策定時の値（逆算）", "Implied baseline"),
    NoteKind.BASELINE_ZERO: Text("策定時の値（空欄）", "Blank baseline"),
    NoteKind.NO_PROGRESS: Text("算出不可", "Not computable"),
    NoteKind.TARGET_NOT_BETTER: Text("目標値", "Target"),
    NoteKind.YEAR_NOTE: Text("年度の注記", "Year note"),
    NoteKind.SUMMARY_TABLE: Text("一覧表との相違", "Summary table differs"),
    NoteKind.SOURCE: Text("転記", "Transcription"),
    NoteKind.COUNTS_MISMATCH: Text("件数の相違", "Counts differ"),
    NoteKind.CENSUS: Text("社会情勢", "Context"),
    NoteKind.TYPO: Text("誤記（原文のまま）", "Typo (kept as printed)"),
    NoteKind.EXTRACTION: Text("PDFの文字の誤りを修正", "PDF text corrected"),
    NoteKind.ACTUAL_UNKNOWN: Text("実績値は不明", "Actual unknown"),
    NoteKind.REVISED: Text("目標値等の改定", "Revised"),
    NoteKind.OTHER: Text("その他", "Other"),
}


@lru_cache(maxsize=None)
def group(lang: str, prefix: str) -> dict[str, str]:
    """The words whose keys start with `prefix` ("edition."), without it: made once per language."""
    return {k.removeprefix(prefix): v for k, v in _LABELS[lang].items() if k.startswith(prefix)}


# The words that name an item of each level in headings, by the level's place: the top, the one between
# (three levels only), the one directly above the KPIs (in a one-level plan, the top is that one too).
_ITEM_LABELS = {"strategy_label": 0, "policy_label": 1, "measure_label": -1}


def with_levels(lang: str, levels: tuple[Text, ...], labels: tuple[Text | None, ...] = ()) -> dict[str, str]:
    """The words of one language with the plan's level names in them (data/site.yaml `levels`): {top} is
    the top level, {middle} the one between (three levels only), {bottom} the level directly above the KPIs.
    `labels`: a level's own way of naming its items (its `label:`, with {name}, {n} and {id}), which
    replaces the engine's words for that level; the English falls back to the engine's words."""
    names = {"{top}": levels[0], "{middle}": levels[1] if len(levels) == 3 else None, "{bottom}": levels[-1]}
    words = dict(_LABELS[lang])
    for key, text in words.items():
        for mark, level in names.items():
            if mark in text and level is not None:
                text = text.replace(mark, level.get(lang) or level.ja)
        words[key] = text
    for key, place in _ITEM_LABELS.items():
        if place == 1 and len(levels) != 3:
            continue
        own = labels[place] if labels else None
        if own is not None and own.get(lang):
            level = levels[place]
            words[key] = own.get(lang).replace("{name}", level.get(lang) or level.ja)
    return words


def label(lang: str, key: str, **fmt) -> str:
    text = _LABELS[lang][key]
    return text.format(**fmt) if fmt else text


def count_label(lang: str, key: str, n: int) -> str:
    """A label with a count: its `.one` form for one, where the language has one ('1 KPI')."""
    words = _LABELS[lang]
    return words.get(f"{key}.one" if n == 1 else key, words[key]).format(n=n)


def note_kind_label(lang: str, kind: NoteKind) -> str:
    return NOTE_KIND[kind].get(lang)
