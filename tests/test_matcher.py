"""The pure matcher: table-driven French and English cases, language rules, and properties."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary_ext import _language
from glossary_ext._language import (
    ENGLISH, FRENCH, NEUTRAL, English, French, Language, get_language, is_acronym, register,
)
from glossary_ext._matcher import Collision, Match, Matcher, Term, normalise

if TYPE_CHECKING:
    from collections.abc import Sequence

CASES = Path(__file__).with_name("matcher_cases.txt")


# -- The cases of matcher_cases.txt ---------------------------------------------


@dataclass(frozen=True)
class Case:
    section: str
    language: str
    terms: tuple[Term, ...]
    source: str  # the case line as written, brackets and all
    text: str
    expected: tuple[tuple[int, int, str | None], ...]  # start, end, key if it matters


def parse_term(line: str) -> Term:
    """`NAME | ALIAS ; variants: FORM | FORM ; inflect: no` (see the data file)."""
    names, *options = (field.strip() for field in line.split(";"))
    split = [name.strip() for name in names.split("|")]
    term = Term(split[0], tuple(split))
    for option in options:
        name, _, value = (s.strip() for s in option.partition(":"))
        if name == "variants":
            term = Term(term.key, term.names, tuple(v.strip() for v in value.split("|")))
        elif name == "inflect" and value == "no":
            term = Term(term.key, term.names, term.variants, inflect=False)
        else:
            raise ValueError(f"unknown term option {option!r}")
    return term


def parse_text(source: str) -> tuple[str, tuple[tuple[int, int, str | None], ...]]:
    """The text of a case, and the matches its [brackets] and {keys} expect."""
    text: list[str] = []
    expected: list[tuple[int, int, str | None]] = []
    opened = i = 0
    while i < len(source):
        char = source[i]
        if char == "\\":
            if source[i + 1] == "u":
                text.append(chr(int(source[i + 2 : i + 6], 16)))
                i += 6
                continue
            text.append({"n": "\n", "t": "\t", "\\": "\\"}[source[i + 1]])
            i += 1
        elif char == "[":
            opened = len(text)
        elif char == "]":
            key = None
            if source.startswith("{", i + 1):
                close = source.index("}", i)
                key, i = source[i + 2 : close], close
            expected.append((opened, len(text), key))
        else:
            text.append(char)
        i += 1
    return "".join(text), tuple(expected)


def load_cases() -> list[Case]:
    cases: list[Case] = []
    section, language, terms = "", "fr", []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section, language, terms = line[3:].strip(), "fr", []
        elif line.startswith("language:"):
            language = line.partition(":")[2].strip()
        elif line.startswith("term:"):
            terms.append(parse_term(parse_text(line.partition(":")[2])[0]))
        elif line.startswith("> "):
            text, expected = parse_text(line[2:])
            cases.append(Case(section, language, tuple(terms), line[2:], text, expected))
        elif line.strip() and not line.startswith("#"):
            raise ValueError(f"{CASES.name}: cannot read {line!r}")
    return cases


def case_id(case: Case) -> str:
    """A readable ASCII id: the section's first words, then the case."""
    def ascii_slug(text: str, words: int) -> str:
        plain = unicodedata.normalize("NFKD", text.replace("’", " "))
        return "_".join(re.findall(r"\w+", plain.encode("ascii", "ignore").decode())[:words])

    return f"{ascii_slug(case.section, 4).lower()}: {ascii_slug(case.source, 8)}"


def render(text: str, matches: list[Match]) -> str:
    """The text with each match in [brackets]{key}, to show what was found."""
    out, end = [], 0
    for match in matches:
        out += [text[end : match.start], f"[{text[match.start : match.end]}]{{{match.key}}}"]
        end = match.end
    return "".join([*out, text[end:]])


ALL_CASES = load_cases()


def test_the_data_file_has_enough_cases() -> None:
    assert len(ALL_CASES) >= 60
    assert sum(case.language == "en" for case in ALL_CASES) >= 40


@pytest.mark.parametrize("case", ALL_CASES, ids=case_id)
def test_case(case: Case) -> None:
    matches = list(Matcher(case.terms, get_language(case.language)).finditer(case.text))
    # Keys are compared only where the case names one.
    found = [(m.start, m.end, m.key) for m in matches]
    expected = [
        (start, end, key or m.key) for (start, end, key), m in zip(case.expected, matches)
    ] + list(case.expected[len(matches) :])
    assert found == expected, render(case.text, matches)


