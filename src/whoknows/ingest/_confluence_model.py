"""The confluence connector's records and roles, shared by its format readers."""

from __future__ import annotations

import html
import re
import zlib
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

from whoknows.i18n import N_, Term
from whoknows.ingest._dates import parse_localized
from whoknows.ingest._genres import passed_on
from whoknows.ingest._sentences import headline
from whoknows.ingest._threads import comment_role
from whoknows.ingest.base import IngestContext
from whoknows.records import Contribution, ItemRecord, PersonRef
from whoknows.text import html_to_text
from whoknows.vocab import ContributionRole

SOURCE = "confluence"
CO_AUTHOR_SHARE = 1 / 3
CO_AUTHOR_WEIGHT = 0.6
CREATOR_MIN_WEIGHT = 0.1
# the statuses whose content is left out, and the words for them and for the content kinds
SKIPPED_STATUSES = {
    "draft": Term(N_("draft")),
    "deleted": Term(N_("deleted")),
    "trashed": Term(N_("trashed")),
    "historical": Term(N_("historical")),
}
_KINDS = {
    "page": Term(N_("page")),
    "blogpost": Term(N_("blogpost")),
    "comment": Term(N_("comment")),
}
_CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.S)
_MACRO_PARAMETER = re.compile(r"<ac:parameter\b[^>]*>.*?</ac:parameter>", re.S)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_PLAIN_BODY = re.compile(r"<(/?)ac:plain-text-body>")
_DATE_FORMATS = (
    *("%b %d, %Y", "%d %b %Y", "%d. %b %Y", "%d de %b de %Y", "%Y-%m-%d", "%d.%m.%Y"),
    *("%b %d, %Y %H:%M", "%d %b %Y %H:%M", "%d. %b %Y %H:%M", "%d.%m.%Y %H:%M"),
)
_LONGEST_DATE = 6  # words ("12 de marzo de 2024 10:15")
COMPARED_VERSIONS = 50  # earlier versions a version is compared with, to find what it restores
BLAME_WORDS = 5000  # words of a version compared to tell who wrote what (a page's beginning)
_WORDS = re.compile(r"\w+")


def skip_for_status(context: IngestContext, status: str, kind: str) -> None:
    """Counts a page, blog post or comment left out for its status (``confluence: draft
    page``)."""
    words = {"status": SKIPPED_STATUSES[status], "kind": _KINDS[kind]}
    context.skip(N_("confluence: %(status)s %(kind)s"), **words)


def storage_to_text(xhtml: str) -> str:
    """Text of Confluence storage format (XHTML with ac:/ri: macros; code in CDATA)."""
    text = _MACRO_PARAMETER.sub("", xhtml)  # macro settings (a code block's language...)
    text = _PLAIN_BODY.sub(r"<\1pre>", text)
    text = _CDATA.sub(lambda m: m.group(1).replace("&", "&amp;").replace("<", "&lt;"), text)
    return html_to_text(text)


def export_date(raw: str) -> datetime | None:
    """A date as the HTML export prints it, month names in the exporting user's language
    ("Mar 14, 2024", "14 mars 2024 10:15", "14. März 2024"); None when it is not one."""
    parsed = parse_localized(raw, _DATE_FORMATS)
    return parsed.replace(tzinfo=UTC) if parsed is not None else None


def trailing_date(text: str) -> datetime | None:
    """The date that ends TEXT, whatever word introduces it ("... on Mar 14, 2024",
    "... le 14 mars 2024", "... am 14. März 2024"); None when it ends with none."""
    words = text.split()
    for count in range(min(len(words), _LONGEST_DATE), 0, -1):
        found = export_date(" ".join(words[-count:]))
        if found is not None:
            return found
    return None


@dataclass(frozen=True)
class Version:
    """One saved version of a page: who saved it, how much text it held (``body_size``; None
    when the export lacks its body), its words (``body_words``, when the export holds them)
    and when it was saved."""

    number: int
    author: PersonRef | None
    size: int | None = None
    words: np.ndarray | None = None
    date: datetime | None = None


