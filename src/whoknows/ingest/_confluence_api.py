"""Confluence REST API dumps: one ``.json`` file or a folder of them, in any order and nesting.

Each file is a response page (``{"results": [...], "_links": {"next": ...}}``) or a bare list;
entries are recognised by their shape, so one folder may mix:

- pages and blog posts: v1 ``/rest/api/content?expand=body.storage,version,history,ancestors,
  metadata.labels`` (``"type": "page"``) or v2 ``/wiki/api/v2/pages?body-format=storage``
  (``spaceId``; ``atlas_doc_format`` bodies work too);
- versions: v1 ``/rest/api/content/ID/version`` (``expand=content.body.storage``) or v2
  ``/wiki/api/v2/pages/ID/versions`` (``body-format=storage``; the page id from ``page.id``,
  ``content.id``, or the file name ``versions/ID.json``), or the versions themselves (v1
  ``/rest/api/content/ID?status=historical&version=N``): with their bodies, authorship is
  weighted by the text each added;
- footer comments: v1 ``/rest/api/content/ID/child/comment?expand=body.storage,history,
  container,ancestors`` (``"type": "comment"``) or v2 ``/wiki/api/v2/footer-comments``
  (``pageId``, ``parentCommentId``);
- users: v1 ``/rest/api/user/bulk`` entries (``accountId`` with ``displayName``), which give
  names to the bare ``authorId`` of v2.

Two passes: versions, users and page titles first, then pages and comments.
"""

from __future__ import annotations

import html
import json
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from whoknows.bots import looks_like_bot
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
from whoknows.ingest._json import JsonObject, iter_entries, loads, text_of
from whoknows.ingest._markup import adf_to_text, safe_url
from whoknows.ingest.base import IngestContext
from whoknows.records import PersonRecord, PersonRef, Record
from whoknows.text import parse_date

_DIGITS = re.compile(r"(\d+)\D*$")


@dataclass(frozen=True)
class _Saved:
    """One saved version: who saved it, when, how much text it held and its words."""

    who: str
    when: str
    size: int | None = None
    words: np.ndarray | None = None


@dataclass
class _State:
    users: dict[str, JsonObject] = field(default_factory=dict)
    # page id -> version -> who saved it, when, and its text measured (or None)
    versions: dict[str, dict[int, _Saved]] = field(default_factory=lambda: defaultdict(dict))
    titles: dict[str, str] = field(default_factory=dict)  # pages kept
    shaped: int = 0  # entries of a Confluence shape (page, comment, version, user)


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
    if not state.shaped and not context.problems:  # (GitHub's dumps given to this reader)
        context.problem(
            path,
            None,
            N_("not a Confluence export: no page, comment, version or user in its JSON"),
        )
        return
    for user in state.users.values():
        ref = _ref(user, state)
        if ref is not None:
            yield PersonRecord(ref=ref, names=[ref.name] if ref.name else [])
    quiet = IngestContext(skip_errors=True)  # broken files were reported in the first pass
    for dump in dumps:
        for entry in iter_entries(dump, quiet, ("results",)):
            shape = _shape(entry)
            if shape in {"page", "blogpost"} and _kept(entry, state):
                yield _page(entry, shape, state, base)
            elif shape == "comment":
                item = _comment(entry, state, base, context)
                if item is not None:
                    yield item


def _collect(entry: JsonObject, dump: Path, state: _State, context: IngestContext) -> None:
    shape = _shape(entry)
    state.shaped += bool(shape)
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
            text = _measured(page) if isinstance(page, dict) else (None, None)
            when = text_of(entry.get("when") or entry.get("createdAt"))
            state.versions[page_id][number] = _Saved(_user_key(author), when, *text)
    elif shape in {"page", "blogpost"}:
        status = text_of(entry.get("status")) or "current"
        version = entry.get("version") or {}
        if status == "historical" and isinstance(version.get("number"), int):
            who = _user_key(version.get("by") or version.get("authorId"))
            when = text_of(version.get("when") or version.get("createdAt"))
            saved = _Saved(who, when, *_measured(entry))
            state.versions[text_of(entry.get("id"))][version["number"]] = saved
            context.note(N_("confluence: historical version (counted for its author)"))
        elif status in SKIPPED_STATUSES:
            skip_for_status(context, status, shape)
        else:
            state.titles[text_of(entry.get("id"))] = text_of(entry.get("title"))


