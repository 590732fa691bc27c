"""Benchmark: what automatic links cost a build, against plain Sphinx.

Builds each variant in a fresh process (``-E``, html) and prints medians:

  plain        the pages without glossary_ext and without any link;
  sphinx-hand  the same links written by hand as :term: roles, plain Sphinx;
  auto         the pages with glossary_ext linking them (definitions and
               backlinks included);
  ext-hand     the hand-written roles with glossary_ext loaded, its automatic
               links turned off (glossary_skip_docs): definitions, backlinks;
  plain-lexicon
               plain, each entry of its lexicon ending with the "Utilisé dans"
               that auto writes there, as raw HTML (synthetic corpus): Sphinx
               alone writing a lexicon as large, for peak memory;
  before       ``auto`` with glossary_ext as it was at ``--before`` (a git
               revision), to compare a change side by side.

Side by side: the variants are built one after the other, the order turning
each round, each measured by the CPU time of all its processes (the writers
included with -j 2), and with -j 2 by its wall time too. (Built at the same
time, several to a core, they all slow down alike, and their ratios read
lower than the ratios of builds that each have the machine to themselves.)
``--instructions`` adds a figure that does not move with the machine's load:
each build's instructions, counted by valgrind; ``--parallel-instructions``,
those of plain and auto builds with -j 1 and -j 2, every process counted.

Corpora: a deterministic synthetic one (pages x terms; paragraphs of five
sentences of thirteen words, ``--density`` of them with a term: by default
two, about 40 links a page), and Sphinx's own documentation, from the sdist
of the installed Sphinx (``--docs``, unpacked in ``--cache``, fetched from
PyPI with pip when absent; offline: intersphinx emptied). Then one ``auto``
build of each under cProfile: the share of the build spent in glossary_ext's
own handlers.

    .venv/bin/python bench/autolink.py [--pages 200] [--terms 500 5000]
        [--density 2] [--rounds 3] [--docs] [--before REV] [--jobs 1 2]
        [--instructions] [--parallel-instructions] [--no-profile]
"""

from __future__ import annotations

import argparse
import os
import pstats
import random
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import sphinx

REPO = Path(__file__).resolve().parent.parent
SYLLABLES = ["pa", "ré", "lo", "ti", "mé", "su", "ca", "dé", "no", "vi", "tra", "é", "ou",
             "ra", "con", "pé", "ri", "ta", "bé", "gu", "an", "fi", "lé", "mo", "ssi", "on"]
FILLER = ("le la les un une des et ou mais donc pour avec dans sur sans par nous vous "
          "équipe projet travail idée temps chose manière place question réponse").split()
# What each variant's conf.py adds.
EXTENSION = {"plain": False, "sphinx-hand": False, "auto": True, "ext-hand": True,
             "plain-lexicon": False, "before": True}
HAND = {"sphinx-hand", "ext-hand"}
# What glossary_ext gives Sphinx to call (setup, events, transform, role, visitors).
HANDLERS = {
    "setup", "validate", "read_glossaries", "check_page_scope",
    "noterm_role", "apply", "keep_builder", "env_updated", "run", "add_backlinks", "add_definitions",
    "_add_static_files", "_add_assets", "visit_glossary_reference",
    "depart_glossary_reference", "visit_glossary_backlinks", "visit_glossary_text",
}


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def corpus(root: Path, pages: int, terms: int, variant: str, density: int = 2) -> None:
    """The synthetic corpus: the same text for every variant, roles only in HAND,
    the lexicon's "Utilisé dans" only in plain-lexicon."""
    rng = random.Random(f"{pages}x{terms}")
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < terms:
        name = " ".join(word(rng) for _ in range(rng.choice([1, 1, 1, 2, 3])))
        if name not in seen:
            seen.add(name)
            names.append(name)
    root.mkdir(parents=True)
    extensions = ["glossary_ext"] if EXTENSION[variant] else []
    skip = ["**"] if variant == "ext-hand" else []
    (root / "conf.py").write_text(f"extensions = {extensions!r}\nlanguage = 'fr'\n"
                                  f"glossary_skip_docs = {skip!r}\n"
                                  "suppress_warnings = ['glossary']\n", encoding="utf-8")
    toctree = "\n".join(f"   page{n}" for n in range(pages))
    (root / "index.rst").write_text(f"Corpus\n======\n\n.. toctree::\n\n{toctree}\n   lexique\n")
    definitions = [f"Définition de {name}, {' '.join(rng.sample(FILLER, 8))}." for name in names]
    used: dict[str, dict[int, list[int]]] = {}  # name -> page -> its sections that use it
    for n in range(pages):
        lines = [f"Page {n}", "=" * 12, ""]
        for s in range(5):
            lines += [f"Section {s}", "-" * 12, ""]
            linked: set[str] = set()
            for _ in range(4):  # paragraphs of five sentences, a term in `density` of them
                sentences = []
                for k in range(5):
                    name = rng.choice(names)
                    text = name
                    if k < density and name not in linked:  # what "section" scope links
                        linked.add(name)
                        used.setdefault(name, {}).setdefault(n, []).append(s)
                        if variant in HAND:
                            text = f":term:`{name}`"
                    words = [*rng.sample(FILLER, 12), text] if k < density else rng.sample(FILLER, 13)
                    rng.shuffle(words)
                    sentences.append(" ".join(words).capitalize() + ".")
                lines += [" ".join(sentences), ""]
        (root / f"page{n}.rst").write_text("\n".join(lines), encoding="utf-8")
    entries = "\n".join(
        f"   {name}\n      {definition}\n"
        + (f"\n      .. raw:: html\n\n         {used_in(used[name])}\n"
           if variant == "plain-lexicon" and name in used else "")
        for name, definition in zip(names, definitions, strict=True)
    )
    (root / "lexique.rst").write_text(f"Lexique\n=======\n\n.. glossary::\n\n{entries}")


