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
from sphinx.errors import NoUri
from sphinx.writers.html5 import HTML5Translator

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping

    from sphinx.application import Sphinx
    from sphinx.builders import Builder

    from glossary_ext._domain import Entry

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


# An automatic link in a run of text, as the scan decided it: start, stop, the
# key of its entry, its text. A run's links are the scan's own tuple (see
# _usage.scan): a page held until it is written holds nothing more a link.
Link = tuple[int, int, str, str]


class Hrefs:
    """Where a link to an entry goes from a page, as the standard domain sends a
    {term}: "#anchor" on the same page, None to a page outside the book (latex,
    texinfo). Each page's address asked of the builder once."""

    def __init__(self, builder: Builder) -> None:
        self.builder = builder
        self._uris: dict[tuple[str, str], str | None] = {}

    def reaches(self, entry: Entry, fromdoc: str) -> bool:
        """Whether a link from this page can go to the entry."""
        return fromdoc == entry.docname or self.uri(fromdoc, entry.docname) is not None

    def uri(self, fromdoc: str, todoc: str) -> str | None:
        pair = (fromdoc, todoc)
        if pair not in self._uris:
            try:
                self._uris[pair] = self.builder.get_relative_uri(fromdoc, todoc)
            except NoUri:  # a page outside the book
                self._uris[pair] = None
        return self._uris[pair]

    def __call__(self, entry: Entry, fromdoc: str) -> str | None:
        if fromdoc == entry.docname:
            return f"#{entry.ids[0]}"
        uri = self.uri(fromdoc, entry.docname)
        if uri is None:
            return None
        if uri.startswith("#"):  # the same single page (singlehtml): its anchor alone
            return f"#{entry.ids[0]}"
        return f"{uri}#{entry.ids[0]}"


class glossary_text(nodes.Text):  # noqa: N801
    """A run of text and the automatic links in it, written in one piece (HTML).

    Every later step of a build walks the page: one node a run, rather than
    a reference, an inline and two texts a link, keeps the page its size.
    Everything else reads it as the text it is (the search index, the
    previews); HTML writes the links around the text, as the reference nodes
    would be written (see visit_glossary_text). Their addresses and
    definitions are made as they are written, from the run's document
    (``docname``) and the number of definitions before it (``tips``, see
    add_definitions).
    """

    links: tuple[Link, ...]
    docname: str
    tips: int | None  # None: its links get no definition

    def __new__(
        cls, data: str, links: tuple[Link, ...] = (), docname: str = "", tips: int | None = None
    ) -> glossary_text:
        node = super().__new__(cls, data)
        node.links, node.docname, node.tips = links, docname, tips
        return node

    def copy(self) -> glossary_text:
        return type(self)(str(self), self.links, self.docname, self.tips)

    deepcopy = copy

    def written(
        self, entries: Mapping[str, Entry], hrefs: Hrefs
    ) -> Iterator[tuple[int, int, str, str, str | None, str]]:
        """Each link as HTML writes it: start, stop, its entry's key, its address,
        the id of its definition in place (None: none) and that definition."""
        count = self.tips
        for start, stop, key, _ in self.links:
            entry = entries[key]
            tip = None
            if count is not None and entry.definition:
                count += 1
                tip = tip_id(entry, count)
            # Never None: the links that reach nowhere were left out (Linker._render).
            yield start, stop, key, hrefs(entry, self.docname) or "", tip, entry.definition

    def expand(self, entries: Mapping[str, Entry], hrefs: Hrefs) -> list[nodes.Node]:
        """The same run as text nodes and glossary_reference nodes."""
        out: list[nodes.Node] = []
        end = 0
        for start, stop, key, href, tip, definition in self.written(entries, hrefs):
            if end < start:
                out.append(nodes.Text(self[end:start]))
            out.append(reference(self[start:stop], href, key, tip, definition))
            end = stop
        if end < len(self):
            out.append(nodes.Text(self[end:]))
        return out


def tip_id(entry: Entry, count: int) -> str:
    """The id of a page's count-th definition in place, for a link to this entry.

    Docutils and Sphinx make ids of single hyphens only ("--" becomes "-"): no
    clash with a heading's; and no character a CSS selector must escape.
    """
    return f"{entry.ids[0]}--{count}"


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
        return tip_id(entry, count), entry.definition

    made = LINKED.pop(doctree, None)
    links: Iterable[nodes.Node] = (
        made if made is not None and all(_within(run, doctree) for run in made)  # none taken out
        else doctree.findall(_is_link)
    )
    for node in links:
        if isinstance(node, glossary_text):  # numbered here, written as the page is
            node.tips = count
            count += sum(1 for link in node.links if entries[link[2]].definition)
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
    entries, hrefs = _for_writing(self)
    if (
        not writes_links_as_sphinx(self) or self.protect_literal_text or self.in_mailto
        or not isinstance(node.parent, nodes.TextElement)
    ):
        for child in node.expand(entries, hrefs):
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

    for start, stop, _, href, tip, definition in node.written(entries, hrefs):
        body.append(encode(end, start))
        anchor = f'<a class="reference internal" href="{escape_value(href)}"'
        inner = encode(start, stop)
        if tip is None:
            body.append(f"{anchor}{_OPEN_INNER}{inner}</span></a>")
        else:
            body.append(
                f'<span class="glossary-term"><a aria-describedby="{tip}" {anchor[3:]}'
                f"{_OPEN_INNER}{inner}</span></a>"
                f'<span class="glossary-tip" id="{tip}" role="tooltip">'
                f"{escape_text(definition)}</span></span>"
            )
        end = stop
    body.append(encode(end, None))
    raise nodes.SkipNode


# What a translator needs to write the links of its page: the entries, and
# where each link goes from there (see glossary_text.written).
_WRITING: WeakKeyDictionary[HTML5Translator, tuple[Mapping[str, Entry], Hrefs]] = (
    WeakKeyDictionary()
)


def _for_writing(translator: HTML5Translator) -> tuple[Mapping[str, Entry], Hrefs]:
    if (found := _WRITING.get(translator)) is None:
        builder = translator.builder
        found = _WRITING[translator] = (
            builder.env.domains["glossary"].lexicon.entries, Hrefs(builder)
        )
    return found


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