# -- Language rules ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("singular", "plural"),
    [
        # -s, -x, -z do not change
        ("processus", "processus"), ("choix", "choix"), ("gaz", "gaz"),
        # -al → -aux, except the usual few
        ("signal", "signaux"), ("journal", "journaux"), ("festival", "festivals"), ("bal", "bals"),
        # -eau, -au, -eu → +x, except the usual few
        ("tableau", "tableaux"), ("noyau", "noyaux"), ("enjeu", "enjeux"),
        ("pneu", "pneus"), ("bleu", "bleus"), ("landau", "landaus"),
        # -ail → -aux and -ou → +x for a few words only
        ("travail", "travaux"), ("vitrail", "vitraux"), ("détail", "détails"),
        ("bijou", "bijoux"), ("genou", "genoux"), ("trou", "trous"),
        # otherwise +s
        ("rétrospective", "rétrospectives"), ("backlog", "backlogs"), ("clé", "clés"),
    ],
)
def test_french_plural_of_a_word(singular: str, plural: str) -> None:
    assert FRENCH.plural(singular) == plural


@pytest.mark.parametrize(
    ("term", "plural"),
    [
        ("signal faible", "signaux faibles"),
        ("levier d’action", "leviers d’action"),  # the complement keeps its number
        ("état de l’art", "états de l’art"),
        ("gestion des risques", "gestions des risques"),
        ("retour sur investissement", "retours sur investissement"),
        ("bonne pratique", "bonnes pratiques"),  # each inflectable word
        ("recherche et développement", "recherches et développements"),  # "et" never
        ("auto-organisation", "auto-organisations"),  # a prefix in -o stays
        ("non-dit", "non-dits"),
        ("mot-clé", "mots-clés"),
        ("arc-en-ciel", "arcs-en-ciel"),
        ("sous-ensemble", "sous-ensembles"),  # a preposition before the head is a prefix
        ("DSI", "DSI"),  # acronyms, single letters and symbols do not change
        ("vitamine c", "vitamines c"),
        ("c++", "c++"),
        ("web 2.0", "webs 2.0"),
    ],
)
def test_french_plural_of_a_term(term: str, plural: str) -> None:
    assert FRENCH.pluralise(term.split(" ")) == tuple(plural.split(" "))


def test_french_forms_put_the_term_as_given_first() -> None:
    assert FRENCH.forms(("signal", "faible")) == (
        ("signal", "faible"), ("signaux", "faibles"), ("signaux", "faible"),
    )
    assert FRENCH.forms(("processus",)) == (("processus",),)
    assert FRENCH.forms(("chef", "de", "projet")) == (
        ("chef", "de", "projet"), ("chefs", "de", "projet"),
        ("chef", "de", "projets"), ("chefs", "de", "projets"),
    )


@pytest.mark.parametrize(
    ("term", "other"),
    [
        ("conteneur de services", "conteneur de service"),
        ("levier d’action", "levier d’actions"),
        ("signaux d’alerte précoce", "signaux d’alertes précoces"),
        ("état de l’art", "état de l’art"),  # an article: the number is fixed
        ("gestion des risques", "gestion des risques"),
        ("prise en charge", "prise en charges"),  # a form no prose writes: harmless
        ("signal faible", "signal faible"),  # no complement
    ],
)
def test_french_complement_in_the_other_number(term: str, other: str) -> None:
    assert FRENCH.other_complement(term.split(" ")) == tuple(other.split(" "))


def test_neutral_language_neither_elides_nor_inflects() -> None:
    assert NEUTRAL.elisions == frozenset()
    assert NEUTRAL.forms(("signal", "faible")) == (("signal", "faible"),)


@pytest.mark.parametrize("code", ["fr", "fr_FR", "fr-CA", "FR", "fr_BE"])
def test_get_language_french(code: str) -> None:
    assert isinstance(get_language(code), French)


@pytest.mark.parametrize(
    ("singular", "plurals"),
    [
        ("builder", ("builders",)), ("box", ("boxes",)), ("class", ("classes",)),
        ("buzz", ("buzzes",)), ("branch", ("branches",)), ("hash", ("hashes",)),
        ("epoch", ("epochs",)), ("story", ("stories",)), ("key", ("keys",)),
        ("soliloquy", ("soliloquies",)), ("shelf", ("shelves",)), ("roof", ("roofs",)),
        ("belief", ("beliefs",)), ("hoof", ("hooves", "hoofs")), ("photo", ("photos",)),
        ("hero", ("heroes",)), ("index", ("indices", "indexes")), ("datum", ("data",)),
        ("series", ("series",)), ("API", ("APIs",)),
    ],
)
def test_english_plurals_of_a_word(singular: str, plurals: tuple[str, ...]) -> None:
    assert ENGLISH.plurals(singular) == plurals