def used_in(pages: dict[int, list[int]]) -> str:
    """An entry's "Utilisé dans", as glossary_ext writes it in HTML."""
    def link(href: str, title: str) -> str:
        return f'<a class="reference internal" href="{href}">{title}</a>'

    return ('<p class="glossary-backlinks">Utilisé dans\u00a0: ' + ", ".join(
        link(f"page{n}.html", f"Page {n}") + " ("
        + ", ".join(link(f"page{n}.html#section-{s}", f"Section {s}") for s in sections) + ")"
        for n, sections in sorted(pages.items())
    ) + ".</p>")


# Where Sphinx's sdist is kept between runs: out of the sources, like every build.
CACHE = Path(__file__).resolve().parent.parent / "_build" / "bench-cache"


def sphinx_docs(cache: Path = CACHE) -> Path:
    """The doc/ folder of the installed Sphinx's sdist, unpacked in the cache."""
    name = f"sphinx-{sphinx.__version__}"
    if not (cache / name / "doc" / "conf.py").is_file():
        sdist = cache / f"{name}.tar.gz"
        if not sdist.is_file():
            subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                            "--no-binary", ":all:", f"sphinx=={sphinx.__version__}",
                            "-d", str(cache)], check=True)
        with tarfile.open(sdist) as archive:
            archive.extractall(cache, filter="data")
    return cache / name / "doc"


def docs_corpus(root: Path, docs: Path, variant: str) -> None:
    """Sphinx's documentation, offline, with or without glossary_ext."""
    shutil.copytree(docs, root)
    conf = root / "conf.py"
    extra = "\nintersphinx_mapping = {}\n"
    if EXTENSION[variant]:
        extra += "extensions.append('glossary_ext')\nsuppress_warnings = ['glossary']\n"
    conf.write_text(conf.read_text(encoding="utf-8") + extra, encoding="utf-8")


# A build under valgrind, counting its instructions (no cache simulation), hash seed fixed.
COUNTED = ("valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null")


def start(src: Path, variant: str, jobs: int, before: Path | None,
          counted: tuple[str, ...] = (), site: Path | None = None) -> subprocess.Popen:
    """One build in a fresh process, into an empty output folder; ``counted``: under
    this valgrind command, its report on stderr, kept in a file (read by ``report``:
    two builds run at once, and a pipe left unread would stop the second once
    full); ``site``: a sitecustomize's folder.

    Empty, so that every round builds alike: even with -E, Sphinx loads the
    search index an earlier build left there (some 8 MB more at the peak of
    Sphinx's docs with the extension, whose peak comes while writing).
    """
    env = dict(os.environ, PYTHONHASHSEED="0") if counted else dict(os.environ)
    if variant == "before" and before is not None:
        env["PYTHONPATH"] = str(before)
    if site is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(site), env.get("PYTHONPATH")]))
    out = src.parent / f"{src.name}-out"
    shutil.rmtree(out, ignore_errors=True)
    log = tempfile.TemporaryFile("w+", encoding="utf-8") if counted else subprocess.DEVNULL
    process = subprocess.Popen([*counted, sys.executable, "-m", "sphinx",
                                "-b", "html", "-q", "-E", "-j", str(jobs), str(src), str(out)],
                               env=env, stderr=log)
    process.log = log  # type: ignore[attr-defined]
    return process


