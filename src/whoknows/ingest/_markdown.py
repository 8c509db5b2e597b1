"""Markdown documents: the front matter (title, author or authors, date, tags or keywords), the
text without its markup, and whether the page only lists links."""

from __future__ import annotations

import re
from pathlib import Path

from whoknows.ingest._markup import links_only
from whoknows.ingest._office import Document, split_authors
from whoknows.ingest._referrals import points_to_someone
from whoknows.text import normalize_space, parse_date

UNCLOSED = "front matter never closed"
_OPENED_FRONT_MATTER = re.compile(r"\A---\s*\n[\w-]+\s*:")
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n(---|\.\.\.)\s*(\n|\Z)", re.DOTALL)
# (emphasis only where it opens or closes: "max_connections" and "snake_case" keep theirs)
_MD_MARKUP = re.compile(
    r"(^#{1,6}\s*|(?<!\w)[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}(?!\w)|`{1,3}|"
    r"!\[[^\]]*\]\([^)]*\))",
    re.M,
)
# a list's bullet (dropped: a how-to's steps, "- Hugo publie le site dans public/", would read
# as minutes items crediting a colleague named like the tool: a second attacker's)
_MD_BULLET = re.compile(r"^\s*[-+*]\s+", re.M)
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_BARE_URL = re.compile(r"https?://\S+")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}")
_LISTED = re.compile(r"^(?:[-*+]|\d+[.)]|\|)\s*\[")  # a list item or table row opening on a link
CAPTION_WORDS = 12  # a link's caption on its list item, not an explanation
_WORD = re.compile(r"\w+")


def _markdown_links_only(raw: str) -> bool:
    """A Markdown page of links: labelled links, or bare addresses each with its caption on its
    line or the line before ("Kafka consumer lag and rebalancing\nhttps://kafka.apache.org/…"),
    lines that send the reader to a colleague aside ("- Questions : écrire à Kevin Nguyen.": a
    lab's HPC engineer was second for Slurm on such a page). A heading that asks ("## Why are
    shards unassigned?") is the writer's: an FAQ answers."""
    links, linked = 0, 0
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    for at, line in enumerate(lines):
        labels = _MD_LINK.findall(line)
        bare = _BARE_URL.findall(_MD_LINK.sub(" ", line))
        links += len(labels) + len(bare)
        linked += sum(len(_WORD.findall(label)) for label in labels if not label.startswith("http"))
        if labels and _LISTED.match(line):  # ("- [pgBackRest guide](…) — backup, restore, PITR")
            said = len(_WORD.findall(_BARE_URL.sub(" ", _MD_LINK.sub(" ", line))))
            linked += said if said <= CAPTION_WORDS else 0
        elif (
            (line.startswith("#") and not line.rstrip().endswith("?"))
            or (at + 1 < len(lines) and _TABLE_RULE.match(lines[at + 1]))
            or points_to_someone(_MD_BULLET.sub("", line))
        ):  # (a heading, a table's header)
            linked += len(_WORD.findall(line))
        elif bare:
            caption = _BARE_URL.sub(" ", _MD_LINK.sub(" ", line))
            linked += len(_WORD.findall(caption))
            if not _WORD.search(caption) and at and not _BARE_URL.search(lines[at - 1]):
                linked += len(_WORD.findall(lines[at - 1]))  # (the caption above it)
    prose = _MD_LINK.sub(r"\1", _BARE_URL.sub(" ", raw))
    return links_only(links, linked, len(_WORD.findall(prose)))


# a front matter line "key: value" whose value YAML would not take as it is ("title: Comité
# PACS : ordre du jour", a colon left unquoted: a common slip in wikis' pages)
_PLAIN_FIELD = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s+([^\s\[\]{}&*!|>%@`#].*?)\s*$")


def _plain_front_matter(block: str, loader: type) -> dict[str, object] | None:
    """The front matter read again with each top-level "key: value" whose value holds ": "
    quoted (a studio's runbook, "title: Horde : agents et pools" beside a tags list, had been
    refused; block lists, "authors:" then "  - Léa Fontaine", are read as YAML reads them);
    None when that is no mapping YAML reads either (then it is invalid YAML, reported)."""
    import json

    import yaml

    lines = []
    for line in block.splitlines():
        field = _PLAIN_FIELD.match(line)
        if field is not None and ": " in field.group(2):
            value = field.group(2)
            if value[:1] in "\"'" and value[-1:] == value[:1]:
                value = value[1:-1]
            line = f"{field.group(1)}: {json.dumps(value, ensure_ascii=False)}"
        lines.append(line)
    try:
        read = yaml.load("\n".join(lines), Loader=loader)
    except yaml.YAMLError:
        return None
    return read if isinstance(read, dict) and read else None


def read_markdown(path: Path) -> Document:
    import yaml

    raw = path.read_text(encoding="utf-8")
    meta: dict[str, object] = {}
    match = _FRONT_MATTER.match(raw)
    if match:
        # libyaml's loader when PyYAML has it: 8 ms a front matter less than the Python one
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        try:
            loaded = yaml.load(match.group(1), Loader=loader)
        except yaml.YAMLError:
            loaded = _plain_front_matter(match.group(1), loader)
            if loaded is None:
                raise
        meta = loaded if isinstance(loaded, dict) else {}
        raw = raw[match.end() :]
    elif _OPENED_FRONT_MATTER.match(raw):  # ("---\ntitle: …\ndate: 2024-0", a file cut short)
        raise yaml.YAMLError(UNCLOSED)
    title = meta.get("title")
    if not title:
        heading = re.search(r"^#\s+(.+)$", raw, re.M)
        title = heading.group(1).strip() if heading else None
    text = _MD_MARKUP.sub("", _MD_BULLET.sub("", _MD_LINK.sub(r"\1", raw)))
    date = meta.get("date")
    tags = meta.get("tags") or meta.get("keywords") or []
    return Document(
        text=normalize_space(text),
        title=str(title) if title else None,
        authors=split_authors(meta.get("authors") or meta.get("author")),
        date=parse_date(date.isoformat() if hasattr(date, "isoformat") else str(date))
        if date
        else None,
        tags=split_authors(tags),
        links_only=_markdown_links_only(raw),
    )


__all__ = ["UNCLOSED", "read_markdown"]
