"""CMIF export: TEI Correspondence Metadata Interchange Format (``brieven.cmif.xml``).

One ``correspDesc`` per published letter: sender, place (with GeoNames id where known),
date, addressees and the letter's URL, so correspondence search services can harvest it. Its
``source`` points to a ``bibl`` in ``sourceDesc``: the print publication the edition first
appeared in (``published_in``, one ``bibl type="print"`` each), else this site.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from .model import Site

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
CMIF_PATH = "brieven.cmif.xml"
LICENCE = "https://creativecommons.org/licenses/by/4.0/"


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    node = etree.SubElement(parent, f"{{{TEI_NS}}}{tag}", attrs)
    if text is not None:
        node.text = text
    return node


def render_cmif(
    site: Site,
    *,
    base_url: str,
    url_of: Callable[[str], str | None],
    title: str = "Correspondentie over klantbeleving",
    editor: str = "Redactie Klantbeleving",
    editor_email: str = "redactie@klantbeleving.example",
) -> bytes:
    """The CMIF document for every published letter, as UTF-8 XML bytes."""
    base = base_url.rstrip("/") + "/"
    root = etree.Element(f"{{{TEI_NS}}}TEI", nsmap={None: TEI_NS})
    header = _el(root, "teiHeader")
    file_desc = _el(header, "fileDesc")
    title_stmt = _el(file_desc, "titleStmt")
    _el(title_stmt, "title", title)
    ed = _el(title_stmt, "editor", editor)
    _el(ed, "email", editor_email)
    pub = _el(file_desc, "publicationStmt")
    publisher = _el(pub, "publisher")
    _el(publisher, "ref", "Klantbeleving", target=base)
    _el(pub, "idno", base + CMIF_PATH, type="url")
    letters = [x for x in site.letters() if x.src not in site.excluded]
    newest = max((x.date for x in letters), default=None)
    if newest is not None:
        _el(pub, "date", when=newest.iso())
    availability = _el(pub, "availability")
    _el(availability, "licence", "Dit bestand is beschikbaar onder CC BY 4.0.", target=LICENCE)
    source_desc = _el(file_desc, "sourceDesc")
    bibl = _el(source_desc, "bibl", f"{title}. ", type="online")
    bibl.set(f"{{{XML_NS}}}id", "klantbeleving")
    _el(bibl, "ref", base, target=base)
    printed: dict[str, str] = {}  # published_in → xml:id of its bibl
    for letter in letters:
        edition = site.edition(letter.edition)
        if edition is not None and edition.published_in and edition.published_in not in printed:
            printed[edition.published_in] = f"bron-{len(printed) + 1}"
            source = _el(source_desc, "bibl", edition.published_in, type="print")
            source.set(f"{{{XML_NS}}}id", printed[edition.published_in])
    profile = _el(header, "profileDesc")
    for letter in letters:
        edition = site.edition(letter.edition)
        source_id = printed.get(edition.published_in, "klantbeleving") if edition is not None else "klantbeleving"
        corresp = _el(profile, "correspDesc", ref=base + (url_of(letter.src) or ""), source=f"#{source_id}")
        sent = _el(corresp, "correspAction", type="sent")
        author = site.authors.get(letter.author)
        _el(sent, "persName", author.name if author else letter.author)
        geonames = site.places.get(letter.city)
        if geonames:
            _el(sent, "placeName", letter.city, ref=f"https://www.geonames.org/{geonames}")
        else:
            _el(sent, "placeName", letter.city)
        _el(sent, "date", when=letter.date.iso())
        received = _el(corresp, "correspAction", type="received")
        for key in letter.addressees:
            other = site.authors.get(key)
            _el(received, "persName", other.name if other else key)
    text = _el(root, "text")
    body = _el(text, "body")
    _el(body, "p")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
