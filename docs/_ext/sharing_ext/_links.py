"""The site's links: every page, section and lexicon entry, and the published ones.

Published links (``sharing_published_links``, one ``page.html#anchor`` a line)
are links that may have been sent by email. After each HTML build, each one
must still lead somewhere: to its page, or to the page that a declared
redirect (sphinx-reredirects' ``redirects``) sends it to, the #fragment kept;
and to an element with that id. A link that no longer does is a warning that
names it, so that ``make html`` (-W) fails.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SiteLink:
    title: str
    uri: str  # relative to the site: page.html or page.html#anchor
    kind: str  # "page", "section" or "term"


def reading_order(env: BuildEnvironment) -> list[str]:
    """The documents as the table of contents orders them, then the others."""
    order: list[str] = []

    def visit(docname: str) -> None:
        if docname in order or docname not in env.found_docs:
            return
        order.append(docname)
        for child in env.toctree_includes.get(docname, []):
            visit(child)

    visit(env.config.root_doc)
    return order + sorted(env.found_docs - set(order))


def in_glossary(node: nodes.Node | None) -> bool:
    while node is not None and not isinstance(node, addnodes.glossary):
        node = node.parent
    return node is not None


def site_links(env: BuildEnvironment, builder: Builder) -> list[SiteLink]:
    """Every page, section and lexicon entry (each term line), in reading order."""
    links: list[SiteLink] = []
    for docname in reading_order(env):
        page = builder.get_target_uri(docname)
        doctree = env.get_doctree(docname)
        for node in doctree.findall(lambda n: isinstance(n, (nodes.section, nodes.term))):
            if not node["ids"]:
                continue
            if isinstance(node, nodes.section) and isinstance(node[0], nodes.title):
                if isinstance(node.parent, nodes.document):
                    links.append(SiteLink(node[0].astext(), page, "page"))
                else:
                    links.append(SiteLink(node[0].astext(), f"{page}#{node['ids'][0]}", "section"))
            elif isinstance(node, nodes.term) and in_glossary(node):
                links.append(SiteLink(node.astext(), f"{page}#{node['ids'][0]}", "term"))
    return links


# -- Published links --------------------------------------------------------------------


def read_published_links(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, link) for each link of the list: comments and blank lines skipped."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if line and not line.startswith("#"):
            yield number, line


def resolve(link: str, redirects: dict[str, str], page_ids: Callable[[str], set[str] | None]) -> str:
    """Why a published link no longer leads anywhere; empty when it still does.

    ``redirects`` maps old pages (``page.html``) to their new address,
    relative to the old page, with or without a fragment: the link's own
    fragment wins, as the redirect pages keep it.
    """
    page, _, anchor = link.partition("#")
    seen: set[str] = set()
    while page in redirects:
        if page in seen:
            return f"the redirects of {page} go round in a loop"
        seen.add(page)
        target = redirects[page]
        if urlsplit(target).scheme:
            return ""  # another site: nothing to check here
        target_page, _, target_anchor = target.partition("#")
        page = posixpath.normpath(posixpath.join(posixpath.dirname(page), target_page))
        anchor = anchor or target_anchor
    ids = page_ids(page)
    if ids is None:
        return f"there is no page {page}, and no redirect is declared for it"
    if anchor and unquote(anchor) not in ids:
        return (f"{page} has no anchor #{anchor}: keep the old label above the heading, "
                "or declare an anchor alias or a redirect")
    return ""


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids.update(value for name, value in attrs if name == "id" and value)


def html_ids(outdir: Path) -> Callable[[str], set[str] | None]:
    """The ids of a written page, or None when there is no such page."""
    cache: dict[str, set[str] | None] = {}

    def ids(page: str) -> set[str] | None:
        if page not in cache:
            path = outdir / page
            if page.startswith("..") or not path.is_file():
                cache[page] = None
            else:
                parser = _Ids()
                parser.feed(path.read_text(encoding="utf-8"))
                cache[page] = parser.ids
        return cache[page]

    return ids


def page_redirects(config: Config, suffix: str = ".html") -> dict[str, str]:
    """sphinx-reredirects' ``redirects``, keyed by page (wildcards are not followed)."""
    redirects = getattr(config, "redirects", None) or {}
    return {
        (source if source.endswith(suffix) else source + suffix).lstrip("/"): target
        for source, target in redirects.items()
        if not any(char in source for char in "*?[")
    }


def check_published_links(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name != "html" or not app.config.sharing_published_links:
        return
    path = Path(app.srcdir, app.config.sharing_published_links)
    if not path.is_file():
        logger.warning("the list of published links %s is missing", path,
                       type="sharing", subtype="published_links")
        return
    redirects = page_redirects(app.config, app.builder.out_suffix)
    ids = html_ids(Path(app.outdir))
    count = 0
    for number, link in read_published_links(path):
        count += 1
        problem = resolve(link, redirects, ids)
        if problem:
            logger.warning("published link %s no longer resolves: %s", link, problem,
                           location=f"{path}:{number}", type="sharing", subtype="published_links")
    logger.info("sharing: %d published links checked", count)


# -- Anchor aliases --------------------------------------------------------------------


def _split(link: object) -> tuple[str, str] | None:
    if not isinstance(link, str) or link.count("#") != 1:
        return None
    page, anchor = link.split("#")
    return (page, anchor) if page and anchor else None


def validate_aliases(app: Sphinx, config: Config) -> None:
    """Keep the aliases that name an old and a new anchor of one page; warn about the others."""
    valid = {}
    for old, new in dict(config.sharing_anchor_aliases).items():
        old_parts, new_parts = _split(old), _split(new)
        if old_parts and new_parts and old_parts[0] == new_parts[0]:
            valid[old] = new
        else:
            logger.warning("sharing_anchor_aliases: %r: %r should be two anchors of one page, "
                           "as 'page.html#old': 'page.html#new'", old, new,
                           type="sharing", subtype="alias")
    config.sharing_anchor_aliases = valid


def aliases_for(config: Config, page: str) -> list[tuple[str, str]]:
    """(old anchor, new anchor) for one page."""
    pairs = []
    for old, new in config.sharing_anchor_aliases.items():
        old_page, old_anchor = old.split("#")
        if old_page == page:
            pairs.append((old_anchor, new.split("#")[1]))
    return pairs
