"""The pitch for email, made from the landing page's own doctree.

There is no second copy of the text: the landing page (the root document) is
read into a few blocks (headings, paragraphs, lists; the cards become a list),
and written out twice:

- as plain text wrapped at 72 columns, the links numbered ``[1]`` in the text
  and listed after it as absolute URLs;
- as email-safe HTML: no script, no class, no external CSS, inline styles only.

Glossary links are left out (the text stays), and so are the page's controls
and what has the class ``no-pitch`` (the landing page's buttons).
"""

from __future__ import annotations

import html
import json
import re
import textwrap
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from docutils import nodes

if TYPE_CHECKING:
    from pathlib import Path

    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

WIDTH = 72
# Between a link and its number, so that wrapping never puts "[1]" on a line of its own.
_GLUE = "\x00"
# Spaces that may break; the no-break spaces of French typography stay.
_SPACES = re.compile(r"[ \t\r\n]+")


def _squeeze(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


@dataclass
class Span:
    """A piece of inline text, a link when it has a URL."""

    text: str
    url: str = ""
    numbered: bool = True  # in plain text, a link gets a number and its URL after the text
    follow_up: bool = False  # a link on a line of its own at the end of its paragraph


@dataclass
class Block:
    kind: str  # "h1", "h2", "p", "ol", "ul"
    spans: list[Span] = field(default_factory=list)  # headings and paragraphs
    items: list[list[Span]] = field(default_factory=list)  # lists


def site_url(env: BuildEnvironment) -> str:
    """The site's public address, ending with a slash (html_baseurl); empty when unset."""
    base = env.config.html_baseurl or ""
    return base if not base or base.endswith("/") else base + "/"


def page_url(env: BuildEnvironment, builder: Builder, docname: str) -> str:
    """A page's absolute URL; relative to the site's root while no public address is set."""
    return urljoin(site_url(env), builder.get_target_uri(docname))


# While no public address is set, the pitch of the copy button holds this in its
# place; sharing.js puts in the address the page is served from.
SERVED_SITE = "{site}/"

# Reserved for examples (RFC 2606, RFC 6761): an address there is a placeholder.
_EXAMPLE_DOMAINS = re.compile(r"(^|\.)(example\.(org|com|net)|[^.]+\.(example|invalid|test|localhost))$")


def placeholder_contacts(pitch: Pitch) -> list[str]:
    """The email addresses of the pitch that are still examples (contact@example.org)."""
    found = re.findall(r'href="mailto:([^"?]+)', pitch.html)
    return sorted({a for a in found if _EXAMPLE_DOMAINS.search(a.rpartition("@")[2].lower())})


# -- Reading the landing page -------------------------------------------------------


def _is_term_link(node: nodes.reference) -> bool:
    return any("std-term" in inline["classes"] for inline in node.findall(nodes.inline))


def follow_up_link(paragraph: nodes.paragraph) -> nodes.reference | None:
    """The link that ends a paragraph on a line of its own (« Notre grille de lecture »)."""
    children = [c for c in paragraph.children if not getattr(c, "sharing_control", False)]
    if (len(children) >= 2 and isinstance(children[-1], nodes.reference)
            and not _is_term_link(children[-1])
            and isinstance(children[-2], nodes.Text) and str(children[-2]).endswith("\n")):
        return children[-1]
    return None


def _spans(node: nodes.Node, base: str) -> list[Span]:
    """The inline content of a paragraph or title, links made absolute."""
    spans: list[Span] = []
    for child in node.children:
        if isinstance(child, nodes.Text):
            spans.append(Span(_SPACES.sub(" ", str(child))))
        elif getattr(child, "sharing_control", False):
            continue
        elif isinstance(child, nodes.reference) and not _is_term_link(child):
            uri = child.get("refuri") or ("#" + child["refid"] if child.get("refid") else "")
            spans.append(Span(_squeeze(child.astext()), urljoin(base, uri)))
        elif isinstance(child, (nodes.target, nodes.footnote_reference, nodes.raw,
                                nodes.substitution_definition, nodes.system_message)):
            continue
        elif isinstance(child, nodes.Element):
            spans.extend(_spans(child, base))
    return spans


def _card(card: nodes.Element, base: str) -> list[Span]:
    """A sphinx-design card as one list item: its title (a link), then its text."""
    title = [n for n in card.findall(nodes.Element) if "sd-card-title" in n.get("classes", [])]
    links = [n for n in card.findall(nodes.reference) if "sd-stretched-link" in n["classes"]]
    texts = [n for n in card.findall(nodes.paragraph) if "sd-card-text" in n["classes"]]
    name = title[0].astext().strip() if title else ""
    url = urljoin(base, links[0].get("refuri", "")) if links else ""
    spans = [Span(name, url)] if name else []
    for text in texts:
        spans += [Span(" – ") if spans else Span(""), *_spans(text, base)]
    return spans


def read_blocks(doctree: nodes.document, base: str) -> list[Block]:
    """The landing page as headings, paragraphs and lists, in reading order."""
    blocks: list[Block] = []

    def walk(node: nodes.Element, depth: int) -> None:
        for child in node.children:
            if (not isinstance(child, nodes.Element) or getattr(child, "sharing_control", False)
                    or "no-pitch" in child.get("classes", ())):
                continue
            if isinstance(child, nodes.section):
                walk(child, depth + 1)
            elif isinstance(child, nodes.title):
                blocks.append(Block("h1" if depth <= 1 else "h2", _spans(child, base)))
            elif isinstance(child, nodes.paragraph):
                spans = _spans(child, base)
                if follow_up_link(child) is not None and spans[-1].url:
                    spans[-1].follow_up = True
                blocks.append(Block("p", spans))
            elif isinstance(child, (nodes.enumerated_list, nodes.bullet_list)):
                kind = "ol" if isinstance(child, nodes.enumerated_list) else "ul"
                items = [_spans(item.next_node(nodes.paragraph) or item, base)
                         for item in child.children]
                blocks.append(Block(kind, items=items))
            elif isinstance(child, (nodes.container, nodes.compound, nodes.block_quote)):
                if "toctree-wrapper" in child["classes"]:
                    continue
                # A grid of cards (sphinx-design) reads as a list.
                cards = [n for n in child.findall(nodes.container) if "sd-card" in n["classes"]]
                if cards:
                    blocks.append(Block("ul", items=[_card(card, base) for card in cards]))
                else:
                    walk(child, depth)

    walk(doctree, 0)
    return [b for b in blocks if b.items or _squeeze("".join(s.text for s in b.spans))]


# -- Writing it ---------------------------------------------------------------------


@dataclass
class Pitch:
    title: str
    text: str
    html: str  # a fragment, for the clipboard
    document: str  # the same as a whole HTML document, for pitch.html

    def write_json(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {"text": self.text, "html": self.html}
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def to_text(blocks: list[Block], site: str) -> str:
    """Plain text wrapped at 72 columns; links numbered, then listed as URLs."""
    urls: list[str] = []

    def inline(spans: list[Span]) -> str:
        out = ""
        for span in spans:
            out += span.text
            if span.url and span.numbered and not span.url.startswith("mailto:"):
                if span.url not in urls:
                    urls.append(span.url)
                out += f"{_GLUE}[{urls.index(span.url) + 1}]"
        return _squeeze(out)

    def wrap(text: str, first: str = "", rest: str = "") -> str:
        wrapped = textwrap.fill(text, WIDTH, initial_indent=first, subsequent_indent=rest,
                                break_long_words=False, break_on_hyphens=False)
        return wrapped.replace(_GLUE, " ")

    parts: list[str] = []
    for block in blocks:
        if block.kind == "p" and block.spans[-1].follow_up:
            # A link that follows its paragraph stays apart, as on the page.
            *text, link = block.spans
            parts.append(wrap(inline(text)) + "\n" + wrap(inline([Span("→ "), link]), "", "  "))
        elif block.kind == "p" or block.kind.startswith("h"):
            # Headings as lines of their own: underlines only line up in monospace,
            # which most mail clients do not use for plain text.
            parts.append(wrap(inline(block.spans)))
        else:
            lines = []
            for number, item in enumerate(block.items, 1):
                bullet = f"{number}. " if block.kind == "ol" else "- "
                lines.append(wrap(inline(item), bullet, " " * len(bullet)))
            parts.append("\n".join(lines))
    links = [f"Le site\u00a0: {site}"] + [f"[{n}] {url}" for n, url in enumerate(urls, 1)]
    parts.append("Liens\n" + "\n".join(links))
    return "\n\n".join(parts) + "\n"


# Inline styles only: mail clients drop style sheets and classes.
FONT = "font-family:Arial,Helvetica,sans-serif;color:#1a1a1a"
STYLES = {
    "div": f"{FONT};font-size:15px;line-height:1.5;max-width:640px",
    "h1": "margin:0 0 12px;font-size:22px;line-height:1.3",
    "h2": "margin:20px 0 6px;font-size:17px;line-height:1.3",
    "p": "margin:0 0 10px",
    "ol": "margin:0 0 10px;padding-left:24px",
    "ul": "margin:0 0 10px;padding-left:24px",
    "li": "margin:0 0 4px",
    "a": "color:#0b57d0;text-decoration:underline",
}


def _tag(name: str, content: str) -> str:
    return f'<{name} style="{STYLES[name]}">{content}</{name}>'


def _html_inline(spans: list[Span]) -> str:
    out = ""
    for span in spans:
        text = html.escape(span.text)
        if span.follow_up:
            out = out.rstrip() + "<br>→ "
        if span.url:
            out += f'<a href="{html.escape(span.url)}" style="{STYLES["a"]}">{text}</a>'
        else:
            out += text
    return _squeeze(out)


def to_html(blocks: list[Block], site: str) -> str:
    """Email-safe HTML: a fragment with inline styles, no class, no script."""
    parts = []
    for block in blocks:
        if block.items:
            items = "".join(_tag("li", _html_inline(item)) for item in block.items)
            parts.append(_tag(block.kind, items))
        else:
            parts.append(_tag(block.kind, _html_inline(block.spans)))
    link = f'<a href="{html.escape(site)}" style="{STYLES["a"]}">{html.escape(site)}</a>'
    parts.append(_tag("p", f"Le site\u00a0: {link}"))
    return _tag("div", "\n".join(parts))


def _document(title: str, fragment: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n</head>\n"
        f'<body style="margin:0;padding:16px">\n{fragment}\n</body>\n</html>\n'
    )


def render_pitch(doctree: nodes.document, page: str, site: str) -> Pitch:
    blocks = read_blocks(doctree, page)
    title = next((_squeeze("".join(s.text for s in b.spans)) for b in blocks if b.kind == "h1"), "")
    fragment = to_html(blocks, site)
    return Pitch(title, to_text(blocks, site), fragment, _document(title, fragment))


def render_site_pitch(env: BuildEnvironment, builder: Builder, site: str = "") -> Pitch:
    """The pitch of the site: its root document, as this builder resolves it.

    Its URLs start with ``site``, by default the public address.
    """
    site = site or site_url(env)
    root = env.config.root_doc
    doctree = env.get_and_resolve_doctree(root, builder, tags=builder.tags)
    return render_pitch(doctree, urljoin(site, builder.get_target_uri(root)), site)
