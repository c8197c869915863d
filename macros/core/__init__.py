"""Pure core: load and validate the data, the domain model, progress and status rules.

Nothing in this package imports MkDocs; it is used by the site build, the tests
and the benchmark alike.
"""
