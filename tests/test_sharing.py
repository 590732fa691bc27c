"""Sharing by email: published links, copy buttons, the pitch, link previews, the 404 page."""

from __future__ import annotations

import gzip
import re
import runpy
import shutil
import struct
import subprocess
import sys
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import ADDRESS_VARIABLES, PUBLIC, REPO

# sharing_ext is site-only code, in docs/_ext: the test roots load it from there.
sys.path.insert(0, str(REPO / "docs" / "_ext"))
from sharing_ext._links import resolve  # noqa: E402

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

PAGES = ["index", "grille-de-lecture", "leviers", "lexique"]
CONF = runpy.run_path(str(REPO / "conf.py"))
BASE = PUBLIC  # the tests' public address (SITE_URL)
RTD_BASE = PUBLIC
PUBLISHED = REPO / "docs" / "published-links.txt"
NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.fixture(autouse=True)
def no_public_address(monkeypatch: pytest.MonkeyPatch) -> None:
    """The builds here start as cloned, whatever the shell exports; a test may set one."""
    for name in ADDRESS_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def read(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def build(out: Path, *args: str, builder: str = "html", srcdir: Path = REPO / "docs") -> str:
    """Build the real site (real conf.py) with the strict flags; its warnings.

    The public address is whatever the environment says (none, unless a test sets it).
    """
    from sphinx.cmd.build import build_main

    out.mkdir(parents=True, exist_ok=True)
    status = build_main(
        ["-b", builder, "-c", str(REPO), "-W", "--keep-going", "-n", "-q",
         "-w", str(out / "warnings.txt"), *args, str(srcdir), str(out / builder)]
    )
    warnings = (out / "warnings.txt").read_text(encoding="utf-8")
    assert (status == 0) == (not warnings), warnings
    return re.sub(r"\x1b\[[0-9;]*m", "", warnings)


def published_links(path: Path = PUBLISHED) -> list[str]:
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


# -- Published links ---------------------------------------------------------------------


def test_every_published_link_still_resolves(site: Path) -> None:
    """Checked here without sharing_ext: the page (through declared redirects), then the id."""
    redirects = {f"{old}.html": new for old, new in CONF["redirects"].items()}
    broken = []
    for link in published_links():
        page, _, anchor = link.partition("#")
        while page in redirects:
            page, _, redirected = redirects[page].partition("#")
            anchor = anchor or redirected
        path = site / page
        if not path.is_file() or (anchor and not read(site, page).find(id=anchor)):
            broken.append(link)
    assert broken == []
    assert len(published_links()) >= 50


def test_every_section_and_term_of_the_site_is_published(site: Path) -> None:
    """A new section or term can be sent as soon as it is online: `make published-links`."""
    listed = set(published_links())
    current = []
    for page in PAGES:
        soup = read(site, f"{page}.html")
        current += [f"{page}.html#{s['id']}" for s in soup.select("article section section")]
        current += [f"{page}.html#{dt['id']}" for dt in soup.select("dl.glossary > dt[id]")]
    assert len(current) >= 40
    missing = [link for link in current if link not in listed]
    assert missing == [], "run `make published-links` to add them"


def test_removing_a_listed_anchor_fails_the_build_naming_the_link(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(REPO / "docs", docs)
    page = docs / "grille-de-lecture.md"
    source = page.read_text(encoding="utf-8")
    assert "(desalignement-au-quotidien)=\n" in source
    page.write_text(source.replace("(desalignement-au-quotidien)=\n", ""), encoding="utf-8")

    warnings = build(tmp_path / "removed", srcdir=docs)
    (number,) = [n for n, line in enumerate(PUBLISHED.read_text(encoding="utf-8").splitlines(), 1)
                 if line == "grille-de-lecture.html#desalignement-au-quotidien"]
    assert warnings == (
        f"{docs / 'published-links.txt'}:{number}: WARNING: published link "
        "grille-de-lecture.html#desalignement-au-quotidien no longer resolves: "
        "grille-de-lecture.html has no anchor #desalignement-au-quotidien: keep the old label "
        "above the heading, or declare an anchor alias or a redirect [sharing.published_links]\n"
    )

    # Renamed the safe way: the old label stays, stacked above the new one.
    page.write_text(source.replace("(desalignement-au-quotidien)=\n",
                                   "(desalignement-au-quotidien)=\n(desalignement-vecu)=\n"),
                    encoding="utf-8")
    assert build(tmp_path / "renamed", srcdir=docs) == ""


@pytest.fixture
def links_root(rootdir: Path, tmp_path: Path) -> Path:
    shutil.copytree(rootdir / "test-sharing-links", tmp_path / "src")
    return tmp_path / "src"


def _links_app(make_app: Callable, srcdir: Path):
    return make_app("html", srcdir=srcdir, confoverrides={
        "redirect_html_template_file": str(REPO / "_templates" / "redirect.html"),
    })


def test_redirects_and_aliases_keep_published_links(make_app: Callable, links_root: Path) -> None:
    app = _links_app(make_app, links_root)
    app.build()
    assert app.warning.getvalue() == ""
    # The renamed term keeps its old anchor, on its new entry.
    lexique = read(app.outdir, "lexique.html")
    assert lexique.find(id="term-Ancien-terme").parent is lexique.find(id="term-Nouveau-terme")
    # A redirect page keeps the link's #fragment, else goes to its own.
    redirect = (app.outdir / "fusionnee.html").read_text(encoding="utf-8")
    assert 'var target = "nouvelle.html#suite";' in redirect
    assert 'location.hash ? target.split("#")[0] + location.hash : target' in redirect
    assert read(app.outdir, "ancienne.html").html["lang"] == "fr"


def test_broken_published_links_are_named(make_app: Callable, links_root: Path) -> None:
    listed = links_root / "published-links.txt"
    lines = listed.read_text(encoding="utf-8").splitlines()
    listed.write_text("\n".join([*lines, "index.html#disparue", "absente.html#x"]) + "\n",
                      encoding="utf-8")
    app = _links_app(make_app, links_root)
    app.build()
    warnings = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    assert warnings == (
        f"{listed}:{len(lines) + 1}: WARNING: published link index.html#disparue no longer "
        "resolves: index.html has no anchor #disparue: keep the old label above the heading, "
        "or declare an anchor alias or a redirect [sharing.published_links]\n"
        f"{listed}:{len(lines) + 2}: WARNING: published link absente.html#x no longer "
        "resolves: there is no page absente.html, and no redirect is declared for it "
        "[sharing.published_links]\n"
    )


def test_anchor_aliases_that_cannot_apply_are_reported(make_app: Callable, links_root: Path) -> None:
    app = make_app("html", srcdir=links_root, confoverrides={
        "redirect_html_template_file": str(REPO / "_templates" / "redirect.html"),
        "sharing_anchor_aliases": {"lexique.html#term-Ancien-terme": "index.html#accueil",
                                   "lexique.html#term-Vieux": "lexique.html#term-Absent"},
    })
    app.build()
    warnings = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue()).splitlines()
    assert warnings[0] == (
        "WARNING: sharing_anchor_aliases: 'lexique.html#term-Ancien-terme': 'index.html#accueil' "
        "should be two anchors of one page, as 'page.html#old': 'page.html#new' [sharing.alias]"
    )
    assert ("WARNING: sharing_anchor_aliases: lexique.html#term-Absent has no anchor "
            "'term-Absent' to keep 'term-Vieux' on [sharing.alias]") in warnings
    # Without its alias, the renamed term's published link is broken again.
    assert any("published link lexique.html#term-Ancien-terme no longer resolves" in line
               for line in warnings)
    assert len(warnings) == 3


PAGE_IDS = {"a.html": {"x", "y"}, "b.html": {"z"}, "sub/c.html": {"w"}}


@pytest.mark.parametrize(
    ("link", "redirects", "problem"),
    [
        ("a.html", {}, ""),
        ("a.html#x", {}, ""),
        ("a.html#z", {}, "a.html has no anchor #z"),
        ("gone.html", {}, "there is no page gone.html"),
        # A redirect keeps the fragment; its own applies only to links without one.
        ("old.html#z", {"old.html": "b.html"}, ""),
        ("old.html#x", {"old.html": "b.html"}, "b.html has no anchor #x"),
        ("old.html", {"old.html": "b.html#z"}, ""),
        ("old.html#x", {"old.html": "a.html#y"}, ""),
        ("sub/old.html#w", {"sub/old.html": "c.html"}, ""),
        ("old.html", {"old.html": "older.html", "older.html": "a.html"}, ""),
        ("old.html", {"old.html": "b2.html", "b2.html": "old.html"}, "go round in a loop"),
        ("old.html#x", {"old.html": "https://example.org/"}, ""),
        ("a.html#%78", {}, ""),  # percent-encoded
    ],
)
def test_resolve(link: str, redirects: dict[str, str], problem: str) -> None:
    result = resolve(link, redirects, PAGE_IDS.get)
    assert (problem in result) if problem else result == ""
    assert bool(result) == bool(problem)


def test_make_published_links_only_adds(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "tools"))
    from published_links import add_links

    listed = "# Les liens publiés\nindex.html#ancienne\n\nindex.html#gardee\n"
    text, new = add_links(["index.html#gardee", "index.html#nouvelle", "index.html#nouvelle"],
                          listed, "2030-01-01")
    assert text == listed + "\n# Ajoutés le 2030-01-01\nindex.html#nouvelle\n"
    assert new == ["index.html#nouvelle"]
    assert add_links(["index.html#gardee"], text, "2030-01-02") == (text, [])

    current, target = tmp_path / "current.txt", tmp_path / "list.txt"
    current.write_text("a.html\nb.html#c\n", encoding="utf-8")
    target.write_text("# liste\na.html\nz.html#ancienne\n", encoding="utf-8")
    subprocess.run([sys.executable, REPO / "tools" / "published_links.py", current, target],
                   check=True, capture_output=True)
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[:3] == ["# liste", "a.html", "z.html#ancienne"] and lines[-1] == "b.html#c"


