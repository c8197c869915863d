"""Pure core: load and check the data, build the domain model, progress and status rules, notes, export.

It imports only the standard library, yaml and jsonschema (tests/test_architecture.py): no MkDocs,
Markdown, templates or theme, so the rules can be used by the site build, the tools, the tests and
the benchmark alike, and would move unchanged to another site generator.
"""
