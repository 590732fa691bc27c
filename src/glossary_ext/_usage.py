"""After reading: find where each term is used, warn about what looks wrong,
and choose the pages to write again."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from sphinx.util import logging
from sphinx.util.docutils import LoggingReporter

from glossary_ext._linker import Linker, lexicon_for

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from glossary_ext._domain import GlossaryDomain, Use
    from glossary_ext._linker import Lexicon

logger = logging.getLogger(__name__)


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

    domain.builder, domain.tags = app.builder, app.tags  # for the links written
    to_scan = [d for d in docnames if renew_all or d not in domain.data["uses"]]
    for docname in to_scan:
        uses: list[Use] = []
        words: set[str] = set()
        if lexicon.entries:
            doctree = _doctree(env, docname)
            linker = Linker(doctree, lexicon, docname, lambda d: lexicon.page(env, d),
                            tags=app.tags)
            doctree.walkabout(linker)
            uses, words = linker.uses, linker.words
            domain.data["runs"][docname] = linker.runs
        domain.data["uses"][docname] = uses
        domain.data["words"][docname] = words

    warn_about(app, domain, lexicon)
    if renew_all:
        return docnames
    # The backlinks follow the pages read again, added or removed.
    return sorted(domain.data["entries"]) if to_scan or known != domain.data["docs"] else []


def _doctree(env: BuildEnvironment, docname: str) -> nodes.document:
    """A page's doctree, as read: the one Sphinx keeps in memory for writing,
    when it does (a serial build), rather than unpickled once more. Only read."""
    cached = getattr(env, "_write_doc_doctree_cache", {}).get(docname)
    if cached is None:
        return env.get_doctree(docname)
    # What Sphinx gives it back before writing, and a walk needs.
    cached.settings.env = env
    cached.reporter = LoggingReporter(str(env.doc2path(docname)))
    return cached


def warn_about(app: Sphinx, domain: GlossaryDomain, lexicon: Lexicon) -> None:
    """Terms used nowhere, forms shared by two terms, terms that look like ordinary words."""
    entries = lexicon.entries
    for name in lexicon.unknown_options:
        logger.warning("glossary_terms names %r, which no glossary defines", name,
                       type="glossary", subtype="config")

    used = {use.key for _, uses in domain.uses() for use in uses}
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
