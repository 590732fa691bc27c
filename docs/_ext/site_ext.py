"""What this site needs beyond Sphinx and its extensions.

- French typography, applied at build time so that authors type plain text.
- The ``references`` directive: cards for the references and testimonials
  listed in a YAML file, and nothing at all while that list is empty.
- Lighter pages: the styles of highlighted code, and sphinx-design's styles
  and tabs script, only on the pages that use them.
- Quiet builds: neither MyST's configuration nor sphinxext-opengraph's word on
  matplotlib (social cards are off), which neither lets a setting silence.
- The landing page: the ``contact-button`` directive (a ``mailto:`` link styled
  as a button, its subject filled in), the class ``landing`` on the page, no
  « Suivant » link at its foot; the site's own styles (site_static/site.css).

Named ``site_ext`` rather than ``site``, which would shadow Python's own module.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import logging as stdlib_logging
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import quote

import yaml
from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from docutils.utils import smartquotes
from glossary_ext._tooltips import serve_compacted
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import is_smartquotable

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata, OptionSpec

logger = logging.getLogger(__name__)

# -- French typography ---------------------------------------------------------

NBSP = "\u00a0"  # no-break space: before a colon
NNBSP = "\u202f"  # narrow no-break space: before ; ! ? and inside « »

_SPACE = "[ \t\r\n\u00a0\u202f]"
# What may stand right before a sign that takes a space: a word, a closing mark.
_BEFORE = r"(?<=[\w)\]’”»…])"
# A sign followed by the end of the text or a space, so that URLs, times and
# the like (https://, 10:30, ?q=1) are left alone.
_SIGN_ENDS = r"(?:\s|$)"

_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(f"«{_SPACE}*"), f"«{NNBSP}"),
    (re.compile(f"{_SPACE}*»"), f"{NNBSP}»"),
    (re.compile(f"{_SPACE}+(?=[;!?])"), NNBSP),
    (re.compile(f"{_BEFORE}(?=[;!?]+{_SIGN_ENDS})"), NNBSP),
    (re.compile(f"{_SPACE}+(?=:)"), NBSP),
    (re.compile(f"{_BEFORE}(?=:{_SIGN_ENDS})"), NBSP),
    # Smart quotes leave a few straight apostrophes behind, after a word.
    (re.compile(r"(?<=\w)'"), "’"),
]


# A sign that takes a space, at the very start of a text (after inline markup).
_LEADING_SIGN = re.compile(r"^(?:(:)|[;!?]+)(?=\s|$)")
# What ends a word, or closes one, in the text just before it.
_ENDS_A_WORD = re.compile(r"[\w)\]’”»…]$")


def french_spacing(text: str) -> str:
    """The spaces and apostrophes of French typography, in a plain text."""
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


def french_typography(text: str) -> str:
    """Smart quotes, then spacing: for texts that docutils' smart quotes never see."""
    return french_spacing(smartquotes.smartyPants(text, "qDe", "fr"))


class FrenchTypography(SphinxTransform):
    """Finish what docutils' smart quotes do for French.

    ``smartquotes`` (on by default, language ``fr``) already gives « » and ’,
    but with full no-break spaces inside the guillemets and nothing before
    ; ! ? or :. This transform runs right after it, on the same text nodes
    (never in literals, code or raw). It also treats the texts smart quotes
    never see: the page's meta tags, and the index entries (a glossary term
    such as "État de l'art" is shown in the general index).
    """

    default_priority = 751  # SphinxSmartQuotes is 750

    def apply(self, **kwargs: object) -> None:
        if not (self.config.language or "").startswith("fr") or not self.config.smartquotes:
            return
        for text in list(self.document.findall(nodes.Text)):
            if not is_smartquotable(text):
                continue
            spaced = _after_markup(text, french_spacing(str(text)))
            if spaced != str(text):
                text.parent.replace(text, nodes.Text(spaced))
        for meta in self.document.findall(nodes.meta):
            meta["content"] = french_typography(meta["content"])
        for index in self.document.findall(addnodes.index):
            index["entries"] = [
                (kind, french_typography(text), *rest) for kind, text, *rest in index["entries"]
            ]


def _after_markup(node: nodes.Text, text: str) -> str:
    """The space before a sign that follows inline markup: `**mot**: suite`, `*autre*?`."""
    sign = _LEADING_SIGN.match(text)
    if not sign or node.parent is None:
        return text
    # By identity: a Text is a str, and equal texts may come earlier.
    index = next(n for n, child in enumerate(node.parent.children) if child is node)
    if index and _ENDS_A_WORD.search(node.parent[index - 1].astext()):
        return (NBSP if sign[1] else NNBSP) + text
    return text


# -- References ----------------------------------------------------------------


class ReferencesDirective(SphinxDirective):
    """Cards for the references listed in a YAML file (path relative to the page).

    The file holds a ``titre`` shown above the cards and a list ``references``
    whose entries have a ``nom`` (who speaks), a ``texte`` (Markdown) and,
    optionally, a ``lien``. While that list is empty, the directive renders
    nothing: no title, no empty grid. Use it in MyST pages.
    """

    required_arguments = 1
    option_spec: ClassVar[OptionSpec] = {}

    def run(self) -> list[nodes.Node]:
        relpath, path = self.env.relfn2path(self.arguments[0], self.env.docname)
        self.env.note_dependency(relpath)
        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as error:
            logger.warning("cannot read the references in %s: %s", relpath, error,
                           type="site", subtype="references", location=self.get_location())
            return []

        if not isinstance(data, dict):
            logger.warning("the references in %s should be a mapping with 'titre' and 'references'",
                           relpath, type="site", subtype="references", location=self.get_location())
            return []
        entries = data.get("references") or []
        cards = [card for card in map(self._card, entries) if card]
        if not cards:
            return []

        lines = ["`````{grid} 1 2 2 2", ":gutter: 2", ":class-container: site-references", ""]
        for card in cards:
            lines += [*card, ""]
        lines.append("`````")
        container = nodes.container(classes=["site-references-block"])
        container += nodes.rubric(text=str(data.get("titre") or "Références"))
        self.state.nested_parse(StringList(lines, self.get_source_info()[0]),
                                self.content_offset, container)
        return [container]

    def _card(self, entry: object) -> list[str] | None:
        if not (isinstance(entry, dict) and entry.get("nom") and entry.get("texte")):
            logger.warning("a reference needs a 'nom' and a 'texte': %r", entry,
                           type="site", subtype="references", location=self.get_location())
            return None
        name = " ".join(str(entry["nom"]).split())
        card = [f"````{{grid-item-card}} {name}"]
        if entry.get("lien"):
            card.append(f":link: {entry['lien']}")
        return [*card, "", str(entry["texte"]).strip(), "````"]


