"""Property: linking never changes the visible text, and never links where it must not."""

from __future__ import annotations

from types import SimpleNamespace

from docutils import nodes
from docutils.core import publish_doctree
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary_ext._domain import Entry
from glossary_ext._linker import Lexicon, Linker, Page

WORDS = ["sens", "équipe", "Équipe", "apprentissage", "apprentissages", "auto", "organisation",
         "amélioration", "continue", "continues", "DSI", "dsi", "levier", "leviers", "d’action",
         "l’énergie", "énergie", "signal", "signaux", "faible", "consensus", "état", "de", "l’art"]
SEPARATORS = [" ", " ", "\u00a0", "\u202f", "\n", "-", "’", ", ", ". "]


@st.composite
def prose(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=25))
    text = words[0]
    for word in words[1:]:
        text += draw(st.sampled_from(SEPARATORS)) + word
    return text


@st.composite
def document(draw: st.DrawFn) -> str:
    title = draw(prose()).replace("\n", " ")
    blocks = [title, "=" * (len(title) + 4), ""]
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["plain", "emphasis", "literal", "section"]))
        text = draw(prose()).replace("\n\n", "\n")
        if kind == "emphasis":
            text = f"{text} *{draw(prose()).replace(chr(10), ' ')}* fin"
        elif kind == "literal":
            text = f"{text} ``{draw(prose()).replace(chr(10), ' ')}`` fin"
        elif kind == "section":
            heading = draw(prose()).replace("\n", " ")
            text = f"{heading}\n{'-' * (len(heading) + 4)}\n\n{text}"
        blocks += [text, ""]
    return "\n".join(blocks)


terms = st.lists(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join),
    min_size=1, max_size=8, unique_by=str.lower,
)


def link_all(source: str, names: list[str], scope: str) -> tuple[nodes.document, str]:
    """Parse an rST document, link its terms; return it and its text from before."""
    doctree = publish_doctree(source, settings_overrides={"report_level": 5})
    before = doctree.astext()
    config = SimpleNamespace(glossary_terms={}, glossary_link_scope=scope,
                             glossary_skip_docs=[], glossary_locutions=[], language="fr")
    lexicon = Lexicon(
        [Entry("lexique", (name,), (f"term-{n}",), n, "") for n, name in enumerate(names)], config
    )

    def make_link(entry: Entry, text: str, docname: str) -> nodes.Node:
        return nodes.reference(text, text, refuri=f"lexique.html#{entry.ids[0]}", classes=["auto"])

    page = Page(auto=True, scope=scope)
    Linker(doctree, lexicon, "index", lambda _: page, make_link=make_link).walk(doctree)
    return doctree, before


def auto_links(doctree: nodes.document) -> list[nodes.reference]:
    return [ref for ref in doctree.findall(nodes.reference) if "auto" in ref["classes"]]


def test_the_property_links_something() -> None:
    doctree, before = link_all(
        "Titre sens\n==========\n\nLe sens et l’apprentissage, ``sens``.\n",
        ["sens", "apprentissage"], "section",
    )
    assert [ref.astext() for ref in auto_links(doctree)] == ["sens", "apprentissage"]
    assert doctree.astext() == before


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=document(), names=terms, scope=st.sampled_from(["paragraph", "section", "page", "all"]))
def test_linking_keeps_the_visible_text(source: str, names: list[str], scope: str) -> None:
    doctree, before = link_all(source, names, scope)
    assert doctree.astext() == before
    for link in auto_links(doctree):
        for ancestor in _ancestors(link.parent):
            assert not isinstance(ancestor, (nodes.title, nodes.literal, nodes.reference))


def _ancestors(node: nodes.Node | None):
    while node is not None:
        yield node
        node = node.parent
