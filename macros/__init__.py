"""The site engine. mkdocs-macros loads this package (module_name: macros).

core/    load → validate → model → compute (pure Python, no MkDocs)
render/  model → HTML and Markdown fragments (Jinja templates, autoescaped)
plugin.py wires both into pages; it is imported only by the hooks below,
so `import macros.core` never pulls in MkDocs.
"""


def define_env(env):
    from .plugin import define_env as _define_env
    return _define_env(env)


def on_post_build(env):
    from .plugin import on_post_build as _on_post_build
    return _on_post_build(env)
