"""Read YAML files with line numbers, exact decimals and editor-friendly errors.

We load YAML ourselves instead of using mkdocs-macros' include_yaml, which
silently ignores a missing file and keeps no line numbers.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError, problem


class Marked(dict):
    """A mapping that remembers the line of itself and of each key (1-based)."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class MarkedList(list):
    line: int = 0
    item_lines: list


# libyaml's parser when PyYAML was built with it (the PyPI wheels are): about 10x faster on large data.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# Data files are a few kilobytes (the largest about 14 KB); anything near this limit is a mistake or an
# attack, and would be published whole (a page and the search index of the same size).
MAX_BYTES = 2 * 1024 * 1024


class _Loader(_Base):
    """SafeLoader that keeps line numbers, reads floats as Decimal and rejects duplicate keys and aliases."""

    def construct_object(self, node, deep=False):
        # An alias (*name, also in a merge key <<: *name) is the node of its anchor (&name) met again:
        # refused, so nested aliases ("billion laughs") can never multiply the data.
        if node in self.constructed_objects or node in self.recursive_objects:
            raise DataError(
                self.display_name, node.start_mark.line + 1, "YAML",
                problem("YAML のアンカー（&名前）で名前を付けた内容が、エイリアス（*名前）で繰り返されています",
                        "the content named with an anchor (&name) on this line is repeated with an alias (*name)",
                        "&名前 と *名前 を使わず、それぞれの場所に内容を書いてください",
                        "write the content out in each place instead of using & and *"))
        return super().construct_object(node, deep=deep)


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Marked:
    loader.flatten_mapping(node)
    result = Marked()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise DataError(
                loader.display_name, key_node.start_mark.line + 1, str(key),
                problem("同じ項目が2回書かれています", "the same key appears twice in one mapping",
                        "どちらか一方を削除してください", "delete one of them"))
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> MarkedList:
    result = MarkedList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _construct_float(loader: _Loader, node: yaml.ScalarNode) -> Decimal:
    # Decimal keeps the printed precision (60.0 stays 60.0) and avoids binary rounding.
    text = str(loader.construct_scalar(node)).replace("_", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        raise DataError(
            loader.display_name, node.start_mark.line + 1, "value",
            problem(f"「{text}」は有限の数値ではありません", f"{text!r} is not a finite number",
                    "数字で書いてください", "write a plain number"))
    return value


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)


# For these the parser notices the mistake only on a later line (an unclosed quote, brace or
# bracket, a key without its colon): the context mark is where the editor has to look.
_OPENING_CONTEXTS = ("while scanning a simple key", "while scanning a quoted scalar",
                     "while parsing a flow mapping", "while parsing a flow sequence")


def _yaml_error(display: str, err: yaml.YAMLError, text: str) -> DataError:
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    if getattr(err, "context", None) in _OPENING_CONTEXTS and getattr(err, "context_mark", None):
        mark = err.context_mark
    line = mark.line + 1 if mark else None
    detail = getattr(err, "problem", None) or str(err).splitlines()[0]
    lines = text.splitlines()
    bad = lines[line - 1] if line and line <= len(lines) else ""
    # libyaml does not name the tab; look at the offending line's indentation ourselves.
    tab_indent = "\t" in bad[: len(bad) - len(bad.lstrip())]
    if tab_indent or "\t" in detail or "'\\t'" in detail:
        return DataError(display, line, "YAML",
                         problem("タブ文字は字下げに使えません", "a tab character cannot be used for indentation",
                                 "タブを半角スペースに置き換えてください", "replace tabs with spaces"))
    return DataError(display, line, "YAML",
                     problem(f"YAML の書式が正しくありません（{detail}）", f"invalid YAML syntax ({detail})",
                             "字下げ、コロン、引用符の対応を確認してください",
                             "check indentation, colons and matching quotes"))


def load_yaml(path: Path, display: str) -> Any:
    """Parse one YAML file. `display` is the path shown to editors (relative to the project)."""
    if not path.is_file():
        raise DataError(display, None, "file",
                        problem("ファイルがありません", "the file does not exist",
                                "ファイル名と場所を確認してください", "check the file name and folder"))
    if path.stat().st_size > MAX_BYTES:
        raise DataError(display, None, "file",
                        problem(f"ファイルが大きすぎます（{path.stat().st_size:,} バイト、上限 {MAX_BYTES:,} バイト）",
                                f"the file is too large ({path.stat().st_size:,} bytes, at most {MAX_BYTES:,})",
                                "誤って貼り付けた内容がないか確かめ、ファイルを分けるか短くしてください",
                                "check for text pasted by mistake; shorten or split the file"))
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise DataError(display, line, "encoding",
                        problem("文字コードが UTF-8 ではありません", "the file is not UTF-8",
                                "UTF-8 で保存し直してください", "save the file as UTF-8")) from None
    if not text.strip() or all(l.strip().startswith("#") or not l.strip() for l in text.splitlines()):
        raise DataError(display, 1, "file",
                        problem("ファイルが空です", "the file is empty",
                                "内容を戻すか、不要ならファイルを削除してください",
                                "restore its content, or delete the file if it is not needed"))
    loader = _Loader(text)
    loader.display_name = display
    try:
        return loader.get_single_data()
    except yaml.YAMLError as err:
        raise _yaml_error(display, err, text) from None
    finally:
        loader.dispose()
