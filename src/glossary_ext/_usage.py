"""After reading: find where each term is used, warn about what looks wrong,
and choose the pages to write again."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.logging import is_suppressed_warning

from glossary_ext._linker import Linker, Page, Runs, _ancestors, lexicon_for, page_settings

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.tags import Tags

    from glossary_ext._domain import GlossaryDomain, Use
    from glossary_ext._linker import Lexicon

logger = logging.getLogger(__name__)


# What the scan needs of a page, kept as the page is read (see Recorder):
#   ("t", text, entry anchor or None, paragraph, section)  a run of text to match
#   ("h", target, in prose, paragraph, section)            a {term} written by hand
Event = tuple[str, str, Any, int, int]
Section = tuple[str, str]  # anchor and title; ("", "") for the page itself


class Recorder(Linker):
    """Walk a page as it is read, as the Linker will walk it to write it, and
    keep what the scan of its terms needs: its runs of text, its {term} links,
    where each stands. The scan then needs no doctree; the runs are numbered
    as the Linker numbers them."""

    def __init__(self, document: nodes.document, docname: str, page: Page, tags: Tags) -> None:
        super().__init__(document, None, docname, lambda _: page, tags=tags)  # type: ignore[arg-type]
        self.events: list[Event] = []
        self.sections: list[Section] = []  # by number
        self._paragraphs: dict[int, int] = {}  # id(paragraph) -> its number
        self._numbers: dict[int, int] = {}  # id(section) -> its number

    def _entry(self, anchor: str) -> str:
        return anchor  # the lexicon is known only after reading

    def _claim(self, root: nodes.Element) -> None:
        pass  # the scan claims their scopes, from the events

    def _link_text(self, text: str, element: nodes.Element) -> None:
        defining = self._defining[-1] if self._defining else None
        self.events.append(("t", text, defining, self._paragraph(element), self._section()))

    def _note_hand_links(self, node: nodes.Element) -> None:
        for xref in node.findall(addnodes.pending_xref):
            if xref.get("reftype") == "term" and xref.get("refdomain") == "std":
                self.events.append(
                    ("h", xref["reftarget"], xref is node, self._paragraph(xref), self._section())
                )

    def _paragraph(self, node: nodes.Element) -> int:
        paragraph = next((n for n in _ancestors(node) if isinstance(n, nodes.paragraph)), node)
        return self._paragraphs.setdefault(id(paragraph), len(self._paragraphs))

    def _section(self) -> int:
        """The number of the innermost section; -1 before the first one."""
        if not self._sections:
            return -1
        section = self._sections[-1]
        if id(section) not in self._numbers:
            self._numbers[id(section)] = len(self.sections)
            page = section is self._docs[-1].top or not section["ids"]  # what it says, the page says
            self.sections.append(("", "") if page else (section["ids"][0], section[0].astext()))
        return self._numbers[id(section)]


class RecordPage(SphinxTransform):
    """Keep what the scan of a page needs, as it is read, once the page is final.

    Last of the transforms, not at doctree-read: that event comes at 880,
    before some of Sphinx's own (at 999, RemoveTranslatableInline unwraps the
    text of every documented parameter), and the page written would not be
    the page scanned.
    """

    default_priority = 999  # after Sphinx's own at 999, added before

    def apply(self, **kwargs: Any) -> None:
        docname = self.env.current_document.docname
        domain = self.env.domains["glossary"]
        domain.data["pages"][docname] = _recorded(self.env, domain.tags, self.document, docname)


def keep_builder(app: Sphinx) -> None:
    """The builder and the tags, for the pages recorded and the links written."""
    domain = app.env.domains["glossary"]
    domain.builder, domain.tags = app.builder, app.tags


def _recorded(
    env: BuildEnvironment, tags: Tags, doctree: nodes.document, docname: str
) -> tuple[list[Event], list[Section]]:
    recorder = Recorder(doctree, docname, page_settings(env, docname), tags)
    recorder.walk(doctree)
    return recorder.events, recorder.sections


def scan(
    docname: str, events: list[Event], sections: list[Section], lexicon: Lexicon, scope: str,
    said: dict[str, str],
) -> tuple[list[Use], set[str], Runs]:
    """Where a page uses each term, and the links it gets: the Linker's rules.

    `said` keeps each text of a link once for all the pages that say it.
    """
    uses: list[Use] = []
    words: set[str] = set()
    runs = Runs([], {})
    seen: defaultdict[object, set[str]] = defaultdict(set)
    used: set[tuple[str, int]] = set()
    unlinked = lexicon.unlinked

    def scope_of(paragraph: int, section: int) -> object:
        """The scope's place: a section's number, the page, a paragraph; None for "all"."""
        if scope == "section":
            return section
        return {"all": None, "page": "page"}.get(scope, ("p", paragraph))

    def take(key: str, paragraph: int, section: int) -> bool:
        place = scope_of(paragraph, section)
        if place is not None:
            keys = seen[place]
            if key in keys:
                return False
            keys.add(key)
        note(key, section)
        return True

    def note(key: str, section: int) -> None:
        if (key, section) not in used:
            used.add((key, section))
            uses.append((key, *(sections[section] if section >= 0 else ("", ""))))

    # A {term} written by hand in the prose is its scope's link, wherever it
    # stands: no automatic link beside the author's own, before or after it.
    for kind, value, extra, paragraph, section in events:
        if kind == "h" and extra and (key := lexicon.hand_key(value)) is not None:
            if (place := scope_of(paragraph, section)) is not None:
                seen[place].add(key)
    for kind, value, extra, paragraph, section in events:
        if kind == "h":
            if (key := lexicon.hand_key(value)) is not None:
                note(key, section)
            continue
        defining = lexicon.by_anchor.get((docname, extra)) if extra else None
        taken = []
        for start, end, key in lexicon.matcher.finditer(value):
            words.add(key)
            if key != defining and key not in unlinked and take(key, paragraph, section):
                word = value[start:end]
                taken.append((start, end, key, said.setdefault(word, word)))
        if taken:
            runs.links[len(runs.lengths)] = tuple(taken)
        runs.lengths.append(len(value))
    return uses, words, runs


def env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Scan the pages read in this build (all of them when the terms changed).

    Returns the pages to write again: all of them when the terms changed,
    since any page may use a new term; otherwise the glossaries, whose
    backlinks follow the pages that were read again.
    """
    domain: GlossaryDomain = env.domains["glossary"]
    lexicon = lexicon_for(env, renew=True)
    renew_all = lexicon.signature != domain.data["signature"]
    domain.data["signature"] = lexicon.signature
    docnames = sorted(env.all_docs)
    known, domain.data["docs"] = domain.data["docs"], set(docnames)

    to_scan = [d for d in docnames if renew_all or d not in domain.data["uses"]]
    # What was kept of the pages read in this build is needed only now: dropped
    # once scanned, never stored. A page read in an earlier build, when the
    # terms changed, is recorded again from its doctree.
    pages = domain.data["pages"]
    pages.update(domain.merged_pages)  # recorded by parallel readers
    domain.merged_pages.clear()
    # Not sys.intern: its table, which holds every name of every module loaded,
    # would grow by as many words, and stay grown, for the whole build.
    said: dict[str, str] = {}
    for docname in to_scan:
        events, sections = pages.pop(docname, None) or _recorded(
            env, domain.tags, env.get_doctree(docname), docname
        )
        uses, words, runs = scan(docname, events, sections, lexicon,
                                 lexicon.page(env, docname).scope, said)
        domain.data["uses"][docname] = uses
        domain.data["words"][docname] = tuple(words)  # a tenth of a set's size
        domain.data["runs"][docname] = runs
    pages.clear()

    warn_about(app, domain, lexicon)
    lexicon.release()
    if renew_all:
        return docnames
    # The backlinks follow the pages read again, added or removed.
    return sorted(domain.data["entries"]) if to_scan or known != domain.data["docs"] else []