# -- Copy buttons ---------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES)
def test_every_h2_h3_and_lexicon_entry_has_a_copy_link_button(
    site: Path, public_site: Path, page: str
) -> None:
    # Relative to the site's root while no public address is set (sharing.js completes them).
    relative = [b["data-url"] for b in read(site, f"{page}.html").select("button.sharing-copy")]
    assert relative and all(url.startswith(f"{page}.html#") for url in relative)
    soup = read(public_site, f"{page}.html")
    article = soup.find("article", id="furo-main-content")
    targets = [(h, h.find_parent("section")["id"]) for h in article.find_all(["h2", "h3"])]
    targets += [(dt, dt["id"]) for dt in article.select("dl.glossary > dt")]
    assert targets
    for element, anchor in targets:
        (button,) = element.select("button.sharing-copy")
        assert button["type"] == "button"
        assert button["aria-label"] == "Copier le lien"
        assert button["data-url"] == f"{BASE}{page}.html#{anchor}"
    assert not article.select("h1 button, h4 button")


def test_landing_has_a_copy_pitch_button(site: Path) -> None:
    (button,) = read(site, "index.html").select("button.sharing-copy-pitch")
    assert button.get_text() == "Copier son texte"
    assert (site / button["data-pitch"]).is_file()
    for page in PAGES[1:]:
        assert not read(site, f"{page}.html").select("button.sharing-copy-pitch")