# -- The landing page ----------------------------------------------------------

STATIC = Path(__file__).parent / "site_static"


class ContactButton(SphinxDirective):
    """A ``mailto:`` link to ``contact_email``, styled as a button (sphinx-design's).

    The argument is its label; ``:subject:`` fills in the email's subject. The
    pitch for email leaves it out (class ``no-pitch``): its text ends with the
    contact already.
    """

    required_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[OptionSpec] = {"subject": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        email = self.config.contact_email
        if not email:
            logger.warning("contact-button: contact_email is empty in conf.py",
                           type="site", subtype="contact", location=self.get_location())
            return []
        url = f"mailto:{email}"
        if subject := self.options.get("subject", "").strip():
            url += "?subject=" + quote(subject)
        link = nodes.reference(self.arguments[0], self.arguments[0], refuri=url,
                               classes=["sd-btn", "sd-btn-primary", "site-cta"])
        return [nodes.paragraph("", "", link, classes=["site-cta-line", "no-pitch"])]


def mark_the_landing_page(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """For the site's CSS: the class ``landing`` on the root document's top section,
    ``site-follow-up`` on the links that close a paragraph on a line of their own.
    """
    from sharing_ext._pitch import follow_up_link  # the pitch sets them apart the same way

    if docname != app.config.root_doc or not (top := doctree.next_node(nodes.section)):
        return
    top["classes"].append("landing")
    for paragraph in top.findall(nodes.paragraph):
        if (link := follow_up_link(paragraph)) is not None:
            link["classes"].append("site-follow-up")


def landing_without_next(app: Sphinx, pagename: str, templatename: str,
                         context: dict[str, Any], doctree: nodes.document | None) -> None:
    """No « Suivant » at the foot of the landing page: it links every page itself."""
    if pagename == app.config.root_doc:
        context["next"] = None


def add_site_css(app: Sphinx) -> None:
    """site.css, compacted like the extensions' assets, for HTML builders only."""
    if app.builder.format != "html":
        return
    serve_compacted(app, [STATIC / "site.css"])
    app.add_css_file("site.css")


# -- Lighter pages -------------------------------------------------------------

# An asset every page loads, and how to tell the pages that use it.
_USED_BY = {
    "_static/pygments.css": lambda node: isinstance(node, nodes.literal_block | nodes.doctest_block)
    or (isinstance(node, nodes.literal) and "code" in node["classes"]),
    "_static/sphinx-design.min.css": lambda node: any(
        name.startswith("sd-") for name in node.get("classes", ())),
    "_static/design-tabs.js": lambda node: "sd-tab-set" in node.get("classes", ()),
}


def drop_unused_assets(app: Sphinx, pagename: str, templatename: str,
                       context: dict[str, Any], doctree: nodes.document | None) -> None:
    """Leave out of a page what nothing in it uses (a page without a doctree keeps all)."""
    if doctree is None:
        return
    used = {name for node in doctree.findall(nodes.Element)
            for name, uses in _USED_BY.items() if uses(node)}
    unused = _USED_BY.keys() - used
    for key in ("css_files", "script_files"):  # new lists: Sphinx reuses its own for every page
        context[key] = [asset for asset in context[key] if asset.filename not in unused]


# -- Quiet builds --------------------------------------------------------------


class _DropMystConfig(stdlib_logging.Filter):
    """MyST logs its whole configuration (~1,100 characters) at each build."""

    def filter(self, record: stdlib_logging.LogRecord) -> bool:
        return "myst v%s:" not in str(record.msg)


def quiet_builds() -> None:
    """Silence the two lines of the others' that say nothing about this site."""
    myst = stdlib_logging.getLogger("sphinx.myst_parser.sphinx_ext.main")
    if not any(isinstance(f, _DropMystConfig) for f in myst.filters):
        myst.addFilter(_DropMystConfig())
    # sphinxext-opengraph prints at import, whatever ogp_social_cards says: imported
    # here first (site_ext comes before it in `extensions`), its print swallowed.
    if "sphinxext.opengraph" not in sys.modules:
        with contextlib.redirect_stdout(io.StringIO()):
            importlib.import_module("sphinxext.opengraph")


def setup(app: Sphinx) -> ExtensionMetadata:
    quiet_builds()
    app.add_transform(FrenchTypography)
    app.add_directive("references", ReferencesDirective)
    app.add_config_value("contact_email", "", "env", types=frozenset({str}),
                         description="The site's contact address (contact-button directive).")
    app.add_directive("contact-button", ContactButton)
    app.connect("doctree-resolved", mark_the_landing_page)
    app.connect("html-page-context", landing_without_next)
    app.connect("builder-inited", add_site_css)
    app.connect("html-page-context", drop_unused_assets)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
