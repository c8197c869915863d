"""The site engine: an MkDocs plugin (glue/plugin.py, mkdocs.yml: plugins: sousei-report) and the
macros pages call, which mkdocs-macros loads from this package (module_name: macros).

core/    load → check (schema) → build the model → compute → notes → export; pure Python, no MkDocs
render/  model → HTML and Markdown fragments (Jinja templates, autoescaped); no MkDocs
glue/    everything that knows MkDocs, Markdown or another plugin: wires core and render into pages
tools/   command-line tools (python -m macros.translations …), without MkDocs

tests/test_architecture.py holds these layers to it.

define_env imports glue/ lazily, so `import macros.core` never pulls in MkDocs.
"""


def define_env(env):
    """mkdocs-macros' entry point: the macros pages may call (glue/page_macros.py)."""
    from .glue.page_macros import define_env as _define_env
    return _define_env(env)


def on_pre_page_macros(env):
    """mkdocs-macros' hook before a page is rendered (glue/page_macros.py)."""
    from .glue.page_macros import on_pre_page_macros as _on_pre_page_macros
    return _on_pre_page_macros(env)
