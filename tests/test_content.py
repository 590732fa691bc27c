"""The content: the landing pitch, the lexicon, French typography, the interface."""

from __future__ import annotations

import re
import runpy
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from conftest import REPO

# site_ext is site-only code, in docs/_ext: the test roots load it from there.
sys.path.insert(0, str(REPO / "docs" / "_ext"))
from site_ext import french_spacing  # noqa: E402

PAGES = ["index", "grille-de-lecture", "leviers", "lexique"]
NBSP, NNBSP = "\u00a0", "\u202f"


def read(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / f"{page}.html").read_text(encoding="utf-8"), "html.parser")


def article(soup: BeautifulSoup) -> Tag:
    return soup.find("article", id="furo-main-content")


def visible_strings(tag: Tag) -> list[str]:
    """The texts a reader sees: no code, no scripts, no hidden link text, no ¶."""
    tag = BeautifulSoup(str(tag), "html.parser")
    for hidden in tag.select("script, style, code, pre, kbd, samp, .headerlink, .sd-hide-link-text, .glossary-tip"):
        hidden.decompose()
    return list(tag.strings)


def visible_text(tag: Tag) -> str:
    return "".join(visible_strings(tag))


def words(text: str) -> list[str]:
    return re.findall(r"\w+(?:[’'-]\w+)*", text)


def glossary_entries(site: Path) -> list[tuple[list[Tag], Tag]]:
    """Each entry of the lexicon: its term lines (stacked variants) and its definition."""
    entries: list[tuple[list[Tag], Tag]] = []
    terms: list[Tag] = []
    for child in read(site, "lexique").select_one("dl.glossary").find_all(["dt", "dd"], recursive=False):
        if child.name == "dt":
            terms.append(child)
        else:
            entries.append((terms, child))
            terms = []
    return entries


# -- The landing page -------------------------------------------------------------


def test_landing_pitch_is_half_a_page(site: Path) -> None:
    """The text, not its buttons (« Parlons de votre projet », « Copier son texte »)."""
    page = article(read(site, "index"))
    for control in page.select(".site-cta-line, .sharing-pitch"):
        control.decompose()
    count = len(words(visible_text(page)))
    assert 150 <= count <= 300, f"{count} words"


def test_landing_links_each_part_to_the_page_that_develops_it(site: Path) -> None:
    sections = article(read(site, "index")).select("section > section")
    assert [s["id"] for s in sections] == [
        "situation", "lecture", "action", "pour-qui", "confiance", "contact"
    ]
    for section in sections[:-1]:
        hrefs = [a["href"] for a in section.find_all("a", href=True)]
        assert any(h.split("#")[0] in {"grille-de-lecture.html", "leviers.html"} for h in hrefs), section["id"]


def test_landing_opens_with_its_promise_and_a_call_to_action(site: Path) -> None:
    top = article(read(site, "index")).select_one("section.landing")
    h1, promise, cta_line = [t for t in top.find_all(recursive=False) if t.name != "span"][:3]
    assert h1.name == "h1" and promise.name == "p" and len(words(visible_text(promise))) <= 30
    (cta,) = cta_line.select("a.site-cta.sd-btn.sd-btn-primary")
    assert cta.get_text() == "Parlons de votre projet" and cta["href"].startswith("mailto:")
    assert "?subject=" in cta["href"]
    # The documentation's chrome stays out of the way: no "Sur cette page", no "Suivant".
    soup = read(site, "index")
    assert soup.select(".toc-drawer.no-toc") and not soup.select(".related-pages a.next-page")
    assert read(site, "grille-de-lecture").select(".related-pages a.next-page")
    nav = soup.select_one(".sidebar-drawer")
    assert nav.select_one(".sidebar-tree").sourceline < nav.select_one(".sidebar-search").sourceline
    # What closes a paragraph on its own line reads as a link to follow.
    follow = [a.get_text() for a in top.select("a.site-follow-up")]
    assert follow[:2] == ["Ce que ces signes racontent", "Notre grille de lecture"]
    # The author's tool comes last, worded for forwarding.
    pitch = top.select_one(".sharing-pitch")
    assert pitch is top.select("p")[-1] and "transmettre cette page" in pitch.get_text()


