"""Find the terms in a doctree's prose, and link them."""

from __future__ import annotations

import functools
from collections import defaultdict
from typing import TYPE_CHECKING, Any, NamedTuple

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.matching import Matcher as DocMatcher

from glossary_ext._config import SCOPES, line_of
from glossary_ext._domain import Entry
from glossary_ext._language import get_language
from glossary_ext._matcher import Matcher, Term, forget_words
from glossary_ext._tooltips import LINKED, Hrefs, glossary_text, reference

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

    from docutils.parsers.rst.states import Inliner
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.domains.std import StandardDomain
    from sphinx.environment import BuildEnvironment
    from sphinx.util.tags import Tags

    from glossary_ext._domain import Use
    from glossary_ext._tooltips import Link

logger = logging.getLogger(__name__)

# Never linked: headings and titles, existing links, code, raw, math, images,
# indexes and targets, field names, the term lines and classifiers of definition
# lists, abbreviations (a link inside <abbr>), commands and programs
# (literal_strong), Python field names and types (literal_strong, literal_emphasis),
# citations (a bibliography's titles are not prose).
SKIP = (
    nodes.Titular, nodes.caption, nodes.thead, nodes.term, nodes.classifier, nodes.citation,
    nodes.field_name, nodes.reference, addnodes.pending_xref, nodes.target,
    nodes.literal, nodes.literal_block, nodes.doctest_block, nodes.raw,
    nodes.math, nodes.math_block, nodes.image, nodes.comment, nodes.abbreviation,
    nodes.substitution_definition, nodes.label, nodes.docinfo,
    nodes.system_message, nodes.problematic, addnodes.literal_strong,
    addnodes.literal_emphasis, addnodes.toctree, addnodes.index, addnodes.desc_signature,
)
# sphinx-design: card and dropdown titles are headings; tab labels are controls.
# Sphinx: :guilabel: and :menuselection: name controls, as written on screen.
SKIP_CLASSES = {
    "noterm", "sd-card-title", "sd-summary-title", "sd-tab-label", "sd-btn",
    "guilabel", "menuselection",
}
OFF = {"false", "off", "no", "0", "non"}
NOTERM = "glossary_noterm"  # the mark of a document that says {noterm}
# Builders that mark each link in the text, with asterisks (text) or its
# address (man: "sens <#:term-Sens>"): automatic links would change what the
# page says.
MARKED_LINKS = frozenset({"man", "text"})


class Page(NamedTuple):
    """How one document is linked."""

    auto: bool  # whether its terms are linked automatically
    scope: str  # one of SCOPES


def page_switched_off(env: BuildEnvironment, docname: str) -> bool:
    """The page's own switch: ``glossary_autolink: false`` in front matter or an rST field."""
    value = env.metadata.get(docname, {}).get("glossary_autolink", True)
    return str(value).strip().lower() in OFF


def _page_scope(env: BuildEnvironment, docname: str) -> str | None:
    value = env.metadata.get(docname, {}).get("glossary_link_scope")
    return None if value is None else str(value).strip()


def page_settings(
    env: BuildEnvironment, docname: str, skip_docs: DocMatcher | None = None
) -> Page:
    """A document's own settings: its switch, and its scope if it sets a valid one."""
    skip_docs = skip_docs or DocMatcher(env.config.glossary_skip_docs)
    scope = _page_scope(env, docname)
    return Page(
        not (skip_docs(docname) or page_switched_off(env, docname)),
        scope if scope in SCOPES else env.config.glossary_link_scope,
    )


def check_page_scope(app: Sphinx, doctree: nodes.document) -> None:
    """Warn, at its line, about a page's own ``glossary_link_scope`` that is not a scope."""
    docname = app.env.current_document.docname
    value = _page_scope(app.env, docname)
    if value is None or value in SCOPES:
        return
    line = line_of(app.env.doc2path(docname), r"^\s*:?glossary_link_scope\s*:")
    logger.warning(
        "glossary_link_scope must be one of %s, not %r; using the site's %r",
        ", ".join(SCOPES), value, app.config.glossary_link_scope,
        type="glossary", subtype="config", location=(docname, line or None),
    )


