"""Find the terms of a glossary in plain text, in one pass over its words.

No Sphinx or docutils here: the transform hands text to `Matcher.finditer`.

Every form of every term (its names, their plurals, its variants) is normalised,
then cut into words (runs of word characters) and the gaps between them ("-",
"’", " ", "++"). Words and gaps are the edges of a trie, so the text is read
once, word by word, with a dictionary look-up per word: the cost is linear in
the text and does not grow with the number of terms. (A regex alternation built
from a trie of characters read text about as fast, but took 0.7 s to compile
for 5,000 terms, where this trie takes 0.1 s; 0.4 s with their plurals.)

The language's locutions ("en cas de") sit in the trie too, as forms of no term:
the longest match swallows them, so no term is linked inside one.

Text is matched as composed Unicode (NFC), on a copy when it is not already, and
the offsets are mapped back: the text itself never changes. A capital may lose
its accent, as French often writes them ("Ebauche" is "Ébauche"); a lower-case
letter may not ("ou" is not "où").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, count
from typing import TYPE_CHECKING, NamedTuple

from glossary_ext._language import is_acronym

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from glossary_ext._language import Language

__all__ = ["Collision", "Match", "Matcher", "Term", "forget_words", "normalise"]

# Word characters, except ʼ: a letter for Unicode, an apostrophe for French.
_WORD = re.compile(r"[^\W\u02bc]+")
_WORDS = re.compile(f"({_WORD.pattern})")  # splits text into gaps and words
# Combining accents of decomposed text ("e" + U+0301) belong to the word before.
_MARKS = "".join(map(chr, range(0x300, 0x370)))
_SPACES = re.compile(r"\s+")  # any whitespace: U+00A0, U+202F and line breaks too
_APOSTROPHES = frozenset("'’ʼ")
_HYPHENS = frozenset("-\u2010\u2011")
# str.translate raises and catches a KeyError for each character its table
# leaves out: the tables below give the Latin ones too, as themselves.
_LATIN = {code: code for code in range(0x250)}
_CANONICAL = _LATIN | str.maketrans(dict.fromkeys("'ʼ", "’") | dict.fromkeys("\u2010\u2011", "-"))
_PARTS = re.compile(r"([ ’-])")  # what separates the parts of a normalised form
# One of these alone between two words makes them one: "auto-organisation",
# "aujourd’hui", "ASP.NET"; so does nothing at all ("C++11" after "C++").
_GLUE = _APOSTROPHES | _HYPHENS | {"."}
_GLUED = _GLUE | {""}
# A word followed by these is the start of a name ("C" in "C++", "C#"), or of a
# decomposed letter.
_NOT_AFTER = frozenset("+#" + _MARKS)
# A qualifier in parentheses is part of the term's words: "Itération (interne)".
_QUALIFIER = re.compile(r"\s+\(([^()]*\w[^()]*)\)")
# Latin letters with accents, to their bare letter: "É" → "E".
_BARE = _LATIN | {
    code: unicodedata.normalize("NFD", chr(code))[0]
    for block in (range(0xC0, 0x250), range(0x1E00, 0x1F00))
    for code in block
    if len(unicodedata.normalize("NFD", chr(code))) > 1
}


class Term(NamedTuple):
    """One glossary entry. (A tuple: made faster than a frozen dataclass, and
    a lexicon makes two or three for each of its thousands of entries.)"""

    key: str  # opaque id, returned in matches
    names: tuple[str, ...]  # the term lines of the entry (stacked aliases)
    variants: tuple[str, ...] = ()  # extra forms, matched as given (no inflection)
    inflect: bool = True  # False: names match as written only, no plurals


class Match(NamedTuple):
    """A term found in text. (A tuple: made faster than a frozen dataclass,
    and a site's text holds tens of thousands.)"""

    start: int
    end: int
    key: str


@dataclass(frozen=True, slots=True)
class Collision:
    form: str  # the normalised form both terms generate
    keys: tuple[str, str]  # the two term keys, in order of definition


def normalise(text: str) -> str:
    """The canonical spelling of a form: composed (NFC), one space between words,
    ’ and - as apostrophe and hyphen, lower case except acronyms and single
    capitals ("C", "C++")."""
    return _written(text)[0]


def _written(text: str) -> tuple[str, frozenset[int]]:
    """The normalised form, and where it had a capital without an accent, which
    stands for the letter with or without one ("Ebauche": {0})."""
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", text).strip()).translate(_CANONICAL)
    if text == text.lower():  # the usual case: no capital, nothing to keep or to free
        return text, frozenset()
    form = "".join(part if _keeps_case(part) else part.lower() for part in _PARTS.split(text))
    if len(form) != len(text):  # a rare lower case of another length: no wildcards
        return form, frozenset()
    return form, frozenset(
        i for i, (was, now) in enumerate(zip(text, form, strict=True))
        if was != now and _fold(was) == now
    )


def _keeps_case(part: str) -> bool:
    """Acronyms ("DSI") and single capitals ("C", "C++") match as written only."""
    letters = [char for char in part if char.isalpha()]
    return is_acronym(part) or (len(letters) == 1 and letters[0].isupper())


@lru_cache(maxsize=1 << 16)  # prose repeats its words, and translate() is slow
def _fold(word: str) -> str:
    """Lower case without accents: the key of the look-up for a missing accent."""
    folded = word.lower().translate(_BARE)
    return word if folded == word else folded  # most words: kept once, not twice


def forget_words() -> None:
    """Empty the cache of folded words: the words of a site's prose, some MB."""
    _fold.cache_clear()


def _agrees(word: str, key: str, wild: tuple[int, ...]) -> bool:
    """Whether a text word is the trie word `key` but for the accents of capitals:
    the text's ("Ebauche" for "ébauche") or the term's (`wild`, "Ebauche" for "ébauche")."""
    if len(word) != len(key):
        return False
    exact = key != key.lower()
    for i, (char, want) in enumerate(zip(word, key, strict=True)):
        if (char if exact else char.lower()) == want:
            continue
        lower = char.lower()
        if char.isupper() and _fold(char) == lower == _fold(want) and (want.isupper() or not exact):
            continue  # the text dropped the accent of a capital
        if i in wild and _fold(char) == want:
            continue  # the term did
        return False
    return True


def _composed(text: str) -> tuple[str, list[int]]:
    """`text` in NFC, and for each of its offsets (and its end) the offset in `text`."""
    out: list[str] = []
    offsets: list[int] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or not unicodedata.combining(text[i]):
            piece = unicodedata.normalize("NFC", text[start:i])
            out.append(piece)
            offsets += [start] * len(piece)
            start = i
    offsets.append(len(text))
    return "".join(out), offsets


def _canonical_gap(gap: str) -> str:
    if gap == " ":  # most gaps, as they are
        return gap
    return _SPACES.sub(" ", gap).translate(_CANONICAL)


# The trie, flat: a place, the word at a level, -> the node reached there: the
# forms that end there, each with the symbols before its first word (".NET"),
# those after its last one ("C++") and its term's key (None for a locution);
# then the levels that may follow, each after its gap ((gap, level), ...).
# Levels are numbered, the first words' is 0 and their places are the words
# themselves, the others' (level, word); words are keyed in lower case,
# acronyms and single capitals as written. Strings, numbers and tuples once
# built, which the garbage collector stops tracking: a trie of objects for
# 5,000 terms was some 80,000 objects for every full collection of a build to
# walk. Equal nodes are one ("processus", "processus" as a plural).
_Place = str | tuple[int, str]
_Node = tuple[tuple[tuple[str, str, "str | None"], ...], tuple[tuple[str, int], ...]]
# The place of a folded word -> the words with accents, or written with a bare
# capital, that fold to it. And the place of a word -> the offsets where a term
# wrote a capital without its accent, for the few words that have one.
_Folded = tuple[str, ...]
_Wild = tuple[int, ...]
_LEAF: _Node = ((), ())  # a node that nothing ends at or goes on from yet


def _place(level: int, word: str) -> _Place:
    return (level, word) if level else word


class _Trie:
    """The trie as it is built: its tables in their final form from the start,
    a node made again, as a tuple, when a form ends there or goes on from
    there. (Built of lists and dictionaries, then frozen, the trie of 5,000
    terms took 16.8 MB at its peak for 9.6 kept; built this way, 10.4 for 9.0.)"""

    def __init__(self) -> None:
        self.edges: dict[_Place, _Node] = {}
        self.folded: dict[_Place, _Folded] = {}
        self.wild: dict[_Place, _Wild] = {}
        self.levels = 1
        self._ends: dict[tuple[str, str, str | None], tuple[str, str, str | None]] = {}

    def add(self, form: str, key: str | None, wild: frozenset[int]) -> None:
        parts = _WORDS.split(form)  # gap, word, gap, word, …, gap
        if len(parts) == 1:  # nothing to anchor it: no word at all
            return
        edges = self.edges
        place: _Place = ""
        level = start = 0
        for k in range(1, len(parts), 2):
            if k > 1:
                gap = parts[k - 1]
                ends, following = edges[place]
                level = next((to for edge, to in following if edge == gap), 0)
                if not level:
                    level, self.levels = self.levels, self.levels + 1
                    edges[place] = (ends, (*following, (gap, level)))
            word = parts[k]
            start += len(parts[k - 1])
            place = _place(level, word)
            edges.setdefault(place, _LEAF)
            mine = [i - start for i in wild if start <= i < start + len(word)] if wild else ()
            start += len(word)
            folded = _fold(word)
            if mine:
                self.wild[place] = tuple(sorted({*self.wild.get(place, ()), *mine}))
            elif folded == word.lower():
                continue
            words = self.folded.get(folded_place := _place(level, folded), ())
            if word not in words:
                self.folded[folded_place] = (*words, word)
        end = (parts[0], parts[-1], key)
        ends, following = edges[place]
        edges[place] = ((*ends, self._ends.setdefault(end, end)), following)

    def firsts(self) -> set[str]:
        """The first words of its forms, in lower case."""
        return {word if word.islower() else word.lower()
                for word in self.edges if isinstance(word, str)}

    def freeze(self) -> dict[_Place, _Node]:
        """Its nodes, equal ones kept once ("processus", "processus" as a plural)."""
        same: dict[_Node, _Node] = {}
        edges = self.edges
        for place, node in edges.items():
            edges[place] = same.setdefault(node, node)
        return edges


class Matcher:
    """All the forms of a set of terms, ready to be found in text."""

    def __init__(
        self, terms: Iterable[Term], language: Language, locutions: Iterable[str] = ()
    ) -> None:
        """`locutions` adds fixed expressions to the language's own."""
        self._elisions = language.elisions
        # Words are keyed in lower case, acronyms as written: a text word is looked
        # up both ways, so "DSI" matches "DSI" only while "Sens" matches "sens".
        trie = _Trie()
        owners: dict[str, str] = {}  # lower-cased form: the key of the term it goes to
        written: dict[str, str] = {}  # lower-cased form: the form, where not in lower case
        collisions: dict[Collision, None] = {}
        # Dictionaries of strings, not sets: the garbage collector stops
        # tracking them, where it walks a set's every member each full collection.
        self._keys: dict[str, None] = {}
        once: dict[str, tuple[str, frozenset[int]]] = {}

        def spelled(name: str) -> tuple[str, frozenset[int]]:
            """A name comes as itself, then inflected: normalised once, kept in between."""
            if (found := once.pop(name, None)) is None:
                found = once[name] = _written(name)
            return found

        for term in terms:
            self._keys[term.key] = None
            for form, wild in _forms_of(term, language, spelled):
                lower = form if form.islower() else form.lower()  # one string, not two
                if lower not in owners:
                    owners[lower] = term.key
                    if form != lower:
                        written[lower] = form
                    trie.add(form, term.key, wild)
                elif (owner := owners[lower]) != term.key:
                    collisions[Collision(written.get(lower, lower), (owner, term.key))] = None
        self.collisions: tuple[Collision, ...] = tuple(collisions)
        # A locution matters only where a term may start: at one of its words.
        # A term's own form wins over it.
        starts = trie.firsts()
        added = []  # the first words of the locutions added
        for locution in (*language.locutions, *locutions):
            form, wild = _written(locution)
            words = _WORD.findall(form.lower())
            if form.lower() not in owners and starts.intersection(words):
                owners[form.lower()] = ""
                trie.add(form, None, wild)
                added.append(words[0])
        starts.update(added)
        del owners, written, once  # what the terms needed, before the nodes are merged
        self._edges, self._folded, self._wildcards = trie.freeze(), trie.folded, trie.wild
        self._folding = frozenset(  # the levels with folded words
            place[0] if isinstance(place, tuple) else 0 for place in self._folded
        )
        self._wild = frozenset(  # those with a term's capital that stands for an accent
            place[0] if isinstance(place, tuple) else 0 for place in self._wildcards
        )
        # The first words of the forms, in lower case, and without accents where
        # a capital may have lost one: a superset of where a form may start.
        starts |= {place for place in self._folded if isinstance(place, str)}
        if 0 in self._folding:  # a capital may have lost its accent: words are folded
            self._key: Callable[[str], str] = _fold
            starts |= {_fold(word) for word in starts}  # a superset
        else:
            self._key = str.lower
        self._starts = dict.fromkeys(starts)  # a dictionary too, for the same reason

    def forms(self, key: str) -> frozenset[str]:
        """The normalised forms that `finditer` matches for the term `key`, read
        back from the trie (for tests and diagnostics: not kept twice)."""
        if key not in self._keys:
            raise KeyError(key)
        levels: dict[int, list[tuple[str, _Node]]] = {}
        for place, node in self._edges.items():
            level, word = place if isinstance(place, tuple) else (0, place)
            levels.setdefault(level, []).append((word, node))
        found: set[str] = set()

        def walk(level: int, before: str) -> None:
            for word, (ends, following) in levels.get(level, ()):
                text = before + word
                found.update(lead + text + trail for lead, trail, owner in ends if owner == key)
                for gap, after in following:
                    walk(after, text + gap)

        walk(0, "")
        return frozenset(found)

    def finditer(self, text: str) -> Iterator[Match]:
        """The matches in `text`: left to right, non-overlapping, the longest first."""
        if unicodedata.is_normalized("NFC", text):
            yield from self._find(text)
        else:
            composed, offsets = _composed(text)
            for match in self._find(composed):
                yield Match(offsets[match.start], offsets[match.end], match.key)

    def _find(self, text: str) -> Iterator[Match]:
        # The words a form may start with, found first in one sweep: most words
        # of prose start none, and most runs of text hold none.
        # (In C: map and compress, no loop of Python's own.)
        parts = _WORDS.split(text)  # gap, word, gap, word, …, gap
        keys = map(self._key, parts[1::2])
        found = list(compress(count(), map(self._starts.__contains__, keys)))
        if not found:
            return
        # Word j is parts[2j + 1], between the gaps parts[2j] and parts[2j + 2];
        # its offset is the length of what comes before it, counted on demand.
        last_end, last_word, offset, counted = 0, -1, 0, 0
        for i in found:
            if i <= last_word:  # inside the match before
                continue
            offset += sum(map(len, parts[counted : 2 * i + 1]))
            counted = 2 * i + 1
            match = self._longest(parts, i, offset, last_end)
            if match is not None:
                start, last_end, last_word, key = match  # go on after its last word
                if key is not None:  # not a locution
                    yield Match(start, last_end, key)

    def _longest(
        self, parts: list[str], i: int, first: int, last_end: int
    ) -> tuple[int, int, int, str | None] | None:
        """The leftmost, then longest, match from word i, which starts at `first`:
        start, end, its last word, key."""
        free = self._free_left(parts, i, "")  # the usual case: no leading symbol
        best: tuple[int, int, int, str | None] | None = None
        stack = [(0, i, first)]
        while stack:
            level, j, start = stack.pop()
            word, after = parts[2 * j + 1], parts[2 * j + 2]
            end = start + len(word)
            more = 2 * j + 3 < len(parts)
            for ends, following in self._lookup(level, word):
                for lead, trail, key in ends:
                    begin, stop = first - len(lead), end + len(trail)
                    if (
                        begin >= last_end
                        and (best is None or (begin, -stop) < (best[0], -best[1]))
                        and (self._free_left(parts, i, lead) if lead else free)
                        and _free_right(after, trail, more)
                    ):
                        best = (begin, stop, j, key)
                if following and more:
                    gap = _canonical_gap(after)
                    stack += [
                        (level, j + 1, end + len(after)) for edge, level in following if edge == gap
                    ]
        return best

    def _lookup(self, level: int, word: str) -> list[_Node]:
        """The trie nodes for a text word: in lower case, as written (acronyms), and
        with the accents a capital lost."""
        edges, lower = self._edges, word.lower()
        node = edges.get((level, lower) if level else lower)
        found = [] if node is None else [node]
        if word != lower and (node := edges.get(_place(level, word))) is not None:
            found.append(node)
        # A word in lower case has lost no capital's accent: it may only have
        # one that a term's bare capital stands for ("ébauche" for "Ebauche").
        if level in self._folding and (
            word != lower or (level in self._wild and not word.isascii())
        ):
            for key in self._folded.get(_place(level, _fold(word)), ()):
                if key != lower and key != word and _agrees(
                    word, key, self._wildcards.get(place := _place(level, key), ())
                ):
                    found.append(edges[place])
        return found

    def _free_left(self, parts: list[str], i: int, lead: str) -> bool:
        """Whether a match may start `lead` back into the gap before word i."""
        before = parts[2 * i]
        if lead and not before.translate(_CANONICAL).endswith(lead):
            return False
        rest = before[: len(before) - len(lead)].lstrip(_MARKS)
        if rest.endswith("/") and (i == 0 or rest != "/"):  # a path: "/vendor"
            return False
        if i == 0 or rest not in _GLUED:
            return True
        if rest not in _APOSTROPHES:  # glued to the word before: "auto-organisation", "ASP.NET"
            return False
        # An apostrophe frees the next word only after an elision (l’, qu’), itself
        # standing free: "l’apprentissage", not "aujourd’hui".
        return parts[2 * i - 1].lower() in self._elisions and (
            i == 1 or parts[2 * i - 2] not in _GLUE
        )


def _free_right(after: str, trail: str, more: bool) -> bool:
    """Whether a match may end `trail` into `after`, the text up to the next word if `more`."""
    if trail and not after.translate(_CANONICAL).startswith(trail):
        return False
    if trail.endswith("’"):  # an elided last word: "à titre d’exemple"
        return True
    rest = after[len(trail) :]
    if rest.startswith("/") and not (more and rest == "/"):  # a path: "vendor/"
        return False
    return rest[:1] not in _NOT_AFTER and not (more and rest in _GLUED)


def _forms_of(
    term: Term, language: Language,
    written: Callable[[str], tuple[str, frozenset[int]]] = _written,
) -> Iterator[tuple[str, frozenset[int]]]:
    """The normalised forms of a term, in a stable order: each name, its plurals,
    variants; each with the offsets of its capitals without accents."""
    for name in term.names:
        form, wild = written(_QUALIFIER.sub(r" \1", name) if "(" in name else name)
        if not form:
            continue
        if not term.inflect:
            yield form, wild
            continue
        words = tuple(form.split(" "))
        for inflected in language.forms(words):
            yield " ".join(inflected), _carry(wild, words, inflected)
    for variant in term.variants:
        yield written(variant)


def _carry(wild: frozenset[int], words: tuple[str, ...], form: tuple[str, ...]) -> frozenset[int]:
    """The wildcards of `words` at the same letters of `form`, one of its inflections."""
    if not wild or len(form) != len(words):
        return frozenset()
    carried = set()
    source = target = 0
    for old, new in zip(words, form, strict=True):
        carried.update(
            target + i - source for i in wild
            if source <= i < source + len(old) and new[i - source :][:1] == old[i - source]
        )
        source, target = source + len(old) + 1, target + len(new) + 1
    return frozenset(carried)