def report(process: subprocess.Popen) -> str:
    """What a counted build wrote on stderr, once it is done."""
    process.wait()
    process.log.seek(0)
    log = process.log.read()
    process.log.close()
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, process.args, stderr=log)
    return log


def finish(process: subprocess.Popen) -> tuple[float, float]:
    """A build's CPU time (its own process), and its peak memory (MB)."""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, process.args)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def profile(src: Path, tmp: Path) -> tuple[float, float, list[tuple[str, float]]]:
    """One auto build under cProfile: total time, glossary_ext's, its handlers'."""
    stats_file = tmp / "profile.stats"
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(stats_file), "-m", "sphinx",
                    "-b", "html", "-q", "-E", str(src), str(tmp / f"{src.name}-profile-out")],
                   check=True, stderr=subprocess.DEVNULL)
    stats = pstats.Stats(str(stats_file))
    # The extension's entry points, the functions it gives Sphinx, with the time
    # spent under them (docutils' walks they start included).
    entries = {
        func: row[3] for func, row in stats.stats.items()
        if "glossary_ext" in func[0] and func[2] in HANDLERS
    }
    total = stats.total_tt
    handlers = sorted(
        ((f"{Path(func[0]).stem}.{func[2]}", cum) for func, cum in entries.items()),
        key=lambda item: -item[1],
    )
    return total, sum(cum for _, cum in handlers), handlers[:6]


def instructions(corpora: dict[str, Path], before: Path | None) -> dict[str, int]:
    """The instructions each variant's build executes, counted by valgrind: the
    same from one run to the next, whatever the machine's load. Two at a time."""
    counts: dict[str, int] = {}
    variants = list(corpora)
    for pair in (variants[k : k + 2] for k in range(0, len(variants), 2)):
        running = {v: start(corpora[v], v, 1, before, counted=COUNTED) for v in pair}
        for v, process in running.items():
            log = report(process)
            # Its own report: a program it runs (graphviz's dot, for Sphinx's docs) is a
            # forked copy of it that reports, as it turns into that program, what the
            # build had executed so far.
            own = re.search(rf"^=={process.pid}== I\s+refs:\s+([\d,]+)", log, re.M)
            counts[v] = int(own[1].replace(",", ""))
    return counts


# With -j 2, every process counted on its own: callgrind zeroes its counters as
# a process forked by Sphinx enters CPython's after-fork hook, and each process
# writes its own file. Sphinx's main process waits for its children by polling
# them every 20 ms: how many polls it counts grows with the time the children
# take, that is with the machine's load (0.4 to 0.6 billion instructions at 500
# terms under valgrind). A sitecustomize makes it block until a child is done
# instead: the same work in the same order, without the waiting. A program that a
# build runs (graphviz's dot, for Sphinx's docs) is forked without that hook: its
# counters are zeroed in CPython's child_exec, just before it turns into dot.
PARALLEL = ("valgrind", "--tool=callgrind", "--zero-before=PyOS_AfterFork_Child",
            "--zero-before=child_exec")
BLOCKING = """\
from multiprocessing.connection import wait

from sphinx.util import parallel


def join(self):
    try:
        while self._pworking:
            if not self._join_one():
                wait(list(self._precvs.values()))
    finally:
        self.terminate()


parallel.ParallelTasks.join = join
"""


def parallel_instructions(corpora: dict[str, Path], tmp: Path) -> dict[tuple[str, int], int]:
    """The instructions of plain and auto builds, -j 1 and -j 2, every process
    counted and added (callgrind). Two at a time."""
    site = tmp / "blocking"
    site.mkdir(exist_ok=True)
    (site / "sitecustomize.py").write_text(BLOCKING, encoding="utf-8")
    counts: dict[tuple[str, int], int] = {}
    builds = [(variant, jobs) for jobs in (1, 2) for variant in ("plain", "auto")]
    for pair in (builds[k : k + 2] for k in range(0, len(builds), 2)):
        running = {}
        for variant, jobs in pair:
            files = tmp / f"callgrind-{variant}-{jobs}"
            shutil.rmtree(files, ignore_errors=True)
            files.mkdir()
            counted = (*PARALLEL, f"--callgrind-out-file={files}/cg.%p")
            running[variant, jobs] = files, start(corpora[variant], variant, jobs, None,
                                                  counted=counted, site=site)
        for build, (files, process) in running.items():
            report(process)
            counts[build] = sum(
                int(re.search(r"^summary: (\d+)$", file.read_text(encoding="utf-8"), re.M)[1])
                for file in files.glob("cg.*")
            )
    return counts


