"""Hand-written articles for the corpus tests: one quote carried by several outlets with edits,
a syndicated near-copy, and a second story."""

from __future__ import annotations

import json
from pathlib import Path

ORIGINAL = "We will not close the harbour while I am minister, whatever the storms bring this winter"

ARTICLES = [
    {"url": "https://harbour-news.example/2024/03/01/minister", "title": "Minister vows to keep harbour open",
     "published": "2024-03-01", "outlet": "Harbour News",
     "text": "The harbour in Portvik will stay open through the winter, the transport minister said on Friday.\n\n"
             f"\"{ORIGINAL},\" Elena Sorvik told reporters in Portvik.\n\n"
             "Fishermen had feared a shutdown after the sea wall was damaged by a storm in January."},
    {"url": "https://coastal-times.example/news/sorvik-harbour", "title": "Sorvik: Portvik harbour stays open",
     "published": "2024-03-02", "outlet": "Coastal Times",
     "text": "Transport minister Elena Sorvik has promised that the harbour in Portvik will remain open.\n\n"
             "\"We will never close this harbour while I am minister, whatever the storms bring,\" Sorvik said.\n\n"
             "The sea wall was damaged by a storm in January, and repairs are expected to take months."},
    {"url": "https://daily-ledger.example/a/123", "title": "Portvik harbour row deepens", "published": "2024-03-04",
     "outlet": "Daily Ledger",
     "text": "Opposition leader Tomas Brennik accused the government of ignoring the cost of the Portvik repairs.\n\n"
             "\"This is a promise nobody can pay for,\" Brennik said on Monday.\n\n"
             "Sorvik has said the harbour will stay open whatever the storms bring."},
    {"url": "https://banner-watch.example/protest", "title": "Fishermen march in Portvik", "published": "2024-03-05",
     "outlet": "Banner Watch",
     "text": "Hundreds of fishermen marched through Portvik on Tuesday carrying banners.\n\n"
             "Banners with \"We will not close the harbour while I am minister\" in red paint hung on the "
             "sea wall.\n\n"
             "The march ended peacefully at the town hall."},
    # A syndicated copy of the first article, with a new headline and one word changed.
    {"url": "https://regional-wire.example/portvik-harbour", "title": "Harbour to stay open, says minister",
     "published": "2024-03-02", "outlet": "Regional Wire",
     "text": "The harbour in Portvik will stay open through the winter, the transport minister said on Friday.\n\n"
             f"\"{ORIGINAL},\" Elena Sorvik told reporters in Portvik.\n\n"
             "Fishermen had feared a closure after the sea wall was damaged by a storm in January."},
    # Another story altogether.
    {"url": "https://capital-post.example/budget", "title": "Kestria parliament passes budget",
     "published": "2024-03-06", "outlet": "Capital Post",
     "text": "The Kestria parliament passed the 2024 budget on Wednesday by 121 votes to 98.\n\n"
             "\"This budget puts schools and hospitals first,\" finance minister Jonas Brel said.\n\n"
             "The opposition said the budget would raise taxes on small firms."},
    {"url": "https://morning-star.example/kestria-budget", "title": "Brel's budget approved",
     "published": "2024-03-07", "outlet": "Morning Star",
     "text": "Finance minister Jonas Brel won approval for the Kestria budget, 121 votes to 98, on Wednesday.\n\n"
             "Brel said the budget put schools and hospitals first, while critics warned of higher taxes.\n\n"
             "The budget takes effect in April."},
]


def write_jsonl(path: Path, articles: list[dict[str, str]] | None = None) -> Path:
    path.write_text("\n".join(json.dumps(a) for a in (articles or ARTICLES)) + "\n", encoding="utf-8")
    return path
