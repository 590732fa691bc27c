"""The glossary pages: French alphabetical order, a letter bar, "where used" backlinks."""

from __future__ import annotations

import unicodedata
from itertools import compress
from operator import not_
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from docutils import nodes
from docutils.writers.html5_polyglot import HTMLTranslator
from sphinx import addnodes
from sphinx.errors import NoUri

from glossary_ext._texts import text
from glossary_ext._tooltips import escapers, writes_links_as_sphinx

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator

    from glossary_ext._domain import GlossaryDomain, Use

    # ((page title, uri, (use, ...)), ...): each page that uses a term, and its
    # uses that name a section; made as they are written (see Backlinks).
    Links = tuple[tuple[str, str, tuple[Use, ...]], ...]

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
    # The letters without their accents (a loop in C: a lexicon has thousands of names).
    bare = "".join(compress(decomposed, map(not_, map(unicodedata.combining, decomposed))))
    return bare.casefold(), name


def glossary_lists(glossary: addnodes.glossary) -> list[nodes.definition_list]:
    """A glossary's definition lists, whose items are its entries: its own
    children, as Sphinx makes it (a search of its whole tree would walk
    every definition)."""
    return [child for child in glossary.children if isinstance(child, nodes.definition_list)]


def glossary_items(glossary: addnodes.glossary) -> Iterator[nodes.Element]:
    """A glossary's entries (definition list items)."""
    for deflist in glossary_lists(glossary):
        yield from deflist.children


def sort_glossaries(app: Sphinx, glossaries: Iterable[addnodes.glossary]) -> None:
    """Sort the entries of each ``:sorted:`` glossary the French way, and give a
    long one a bar of letters. Runs as the document is read."""
    for glossary in glossaries:
        if not glossary.get("sorted"):
            continue
        for deflist in glossary_lists(glossary):
            keyed = sorted(((sort_key(item[0].astext()), item) for item in deflist.children),
                           key=lambda pair: pair[0])
            deflist[:] = [item for _, item in keyed]
            if len(keyed) > app.config.glossary_letters_from:
                deflist.parent.insert(deflist.parent.index(deflist), _letter_bar(app, keyed))


def _letter_bar(
    app: Sphinx, keyed: Iterable[tuple[tuple[str, str], nodes.Element]]
) -> nodes.Element:
    """A link to the first entry of each initial letter (entries with their sort keys)."""
    bar = glossary_letters(classes=["glossary-letters"], label=text(app.config, "letters"))
    letters: dict[str, str] = {}
    for key, item in keyed:
        letter = key[0][:1].upper()
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
    """End each glossary entry with "Used in:" and its links.

    A builder that assembles one document (singlehtml, latex, texinfo) resolves
    only its root: its included pages are found by their ``start_of_file``.
    """
    domain: GlossaryDomain = app.env.domains["glossary"]
    if app.builder.name == "man":  # its links print their address: "Accueil <#…>"
        return
    if docname not in domain.data["entries"] and not hasattr(app.builder, "assemble_doctree"):
        return  # no glossary here
    lexicon = domain.lexicon
    items = [
        (item, key)
        for glossary, doc in _glossaries(doctree, docname)
        for item in glossary_items(glossary)
        if item[0].get("ids") and (key := lexicon.by_anchor.get((doc, item[0]["ids"][0])))
    ]
    if not items:
        return
    # Which entries get one. HTML makes their links again as it writes them,
    # rather than hold them until then: with -j, Sphinx's main process holds a
    # whole batch of pages until the batch is written.
    used = Backlinks(app.env, app.builder, docname)
    for item, key in items:
        definitions = [child for child in item.children if isinstance(child, nodes.definition)]
        if key in used.pages and definitions:
            definitions[-1] += (
                glossary_backlinks("", key, docname) if app.builder.format == "html"
                else _references(app.config, used.take(key))
            )


