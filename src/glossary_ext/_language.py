"""The language rules the matcher needs: elided words, and the forms of a term.

The matcher knows only the small `Language` interface. `Language` itself is the
neutral fallback (no elision, no inflection); `French` is the one full
implementation. To add a language, subclass `Language` and register an instance
in `_LANGUAGES`: the matcher does not change.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from collections.abc import Sequence

# Inside a normalised word, these cut it into parts: "auto-organisation", "d’action".
_INNER_SEPARATOR = re.compile(r"([-’])")


def is_acronym(word: str) -> bool:
    """Whether `word` is an acronym: two letters or more, all upper-case ("DSI", "ÉTI")."""
    return word.isupper() and sum(char.isalpha() for char in word) >= 2


class Language:
    """Neutral rules, for a language without its own: no elision, no inflection.

    `forms` receives the words of a term as the matcher normalised them: split on
    spaces, lower-case except acronyms, with ’ for every apostrophe and - for every
    hyphen.
    """

    code: ClassVar[str] = ""
    #: Words written with an apostrophe before the next word (l’, qu’), lower-case.
    #: A term may start right after one of these; after any other apostrophe
    #: ("aujourd’hui") it may not.
    elisions: ClassVar[frozenset[str]] = frozenset()

    def forms(self, words: Sequence[str]) -> tuple[tuple[str, ...], ...]:
        """The forms of a term, the words as given first."""
        return (tuple(words),)


class French(Language):
    """French: elision after l’ d’ qu’…, and the plural of each inflectable word."""

    code = "fr"
    elisions = frozenset(
        {"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"}
    )

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

    def forms(self, words: Sequence[str]) -> tuple[tuple[str, ...], ...]:
        """The term as given, then its plural when it differs."""
        singular, plural = tuple(words), self.pluralise(words)
        return (singular,) if plural == singular else (singular, plural)

    def pluralise(self, words: Sequence[str]) -> tuple[str, ...]:
        """Each inflectable word in the plural: "signal faible" → "signaux faibles"."""
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
                    or after == "’"  # elided: l’, qu’
                    or part in self.FUNCTION_WORDS
                    or (after == "-" and (part.endswith("o") or part in self.PREFIXES))
                    or not self._inflectable(part)
                ):
                    parts[k] = self.plural(part)
                    head_seen = True
            plural.append("".join(parts))
        return tuple(plural)

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

    @staticmethod
    def _inflectable(part: str) -> bool:
        # Single letters ("vitamine C"), numbers, symbols and acronyms stay as they are.
        return len(part) > 1 and part[-1].isalpha() and not is_acronym(part)


NEUTRAL = Language()
FRENCH = French()
_LANGUAGES: dict[str, Language] = {FRENCH.code: FRENCH}


def get_language(code: str | None) -> Language:
    """The rules for a Sphinx `language` ("fr", "fr_FR", "fr-CA"); neutral if unknown."""
    primary = re.split(r"[-_]", code or "", maxsplit=1)[0].lower()
    return _LANGUAGES.get(primary, NEUTRAL)
