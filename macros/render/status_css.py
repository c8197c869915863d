"""The status colours of a site whose scheme is not the one overrides/assets/stylesheets/site.css styles.

site.css and print.css style the four built-in categories (achieved, improved, unchanged, worse) with
their colours. Any other scheme, or those four recoloured, gets this stylesheet too, made from the
scheme's own colours (contrast-checked in core/status_schemes.py): the same rules, one per category.
"""
from __future__ import annotations

from ..core.status_schemes import FOUR, Scheme

PATH = "assets/stylesheets/status-scheme.css"


def needs_stylesheet(scheme: Scheme) -> bool:
    return scheme.categories != FOUR


def stylesheet(scheme: Scheme) -> str:
    cats = scheme.categories
    variables = "\n".join(f"  --st-{c.id}: {c.colour}; --st-{c.id}-bg: {c.background}; --st-{c.id}-fg: {c.text};"
                          for c in cats)
    rules = []
    for c in cats:
        v = f"var(--st-{c.id})"
        rules.append(f".md-typeset .kpi-status--{c.id} {{ background: var(--st-{c.id}-bg); color: var(--st-{c.id}-fg); }}")
        rules.append(f".kpi-bar__fill--{c.id}, .md-typeset .bar-chart__fill.kpi-bar__fill--{c.id}, "
                     f".md-typeset .print-chart__fill.kpi-bar__fill--{c.id} {{ background: {v}; }}")
    rows = "\n".join(f"  .md-typeset .kpi-grid .kpi-row--{c.id} {{ border-left-color: var(--st-{c.id}); }}" for c in cats)
    # The chart key's bar shows every category's colour in equal parts, in the scheme's order.
    step = 100 / len(cats)
    stops = ", ".join(f"var(--st-{c.id}) {i * step:.4g}% {(i + 1) * step:.4g}%" for i, c in enumerate(cats))
    return (f"/* Status colours of the scheme '{scheme.name}' (data/site.yaml), generated. */\n"
            f":root {{\n{variables}\n}}\n" + "\n".join(rules) + "\n"
            f"@container (max-width: 37.5em) {{\n{rows}\n}}\n"
            f".md-typeset .chart-key__bar {{ background: linear-gradient(90deg, {stops}); }}\n")
