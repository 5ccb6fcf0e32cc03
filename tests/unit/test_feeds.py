"""The feed: the newest editions only (a feed reader fetches the whole file at every poll)."""

from __future__ import annotations

import feedparser

from klantbeleving.dates import PartialDate
from klantbeleving.feeds import FEED_LENGTH, render_rss
from klantbeleving.model import Edition, Site


def test_feed_holds_the_newest_editions_newest_first() -> None:
    editions = [Edition(src=f"brieven/e{i:02d}/index.md", slug=f"e{i:02d}", title=f"Editie {i}", stelling=f"Stelling {i}.",
                        date=PartialDate(2020 + i // 12, i % 12 + 1)) for i in range(FEED_LENGTH + 5)]
    site = Site(editions=editions)
    site.excluded.add(editions[-1].src)  # an embargoed newest edition is not in it and takes no place
    feed = feedparser.parse(render_rss(site, base_url="https://x.example/", url_of=lambda src: src[:-8],
                                       title="T", description="D"))
    assert not feed.bozo, feed.bozo_exception
    titles = [e.title for e in feed.entries]
    assert len(titles) == FEED_LENGTH == 20
    assert titles[0] == f"Editie {FEED_LENGTH + 3}" and titles[-1] == "Editie 4"
