"""Find the terms of a glossary in plain text, in one pass over its words.

No Sphinx or docutils here: the transform hands text to `Matcher.finditer`.

Every form of every term (its names, their plurals, its variants) is normalised,
then cut into words (runs of word characters) and the gaps between them ("-",
"’", " ", "++"). Words and gaps are the edges of a trie, so the text is read
once, word by word, with a dictionary look-up per word: the cost is linear in
the text and does not grow with the number of terms. (A regex alternation built
from a trie of characters read text about as fast, but took 0.7 s to compile
for 5,000 terms, where this trie takes 0.1 s.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from glossary_ext._language import is_acronym

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from glossary_ext._language import Language

__all__ = ["Collision", "Match", "Matcher", "Term", "normalise"]

# Word characters, except ʼ: a letter for Unicode, an apostrophe for French.
_WORD = re.compile(r"[^\W\u02bc]+")
# Combining accents of decomposed text ("e" + U+0301) belong to the word before.
_MARKS = "".join(map(chr, range(0x300, 0x370)))
_SPACES = re.compile(r"\s+")  # any whitespace: U+00A0, U+202F and line breaks too
_APOSTROPHES = frozenset("'’ʼ")
_HYPHENS = frozenset("-\u2010\u2011")
_CANONICAL = str.maketrans(dict.fromkeys("'ʼ", "’") | dict.fromkeys("\u2010\u2011", "-"))
_PARTS = re.compile(r"([ ’-])")  # what separates the parts of a normalised form
# One of these alone between two words makes them one: "auto-organisation",
# "aujourd’hui", "ASP.NET"; so does nothing at all ("C++11" after "C++").
_GLUE = _APOSTROPHES | _HYPHENS | {"."}
_GLUED = _GLUE | {""}
# A word followed by these is the start of a name ("C" in "C++", "C#"), or of a
# decomposed letter.
_NOT_AFTER = frozenset("+#" + _MARKS)


@dataclass(frozen=True, slots=True)
class Term:
    """One glossary entry."""

    key: str  # opaque id, returned in matches
    names: tuple[str, ...]  # the term lines of the entry (stacked aliases)
    variants: tuple[str, ...] = ()  # extra forms, matched as given (no inflection)
    inflect: bool = True  # False: names match as written only, no plurals


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    key: str


@dataclass(frozen=True, slots=True)
class Collision:
    form: str  # the normalised form both terms generate
    keys: tuple[str, str]  # the two term keys, in order of definition


def normalise(text: str) -> str:
    """The canonical spelling of a form: one space between words, ’ and - as
    apostrophe and hyphen, lower case except acronyms."""
    text = _SPACES.sub(" ", text.strip()).translate(_CANONICAL)
    return "".join(part if is_acronym(part) else part.lower() for part in _PARTS.split(text))


def _canonical_gap(gap: str) -> str:
    return _SPACES.sub(" ", gap).translate(_CANONICAL)


class _Node:
    """The trie node reached after a word."""

    __slots__ = ("ends", "next")

    def __init__(self) -> None:
        # Forms ending at this word: the symbols they have before their first word
        # (".NET") and after their last one ("C++"), and their term's key.
        self.ends: list[tuple[str, str, str]] = []
        # The following gap, then the following word.
        self.next: dict[str, dict[str, _Node]] = {}


class Matcher:
    """All the forms of a set of terms, ready to be found in text."""

    def __init__(self, terms: Iterable[Term], language: Language) -> None:
        self._elisions = language.elisions
        # Words are keyed in lower case, acronyms as written: a text word is looked
        # up both ways, so "DSI" matches "DSI" only while "Sens" matches "sens".
        self._root: dict[str, _Node] = {}
        self._forms: dict[str, set[str]] = {}
        owners: dict[str, tuple[str, str]] = {}  # lower-cased form: (form, key)
        collisions: dict[Collision, None] = {}
        for term in terms:
            mine = self._forms.setdefault(term.key, set())
            for form in _forms_of(term, language):
                first_form, owner = owners.setdefault(form.lower(), (form, term.key))
                if owner != term.key:
                    collisions[Collision(first_form, (owner, term.key))] = None
                elif first_form == form and form not in mine:
                    mine.add(form)
                    self._add(form, term.key)
        self.collisions: tuple[Collision, ...] = tuple(collisions)

    def forms(self, key: str) -> frozenset[str]:
        """The normalised forms that `finditer` matches for the term `key`."""
        return frozenset(self._forms[key])

    def _add(self, form: str, key: str) -> None:
        runs = list(_WORD.finditer(form))
        if not runs:  # nothing to anchor it: no word at all
            return
        level, node = self._root, _Node()
        for k, run in enumerate(runs):
            if k:
                level = node.next.setdefault(form[runs[k - 1].end() : run.start()], {})
            node = level.get(run.group()) or level.setdefault(run.group(), _Node())
        node.ends.append((form[: runs[0].start()], form[runs[-1].end() :], key))

    def finditer(self, text: str) -> Iterator[Match]:
        """The matches in `text`: left to right, non-overlapping, the longest first."""
        spans = [match.span() for match in _WORD.finditer(text)]
        root, last_end, i = self._root, 0, 0
        while i < len(spans):
            word = text[spans[i][0] : spans[i][1]]
            if word.lower() in root or word in root:
                found = self._longest(text, spans, i, last_end)
                if found is not None:
                    start, last_end, i, key = found  # go on after the match's last word
                    yield Match(start, last_end, key)
            i += 1

    def _longest(
        self, text: str, spans: list[tuple[int, int]], i: int, last_end: int
    ) -> tuple[int, int, int, str] | None:
        """The leftmost, then longest, match from word i: start, end, its last word, key."""
        first = spans[i][0]
        before = text[spans[i - 1][1] if i else 0 : first]
        free = self._free_left(text, spans, i, before, "")  # the usual case: no leading symbol
        best: tuple[int, int, int, str] | None = None
        stack = [(self._root, i)]
        while stack:
            level, j = stack.pop()
            start, end = spans[j]
            more = j + 1 < len(spans)
            after = text[end : spans[j + 1][0] if more else len(text)]
            for node in _lookup(level, text[start:end]):
                for lead, trail, key in node.ends:
                    begin, stop = first - len(lead), end + len(trail)
                    if (
                        begin >= last_end
                        and (best is None or (begin, -stop) < (best[0], -best[1]))
                        and (self._free_left(text, spans, i, before, lead) if lead else free)
                        and _free_right(after, trail, more)
                    ):
                        best = (begin, stop, j, key)
                if node.next and more and (following := node.next.get(_canonical_gap(after))):
                    stack.append((following, j + 1))
        return best

    def _free_left(
        self, text: str, spans: list[tuple[int, int]], i: int, before: str, lead: str
    ) -> bool:
        """Whether a match may start `lead` back into `before`, the text since word i-1."""
        if lead and not before.translate(_CANONICAL).endswith(lead):
            return False
        rest = before[: len(before) - len(lead)].lstrip(_MARKS)
        if i == 0 or rest not in _GLUED:
            return True
        if rest not in _APOSTROPHES:  # glued to the word before: "auto-organisation", "ASP.NET"
            return False
        # An apostrophe frees the next word only after an elision (l’, qu’), itself
        # standing free: "l’apprentissage", not "aujourd’hui".
        start, end = spans[i - 1]
        return text[start:end].lower() in self._elisions and (
            i == 1 or text[spans[i - 2][1] : start] not in _GLUE
        )


def _free_right(after: str, trail: str, more: bool) -> bool:
    """Whether a match may end `trail` into `after`, the text up to the next word if `more`."""
    if trail and not after.translate(_CANONICAL).startswith(trail):
        return False
    rest = after[len(trail) :]
    return rest[:1] not in _NOT_AFTER and not (more and rest in _GLUED)


def _lookup(level: dict[str, _Node], word: str) -> list[_Node]:
    """The trie nodes for a text word: in lower case, and as written (acronyms)."""
    lower = word.lower()
    nodes = [level[lower]] if lower in level else []
    if word != lower and word in level:
        nodes.append(level[word])
    return nodes


def _forms_of(term: Term, language: Language) -> Iterator[str]:
    """The normalised forms of a term, in a stable order: each name, its plural, variants."""
    for name in term.names:
        words = tuple(normalise(name).split(" "))
        if words != ("",):
            for form in language.forms(words) if term.inflect else (words,):
                yield " ".join(form)
    for variant in term.variants:
        yield normalise(variant)