MEMORY: dict[str, dict[str, float]] = {}  # corpus -> variant -> median peak memory


def measure(corpora: dict[str, Path], rounds: int, jobs: int,
            before: Path | None) -> dict[str, dict[str, float]]:
    """Each variant's median times, the variants built one after the other in an
    order that turns each round: the CPU time of all a build's processes (the
    writers included with -j 2) and, with -j 2 and more, its wall time."""
    variants = list(corpora)
    cpu: dict[str, list[float]] = {v: [] for v in variants}
    wall: dict[str, list[float]] = {v: [] for v in variants}
    memory: dict[str, list[float]] = {v: [] for v in variants}
    for round_ in range(rounds):
        shift = round_ % len(variants)
        for v in variants[shift:] + variants[:shift]:
            began = time.perf_counter()
            seconds, peak = finish(start(corpora[v], v, jobs, before))
            wall[v].append(time.perf_counter() - began)
            cpu[v].append(seconds)
            memory[v].append(peak)
    MEMORY[f"{next(iter(corpora.values())).name.split('-')[0]} -j {jobs}"] = {
        v: statistics.median(m) for v, m in memory.items()
    }
    found = {"CPU s": cpu} | ({"wall s": wall} if jobs > 1 else {})
    return {unit: {v: statistics.median(t) for v, t in m.items()} for unit, m in found.items()}


