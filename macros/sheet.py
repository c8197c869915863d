"""`python -m macros.sheet export FILE.xlsx` / `import FILE.xlsx`: the KPI workbook round trip.

The documented entry point; the work is done in macros/tools/sheet_export.py and sheet_import.py.
"""
from .tools.sheet_cli import main

if __name__ == "__main__":
    main()
