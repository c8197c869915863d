"""The register of editions (data/editions.yaml): which evaluations exist, their period and state.

An edition is one published evaluation within a strategy period; its figures live in
data/editions/<id>/ and its text in docs/editions/<id>/. A published edition is an exact archive:
its files' fingerprint is recorded when it is published, and a later change must be recorded as a
correction (what, when, why) carrying the new fingerprint, or the build stops.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .errors import DataError, problem
from .loader import Marked, load_yaml
from .model import Text
from .schema import check_schema
from .site import load_site

REGISTER = "data/editions.yaml"
DRAFT, PUBLISHED = "draft", "published"


@dataclass(frozen=True)
class Period:
    id: int
    title: Text
    first_fy: int
    last_fy: int


@dataclass(frozen=True)
class Correction:
    date: str
    what: Text
    why: Text
    fingerprint: str


@dataclass(frozen=True)
class Entry:
    """One edition as the register lists it."""

    id: str
    period: Period
    state: str
    fingerprint: str | None
    corrections: tuple[Correction, ...]
    line: int

    @property
    def published(self) -> bool:
        return self.state == PUBLISHED

    @property
    def data_dir(self) -> str:
        return f"data/editions/{self.id}"

    @property
    def docs_dir(self) -> str:
        return f"docs/editions/{self.id}"

    @property
    def recorded_fingerprint(self) -> str | None:
        """The fingerprint the files must have: the last correction's, else the one of publication."""
        return self.corrections[-1].fingerprint if self.corrections else self.fingerprint


@dataclass(frozen=True)
class Register:
    periods: tuple[Period, ...]
    entries: tuple[Entry, ...]   # oldest first

    def latest(self, include_drafts: bool = False) -> Entry:
        eligible = [e for e in self.entries if include_drafts or e.published]
        if not eligible:
            raise DataError(REGISTER, None, "editions", problem(
                "公開済みの版がありません", "there is no published edition",
                "少なくとも1つの版を state: published にしてください", "mark at least one edition state: published"))
        return eligible[-1]

    def get(self, edition_id: str) -> Entry | None:
        return next((e for e in self.entries if e.id == edition_id), None)


def _text(raw: Marked) -> Text:
    return Text(raw["ja"], raw.get("en", ""))


def edition_dirs(edition_id: str) -> tuple[str, str]:
    """The folders that hold one edition: its figures and its text."""
    return f"data/editions/{edition_id}", f"docs/editions/{edition_id}"


def edition_files(root: Path, edition_id: str) -> dict[str, bytes]:
    """Every file of one edition, {path relative to root: contents}, in the fingerprint's order."""
    files = {}
    for base in edition_dirs(edition_id):
        for path in sorted(p for p in (root / base).rglob("*") if p.is_file()):
            files[path.relative_to(root).as_posix()] = path.read_bytes()
    return files


def digest(files: dict[str, bytes]) -> str:
    """The fingerprint of an edition's files given in order ({path: contents}), independent of the machine."""
    h = hashlib.sha256()
    for name, data in files.items():
        h.update(name.encode("utf-8") + b"\0")
        h.update(data.replace(b"\r\n", b"\n") + b"\0")
    return h.hexdigest()[:16]


def fingerprint(root: Path, edition_id: str) -> str:
    """A hash of every file of one edition (figures and text), independent of the machine."""
    return digest(edition_files(root, edition_id))


