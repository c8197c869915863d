"""Command-line tools for editors and maintainers. They use macros/core, never MkDocs."""
