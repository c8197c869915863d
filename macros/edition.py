"""`make new-edition`, `make publish-edition`, `make correct`, `make check` (.venv/bin/python -m
macros.edition new|publish|correct|check|fingerprint): the editions of the report.

The documented entry point; the work is done in macros/tools/edition_cli.py.
"""
import sys

from .tools.edition_cli import main

if __name__ == "__main__":
    sys.exit(main())
