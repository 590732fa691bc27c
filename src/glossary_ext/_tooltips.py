"""Definitions in place: each glossary link carries its term's definition.

The first sentence of the definition is written into the page at build time,
as escaped text right after the link, and tied to it with ``aria-describedby``.
A few lines of JavaScript show it after a short hover, on keyboard focus and
on tap.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple
from weakref import WeakKeyDictionary

from docutils import nodes
from sphinx import addnodes
from sphinx.writers.html5 import HTML5Translator

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from sphinx.application import Sphinx

STATIC = Path(__file__).parent / "static"
LIMIT = 200  # characters: one sentence, four short lines at most
# The end of a sentence: its mark, then a space and a capital (not "etc. et").
_SENTENCE_END = re.compile(r"[.!?…](?=\s+[«“\"(]?\s?[A-ZÀ-ÖØ-ÞŒ])")
# Before a period, these end no sentence: "M. Dupont", "J. Martin", "cf. Durand".
_ABBREVIATIONS = frozenset("MM Mme Mmes Mlle Mlles Dr Pr Me Mgr St Ste cf Mr Mrs Ms".split())
_LAST_WORD = re.compile(r"(\w+)$")
_BREAKS = re.compile(r"[ \t\r\n]+")
# What a reader does not see as the definition's text: notes' numbers, markup
# meant for another output, error reports, invisible targets.
_UNSEEN = (
    nodes.footnote_reference, nodes.citation_reference, nodes.raw, nodes.system_message,
    nodes.target, nodes.comment, nodes.substitution_definition, addnodes.index,
)


class glossary_reference(nodes.reference):  # noqa: N801 (docutils names nodes in lower case)
    """A glossary link. In HTML, written with its definition (see add_definitions);
    elsewhere, a reference like any other (Sphinx's translators find
    ``visit_reference`` through the class's bases)."""


class Link(NamedTuple):
    """An automatic link in a run of text, as an HTML page writes it."""

    start: int
    stop: int
    href: str  # "#anchor" on the same page, else "page.html#anchor"
    key: str  # its entry
    tip: str | None = None  # the id of its definition in place (see add_definitions)
    definition: str = ""


class glossary_text(nodes.Text):  # noqa: N801
    """A run of text and the automatic links in it, written in one piece (HTML).

    Every later step of a build walks the page: one node a run, rather than
    a reference, an inline and two texts a link, keeps the page its size.
    Everything else reads it as the text it is (the search index, the
    previews); HTML writes the links around the text, as the reference nodes
    would be written (see visit_glossary_text).
    """

    links: list[Link]

    def __new__(cls, data: str, links: Iterable[Link] = ()) -> glossary_text:
        node = super().__new__(cls, data)
        node.links = list(links)
        return node

    def copy(self) -> glossary_text:
        return type(self)(str(self), self.links)

    deepcopy = copy

    def expand(self) -> list[nodes.Node]:
        """The same run as text nodes and glossary_reference nodes."""
        out: list[nodes.Node] = []
        end = 0
        for link in self.links:
            if end < link.start:
                out.append(nodes.Text(self[end:link.start]))
            out.append(reference(self[link.start:link.stop], link.href, link.key,
                                 link.tip, link.definition))
            end = link.stop
        if end < len(self):
            out.append(nodes.Text(self[end:]))
        return out


LINK_CLASSES = ["xref", "std", "std-term", "glossary-link"]


def reference(
    text: str, href: str, key: str, tip: str | None = None, definition: str = ""
) -> glossary_reference:
    """A link as nodes: what a {term} resolves to, with its definition if it has one."""
    inner = nodes.inline(text, text, classes=LINK_CLASSES, glossary_key=key)
    target = {"refid": href[1:]} if href.startswith("#") else {"refuri": href}
    node = glossary_reference("", "", inner, internal=True, **target)
    if tip is not None:
        node["glossary_tip"], node["glossary_definition"] = tip, definition
    return node


@functools.lru_cache(maxsize=4096)  # once a definition, not once a link
def summary(text: str, limit: int = LIMIT) -> str:
    """The definition's first sentence, as one line, cut at a word when still too long.

    The gist, read at a glance; the link leads to the whole entry.
    """
    text = _BREAKS.sub(" ", text).strip()  # no-break spaces stay: they are typography
    for end in _SENTENCE_END.finditer(text):
        word = _LAST_WORD.search(text, 0, end.start())
        if end.group() == "." and word is not None and (
            word.group() in _ABBREVIATIONS or (len(word.group()) == 1 and word.group().isupper())
        ):
            continue
        text = text[: end.end()]
        break
    if len(text) <= limit:
        return text
    cut = text[:limit]
    return cut[: cut.rfind(" ")].rstrip(",;:—–-\u00a0\u202f ") + "…"


def definition_text(definition: nodes.Element) -> str:
    """The text of a definition's first paragraph, as a reader sees it.

    Only a paragraph that opens the definition: a table or a list opening it
    gives no text in place. Formulas become "…": their source is not for reading.
    """
    first = next(
        (child for child in definition.children if not isinstance(child, _UNSEEN)), None
    )
    return _seen_text(first) if isinstance(first, nodes.paragraph) else ""


def _seen_text(node: nodes.Node) -> str:
    if isinstance(node, nodes.Text):
        return node.astext()
    if isinstance(node, _UNSEEN):
        return ""
    if isinstance(node, nodes.math):
        return "…"
    return "".join(_seen_text(child) for child in node.children)


# A page's runs of linked text, in reading order, where AutoLink met no {term}
# written by hand: all its glossary links, found without a walk of the page.
LINKED: WeakKeyDictionary[nodes.document, list[glossary_text]] = WeakKeyDictionary()


def add_definitions(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Give each glossary link, automatic or {term}, its definition.

    The links were given their entry's key as the page was linked. Automatic
    links (in glossary_text runs, or glossary_reference nodes) only get their
    definition; a {term} resolved by Sphinx becomes a glossary_reference, each
    parent's children rebuilt once: linear in the links of a paragraph.
    """
    if app.builder.format != "html":
        return
    entries = app.env.domains["glossary"].lexicon.entries
    parents: dict[int, tuple[nodes.Element, dict[int, glossary_reference]]] = {}
    count = 0

    def tip(key: str | None) -> tuple[str, str] | None:
        """The next definition's id and text, for a link to this entry."""
        nonlocal count
        entry = entries.get(key) if key else None
        if entry is None or not entry.definition:
            return None
        count += 1
        # Docutils and Sphinx make ids of single hyphens only ("--" becomes "-"):
        # no clash with a heading's; and no character a CSS selector must escape.
        return f"{entry.ids[0]}--{count}", summary(entry.definition)

    made = LINKED.pop(doctree, None)
    links: Iterable[nodes.Node] = (
        made if made is not None and all(_within(run, doctree) for run in made)  # none taken out
        else doctree.findall(_is_link)
    )
    for node in links:
        if isinstance(node, glossary_text):
            node.links = [
                Link(*link[:4], *found) if (found := tip(link.key)) else link
                for link in node.links
            ]
            continue
        inner = node.children[0] if node.children else None
        found = tip(inner.get("glossary_key") if isinstance(inner, nodes.Element) else None)
        if found is None:
            continue
        uri = node.get("refuri", "")
        if uri.startswith("#") and "#" in uri[1:]:  # a {term} in singlehtml: "#document-x#term-y"
            node["refuri"] = uri[uri.rindex("#"):]
        node["glossary_tip"], node["glossary_definition"] = found
        if not isinstance(node, glossary_reference):
            parents.setdefault(id(node.parent), (node.parent, {}))[1][id(node)] = _ours(node)
    for parent, ours in parents.values():
        parent[:] = [ours.get(id(child), child) for child in parent.children]
    if count:
        doctree["glossary_ext_terms"] = count  # for _add_assets


def _within(node: nodes.Node, root: nodes.Node) -> bool:
    while node.parent is not None:
        node = node.parent
    return node is root


def _is_link(node: nodes.Node) -> bool:
    return isinstance(node, (nodes.reference, glossary_text))


def _ours(ref: nodes.reference) -> glossary_reference:
    """The same link, as a glossary_reference."""
    copy = glossary_reference(ref.rawsource, **ref.attributes)
    copy.extend(ref.children)
    return copy


def visit_glossary_reference(self: HTML5Translator, node: glossary_reference) -> None:
    tip = node.get("glossary_tip")
    if tip is None:
        self.visit_reference(node)
        return
    self.body.append('<span class="glossary-term">')
    first = len(self.body)
    self.visit_reference(node)
    for n in range(first, len(self.body)):
        if self.body[n].startswith("<a "):
            self.body[n] = f'<a aria-describedby="{tip}" {self.body[n][3:]}'
            break


def depart_glossary_reference(self: HTML5Translator, node: glossary_reference) -> None:
    self.depart_reference(node)
    if "glossary_tip" in node:
        self.body.append(
            f'<span class="glossary-tip" id="{node["glossary_tip"]}" role="tooltip">'
            f"{self.encode(node['glossary_definition'])}</span></span>"
        )


def writes_links_as_sphinx(translator: HTML5Translator) -> bool:
    """Whether a translator writes links as Sphinx's own does: what our nodes
    written at once must give. A theme's may write them its own way."""
    return (
        type(translator).visit_reference is HTML5Translator.visit_reference
        and type(translator).visit_inline is HTML5Translator.visit_inline
    )


def visit_glossary_text(self: HTML5Translator, node: glossary_text) -> None:
    """The run's text and links, as its text and reference nodes are written.

    Where a translator writes links or text its own way (a theme's, a
    literal's, an address's), the run is expanded into those nodes instead.
    """
    if (
        not writes_links_as_sphinx(self) or self.protect_literal_text or self.in_mailto
        or not isinstance(node.parent, nodes.TextElement)
    ):
        for child in node.expand():
            child.parent = node.parent
            child.walkabout(self)
        raise nodes.SkipNode
    text, body, end = str(node), self.body, 0
    changed = _changed(self)
    escape_text, escape_value = escapers(self)
    if changed is not None and not _holds(text, changed.text):
        def encode(start: int, stop: int | None) -> str:  # nothing to escape: as it is
            return text[start:stop]
    else:
        def encode(start: int, stop: int | None) -> str:  # as visit_Text writes a text node
            return self.encode(nodes.unescape(text[start:stop]))

    for link in node.links:
        body.append(encode(end, link.start))
        anchor = f'<a class="reference internal" href="{escape_value(link.href)}"'
        inner = encode(link.start, link.stop)
        if link.tip is None:
            body.append(f"{anchor}{_OPEN_INNER}{inner}</span></a>")
        else:
            definition = escape_text(link.definition)
            body.append(
                f'<span class="glossary-term"><a aria-describedby="{link.tip}" {anchor[3:]}'
                f"{_OPEN_INNER}{inner}</span></a>"
                f'<span class="glossary-tip" id="{link.tip}" role="tooltip">'
                f"{definition}</span></span>"
            )
        end = link.stop
    body.append(encode(end, None))
    raise nodes.SkipNode


_OPEN_INNER = '><span class="' + " ".join(LINK_CLASSES) + '">'


class _Changed(NamedTuple):
    """The characters writing changes: in text (encode, unescape), in an attribute value (attval)."""

    text: str
    value: str


def _holds(string: str, characters: str) -> bool:
    """Whether the string holds any of the characters: a search for each, much
    faster than a regex's class tried at every character."""
    return any(map(string.__contains__, characters))


def _changed(translator: HTML5Translator) -> _Changed | None:
    """What writing text changes, where the translator writes it as docutils does:
    text with none of it is written as it is. None: it has its own way; ask it."""
    cls = type(translator)
    if translator.special_characters is not cls.special_characters:
        return None
    return _changed_by(cls)


def escapers(translator: HTML5Translator) -> tuple[Callable[[str], str], Callable[[str], str]]:
    """How a translator writes text and attribute values (encode, attval), with
    nothing done to a string that holds nothing they would change."""
    encode, attval = translator.encode, translator.attval
    changed = _changed(translator)
    if changed is None:
        return encode, attval
    text, value = changed
    return (
        lambda string: encode(string) if _holds(string, text) else string,
        lambda string: attval(string) if _holds(string, value) else string,
    )


@functools.cache  # once a translator class
def _changed_by(cls: type[HTML5Translator]) -> _Changed | None:
    if cls.encode is not HTML5Translator.encode or cls.attval is not HTML5Translator.attval:
        return None
    special = "".join(map(chr, cls.special_characters))
    return _Changed(special + "\x00", special + "\n\r\t\v\f")


def register(app: Sphinx) -> None:
    app.add_node(glossary_reference, html=(visit_glossary_reference, depart_glossary_reference))
    app.add_node(glossary_text, html=(visit_glossary_text, None))
    app.connect("builder-inited", _add_static_files)
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


def serve_compacted(app: Sphinx, sources: Iterable[Path]) -> None:
    """Write CSS and scripts, compacted, among the output's static files.

    Before any page is written, so that each page's ``?v=`` checksum is that
    of the file served. The configuration is left alone: changing
    html_static_path here would make every later build report a change.
    (The site's own extensions serve their assets this way too.)
    """
    served = Path(app.builder.outdir, "_static")
    served.mkdir(parents=True, exist_ok=True)
    for source in sources:
        (served / source.name).write_text(compact(source), encoding="utf-8")


def _add_static_files(app: Sphinx) -> None:
    if app.builder.format == "html":
        serve_compacted(app, sorted(STATIC.iterdir()))


def _add_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Only the pages that have glossary links get the CSS and the script."""
    if doctree is not None and doctree.get("glossary_ext_terms"):
        app.add_css_file("glossary_ext.css")
        app.add_js_file("glossary_ext.js", defer="defer")
    elif pagename == "search":  # its excerpts come from the pages' HTML
        app.add_js_file("glossary_ext_search.js", defer="defer")
