"""The controls written into the pages at build time, so nothing shifts on load.

- « Copier le lien » on each h2 and h3 heading and each lexicon entry: a
  ``<button>`` that carries the absolute URL (html_baseurl + page + #anchor),
  or, while no public address is set, the URL relative to the site's root,
  which sharing.js completes with the address the page is served from.
- « Copier le texte » at the end of the landing page, for whoever forwards it
  by email (the authors first): the pitch, as text and as HTML.
- For print, the absolute URL of each key link, in an attribute that print CSS
  shows (no text: nothing changes on screen, nor in the search index).
- Old anchors kept on their new target (``sharing_anchor_aliases``).

They are added when writing (``doctree-resolved``), never to the doctrees that
the table of contents and the titles are made from; they hold no text, so the
search index does not see them either.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar
from urllib.parse import urljoin

from docutils import nodes
from sphinx.util import logging
from sphinx.util.osutil import relative_uri

from sharing_ext import _links
from sharing_ext._pitch import page_url

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.writers.html5 import HTML5Translator

logger = logging.getLogger(__name__)

PITCH_JSON = "_static/pitch.json"
COPY_LABEL = "Copier le lien"
COPY_TITLES = {"section": "Copier le lien vers cette section", "term": "Copier le lien vers ce terme"}


class _Control(nodes.Element):
    """A node this extension adds; the pitch leaves it out."""

    sharing_control: ClassVar[bool] = True


class copy_link(_Control, nodes.Inline):  # noqa: N801 (docutils names nodes in lower case)
    """« Copier le lien »: ``url`` is absolute, ``kind`` is section or term."""


class copy_pitch(_Control, nodes.General):  # noqa: N801
    """« Copier le texte » (the pitch): ``source`` is its JSON, relative to the page."""


class print_url(_Control, nodes.Inline):  # noqa: N801
    """The absolute URL of the link just before, shown in print only."""


def _section_depth(section: nodes.section) -> int:
    depth, node = 0, section
    while node is not None:
        depth += isinstance(node, nodes.section)
        node = node.parent
    return depth


def _is_key_link(ref: nodes.reference) -> bool:
    """A link a printed page should spell out: not a glossary link, a card, an address."""
    uri = ref.get("refuri", "")
    return bool(
        uri
        and not uri.startswith(("mailto:", "#"))
        and "sd-stretched-link" not in ref["classes"]
        and not any("std-term" in inline["classes"] for inline in ref.findall(nodes.inline))
        and isinstance(ref.parent, (nodes.paragraph, nodes.inline))
        and ref.astext().strip()
    )


def add_controls(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """The buttons, the print URLs and the kept anchors, in a page being written."""
    builder = app.builder
    if builder.format != "html" or getattr(builder, "embedded", False):
        return
    page = page_url(app.env, builder, docname)
    _keep_old_anchors(app.config, doctree, builder.get_target_uri(docname))
    for section in list(doctree.findall(nodes.section)):
        title = section[0] if section.children else None
        if section["ids"] and isinstance(title, nodes.title) and 2 <= _section_depth(section) <= 3:
            title += copy_link(url=f"{page}#{section['ids'][0]}", kind="section")
    for term in list(doctree.findall(nodes.term)):
        if term["ids"] and _links.in_glossary(term):
            term += copy_link(url=f"{page}#{term['ids'][0]}", kind="term")

    if docname != app.config.root_doc:
        return
    # The landing page prints as a one-page pitch, with its links spelled out.
    for ref in list(doctree.findall(nodes.reference)):
        if _is_key_link(ref):
            ref.parent.insert(ref.parent.index(ref) + 1, print_url(url=urljoin(page, ref["refuri"])))
    # Last on the page: a prospect meets the text and the contact first.
    top = doctree.next_node(nodes.section)
    if top is not None:
        sections = [child for child in top.children if isinstance(child, nodes.section)]
        source = relative_uri(builder.get_target_uri(docname), PITCH_JSON)
        (sections[-1] if sections else top).append(copy_pitch(source=source))


def _keep_old_anchors(config: Config, doctree: nodes.document, uri: str) -> None:
    for old, new in _links.aliases_for(config, uri):
        for node in doctree.findall(nodes.Element):
            if new in node.get("ids", []):
                node["ids"].append(old)
                break
        else:
            logger.warning("sharing_anchor_aliases: %s#%s has no anchor %r to keep %r on",
                           uri, new, new, old, type="sharing", subtype="alias")


# -- HTML ------------------------------------------------------------------------------


def visit_copy_link(self: HTML5Translator, node: copy_link) -> None:
    self.body.append(
        f'<button type="button" class="sharing-copy" data-url="{self.attval(node["url"])}"'
        f' aria-label="{COPY_LABEL}" title="{COPY_TITLES[node["kind"]]}"></button>'
    )
    raise nodes.SkipNode


def visit_copy_pitch(self: HTML5Translator, node: copy_pitch) -> None:
    self.body.append(
        '<p class="sharing-pitch">Pour transmettre cette page par courriel\u00a0: '
        '<button type="button" class="sharing-copy-pitch"'
        f' data-pitch="{self.attval(node["source"])}">Copier son texte</button></p>\n'
    )
    raise nodes.SkipNode


def visit_print_url(self: HTML5Translator, node: print_url) -> None:
    self.body.append(f'<span class="sharing-url" data-url="{self.attval(node["url"])}"></span>')
    raise nodes.SkipNode


def register(app: Sphinx) -> None:
    for node, visit in [(copy_link, visit_copy_link), (copy_pitch, visit_copy_pitch),
                        (print_url, visit_print_url)]:
        app.add_node(node, html=(visit, None))