class Lexicon:
    """What the links of one build are made from: entries, options and the matcher."""

    def __init__(
        self, entries: Iterable[Entry], config: Config, std: StandardDomain | None = None
    ) -> None:
        self.entries = {entry.key: entry for entry in entries}
        options = {name.lower(): opts for name, opts in config.glossary_terms.items()}
        # The options of the terms that have some (most have none, most sites
        # give none): the names in lower case, and the names unknown, only then.
        self.options = {
            key: found for key, entry in self.entries.items()
            if (found := next((options[n] for n in map(str.lower, entry.names) if n in options),
                              None))
        } if options else {}
        # The terms never linked automatically (autolink: False).
        self.unlinked = frozenset(key for key, opts in self.options.items()
                                  if not opts.get("autolink", True))
        self.unknown_options = sorted(
            set(options) - {n.lower() for e in self.entries.values() for n in e.names}
        ) if options else []
        # Anchors are unique per document only: "rôle" and "role" both get term-role.
        # Each key is made once (Entry.key makes a new string each time it is read).
        self.by_anchor = {(e.docname, i): key for key, e in self.entries.items() for i in e.ids}
        self._hand = _hand_targets(self.entries.values(), self.by_anchor, std)
        self.scope = config.glossary_link_scope
        self.skip_docs = DocMatcher(config.glossary_skip_docs)
        self.language = config.language or "en"
        self.locutions = config.glossary_locutions
        # What the links are made from, compared with the last build's as it is
        # (kept with the environment, its entries shared with the domain's): the
        # repr and hash of thousands of entries cost more than comparing them.
        # The entries come in document order, and each makes its own key.
        self.signature = (
            tuple(self.entries.values()), tuple(sorted(self.options.items())), self.language,
            self.scope, tuple(sorted(config.glossary_skip_docs)),
            tuple(sorted(config.glossary_locutions)),
        )

    @functools.cached_property
    def matcher(self) -> Matcher:
        """The forms of the terms, ready to be found: made for the scan, then
        released (see release) and made again only for a page that changed since."""
        # A term's own names, then their plurals, then its variants: a form goes
        # to the first that makes it, so no variant takes another term's name.
        # A name defined twice goes where the standard domain sends a {term}.
        none: dict[str, Any] = {}  # the options of a term that has none, shared
        terms = sorted(
            ((key, entry.names, self.options.get(key, none)) for key, entry in self.entries.items()),
            key=lambda term: self._hand[0].get(term[1][0], term[0]) != term[0],
        )
        return Matcher(
            [
                *(Term(key, names, (), False) for key, names, _ in terms),
                *(Term(key, names, (), True) for key, names, opts in terms
                  if opts.get("inflect", True)),
                *(Term(key, (), tuple(opts["variants"]), False) for key, _, opts in terms
                  if opts.get("variants")),
            ],
            get_language(self.language),
            self.locutions,
        )

    def release(self) -> None:
        """Free the matcher, once every page is scanned: the links are placed as
        the scan decided, and the peak of a build's memory comes after, while
        writing (the matcher of 5,000 terms and the words it folded: some 10 MB)."""
        self.__dict__.pop("matcher", None)
        forget_words()

    def autolinks(self, key: str) -> bool:
        return key not in self.unlinked

    def skips(self, env: BuildEnvironment, docname: str) -> bool:
        return self.skip_docs(docname) or page_switched_off(env, docname)

    def page(self, env: BuildEnvironment, docname: str) -> Page:
        return page_settings(env, docname, self.skip_docs)

    def hand_key(self, target: str) -> str | None:
        """The entry a {term} role names, found as the standard domain finds it."""
        return self._hand[0].get(target) or self._hand[1].get(target.lower())


