"""The engine finds the site from its mkdocs.yml, not from where the engine's files are."""
from pathlib import Path

from macros.glue.plugin import site_root


def test_the_site_is_the_folder_of_its_mkdocs_yml(tmp_path):
    (tmp_path / "town").mkdir()
    assert site_root({"config_file_path": str(tmp_path / "town" / "mkdocs.yml")}) == (tmp_path / "town").resolve()
    assert site_root({"config_file_path": str(tmp_path / "town" / ".." / "town" / "mkdocs.yml")}) == \
        (tmp_path / "town").resolve()
    assert site_root({"config_file_path": "mkdocs.yml"}) == Path.cwd().resolve()
