"""Find the terms in a doctree's prose, and link them."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.matching import Matcher as DocMatcher

from glossary_ext._domain import Entry, Use
from glossary_ext._language import get_language
from glossary_ext._matcher import Matcher, Term

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from docutils.parsers.rst.states import Inliner
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

# Never linked: headings and titles, existing links, code, raw, math, images,
# indexes and targets, field names, and the term lines of definition lists.
SKIP = (
    nodes.Titular, nodes.caption, nodes.thead, nodes.term, nodes.field_name,
    nodes.reference, addnodes.pending_xref, nodes.target,
    nodes.literal, nodes.literal_block, nodes.doctest_block, nodes.raw,
    nodes.math, nodes.math_block, nodes.image, nodes.comment,
    nodes.substitution_definition, nodes.label, nodes.docinfo,
    nodes.system_message, nodes.problematic,
    addnodes.toctree, addnodes.index, addnodes.desc_signature, addnodes.only,
)
# sphinx-design: card and dropdown titles are headings; tab labels are controls.
SKIP_CLASSES = {"noterm", "sd-card-title", "sd-summary-title", "sd-tab-label", "sd-btn"}
OFF = {"false", "off", "no", "0", "non"}


def page_switched_off(env: BuildEnvironment, docname: str) -> bool:
    """The page's own switch: ``glossary_autolink: false`` in front matter or an rST field."""
    value = env.metadata.get(docname, {}).get("glossary_autolink", True)
    return str(value).strip().lower() in OFF


class Lexicon:
    """What the links of one build are made from: entries, options and the matcher."""

    def __init__(self, entries: Iterable[Entry], config: Config) -> None:
        self.entries = {entry.key: entry for entry in entries}
        options = {name.lower(): opts for name, opts in config.glossary_terms.items()}
        self.options = {
            key: next((options[n.lower()] for n in entry.names if n.lower() in options), {})
            for key, entry in self.entries.items()
        }
        self.unknown_options = sorted(
            set(options) - {n.lower() for e in self.entries.values() for n in e.names}
        )
        self.by_name = {n.lower(): e.key for e in self.entries.values() for n in e.names}
        self.by_id = {i: e.key for e in self.entries.values() for i in e.ids}
        self.scope = config.glossary_link_scope
        self.skip_docs = DocMatcher(config.glossary_skip_docs)
        language = config.language or "en"
        self.matcher = Matcher(
            (
                Term(key, entry.names, tuple(self.options[key].get("variants", ())),
                     self.options[key].get("inflect", True))
                for key, entry in self.entries.items()
            ),
            get_language(language),
            config.glossary_locutions,
        )
        self.signature = hashlib.sha256(repr((
            sorted(self.entries.items()), sorted(self.options.items()), language,
            self.scope, sorted(config.glossary_skip_docs), sorted(config.glossary_locutions),
        )).encode()).hexdigest()

    def autolinks(self, key: str) -> bool:
        return self.options[key].get("autolink", True)

    def skips(self, env: BuildEnvironment, docname: str) -> bool:
        return self.skip_docs(docname) or page_switched_off(env, docname)


