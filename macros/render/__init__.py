"""Rendering: model → HTML/Markdown fragments for pages (Jinja templates with autoescape)."""