def row(name: str, m: dict[str, float], extra: list[str]) -> str:
    """A line of the table: the times, then the ratios (— where a variant was not built)."""
    def cell(v: str, ratio: str = "") -> str:
        if v not in m or (ratio and ratio not in m):
            return " — |"
        return f" {m[v] / m[ratio]:.3f} |" if ratio else f" {m[v]:.1f} |"

    return (f"| {name} |" + "".join(cell(v) for v in ("plain", "sphinx-hand", "auto", "ext-hand",
                                                       "plain-lexicon", *extra))
            + cell("auto", "plain") + cell("auto", "sphinx-hand") + cell("auto", "ext-hand")
            + cell("auto", "plain-lexicon")
            + "".join(cell(v, "plain") for v in extra)
            + cell("sphinx-hand", "plain"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--terms", type=int, nargs="*", default=[500, 5000])
    parser.add_argument("--density", type=int, default=2, choices=range(1, 6),
                        help="sentences with a term, of the five of a paragraph")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, nargs="*", default=[1],
                        help="-j of the timed builds; none: no timed build")
    parser.add_argument("--docs", action="store_true", help="Sphinx's own documentation too")
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--before", help="a git revision of glossary_ext to compare with")
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--instructions", action="store_true",
                        help="also count each build's instructions with valgrind (slow)")
    parser.add_argument("--parallel-instructions", action="store_true",
                        help="also count plain and auto builds with -j 1 and -j 2, every "
                             "process, with callgrind (slower)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        before = None
        if args.before:
            archive = subprocess.run(["git", "-C", str(REPO), "archive", args.before, "src"],
                                     check=True, capture_output=True).stdout
            (tmp / "before.tar").write_bytes(archive)
            with tarfile.open(tmp / "before.tar") as tar:
                tar.extractall(tmp / "before", filter="data")
            before = tmp / "before" / "src"
        extra = ["before"] if before else []
        synthetic = {}
        for terms in args.terms:
            synthetic[terms] = {}
            for variant in ("plain", "sphinx-hand", "auto", "ext-hand", "plain-lexicon", *extra):
                synthetic[terms][variant] = tmp / f"{terms}-{variant}"
                corpus(synthetic[terms][variant], args.pages, terms,
                       "auto" if variant == "before" else variant, args.density)
        docs = {}
        if args.docs:
            source = sphinx_docs(args.cache)
            for variant in ("plain", "auto", *extra):
                docs[variant] = tmp / f"docs-{variant}"
                docs_corpus(docs[variant], source, variant)

        for corpora in list(synthetic.values())[:1]:
            links = sum(page.read_text(encoding="utf-8").count(":term:")
                        for page in corpora["sphinx-hand"].glob("page*.rst"))
            print(f"Synthetic corpus: {args.pages} pages, {links / args.pages:.0f} links a page "
                  f"(density {args.density}).")
        print(f"Medians of {args.rounds} rounds.")
        header = ("| corpus | plain | sphinx-hand | auto | ext-hand | plain-lexicon |"
                  + "".join(f" {v} |" for v in extra)
                  + " auto / plain | auto / sphinx-hand | auto / ext-hand | auto / plain-lexicon |"
                  + "".join(f" {v} / plain |" for v in extra) + " sphinx-hand / plain |\n"
                  + "|---" * (11 + 2 * len(extra)) + "|")
        named = [(f"synthetic {args.pages} × {terms}", corpora)
                 for terms, corpora in synthetic.items()]
        named += [(f"Sphinx {sphinx.__version__} docs", docs)] if docs else []
        for jobs in args.jobs:
            tables: dict[str, list[str]] = {}
            for name, corpora in named:
                for unit, m in measure(corpora, args.rounds, jobs, before).items():
                    tables.setdefault(unit, []).append(row(name, m, extra))
                    print(f"  -j {jobs}, {name}, {unit}: auto / plain "
                          f"{m['auto'] / m['plain']:.3f}", flush=True)
            for unit, rows in tables.items():
                print(f"\n-j {jobs} ({unit})\n\n{header}")
                print("\n".join(rows), flush=True)

        if args.instructions:
            print("\nInstructions executed (valgrind, -j 1, billions; the same from run to run)\n")
            print("| corpus | plain | sphinx-hand | auto |" + "".join(f" {v} |" for v in extra)
                  + " auto / plain | auto / sphinx-hand |"
                  + "".join(f" {v} / plain |" for v in extra))
            print("|---" * (6 + 2 * len(extra)) + "|")
            for name, corpora in named:
                n = instructions({v: corpora[v] for v in ("plain", "sphinx-hand", "auto", *extra)
                                  if v in corpora}, before)
                cells = [f"{n[v] / 1e9:.1f}" if v in n else "—"
                         for v in ("plain", "sphinx-hand", "auto", *extra)]
                cells += [f"{n['auto'] / n['plain']:.3f}",
                          f"{n['auto'] / n['sphinx-hand']:.3f}" if "sphinx-hand" in n else "—"]
                cells += [f"{n[v] / n['plain']:.3f}" for v in extra]
                print(f"| {name} | " + " | ".join(cells) + " |", flush=True)

        if args.parallel_instructions:
            print("\nInstructions of every process, -j 1 and -j 2 (callgrind, billions; "
                  "the main process blocks while it waits)\n")
            print("| corpus | plain -j 1 | auto -j 1 | auto / plain | plain -j 2 | auto -j 2 "
                  "| auto / plain | the extension's share, -j 2 against -j 1 |")
            print("|---" * 8 + "|")
            for name, corpora in named:
                n = parallel_instructions(corpora, tmp)
                serial, parallel = (n["auto", j] / n["plain", j] for j in (1, 2))
                print(f"| {name} | {n['plain', 1] / 1e9:.2f} | {n['auto', 1] / 1e9:.2f} "
                      f"| {serial:.4f} | {n['plain', 2] / 1e9:.2f} | {n['auto', 2] / 1e9:.2f} "
                      f"| {parallel:.4f} | {(parallel - 1) / (serial - 1):.2f} |", flush=True)

        if MEMORY:  # only timed builds measure it
            print("\nPeak memory of the largest process of a build (MB, median):")
        for name, peaks in MEMORY.items():
            ratios = ", ".join(f"auto / {v} {peaks['auto'] / peaks[v]:.3f}"
                               for v in ("plain", "plain-lexicon", "sphinx-hand") if v in peaks)
            print(f"  {name}: " + ", ".join(f"{v} {mb:.1f}" for v, mb in peaks.items())
                  + f" ({ratios})")
        if args.no_profile:
            return
        profiled = [corpora["auto"] for corpora in list(synthetic.values())[:1]]
        profiled += [docs["auto"]] if docs else []
        for src in profiled:
            total, ours, handlers = profile(src, tmp)
            print(f"\nProfile of one auto build ({src.name}): {total:.1f} s in all, "
                  f"glossary_ext's handlers {ours:.2f} s ({100 * ours / total:.1f} %):")
            for name, cum in handlers:
                print(f"  {name:<40} {cum:6.2f} s")


if __name__ == "__main__":
    main()
