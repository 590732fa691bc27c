"""Check that a change to glossary_ext leaves every page it writes as it was.

Builds the real site and every test root (html, in fresh processes) twice: with
glossary_ext as it is at ``--base`` (a git revision) and as it is in the
working tree. Compares every HTML file byte for byte; prints the files that
differ and exits with 1 if there is any.

    .venv/bin/python bench/same_html.py --base REV
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def projects() -> dict[str, list[str]]:
    """Each project to build: its sphinx-build arguments before the output folder."""
    found = {"site": ["-c", str(REPO), str(REPO / "docs")]}
    for root in sorted((REPO / "tests" / "roots").glob("test-*")):
        found[root.name] = [str(root)]
    return found


def build_all(out: Path, src: Path) -> dict[str, bytes]:
    """Every project's HTML pages, built with the glossary_ext found in src."""
    env = dict(os.environ, PYTHONPATH=str(src))
    pages: dict[str, bytes] = {}
    for name, args in projects().items():
        target = out / name
        subprocess.run(
            [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-E", *args, str(target)],
            env=env, stderr=subprocess.DEVNULL, check=False,
        )
        for page in sorted(target.rglob("*.html")):
            pages[f"{name}/{page.relative_to(target)}"] = page.read_bytes()
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="the git revision to compare with")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        archive = subprocess.run(["git", "-C", str(REPO), "archive", args.base, "src"],
                                 check=True, capture_output=True).stdout
        (tmp / "base.tar").write_bytes(archive)
        with tarfile.open(tmp / "base.tar") as tar:
            tar.extractall(tmp / "base", filter="data")
        before = build_all(tmp / "before", tmp / "base" / "src")
        after = build_all(tmp / "after", REPO / "src")
    differ = sorted(name for name in before.keys() | after.keys()
                    if before.get(name) != after.get(name))
    print(f"{len(before)} pages before, {len(after)} after, {len(differ)} differ"
          f" (glossary_ext at {args.base} vs the working tree)")
    for name in differ:
        print(f"  {name}")
    sys.exit(1 if differ or not before else 0)


if __name__ == "__main__":
    main()
