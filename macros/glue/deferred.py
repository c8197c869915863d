"""Generated HTML carried past Markdown, and put back once Markdown has converted the page.

Why: Python-Markdown re-parses raw HTML blocks tag by tag, which was most of the build time for
large reports. So a macro does not put its HTML into the page: `defer()` keeps it and leaves a
plain-text token, and once Markdown has converted the page the tokens are replaced again.

The search plugin is shown a page with nothing in it. The per-language search index is made after
the build from the built pages themselves (search_index.py), so parsing the whole page for Material's
own index, which is then emptied, was wasted: a sixth of a live-preview rebuild. Material still
records the page (so a page's `search: exclude` still holds) and writes its search configuration.
The search plugin reads `page.content` in its `on_page_context`, so the order over one page is:

  1. macros call `defer(html)`                        (mkdocs-macros, on_page_markdown)
  2. `after_markdown(page, html)` → the empty page    (plugin.on_page_content; the readers' page is kept)
  3. the search plugin records the page               (on_page_context, priority 0)
  4. `before_theme(page)` → the readers' page         (plugin.on_page_context, priority -1000)

Everything lives on one `DeferredHtml` object, which the plugin (glue/plugin.py) makes afresh at the
start of every build (each language is a build of its own): nothing from a failed build or from
the other language is carried over. A fragment (render/renderer.py `Fragment`) may name the anchors
it defines and its own search results (the KPIs): the page's readers are told the fragments put back,
and nobody reads them back out of the HTML.

What can go wrong, and what happens then:
- a page that skipped a step (a plugin that renders pages itself, a build that stopped half-way):
  nothing is kept for it and its content is left as it is; no KeyError.
- a token that is not ours (a page that happens to contain the text): left as it is.
- another plugin changed `page.content` between steps 2 and 4: its change is kept, not silently
  overwritten, and a warning (which fails a strict build) names the page, because the readers'
  page with the tables and charts could not be put back.
"""
from __future__ import annotations

import itertools
import logging
import re
from typing import Callable

from markupsafe import Markup

from ..render.renderer import Fragment

log = logging.getLogger("mkdocs.plugins.minereport.deferred")

# A literal start: the regular expression engine skips ahead to it (fast on long pages).
TOKEN = re.compile(r"(MINEHTML\d{8}Z)")

# What the search plugin is shown of each page: one empty section, so that it records the page.
SEARCH_STUB = "<p></p>"


def _same(text: str, put_back: list[Fragment]) -> str:
    return text


class DeferredHtml:
    """The fragments deferred while pages are converted, and each finished page, for one build."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        """Forget everything: called at the start of each build."""
        self._fragments: dict[str, Fragment] = {}
        self._serial = itertools.count()
        # page url → (readers' page, the page as handed to the search plugin)
        self._pages: dict[str, tuple[str, str]] = {}

    def defer(self, fragment: Markup | Fragment) -> str:
        """A token for the fragment (HTML, or a Fragment with its anchors and search results), in a
        paragraph of its own, to put into the Markdown instead of it."""
        token = f"MINEHTML{next(self._serial):08d}Z"
        self._fragments[token] = fragment if isinstance(fragment, Fragment) else Fragment(Markup(fragment))
        return f"\n\n{token}\n\n"

    def restore(self, html: str, put_back: list[Fragment] | None = None) -> str:
        """The converted page with its fragments put back (each added to `put_back`, in page order).

        Each fragment is used once. A token we do not hold is left in the text as it is.
        """
        pieces = TOKEN.split(html)            # text, token, text, token, …, text
        for i in range(1, len(pieces), 2):
            fragment = self._fragments.pop(pieces[i], None)
            if fragment is None:
                continue
            # Markdown made each token a paragraph of its own: the fragment replaces the paragraph.
            if pieces[i - 1].endswith("<p>") and pieces[i + 1].startswith("</p>"):
                pieces[i - 1], pieces[i + 1] = pieces[i - 1][:-3], pieces[i + 1][4:]
            pieces[i] = str(fragment.html)
            if put_back is not None:
                put_back.append(fragment)
        return "".join(pieces)

    def after_markdown(self, page, html: str, readers: Callable[[str, list[Fragment]], str] = _same) -> str:
        """Step 2: keep the readers' page (finished by `readers`, which is told the fragments put back)
        and return what the search plugin sees."""
        put_back: list[Fragment] = []
        full = self.restore(html, put_back)
        self._pages[page.url] = (readers(full, put_back), SEARCH_STUB)
        return SEARCH_STUB

    def before_theme(self, page) -> None:
        """Step 4: the search plugin has recorded the page; readers get theirs."""
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