@pytest.mark.parametrize(
    ("term", "forms"),
    [
        ("user story", ["user story", "user stories", "user story’s"]),
        ("point of view", ["point of view", "points of view", "point of view’s",
                           "points of view’s"]),
        ("mother-in-law", ["mother-in-law", "mothers-in-law", "mother-in-law’s",
                           "mothers-in-law’s"]),
        ("man-in-the-middle attack", ["man-in-the-middle attack", "man-in-the-middle attacks",
                                      "man-in-the-middle attack’s"]),
        ("child", ["child", "children", "child’s", "children’s"]),
        ("API", ["API", "APIs", "API’s"]),
        ("C++", ["C++"]),
        ("C", ["C", "C’s"]),
    ],
)
def test_english_forms_of_a_term(term: str, forms: list[str]) -> None:
    assert [" ".join(form) for form in ENGLISH.forms(term.split(" "))] == forms


@pytest.mark.parametrize("code", ["en", "en_US", "en-GB", "EN"])
def test_get_language_english(code: str) -> None:
    assert isinstance(get_language(code), English)


def test_a_new_language_is_a_subclass_registered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_language, "_LANGUAGES", dict(_language._LANGUAGES))

    class Toy(Language):
        code = "xx"
        elisions = frozenset({"z"})
        locutions = ("in a cat",)

        def forms(self, words: Sequence[str]) -> tuple[tuple[str, ...], ...]:
            return (tuple(words), (*words[:-1], words[-1] + "en"))

    register(Toy())
    matcher = Matcher([Term("cat", ("cat",))], get_language("xx_YY"))
    assert [(m.start, m.end) for m in matcher.finditer("z’caten in a cat, cat")] == [
        (2, 7), (18, 21),
    ]


@pytest.mark.parametrize("code", [None, "", "de_DE", "frr", "pt-BR", "eng"])
def test_get_language_falls_back_to_neutral(code: str | None) -> None:
    assert get_language(code) is NEUTRAL


@pytest.mark.parametrize("word", ["DSI", "ÉTI", "SI", "R&D", "T/B/M", "MP3"])
def test_acronyms(word: str) -> None:
    assert is_acronym(word)


@pytest.mark.parametrize("word", ["Dsi", "dsi", "C", "C++", "4G", "É", "IoT", "", "2024"])
def test_not_acronyms(word: str) -> None:
    assert not is_acronym(word)


# -- The matcher's other answers ------------------------------------------------------


def test_normalise() -> None:
    assert normalise("  Levier\u00a0 d'action\n") == "levier d’action"
    assert normalise("DSI\u2011Groupe") == "DSI-groupe"
    assert normalise("État de lʼArt") == "état de l’art"
    assert normalise("C++ et vitamine C") == "C++ et vitamine C"  # single capitals
    assert normalise("E\u0301quipe") == "équipe"  # composed


def test_forms_of_a_term() -> None:
    matcher = Matcher(
        [
            Term("sf", ("Signal faible",)),
            Term("retro", ("rétrospective",), variants=("Rétro",)),
            Term("sf2", ("savoir-faire",), inflect=False),
        ],
        FRENCH,
    )
    assert matcher.forms("sf") == {"signal faible", "signaux faibles", "signaux faible"}
    assert matcher.forms("retro") == {"rétrospective", "rétrospectives", "rétro"}
    assert matcher.forms("sf2") == {"savoir-faire"}
    with pytest.raises(KeyError):
        matcher.forms("unknown")


def test_collisions_keep_the_first_definition() -> None:
    matcher = Matcher(
        [
            Term("term-signal", ("signal",)),
            Term("term-signaux", ("signaux",)),  # also the plural of "signal"
            Term("term-dsi", ("DSI",)),
            Term("term-dsi-bis", ("Dsi",), variants=("DSI",)),
        ],
        FRENCH,
    )
    assert matcher.collisions == (
        Collision("signaux", ("term-signal", "term-signaux")),
        Collision("DSI", ("term-dsi", "term-dsi-bis")),
    )
    assert matcher.forms("term-signaux") == frozenset()
    assert [m.key for m in matcher.finditer("des signaux, la DSI")] == ["term-signal", "term-dsi"]


