"""Rendering: model → HTML/Markdown fragments for pages (Jinja templates with autoescape, plotly figures).

No MkDocs here (tests/test_architecture.py): the fragments are plain strings that glue/ puts into pages.
"""