@pytest.mark.parametrize("page", PAGES)
def test_each_heading_and_term_has_one_link_control(site: Path, page: str) -> None:
    body = article(read(site, page))
    assert body.select(".headerlink") == []
    for element in body.select("h2, h3, dl.glossary > dt"):
        assert len(element.select("a, button")) == 1, element


def test_landing_shows_map_ladder_extinguisher_as_cards(site: Path) -> None:
    cards = article(read(site, "index")).select(".sd-card")
    assert [c.select_one(".sd-card-title").get_text(strip=True) for c in cards] == [
        "Une carte", "Une échelle", "Un extincteur"
    ]
    assert [c.select_one("a.sd-stretched-link")["href"] for c in cards] == [
        "leviers.html#carte", "leviers.html#echelle", "leviers.html#extincteur"
    ]


def test_contact_address_comes_from_conf_py(site: Path) -> None:
    email = runpy.run_path(str(REPO / "conf.py"))["contact_email"]
    mailtos = [unquote(a["href"]) for a in read(site, "leviers").select('a[href^="mailto:"]')]
    assert mailtos == [f"mailto:{email}"]
    # The landing page: the button at the top, the address and the button again at the end.
    mailtos = [unquote(a["href"]) for a in read(site, "index").select('a[href^="mailto:"]')]
    subject = "?subject=Un premier échange sur notre projet"
    assert mailtos == [f"mailto:{email}{subject}", f"mailto:{email}", f"mailto:{email}{subject}"]
    # Set in one place: no page writes the address itself.
    assert not [p for p in (REPO / "docs").rglob("*.md") if email in p.read_text(encoding="utf-8")]


# -- References -------------------------------------------------------------------


def test_real_site_shows_exactly_the_references_of_its_data_file(site: Path) -> None:
    data = yaml.safe_load((REPO / "docs" / "_data" / "references.yaml").read_text(encoding="utf-8"))
    block = read(site, "index").select(".site-references-block")
    if data["references"]:
        assert len(block[0].select(".sd-card")) == len(data["references"])
    else:
        assert block == []


