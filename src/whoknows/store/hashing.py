"""Content hashes of items: an item seen again with the same hash is left alone."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from whoknows.records import ItemRecord
from whoknows.text import iso


def content_hash(item: ItemRecord) -> str:
    return hash_values(
        item.kind, item.title, item.text, item.context, iso(item.date), item.tags, item.url
    )


def hash_values(
    kind: str,
    title: str | None,
    text: str,
    context: str | None,
    date: str | None,
    tags: list[str],
    url: str | None,
) -> str:
    """The content hash of an item as stored (``tags`` a list, ``date`` ISO text)."""
    payload = json.dumps([kind, title, text, context, date, tags, url], ensure_ascii=False)
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()


def stored_content_hash(row: Mapping[str, Any]) -> str:
    """The content hash of an ``items`` row, as :func:`content_hash` gives for its record."""
    tags = json.loads(row["tags"]) if row["tags"] else []
    return hash_values(
        row["kind"], row["title"], row["text"], row["context"], row["date"], tags, row["url"]
    )


def login_key(username: str) -> str:
    """The digest login throttling counts an account's failures under (``login_failures``,
    ``login_locks``): an erasure removes the erased accounts' rows by it."""
    return throttle_digest("user:" + username.strip().casefold())


def throttle_digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
