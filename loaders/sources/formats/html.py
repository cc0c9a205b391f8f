"""A saved web page's main text and headings, with selectolax (docs/extraction.md says why).

What a page shows around its article is dropped first: scripts and styles, navigation, the
site's header and footer, sidebars, forms, dialogs, and anything whose role, id or class says
it is a menu, a breadcrumb, a share bar or a cookie or consent banner. The text then comes
from ``<main>`` (or the one ``<article>``, or the body) as one block per heading, paragraph,
list item and table row; headings are marked ``#`` to ``######`` by level, so each passage
knows the heading path above it (:mod:`loaders.sources.located`). A page with no text left
outside its headings (only navigation) is refused.
"""

from __future__ import annotations

import re
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from kgraph.errors import CorpusError
from loaders.sources.cleaning import fold, normalise_glyphs

LIBRARY = "selectolax"
#: A page with fewer words than this outside its headings is navigation, not an article.
MIN_WORDS = 15

_DROP_TAGS = ("script, style, noscript, template, svg, nav, aside, form, button, iframe, dialog, "
              "select, input, textarea, label, object, canvas, map, head")  # fmt: skip
_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search", "dialog",
                    "alertdialog", "menu", "menubar", "toolbar"})  # fmt: skip
_CHROME = re.compile(
    r"(?:^|[-_])(?:cookies?|consent|gdpr|cmp|onetrust|cookiebot|breadcrumbs?|skip(?:link)?|"
    r"share|sharing|social|some|newsletter|navbar|nav|navigation|menu|sidebar|footer|modal|"
    r"popup)(?:$|[-_])",
    re.IGNORECASE,
)
_KEEP = frozenset({"html", "body", "main", "article"})
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_BLOCKS = frozenset({"p", "div", "section", "article", "main", "ul", "ol", "dl", "dt", "dd",
                     "blockquote", "pre", "figure", "figcaption", "address", "hr", "br",
                     "table", "thead", "tbody", "tfoot", "caption", "details", "summary",
                     "header", "footer"})  # fmt: skip
_CHARSET = re.compile(rb"charset=[\"']?([\w-]+)", re.IGNORECASE)


def read(path: Path, data: bytes) -> tuple[str, str | None]:
    """The page's main text (blocks apart, headings marked) and its ``<title>``."""
    tree = LexborHTMLParser(_decode(data))
    title_node = tree.css_first("title")
    title = fold(title_node.text()) if title_node is not None else ""
    root = _strip(tree)
    blocks = _Blocks()
    if root is not None:
        blocks.walk(root)
    words = sum(len(b.split()) for b in blocks.out if not b.startswith("#"))
    if words < MIN_WORDS:
        raise CorpusError(
            str(path),
            f"the page holds no article text: only navigation, menus or notices "
            f"({words} words outside them)",
        )
    return normalise_glyphs("\n\n".join(blocks.out)) + "\n", title or None


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        declared = _CHARSET.search(data[:4096])
        try:
            return data.decode(declared[1].decode("ascii") if declared else "cp1252", "replace")
        except LookupError:
            return data.decode("cp1252", "replace")


def _strip(tree: LexborHTMLParser) -> LexborNode | None:
    """Drop the page's chrome; the node the article is in."""
    for node in tree.css(_DROP_TAGS):
        node.decompose()
    for node in tree.css("header, footer"):
        if not _inside(node, {"article", "main"}):
            node.decompose()
    for node in tree.css("[role], [id], [class], [hidden], [aria-hidden], [aria-modal]"):
        if node.tag not in _KEEP and _is_chrome(node):
            node.decompose()
    main = tree.css_first("main, [role=main]")
    articles = tree.css("article")
    return main or (articles[0] if len(articles) == 1 else tree.body)


def _inside(node: LexborNode, tags: set[str]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag in tags:
            return True
        parent = parent.parent
    return False


def _is_chrome(node: LexborNode) -> bool:
    attrs = node.attributes
    if "hidden" in attrs or attrs.get("aria-hidden") == "true" or attrs.get("aria-modal"):
        return True
    if (attrs.get("role") or "").lower() in _ROLES:
        return True
    tokens = (attrs.get("class") or "").split() + (attrs.get("id") or "").split()
    return any(_CHROME.search(token) for token in tokens)


class _Blocks:
    """The blocks of the text, in order: ``## heading``, ``• item``, a row ``a | b``, text."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self._buf: list[str] = []
        self._prefix = ""

    def flush(self) -> None:
        text = fold("".join(self._buf))
        if text:
            self.out.append(self._prefix + text)
        self._buf, self._prefix = [], ""

    def walk(self, node: LexborNode) -> None:
        for child in node.iter(include_text=True):
            tag = child.tag or ""
            if tag == "-text":
                self._buf.append(child.text_content or "")
            elif tag in _HEADINGS:
                self.flush()
                text = fold(child.text(separator=" "))
                if text:
                    self.out.append("#" * _HEADINGS[tag] + " " + text)
            elif tag == "tr":
                self.flush()
                cells = [fold(c.text(separator=" ")) for c in child.css("td, th")]
                if any(cells):
                    self.out.append(" | ".join(c for c in cells if c))
            elif tag == "li":
                self.flush()
                self._prefix = "• "
                self.walk(child)
                self.flush()
            elif tag in _BLOCKS:
                self.flush()
                self.walk(child)
                self.flush()
            elif not tag.startswith("-"):
                self.walk(child)  # inline: a, b, i, span, em, strong, ...
