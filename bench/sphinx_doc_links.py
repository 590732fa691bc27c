"""Links on Sphinx's own (English) documentation: without glossary_ext, with it and
no language rules (what English got before), and with the English rules.

    .venv/bin/python bench/sphinx_doc_links.py [--cache _build/bench-cache]

Builds the doc/ of the installed Sphinx's sdist (fetched once into the cache,
as bench/autolink.py does) offline (intersphinx emptied), each way in a fresh
process, and prints: automatic links (and the plurals and possessives among
them), the glossary warnings, and whether the visible text of every page is the
same as without the extension. The build times are for information: the three
builds run one after the other, not alternated (bench/autolink.py measures cost).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from bs4 import BeautifulSoup

from autolink import CACHE, sphinx_docs  # bench/, beside this script

# Appended to the copy's conf.py: offline, and the rules chosen by RULES.
CONF = """
# -- bench/sphinx_doc_links.py
import os as _os
intersphinx_mapping = {}
_rules = _os.environ["RULES"]
if _rules != "none":
    extensions.append("glossary_ext")
if _rules == "neutral":
    from glossary_ext import _language
    del _language._LANGUAGES["en"]
"""
WAYS = ("none", "neutral", "english")


def build(doc: Path, out: Path, rules: str) -> tuple[float, str]:
    """Build doc/ into out with these rules: seconds taken, and the warnings."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-E", str(doc), str(out)],
        env={**os.environ, "RULES": rules}, capture_output=True, text=True,
        check=False,
    )
    if done.returncode:
        raise SystemExit(done.stderr)
    return time.perf_counter() - start, done.stderr


def pages(out: Path) -> dict[str, BeautifulSoup]:
    return {
        str(path.relative_to(out)): BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for path in sorted(out.rglob("*.html"))
        if "_modules" not in path.parts
    }


def visible_text(page: BeautifulSoup) -> str:
    """The text a reader sees, without what glossary_ext adds on purpose."""
    for added in page.select(".glossary-tip, .glossary-backlinks, .glossary-letters"):
        added.decompose()
    body = page.select_one("body")
    return " ".join(body.get_text().split()) if body else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=CACHE)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        doc = Path(tmp, "doc")
        shutil.copytree(sphinx_docs(args.cache), doc)
        with (doc / "conf.py").open("a", encoding="utf-8") as conf:
            conf.write(CONF)
        built = {}
        for rules in WAYS:
            seconds, warnings = build(doc, Path(tmp, "out", rules), rules)
            glossary = [w for w in warnings.splitlines() if "[glossary." in w]
            built[rules] = pages(Path(tmp, "out", rules))
            auto = [
                a.get_text() for page in built[rules].values()
                for a in page.select("a:has(> .glossary-link)")
            ]
            hand = sum(
                len(page.select("a > .std-term:not(.glossary-link)"))
                for page in built[rules].values()
            )
            inflected = Counter(
                text.lower() for text in auto
                if re.search(r"(s|’s|'s)$", text) and not text.lower().endswith("ss")
            )
            print(f"{rules:8} {seconds:6.1f} s  {len(auto):5} automatic links, {hand} by hand, "
                  f"{sum(inflected.values())} ending in -s or 's, "
                  f"{len(glossary)} glossary warnings")
            for warning in glossary:
                print("         ", warning.split("WARNING: ")[-1])
            if inflected:
                print("          ", ", ".join(f"{t} {n}" for t, n in inflected.most_common(12)))
        for rules in WAYS[1:]:
            changed = [
                name for name, page in built["none"].items()
                if visible_text(page) != visible_text(built[rules][name])
            ]
            print(f"visible text, {rules} vs none: {len(built['none'])} pages, "
                  f"{len(changed)} differ {changed[:5]}")
        shutil.rmtree(Path(tmp, "out"))


if __name__ == "__main__":
    main()
