"""Two builders that write from the environment once, at the end of a build.

- ``pitch``: pitch.txt and pitch.html, the landing page for email (``make pitch``).
- ``links``: links.txt, each page, section and lexicon entry as « Titre — URL »
  (``make links``), and published-links.txt, the same as ``page.html#anchor``
  lines (``make published-links`` adds the new ones to the list).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, urljoin

from sphinx.builders import Builder
from sphinx.util import logging

from sharing_ext._links import site_links
from sharing_ext._pitch import render_site_pitch, site_url

if TYPE_CHECKING:
    from collections.abc import Set

logger = logging.getLogger(__name__)


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
        pitch = render_site_pitch(self.env, self)
        self._write("pitch.txt", pitch.text)
        self._write("pitch.html", pitch.document)


class LinksBuilder(_EndOfBuildBuilder):
    name = "links"
    format = "links"
    epilog = "The links are in %(outdir)s (links.txt, published-links.txt)."

    def finish(self) -> None:
        links = site_links(self.env, self)
        base = site_url(self.env)
        lines = []
        for link in links:
            if link.kind == "page" and lines:
                lines.append("")
            lines.append(f"{link.title} — {urljoin(base, link.uri)}")
        self._write("links.txt", "\n".join(lines) + "\n")
        self._write("published-links.txt", "".join(f"{link.uri}\n" for link in links))
