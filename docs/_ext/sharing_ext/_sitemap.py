"""sitemap.xml: each page of the site, at html_baseurl; none while it is unset.

html_baseurl already holds the language and version on Read the Docs
(/fr/latest/), so nothing is added to it. Written here rather than by
sphinx-sitemap, whose multiprocessing manager (a forked process) outlives the
build and keeps the pipes of whatever else the process runs open: a browser
driver in the test suite then never stops.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin
from xml.sax.saxutils import escape

from sharing_ext._links import reading_order
from sharing_ext._pitch import site_url

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def write_sitemap(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name != "html":
        return
    base = site_url(app.env)
    sitemap = Path(app.outdir, "sitemap.xml")
    if not base:  # a sitemap lists absolute URLs: better none than wrong ones
        sitemap.unlink(missing_ok=True)
        return
    urls = [urljoin(base, app.builder.get_target_uri(docname)) for docname in reading_order(app.env)]
    lines = [f"  <url><loc>{escape(url)}</loc></url>" for url in urls]
    sitemap.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "\n".join(lines) + "\n</urlset>\n",
        encoding="utf-8",
    )
