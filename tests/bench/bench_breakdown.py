"""Where does a hooked build spend its time? (`make bench-breakdown`, not part of `make test`.)

Builds the synthetic corpus of ``bench_build`` (default 2,000 letters, 20 terms) in this process,
once plain and once with our hooks, with timers around the build's phases, the template renders
per page kind, the plugin events, and our own steps. Prints both columns and the difference,
so an optimisation can be aimed at the phase that costs most.
"""

from __future__ import annotations

import argparse
import collections
import functools
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def _timed(table: dict[str, float], label: str, func: Any) -> Any:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            table[label] += time.perf_counter() - start

    return wrapper


def _kind(context: Any) -> str:
    page = context.get("page") if isinstance(context, dict) else None
    if page is None:
        return "other"
    src = page.file.src_uri
    kb = context.get("kb")
    if isinstance(kb, dict) and kb.get("kind"):
        return str(kb["kind"])
    if src.startswith("brieven/") and src.count("/") == 2:
        return "edition" if src.endswith("/index.md") else "letter"
    if src.startswith("begrippen/") and src != "begrippen/index.md":
        return "term"
    return "other"


def measure(project: Path) -> dict[str, float]:
    """Build ``project`` in this process with timers; return seconds per phase."""
    import jinja2
    from mkdocs.commands import build
    from mkdocs.config import load_config
    from mkdocs.plugins import PluginCollection

    table: dict[str, float] = collections.defaultdict(float)
    os.chdir(project)
    build._populate_page = _timed(table, "markdown (all pages)", build._populate_page)  # type: ignore[attr-defined]
    render = jinja2.Template.render

    def timed_render(self: Any, *args: Any, **kwargs: Any) -> str:
        start = time.perf_counter()
        try:
            return render(self, *args, **kwargs)
        finally:
            table[f"template: {_kind(args[0] if args else kwargs)}"] += time.perf_counter() - start

    jinja2.Template.render = timed_render  # type: ignore[method-assign]
    run_event = PluginCollection.run_event

    def timed_event(self: Any, name: str, item: Any = None, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return run_event(self, name, item, **kwargs)
        finally:
            table[f"event: {name}"] += time.perf_counter() - start

    PluginCollection.run_event = timed_event  # type: ignore[method-assign]
    try:
        from klantbeleving.termlink import extension as termlink

        termlink.TermLinkTreeprocessor.run = _timed(table, "  ours: term linking and counting", termlink.TermLinkTreeprocessor.run)
        termlink.TermMentionsTreeprocessor.run = _timed(table, "  ours: mentions per section", termlink.TermMentionsTreeprocessor.run)
    except ImportError:
        pass
    config = load_config("mkdocs.yml")
    for event in ("page_context", "files", "env"):  # one timer per plugin or hook
        config.plugins.events[event] = [
            _timed(table, f"  {event}: {getattr(f, '__qualname__', type(f).__name__)}", f)
            for f in config.plugins.events[event]]
    start = time.perf_counter()
    build.build(config)
    table["TOTAL"] = time.perf_counter() - start
    return dict(table)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--letters", type=int, default=2000)
    parser.add_argument("--terms", type=int, default=20)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:  # measured in a fresh process each
        print(json.dumps(measure(Path(args.child))))
        return 0
    from tests.bench.bench_build import hooked_config, plain_config, scratch, without_search, write_corpus

    with tempfile.TemporaryDirectory(dir=scratch()) as tmp:
        columns = {}
        for name in ("plain", "hooks"):
            project = Path(tmp) / name
            write_corpus(project / "docs", args.letters, args.terms)
            config = without_search(plain_config(project / "docs")) if name == "plain" else hooked_config()
            (project / "mkdocs.yml").write_text(config, encoding="utf-8")
            out = subprocess.run([sys.executable, "-m", "tests.bench.bench_breakdown", "--child", str(project)],
                                 cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1",
                                                "PYTHONPATH": str(ROOT / "hooks")},
                                 check=True, capture_output=True, text=True).stdout
            columns[name] = json.loads(out.strip().splitlines()[-1])
    keys = sorted(set(columns["plain"]) | set(columns["hooks"]),
                  key=lambda k: (k != "TOTAL", -(columns["hooks"].get(k, 0.0) - columns["plain"].get(k, 0.0))))
    print(f"{args.letters} letters, {args.terms} terms; seconds in one in-process build each\n")
    print("| phase | plain | hooks | difference |")
    print("|---|---:|---:|---:|")
    for key in keys:
        plain, hooks = columns["plain"].get(key, 0.0), columns["hooks"].get(key, 0.0)
        if max(plain, hooks) >= 0.01:
            print(f"| {key} | {plain:.2f} | {hooks:.2f} | {hooks - plain:+.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
