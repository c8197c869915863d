"""Everything that knows MkDocs, Python-Markdown or another MkDocs plugin; the only layer that may.

plugin.py       mkdocs-macros wiring: the macros pages call, the checks at start-up, the downloads
hooks.py        MkDocs hooks (mkdocs.yml: hooks): the Markdown extension, the link warnings, the
                deferred HTML put back, the theme's compiled templates kept between builds
deferred.py     generated HTML carried past Markdown, put back after it; the search plugin sees an empty page
search_view.py  the search index's view of generated HTML
preview.py      what the live preview (`mkdocs serve`) leaves out, and PREVIEW_FULL
sections.py     a Markdown extension: section bodies, drawn lazily below the first screens
link_warnings.py, page_errors.py  MkDocs' and mkdocs-macros' errors as the project's one-line errors
assets.py       the plotly.js bundle and locale from npm, copied into the site
upstream.py     the exact versions of other packages that the modules above rely on beyond their API
notice.py       the notices every build prints without failing --strict

Nothing in macros/core, macros/render or macros/tools imports from here (tests/test_architecture.py).
"""