def test_a_term_does_not_collide_with_itself() -> None:
    matcher = Matcher([Term("p", ("processus", "Processus"), variants=("processus",))], FRENCH)
    assert matcher.collisions == ()
    assert matcher.forms("p") == {"processus"}


def test_terms_may_come_from_a_generator_and_text_may_be_empty() -> None:
    matcher = Matcher((Term(name, (name,)) for name in ["sens", "équipe"]), FRENCH)
    assert list(matcher.finditer("")) == []
    assert list(matcher.finditer("l’équipe")) == [Match(2, 8, "équipe")]


# -- Properties -----------------------------------------------------------------------

LETTERS = "aeéilnorsuxAÉS"
SEPARATORS = [
    " ", "\u00a0", "\u202f", "\n", "  ", "-", "\u2010", "'", "’", "ʼ", ".", ",", "+", "/",
]
words = st.text(LETTERS, min_size=1, max_size=5)


@st.composite
def names(draw: st.DrawFn) -> str:
    parts = draw(st.lists(words, min_size=1, max_size=3))
    joints = [draw(st.sampled_from([" ", "-", "’", "/", " de ", " d’"])) for _ in parts[1:]]
    name = parts[0] + "".join(j + p for j, p in zip(joints, parts[1:], strict=True))
    return draw(st.sampled_from(["", "", "."])) + name + draw(st.sampled_from(["", "", "++"]))


@st.composite
def terms_and_text(draw: st.DrawFn) -> tuple[list[Term], str]:
    terms = [
        Term(f"t{i}", tuple(draw(st.lists(names(), min_size=1, max_size=2))),
             tuple(draw(st.lists(names(), max_size=1))), draw(st.booleans()))
        for i in range(draw(st.integers(1, 6)))
    ]
    matcher = Matcher(terms, FRENCH)
    forms = sorted({f for t in terms for f in matcher.forms(t.key)}) or ["x"]
    # Forms as written and shouted, among random words and separators.
    piece = st.one_of(
        st.sampled_from(forms), st.sampled_from(forms).map(str.upper), words,
        st.sampled_from(SEPARATORS), st.sampled_from(SEPARATORS),
    )
    return terms, "".join(draw(st.lists(piece, max_size=25)))


@pytest.mark.parametrize("language", [FRENCH, ENGLISH], ids=["fr", "en"])
@settings(max_examples=300, deadline=None)
@given(terms_and_text())
def test_matches_are_sound(language: Language, example: tuple[list[Term], str]) -> None:
    terms, text = example
    matcher = Matcher(terms, language)
    matches = list(matcher.finditer(text))
    end = 0
    for match in matches:
        assert end <= match.start < match.end <= len(text)  # in bounds, sorted, apart
        end = match.end
        found = normalise(text[match.start : match.end]).lower()
        assert found in {form.lower() for form in matcher.forms(match.key)}


@pytest.mark.parametrize("language", [FRENCH, ENGLISH], ids=["fr", "en"])
@settings(max_examples=200, deadline=None)
@given(st.lists(names(), min_size=1, max_size=6))
def test_every_form_is_found_on_its_own(language: Language, names: list[str]) -> None:
    matcher = Matcher([Term(f"t{i}", (name,)) for i, name in enumerate(names)], language)
    for i in range(len(names)):
        for form in matcher.forms(f"t{i}"):
            assert list(matcher.finditer(form)) == [Match(0, len(form), f"t{i}")]
            spaced = f"« {form} »"
            assert list(matcher.finditer(spaced)) == [Match(2, 2 + len(form), f"t{i}")]


@settings(max_examples=200, deadline=None)
@given(terms_and_text())
def test_decomposed_text_matches_as_composed_text(example: tuple[list[Term], str]) -> None:
    terms, text = example
    matcher = Matcher(terms, FRENCH)
    composed = unicodedata.normalize("NFC", text)
    decomposed = unicodedata.normalize("NFD", text)
    expected = [(composed[m.start : m.end], m.key) for m in matcher.finditer(composed)]
    found = [
        (unicodedata.normalize("NFC", decomposed[m.start : m.end]), m.key)
        for m in matcher.finditer(decomposed)
    ]
    assert found == expected
