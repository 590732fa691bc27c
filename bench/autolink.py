"""Benchmark: the cost of automatic links on a build.

Generates a deterministic synthetic corpus (pages x terms) three times:
  plain  the text and the glossary, without the extension: no links at all;
  auto   the same text, with glossary_ext linking it;
  hand   the same text, the occurrences that auto links written as :term:
         roles, with glossary_ext loaded but its automatic links turned off
         (glossary_skip_docs): the same pages as auto, made by hand.
auto / hand is the cost of finding the terms; auto / plain, of having links.
Each build runs in a fresh process; the variants alternate in each round, so
that a noisy machine slows them alike. Prints the median times and the ratios.

    .venv/bin/python bench/autolink.py [--pages 200] [--terms 500 5000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SYLLABLES = ["pa", "ré", "lo", "ti", "mé", "su", "ca", "dé", "no", "vi", "tra", "é", "ou",
             "ra", "con", "pé", "ri", "ta", "bé", "gu", "an", "fi", "lé", "mo", "ssi", "on"]
FILLER = ("le la les un une des et ou mais donc pour avec dans sur sans par nous vous "
          "équipe projet travail idée temps chose manière place question réponse").split()


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def corpus(root: Path, pages: int, terms: int, variant: str) -> None:
    rng = random.Random(f"{pages}x{terms}")
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < terms:
        name = " ".join(word(rng) for _ in range(rng.choice([1, 1, 1, 2, 3])))
        if name not in seen:
            seen.add(name)
            names.append(name)
    root.mkdir(parents=True)
    extensions = [] if variant == "plain" else ["glossary_ext"]
    skip = ["**"] if variant == "hand" else []
    (root / "conf.py").write_text(f"extensions = {extensions!r}\nlanguage = 'fr'\n"
                                  f"glossary_skip_docs = {skip!r}\n"
                                  "suppress_warnings = ['glossary']\n", encoding="utf-8")
    toctree = "\n".join(f"   page{n}" for n in range(pages))
    (root / "index.rst").write_text(f"Corpus\n======\n\n.. toctree::\n\n{toctree}\n   lexique\n")
    entries = "\n".join(f"   {name}\n      Définition de {name}, {' '.join(rng.sample(FILLER, 8))}.\n"
                        for name in names)
    (root / "lexique.rst").write_text(f"Lexique\n=======\n\n.. glossary::\n\n{entries}")
    for n in range(pages):
        lines = [f"Page {n}", "=" * 12, ""]
        for s in range(5):
            lines += [f"Section {s}", "-" * 12, ""]
            linked: set[str] = set()
            for _ in range(4):  # paragraphs of five sentences, one term in each
                sentences = []
                for _ in range(5):
                    name = rng.choice(names)
                    text = name
                    if variant == "hand" and name not in linked:
                        text = f":term:`{name}`"
                        linked.add(name)
                    words = [*rng.sample(FILLER, 12), text]
                    rng.shuffle(words)
                    sentences.append(" ".join(words).capitalize() + ".")
                lines += [" ".join(sentences), ""]
        (root / f"page{n}.rst").write_text("\n".join(lines), encoding="utf-8")


def build(src: Path) -> float:
    out = src.parent / f"{src.name}-out"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", "-E", str(src), str(out)],
                   check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--terms", type=int, nargs="+", default=[500, 5000])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    variants = ("plain", "auto", "hand")
    print(f"| pages × terms | plain (s) | auto (s) | hand (s) | auto / plain | auto / hand |")
    print(f"|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for terms in args.terms:
            for variant in variants:
                corpus(Path(tmp, f"{terms}-{variant}"), args.pages, terms, variant)
            times: dict[str, list[float]] = {v: [] for v in variants}
            for round_ in range(args.rounds):
                order = variants[round_ % 3:] + variants[:round_ % 3]
                for variant in order:
                    times[variant].append(build(Path(tmp, f"{terms}-{variant}")))
            median = {v: statistics.median(t) for v, t in times.items()}
            print(f"| {args.pages} × {terms} | {median['plain']:.1f} | {median['auto']:.1f} | "
                  f"{median['hand']:.1f} | {median['auto'] / median['plain']:.3f} | "
                  f"{median['auto'] / median['hand']:.3f} |", flush=True)


if __name__ == "__main__":
    main()
