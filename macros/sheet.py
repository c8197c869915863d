"""`make sheet` / `make import-sheet SHEET=FILE.xlsx` (.venv/bin/python -m macros.sheet export|import FILE.xlsx):
the KPI workbook round trip. The documented entry point; the work is done in macros/tools/sheet_export.py
and sheet_import.py.
"""
from .tools.sheet_cli import main

if __name__ == "__main__":
    main()
