"""macros/glue/plugin.py on_post_build: a missing front-end package is one line, never a traceback."""
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from macros.core.errors import DataError, problem
from macros.glue import plugin


def test_missing_asset_package_is_a_one_line_plugin_error(tmp_path, monkeypatch):
    def missing(root, site):
        raise DataError("node_modules", None, "minisearch", problem("ない", "missing", "npm ci", "run npm ci"))
    monkeypatch.setattr(plugin.assets, "copy_assets", missing)
    mkdocs_yml = Path(__file__).resolve().parents[2] / "mkdocs.yml"   # the site: the project's own
    env = SimpleNamespace(conf={"site_dir": str(tmp_path), "config_file_path": str(mkdocs_yml),
                                "theme": {"language": "ja"}, "extra": {}})
    with pytest.raises(PluginError) as info:
        plugin.on_post_build(env)
    assert str(info.value).startswith("node_modules: minisearch: ない — npm ci / missing — run npm ci")
    assert (tmp_path / "data" / "kpis.csv").is_file()   # the downloads were written before the assets
    assert (tmp_path / "data" / "kpis-all-editions.csv").is_file()
