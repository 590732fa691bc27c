"""Sphinx configuration of the site. Sources live in docs/; build with `make html`."""

from __future__ import annotations

import os

# -- The site ----------------------------------------------------------------

project = "Coaching tech"
author = project
language = "fr"

# Where the site is published, for canonical links and absolute URLs.
# Read the Docs sets READTHEDOCS_CANONICAL_URL (language and version included);
# elsewhere, this default applies: the address `make live` serves.
SITE_URL = "http://127.0.0.1:8000/"
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", SITE_URL)

extensions = [
    "myst_parser",
    "sphinx_design",
    "glossary_ext",
]

root_doc = "index"
exclude_patterns: list[str] = []

# -- Markdown (MyST) -----------------------------------------------------------

myst_enable_extensions = ["colon_fence", "deflist"]
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