def test_landing_key_links_carry_their_absolute_url_for_print(public_site: Path) -> None:
    article = read(public_site, "index.html").find("article")
    urls = [span["data-url"] for span in article.select("span.sharing-url")]
    assert f"{BASE}grille-de-lecture.html#dynamiques" in urls
    assert f"{BASE}lexique.html" in urls
    assert all(url.startswith(BASE) and "#term-" not in url for url in urls)
    assert all(span.get_text() == "" for span in article.select("span.sharing-url"))


def test_our_css_and_js_are_small(site: Path) -> None:
    sizes = {name: len(gzip.compress((site / "_static" / name).read_bytes(), 9))
             for name in ["sharing.css", "sharing.js"]}
    assert sum(sizes.values()) <= 1800, sizes  # the print layout of the landing page included
    for page in PAGES:
        soup = read(site, f"{page}.html")
        assert soup.select_one('link[href^="_static/sharing.css"]')
        assert soup.select_one('script[src^="_static/sharing.js"]').has_attr("defer")
        assert not soup.select('script[src^="http"], link[href^="http"][rel="stylesheet"]')


# -- The pitch ------------------------------------------------------------------------------


# A real contact: `make pitch` refuses the placeholder.
CONTACT = "bonjour@coaching.fr"  # as long as the placeholder: the same wrapping
WITH_CONTACT = ("-D", f"myst_substitutions.contact=[{CONTACT}](mailto:{CONTACT})")


