"""`make lighthouse`: Lighthouse (mobile preset) on six page types of the built site, in Debian's Chromium.

Prints a table and exits 1 when a target is missed (performance ≥ 98, accessibility, best practices
and SEO 100). Not part of `make test` (slow); axe-core and console checks are.
"""

from __future__ import annotations

import functools
import gzip
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PAGES = {
    "home": "",
    "edition": "brieven/2025-12-leiderschap-is-cx/",
    "letter": "brieven/2025-10-ceo-omarmt-cx/03-rien-brus/",
    "chapter": "boek/deel-1/01-customer-experience/",
    "term": "begrippen/cxm/",
    "author": "auteurs/wim-rampen/",
}
TARGETS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
FLAGS = ("--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update "
         "--disable-sync --no-first-run")


class _Quiet(SimpleHTTPRequestHandler):
    """Static server that compresses text like any production host (GitHub Pages, nginx) does."""

    def log_message(self, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        compressible = path.suffix in {".html", ".css", ".js", ".json", ".xml", ".svg"}
        if not compressible or "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        if self.path.rstrip("?").split("?")[0].endswith("/") is False and (Path(self.translate_path(self.path))).is_dir():
            return super().send_head()  # let the base class redirect to the slash URL
        data = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        return io.BytesIO(data)


def main() -> int:
    lighthouse = HERE / "node_modules" / ".bin" / "lighthouse"
    if not lighthouse.exists():
        print("lighthouse ontbreekt: run `make lighthouse` (installs it with npm)", file=sys.stderr)
        return 2
    site = Path(tempfile.mkdtemp()) / "site"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=ROOT, check=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    chrome = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    rows, failed = [], False
    for name, path in PAGES.items():
        out = site.parent / f"{name}.json"
        subprocess.run(
            [str(lighthouse), base + path, "--quiet", "--output=json", f"--output-path={out}",
             "--only-categories=performance,accessibility,best-practices,seo", f"--chrome-flags={FLAGS}"],
            env={**os.environ, "CHROME_PATH": chrome}, check=True, timeout=300,
        )
        report = json.loads(out.read_text())
        scores = {k: round((report["categories"][k]["score"] or 0) * 100) for k in TARGETS}
        kib = sum(i.get("transferSize", 0) for i in report["audits"]["network-requests"]["details"]["items"]) / 1024
        missed = [k for k, v in scores.items() if v < TARGETS[k]]
        failed |= bool(missed)
        rows.append((name, scores, kib, missed, report))
    server.shutdown()
    print("| page | performance | accessibility | best practices | SEO | transferred KiB |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, s, kib, _missed, _ in rows:
        print(f"| {name} | {s['performance']} | {s['accessibility']} | {s['best-practices']} | {s['seo']} | {kib:.0f} |")
    for name, _s, _kib, missed, report in rows:
        for category in missed:
            refs = report["categories"][category]["auditRefs"]
            bad = [r["id"] for r in refs if (report["audits"][r["id"]].get("score") or 1) < 1 and r.get("weight", 0) > 0]
            print(f"{name}: {category} below target; failing audits: {', '.join(bad[:8])}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