@pytest.mark.sphinx("html", testroot="assets")
def test_pages_load_code_styles_and_sphinx_design_only_when_they_use_them(app, warning) -> None:
    app.build()
    assert not warning.getvalue()

    def assets(page: str) -> set[str]:
        soup = BeautifulSoup((app.outdir / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
        names = [tag.get("href") or tag.get("src") for tag in soup.select("link[rel=stylesheet], script[src]")]
        return {Path(name.partition("?")[0]).name for name in names} & {
            "pygments.css", "sphinx-design.min.css", "design-tabs.js"}

    assert assets("index") == set()
    assert assets("code") == {"pygments.css"}
    assert assets("onglets") == {"sphinx-design.min.css", "design-tabs.js"}
    assert assets("carte") == {"sphinx-design.min.css"}
    # Pages made without a document (search, index) keep everything.
    assert assets("search") == {"pygments.css", "sphinx-design.min.css", "design-tabs.js"}


def test_the_real_site_loads_only_what_its_pages_use(site: Path) -> None:
    for page in PAGES:
        loaded = {tag.get("href") or tag.get("src") for tag in
                  read(site, page).select("link[rel=stylesheet], script[src]")}
        assert not any("pygments.css" in name or "design-tabs.js" in name for name in loaded), page
        assert any("sphinx-design" in name for name in loaded) == (page == "index"), page


@pytest.mark.sphinx("html", testroot="references")
def test_references_are_cards_and_nothing_while_the_list_is_empty(app, warning) -> None:
    app.build()
    assert not warning.getvalue()
    filled = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    (block,) = filled.select(".site-references-block")
    assert block.select_one("p.rubric").get_text() == "Ils en parlent"
    (card,) = block.select(".sd-card")
    assert card.select_one(".sd-card-title").get_text(strip=True) == "Camille Exemple, équipe de test"
    assert card.select_one(".sd-card-text em").get_text() == "témoignage"
    assert card.select_one("a.sd-stretched-link")["href"] == "https://example.org/"

    empty = BeautifulSoup((app.outdir / "vide.html").read_text(encoding="utf-8"), "html.parser")
    body = empty.select_one("div.body")
    assert body.select(".site-references-block, .rubric, .sd-container-fluid, .sd-card") == []
    assert [h.get_text(strip=True).rstrip("¶") for h in body.find_all(re.compile(r"^h[1-6]$"))] == ["Sans référence"]


@pytest.mark.sphinx("html", testroot="references-invalid")
def test_an_incomplete_reference_is_reported_and_left_out(app, warning) -> None:
    app.build()
    source = app.srcdir / "index.md"
    assert re.sub(r"\x1b\[[0-9;]*m", "", warning.getvalue()) == (
        f"{source}:3: WARNING: a reference needs a 'nom' and a 'texte': "
        "{'nom': 'Sans texte'} [site.references]\n"
    )
    soup = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select(".site-references-block, .sd-card") == []


# -- The lexicon ------------------------------------------------------------------


def test_lexicon_has_at_least_20_short_entries(site: Path) -> None:
    entries = glossary_entries(site)
    assert len(entries) >= 20
    for terms, definition in entries:
        definition = BeautifulSoup(str(definition), "html.parser")
        for added in definition.select(".glossary-backlinks"):  # "Utilisé dans : …"
            added.decompose()
        sentences = re.findall(r"[.!?…](?=\s|$)", visible_text(definition).strip())
        assert 1 <= len(sentences) <= 3, [t.get_text() for t in terms]


def _term_pattern(term: str) -> re.Pattern[str]:
    """A term as prose writes it: any case, typographic apostrophe, regular plural."""
    term = re.escape(term.replace("'", "’"))
    return re.compile(rf"(?<![\w-]){term}(?:s|x)?(?![\w-])", re.IGNORECASE)


def test_every_lexicon_term_is_used_on_another_page(site: Path) -> None:
    prose = " ".join(visible_text(article(read(site, p))) for p in PAGES if p != "lexique")
    prose = re.sub(r"\s+", " ", prose)
    unused = [
        term.get_text(strip=True).rstrip("¶")
        for terms, _ in glossary_entries(site)
        for term in terms
        if not _term_pattern(term.get_text(strip=True).rstrip("¶")).search(prose)
    ]
    assert not unused


def test_every_lexicon_entry_is_linked_from_another_page(site: Path) -> None:
    """The automatic links of glossary_ext: each entry, from the prose that uses it.

    An entry with stacked variants has one anchor per term line; a link to any
    of them (glossary_ext points variants to the entry's first one) counts.
    """
    hrefs = {
        a["href"]
        for page in PAGES
        if page != "lexique"
        for a in article(read(site, page)).find_all("a", href=True)
    }
    entries = [[term["id"] for term in terms] for terms, _ in glossary_entries(site)]
    assert len(entries) >= 20
    unlinked = [ids for ids in entries if not any(f"lexique.html#{i}" in hrefs for i in ids)]
    assert unlinked == []


# -- Every page -------------------------------------------------------------------

LABEL = re.compile(r"\(([a-z0-9]+(?:-[a-z0-9]+)*)\)=")


def _labels_above_headings(page: str) -> list[str]:
    """The label written above each heading of a page's source; fails if one lacks it."""
    labels, previous, fenced = [], "", False
    for number, line in enumerate((REPO / "docs" / f"{page}.md").read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("```"):  # a directive or code block, where # is no heading
            fenced = not fenced
        elif not fenced and re.match(r"#{1,6} ", line):
            label = LABEL.fullmatch(previous.strip())
            assert label, f"{page}.md:{number}: no label above {line!r}"
            labels.append(label[1])
        if line.strip():
            previous = line
    return labels


@pytest.mark.parametrize("page", PAGES)
def test_every_section_is_named_by_its_label(site: Path, page: str) -> None:
    soup = read(site, page)
    labels = _labels_above_headings(page)
    assert [s["id"] for s in article(soup).find_all("section")] == labels
    generated = [t["id"] for t in soup.find_all(id=re.compile(r"^id\d+$"))]
    assert generated == []


@pytest.mark.parametrize("page", PAGES)
def test_page_has_a_title_and_a_meta_description(site: Path, page: str) -> None:
    soup = read(site, page)
    (h1,) = article(soup).find_all("h1")
    assert len(words(h1.get_text())) >= 2
    description = soup.find("meta", attrs={"name": "description"})["content"]
    assert 60 <= len(description) <= 230
    assert 1 <= len(re.findall(r"[.!?](?=\s|$)", description)) <= 2
    assert "'" not in description and '"' not in description


def test_landing_title_says_what_the_practice_does(site: Path) -> None:
    title = read(site, "index").title.get_text()
    assert "Coaching tech" in title and "logiciel" in title


@pytest.mark.parametrize(("page", "title"), [
    ("lexique", "Notre lexique – Coaching tech"), ("leviers", "Nos leviers d’action – Coaching tech"),
    ("search", "Recherche – Coaching tech"), ("404", "Page introuvable – Coaching tech")])
def test_browser_titles_name_the_site_after_an_en_dash(site: Path, page: str, title: str) -> None:
    assert read(site, page).title.get_text() == title


def test_favicon(site: Path) -> None:
    (icon,) = read(site, "index").select('link[rel~="icon"]')
    assert (site / icon["href"]).read_text(encoding="utf-8").startswith("<svg")


# -- French typography --------------------------------------------------------------


@pytest.mark.parametrize(
    ("plain", "typeset"),
    [
        ("Pour qui ?", f"Pour qui{NNBSP}?"),
        ("Pour qui?", f"Pour qui{NNBSP}?"),
        ("Oui ! Non ; peut-être", f"Oui{NNBSP}! Non{NNBSP}; peut-être"),
        ("trois contextes : Tech", f"trois contextes{NBSP}: Tech"),
        ("trois contextes: Tech", f"trois contextes{NBSP}: Tech"),
        ("ensemble :\nTech", f"ensemble{NBSP}:\nTech"),
        ("« sens »", f"«{NNBSP}sens{NNBSP}»"),
        (f"«{NBSP}sens{NBSP}»", f"«{NNBSP}sens{NNBSP}»"),
        ("Vraiment ?!", f"Vraiment{NNBSP}?!"),
        ("l'équipe", "l’équipe"),
        # Left alone: URLs, times, a sign that is not at the end of a word.
        ("https://example.org/?q=1", "https://example.org/?q=1"),
        ("à 10:30", "à 10:30"),
    ],
)
def test_french_spacing(plain: str, typeset: str) -> None:
    assert french_spacing(plain) == typeset


@pytest.mark.sphinx("html", testroot="typography")
def test_typography_is_applied_to_prose_and_meta_but_not_to_code(app, warning) -> None:
    app.build()
    assert not warning.getvalue()
    soup = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    prose = soup.select_one("div.body p").get_text()
    assert prose == (
        f"L’équipe a dit «{NNBSP}oui{NNBSP}»{NBSP}: pourquoi pas{NNBSP}? Allons-y{NNBSP}! "
        f"Un point{NNBSP}; un autre.\n"
        f"Déjà collés{NBSP}: ceci, cela{NNBSP}; vraiment{NNBSP}? Oui{NNBSP}!\n"
        "Un lien https://example.org/page?q=1 et une heure, 10:30."
    )
    after_markup = soup.select("div.body p")[1].get_text()
    assert after_markup == (
        f"Après la mise en forme, le mot{NBSP}: suite, et autre{NNBSP}? Sans mot avant{NBSP}: rien.")
    # The definition in place, as typeset as the page (glossary_ext's summary respaced).
    tip = soup.select_one(".glossary-tip").get_text()
    assert tip == (f"Le cadre dans lequel une équipe travaille{NBSP}: son histoire, "
                   f"ses «{NNBSP}enjeux{NNBSP}»{NNBSP}; le reste{NNBSP}?")
    code = 'l\'équipe dit "oui" : non ?'
    assert soup.select_one("p code").get_text() == code
    assert soup.select_one("pre").get_text().strip() == code
    description = soup.find("meta", attrs={"name": "description"})["content"]
    assert description == f"L’équipe dit «{NNBSP}oui{NNBSP}»{NBSP}: pourquoi pas{NNBSP}?"


@pytest.mark.parametrize("page", [*PAGES, "genindex", "search"])
def test_pages_follow_french_typography(site: Path, page: str) -> None:
    text = visible_text(read(site, page).body)
    assert re.findall(r"\S*[ \t\r\n][:;!?]", text) == []
    assert re.findall(rf"«[^{NNBSP}]|[^{NNBSP}]»", text) == []
    assert re.findall(r"\S*'\S*", text) == []


def test_definitions_in_place_follow_french_typography(site: Path) -> None:
    tips = [tip.get_text() for tip in read(site, "index").select("article .glossary-tip")]
    assert len(tips) >= 10
    assert [t for t in tips if re.search(r"\S*[ \t\r\n][:;!?]|«[^\u202f]|[^\u202f]»", t)] == []
    assert sum(f"{NBSP}:" in tip for tip in tips) >= 3


def test_typography_is_really_exercised(site: Path) -> None:
    """The site's own pages do contain what the typography test looks for."""
    text = visible_text(article(read(site, "grille-de-lecture")))
    assert f"souvent{NBSP}: on achète" in text and f"Les dynamiques{NBSP}: ce qui" in text
    assert f"ensemble{NNBSP}?" in visible_text(article(read(site, "index")))


# -- The interface, in French -------------------------------------------------------

# Furo's and Sphinx's English interface, as visible text or as labels.
ENGLISH = [
    "Skip to content", "Back to top", "On this page", "Next", "Previous", "Home",
    "Made with", "Search", "Contents", "Expand", "Light mode", "Dark mode",
    "Auto light/dark", "Toggle", "Copyright", "Last updated", "Edit this page",
    "View this page", "Link to this", "Please activate JavaScript", "Error",
    "On Read the Docs", "On GitHub", "Versions", "Downloads",
]
LABEL_ATTRIBUTES = ["aria-label", "title", "placeholder", "alt"]


def _interface(soup: BeautifulSoup) -> list[str]:
    """Every visible string and every label of a page."""
    visible = [s.strip() for s in visible_strings(soup.html)]
    labels = [t[a] for a in LABEL_ATTRIBUTES for t in soup.find_all(attrs={a: True})]
    symbols = [t.get_text() for t in soup.select("svg title")]
    return [s for s in [*visible, *labels, *symbols, soup.title.get_text()] if s]


@pytest.mark.parametrize("page", [*PAGES, "genindex", "search"])
def test_no_english_interface_text(site: Path, page: str) -> None:
    interface = _interface(read(site, page))
    english = [
        text for text in interface
        if any(re.search(rf"(?<!\w){re.escape(e)}(?!\w)", text) for e in ENGLISH)
    ]
    assert english == []


def test_interface_speaks_french(site: Path) -> None:
    landing = _interface(read(site, "index"))
    for french in [
        "Aller au contenu", "Retour en haut", "Fait avec",
        "Recherche", "Sommaire", "Thème clair",
        "Afficher ou masquer la navigation du site", "Afficher ou masquer le sommaire de la page",
        "Changer de thème (clair, sombre ou automatique)",
    ]:
        assert french in landing, french
    second = _interface(read(site, "grille-de-lecture"))
    assert {"Précédent", "Accueil", "Suivant", "Sur cette page"} <= set(second)
    assert "Veuillez activer le JavaScript pour que la recherche fonctionne." in _interface(
        read(site, "search")
    )