def _hand_targets(
    entries: Iterable[Entry], by_anchor: Mapping[tuple[str, str], str], std: StandardDomain | None
) -> tuple[dict[str, str], dict[str, str]]:
    """Names to entry keys, exactly and in lower case, as the standard domain resolves them."""
    if std is None:  # outside a build: our own names
        pairs = {n: (e.docname, i) for e in entries for n, i in zip(e.names, e.ids, strict=False)}
        lower = {n.lower(): pair for n, pair in pairs.items()}
    else:
        pairs = {name: pair for (kind, name), pair in std.objects.items() if kind == "term"}
        # The domain's own fallback table; rebuilt the same way if it is ever renamed.
        lower = getattr(std, "_terms", None) or {n.lower(): p for n, p in pairs.items()}
    return (
        {n: by_anchor[p] for n, p in pairs.items() if p in by_anchor},
        {n: by_anchor[p] for n, p in lower.items() if p in by_anchor},
    )


class Runs(NamedTuple):
    """What the scan of a page decided, for its links to be made without matching again.

    The runs of text are numbered in walking order; the page's doctree is the
    same when it is recorded and when it is written.
    """

    lengths: list[int]  # the length of each run: checked, so that a change is seen
    # run -> (start, end, key, text): tuples, which the garbage collector stops tracking
    links: dict[int, tuple[tuple[int, int, str, str], ...]]


class _Doc(NamedTuple):
    """A document in the tree being walked: the page itself, or one that a
    builder assembled into it (singlehtml, latex, texinfo)."""

    docname: str
    page: Page
    root: nodes.Element  # the document, or its start_of_file
    depth: int  # the sections open around it
    top: nodes.Element | None  # its first section: what is said there is the page's
    runs: Runs | None  # its scan's decisions, when linking; None: match again


def eval_only(tags: Tags, expr: str) -> bool:
    """Whether an ``only`` directive keeps its content, as Sphinx decides it."""
    try:
        return tags.eval_condition(expr)
    except Exception:  # Sphinx warns about a bad expression and keeps the content
        return True


