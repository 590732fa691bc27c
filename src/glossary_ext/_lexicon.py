"""The glossary pages: French alphabetical order, a letter bar, "where used" backlinks."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from glossary_ext._texts import text

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator

    from glossary_ext._domain import Entry, GlossaryDomain, Use

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})


class glossary_letters(nodes.paragraph):  # noqa: N801 (docutils names nodes in lower case)
    """The letter bar: a paragraph, and in HTML a <nav> named in the page's language."""


def visit_glossary_letters(self: HTML5Translator, node: glossary_letters) -> None:
    self.body.append(self.starttag(node, "nav", "", **{"aria-label": node["label"]}))


def depart_glossary_letters(self: HTML5Translator, node: glossary_letters) -> None:
    self.body.append("</nav>\n")


def sort_key(name: str) -> tuple[str, str]:
    """Alphabetical order with accents and case ignored: enjeu < énergie < équipe."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_LIGATURES))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return bare.casefold(), name


def sort_glossaries(app: Sphinx, doctree: nodes.document) -> None:
    """Sort the entries of each ``:sorted:`` glossary the French way, and give a
    long one a bar of letters. Runs as the document is read."""
    for glossary in doctree.findall(addnodes.glossary):
        if not glossary.get("sorted"):
            continue
        for deflist in list(glossary.findall(nodes.definition_list)):
            items = sorted(deflist.children, key=lambda item: sort_key(item[0].astext()))
            deflist[:] = items
            if len(items) > app.config.glossary_letters_from:
                deflist.parent.insert(deflist.parent.index(deflist), _letter_bar(app, items))


def _letter_bar(app: Sphinx, items: Iterable[nodes.Element]) -> nodes.Element:
    """A link to the first entry of each initial letter."""
    bar = glossary_letters(classes=["glossary-letters"], label=text(app.config, "letters"))
    letters: dict[str, str] = {}
    for item in items:
        letter = sort_key(item[0].astext())[0][:1].upper()
        if letter.isalpha() and letter not in letters and item[0]["ids"]:
            letters[letter] = item[0]["ids"][0]
    for n, (letter, target) in enumerate(letters.items()):
        if n:
            bar += nodes.Text(" ")
        bar += nodes.reference(letter, letter, refid=target, internal=True)
    return bar


def reading_order(env: BuildEnvironment) -> list[str]:
    """The documents in the order a reader meets them: the toctrees, depth first."""
    order: list[str] = []
    stack = [env.config.root_doc]
    while stack:
        docname = stack.pop()
        if docname in order or docname not in env.all_docs:
            continue
        order.append(docname)
        stack.extend(reversed(env.toctree_includes.get(docname, [])))
    return order + sorted(set(env.all_docs) - set(order))


def add_backlinks(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """End each entry of this page's glossaries with "Used in:" and its links."""
    domain: GlossaryDomain = app.env.domains["glossary"]
    entries: list[Entry] = domain.data["entries"].get(docname, [])
    if not entries:
        return
    by_id = {entry.ids[0]: entry for entry in entries}
    # key -> page -> the uses on that page, pages in reading order
    uses: dict[str, dict[str, list[Use]]] = {entry.key: {} for entry in entries}
    for other in reading_order(app.env):
        if other == docname:
            continue  # the glossary's own page would only point at itself
        for use in domain.data["uses"].get(other, []):
            if use.key in uses:
                uses[use.key].setdefault(other, []).append(use)

    uris = {other: app.builder.get_relative_uri(docname, other) for other in app.env.all_docs}
    for item in doctree.findall(nodes.definition_list_item):
        entry = by_id.get(item[0]["ids"][0]) if item[0].get("ids") else None
        definitions = [child for child in item.children if isinstance(child, nodes.definition)]
        if entry is None or not uses[entry.key] or not definitions:
            continue
        definitions[-1] += _backlinks(app, uris, uses[entry.key])


def _backlinks(app: Sphinx, uris: dict[str, str], pages: dict[str, list[Use]]) -> nodes.paragraph:
    """Used in: Page (Section, Section), Page."""
    para = nodes.paragraph(classes=["glossary-backlinks"])
    para += nodes.Text(text(app.config, "used_in") + " ")
    for n, (other, uses) in enumerate(pages.items()):
        uri = uris[other]
        if n:
            para += nodes.Text(", ")
        para += nodes.reference(uses[0].page, uses[0].page, refuri=uri, internal=True)
        sections = [use for use in uses if use.section]
        for m, use in enumerate(sections):
            para += nodes.Text(" (" if m == 0 else ", ")
            para += nodes.reference(use.title, use.title, refuri=f"{uri}#{use.section}",
                                    internal=True)
        if sections:
            para += nodes.Text(")")
    para += nodes.Text(".")
    return para