class Linker(nodes.NodeVisitor):
    """Walk a doctree: note each term, link the ones the scope asks for.

    Without ``make_link`` it only looks, for the usage scan after reading;
    with it, it splits text nodes and inserts links, at write time. Both
    walks take the same decisions, so the backlinks match the links.
    """

    def __init__(
        self,
        document: nodes.document,
        lexicon: Lexicon,
        make_link: Callable[[Entry, str], nodes.Node] | None = None,
        *,
        auto: bool = True,
    ) -> None:
        super().__init__(document)
        self.lexicon = lexicon
        self.make_link = make_link
        self.auto = auto  # False: only note the {term} links written by hand
        self.uses: list[Use] = []
        self.words: set[tuple[str, str]] = set()
        self._seen: defaultdict[int, set[str]] = defaultdict(set)  # keys linked, by scope
        self._used: set[tuple[str, int]] = set()  # (key, section) already in self.uses
        self._sections: list[nodes.section] = []
        self._defining: list[str | None] = []  # the entry whose definition we are in

    def dispatch_visit(self, node: nodes.Node) -> None:
        if isinstance(node, nodes.Text):
            return
        assert isinstance(node, nodes.Element)
        if isinstance(node, SKIP) or SKIP_CLASSES.intersection(node["classes"]) or (
            "sd-card" in node["classes"] and _has_stretched_link(node)
        ):
            if (
                isinstance(node, addnodes.pending_xref)
                and node.get("reftype") == "term"
                and not node.get("glossary_auto")
            ):
                key = self.lexicon.by_name.get(node["reftarget"].lower())
                if key:  # a {term} written by hand counts as the scope's occurrence
                    self._take(key, node, hand=True)
            raise nodes.SkipNode
        if isinstance(node, nodes.section):
            self._sections.append(node)
        elif _is_glossary_entry(node):
            terms = [child for child in node.children if isinstance(child, nodes.term)]
            key = terms and terms[0]["ids"] and self.lexicon.by_id.get(terms[0]["ids"][0])
            self._defining.append(key or None)
        if self.auto:
            self._link_children(node)

    def dispatch_departure(self, node: nodes.Node) -> None:
        if isinstance(node, nodes.section):
            self._sections.pop()
        elif _is_glossary_entry(node):
            self._defining.pop()

    def _link_children(self, element: nodes.Element) -> None:
        """Match each run of adjacent text nodes as one string (parsers split text)."""
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
            if child is not None:
                children.append(child)
        if changed:
            element[:] = children

    def _link_text(self, text: str, element: nodes.Element) -> list[nodes.Node] | None:
        out: list[nodes.Node] = []
        end = 0
        for match in self.lexicon.matcher.finditer(text):
            found = text[match.start:match.end]
            self.words.add((match.key, " ".join(found.lower().split())))
            if not self._take(match.key, element) or self.make_link is None:
                continue
            if end < match.start:
                out.append(nodes.Text(text[end:match.start]))
            out.append(self.make_link(self.lexicon.entries[match.key], found))
            end = match.end
        if not out:
            return None
        if end < len(text):
            out.append(nodes.Text(text[end:]))
        return out

    def _take(self, key: str, node: nodes.Element, *, hand: bool = False) -> bool:
        """Whether this occurrence is linked; note it as a use if it is."""
        if not hand and (
            not self.lexicon.autolinks(key) or (self._defining and self._defining[-1] == key)
        ):
            return False
        scope = self._scope(node)
        if scope is not None:
            if key in self._seen[id(scope)]:
                return False
            self._seen[id(scope)].add(key)
        section = self._sections[-1] if self._sections else None
        if (key, id(section)) not in self._used:
            self._used.add((key, id(section)))
            page = self._sections[0][0].astext() if self._sections else ""
            if section is None or isinstance(section.parent, nodes.document):
                self.uses.append(Use(key, "", page, page))
            else:
                self.uses.append(Use(key, section["ids"][0], page, section[0].astext()))
        return True

    def _scope(self, node: nodes.Element) -> nodes.Element | None:
        if self.lexicon.scope == "all":
            return None
        if self.lexicon.scope == "page":
            return self.document
        if self.lexicon.scope == "section":
            return self._sections[-1] if self._sections else self.document
        paragraph = next(
            (n for n in _ancestors(node) if isinstance(n, nodes.paragraph)), node
        )
        return paragraph


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

    # Before ReferencesResolver (10): hand {term} links are still pending, and
    # the standard domain resolves ours exactly as it resolves them.
    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        docname = self.env.current_document.docname
        lexicon = lexicon_for(self.env)
        if lexicon.entries and not lexicon.skips(self.env, docname):
            def make_link(entry: Entry, text: str) -> nodes.Node:
                # What a {term} role makes, for the standard domain to resolve.
                inner = nodes.inline(
                    text, text, classes=["xref", "std", "std-term", "glossary-link"]
                )
                return addnodes.pending_xref(
                    "", inner, refdomain="std", reftype="term", reftarget=entry.names[0],
                    refdoc=docname, refexplicit=True, refwarn=True, glossary_auto=True,
                )

            self.document.walkabout(Linker(self.document, lexicon, make_link))
        for node in list(self.document.findall(nodes.inline)):
            if "noterm" in node["classes"]:  # its work is done: leave only the text
                parent = node.parent
                parent[parent.index(node) : parent.index(node) + 1] = node.children


def lexicon_for(env: BuildEnvironment, *, renew: bool = False) -> Lexicon:
    """The lexicon of this build, made once after reading and kept by the domain."""
    domain = env.domains["glossary"]
    if renew or domain.lexicon is None:
        domain.lexicon = Lexicon(domain.entries(), env.config)
    return domain.lexicon


def noterm_role(
    name: str, rawtext: str, text: str, lineno: int, inliner: Inliner,
    options: dict[str, Any] | None = None, content: list[str] | None = None,
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """``{noterm}`text```: keep this occurrence unlinked."""
    return [nodes.inline(rawtext, text, classes=["noterm"])], []
