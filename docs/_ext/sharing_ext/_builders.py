"""Two builders that write from the environment once, at the end of a build.

- ``pitch``: pitch.txt and pitch.html, the landing page for email (``make pitch``).
- ``links``: links.txt, each page, section and lexicon entry as « Titre — URL »
  (``make links``).
- ``published-links``: published-links.txt, the same as ``page.html#anchor``
  lines (``make published-links`` adds the new ones to the list).

An email needs the site's public address: while it is not set, ``pitch`` and
``links`` write nothing and say where to set it (an error, in French, for the
authors). So does ``pitch`` while the contact address is still an example.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, urljoin

from sphinx.builders import Builder
from sphinx.util import logging

from sharing_ext._links import site_links
from sharing_ext._pitch import placeholder_contacts, render_site_pitch, site_url

if TYPE_CHECKING:
    from collections.abc import Set

logger = logging.getLogger(__name__)

NO_SITE_URL = (
    "{what} a besoin de l’adresse publique du site, qui n’est pas définie. Donnez-la pour "
    "cette commande ({command} SITE_URL=https://…/) ou une fois pour toutes dans conf.py "
    "(site_url = \"https://…/\")."
)
PLACEHOLDER_CONTACT = (
    "Le pitch donnerait l’adresse de contact {address}, qui n’est qu’un exemple. "
    "Mettez la vraie dans conf.py (contact_email)."
)


class _EndOfBuildBuilder(Builder):
    """Reads every document, writes nothing per document, then its files in ``finish``."""

    def get_outdated_docs(self) -> str:
        return "all documents"

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        # The HTML builder's URIs, which the links must match.
        return quote(docname) + (self.config.html_file_suffix or ".html")

    def write_documents(self, docnames: Set[str]) -> None:
        pass

    def _write(self, name: str, text: str) -> None:
        path = Path(self.outdir, name)
        path.write_text(text, encoding="utf-8")
        logger.info("%s", path)


class PitchBuilder(_EndOfBuildBuilder):
    name = "pitch"
    format = "pitch"
    epilog = "The pitch for email is in %(outdir)s (pitch.txt, pitch.html)."

    def finish(self) -> None:
        if not site_url(self.env):
            logger.error(NO_SITE_URL.format(what="Le pitch", command="make pitch"),
                         type="sharing", subtype="site_url")
            return
        pitch = render_site_pitch(self.env, self)
        if contacts := placeholder_contacts(pitch):
            logger.error(PLACEHOLDER_CONTACT.format(address=", ".join(contacts)),
                         type="sharing", subtype="contact")
            return
        self._write("pitch.txt", pitch.text)
        self._write("pitch.html", pitch.document)


class LinksBuilder(_EndOfBuildBuilder):
    name = "links"
    format = "links"
    epilog = "The links are in %(outdir)s (links.txt)."

    def finish(self) -> None:
        base = site_url(self.env)
        if not base:
            logger.error(NO_SITE_URL.format(what="La liste des liens", command="make links"),
                         type="sharing", subtype="site_url")
            return
        lines = []
        for link in site_links(self.env, self):
            if link.kind == "page" and lines:
                lines.append("")
            lines.append(f"{link.title} — {urljoin(base, link.uri)}")
        self._write("links.txt", "\n".join(lines) + "\n")


class PublishedLinksBuilder(_EndOfBuildBuilder):
    """The site's links relative to its root: no public address needed."""

    name = "published-links"
    format = "links"
    epilog = "The links are in %(outdir)s (published-links.txt)."

    def finish(self) -> None:
        links = site_links(self.env, self)
        self._write("published-links.txt", "".join(f"{link.uri}\n" for link in links))
