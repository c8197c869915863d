"""The site engine. mkdocs-macros loads this package (module_name: macros).

core/    load → check (schema) → build the model → compute → notes → export; pure Python, no MkDocs
render/  model → HTML and Markdown fragments (Jinja templates, autoescaped); no MkDocs
glue/    everything that knows MkDocs, Markdown or another plugin: wires core and render into pages
tools/   command-line tools (python -m macros.translations …), without MkDocs

tests/test_architecture.py holds these layers to it.

The functions below are mkdocs-macros' entry points; they import glue/ lazily,
so `import macros.core` never pulls in MkDocs.
"""


def define_env(env):
    from .glue.plugin import define_env as _define_env
    return _define_env(env)


def on_pre_page_macros(env):
    from .glue.plugin import on_pre_page_macros as _on_pre_page_macros
    return _on_pre_page_macros(env)


def on_post_page_macros(env):
    from .glue.plugin import on_post_page_macros as _on_post_page_macros
    return _on_post_page_macros(env)


def on_post_build(env):
    from .glue.plugin import on_post_build as _on_post_build
    return _on_post_build(env)
