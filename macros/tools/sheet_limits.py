"""Limits on a workbook sent back by a department, checked before and while it is read.

A workbook is a zip of XML files. Its directory says how many files it holds and how large each is once
inflated; both are checked before openpyxl reads anything (zipfile refuses to inflate a member beyond its
stated size), so a zip bomb is refused in milliseconds. openpyxl parses the XML with defusedxml (pinned in
requirements.in): a DTD, an entity or an external reference is refused instead of being expanded or
fetched. Cell text longer than Excel's own limit cannot come from Excel, and an error message echoes at
most SHOWN_CHARS characters of a cell.
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from openpyxl.utils.cell import range_boundaries

from ..core.errors import DataError, Problem, problem

MAX_CELL_TEXT = 32_767   # the most characters Excel keeps in a cell
SHOWN_CHARS = 80         # the most characters of a cell an error message repeats
MAX_ERRORS = 50          # the most errors listed; the rest are counted


@dataclass(frozen=True)
class Limits:
    # The exported workbook is about 0.1 MB inflated and 6 files; Excel or LibreOffice adds a few more.
    max_inflated: int = 20 * 1024 * 1024
    max_members: int = 200
    # openpyxl makes an object for every cell of a merged range as it loads: A1:XFD1048576 is 17 billion.
    max_merged_cells: int = 10_000


def shown(value, limit: int = SHOWN_CHARS) -> str:
    """A cell's value as an error message repeats it: on one line, cut to `limit` characters."""
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[:limit] + f"…（{len(text):,} 文字 / chars）"


def _refused(display: str, what_ja: str, what_en: str) -> DataError:
    return DataError(display, None, "file", problem(
        what_ja, what_en,
        "Excel で開き、「Excel ブック (.xlsx)」として保存し直した表を取り込んでください",
        "open it in Excel and save it again as an Excel workbook (.xlsx), then import that"))


def check_archive(path: Path, display: str, limits: Limits = Limits()) -> None:
    """Refuse a workbook whose zip directory announces too many files or too much inflated data."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        return   # missing, locked or not a zip at all: openpyxl's own error names it
    if len(members) > limits.max_members:
        raise _refused(display, f"表のファイルの中身が多すぎます（{len(members):,} 個、上限 {limits.max_members:,} 個）",
                       f"the workbook holds too many files ({len(members):,}, at most {limits.max_members:,})")
    inflated = sum(m.file_size for m in members)
    if inflated > limits.max_inflated:
        raise _refused(display, f"表のファイルが展開すると大きすぎます（{inflated:,} バイト、上限 {limits.max_inflated:,} バイト）",
                       f"the workbook inflates to too much data ({inflated:,} bytes, at most {limits.max_inflated:,})")
    merged = _merged_cells(path, [m.filename for m in members if m.filename.startswith("xl/worksheets/")])
    if merged > limits.max_merged_cells:
        raise _refused(display, f"結合されたセルが多すぎます（{merged:,} 個、上限 {limits.max_merged_cells:,} 個）",
                       f"too many cells are merged ({merged:,}, at most {limits.max_merged_cells:,})")


def _merged_cells(path: Path, sheets: list[str]) -> int:
    """How many cells the sheets' merged ranges cover, read from their XML (streamed, with defusedxml)."""
    total = 0
    with zipfile.ZipFile(path) as archive:
        for name in sheets:
            try:
                with archive.open(name) as xml:
                    for _event, element in iterparse(xml):
                        if element.tag.endswith("}mergeCell"):
                            min_col, min_row, max_col, max_row = range_boundaries(element.get("ref", ""))
                            total += (max_col - min_col + 1) * (max_row - min_row + 1)
                        element.clear()
            except (DefusedXmlException, SyntaxError, ValueError, TypeError, zipfile.BadZipFile):
                continue   # openpyxl's own reading refuses it with its line
    return total


def unreadable_xml(display: str) -> DataError:
    """defusedxml refused a DTD, entity or external reference, or the XML is broken."""
    return _refused(display, "表のファイルの中の XML に、使えない定義（DTD・実体参照）があるか、壊れています",
                    "the workbook's XML holds a definition that is not allowed (a DTD or an entity) or is broken")


def too_large(display: str) -> DataError:
    return _refused(display, "表が大きすぎて読めません（メモリー不足）", "the workbook is too large to read (out of memory)")


def long_text(length: int) -> Problem:
    return problem(f"セルの文字数が多すぎます（{length:,} 文字、Excel の上限は {MAX_CELL_TEXT:,} 文字）",
                   f"the cell holds too much text ({length:,} characters, Excel's limit is {MAX_CELL_TEXT:,})",
                   "セルの内容を短くしてください", "shorten the cell's text")
