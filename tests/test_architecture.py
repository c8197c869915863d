"""The layers of macros/, read from the source with ast (nothing is imported).

core/    pure Python: the standard library plus YAML and JSON Schema, which read and check data/.
         No web, template or site-generator package: the rules can be tested, reused and moved to
         another generator without MkDocs, Markdown, Jinja or a theme.
render/  model → HTML: core plus the template engine and plotly; nothing that knows MkDocs.
tools/   command-line tools on core: nothing that knows MkDocs.
glue/    the only layer that may import MkDocs, Markdown or another plugin.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

MACROS = Path(__file__).resolve().parents[1] / "macros"

CORE_MAY_USE = {"yaml", "jsonschema"}
SITE_GENERATOR = ("mkdocs", "markdown", "material", "pymdownx", "mkdocs_macros", "mkdocs_static_i18n")


def imports(path: Path) -> set[str]:
    """Absolute module names a file imports (relative imports resolved against macros/)."""
    package = path.relative_to(MACROS.parent).with_suffix("").parts[:-1]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = list(package[:len(package) - node.level + 1]) if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            names |= {module} if node.module else {f"{module}.{a.name}" for a in node.names}
    return names


def layer(name: str) -> list[tuple[str, set[str]]]:
    return [(p.relative_to(MACROS.parent).as_posix(), imports(p)) for p in sorted((MACROS / name).rglob("*.py"))]


def top(module: str) -> str:
    return module.split(".")[0]


def is_stdlib(module: str) -> bool:
    import sys
    return top(module) in sys.stdlib_module_names or module == "__future__"


def test_the_import_reader_sees_relative_and_absolute_imports():
    found = imports(MACROS / "glue" / "plugin.py")
    assert "mkdocs.exceptions" in found and "macros.core.register" in found and "macros.glue.deferred" in found


@pytest.mark.parametrize("path, names", layer("core"))
def test_core_is_pure(path, names):
    foreign = {n for n in names if not is_stdlib(n) and not n.startswith("macros.core") and top(n) not in CORE_MAY_USE}
    assert not foreign, f"{path} imports {sorted(foreign)}: core/ uses only the standard library, yaml and jsonschema"


@pytest.mark.parametrize("path, names", layer("render"))
def test_render_knows_nothing_of_mkdocs_or_the_glue(path, names):
    bad = {n for n in names if top(n) in SITE_GENERATOR or n.startswith(("macros.glue", "macros.tools"))}
    assert not bad, f"{path} imports {sorted(bad)}: render/ turns the model into HTML without MkDocs"


@pytest.mark.parametrize("path, names", layer("tools"))
def test_tools_do_not_need_mkdocs(path, names):
    bad = {n for n in names if top(n) in SITE_GENERATOR or n.startswith("macros.glue")}
    assert not bad, f"{path} imports {sorted(bad)}: command-line tools work on core/ alone"


def test_only_glue_imports_mkdocs_markdown_or_another_plugin():
    outside = [(p.relative_to(MACROS.parent).as_posix(), n) for p in sorted(MACROS.rglob("*.py"))
               if "glue" not in p.relative_to(MACROS).parts for n in imports(p) if top(n) in SITE_GENERATOR]
    assert not outside, outside


# The engine's own files: what a site takes from the engine when it updates. The town lives in its data/ and docs/.
ENGINE = ("macros", "overrides", "Makefile", ".github", "package.json")


def _municipal_words(root: Path) -> list[re.Pattern]:
    """The site's names as data/site.yaml gives them, and their short forms (美祢市 → 美祢, Mine City → Mine)."""
    from macros.core.site import load_site
    site = load_site(root)
    words = {site.municipality.ja, site.municipality.ja.rstrip("市町村区"), site.pdf_name}
    if site.municipality.en:
        words |= {site.municipality.en, site.municipality.en.split()[0]}
    return [re.compile(rf"(?<![A-Za-z]){re.escape(w)}(?![A-Za-z])") for w in words if w]


def _engine_text_files(root: Path):
    for name in ENGINE:
        for path in ([root / name] if (root / name).is_file() else sorted((root / name).rglob("*"))):
            if path.is_file() and "__pycache__" not in path.parts:
                try:
                    yield path, path.read_text(encoding="utf-8")
                except UnicodeDecodeError:   # a font or an image
                    continue


def test_nothing_municipal_in_the_engine():
    """No file of the engine names the town (comments and docstrings included): it learns it from data/site.yaml.
    The engine's own example town (macros/scaffold/answers.example.yaml) is the engine's: a site made from
    the example as it is has nothing to check."""
    root = MACROS.parent
    example = (MACROS / "scaffold" / "answers.example.yaml").read_text(encoding="utf-8")
    names = _municipal_words(root)
    assert len(names) >= 3   # its name in Japanese, short and long, its PDF name (and its English names)
    words = [w for w in names if not w.search(example)]   # a site may share some of the example's names
    if not words:
        pytest.skip("this site is the engine's example town")
    found = [f"{path.relative_to(root)}:{n}: {w.pattern}" for path, text in _engine_text_files(root)
             for n, line in enumerate(text.splitlines(), 1) for w in words if w.search(line)]
    assert not found, "\n".join(found)
