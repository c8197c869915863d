"""Generated HTML carried past Markdown, and the two copies of each page made from it.

Why: Python-Markdown re-parses raw HTML blocks tag by tag, which was most of the build time for
large reports. So a macro does not put its HTML into the page: `defer()` keeps it and leaves a
plain-text token, and once Markdown has converted the page the tokens are replaced again.

Each fragment is kept twice: as readers get it, and as the search index is shown it (without its
`data-search-exclude` parts, see search_view.py). A page therefore has two copies too. The search
plugin reads `page.content` in its `on_page_context`, so the order over one page is:

  1. macros call `defer(html)`                      (mkdocs-macros, on_page_markdown)
  2. `after_markdown(page, html)` → search copy     (hooks.on_page_content; the readers' copy is kept)
  3. the search plugin indexes page.content         (on_page_context, priority 0)
  4. `before_theme(page)` → readers' copy           (hooks.on_page_context, priority -100)

Everything lives on one `DeferredHtml` object, `PAGES`, which hooks.on_pre_build resets at the
start of every build (each language is a build of its own): nothing from a failed build or from
the other language is carried over.

What can go wrong, and what happens then:
- a page that skipped a step (a plugin that renders pages itself, a build that stopped half-way):
  nothing is kept for it and its content is left as it is; no KeyError.
- a token that is not ours (a page that happens to contain the text): left as it is.
- another plugin changed `page.content` between steps 2 and 4: its change is kept, not silently
  overwritten, and a warning (which fails a strict build) names the page, because the readers'
  copy with the tables and charts could not be put back.
"""
from __future__ import annotations

import itertools
import logging
import re
from typing import Callable

from markupsafe import Markup

from .search_view import without_search_excluded

log = logging.getLogger("mkdocs.plugins.minereport.deferred")

# A literal start: the regular expression engine skips ahead to it (fast on long pages).
TOKEN = re.compile(r"(MINEHTML\d{8}Z)")


def _same(text: str) -> str:
    return text


class DeferredHtml:
    """The fragments deferred while pages are converted, and each page's two copies, for one build."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        """Forget everything: called at the start of each build."""
        self._fragments: dict[str, tuple[str, str]] = {}
        self._serial = itertools.count()
        # page url → (readers' copy, search copy as handed to the search plugin)
        self._pages: dict[str, tuple[str, str]] = {}

    def defer(self, html: Markup) -> str:
        """A token for the fragment, in a paragraph of its own, to put into the Markdown instead of it."""
        token = f"MINEHTML{next(self._serial):08d}Z"
        self._fragments[token] = (str(html), without_search_excluded(str(html)))
        return f"\n\n{token}\n\n"

    def restore(self, html: str) -> tuple[str, str]:
        """The converted page with its fragments put back: (for readers, for the search index).

        Each fragment is used once. A token we do not hold is left in the text as it is.
        """
        pieces = TOKEN.split(html)            # text, token, text, token, …, text
        full, search = pieces[:], pieces[:]
        for i in range(1, len(pieces), 2):
            views = self._fragments.pop(pieces[i], None)
            if views is None:
                continue
            # Markdown made each token a paragraph of its own: the fragment replaces the paragraph.
            if pieces[i - 1].endswith("<p>") and pieces[i + 1].startswith("</p>"):
                for copy in (full, search):
                    copy[i - 1], copy[i + 1] = copy[i - 1][:-3], copy[i + 1][4:]
            full[i], search[i] = views
        return "".join(full), "".join(search)

    def after_markdown(self, page, html: str, readers: Callable[[str], str] = _same,
                       search: Callable[[str], str] = _same) -> str:
        """Step 2: keep the readers' copy of the page and return the search copy.

        `readers` and `search` finish each copy (e.g. the section bodies, the permalinks).
        """
        full, cut = self.restore(html)
        full, cut = readers(full), search(cut)
        self._pages[page.url] = (full, cut)
        return cut

    def before_theme(self, page) -> None:
        """Step 4: the search plugin has read the search copy; readers get theirs."""
        kept = self._pages.pop(page.url, None)
        if kept is None:
            return
        full, handed = kept
        if page.content is handed or page.content == handed:
            page.content = full
            return
        log.warning("docs/%s: 別のプラグインが変換後のページを書き換えたため、表とグラフを戻せません — "
                    "mkdocs.yml のプラグインを確認してください / another plugin changed the page after "
                    "Markdown, so its tables and charts cannot be put back — check the plugins in mkdocs.yml",
                    page.file.src_path)


PAGES = DeferredHtml()


def defer(html: Markup) -> str:
    """Module-level shorthand for PAGES.defer (what the macros call)."""
    return PAGES.defer(html)


def restore(html: str) -> tuple[str, str]:
    """Module-level shorthand for PAGES.restore."""
    return PAGES.restore(html)