def _storage(entry: JsonObject) -> str:
    """A page's storage-format markup, '' when it has none (an ADF body)."""
    storage = (entry.get("body") or {}).get("storage") or {}
    return text_of(storage.get("value")) if isinstance(storage, dict) else ""


def _body(entry: JsonObject) -> str:
    body = entry.get("body") or {}
    storage = body.get("storage") or body.get("view") or {}
    if isinstance(storage, dict) and storage.get("value"):
        return storage_to_text(text_of(storage["value"]))
    adf = body.get("atlas_doc_format") or {}
    if isinstance(adf, dict) and adf.get("value"):
        try:
            return adf_to_text(loads(text_of(adf["value"])))
        except json.JSONDecodeError:
            return ""
    return ""


def _measured(entry: JsonObject) -> tuple[int | None, np.ndarray | None]:
    """How much text the entry's body holds (``body_size``) and its words (``body_words``);
    None, None without a body."""
    body = entry.get("body") or {}
    storage = body.get("storage") or body.get("view") or {}
    if isinstance(storage, dict) and isinstance(storage.get("value"), str):
        return body_size(storage["value"]), body_words(storage["value"])
    adf = body.get("atlas_doc_format") or {}
    if isinstance(adf, dict) and isinstance(adf.get("value"), str):
        text = _body(entry)
        return len("".join(text.split())), body_words(html.escape(text))
    return None, None


def _kept(entry: JsonObject, state: _State) -> bool:
    """A page kept in the first pass, in its current version (not a historical one)."""
    status = text_of(entry.get("status")) or "current"
    return status not in SKIPPED_STATUSES and text_of(entry.get("id")) in state.titles


def _versions(entry: JsonObject, state: _State) -> list[Version] | None:
    """The page's versions: those of its version dumps and its own; None when only its own
    is known and it is not the first (the HTML export's case: a last modifier)."""
    version = entry.get("version") or {}
    saved = dict(state.versions.get(text_of(entry.get("id")), {}))
    number = version.get("number", 1)
    if isinstance(number, int) and (saved or number == 1):
        known = saved.get(number, _Saved("", ""))
        current = _user_key(version.get("by") or version.get("authorId")) or known.who
        when = text_of(version.get("when") or version.get("createdAt")) or known.when
        size, words = (known.size, known.words) if known.size is not None else _measured(entry)
        saved[number] = _Saved(current, when, size, words)
    if not saved:
        return None
    return [
        Version(n, _ref(v.who, state), v.size, v.words, parse_date(v.when))
        for n, v in sorted(saved.items())
    ]


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
    versions = _versions(entry, state)
    labels = ((entry.get("metadata") or {}).get("labels") or {}).get("results") or []
    ancestors = [text_of(a.get("title")) for a in entry.get("ancestors") or []]
    space = entry.get("space") or {}
    return page_item(
        page_id,
        text_of(entry.get("title")),
        _body(entry),
        date=written_on(versions or [])
        or parse_date(text_of(history.get("createdDate") or entry.get("createdAt"))),
        url=_link(entry, base, page_url(base, page_id)),
        roles=page_roles(creator, versions, current),
        ancestors=[text_of(space.get("name")), *ancestors] if space.get("name") else ancestors,
        tags=[text_of(label.get("name")) for label in labels if label.get("name")],
        kind=shape,
        signals={"versions": float(version.get("number") or 1)},
        markup=_storage(entry),
        created=parse_date(text_of(history.get("createdDate") or entry.get("createdAt"))),
    )


def _comment(entry: JsonObject, state: _State, base: str, context: IngestContext) -> Record | None:
    container = entry.get("container") or {}
    page_id = text_of(container.get("id") or entry.get("pageId") or entry.get("blogPostId"))
    status = text_of(entry.get("status")) or "current"
    if status in SKIPPED_STATUSES or page_id not in state.titles:
        context.skip(N_("confluence: comment on a page not kept (draft, deleted or missing)"))
        return None
    history = entry.get("history") or {}
    version = entry.get("version") or {}
    author = _ref(history.get("createdBy") or version.get("by") or version.get("authorId"), state)
    if author is not None and author.is_bot:
        context.skip(N_("confluence: comment by a bot"))
        return None
    text = _body(entry)
    if not text:
        context.skip(N_("confluence: empty comment"))
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
