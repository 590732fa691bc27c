"""Benchmark: Lighthouse's scores for the landing page, and what our additions weigh.

Builds two sites in a temporary folder:
  ours  the real site, as `make html` builds it;
  bare  the same pages with furo and sphinx-design alone: the same MyST settings,
        without glossary_ext, site_ext, sharing_ext and the other extensions, and
        without our CSS, JS, templates and catalogue.
Serves each on 127.0.0.1, compressed with gzip as a real host does (Read the Docs
does), runs Lighthouse (bench/package.json, on Debian's Chromium) on each landing
page, mobile form factor, and prints the four scores, then the bytes each landing
page loads, everything included, raw and gzipped, with the difference.

    make bench
    # or: npm ci --prefix bench && .venv/bin/python bench/lighthouse.py [--keep DIR]

The difference is split in two: what we add (our CSS, scripts, icon, and the
page's own extra markup), and what we leave out (the styles of highlighted code
and sphinx-design's tabs script, on a page that has neither). Exits with 1 when
one of our scores is below 100, or when our page weighs more than 3 KB gzipped
above the bare one.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import mimetypes
import os
import re
import runpy
import shutil
import subprocess
import sys
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
LIGHTHOUSE = REPO / "bench" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = shutil.which("chromium") or "chromium"  # Debian's, found on PATH
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --no-first-run"
                " --disable-background-networking")
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGET_GZIP_BYTES = 3 * 1024
# Directives of our own extensions: the bare site drops their blocks.
OUR_DIRECTIVES = ["references", "contact-button"]


def build(conf_dir: Path, source: Path, out: Path) -> None:
    """sphinx-build in its own process, warnings as errors, as `make html` does."""
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(conf_dir), "-q",
               "-W", "--keep-going", str(source), str(out)]
    built = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    if built.returncode:
        sys.exit(f"the build of {out.name} failed:\n{built.stderr}")


def bare_project(into: Path) -> Path:
    """The same pages and MyST settings, furo and sphinx-design only: conf.py and sources."""
    conf = runpy.run_path(str(REPO / "conf.py"))
    settings = {
        "project": conf["project"],
        "language": conf["language"],
        "root_doc": conf["root_doc"],
        "smartquotes": conf.get("smartquotes", True),
        "smartquotes_action": conf.get("smartquotes_action", "qDe"),
        "extensions": ["myst_parser", "sphinx_design"],
        "html_theme": "furo",
        **{name: value for name, value in conf.items() if name.startswith("myst_")},
    }
    source = into / "docs"
    source.mkdir(parents=True)
    (source / "conf.py").write_text(
        "".join(f"{name} = {value!r}\n" for name, value in settings.items()), encoding="utf-8")
    ours = re.compile(r"^(`{3,}|:{3,})\{(?:" + "|".join(OUR_DIRECTIVES) + r")\}.*?^\1\s*$\n?",
                      re.MULTILINE | re.DOTALL)
    for page in (REPO / "docs").glob("*.md"):
        text = ours.sub("", page.read_text(encoding="utf-8"))
        (source / page.name).write_text(text, encoding="utf-8")
    return source


COMPRESSED = ("text/", "application/javascript", "application/json", "image/svg+xml")


def compressed(path: Path) -> bytes | None:
    """The body a compressing server sends for path: gzip for text, None for the rest."""
    if not (mimetypes.guess_type(path.name)[0] or "").startswith(COMPRESSED):
        return None
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


class _GzipHandler(SimpleHTTPRequestHandler):
    """Static files, text compressed with gzip when the browser accepts it."""

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        body = (compressed(path) if path.is_file()
                and "gzip" in self.headers.get("Accept-Encoding", "") else None)
        if body is None:
            return super().send_head()
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def lighthouse(url: str, report: Path) -> dict[str, Any]:
    """Lighthouse on url, mobile form factor (its default); its JSON report."""
    environment = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--form-factor=mobile", "--output=json",
         f"--output-path={report}", f"--only-categories={','.join(CATEGORIES)}",
         f"--chrome-flags={CHROME_FLAGS}"],
        env=environment, check=True,
    )
    return json.loads(report.read_text(encoding="utf-8"))


def weight(report: dict[str, Any], site: Path, base: str) -> dict[str, tuple[int, int]]:
    """What the page loaded from the site: file -> (raw bytes, bytes sent with gzip).

    Bodies only, without HTTP headers; the list of requests is Lighthouse's.
    """
    loaded = {}
    for request in report["audits"]["network-requests"]["details"]["items"]:
        if not request["url"].startswith(base) or request.get("statusCode") != 200:
            continue  # data: URLs are inside a file already counted; errors are in the audits
        name = request["url"].removeprefix(base).split("?")[0].split("#")[0]
        path = site / name
        raw, sent = path.stat().st_size, compressed(path)
        loaded[name] = (raw, raw if sent is None else len(sent))
    return loaded


def failing_audits(report: dict[str, Any]) -> list[str]:
    """The audits that cost points: category, id, score, value."""
    lines = []
    for category in report["categories"].values():
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                lines.append(f"  {category['id']}: {audit['id']} {audit['score']:.2f}"
                             f" {audit.get('displayValue', '')}".rstrip())
    return lines


def measure(work: Path) -> dict[str, tuple[dict[str, Any], dict[str, tuple[int, int]]]]:
    """Build, serve and audit both sites in work: name -> (Lighthouse's report, weight)."""
    for previous in ("ours", "bare", "bare-project"):
        shutil.rmtree(work / previous, ignore_errors=True)
    print("Building both sites...", flush=True)
    build(REPO, REPO / "docs", work / "ours")
    bare = bare_project(work / "bare-project")
    build(bare, bare, work / "bare")
    results = {}
    for name in ("ours", "bare"):
        site = work / name
        server, base = serve(site)
        try:
            print(f"Lighthouse on the {name} landing page...", flush=True)
            report = lighthouse(base + "index.html", work / f"lighthouse-{name}.json")
        finally:
            server.shutdown()
        results[name] = (report, weight(report, site, base))
    return results


def compare(results: dict[str, tuple[dict[str, Any], dict[str, tuple[int, int]]]]) -> list[str]:
    """Print both sites side by side; the targets we miss."""
    (ours, ours_files), (bare, bare_files) = results["ours"], results["bare"]
    print(f"\nLighthouse {ours['lighthouseVersion']}, mobile, landing page")
    print(f"  {'':16}{'ours':>6}{'bare':>6}")
    scores = {}
    for category in CATEGORIES:
        scores[category] = round(ours["categories"][category]["score"] * 100)
        print(f"  {category:16}{scores[category]:>6}"
              f"{round(bare['categories'][category]['score'] * 100):>6}")
    for name, report in (("ours", ours), ("bare", bare)):
        if lines := failing_audits(report):
            print(f"Audits that cost points ({name}):", *lines, sep="\n")

    def totals(files: dict[str, tuple[int, int]]) -> tuple[int, int]:
        return sum(raw for raw, _ in files.values()), sum(sent for _, sent in files.values())

    (ours_raw, ours_gz), (bare_raw, bare_gz) = totals(ours_files), totals(bare_files)
    print("\nWeight of the landing page, everything it loads"
          " (bytes of the bodies; gzip: as a compressing server sends them)")
    print(f"  {'':34}{'raw':>9}{'gzip':>9}")
    print(f"  {f'ours ({len(ours_files)} files)':34}{ours_raw:>9}{ours_gz:>9}")
    print(f"  {f'bare furo ({len(bare_files)} files)':34}{bare_raw:>9}{bare_gz:>9}")
    print(f"  {'difference':34}{ours_raw - bare_raw:>+9}{ours_gz - bare_gz:>+9}")
    print("What differs, file by file:")
    changes = {}
    for name in sorted(ours_files.keys() | bare_files.keys()):
        ours_file, bare_file = ours_files.get(name, (0, 0)), bare_files.get(name, (0, 0))
        if ours_file != bare_file:
            changes[name] = (ours_file[0] - bare_file[0], ours_file[1] - bare_file[1])
            print(f"  {name:34}{changes[name][0]:>+9}{changes[name][1]:>+9}")
    for label, kept in (("what we add", lambda gz: gz > 0), ("what we leave out", lambda gz: gz < 0)):
        part = [change for change in changes.values() if kept(change[1])]
        print(f"  {f'{label} ({len(part)} files)':34}{sum(raw for raw, _ in part):>+9}"
              f"{sum(gz for _, gz in part):>+9}")

    missed = [f"{category} {score} < 100" for category, score in scores.items() if score < 100]
    if (heavier := ours_gz - bare_gz) > TARGET_GZIP_BYTES:
        missed.append(f"{heavier:+} bytes gzipped > {TARGET_GZIP_BYTES}")
    return missed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="keep the sites and Lighthouse's reports there")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is missing: run `npm ci --prefix bench` (or `make bench`)")
    with tempfile.TemporaryDirectory() as temporary:
        results = measure(args.keep or Path(temporary))
    missed = compare(results)
    print("\nTargets missed: " + "; ".join(missed) if missed else "\nTargets met.")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
