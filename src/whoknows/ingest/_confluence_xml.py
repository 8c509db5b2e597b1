"""Confluence XML export: ``entities.xml``, a flat list of Hibernate objects, streamed twice.

Pass 1 keeps what is small: users (``ConfluenceUserImpl``: key, name, lowerName, email; crowd
``InternalUser``: name, displayName, emailAddress), spaces, labels, every Page, BlogPost and
Comment's metadata (title, creator, lastModifier, version, dates, contentStatus, parent,
container), and the size of every ``BodyContent`` (``body_size``). Historical versions (objects
with ``originalVersion``) only tell who saved which version and, by their body's size, how much
text each added. Pass 2 reads the bodies (storage format) and yields each current page and
comment as its body arrives, so no body is held longer than it takes to convert it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import numpy as np

from whoknows.bots import looks_like_bot
from whoknows.errors import Position
from whoknows.i18n import N_
from whoknows.ingest._confluence_model import (
    SKIPPED_STATUSES,
    SOURCE,
    Version,
    body_size,
    body_words,
    comment_item,
    page_item,
    page_roles,
    page_url,
    skip_for_status,
    storage_to_text,
    written_on,
)
from whoknows.ingest.base import IngestContext
from whoknows.records import ItemRecord, PersonRecord, PersonRef, Record
from whoknows.text import parse_date

_CONTENT = {"Page": "page", "BlogPost": "blogpost", "Comment": "comment"}
_METADATA = frozenset(
    {"ConfluenceUserImpl", "InternalUser", "Space", "Label", "Labelling", "BodyContent", *_CONTENT}
)


@dataclass
class _Object:
    cls: str
    id: str
    props: dict[str, str] = field(default_factory=dict)  # scalars and references (by id)


@dataclass
class _Content:
    kind: str
    title: str
    creator: str
    date: str
    space: str = ""
    parent: str = ""  # parent page, or parent comment
    container: str = ""  # a comment's page
    number: int = 0  # its version
    modifier: str = ""  # who saved that version
    modified: str = ""  # when


@dataclass
class _State:
    users: dict[str, dict[str, str]] = field(default_factory=dict)
    crowd: dict[str, dict[str, str]] = field(default_factory=dict)
    spaces: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    labelled: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    contents: dict[str, _Content] = field(default_factory=dict)
    # current content id -> (version, who saved it, when, the historical object's id)
    history: dict[str, list[tuple[int, str, str, str]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    sizes: dict[str, int] = field(default_factory=dict)  # content id -> size of its body
    words: dict[str, np.ndarray] = field(default_factory=dict)  # content id -> body_words


def _objects(
    source: Path, context: IngestContext, only: frozenset[str] | None = None
) -> Iterator[_Object]:
    """Each top-level ``<object>`` of entities.xml (in a zip or not) whose class is in ONLY (all
    when None), memory released as read."""
    name = "entities.xml"
    try:
        with ExitStack() as stack:
            handle: IO[bytes] | Path = source
            if zipfile.is_zipfile(source):
                archive = stack.enter_context(zipfile.ZipFile(source))
                if name not in archive.namelist():
                    context.problem(
                        source, None, N_("zip without entities.xml (not an XML export)")
                    )
                    return
                handle = stack.enter_context(archive.open(name))
            events = ET.iterparse(handle, events=("start", "end"))
            _, root = next(events)
            for event, element in events:
                if event == "end" and element.tag == "object":
                    if only is None or element.get("class") in only:
                        yield _read(element)
                    root.clear()
    except ET.ParseError as error:
        line, column = error.position
        reason = str(error).split(":")[0]
        context.problem(
            source,
            Position.at(line, column + 1),
            N_("malformed XML (%(error)s); the rest of this file is unread"),
            error=reason,
        )
    except StopIteration:
        context.problem(source, Position.at(1, 1), N_("empty file, not a Confluence entities.xml"))
    except (OSError, zipfile.BadZipFile, RuntimeError, NotImplementedError) as error:
        context.problem(source, None, N_("cannot read the export (%(error)s)"), error=error)


def _read(element: ET.Element) -> _Object:
    obj = _Object(element.get("class", ""), "")
    for child in element:
        if child.tag == "id":
            obj.id = (child.text or "").strip()
        elif child.tag == "property":
            reference = child.find("id")
            value = reference.text if reference is not None else child.text
            obj.props[child.get("name", "")] = (value or "").strip()
    return obj


def parse_entities(source: Path, base: str, context: IngestContext) -> Iterator[Record]:
    state = _State()
    for obj in _objects(source, context, _METADATA):
        _collect(obj, state, context)
    yield from _people(state)
    pending = set(state.contents)
    for obj in _objects(source, context, frozenset({"BodyContent"})):
        owner = obj.props.get("content", "")
        if owner not in pending:
            continue  # other objects, or bodies of historical versions
        pending.discard(owner)
        item = _item(owner, state.contents[owner], obj.props.get("body", ""), state, base, context)
        if item is not None:
            yield item
    if pending:
        context.skip(N_("confluence: page or comment without a body"), len(pending))


def _collect(obj: _Object, state: _State, context: IngestContext) -> None:
    props = obj.props
    if obj.cls == "ConfluenceUserImpl":
        state.users[obj.id] = props
    elif obj.cls == "InternalUser":
        state.crowd[props.get("lowerName") or props.get("name", "").lower()] = props
    elif obj.cls == "Space":
        state.spaces[obj.id] = props.get("name") or props.get("key", "")
    elif obj.cls == "Label":
        state.labels[obj.id] = props.get("name", "")
    elif obj.cls == "Labelling":
        owner = props.get("content") or props.get("owningContent", "")
        state.labelled[owner].append(props.get("label", ""))
    elif obj.cls == "BodyContent":
        state.sizes[props.get("content", "")] = body_size(props.get("body", ""))
        state.words[props.get("content", "")] = body_words(props.get("body", ""))
    elif obj.cls in _CONTENT:
        if props.get("originalVersion"):
            modified = props.get("lastModificationDate", "")
            saved = (_number(props), props.get("lastModifier", ""), modified, obj.id)
            state.history[props["originalVersion"]].append(saved)
            context.note(N_("confluence: historical version (counted for its author)"))
            return
        status = props.get("contentStatus", "current")
        if status in SKIPPED_STATUSES:
            skip_for_status(context, status, _CONTENT[obj.cls])
            return
        content = _Content(
            kind=_CONTENT[obj.cls],
            title=props.get("title", ""),
            creator=props.get("creator", ""),
            date=props.get("creationDate", ""),
            space=props.get("space", ""),
            parent=props.get("parent", ""),
            container=props.get("containerContent") or props.get("owner", ""),
            number=_number(props),
            modifier=props.get("lastModifier") or props.get("creator", ""),
            modified=props.get("lastModificationDate") or props.get("creationDate", ""),
        )
        state.contents[obj.id] = content


def _number(props: dict[str, str]) -> int:
    version = props.get("version", "")
    return int(version) if version.isdigit() else 0


def _ref(key: str, state: _State) -> PersonRef | None:
    if not key:
        return None
    user = state.users.get(key, {})
    login = user.get("name") or None
    crowd = state.crowd.get(user.get("lowerName") or (login or "").lower(), {})
    name = crowd.get("displayName") or None
    email = user.get("email") or crowd.get("emailAddress") or None
    bot = looks_like_bot(name) or looks_like_bot(login)
    return PersonRef(SOURCE, key, name=name, email=email, handle=login, is_bot=bot, account=True)


def _people(state: _State) -> Iterator[PersonRecord]:
    for key in state.users:
        ref = _ref(key, state)
        if ref is not None:
            yield PersonRecord(
                ref=ref,
                names=[ref.name] if ref.name else [],
                emails=[ref.email] if ref.email else [],
                handles=[ref.handle] if ref.handle else [],
            )


def _item(
    content_id: str,
    content: _Content,
    body: str,
    state: _State,
    base: str,
    context: IngestContext,
) -> ItemRecord | None:
    text = storage_to_text(body)
    if content.kind != "comment":
        return _page(content_id, content, text, state, base, body)
    page = state.contents.get(content.container)
    if page is None or page.kind == "comment":
        context.skip(N_("confluence: comment on a page not kept (draft, deleted or missing)"))
        return None
    author = _ref(content.creator, state)
    if author is not None and author.is_bot:
        context.skip(N_("confluence: comment by a bot"))
        return None
    if not text:
        context.skip(N_("confluence: empty comment"))
        return None
    return comment_item(
        content_id,
        content.container,
        page.title,
        author,
        text,
        parse_date(content.date),
        page_url(base, content.container),
        content.parent or None,
    )


def _page(
    content_id: str, content: _Content, text: str, state: _State, base: str, markup: str
) -> ItemRecord:
    saved = [
        (content.number, content.modifier, content.modified, content_id),
        *state.history.get(content_id, []),
    ]
    versions = [
        Version(
            number,
            _ref(modifier, state),
            state.sizes.get(body),
            state.words.get(body),
            parse_date(modified),
        )
        for number, modifier, modified, body in saved
    ]
    ancestors: list[str] = []
    parent = state.contents.get(content.parent)
    while parent is not None and len(ancestors) < 20:
        ancestors.insert(0, parent.title)
        parent = state.contents.get(parent.parent)
    space = state.spaces.get(content.space, "")
    labels = state.labelled.get(content_id, [])
    return page_item(
        content_id,
        content.title,
        text,
        date=written_on(versions) or parse_date(content.date),
        url=page_url(base, content_id),
        roles=page_roles(_ref(content.creator, state), versions),
        ancestors=[space, *ancestors] if space else ancestors,
        tags=[state.labels[label] for label in labels if label in state.labels],
        kind=content.kind,
        signals={"versions": float(len(versions))},
        markup=markup,
        created=parse_date(content.date),
    )