class Backlinks:
    """Where the terms are used, as one page links to them: each page in
    reading order, with its address and title, and the uses it holds."""

    def __init__(self, env: BuildEnvironment, builder: Builder, docname: str) -> None:
        domain: GlossaryDomain = env.domains["glossary"]
        entries = domain.lexicon.entries
        # key -> page -> the uses on that page, pages in reading order
        self.pages: dict[str, dict[str, list[Use]]] = {}
        self.uris: dict[str, str] = {}
        self.titles: dict[str, str] = {}
        unreachable: set[str] = set()
        for other in reading_order(env):
            for use in domain.data["uses"].get(other, []):
                entry = entries.get(key := use[0])
                # The glossary's own page would only point at itself.
                if entry is None or other == entry.docname or other in unreachable:
                    continue
                if other not in self.uris:
                    try:
                        uri = builder.get_relative_uri(docname, other)
                    except NoUri:  # a page outside the book (latex, texinfo)
                        unreachable.add(other)
                        continue
                    # singlehtml marks each page it includes with an anchor, but not
                    # its root, which is the top of the page.
                    if other == env.config.root_doc and uri.startswith("#"):
                        uri = "#"
                    self.uris[other], self.titles[other] = uri, page_title(env, other)
                self.pages.setdefault(key, {}).setdefault(other, []).append(use)

    def take(self, key: str) -> Links:
        """The pages that use a term, each with its title, its address and the
        sections that use it; let go once taken, as the lexicon is written."""
        return tuple(
            (self.titles[other], self.uris[other], tuple(use for use in uses if use[1]))
            for other, uses in self.pages.pop(key, {}).items()
        )


def _glossaries(node: nodes.Element, docname: str) -> Iterator[tuple[addnodes.glossary, str]]:
    """The glossaries in a tree that may assemble several documents, each with its own.

    From the top down: the assembled children keep their first parent.
    """
    for child in node.children:
        if isinstance(child, addnodes.glossary):
            yield child, docname
        elif isinstance(child, addnodes.start_of_file):
            yield from _glossaries(child, child["docname"])
        elif isinstance(child, nodes.Element):
            yield from _glossaries(child, docname)


def page_title(env: BuildEnvironment, docname: str) -> str:
    """The page's title as Sphinx knows it; its name when it has none."""
    title = env.titles[docname].astext() if docname in env.titles else ""
    # Sphinx's own stand-in for a page without a title, in English.
    return title if title and title != "<no title>" else docname


def _sections(uri: str, uses: tuple[Use, ...]) -> Iterator[tuple[str, str]]:
    """Each section's title and address."""
    # In a single page (singlehtml) the page is itself an anchor: one
    # anchor after another ("#document-x#section") would lead nowhere.
    base = "" if uri.startswith("#") else uri
    for _, section, title in uses:
        yield title or section, f"{base}#{section}"  # a title of images only


def _references(config: Config, links: Links) -> nodes.paragraph:
    """The paragraph of references, as every builder but HTML gets it."""
    para = _paragraph()
    para += nodes.Text(text(config, "used_in") + " ")
    for n, (title, uri, uses) in enumerate(links):
        if n:
            para += nodes.Text(", ")
        para += nodes.reference(title, title, refuri=uri, internal=True)
        for m, (section, target) in enumerate(_sections(uri, uses)):
            para += nodes.Text(" (" if m == 0 else ", ")
            para += nodes.reference(section, section, refuri=target, internal=True)
        if uses:
            para += nodes.Text(")")
    para += nodes.Text(".")
    return para


