"""Sphinx configuration of the site. Sources live in docs/; build with `make html`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).parent
# Site-only code (French typography, the references directive): docs/_ext/.
sys.path.insert(0, str(HERE / "docs" / "_ext"))

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
    "site_ext",
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
html_favicon = "docs/_static/favicon.svg"
html_static_path = ["docs/_static"]
html_css_files = ["site.css"]