@pytest.fixture(scope="module")
def pitch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`make pitch` for the site as published on Read the Docs (the longer URLs)."""
    out = tmp_path_factory.mktemp("pitch")
    assert build(out, "-D", f"html_baseurl={RTD_BASE}", *WITH_CONTACT, builder="pitch") == ""
    return out / "pitch"


NO_SITE_URL = (
    "{what} a besoin de l’adresse publique du site, qui n’est pas définie. Donnez-la pour "
    "cette commande ({command} SITE_URL=https://…/) ou une fois pour toutes dans conf.py "
    '(site_url = "https://…/"). [sharing.site_url]'
)


@pytest.mark.parametrize(("builder", "what", "written"), [
    ("pitch", "Le pitch", "pitch.txt"), ("links", "La liste des liens", "links.txt")])
def test_pitch_and_links_stop_without_a_public_address(
    tmp_path: Path, builder: str, what: str, written: str
) -> None:
    warnings = build(tmp_path, *WITH_CONTACT, builder=builder)
    assert warnings == "ERROR: " + NO_SITE_URL.format(what=what, command=f"make {builder}") + "\n"
    assert not (tmp_path / builder / written).exists()


def test_pitch_stops_while_the_contact_is_a_placeholder(tmp_path: Path) -> None:
    assert CONF["contact_email"] == "contact@example.org"  # as cloned
    warnings = build(tmp_path, "-D", f"html_baseurl={RTD_BASE}", builder="pitch")
    assert warnings == (
        "ERROR: Le pitch donnerait l’adresse de contact contact@example.org, qui n’est qu’un "
        "exemple. Mettez la vraie dans conf.py (contact_email). [sharing.contact]\n")
    assert not (tmp_path / "pitch" / "pitch.txt").exists()


def test_published_links_need_no_public_address(tmp_path: Path) -> None:
    assert build(tmp_path, builder="published-links") == ""
    listed = (tmp_path / "published-links" / "published-links.txt").read_text(encoding="utf-8")
    assert listed.split() == [link for link in published_links() if link in listed.split()]
    assert "index.html#situation" in listed.split() and "://" not in listed


def _plain(text: str) -> str:
    """Text compared across typography: plain spaces and apostrophes, one space."""
    text = text.replace(NBSP, " ").replace(NNBSP, " ").replace("’", "'")
    return " ".join(text.replace("« ", '"').replace(" »", '"').split())


def _landing_prose() -> list[str]:
    """The lines of docs/index.md that readers read, without their Markdown."""
    lines, fence, front = [], False, False
    for line in (REPO / "docs" / "index.md").read_text(encoding="utf-8").splitlines():
        if line == "---":
            front = not front
            continue
        if line.startswith("```"):
            fence = not fence
        if front or fence or not line.strip() or re.match(r"\s*(```|:|\(|#|\{)", line):
            continue
        line = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", line)
        line = re.sub(r"^\d+\. ", "", line).replace("{{ contact }}", CONTACT)
        lines.append(line)
    return lines


def test_pitch_text_is_the_landing_page_wrapped_at_72(pitch: Path) -> None:
    text = (pitch / "pitch.txt").read_text(encoding="utf-8")
    # The text a reader reads, not counting the list of links after it.
    assert len(text.partition("\nLiens\n")[0]) <= 2500
    long_lines = [line for line in text.splitlines() if len(line) > 72]
    assert all(re.fullmatch(rf"(\[\d+\] |Le site{NBSP}: )https://\S+", line) for line in long_lines)
    assert max(len(line) for line in text.splitlines() if "https://" not in line) <= 72
    prose = _plain(re.sub(r" \[\d+\]", "", text))  # without the links' numbers
    missing = [line for line in _landing_prose() if _plain(line) not in prose]
    assert missing == []
    assert text.startswith("Coaching tech pour des projets logiciels qui durent\n")
    assert "Copier" not in text and "¶" not in text


def test_pitch_text_lists_its_links_as_absolute_urls_after_the_text(pitch: Path, site: Path) -> None:
    text = (pitch / "pitch.txt").read_text(encoding="utf-8")
    body, _, links = text.partition("\nLiens\n")
    numbers = sorted({int(n) for n in re.findall(r"\[(\d+)\]", body)})
    listed = dict(re.findall(r"^\[(\d+)\] (\S+)$", links, re.MULTILINE))
    assert [int(n) for n in listed] == numbers == list(range(1, len(numbers) + 1))
    assert f"Le site{NBSP}: {RTD_BASE}" in links
    assert f"{RTD_BASE}grille-de-lecture.html#dynamiques" in listed.values()
    for url in listed.values():  # each one leads to a page and an anchor of the site
        assert url.startswith(RTD_BASE)
        page, _, anchor = url.removeprefix(RTD_BASE).partition("#")
        assert (site / page).is_file() and (not anchor or read(site, page).find(id=anchor)), url


def test_pitch_text_keeps_each_link_with_its_words(pitch: Path) -> None:
    """A paragraph's closing link on a line of its own, a number never alone; the cards' links."""
    text = (pitch / "pitch.txt").read_text(encoding="utf-8")
    assert "de la démotivation.\n→ Ce que ces signes racontent [1]\n" in text
    assert "l’art d’une équipe est relatif à son contexte.\n→ Notre grille de lecture [2]\n" in text
    assert not [line for line in text.splitlines() if re.fullmatch(r"\[\d+\]\.?", line.strip())]
    body, _, links = text.partition("\nLiens\n")
    listed = dict(re.findall(r"^\[(\d+)\] (\S+)$", links, re.MULTILINE))
    for card, anchor in [("Une carte", "carte"), ("Une échelle", "echelle"),
                         ("Un extincteur", "extincteur")]:
        (number,) = re.findall(rf"^- {card} \[(\d+)\] – ", body, re.MULTILINE)
        assert listed[number] == f"{RTD_BASE}leviers.html#{anchor}"


def test_pitch_html_is_email_safe(pitch: Path) -> None:
    html = (pitch / "pitch.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"] == "fr"
    assert not soup.find_all(["script", "style", "link", "img", "iframe", "form"])
    assert not soup.find_all(class_=True) and not soup.find_all(id=True)
    assert "<script" not in html.lower() and "javascript:" not in html.lower()
    styled = soup.body.find_all(["div", "h1", "h2", "p", "ol", "ul", "li", "a"])
    assert styled and all(tag.get("style") for tag in styled)
    hrefs = [a["href"] for a in soup.find_all("a")]
    assert hrefs and all(h.startswith((RTD_BASE, "mailto:")) for h in hrefs)
    assert f"{RTD_BASE}leviers.html#carte" in hrefs  # the cards keep their links
    prose = _plain(" ".join(tag.get_text() for tag in soup.body.find_all(["h1", "h2", "p", "li"])))
    assert [line for line in _landing_prose() if _plain(line) not in prose] == []


def test_copy_pitch_button_copies_what_make_pitch_writes(
    site: Path, public_site: Path, pitch: Path
) -> None:
    """The same source and the same renderer: the HTML build's pitch is `make pitch`'s.

    Without a public address, its URLs start with "{site}/", which the page
    replaces with the address it is served from.
    """
    import json

    copied = json.loads((public_site / "_static" / "pitch.json").read_text(encoding="utf-8"))
    served = (site / "_static" / "pitch.json").read_text(encoding="utf-8")
    assert "{site}/grille-de-lecture.html#dynamiques" in served and "://" not in served
    assert json.loads(served.replace("{site}/", PUBLIC)) == copied
    placeholder = CONF["contact_email"]
    assert copied["text"] == (pitch / "pitch.txt").read_text(encoding="utf-8").replace(CONTACT, placeholder)
    assert copied["html"] in (pitch / "pitch.html").read_text(encoding="utf-8").replace(CONTACT, placeholder)


# -- Link previews, sitemap, 404 ------------------------------------------------------------


def _png_size(path: Path) -> tuple[int, int]:
    return struct.unpack(">II", path.read_bytes()[16:24])


@pytest.mark.parametrize("page", PAGES)
def test_every_page_has_open_graph_and_twitter_tags(public_site: Path, page: str) -> None:
    site = public_site
    soup = read(site, f"{page}.html")

    def meta(key: str) -> str:
        (tag,) = soup.find_all("meta", attrs={"property": key}) or soup.find_all("meta", attrs={"name": key})
        return tag["content"]

    title = soup.find("article").h1.get_text().rstrip("¶")
    description = meta("description")
    assert meta("og:title") == meta("twitter:title") == title
    assert meta("og:description") == meta("twitter:description") == description
    assert meta("og:url") == f"{BASE}{page}.html"
    assert meta("og:locale") == "fr_FR"
    assert meta("og:type") == "website"
    assert meta("og:site_name") == "Coaching tech"
    assert meta("twitter:card") == "summary_large_image"
    image = meta("og:image")
    assert image == meta("twitter:image") == f"{BASE}_static/og-card.png"
    assert _png_size(site / image.removeprefix(BASE)) == (1200, 630)
    assert (meta("og:image:width"), meta("og:image:height")) == ("1200", "630")
    assert meta("og:image:alt") == f"Coaching tech{NBSP}: pour des projets logiciels qui durent"


def test_sitemap_lists_the_pages(site: Path, public_site: Path) -> None:
    from xml.etree import ElementTree

    assert not (site / "sitemap.xml").exists()  # no public address, no sitemap
    urlset = ElementTree.parse(public_site / "sitemap.xml").getroot()
    assert urlset.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    assert [loc.text for loc in urlset.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")] == [
        f"{BASE}{page}.html" for page in PAGES
    ]


def test_404_page_is_french_and_leads_home_and_to_the_lexicon(site: Path) -> None:
    soup = read(site, "404.html")
    assert soup.html["lang"] == "fr"
    assert soup.title.get_text().startswith("Page introuvable")
    article = soup.find("article")
    assert article.h1.get_text() == "Page introuvable"
    assert {a["href"] for a in article.find_all("a")} == {"/index.html", "/lexique.html"}
    # At any depth: the page's own assets are absolute paths too.
    assert all(link["href"].startswith("/") for link in soup.select('link[rel="stylesheet"]'))


def test_read_the_docs_urls_are_not_doubled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """html_baseurl holds /fr/latest/: the sitemap, 404 page, previews and buttons add nothing."""
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", RTD_BASE)
    assert build(tmp_path) == ""
    site = tmp_path / "html"
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{RTD_BASE}leviers.html</loc>" in sitemap
    assert sitemap.count("/fr/latest/") == len(PAGES) and "hreflang" not in sitemap
    path = urlsplit(RTD_BASE).path
    notfound = read(site, "404.html")
    assert {a["href"] for a in notfound.find("article").find_all("a")} == {
        f"{path}index.html", f"{path}lexique.html"
    }
    assert notfound.select_one('script[src*="sharing.js"]')["src"].startswith(f"{path}_static/")
    leviers = read(site, "leviers.html")
    assert leviers.find("meta", attrs={"property": "og:url"})["content"] == f"{RTD_BASE}leviers.html"
    assert leviers.select_one("h2 .sharing-copy")["data-url"].startswith(f"{RTD_BASE}leviers.html#")


# -- The make targets -----------------------------------------------------------------------


@pytest.mark.parametrize(("target", "builder"), [("pitch", "pitch"), ("links", "links"),
                                                 ("published-links", "published-links")])
def test_make_targets_build_with_the_strict_flags(target: str, builder: str) -> None:
    dry_run = subprocess.run(["make", "--dry-run", "--always-make", target], cwd=REPO,
                             capture_output=True, text=True, check=True).stdout
    (command,) = [line for line in dry_run.splitlines() if "sphinx-build" in line]
    assert f"-b {builder} -c . -W --keep-going -n" in command
    help_text = subprocess.run(["make", "help"], cwd=REPO, capture_output=True, text=True,
                               check=True).stdout
    assert f"make {target} " in help_text


def test_links_builder_lists_every_section_and_term(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SITE_URL", BASE)  # `make links SITE_URL=…`
    assert build(tmp_path, builder="links") == ""
    assert build(tmp_path, builder="published-links") == ""
    lines = (tmp_path / "links" / "links.txt").read_text(encoding="utf-8").splitlines()
    entries = [line.split(" — ") for line in lines if line]
    assert all(len(entry) == 2 and entry[1].startswith(BASE) for entry in entries)
    assert ["Votre situation", f"{BASE}index.html#situation"] in entries
    assert ["Énergie", f"{BASE}lexique.html#term-Energie"] in entries
    uris = [url.removeprefix(BASE) for _, url in entries]
    current = (tmp_path / "published-links" / "published-links.txt").read_text(encoding="utf-8").split()
    assert uris == current
    assert set(current) <= set(published_links())