def body_words(xhtml: str) -> np.ndarray:
    """The first :data:`BLAME_WORDS` words of four letters or more of a storage-format body,
    code blocks included, hashed (uint32): enough to tell which words of a version were carried
    from the one before and which were new (short words, "the", "is", "de", "la", are shared
    by any two texts: a rewrite would leave them to the replaced text's writer)."""
    text = storage_to_text(xhtml).lower()
    words = [word for word in _WORDS.findall(text) if len(word) >= 4][:BLAME_WORDS]
    return np.fromiter((zlib.crc32(w.encode()) for w in words), dtype=np.uint32, count=len(words))


def body_size(xhtml: str) -> int:
    """How much text a storage-format body holds, to compare versions: its characters other
    than white space, markup and macro settings left out (cheap: nothing is parsed)."""
    size = 0

    def code(match: re.Match[str]) -> str:
        nonlocal size
        size += len(_SPACE.sub("", match.group(1)))
        return ""

    rest = _CDATA.sub(code, _MACRO_PARAMETER.sub("", xhtml))
    return size + len(_SPACE.sub("", html.unescape(_TAG.sub("", rest))))


def page_roles(
    creator: PersonRef | None,
    versions: list[Version] | None = None,
    last_modifier: PersonRef | None = None,
) -> list[Contribution]:
    """The creator, co-authors and editors of a page (see the connector's rule). People are
    compared by native id, since one person may come with more or fewer details per version."""
    written, people, measured = _written(versions or [])
    best, total = max(written.values(), default=0), sum(written.values())
    creator_key = _key(creator) if creator is not None else None
    roles: list[Contribution] = []
    if creator is not None and not creator.is_bot:
        weight = 1.0
        if measured and creator_key in written:  # a stub's creator: a small share
            weight = max(CREATOR_MIN_WEIGHT, round(written[creator_key] / best, 2))
        roles.append(Contribution(creator, ContributionRole.AUTHOR, weight))
    for key, amount in sorted(written.items(), key=lambda pair: -pair[1]):
        person = people[key]
        if key == creator_key or person.is_bot:
            continue
        share = amount / best if measured else amount / total
        if share >= CO_AUTHOR_SHARE:
            weight = round(share, 2) if measured else CO_AUTHOR_WEIGHT
            roles.append(Contribution(person, ContributionRole.AUTHOR, weight))
        else:
            roles.append(Contribution(person, ContributionRole.EDITOR))
    editor = last_modifier if versions is None else None
    if editor is not None and not editor.is_bot and _key(editor) != creator_key:
        roles.append(Contribution(editor, ContributionRole.EDITOR))
    return roles


def _written(versions: list[Version]) -> tuple[dict[str, float], dict[str, PersonRef], bool]:
    """Per person (by key): the words of the current text that their versions wrote, when
    every version's words are known (:func:`_surviving`); else the characters their versions
    added, each against the version before it, and True when every version's size is known
    and some text was added; else their number of versions, and False."""
    ordered = sorted(versions, key=lambda version: version.number)
    if ordered and all(version.words is not None for version in ordered):
        owned = _surviving(ordered)
        if any(owned):
            return _by_person(ordered, owned)
    measured = bool(ordered) and all(version.size is not None for version in ordered)
    written: dict[str, float] = {}
    people: dict[str, PersonRef] = {}
    before = 0
    for version in ordered:
        size = version.size or 0
        added, before = max(0, size - before), size
        if version.author is None:
            continue
        key = _key(version.author)
        written[key] = written.get(key, 0) + (added if measured else 1)
        if version.author.name or key not in people:
            people[key] = version.author
    if measured and not any(written.values()):
        return _written([Version(v.number, v.author) for v in ordered])
    return written, people, measured