class glossary_backlinks(nodes.Text):  # noqa: N801 (docutils names nodes in lower case)
    """"Used in:" for HTML, its links made and written at once, as the
    paragraph of references would be.

    Its text is empty, and that is what the search index reads: « Utilisé
    dans » is a way around the site, not what an entry says. A reader who
    searches for a page's title wants that page, not every entry it uses;
    Sphinx's index leaves out the navigation likewise.

    A text node, not a paragraph, and it holds only its entry's key and its
    page: a paragraph of references is dozens of objects, kept for as long as
    its page is, and Sphinx keeps every page until it is written (with
    ``-j``, until its whole batch is), docutils the last page it parsed with
    nested_parse, often the lexicon's own. A lexicon holds thousands.
    """

    key: str  # its entry
    docname: str  # the page it is written in, which its links start from

    def __new__(cls, data: str, key: str = "", docname: str = "") -> glossary_backlinks:
        node = super().__new__(cls, data)
        node.key, node.docname = key, docname
        return node

    def copy(self) -> glossary_backlinks:
        return type(self)(str(self), self.key, self.docname)

    deepcopy = copy


# Where the terms are used, as the page a translator writes links to them.
_USED: WeakKeyDictionary[HTML5Translator, Backlinks] = WeakKeyDictionary()


def visit_glossary_backlinks(self: HTML5Translator, node: glossary_backlinks) -> None:
    """What the paragraph of references would give, written directly (the
    paragraph itself, to a translator that writes links its own way)."""
    if (used := _USED.get(self)) is None:
        used = _USED[self] = Backlinks(self.builder.env, self.builder, node.docname)
    links = used.take(node.key)
    if not writes_links_as_sphinx(self):
        paragraph = _references(self.config, links)
        paragraph.parent = node.parent
        paragraph.walkabout(self)
        return
    encode, attval = escapers(self)

    def link(uri: str, title: str) -> str:
        # As visit_reference writes an internal link, through starttag.
        return f'<a class="reference internal" href="{attval(uri)}">{encode(title)}</a>'

    parts = [encode(text(self.config, "used_in") + " ")]
    for n, (title, uri, uses) in enumerate(links):
        if n:
            parts.append(", ")
        parts.append(link(uri or "#", title))
        for m, (section, target) in enumerate(_sections(uri, uses)):
            parts.append(" (" if m == 0 else ", ")
            parts.append(link(target, section))
        if uses:
            parts.append(")")
    parts.append(".")
    written = "".join(parts)  # one string a paragraph: a lexicon holds thousands of links
    if writes_paragraphs_as_docutils(self) and isinstance(node.parent, nodes.definition):
        # As visit_paragraph and depart_paragraph write it, without a node made
        # for each of a lexicon's thousands of entries.
        if (opening := _OPENINGS.get(self)) is None:
            opening = _OPENINGS[self] = self.starttag(_PARAGRAPH, "p", "")
        self.body.append(f"{opening}{written}</p>\n")
        self.report_messages(node)  # as depart_paragraph does, in the same place
    else:
        paragraph = _paragraph()
        paragraph.parent = node.parent  # where the translator looks to write it
        self.visit_paragraph(paragraph)
        self.body.append(written)
        self.depart_paragraph(paragraph)


def depart_glossary_backlinks(self: HTML5Translator, node: glossary_backlinks) -> None:
    """Nothing: all is written as it is visited (no SkipNode raised for each entry)."""


def _paragraph() -> nodes.paragraph:
    """The paragraph of "Used in:", empty."""
    return nodes.paragraph(classes=["glossary-backlinks"])


_PARAGRAPH = _paragraph()  # as docutils writes it (written, never changed)
# Its opening tag, made once a page by each translator: a lexicon writes thousands.
_OPENINGS: WeakKeyDictionary[HTML5Translator, str] = WeakKeyDictionary()


def writes_paragraphs_as_docutils(translator: HTML5Translator) -> bool:
    """Whether a translator writes a paragraph as docutils does (Sphinx's does)."""
    cls = type(translator)
    return (cls.visit_paragraph is HTMLTranslator.visit_paragraph
            and cls.depart_paragraph is HTMLTranslator.depart_paragraph)


def register(app: Sphinx) -> None:
    app.add_node(glossary_backlinks, html=(visit_glossary_backlinks, depart_glossary_backlinks))
