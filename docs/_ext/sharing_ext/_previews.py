"""Link previews: what sphinxext-opengraph leaves to the site.

- og:description is the page's own description (its front matter's
  ``html_meta``), not the start of its text; set before the extension runs.
- The Twitter tags repeat the Open Graph title, description and image.
- og:url only with the site's public address (sphinxext-opengraph would
  otherwise write a relative one, which link previews cannot use).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_OG_URL = re.compile(r'<meta property="og:url" content="[^"]*" />\n?')
_OG_TAG = re.compile(r'<meta property="og:(title|description|image|image:alt)" content="([^"]*)" />')


def page_description(doctree: nodes.document) -> str:
    for meta in doctree.findall(nodes.meta):
        if meta.get("name") == "description":
            return meta["content"]
    return ""


def add_description(app: Sphinx, pagename: str, templatename: str,
                    context: dict[str, Any], doctree: nodes.document | None) -> None:
    """Before sphinxext-opengraph (priority 500): og:description from the page's description."""
    if doctree is None or not (description := page_description(doctree)):
        return
    # A copy: context["meta"] is the environment's own metadata of the page.
    context["meta"] = {**(context.get("meta") or {}), "og:description": description}


def add_twitter_tags(app: Sphinx, pagename: str, templatename: str,
                     context: dict[str, Any], doctree: nodes.document | None) -> None:
    """After sphinxext-opengraph: twitter:title, :description, :image, :image:alt."""
    tags = context.get("metatags", "")
    if not app.config.html_baseurl:
        tags = context["metatags"] = _OG_URL.sub("", tags)
    twitter = [f'<meta name="twitter:{name}" content="{content}" />'
               for name, content in _OG_TAG.findall(tags)]
    if twitter:
        context["metatags"] = tags + "\n".join(twitter) + "\n"
