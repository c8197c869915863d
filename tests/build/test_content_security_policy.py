"""Every built page carries one Content-Security-Policy meta tag, first in its head after charset,
whose script-src lists exactly the hashes of the page's own inline scripts and nothing unsafe."""
from __future__ import annotations

import re

from macros.glue.content_security_policy import inline_scripts, source_hash
from tests.conftest import TOP_LEVEL_PAGES

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def _directives(policy: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in policy.split("; ")}


def test_every_page_has_a_policy_covering_exactly_its_inline_scripts(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= TOP_LEVEL_PAGES and site / "404.html" in pages
    problems = []
    for path in pages:
        html = path.read_text(encoding="utf-8")
        rel = path.relative_to(site).as_posix()
        metas = META.findall(html)
        if len(metas) != 1:
            problems.append(f"{rel}: {len(metas)} CSP meta tags")
            continue
        head = html[:html.index("<meta http-equiv")]
        if not head.rstrip().endswith('<meta charset="utf-8">'):
            problems.append(f"{rel}: the CSP meta tag does not follow <meta charset> directly")
        policy = _directives(metas[0])
        scripts = policy["script-src"]
        if "'unsafe-inline'" in scripts or "'unsafe-eval'" in scripts or policy.get("default-src") != ["'none'"]:
            problems.append(f"{rel}: unsafe policy {metas[0]}")
        wanted = {source_hash(s) for s in inline_scripts(html)}
        if not wanted or set(scripts) != {"'self'"} | wanted:
            problems.append(f"{rel}: script-src {scripts} != 'self' + hashes of its {len(wanted)} inline scripts")
    assert not problems, "\n".join(problems[:20])
