"""`make stamp PAGES=docs/x.en.md` (.venv/bin/python -m macros.translations --stamp docs/x.en.md): the
documented entry point (macros/tools/translations.py)."""
from .tools.translations import main

if __name__ == "__main__":
    main()
