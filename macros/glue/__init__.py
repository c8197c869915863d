"""Everything that knows MkDocs, Python-Markdown or another MkDocs plugin.

plugin.py    mkdocs-macros wiring: the macros pages call, the downloads
hooks.py     MkDocs hooks (mkdocs.yml: hooks): generated HTML back into pages, the search view
sections.py  a Markdown extension: section bodies drawn lazily
search_view.py, link_warnings.py, page_errors.py, assets.py

Nothing in macros/core or macros/render imports from here.
"""