class Linker:
    """Walk a doctree: note each term, link the ones the scope asks for.

    At write time, it links each run of text where the usage scan decided
    (``scanned``), and matches a page again only where it changed since. A
    run with links becomes text nodes and the links ``make_link`` makes; in
    HTML (``hrefs``: where a link to an entry goes from a page), one
    glossary_text node. The scan walks the page as it is read, with the same rules
    (see _usage.Recorder), so the backlinks match the links.
    """

    def __init__(
        self,
        document: nodes.document,
        lexicon: Lexicon,
        docname: str,
        page: Callable[[str], Page],
        *,
        tags: Tags | None = None,
        make_link: Callable[[Entry, str, str], nodes.Node | None] | None = None,
        hrefs: Hrefs | None = None,
        scanned: Mapping[str, Runs] | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.page = page
        self.tags = tags  # None: the content of ``only`` is never linked
        self.make_link = make_link
        self.hrefs = hrefs
        self.linking = make_link is not None or hrefs is not None
        self.scanned = scanned or {}
        self._run: list[int] = []  # the next run's number, by document
        self.uses: list[Use] = []
        self.words: set[str] = set()  # the keys of every term met, linked or not
        self._seen: defaultdict[int, set[str]] = defaultdict(set)  # keys linked, by scope
        self._used: set[tuple[str, int]] = set()  # (key, section) already in self.uses
        self._sections: list[nodes.section] = []
        self._defining: list[str | None] = []  # the entry whose definition we are in
        self._docs: list[_Doc] = []
        self.made: list[glossary_text] = []  # in HTML, the runs linked, in reading order
        self.hand = False  # whether a {term} written by hand was given its entry's key
        self._enter(docname, document)

    def _enter(self, docname: str, root: nodes.Element) -> None:
        top = root.next_node(nodes.section)
        runs = self.scanned.get(docname) if self.linking else None
        self._docs.append(
            _Doc(docname, self.page(docname), root, len(self._sections), top, runs)
        )
        self._run.append(0)
        if runs is None:
            self._claim(root)

    def _claim(self, root: nodes.Element) -> None:
        """Give each {term} written by hand in the prose its scope, ahead: no
        automatic link beside the author's own, before or after it."""
        doc = self._docs[-1]
        if doc.page.scope == "all":
            return
        for xref in self._prose_links(root):
            key = self.lexicon.hand_key(xref["reftarget"])
            if key is not None:
                self._seen[id(_scope_of(xref, doc))].add(key)

    def _prose_links(self, node: nodes.Element) -> Iterator[addnodes.pending_xref]:
        """The {term} links of a document's prose: where the walk takes them as
        their scope's (see visit), the pages it assembles left to their own."""
        for child in node.children:
            if not isinstance(child, nodes.Element) or isinstance(child, addnodes.start_of_file):
                continue
            if isinstance(child, addnodes.pending_xref):
                if child.get("reftype") == "term" and child.get("refdomain") == "std":
                    yield child
            elif isinstance(child, addnodes.only):
                if self.tags is not None and eval_only(self.tags, child["expr"]):
                    yield from self._prose_links(child)
            elif not _never_linked(child):
                yield from self._prose_links(child)

    def walk(self, node: nodes.Element) -> None:
        """Visit the elements of a tree as ``walkabout`` does, in the order a reader
        meets them: a run of text, linked from its parent, before what follows it."""
        kind = _kind(type(node))
        if not self.visit(node, kind):
            return
        if self._docs[-1].page.auto:
            self._link_children(node)  # its elements are walked between its runs
        else:
            for child in node.children[:]:
                if isinstance(child, nodes.Element):
                    self.walk(child)
        self.depart(node, kind)

    def visit(self, node: nodes.Element, kind: int) -> bool:
        """Note or link what the element says; False: skip it whole.

        (Not SkipNode, docutils' way: an exception for each skipped element,
        some 30,000 in a build with a glossary of 5,000 terms.)
        """
        if kind == _ONLY:
            return self.tags is not None and eval_only(self.tags, node["expr"])
        if kind == _FILE:
            self._enter(node["docname"], node)
            return True
        if kind == _SKIP or (node["classes"] and _skipped_for_classes(node)):
            # A link holds no {term}; nor does text alone (a literal, most titles),
            # nor text and its index entry (a glossary's term line).
            if (not isinstance(node, nodes.reference) and (
                isinstance(node, addnodes.pending_xref)
                or any(isinstance(child, nodes.Element) and not isinstance(child, addnodes.index)
                       for child in node.children)
            )):
                self._note_hand_links(node)
            return False
        if kind == _SECTION:
            self._sections.append(node)
        elif kind == _ITEM and _is_glossary_entry(node):
            terms = [child for child in node.children if isinstance(child, nodes.term)]
            anchor = terms and terms[0]["ids"] and terms[0]["ids"][0]
            self._defining.append(self._entry(anchor) if anchor else None)
        return True

    def _entry(self, anchor: str) -> str | None:
        """The key of the entry whose definition starts here."""
        return self.lexicon.by_anchor.get((self._docs[-1].docname, anchor))

    def depart(self, node: nodes.Element, kind: int) -> None:
        if kind == _SECTION:
            self._sections.pop()
        elif kind == _FILE:
            self._docs.pop()
            self._run.pop()
        elif kind == _ITEM and _is_glossary_entry(node):
            self._defining.pop()

    def _note_hand_links(self, node: nodes.Element) -> None:
        """Note the {term} links written by hand in what is not linked automatically.

        Each gets its entry's key (for its definition in place). One in the
        prose counts as its scope's occurrence; one in a heading or a table
        header only as a use.
        """
        for xref in node.findall(addnodes.pending_xref):
            if xref.get("reftype") != "term" or xref.get("refdomain") != "std":
                continue
            key = self.lexicon.hand_key(xref["reftarget"])
            if key is None:
                continue
            if xref.children and isinstance(xref[0], nodes.Element):
                xref[0]["glossary_key"] = key
                self.hand = True
            if xref is node:
                self._take(key, node, hand=True)
            else:
                self._note(key)

    def _link_children(self, element: nodes.Element) -> None:
        """Match each run of adjacent text nodes as one string (parsers split text),
        and walk the elements between them: "Le *sens*, le sens" links the first."""
        children: list[nodes.Node] = []
        run: list[nodes.Text] = []
        changed = False
        for child in [*element.children, None]:
            if isinstance(child, nodes.Text):
                run.append(child)
                continue
            if run:
                linked = self._link_text("".join(run), element)
                changed |= linked is not None
                children.extend(linked if linked is not None else run)
                run = []
            if isinstance(child, nodes.Element):
                children.append(child)
                self.walk(child)
        if changed:
            element[:] = children

    def _link_text(self, text: str, element: nodes.Element) -> list[nodes.Node] | None:
        doc = self._docs[-1]
        run = self._run[-1]
        self._run[-1] += 1
        if doc.runs is not None:
            if run < len(doc.runs.lengths) and doc.runs.lengths[run] == len(text):
                links = doc.runs.links.get(run)  # None: a run without links
                return None if links is None else self._render(text, links, doc.docname)
            # The page changed since its scan (a transform of another extension):
            # match it again, from here on.
            self._docs[-1] = doc._replace(runs=None)
            self._claim(doc.root)
        taken = []
        for match in self.lexicon.matcher.finditer(text):
            self.words.add(match.key)
            if self._take(match.key, element) and self.linking:
                taken.append((match.start, match.end, match.key, text[match.start:match.end]))
        return self._render(text, taken, doc.docname) if taken else None

    def _render(
        self, text: str, links: Sequence[Link], docname: str
    ) -> list[nodes.Node] | None:
        """The run of text with these links (start, end, key, text), or None if none holds."""
        entries = self.lexicon.entries
        if self.hrefs is not None:
            # The scan's own links, if all still hold (most often): nothing new a link.
            held = [
                link for link in links
                if (entry := entries.get(link[2])) is not None and text[link[0]:link[1]] == link[3]
                and self.hrefs.reaches(entry, docname)
            ]
            if not held:
                return None
            found = tuple(links if len(held) == len(links) else held)  # a tuple: itself
            self.made.append(glossary_text(text, found, docname))
            return self.made[-1:]
        out: list[nodes.Node] = []
        end = 0
        for start, stop, key, word in links:
            entry = entries.get(key)
            link = self.make_link(entry, word, docname) if entry else None
            if link is None or text[start:stop] != word:
                continue
            if end < start:
                out.append(nodes.Text(text[end:start]))
            out.append(link)
            end = stop
        if not out:
            return None
        if end < len(text):
            out.append(nodes.Text(text[end:]))
        return out

    def _take(self, key: str, node: nodes.Element, *, hand: bool = False) -> bool:
        """Whether this occurrence is linked; note it as a use if it is."""
        if hand:  # the author's: its scope's link, claimed ahead (see _claim)
            self._note(key)
            return True
        if not self.lexicon.autolinks(key) or (self._defining and self._defining[-1] == key):
            return False
        scope = self._scope(node)
        if scope is not None:
            if key in self._seen[id(scope)]:
                return False
            self._seen[id(scope)].add(key)
        self._note(key)
        return True

    def _note(self, key: str) -> None:
        """Note a use of the term in the current section (once a section)."""
        doc = self._docs[-1]
        section = self._sections[-1] if len(self._sections) > doc.depth else None
        if (key, id(section)) in self._used:
            return
        self._used.add((key, id(section)))
        if section is None or section is doc.top or not section["ids"]:
            self.uses.append((key, "", ""))
        else:
            self.uses.append((key, section["ids"][0], section[0].astext()))

    def _scope(self, node: nodes.Element) -> nodes.Element | None:
        doc = self._docs[-1]
        scope = doc.page.scope
        if scope == "all":
            return None
        if scope == "page":
            return doc.root
        if scope == "section":
            return self._sections[-1] if len(self._sections) > doc.depth else doc.root
        return next((n for n in _ancestors(node) if isinstance(n, nodes.paragraph)), node)


def _scope_of(xref: nodes.Element, doc: _Doc) -> nodes.Element:
    """The scope of a {term} in a document's prose, as _scope finds it during the walk."""
    if doc.page.scope == "page":
        return doc.root
    if doc.page.scope == "section":
        return next(n for n in _ancestors(xref) if isinstance(n, nodes.section) or n is doc.root)
    return next((n for n in _ancestors(xref) if isinstance(n, nodes.paragraph)), xref)


def _never_linked(node: nodes.Element) -> bool:
    """Whether the walk skips an element whole (SKIP, SKIP_CLASSES, a card that is a link)."""
    return _kind(type(node)) == _SKIP or _skipped_for_classes(node)


def _skipped_for_classes(node: nodes.Element) -> bool:
    """Whether its classes make an element never linked (SKIP_CLASSES, a card that is a link)."""
    classes = node.attributes.get("classes")
    return bool(classes) and (not SKIP_CLASSES.isdisjoint(classes) or (
        "sd-card" in classes and _has_stretched_link(node)
    ))


# What the walk does with an element, by its class (see _kind).
_PLAIN, _ONLY, _FILE, _SKIP, _SECTION, _ITEM = range(6)


@functools.cache
def _kind(cls: type[nodes.Element]) -> int:
    """What the walk does with the elements of a class: asked once a class."""
    for kind, base in (
        (_ONLY, addnodes.only), (_FILE, addnodes.start_of_file), (_SKIP, SKIP),
        (_SECTION, nodes.section), (_ITEM, nodes.definition_list_item),
    ):
        if issubclass(cls, base):
            return kind
    return _PLAIN


def _is_glossary_entry(node: nodes.Node) -> bool:
    return isinstance(node, nodes.definition_list_item) and isinstance(
        node.parent.parent, addnodes.glossary
    )


def _ancestors(node: nodes.Node) -> Iterable[nodes.Node]:
    while node is not None:
        yield node
        node = node.parent


def _has_stretched_link(card: nodes.Element) -> bool:
    return any(
        "sd-stretched-link" in n["classes"] for n in card.findall(nodes.Element)
    )


class AutoLink(SphinxPostTransform):
    """Link the terms of a page as it is written, before {term} roles are resolved."""

    # Before ReferencesResolver (10): hand {term} links are still pending, to be
    # noted; before OnlyNodeTransform (50): ``only`` is decided as in the scan.
    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        docname = self.env.current_document.docname
        domain = self.env.domains["glossary"]
        lexicon = lexicon_for(self.env)
        builder = domain.builder
        if lexicon.entries and builder.name not in MARKED_LINKS:
            hrefs = Hrefs(builder)
            # HTML writes a run and its links in one node; other formats get nodes.
            links = {"hrefs": hrefs} if builder.format == "html" else {
                "make_link": lambda entry, text, fromdoc: (
                    None if (href := hrefs(entry, fromdoc)) is None
                    else reference(text, href, entry.key)
                ),
            }
            linker = Linker(
                self.document, lexicon, docname, lambda d: lexicon.page(self.env, d),
                tags=domain.tags, scanned=domain.data["runs"], **links,
            )
            linker.walk(self.document)
            if not linker.hand:  # its glossary links are all in its runs: no walk to find them
                LINKED[self.document] = linker.made
        # A page that says {noterm} is marked as it is read; an assembled one
        # (singlehtml, latex) keeps only its root's mark.
        if not (self.document.get(NOTERM) or hasattr(builder, "assemble_doctree")):
            return
        for node in list(self.document.findall(nodes.inline)):
            if "noterm" in node["classes"]:  # its work is done: leave only the text
                parent = node.parent
                parent[parent.index(node) : parent.index(node) + 1] = node.children


def lexicon_for(env: BuildEnvironment, *, renew: bool = False) -> Lexicon:
    """The lexicon of this build, made once after reading and kept by the domain."""
    domain = env.domains["glossary"]
    if renew or domain.lexicon is None:
        domain.lexicon = Lexicon(domain.entries(), env.config, env.domains.standard_domain)
    return domain.lexicon


def noterm_role(
    name: str, rawtext: str, text: str, lineno: int, inliner: Inliner,
    options: dict[str, Any] | None = None, content: list[str] | None = None,
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """``{noterm}`text```: keep this occurrence unlinked."""
    inliner.document[NOTERM] = True  # for AutoLink: a page to unwrap it from
    return [nodes.inline(rawtext, text, classes=["noterm"])], []
