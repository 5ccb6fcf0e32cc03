"""Build the real site at two git revisions and show where the HTML differs.

    .venv/bin/python -m tests.tools.site_diff [BEFORE] [AFTER] [--lines 40]

BEFORE and AFTER are git revisions (default ``HEAD`` and the working tree, written ``.``). Each
revision is checked out with ``git worktree`` into a temporary folder (the working tree is built
where it is) and built with this checkout's virtualenv, its hooks on ``PYTHONPATH``. Prints every
file only one build has, and for each changed HTML file a unified diff of its first ``--lines``
changed lines; exit status 1 when anything differs. Files whose bytes differ by the build itself
(``sitemap.xml.gz``, the search index's order) are compared after unpacking where that applies.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = ROOT / ".venv" / "bin" / "python"


def _build(tree: Path, site: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(tree / "hooks"), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("KLANTBELEVING_DRAFTS", None)
    subprocess.run([str(PYTHON), "-m", "mkdocs", "build", "--strict", "-q", "-f", str(tree / "mkdocs.yml"),
                    "-d", str(site)], check=True, env=env, cwd=tree)


def _checkout(revision: str, folder: Path) -> Path:
    if revision == ".":
        return ROOT
    tree = folder / "tree"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(tree), revision], check=True)
    return tree


def _files(site: Path) -> dict[str, bytes]:
    found = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            found[path.relative_to(site).as_posix()] = gzip.decompress(data) if path.suffix == ".gz" else data
    return found


def build_at(revision: str, folder: Path) -> dict[str, bytes]:
    """The built site's files at ``revision`` (``.``: the working tree), by path."""
    tree = _checkout(revision, folder)
    try:
        _build(tree, folder / "site")
        return _files(folder / "site")
    finally:
        if tree != ROOT:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", nargs="?", default="HEAD")
    parser.add_argument("after", nargs="?", default=".")
    parser.add_argument("--lines", type=int, default=40, help="changed lines shown per file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        before, after = build_at(args.before, Path(a)), build_at(args.after, Path(b))
    differs = False
    for name in sorted(before.keys() ^ after.keys()):
        print(f"only in {'before' if name in before else 'after'}: {name}")
        differs = True
    changed = [n for n in sorted(before.keys() & after.keys()) if before[n] != after[n]]
    for name in changed:
        differs = True
        try:
            old, new = before[name].decode().splitlines(), after[name].decode().splitlines()
        except UnicodeDecodeError:
            print(f"changed (binary): {name}")
            continue
        diff = [line for line in difflib.unified_diff(old, new, f"before/{name}", f"after/{name}", n=0, lineterm="")]
        print("\n".join(line[:300] for line in diff[: args.lines + 3]))
    print(f"{len(before.keys() & after.keys())} files in both builds: {len(changed)} changed, "
          f"{len(before.keys() ^ after.keys())} only on one side", file=sys.stderr)
    return 1 if differs else 0


if __name__ == "__main__":
    sys.exit(main())
