"""Confluence REST API dumps: one ``.json`` file or a folder of them, in any order and nesting.

Each file is a response page (``{"results": [...], "_links": {"next": ...}}``) or a bare list;
entries are recognised by their shape, so one folder may mix:

- pages and blog posts: v1 ``/rest/api/content?expand=body.storage,version,history,ancestors,
  metadata.labels`` (``"type": "page"``) or v2 ``/wiki/api/v2/pages?body-format=storage``
  (``spaceId``; ``atlas_doc_format`` bodies work too);
- versions: v1 ``/rest/api/content/ID/version`` or v2 ``/wiki/api/v2/pages/ID/versions``
  (the page id from ``page.id``, ``content.id``, or the file name ``versions/ID.json``);
- footer comments: v1 ``/rest/api/content/ID/child/comment?expand=body.storage,history,
  container,ancestors`` (``"type": "comment"``) or v2 ``/wiki/api/v2/footer-comments``
  (``pageId``, ``parentCommentId``);
- users: v1 ``/rest/api/user/bulk`` entries (``accountId`` with ``displayName``), which give
  names to the bare ``authorId`` of v2.

Two passes: versions, users and page titles first, then pages and comments.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from whoknows.bots import looks_like_bot
from whoknows.ingest._confluence_model import (
    SKIPPED_STATUSES,
    SOURCE,
    comment_item,
    page_item,
    page_roles,
    page_url,
    storage_to_text,
)
from whoknows.ingest._json import JsonObject, iter_entries, text_of
from whoknows.ingest._markup import adf_to_text, safe_url
from whoknows.ingest.base import IngestContext
from whoknows.records import PersonRecord, PersonRef, Record
from whoknows.text import parse_date

_DIGITS = re.compile(r"(\d+)\D*$")


@dataclass
class _State:
    users: dict[str, JsonObject] = field(default_factory=dict)
    versions: dict[str, dict[int, str]] = field(default_factory=lambda: defaultdict(dict))
    titles: dict[str, str] = field(default_factory=dict)  # pages kept


def _shape(entry: JsonObject) -> str:
    kind = text_of(entry.get("type"))
    if kind in {"page", "blogpost", "comment"}:
        return kind
    if "pageId" in entry or "blogPostId" in entry:
        return "comment"
    if "spaceId" in entry and "title" in entry:
        return "page"
    if "number" in entry and "id" not in entry:
        return "version"
    if entry.get("accountId") and ("displayName" in entry or "publicName" in entry):
        return "user"
    return ""


def _user_key(user: object) -> str:
    if isinstance(user, dict):
        return text_of(user.get("accountId") or user.get("userKey") or user.get("username"))
    return text_of(user)


def _ref(user: object, state: _State) -> PersonRef | None:
    key = _user_key(user)
    if not key:
        return None
    known = user if isinstance(user, dict) else state.users.get(key, {})
    known = known if known.get("displayName") else state.users.get(key, known)
    name = text_of(known.get("displayName") or known.get("publicName")) or None
    handle = text_of(known.get("username")) or None
    bot = known.get("accountType") == "app" or looks_like_bot(name) or looks_like_bot(handle)
    email = text_of(known.get("email")) or None
    return PersonRef(SOURCE, key, name=name, email=email, handle=handle, is_bot=bot, account=True)


def parse_api(path: Path, base: str, context: IngestContext) -> Iterator[Record]:
    dumps = [path] if path.is_file() else sorted(path.rglob("*.json"))
    state = _State()
    for dump in dumps:
        for entry in iter_entries(dump, context, ("results",)):
            _collect(entry, dump, state, context)
    for user in state.users.values():
        ref = _ref(user, state)
        if ref is not None:
            yield PersonRecord(ref=ref, names=[ref.name] if ref.name else [])
    quiet = IngestContext(skip_errors=True)  # broken files were reported in the first pass
    for dump in dumps:
        for entry in iter_entries(dump, quiet, ("results",)):
            shape = _shape(entry)
            if shape in {"page", "blogpost"} and text_of(entry.get("id")) in state.titles:
                yield _page(entry, shape, state, base)
            elif shape == "comment":
                item = _comment(entry, state, base, context)
                if item is not None:
                    yield item


def _collect(entry: JsonObject, dump: Path, state: _State, context: IngestContext) -> None:
    shape = _shape(entry)
    if shape == "user":
        state.users[text_of(entry["accountId"])] = entry
    elif shape == "version":
        page = entry.get("page") or entry.get("content") or {}
        page_id = text_of(page.get("id")) if isinstance(page, dict) else ""
        if not page_id:
            expandable = text_of((entry.get("_expandable") or {}).get("content"))
            found = _DIGITS.search(expandable) or _DIGITS.search(dump.stem)
            page_id = found.group(1) if found else ""
        author = entry.get("by") or entry.get("authorId")
        if isinstance(author, dict) and author.get("displayName"):
            state.users.setdefault(_user_key(author), author)
        number = entry.get("number")
        if page_id and isinstance(number, int):
            state.versions[page_id][number] = _user_key(author)
    elif shape in {"page", "blogpost"}:
        status = text_of(entry.get("status")) or "current"
        if status in SKIPPED_STATUSES:
            context.skip(f"confluence: {status} {shape}")
        else:
            state.titles[text_of(entry.get("id"))] = text_of(entry.get("title"))


def _body(entry: JsonObject) -> str:
    body = entry.get("body") or {}
    storage = body.get("storage") or body.get("view") or {}
    if isinstance(storage, dict) and storage.get("value"):
        return storage_to_text(text_of(storage["value"]))
    adf = body.get("atlas_doc_format") or {}
    if isinstance(adf, dict) and adf.get("value"):
        try:
            return adf_to_text(json.loads(text_of(adf["value"])))
        except json.JSONDecodeError:
            return ""
    return ""


def _link(entry: JsonObject, base: str, fallback: str | None) -> str | None:
    links = entry.get("_links") or {}
    webui = text_of(links.get("webui"))
    self_link = text_of(links.get("self"))
    root = base or (self_link.split("/rest/api/")[0] if "/rest/api/" in self_link else "")
    if webui and root:
        return safe_url(root + webui)
    return fallback


def _page(entry: JsonObject, shape: str, state: _State, base: str) -> Record:
    page_id = text_of(entry.get("id"))
    history = entry.get("history") or {}
    version = entry.get("version") or {}
    creator = _ref(history.get("createdBy") or entry.get("authorId"), state)
    current = _ref(version.get("by") or version.get("authorId"), state)
    known = state.versions.get(page_id, {})
    versions: Counter[PersonRef] | None = None
    if known:
        versions = Counter()
        for key in known.values():
            if (ref := _ref(key, state)) is not None:
                versions[ref] += 1
        if current is not None and version.get("number") not in known:
            versions[current] += 1
    elif current is not None and version.get("number", 1) == 1:
        versions = Counter({current: 1})
    labels = ((entry.get("metadata") or {}).get("labels") or {}).get("results") or []
    ancestors = [text_of(a.get("title")) for a in entry.get("ancestors") or []]
    space = entry.get("space") or {}
    return page_item(
        page_id,
        text_of(entry.get("title")),
        _body(entry),
        date=parse_date(text_of(history.get("createdDate") or entry.get("createdAt"))),
        url=_link(entry, base, page_url(base, page_id)),
        roles=page_roles(creator, versions, current),
        ancestors=[text_of(space.get("name")), *ancestors] if space.get("name") else ancestors,
        tags=[text_of(label.get("name")) for label in labels if label.get("name")],
        kind=shape,
        signals={"versions": float(version.get("number") or 1)},
    )


def _comment(entry: JsonObject, state: _State, base: str, context: IngestContext) -> Record | None:
    container = entry.get("container") or {}
    page_id = text_of(container.get("id") or entry.get("pageId") or entry.get("blogPostId"))
    status = text_of(entry.get("status")) or "current"
    if status in SKIPPED_STATUSES or page_id not in state.titles:
        context.skip("confluence: comment on a page not kept (draft, deleted or missing)")
        return None
    history = entry.get("history") or {}
    version = entry.get("version") or {}
    author = _ref(history.get("createdBy") or version.get("by") or version.get("authorId"), state)
    if author is not None and author.is_bot:
        context.skip("confluence: comment by a bot")
        return None
    text = _body(entry)
    if not text:
        context.skip("confluence: empty comment")
        return None
    ancestors = entry.get("ancestors") or []
    parent = text_of(entry.get("parentCommentId")) or (
        text_of(ancestors[-1].get("id")) if ancestors else ""
    )
    comment_id = text_of(entry.get("id"))
    when = history.get("createdDate") or version.get("when") or version.get("createdAt")
    return comment_item(
        comment_id,
        page_id,
        state.titles[page_id],
        author,
        text,
        parse_date(text_of(when)),
        _link(entry, base, page_url(base, page_id)),
        parent or None,
    )