def warn_about(app: Sphinx, domain: GlossaryDomain, lexicon: Lexicon) -> None:
    """Terms used nowhere, forms shared by two terms, terms that look like ordinary words."""
    entries = lexicon.entries
    for name in lexicon.unknown_options:
        logger.warning("glossary_terms names %r, which no glossary defines", name,
                       type="glossary", subtype="config")

    # Thousands of unused terms (a glossary larger than its site) make as many
    # warnings: not made at all where they are suppressed.
    if not is_suppressed_warning("glossary", "unused", app.config.suppress_warnings):
        used = {key for _, uses in domain.uses() for key, _, _ in uses}
        for key, entry in entries.items():
            if key not in used:
                logger.warning("term %r is defined but used nowhere", entry.names[0],
                               type="glossary", subtype="unused",
                               location=(entry.docname, entry.line))

    pairs = set()
    for collision in lexicon.matcher.collisions:
        if collision.keys in pairs:  # once a pair: a plural shares its name's fate
            continue
        pairs.add(collision.keys)
        first, second = (entries[key] for key in collision.keys)
        logger.warning("terms %r and %r both match %r; it links to %r",
                       first.names[0], second.names[0], collision.form, first.names[0],
                       type="glossary", subtype="collision",
                       location=(second.docname, second.line))

    # A term said in most pages of a site is one its readers meet everywhere:
    # an ordinary word, whose links are noise. Its core vocabulary stays below.
    pages = [words for docname, words in domain.data["words"].items()
             if lexicon.page(app.env, docname).auto]
    share, least = app.config.glossary_common_share, app.config.glossary_common_min_pages
    if len(pages) < least:
        return
    counts = Counter(key for words in pages for key in words)
    for key, entry in entries.items():
        count = counts[key]
        if count > share * len(pages) and lexicon.autolinks(key):
            logger.warning(
                "term %r appears in %d of %d pages (glossary_common_share = %s): it may be "
                "an ordinary word; consider glossary_terms = {%r: {'autolink': False}}",
                entry.names[0], count, len(pages), share, entry.names[0],
                type="glossary", subtype="common", location=(entry.docname, entry.line),
            )
