"""Everything that knows MkDocs, Python-Markdown or another MkDocs plugin; the only layer that may.

plugin.py       the MkDocs plugin (mkdocs.yml: sousei-report): every build event, its options, its state
page_macros.py  the macros pages call (mkdocs-macros), and the edition banner
loaded.py       the editions as loaded, reloaded when data/ changes, and the downloads
deferred.py     generated HTML carried past Markdown, put back after it; the search plugin sees an empty page
search_view.py  the search index's view of generated HTML
sections.py     a Markdown extension: section bodies, drawn lazily below the first screens
link_warnings.py, page_errors.py  MkDocs' and mkdocs-macros' errors as the project's one-line errors
assets.py       the plotly.js bundle and locale from npm, copied into the site
content_security_policy.py  the hashes of the theme's inline scripts and style attributes, into each page's policy
notice.py       the notices every build prints without failing --strict

Nothing in macros/core, macros/render or macros/tools imports from here (tests/test_architecture.py).
"""
