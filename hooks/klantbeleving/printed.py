"""Print pages: a whole edition (its lead and its letters) on one page, to print or save as PDF.

A generated Markdown page per edition, ``brieven/<editie>/afdrukken.md``; values from frontmatter
enter it as plain text (HTML and Markdown characters escaped), the letters' bodies as written.
"""

from __future__ import annotations

from .book import demote_headings, prefix_footnotes, rebase_links
from .layout import edition_print_src
from .model import Edition, Site
from .text import join_names, markdown_line


def render_edition_print(site: Site, edition: Edition) -> str:
    """The print page of one edition, without its frontmatter: title, stelling and lead, then each
    letter from a new page."""
    here = edition_print_src(edition.slug)
    names = [site.author_name(x.author) for x in edition.letters]
    parts = [
        f"# {markdown_line(edition.title)} {{ .kb-print-title }}\n",
        f"Correspondentie over klantbeleving, editie {markdown_line(edition.date.dutch())}"
        + (f" · brieven van {markdown_line(join_names(names))}" if names else "") + "\n{ .kb-print-byline }\n",
        f"**Stelling:** {markdown_line(edition.stelling)}\n{{ .kb-print-stelling }}\n",
        demote_headings(rebase_links(edition.lead, edition.src, here)).strip() + "\n",
    ]
    for i, (letter, name) in enumerate(zip(edition.letters, names, strict=True), start=1):
        body = demote_headings(prefix_footnotes(rebase_links(letter.body, letter.src, here), f"b{i}")).strip()
        where = f"{markdown_line(name)}, {markdown_line(letter.city)}, {markdown_line(letter.date.dutch())}"
        stance = f" · standpunt: {markdown_line(letter.standpunt)}" if letter.standpunt else ""
        parts.append(
            f'<section class="kb-print-letter" markdown="1">\n\n## {markdown_line(letter.title)} {{ #brief-{i} }}\n\n'
            f"{where}{stance}\n{{ .kb-print-byline }}\n\n{body}\n\n</section>\n"
        )
    return "\n".join(parts)

