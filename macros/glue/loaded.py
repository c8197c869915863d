"""The editions as loaded, kept for the life of the process and loaded again only when data/ changes.

The plugin (glue/plugin.py) holds one LoadedData: a live-preview edit to one edition's files reloads
that edition, not ten, and the data downloads are made again only when the editions were.
"""
from __future__ import annotations

from pathlib import Path

from ..core.edition_series import Editions, load_editions
from ..core.export import all_editions_csv, all_editions_json, download_schema, published_schema, to_csv, to_json
from ..core.report import LoadedReport, load_report
from ..core.schema import SCHEMA_DIR


def _signature(paths) -> tuple:
    """Which files there are and when each last changed: a cache key that an edit invalidates."""
    return tuple(sorted((str(p), p.stat().st_mtime_ns) for p in paths if p.is_file()))


class LoadedData:
    """Every edition of the project at `root`, and its downloads, each made again only when its files change."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._key: tuple | None = None
        self._editions: Editions | None = None
        self._per_edition: dict[str, tuple] = {}
        self._downloads: tuple | None = None

    def editions(self, include_drafts: bool = False) -> Editions:
        """Every edition (drafts only when the site shows them), loaded again only when data/ changes."""
        key = (_signature((self.root / "data").rglob("*")), include_drafts)
        if self._key != key:
            self._editions = load_editions(self.root, include_drafts=include_drafts, load=self._edition_loader())
            self._key = key
        return self._editions

    def _edition_loader(self):
        """Loads one edition, or returns it as loaded before if none of its files nor the shared ones
        (data/*.yaml, the engine's schemas) changed."""
        data = self.root / "data"
        shared = _signature(list(data.glob("*.yaml")) + list(SCHEMA_DIR.glob("*")))

        def load(root: Path, edition_id: str, published: bool) -> LoadedReport:
            key = (edition_id, published, shared, _signature((data / "editions" / edition_id).rglob("*")))
            if self._per_edition.get(edition_id, (None,))[0] != key:
                self._per_edition[edition_id] = (key, load_report(root, edition_id, published=published))
            return self._per_edition[edition_id][1]
        return load

    def downloads(self, all_editions: Editions) -> dict[str, bytes]:
        """The data downloads, made again only when the editions were loaded again."""
        if self._downloads is None or self._downloads[0] is not all_editions:
            data = all_editions.latest().data
            self._downloads = (all_editions, {
                "kpis.csv": to_csv(data), "kpis.json": to_json(data).encode("utf-8"),
                "kpis-all-editions.csv": all_editions_csv(all_editions),
                "kpis-all-editions.json": all_editions_json(all_editions).encode("utf-8")})
        return self._downloads[1]

    def write_downloads(self, all_editions: Editions, out: Path) -> None:
        """The language-neutral downloads and the data's schemas, into `out` (the site's data/)."""
        out.mkdir(parents=True, exist_ok=True)
        for name, content in self.downloads(all_editions).items():
            (out / name).write_bytes(content)
        # The downloads' columns are the plan's levels, their status codes the site's scheme's.
        latest = all_editions.latest().data
        for schema in sorted(SCHEMA_DIR.glob("*.json")):   # the engine's contracts, published with the data
            raw = schema.read_bytes()
            if schema.name.startswith("kpis"):
                raw = download_schema(raw, latest.report.levels)
            (out / schema.name).write_bytes(published_schema(raw, latest.scheme))
