"""Confluence spaces in the three shapes they leave a site in.

- an HTML space export: a folder with ``index.html`` and one ``Title_ID.html`` per page, each
  with breadcrumbs, a "Created by X, last modified by Y on DATE" block, attachments, comments;
- an XML export: ``entities.xml`` (or the export's zip, or the folder holding it), Hibernate
  objects (Page, BlogPost, Comment, BodyContent, ConfluenceUserImpl...) read in two streaming
  passes: metadata first, then bodies;
- Cloud/Server REST API dumps: ``.json`` files of ``/rest/api/content?expand=body.storage,
  version,history`` or ``/wiki/api/v2/pages?body-format=storage`` pages, page versions and
  footer comments (see ``_confluence_api``).

Roles: the page's creator is the ``author``. Writing a large part of a page is knowledge, a
touch-up is not: someone who wrote at least ``CO_AUTHOR_SHARE`` of its versions is an
``author`` at ``CO_AUTHOR_WEIGHT``; anyone else who edited it is an ``editor`` (a role that
counts as no evidence). When only the last modifier is known (HTML export) they are an
``editor``. Commenters are ``commenter``, or ``replier`` when substantive. Drafts, deleted and
trashed pages are skipped and counted, with their comments.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import ClassVar

from whoknows.ingest._threads import comment_role, headline
from whoknows.ingest.base import BASE_URL, ConnectorOption, IngestContext
from whoknows.records import Contribution, ItemRecord, PersonRef, Record
from whoknows.text import html_to_text
from whoknows.vocab import ContributionRole

SOURCE = "confluence"
CO_AUTHOR_SHARE = 1 / 3
CO_AUTHOR_WEIGHT = 0.6
SKIPPED_STATUSES = {"draft", "deleted", "trashed", "historical"}
_CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.S)
_MACRO_PARAMETER = re.compile(r"<ac:parameter\b[^>]*>.*?</ac:parameter>", re.S)
_PLAIN_BODY = re.compile(r"<(/?)ac:plain-text-body>")
_DATE_FORMATS = ("%b %d, %Y", "%d %b %Y", "%b %d, %Y %H:%M", "%Y-%m-%d")


def storage_to_text(xhtml: str) -> str:
    """Text of Confluence storage format (XHTML with ac:/ri: macros; code in CDATA)."""
    text = _MACRO_PARAMETER.sub("", xhtml)  # macro settings (a code block's language...)
    text = _PLAIN_BODY.sub(r"<\1pre>", text)
    text = _CDATA.sub(lambda m: m.group(1).replace("&", "&amp;").replace("<", "&lt;"), text)
    return html_to_text(text)


def export_date(raw: str) -> datetime | None:
    """A date as the HTML export prints it ("Mar 14, 2024", "14 Mar 2024 10:15")."""
    text = " ".join(raw.split())
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).replace(tzinfo=UTC)
        except ValueError:
            continue
    return None


def page_roles(
    creator: PersonRef | None,
    versions: Counter[PersonRef] | None = None,
    last_modifier: PersonRef | None = None,
) -> list[Contribution]:
    """The creator, co-authors and editors of a page (see the module's rule). People are
    compared by native id, since one person may come with more or fewer details per version."""
    roles: list[Contribution] = []
    if creator is not None and not creator.is_bot:
        roles.append(Contribution(creator, ContributionRole.AUTHOR))
    counts: Counter[str] = Counter()
    people: dict[str, PersonRef] = {}
    for person, count in (versions or Counter()).items():
        counts[_key(person)] += count
        if person.name or _key(person) not in people:
            people[_key(person)] = person
    total = sum(counts.values())
    creator_key = _key(creator) if creator is not None else None
    for key, count in counts.most_common():
        person = people[key]
        if key == creator_key or person.is_bot:
            continue
        if count / total >= CO_AUTHOR_SHARE:
            roles.append(Contribution(person, ContributionRole.AUTHOR, CO_AUTHOR_WEIGHT))
        else:
            roles.append(Contribution(person, ContributionRole.EDITOR))
    editor = last_modifier if versions is None else None
    if editor is not None and not editor.is_bot and _key(editor) != creator_key:
        roles.append(Contribution(editor, ContributionRole.EDITOR))
    return roles


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
) -> ItemRecord:
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
        contributions=roles,
        signals=signals or {},
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


class ConfluenceConnector:
    name: ClassVar[str] = "confluence"
    source: ClassVar[str] = SOURCE
    description: ClassVar[str] = (
        "a Confluence space: HTML export folder, XML export (entities.xml or its zip), "
        "or REST API dumps (.json)"
    )
    options: ClassVar[tuple[ConnectorOption, ...]] = (BASE_URL,)

    def parse(self, path: Path, context: IngestContext) -> Iterator[Record]:
        from whoknows.ingest._confluence_api import parse_api
        from whoknows.ingest._confluence_html import parse_html_export
        from whoknows.ingest._confluence_xml import parse_entities

        base = (context.base_url or "").rstrip("/")
        if path.is_dir() and (path / "index.html").is_file():
            yield from parse_html_export(path, base, context)
        elif path.is_dir() and (path / "entities.xml").is_file():
            yield from parse_entities(path / "entities.xml", base, context)
        elif (path.is_file() and path.name.endswith(".xml")) or (
            path.is_file() and zipfile.is_zipfile(path)
        ):
            yield from parse_entities(path, base, context)
        elif path.suffix == ".json" or (path.is_dir() and any(path.rglob("*.json"))):
            yield from parse_api(path, base, context)
        else:
            context.problem(
                path,
                "",
                "not a Confluence export: no index.html, entities.xml, zip or .json dump",
                "give the unzipped HTML export, entities.xml (or the XML export's zip) "
                "or a folder of REST API .json files",
            )
