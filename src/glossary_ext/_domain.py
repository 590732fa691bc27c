"""Per-document data: the terms each document defines, and the terms it uses."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Domain

from glossary_ext._lexicon import glossary_items, sort_glossaries
from glossary_ext._tooltips import definition_text, summary

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class Entry(NamedTuple):
    """One glossary entry: its stacked term lines are aliases of one term."""

    docname: str
    names: tuple[str, ...]
    ids: tuple[str, ...]  # the standard ``term-…`` anchors, one per line
    line: int
    # What a link shows of it: the first sentence of its first paragraph, as a
    # reader sees it (see summary), made once as the glossary is read.
    definition: str

    @property
    def key(self) -> str:
        return f"{self.docname}#{self.ids[0]}"


# A link to a term, automatic or written by hand, in one section: its entry's
# key, the section's anchor and title ("", "" for the page itself). A plain
# tuple of strings, which the garbage collector stops tracking: a site keeps
# tens of thousands of them for the whole build.
Use = tuple[str, str, str]


class GlossaryDomain(Domain):
    """Holds the extension's data, stored and merged per document (parallel builds)."""

    name = "glossary"
    label = "Glossaire"
    initial_data: dict[str, Any] = {
        "entries": {},  # docname -> [Entry]
        "uses": {},  # docname -> [Use], in reading order
        "words": {},  # docname -> (key, ...): the terms it says, linked or not, once each
        "runs": {},  # docname -> _linker.Runs: where its links go, as scanned
        "pages": {},  # docname -> what the scan needs of it, from its reading to the scan (_usage)
        "signature": (),  # what the links of the last build were made from
        "docs": set(),  # the documents of the last build
    }
    # This build's, never pickled: the Lexicon (see _linker.lexicon_for), the
    # builder and the tags (set once the builder is ready: pages recorded, links written).
    lexicon: Any = None
    builder: Any = None
    tags: Any = None

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        # The pages that parallel readers recorded, merged here and not in data:
        # Sphinx forks each reader from this process, and every reader sends
        # back all of data, which would carry their text back again each time.
        self.merged_pages: dict[str, Any] = {}

    def clear_doc(self, docname: str) -> None:
        for table in ("entries", "uses", "words", "runs", "pages"):
            self.data[table].pop(docname, None)
        self.merged_pages.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for table in ("entries", "uses", "words", "runs", "pages"):
            merged = self.merged_pages if table == "pages" else self.data[table]
            for docname in docnames & otherdata[table].keys():
                merged[docname] = otherdata[table][docname]

    def entries(self) -> Iterator[Entry]:
        """Every entry of every glossary, in document order."""
        for docname in sorted(self.data["entries"]):
            yield from self.data["entries"][docname]

    def uses(self) -> Iterable[tuple[str, list[Use]]]:
        return sorted(self.data["uses"].items())


def _line_of(term: nodes.term, sources: dict[str, list[str]]) -> int:
    """The line of a term in its source file.

    The glossary directive gives lines counted from 0 (rST) or from the start
    of its content (MyST): both before the real line, where the term line
    stands alone, as written (markup and classifiers included). Look for it there.
    """
    hint = term.line or 0
    if term.source not in sources:
        try:
            sources[term.source] = Path(term.source).read_text(encoding="utf-8").splitlines()
        except (OSError, TypeError):
            sources[term.source] = []
    lines = sources[term.source]
    written = term.rawsource.strip() or term.astext()
    # From the hint on, without copying the rest of the file for each term.
    return next((n + 1 for n in range(hint, len(lines)) if lines[n].strip() == written), hint + 1)


def read_glossaries(app: Sphinx, doctree: nodes.document) -> None:
    """Sort the glossaries of a document as it is read, then record their entries."""
    glossaries = list(doctree.findall(addnodes.glossary))  # one search of the page for both
    if glossaries:
        sort_glossaries(app, glossaries)
        collect_entries(app, glossaries)


def collect_entries(app: Sphinx, glossaries: Iterable[addnodes.glossary]) -> None:
    """Record the entries of the glossaries of a document, as it is read."""
    docname = app.env.current_document.docname
    found = []
    sources: dict[str, list[str]] = {}
    # The names as the standard domain registered them, before smart quotes:
    # what a {term} role must name.
    std_names = {
        labelid: name
        for (objtype, name), (doc, labelid) in app.env.domains.standard_domain.objects.items()
        if objtype == "term" and doc == docname
    }
    for glossary in glossaries:
        for item in glossary_items(glossary):
            terms = [child for child in item.children if isinstance(child, nodes.term)]
            if not terms or not all(term["ids"] for term in terms):
                continue
            definition = next(
                (child for child in item.children if isinstance(child, nodes.definition)), None
            )
            found.append(Entry(
                docname=docname,
                names=tuple(std_names.get(term["ids"][0]) or term.astext() for term in terms),
                ids=tuple(term["ids"][0] for term in terms),
                line=_line_of(terms[0], sources),
                definition=summary(definition_text(definition)) if definition is not None else "",
            ))
    domain: GlossaryDomain = app.env.domains["glossary"]
    if found:
        domain.data["entries"][docname] = found
