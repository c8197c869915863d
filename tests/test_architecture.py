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