def read_register(root: Path) -> Register:
    """Read and check data/editions.yaml (not the editions' own files)."""
    doc = load_yaml(root / REGISTER, REGISTER)
    check_schema(doc, "editions.schema.json", REGISTER, load_site(root).languages)
    periods = {}
    for p in doc["periods"]:
        if p["first_fy"] > p["last_fy"]:
            raise DataError(REGISTER, p.line_of("last_fy"), f"periods[{p['id']}].last_fy", problem(
                "期間の終わりが始まりより前です", "the period ends before it starts",
                "first_fy と last_fy を確認してください", "check first_fy and last_fy"))
        periods[p["id"]] = Period(p["id"], _text(p["title"]), p["first_fy"], p["last_fy"])
    entries: list[Entry] = []
    for e in doc["editions"]:
        field = f"editions[{e['id']}]"
        if any(x.id == e["id"] for x in entries):
            raise DataError(REGISTER, e.line_of("id"), f"{field}.id", problem(
                f"版「{e['id']}」が2回書かれています", f"edition {e['id']!r} is listed twice",
                "版の ID を一意にしてください", "give each edition its own id"))
        if entries and e["id"] <= entries[-1].id:
            raise DataError(REGISTER, e.line_of("id"), f"{field}.id", problem(
                "版が古い順に並んでいません", "the editions are not listed oldest first",
                "新しい版を一番下に書いてください", "list the newest edition last"))
        if e["period"] not in periods:
            raise DataError(REGISTER, e.line_of("period"), f"{field}.period", problem(
                f"期間「{e['period']}」は periods にありません", f"period {e['period']} is not in periods",
                "periods にある id にしてください", "use a period id listed under periods"))
        if not (root / "data" / "editions" / e["id"]).is_dir():
            raise DataError(REGISTER, e.line_of("id"), f"{field}.id", problem(
                f"data/editions/{e['id']}/ がありません", f"data/editions/{e['id']}/ does not exist",
                "版のフォルダを作るか（make new-edition）、ID を直してください",
                "create the edition's folder (make new-edition) or correct the id"))
        corrections = tuple(Correction(c["date"], _text(c["what"]), _text(c["why"]), c["fingerprint"])
                            for c in e.get("corrections", []))
        entries.append(Entry(e["id"], periods[e["period"]], e["state"], e.get("fingerprint"), corrections, e.line))
    return Register(tuple(periods.values()), tuple(entries))


# How staff record a correction (the Makefile's target; guide/README.md §7.6).
CORRECT_COMMAND = 'make correct EDITION={id} WHAT_JA="何を" WHAT_EN="what" WHY_JA="なぜ" WHY_EN="why"'


def check_unchanged(root: Path, entry: Entry, changed_files: Callable[[Entry], list[str]] | None = None) -> None:
    """A published edition's files must be exactly as recorded: a change needs a correction record.
    `changed_files` names the files that differ from the recorded ones (found in the project's history
    by the caller), so the message can say which; without it the message asks staff to look."""
    if not entry.published:
        return
    actual = fingerprint(root, entry.id)
    if entry.fingerprint is None:   # the fingerprint of publication, even after corrections
        raise DataError(REGISTER, entry.line, f"editions[{entry.id}].fingerprint", problem(
            "公開済みの版に fingerprint がありません", "a published edition has no fingerprint",
            f"state: draft に戻して make publish-edition EDITION={entry.id} で公開してください",
            f"set it back to state: draft and publish it with: make publish-edition EDITION={entry.id}"))
    if actual != entry.recorded_fingerprint:
        names = changed_files(entry) if changed_files else []
        files = "、".join(names) if names else "（git status で確かめてください）"
        files_en = ", ".join(names) if names else "(see git status)"
        command = CORRECT_COMMAND.format(id=entry.id)
        raise DataError(REGISTER, entry.line, f"editions[{entry.id}]", problem(
            f"公開済みの版「{entry.id}」のファイルが、記録した指紋（{entry.recorded_fingerprint}）から変わっています："
            f"{files}",
            f"files of published edition {entry.id} differ from its recorded fingerprint "
            f"({entry.recorded_fingerprint}): {files_en}",
            f"公開した版の誤りを直したのなら、{command} で「いつ・何を・なぜ」を訂正として記録してください"
            "（訂正はその版の各ページに表示されます）。そうでなければ変更を元に戻してください（git restore ファイル名）",
            f"if this corrects a mistake in the published edition, record when, what and why with: {command} "
            "(the correction is shown on every page of the edition); otherwise undo the change (git restore FILE)"))
