"""The Nu Html Checker (vnu) over every page of the real site: our markup has no errors.

vnu.jar comes from the npm registry (``tests/vnu``, installed by ``make test``) and runs on Java.
Material's own markup has two known errors on every page; they are listed here, matched on
message *and* the markup they occur in, so an error in anything our templates add still fails.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.sitekit import ROOT

VNU = ROOT / "tests" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# (message, extract) pairs that belong to Material 9.8's templates, not ours.
MATERIAL_KNOWN = [
    # partials/header.html and base.html: the drawer/search toggles are checkboxes with autocomplete="off"
    (re.compile(r"^Attribute “autocomplete” is only allowed when the input type is"),
     re.compile(r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" id="__(drawer|search)" autocomplete="off">')),
    # partials/nav-item.html: section labels get tabindex="" when navigation.sections is on
    (re.compile(r"^Bad value “” for attribute “tabindex” on element “label”"),
     re.compile(r'<label class="md-nav__link" for="__nav_[\d_]+" id="__nav_[\d_]+_label" tabindex="">')),
    # partials/toc.html: the contents' title points at the page's "__toc" toggle, which nav-item.html
    # prints only for a page in the sidebar (not for the print pages, which stay out of it)
    (re.compile(r"^The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control"),
     re.compile(r'<label class="md-nav__title" for="__toc">')),
]


def run_vnu(target: Path) -> list[dict]:
    if not VNU.exists():
        pytest.fail(f"{VNU} is missing: run `make test` (it installs vnu-jar from the npm registry)")
    if shutil.which("java") is None:
        pytest.fail("java is missing: run `make test` as root (it installs default-jre-headless) or install Java")
    result = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--errors-only", "--skip-non-html", str(target)],
                            capture_output=True, text=True, timeout=600)
    return json.loads(result.stderr or '{"messages": []}')["messages"]


def is_material(message: dict) -> bool:
    return any(m.search(message.get("message", "")) and e.search(message.get("extract", "")) for m, e in MATERIAL_KNOWN)


def test_our_markup_has_no_html_errors(real_site: Path) -> None:
    messages = run_vnu(real_site)
    ours = [f"{m['url'].split(str(real_site))[-1]}:{m.get('lastLine')}: {m['message']} — {m.get('extract', '').strip()[:120]}"
            for m in messages if not is_material(m)]
    assert ours == [], "\n".join(ours)
    assert len(list(real_site.rglob("*.html"))) >= 50


def test_the_checker_catches_a_broken_page(tmp_path: Path) -> None:
    page = tmp_path / "kapot.html"
    page.write_text('<!doctype html><html lang="nl"><head><title>x</title></head>'
                    '<body><a href="x"><a href="y">dubbel</a></a><span id="a"></span><span id="a"></span></body></html>',
                    encoding="utf-8")
    messages = [m for m in run_vnu(tmp_path) if not is_material(m)]
    assert any("Duplicate ID" in m["message"] for m in messages)
