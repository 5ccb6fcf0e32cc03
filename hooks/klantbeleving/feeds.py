"""The RSS 2.0 feed of editions (newest first), made with feedgen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from feedgen.feed import FeedGenerator

from .model import Site
from .text import plain_text

FEED_PATH = "feed.xml"
FEED_LENGTH = 20
"""Editions in the feed: the newest this many (as feeds usually do, e.g. Material's blog: 20).
A feed reader fetches the whole file at every poll; the archive is on the site (Tijdlijn)."""


def render_rss(site: Site, *, base_url: str, url_of: Callable[[str], str | None], title: str, description: str) -> bytes:
    """RSS 2.0 bytes: one item per published edition (the newest ``FEED_LENGTH``) with its stelling,
    lead and where it first appeared (``published_in``).

    Dates come from the content (never "now"), so two builds give identical bytes.
    """
    base = base_url.rstrip("/") + "/"
    fg = FeedGenerator()
    fg.title(title)
    fg.link(href=base, rel="alternate")
    fg.description(description)
    fg.language("nl")
    editions = sorted((e for e in site.editions if e.src not in site.excluded), key=lambda e: (e.date, e.slug))
    editions = editions[-FEED_LENGTH:]
    if editions:
        newest = editions[-1].date.as_date()
        fg.lastBuildDate(dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.UTC))
    for edition in editions:  # feedgen prepends: the newest ends up first
        url = base + (url_of(edition.src) or "")
        entry = fg.add_entry()
        entry.id(url)
        entry.guid(url, permalink=True)
        entry.title(edition.title)
        entry.link(href=url)
        lead = plain_text(edition.lead)
        published = f"\n\nEerder verschenen in: {edition.published_in}" if edition.published_in else ""
        entry.description(f"Stelling: {edition.stelling}\n\n{lead}".strip() + published)
        day = edition.date.as_date()
        entry.pubDate(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC))
        for letter in (x for x in edition.letters if x.src not in site.excluded):
            author = site.authors.get(letter.author)
            if author:
                entry.author(name=author.name, email="redactie@klantbeleving.example")
    return fg.rss_str(pretty=True)
