"""The language rules the matcher needs: elided words, fixed expressions, and the
forms of a term.

The matcher knows only the small `Language` interface. `Language` itself is the
neutral fallback (no elision, no inflection); `French` and `English` implement
it. To add a language, subclass `Language` and pass an instance to `register`:
the matcher does not change.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from collections.abc import Sequence

# Inside a normalised word, these cut it into parts: "auto-organisation", "d’action".
_INNER_SEPARATOR = re.compile(r"([-’])")
_ANY_SEPARATOR = re.compile(r"[-’ ]")


def is_acronym(word: str) -> bool:
    """Whether `word` is an acronym: two letters or more, all upper-case ("DSI", "ÉTI")."""
    return word.isupper() and sum(char.isalpha() for char in word) >= 2


class Language:
    """Neutral rules, for a language without its own: no elision, no inflection.

    `forms` receives the words of a term as the matcher normalised them: split on
    spaces, lower-case except acronyms and single capitals, with ’ for every
    apostrophe and - for every hyphen.
    """

    code: ClassVar[str] = ""
    #: Words written with an apostrophe before the next word (l’, qu’), lower-case.
    #: A term may start right after one of these; after any other apostrophe
    #: ("aujourd’hui") it may not.
    elisions: ClassVar[frozenset[str]] = frozenset()
    #: Fixed expressions built on ordinary words ("en cas de"): no term is ever
    #: linked inside one. Written as in prose, with ’ for apostrophes.
    locutions: ClassVar[tuple[str, ...]] = ()

    def forms(self, words: Sequence[str]) -> tuple[tuple[str, ...], ...]:
        """The forms of a term, the words as given first."""
        return (tuple(words),)


def _inflectable(part: str) -> bool:
    """Single letters ("vitamine C"), numbers, symbols and acronyms stay as they are."""
    return len(part) > 1 and part[-1].isalpha() and not is_acronym(part)


def _unique(forms: Sequence[tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
    return tuple(dict.fromkeys(forms))


def _expand(locutions: str) -> tuple[str, ...]:
    """One locution a line; a final "de" or "à" stands for its contracted and elided
    forms too ("en fonction du", "des", "d’"; "par rapport au", "aux")."""
    endings = {"de": ("de", "du", "des", "d’"), "à": ("à", "au", "aux")}
    out: list[str] = []
    for line in filter(None, (line.strip() for line in locutions.splitlines())):
        head, _, last = line.rpartition(" ")
        out += [f"{head} {end}" for end in endings[last]] if head and last in endings else [line]
    return tuple(out)


class French(Language):
    """French: elision (l’, qu’…), locutions, the plural of each inflectable word."""

    code = "fr"
    elisions = frozenset(
        {"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"}
    )
    # Built on nouns a glossary may define ("cas", "fonction", "mesure", "terme").
    locutions = _expand("""
        à ce point
        à cet effet
        à cet égard
        à la base
        à la place de
        à la suite de
        à l’égard de
        à mesure que
        à mon sens
        à part
        à terme
        à titre de
        à titre indicatif
        à juste titre
        à ce titre
        à court terme
        à moyen terme
        à long terme
        au besoin
        au cas où
        au cas par cas
        au cours de
        au fait
        au fur et à mesure
        au lieu de
        au même titre que
        au moyen de
        au niveau de
        au point de
        au sens de
        au terme de
        bon sens
        c’est le cas
        compte tenu de
        d’autre part
        d’une part
        dans ce cas
        dans ce sens
        dans la mesure où
        dans le cadre de
        dans le cas de
        dans le cas où
        dans tous les cas
        dans une certaine mesure
        de base
        de fait
        de la part de
        de toute façon
        de toute manière
        de façon à
        de manière à
        du fait de
        en action
        en cas de
        en ce sens
        en cours de
        en effet
        en fait
        en fin de compte
        en fonction de
        en mesure de
        en partie
        en place
        en premier lieu
        en second lieu
        en dernier lieu
        en question
        en raison de
        en même temps
        en termes de
        en tous cas
        en tout cas
        en vue de
        mot de passe
        nom d’utilisateur
        fait partie
        font partie
        faire partie
        le cas échéant
        par rapport à
        par la suite
        pas le cas
        pour ma part
        pour notre part
        pour le compte de
        quelque part
        nulle part
        sur la base de
        sur le point de
        sur mesure
        sur place
        suite à
        tout à fait
        tout de suite
        de temps en temps
        tout le temps
    """)

    # A preposition after the head of a term opens its complement, which keeps its
    # number: "leviers d’action", "états de l’art", "arcs-en-ciel". Before the head
    # it is a prefix: "sous-ensembles", "contre-exemples". "d" and "jusqu" are elided.
    PREPOSITIONS = frozenset(
        "à au aux avant après avec chez contre d de dans des du en entre jusqu par "
        "pour sans selon sous sur vers".split()
    )
    # Articles, pronouns, conjunctions: never inflected.
    FUNCTION_WORDS = frozenset(
        "ce ces cet cette et la le les leur leurs ni ou que qui sa se ses son un une".split()
    )
    # First elements of hyphenated compounds that stay as they are, besides those
    # in -o ("auto-organisations", "micro-services"): "non-dits", "demi-journées".
    PREFIXES = frozenset(
        "anti arrière demi ex extra hyper inter mi multi non post pré quasi semi "
        "super ultra vice".split()
    )
    # The usual exceptions to the plural rules in `plural`.
    AL_S = frozenset(
        "bal banal bancal cal carnaval chacal fatal festival natal naval récital régal".split()
    )
    AIL_AUX = frozenset("bail corail émail soupirail travail vantail vitrail".split())
    AU_EU_S = frozenset("bleu émeu landau pneu sarrau".split())
    OU_X = frozenset("bijou caillou chou genou hibou joujou pou".split())

    # Contracted articles: after them the complement's number is the article's.
    ARTICLES = frozenset("au aux des du".split())

    def forms(self, words: Sequence[str]) -> tuple[tuple[str, ...], ...]:
        """The term as given, its plural, and the plural of its head alone; each
        also with its complement in the other number.

        The plural of the head alone is how prose writes an invariable word in a
        compound ("instances cloud"); elsewhere it is only a mistake nobody makes
        on purpose. A complement without an article takes either number ("conteneur
        de services", "conteneur de service"): the prose writes both.
        """
        parts = _ANY_SEPARATOR.split(" ".join(words))
        if len(parts) == 1:  # one word: its plural, if it has one
            return _unique([tuple(words), self.pluralise(words)])
        forms = [tuple(words), self.pluralise(words), self.pluralise(words, head_only=True)]
        if self.PREPOSITIONS.isdisjoint(parts):  # no complement to put in the other number
            return _unique(forms)
        return _unique([*forms, *map(self.other_complement, forms)])

    def pluralise(self, words: Sequence[str], *, head_only: bool = False) -> tuple[str, ...]:
        """Each inflectable word in the plural: "signal faible" → "signaux faibles";
        with `head_only`, the first one only: "instance cloud" → "instances cloud"."""
        head_seen = complement = False
        plural = []
        for word in words:
            parts = _INNER_SEPARATOR.split(word)  # word, separator, word, ...
            for k in range(0, len(parts), 2):
                part, after = parts[k], parts[k + 1] if k + 1 < len(parts) else ""
                if part in self.PREPOSITIONS:
                    complement = complement or head_seen
                elif not (
                    complement
                    or (head_only and head_seen)
                    or after == "’"  # elided: l’, qu’
                    or part in self.FUNCTION_WORDS
                    or (after == "-" and (part.endswith("o") or part in self.PREFIXES))
                    or not _inflectable(part)
                ):
                    parts[k] = self.plural(part)
                    head_seen = True
            plural.append("".join(parts))
        return tuple(plural)

    def other_complement(self, words: Sequence[str]) -> tuple[str, ...]:
        """The words with a bare complement in the other number: "leviers d’action"
        → "leviers d’actions", "conteneur de services" → "conteneur de service".

        A complement with an article ("état de l’art", "gestion des risques") keeps
        its number. A singular guessed wrong ("processus" → "processu") only adds a
        form that no prose writes.
        """
        head_seen, state = False, "head"  # then "open" after the preposition, "done"
        out = []
        for word in words:
            parts = _INNER_SEPARATOR.split(word)
            for k in range(0, len(parts), 2):
                part, after = parts[k], parts[k + 1] if k + 1 < len(parts) else ""
                if state == "head":
                    if head_seen and part in self.PREPOSITIONS:
                        state = "done" if part in self.ARTICLES else "open"
                    head_seen = head_seen or _inflectable(part)
                elif state == "open":
                    if after == "’" or part in self.PREPOSITIONS or part in self.FUNCTION_WORDS:
                        state = "done"
                    elif _inflectable(part):
                        parts[k] = self._other_number(part)
            out.append("".join(parts))
        return tuple(out)

    def _other_number(self, word: str) -> str:
        """The plural of a singular, the singular of a plural the rules would make."""
        for singular in (word[:-3] + "al", word[:-1]):
            if singular and self.plural(singular) == word != singular:
                return singular
        return self.plural(word)

    def plural(self, word: str) -> str:
        """The plural of one lower-case word.

        -s, -x, -z: unchanged; -al → -aux; -au, -eau, -eu → +x; otherwise +s;
        with the usual exceptions (bals, travaux, pneus, bijoux).
        """
        if word.endswith(("s", "x", "z")):
            return word
        if word.endswith("al") and word not in self.AL_S:
            return word[:-2] + "aux"
        if word in self.AIL_AUX:
            return word[:-3] + "aux"
        if (word.endswith(("au", "eu")) and word not in self.AU_EU_S) or word in self.OU_X:
            return word + "x"
        return word + "s"


class English(Language):
    """English: the plural of a term's head, and possessives ("team’s", "API’s").

    "users’" needs no form of its own: an apostrophe followed by a space does not
    glue it to the word, so "users" is linked and the apostrophe stays outside.
    """

    code = "en"
    locutions = (
        "in any case", "in case", "in fact", "in order to", "in terms of",
        "on the other hand", "as a matter of fact",
    )

    # After the head of a term, these open its complement: "points of view".
    PREPOSITIONS = frozenset(
        "about as at by for from in into of on over per to under via with".split()
    )
    # Common irregular plurals; the rarer ones belong in `variants`.
    IRREGULAR: ClassVar[dict[str, tuple[str, ...]]] = {
        "analysis": ("analyses",), "appendix": ("appendices", "appendixes"),
        "axis": ("axes",), "basis": ("bases",), "cactus": ("cacti", "cactuses"),
        "child": ("children",), "corpus": ("corpora",), "crisis": ("crises",),
        "criterion": ("criteria",), "datum": ("data",), "die": ("dice",),
        "focus": ("foci", "focuses"), "foot": ("feet",), "formula": ("formulas", "formulae"),
        "goose": ("geese",), "hypothesis": ("hypotheses",), "index": ("indices", "indexes"),
        "man": ("men",), "matrix": ("matrices", "matrixes"), "medium": ("media", "mediums"),
        "mouse": ("mice",), "ox": ("oxen",), "parenthesis": ("parentheses",),
        "person": ("people", "persons"), "phenomenon": ("phenomena",), "quiz": ("quizzes",),
        "radius": ("radii",), "schema": ("schemas", "schemata"), "stimulus": ("stimuli",),
        "synopsis": ("synopses",), "thesis": ("theses",), "tooth": ("teeth",),
        "vertex": ("vertices", "vertexes"), "woman": ("women",),
        # f/fe → ves; "roofs", "chiefs", "beliefs" take the regular rule.
        "calf": ("calves",), "elf": ("elves",), "half": ("halves",), "knife": ("knives",),
        "leaf": ("leaves",), "life": ("lives",), "loaf": ("loaves",), "self": ("selves",),
        "shelf": ("shelves",), "thief": ("thieves",), "wife": ("wives",), "wolf": ("wolves",),
        "scarf": ("scarves", "scarfs"), "hoof": ("hooves", "hoofs"), "dwarf": ("dwarfs", "dwarves"),
        # -o → -oes for these few; "photos", "repos" take the regular rule.
        "echo": ("echoes",), "hero": ("heroes",), "potato": ("potatoes",),
        "tomato": ("tomatoes",), "veto": ("vetoes",),
        # The same in both numbers.
        "aircraft": ("aircraft",), "deer": ("deer",), "series": ("series",),
        "sheep": ("sheep",), "species": ("species",),
    }
    # -ch said "k": "epochs", not "epoches".
    CH_S = frozenset("epoch monarch stomach tech".split())

    def forms(self, words: Sequence[str]) -> tuple[tuple[str, ...], ...]:
        """The term as given, its plurals, then the possessives of those that do not
        end in -s ("team’s", "children’s", "API’s")."""
        singular = tuple(words)
        plurals = self.pluralise(words)
        possessives = [
            (*form[:-1], form[-1] + "’s")
            for form in (singular, *plurals)
            if form is singular or not form[-1].endswith("s")
            if form[-1][-1:].isalnum()
        ]
        return _unique([singular, *plurals, *possessives])

    def pluralise(self, words: Sequence[str]) -> tuple[tuple[str, ...], ...]:
        """The term with its head in the plural, once per plural of the head.

        The head is the word before the first preposition ("point of view"),
        otherwise the last word ("user story"); inside a hyphenated head, the
        same rule again ("mother-in-law", "follow-up").
        """
        words = list(words)
        head = next(
            (k - 1 for k in range(1, len(words) - 1) if words[k] in self.PREPOSITIONS),
            len(words) - 1,
        )
        parts = _INNER_SEPARATOR.split(words[head])
        names = parts[::2]
        inner = next(
            (k - 1 for k in range(1, len(names) - 1) if names[k] in self.PREPOSITIONS),
            len(names) - 1,
        )
        if not (_inflectable(names[inner]) or is_acronym(names[inner])):
            return ()
        out = []
        for plural in self.plurals(names[inner]):
            parts[2 * inner] = plural
            out.append((*words[:head], "".join(parts), *words[head + 1 :]))
        return tuple(out)

    def plurals(self, word: str) -> tuple[str, ...]:
        """The plurals of one word: lower-case, or an acronym ("APIs")."""
        if is_acronym(word):
            return (word + "s",)
        if word in self.IRREGULAR:
            return self.IRREGULAR[word]
        if word.endswith(("s", "x", "z", "sh")) or (
            word.endswith("ch") and word not in self.CH_S
        ):
            return (word + "es",)
        if word.endswith("y") and (word[-2:-1] not in "aeiou" or word.endswith("quy")):
            return (word[:-1] + "ies",)
        return (word + "s",)


NEUTRAL = Language()
FRENCH = French()
ENGLISH = English()
_LANGUAGES: dict[str, Language] = {}


def register(language: Language) -> None:
    """Use `language` for the Sphinx `language` codes that start with its `code`."""
    _LANGUAGES[language.code] = language


register(FRENCH)
register(ENGLISH)


def get_language(code: str | None) -> Language:
    """The rules for a Sphinx `language` ("fr", "fr_FR", "en-GB"); neutral if unknown."""
    primary = re.split(r"[-_]", code or "", maxsplit=1)[0].lower()
    return _LANGUAGES.get(primary, NEUTRAL)
