"""Parse author strings like "Jane Doe <jane@example.org>" into person references."""

from __future__ import annotations

from email.utils import parseaddr

from whoknows.records import PersonRef


def author_ref(source: str, raw: str) -> PersonRef | None:
    """A reference for "Name <email>", "email" or "Name"; the raw string is the native id."""
    text = raw.strip()
    if not text:
        return None
    name, address = parseaddr(text) if ("<" in text or "@" in text) else (text, "")
    return PersonRef(
        source,
        text,
        name=name or (None if address else text),
        email=address or None,
    )
