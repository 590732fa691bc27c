"""Sharing the site by email: links that never break, copy buttons, the pitch.

- Copy buttons: « Copier le lien » on each h2 and h3 heading and each lexicon
  entry, « Copier son texte » (the pitch) at the end of the landing page (``_controls``).
- Links that never break: the published links, checked after each HTML build;
  anchors kept for renamed terms (``_links``).
- The pitch for email, made from the landing page (``_pitch``), and three
  builders: ``pitch`` (pitch.txt, pitch.html), ``links`` (« Titre — URL »)
  and ``published-links``.
- Link previews: the page's own description for Open Graph, and Twitter tags
  (``_previews``); sitemap.xml (``_sitemap``).

Site-only code, beside ``site_ext`` in docs/_ext.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

# Compacted the way glossary_ext serves its own CSS and JavaScript.
from glossary_ext._tooltips import serve_compacted

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

logger = logging.getLogger(__name__)

__version__ = "1.0"

STATIC = Path(__file__).parent / "static"


def _add_static_files(app: Sphinx) -> None:
    """The buttons' CSS and JavaScript, compacted, for HTML builders only."""
    if app.builder.format != "html":
        return
    serve_compacted(app, sorted(STATIC.iterdir()))
    app.add_css_file("sharing.css")
    app.add_js_file("sharing.js", loading_method="defer")


def setup(app: Sphinx) -> ExtensionMetadata:
    from sharing_ext import _builders, _controls, _links, _previews, _sitemap

    app.add_config_value(
        "sharing_published_links", "", "", types=frozenset({str}),
        description="The list of published links (page.html#anchor), relative to the "
                    "source folder; checked after each HTML build. Empty: no check.",
    )
    app.add_config_value(
        "sharing_anchor_aliases", {}, "html", types=frozenset({dict}),
        description="Old anchors kept on their new target: "
                    "{'page.html#old': 'page.html#new'}, within one page.",
    )
    app.connect("config-inited", _links.validate_aliases)
    app.connect("builder-inited", _add_static_files)
    _controls.register(app)
    app.connect("doctree-resolved", _controls.add_controls)
    # Around sphinxext-opengraph's handler (priority 500).
    app.connect("html-page-context", _previews.add_description, priority=450)
    app.connect("html-page-context", _previews.add_twitter_tags, priority=550)
    app.connect("build-finished", _pitch_for_the_copy_button)
    app.connect("build-finished", _links.check_published_links)
    app.connect("build-finished", _sitemap.write_sitemap)
    app.add_builder(_builders.PitchBuilder)
    app.add_builder(_builders.LinksBuilder)
    app.add_builder(_builders.PublishedLinksBuilder)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}


def _pitch_for_the_copy_button(app: Sphinx, exception: Exception | None) -> None:
    """The pitch beside the landing page, where « Copier son texte » fetches it.

    While no public address is set, its URLs start with a placeholder that the
    page replaces with the address it is served from. What is missing before
    the site can go out is said, as notices: -W builds still pass.
    """
    from sharing_ext import _controls, _pitch

    if exception is not None or app.builder.name not in {"html", "dirhtml"}:
        return
    public = _pitch.site_url(app.env)
    pitch = _pitch.render_site_pitch(app.env, app.builder, public or _pitch.SERVED_SITE)
    pitch.write_json(Path(app.outdir) / _controls.PITCH_JSON)
    if not public:
        logger.info("sharing: pas d’adresse publique (SITE_URL, ou site_url dans conf.py) : "
                    "ni lien canonique, ni og:url, ni sitemap.xml ; make pitch et make links "
                    "la demanderont.")
    for address in _pitch.placeholder_contacts(pitch):
        logger.info("sharing: l’adresse de contact %s n’est qu’un exemple : mettez la vraie "
                    "dans conf.py (contact_email) avant de publier.", address)