def _surviving(ordered: list[Version]) -> list[int]:
    """Per version: how many words of the current text it wrote. Each version is compared with
    the earlier version it shares most words with (the one before, usually; an older one when
    it restores it): it keeps the words it carries from that version, with their writers, and
    owns those it adds. A page blanked or half deleted, then restored (re-pasted with a word
    changed, say), stays its writers'; the restorer owns only what they changed."""
    kept_by: list[dict[int, list[tuple[int, int]]]] = []  # per version: word -> (writer, count)
    counts: list[Counter[int]] = []
    for at, version in enumerate(ordered):
        assert version.words is not None
        words = Counter(version.words.tolist())
        base = _closest(words, counts)
        owners = kept_by[base] if base is not None else {}
        carried: dict[int, list[tuple[int, int]]] = {}
        for word, count in words.items():
            kept, left = [], count
            for owner, held in owners.get(word, ()):
                if left and held:
                    kept.append((owner, min(held, left)))
                    left -= min(held, left)
            if left:
                kept.append((at, left))
            carried[word] = kept
        kept_by.append(carried)
        counts.append(words)
    owned = [0] * len(ordered)
    for kept in kept_by[-1].values() if kept_by else ():
        for owner, count in kept:
            owned[owner] += count
    return owned


def _closest(words: Counter[int], earlier: list[Counter[int]]) -> int | None:
    """The earlier version sharing most words with ``words`` (the latest of equals; among the
    last :data:`COMPARED_VERSIONS`), or None for the first version."""
    best, found = -1, None
    for at in range(len(earlier) - 1, max(-1, len(earlier) - 1 - COMPARED_VERSIONS), -1):
        shared = sum((words & earlier[at]).values())
        if shared > best:
            best, found = shared, at
    return found


def _by_person(
    ordered: list[Version], owned: list[int]
) -> tuple[dict[str, float], dict[str, PersonRef], bool]:
    written: dict[str, float] = {}
    people: dict[str, PersonRef] = {}
    for version, count in zip(ordered, owned, strict=True):
        if version.author is None:
            continue
        key = _key(version.author)
        written[key] = written.get(key, 0) + count
        if version.author.name or key not in people:
            people[key] = version.author
    return written, people, True


def written_on(versions: list[Version]) -> datetime | None:
    """When the current text was written: the date of the latest version that wrote at least
    :data:`CO_AUTHOR_SHARE` as much of it as the version that wrote most (a page rewritten in
    2025 is 2025 evidence, a typo fixed since changes nothing); None when the versions' words
    or dates are unknown."""
    ordered = sorted(versions, key=lambda version: version.number)
    if not ordered or any(v.words is None or v.date is None for v in ordered):
        return None
    owned = _surviving(ordered)
    best = max(owned)
    dates = [
        v.date for v, n in zip(ordered, owned, strict=True) if best and n >= CO_AUTHOR_SHARE * best
    ]
    return max((d for d in dates if d is not None), default=None)


def _key(person: PersonRef) -> str:
    return person.native_id or person.email or person.name or person.handle or ""


def page_item(
    native_id: str,
    title: str,
    text: str,
    *,
    date: datetime | None,
    url: str | None,
    roles: list[Contribution],
    ancestors: list[str],
    tags: list[str],
    kind: str = "page",
    signals: dict[str, float] | None = None,
    markup: str = "",
    created: datetime | None = None,
) -> ItemRecord:
    """A page, or a blog post; a page of links (its storage or HTML ``markup``) is passed on,
    its authors referrers."""
    return ItemRecord(
        source=SOURCE,
        native_id=native_id,
        kind=kind,
        title=title,
        text=text or title,
        date=date,
        url=url,
        thread_id=native_id,
        context=" / ".join(ancestors) or None,
        tags=tags,
        contributions=passed_on(roles, markup, text),
        signals=signals or {},
        created=created,
    )


def comment_item(
    native_id: str,
    page_id: str,
    page_title: str,
    author: PersonRef | None,
    text: str,
    date: datetime | None,
    url: str | None,
    parent_id: str | None = None,
) -> ItemRecord:
    roles = [Contribution(author, comment_role(text, False))] if author else []
    return ItemRecord(
        source=SOURCE,
        native_id=native_id,
        kind="comment",
        title=f"{page_title} — {headline(text, 60)}",
        text=text,
        date=date,
        url=url,
        thread_id=page_id,
        parent_id=parent_id or page_id,
        context=page_title,
        contributions=roles,
    )


def page_url(base: str, page_id: str) -> str | None:
    return f"{base}/pages/viewpage.action?pageId={page_id}" if base else None
