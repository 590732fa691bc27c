"""Definitions in place: each glossary link carries its term's definition.

The first sentence of the definition is written into the page at build time,
as escaped text right after the link, and tied to it with ``aria-describedby``.
CSS alone shows it on hover and focus; a few lines of JavaScript add tap and
Escape.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

    from glossary_ext._domain import GlossaryDomain

STATIC = Path(__file__).parent / "static"
LIMIT = 200  # characters: one sentence, four short lines at most
# The end of a sentence: its mark, then a space and a capital (not "etc. et").
_SENTENCE_END = re.compile(r"[.!?…](?=\s+[«“\"(]?\s?[A-ZÀ-ÖØ-ÞŒ])")


class glossary_term(nodes.inline):  # noqa: N801 (docutils names nodes in lower case)
    """A glossary link and its definition (HTML builders only)."""


def summary(text: str, limit: int = LIMIT) -> str:
    """The definition's first sentence, as one line, cut at a word when still too long.

    The gist, read at a glance; the link leads to the whole entry.
    """
    text = " ".join(text.split())
    if end := _SENTENCE_END.search(text):
        text = text[: end.end()]
    if len(text) <= limit:
        return text
    cut = text[:limit]
    return cut[: cut.rfind(" ")].rstrip(",;:—–-\u00a0\u202f ") + "…"


def add_definitions(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Wrap each glossary link, automatic or {term}, with its definition."""
    if app.builder.format != "html":
        return
    domain: GlossaryDomain = app.env.domains["glossary"]
    by_id = {anchor: entry for entry in domain.entries() for anchor in entry.ids}
    count = 0
    for ref in list(doctree.findall(nodes.reference)):
        inner = ref.children[0] if ref.children else None
        if not isinstance(inner, nodes.inline) or "std-term" not in inner["classes"]:
            continue
        entry = by_id.get(ref.get("refid") or ref.get("refuri", "").partition("#")[2])
        if entry is None or not entry.definition:
            continue
        count += 1
        wrapper = glossary_term(definition=summary(entry.definition),
                                tip=f"glossary-tip-{count}")
        ref.replace_self(wrapper)
        wrapper += ref


def visit_glossary_term(self: HTML5Translator, node: glossary_term) -> None:
    self.body.append('<span class="glossary-term">')
    node["first"] = len(self.body)


def depart_glossary_term(self: HTML5Translator, node: glossary_term) -> None:
    tip = node["tip"]
    for n in range(node["first"], len(self.body)):
        if self.body[n].startswith("<a "):
            self.body[n] = f'<a aria-describedby="{tip}" {self.body[n][3:]}'
            break
    self.body.append(
        f'<span class="glossary-tip" id="{tip}" role="tooltip">'
        f"{self.encode(node['definition'])}</span></span>"
    )


def register(app: Sphinx) -> None:
    app.add_node(glossary_term, html=(visit_glossary_term, depart_glossary_term))
    app.connect("builder-inited", _add_static_path)
    app.connect("html-page-context", _add_assets)


def compact(source: Path) -> str:
    """A CSS or JavaScript file without its comments and spaces.

    They are for whoever reads the sources here, not for every reader of the
    site to download. CSS loses every space it does not need; JavaScript its
    comment lines and indentation only.
    """
    text = source.read_text(encoding="utf-8")
    if source.suffix == ".js":
        return re.sub(r"^[ \t]*//.*\n|^[ \t]+", "", text, flags=re.MULTILINE)
    text = " ".join(re.sub(r"/\*.*?\*/", "", text, flags=re.DOTALL).split())
    text = re.sub(r" ?([{};,>]) ?", r"\1", text)
    return re.sub(r"([{;][-\w]+): ", r"\1:", text).replace(";}", "}").replace(" !", "!") + "\n"


def _add_static_path(app: Sphinx) -> None:
    """Serve the CSS and scripts, compacted."""
    if app.builder.format != "html":
        return
    served = Path(app.doctreedir, "glossary_ext_static")
    served.mkdir(parents=True, exist_ok=True)
    for source in sorted(STATIC.iterdir()):
        (served / source.name).write_text(compact(source), encoding="utf-8")
    app.config.html_static_path.append(str(served))


def _add_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Only the pages that have glossary links get the CSS and the script."""
    if doctree is not None and next(doctree.findall(glossary_term), None) is not None:
        app.add_css_file("glossary_ext.css")
        app.add_js_file("glossary_ext.js", defer="defer")
    elif pagename == "search":  # its excerpts come from the pages' HTML
        app.add_js_file("glossary_ext_search.js", defer="defer")
