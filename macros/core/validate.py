"""Kept so that `from macros.core.validate import …` goes on working: the checks now live in two modules,
schema.py (JSON Schema validation) and builder.py (the typed model, with the rules across records)."""
from .builder import Builder, build_context, build_meta  # noqa: F401
from .schema import check_schema, inline_refs  # noqa: F401
