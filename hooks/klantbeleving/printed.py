"""Print pages: a whole edition (its lead and its letters) on one page, to print or save as PDF.

A generated Markdown page per edition, ``brieven/<editie>/afdrukken.md``; values from frontmatter
enter it as plain text (HTML and Markdown characters escaped), the letters' bodies as written.
"""

from __future__ import annotations

import html
import re

import yaml

from .generate import edition_print_src
from .model import Edition, Site
from .views import join_names

_MARKDOWN_CHARS = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def md_text(value: str) -> str:
    """``value`` as literal text inside Markdown: no markup, no HTML, no links."""
    return html.escape(_MARKDOWN_CHARS.sub(r"\\\1", " ".join(value.split())), quote=False)


def render_edition_print(site: Site, edition: Edition) -> str:
    """The print page of one edition: title, stelling and lead, then each letter from a new page."""
    from .book import _demote, _prefix_footnotes, _rebase_links  # late: book → navigation → generate

    here = edition_print_src(edition)
    front = yaml.safe_dump({"title": f"{edition.title} (afdrukversie)", "search": {"exclude": True}},
                           allow_unicode=True, sort_keys=False)
    names = [site.authors[x.author].name if x.author in site.authors else x.author for x in edition.letters]
    parts = [
        f"---\n{front}---\n",
        f"# {md_text(edition.title)} {{ .kb-print-title }}\n",
        f"Correspondentie over klantbeleving, editie {md_text(edition.date.dutch())}"
        + (f" · brieven van {md_text(join_names(names))}" if names else "") + "\n{ .kb-print-byline }\n",
        f"**Stelling:** {md_text(edition.stelling)}\n{{ .kb-print-stelling }}\n",
        _demote(_rebase_links(edition.lead, edition.src, here)).strip() + "\n",
    ]
    for i, (letter, name) in enumerate(zip(edition.letters, names, strict=True), start=1):
        body = _demote(_prefix_footnotes(_rebase_links(letter.body, letter.src, here), f"b{i}")).strip()
        where = f"{md_text(name)}, {md_text(letter.city)}, {md_text(letter.date.dutch())}"
        stance = f" · standpunt: {md_text(letter.standpunt)}" if letter.standpunt else ""
        parts.append(
            f'<section class="kb-print-letter" markdown="1">\n\n## {md_text(letter.title)} {{ #brief-{i} }}\n\n'
            f"{where}{stance}\n{{ .kb-print-byline }}\n\n{body}\n\n</section>\n"
        )
    return "\n".join(parts)

