"""Sphinx configuration of the site. Sources live in docs/; build with `make html`."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).parent
# Site-only code (French typography, the references directive): docs/_ext/.
sys.path.insert(0, str(HERE / "docs" / "_ext"))

# -- The site ----------------------------------------------------------------

project = "Coaching tech"
author = project
language = "fr"

# The site's public address, ending with "/": every absolute URL the site writes
# starts with it (canonical links, link previews, sitemap.xml, the pitch, the
# copy buttons, `make links`). Fill it in before publishing elsewhere than on
# Read the Docs, or give it for one command: `make pitch SITE_URL=https://…/`.
# Read the Docs sets READTHEDOCS_CANONICAL_URL (language and version included),
# which wins. Left empty, the site still builds: the copy buttons copy the
# address the page is served from, and what needs the public address is left
# out (canonical links, og:url, sitemap.xml); `make pitch` and `make links` stop.
site_url = ""
html_baseurl = (os.environ.get("READTHEDOCS_CANONICAL_URL")
                or os.environ.get("SITE_URL") or site_url)

extensions = [
    "myst_parser",
    "sphinx_design",
    "glossary_ext",
    "site_ext",
    # Sharing by email (docs/_ext/sharing_ext): copy buttons, the pitch, published
    # links, sitemap.xml.
    "sharing_ext",
    "sphinxext.opengraph",
    "notfound.extension",
    "sphinx_reredirects",
]

root_doc = "index"
exclude_patterns: list[str] = ["_ext", "_data", "_static"]

# -- Content -------------------------------------------------------------------

# The one place for the contact address: pages write {{ contact }} (a mailto
# link) or {{ contact_email }}. A placeholder until the authors give theirs.
contact_email = "contact@example.org"

# French typography: docutils' smart quotes (language "fr") give « » and ’;
# site_ext adds the no-break spaces. Authors type plain text.
smartquotes = True
smartquotes_action = "qDe"

# The interface in French: Sphinx's own catalogue, completed by ours for furo's
# strings (locale/fr/LC_MESSAGES/sphinx.po; Sphinx compiles the .mo itself).
locale_dirs = [str(HERE / "locale")]
templates_path = ["_templates"]

# -- Markdown (MyST) -----------------------------------------------------------

myst_enable_extensions = ["colon_fence", "deflist", "substitution"]
myst_substitutions = {
    "contact_email": contact_email,
    "contact": f"[{contact_email}](mailto:{contact_email})",
}
# Headings get anchors, and their slugs are the ids docutils gives the same
# headings, so a `#section` link stays the same whichever way it was made.
myst_heading_anchors = 3
myst_heading_slug_func = "docutils"

# -- HTML ----------------------------------------------------------------------

html_theme = "furo"
html_title = project
html_last_updated_fmt = None
html_show_copyright = False
html_copy_source = False
html_show_sourcelink = False
html_show_sphinx = False  # furo's credit line cannot be put in French with it
html_favicon = "docs/_static/favicon.svg"  # the triangle Tech – Métier – Management
html_static_path = ["docs/_static"]
# One link control per heading and term: the copy button (sharing_ext), not
# also Sphinx's "¶".
html_permalinks = False
# The landing page: its pages first, the search after them (furo's own pieces).
html_sidebars = {
    "index": ["sidebar/brand.html", "sidebar/scroll-start.html", "sidebar/navigation.html",
              "sidebar/search.html", "sidebar/ethical-ads.html", "sidebar/scroll-end.html",
              "sidebar/variant-selector.html"],
}

# -- Sharing by email ----------------------------------------------------------
# docs/_ext/sharing_ext; how to rename a page, a section or a term: README.md.

# Every link that may have been sent: checked after each build (`make html`),
# completed by `make published-links`. One `page.html#anchor` a line.
sharing_published_links = "published-links.txt"

# A renamed or moved page: "old-page" -> "new-page.html". The redirect page
# keeps the #fragment of the link (_templates/redirect.html).
redirects: dict[str, str] = {}
redirect_html_template_file = str(HERE / "_templates" / "redirect.html")

# A renamed lexicon term: its old anchor, kept on the new entry (a renamed
# section keeps its old label stacked above the new one instead).
sharing_anchor_aliases: dict[str, str] = {}

# Link previews (Open Graph, Twitter): a card drawn by tools/og_card.py.
# Without a public address, no image: a preview needs its absolute URL.
ogp_site_url = html_baseurl
ogp_image = "_static/og-card.png" if html_baseurl else None
ogp_image_alt = "Coaching tech\u00a0: pour des projets logiciels qui durent"
ogp_social_cards = {"enable": False}
ogp_custom_meta_tags = ['<meta property="og:locale" content="fr_FR" />']
if ogp_image:
    ogp_custom_meta_tags += [
        '<meta property="og:image:width" content="1200" />',
        '<meta property="og:image:height" content="630" />',
        '<meta name="twitter:card" content="summary_large_image" />',
    ]

# The 404 page: served at any depth on Read the Docs, so its links are absolute paths.
notfound_urls_prefix = urlsplit(html_baseurl).path or "/"
notfound_context = {
    "title": "Page introuvable",
    "body": (
        "<h1>Page introuvable</h1>\n"
        "<p>Cette adresse ne mène à aucune page du site\u00a0: elle a peut-être changé.</p>\n"
        f'<p>Repartez de <a href="{notfound_urls_prefix}index.html">l\u2019accueil</a>, '
        f'ou cherchez un mot dans <a href="{notfound_urls_prefix}lexique.html">le lexique</a>.</p>'
    ),
}
