"""Read JSON dumps of REST APIs: one document, or pages concatenated by a paginating client.

``gh api --paginate`` and ``glab api --paginate`` write each page's array after the previous one
(``[...][...]``), and endpoints that return an object per page concatenate objects (``{...}{...}``).
Arrays are read element by element, so a truncated file yields what came before the break.
A dump that holds the API's error answer (``{"message": "401 Unauthorized"}``) instead of data
is reported as such, with what the API said.
"""

from __future__ import annotations

import json
import re
from collections.abc import Generator, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from whoknows.errors import Position
from whoknows.i18n import N_
from whoknows.ingest.base import IngestContext
from whoknows.text import parse_date

_SPACE = re.compile(r"[\s,]*")  # (between pages)
_BLANK = re.compile(r"\s*")
# the keys of the error answers of the APIs whoknows reads: GitHub and GitLab {"message",
# "documentation_url"}, Jira {"errorMessages", "errors"}, Confluence {"statusCode", "message",
# "data"}, Atlassian v2 {"errors": [{"status", "code", "title", "detail"}]}, OAuth {"error",
# "error_description"}
_ERROR_KEYS = frozenset(
    {"message", "error", "errors", "errorMessages", "error_description", "documentation_url"}
    | {"status", "statusCode", "code", "data", "reason", "ok", "title", "detail"}
)
_SAID = ("message", "error", "errors", "errorMessages")
_ERROR_HINT = N_(
    "fetch it again with a token allowed to read it, or rerun with --skip-errors to skip this file"
)
_DECODER = json.JSONDecoder()
# a \u escape of half of a character: a high surrogate (d800-dbff) or a low one (dc00-dfff)
_SURROGATE_ESCAPE = re.compile(r"\\u[dD]([89abAB]|[c-fC-F])[0-9a-fA-F]{2}")

JsonObject = dict[str, Any]


def loads(text: str) -> Any:
    """``json.loads``, refusing what it lets through: a \\u escape of half a character (a lone
    surrogate, which no UTF-8 file or database can hold), as invalid JSON at that place."""
    check_characters(text)
    return json.loads(text)


def json_problem(error: json.JSONDecodeError) -> str:
    """What a JSON parser's message says, whole: Python's "Invalid control character at"
    (its place follows it) is a raw control character (a tab, a line break…) inside a
    string."""
    if error.msg == "Invalid control character at":
        return "a raw control character (a tab, a line break…) inside a string"
    return error.msg


def check_characters(text: str) -> None:
    """A ``json.JSONDecodeError`` at the first \\u escape of ``text`` that is half of a
    character: a high surrogate not followed by a low one, or a low one alone."""
    if "\\u" not in text:
        return
    paired_until = -1
    for match in _SURROGATE_ESCAPE.finditer(text):
        start = match.start()
        if start < paired_until or _escaped_backslash(text, start):
            continue
        follower = _SURROGATE_ESCAPE.match(text, match.end())
        if match.group(1) in "89abAB" and follower and follower.group(1) not in "89abAB":
            paired_until = follower.end()
            continue
        raise json.JSONDecodeError(
            f"{match.group()} is half of a character (a lone surrogate)", text, start
        )


def _escaped_backslash(text: str, start: int) -> bool:
    """Whether the backslash at ``start`` is itself escaped (an odd run of them before it)."""
    before = start
    while before > 0 and text[before - 1] == "\\":
        before -= 1
    return (start - before) % 2 == 1


def read_text(path: Path, context: IngestContext) -> str | None:
    """The file's text (UTF-8, a BOM allowed), or None after reporting why it cannot be read."""
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        context.problem(path, Position.decoding(error), N_("not UTF-8 text"))
    except OSError as error:
        context.problem(path, None, N_("cannot read the file (%(error)s)"), error=error.strerror)
    return None


def iter_entries(
    path: Path, context: IngestContext, list_keys: tuple[str, ...] = ()
) -> Iterator[JsonObject]:
    """Each JSON object of a dump: the elements of top-level arrays, the elements of the list
    under one of ``list_keys`` of a top-level object (``{"issues": [...]}``,
    ``{"results": [...]}``), or a top-level object itself."""
    text = read_text(path, context)
    if text is not None:
        yield from entries_of(text, path, context, list_keys)


def entries_of(
    text: str, path: Path, context: IngestContext, list_keys: tuple[str, ...] = ()
) -> Iterator[JsonObject]:
    """:func:`iter_entries` of a file's text already read (``path`` names it in problems)."""
    position = _skip(text, 0)
    if position >= len(text):
        context.problem(path, Position.at(1, 1), N_("empty file, expected JSON"))
        return
    try:
        check_characters(text)
        while position < len(text):
            if text[position] == "[":
                position = yield from _array(text, position + 1)
            else:
                value, position = _DECODER.raw_decode(text, position)
                said = api_error(value) if isinstance(value, dict) else None
                if said is not None:
                    reason = N_("an API error response, not data: %(said)s")
                    context.problem(path, Position.json("$"), reason, _ERROR_HINT, said=said)
                    return
                yield from _unwrap(value, list_keys)
            position = _between_pages(text, position)
    except json.JSONDecodeError as error:
        context.problem(
            path,
            Position.at(error.lineno, error.colno),
            N_("invalid JSON (%(error)s); the rest of this file is unread"),
            error=json_problem(error),
        )


def _array(text: str, position: int) -> Generator[JsonObject, None, int]:
    """Yield the objects of the array that starts before ``position``; return where it ends.
    Its elements are apart by one comma each, as JSON writes them (a hand-edited dump's
    trailing comma, "},\n]", was read without a word: a Québec lab's evaluator's)."""
    position = _blank(text, position)
    if position < len(text) and text[position] == "]":
        return position + 1
    while True:
        if position >= len(text):
            raise json.JSONDecodeError("unterminated array (file truncated?)", text, position)
        value, position = _DECODER.raw_decode(text, position)
        if isinstance(value, dict):
            yield value
        position = _blank(text, position)
        if position >= len(text):
            raise json.JSONDecodeError("unterminated array (file truncated?)", text, position)
        if text[position] == "]":
            return position + 1
        if text[position] != ",":
            raise json.JSONDecodeError("Expecting ',' delimiter", text, position)
        position = _blank(text, position + 1)
        if position < len(text) and text[position] == "]":
            raise json.JSONDecodeError("a comma before ']' (a trailing comma)", text, position)


def _unwrap(value: object, list_keys: tuple[str, ...]) -> Iterator[JsonObject]:
    if isinstance(value, list):
        yield from (entry for entry in value if isinstance(entry, dict))
    elif isinstance(value, dict):
        for key in list_keys:
            if isinstance(value.get(key), list):
                yield from (entry for entry in value[key] if isinstance(entry, dict))
                return
        yield value


def api_error(value: JsonObject) -> str | None:
    """What an API said when it answered with an error instead of data; None when VALUE is
    not such an answer."""
    if not set(value) <= _ERROR_KEYS or not any(key in value for key in _SAID):
        return None
    said: list[object] = []
    for key in (*_SAID, "error_description"):
        found = value.get(key)
        listed = found if isinstance(found, list) else [found]
        if isinstance(found, dict):
            listed = [f"{name}: {text}" for name, text in found.items()]
        for entry in listed:
            if isinstance(entry, dict):
                entry = entry.get("title") or entry.get("detail") or entry.get("message")
            if entry:
                said.append(entry)
    words = " ".join("; ".join(str(entry) for entry in said).split())
    return words[:200] or "no message"


def _skip(text: str, position: int) -> int:
    match = _SPACE.match(text, position)
    return match.end() if match else position


def _between_pages(text: str, position: int) -> int:
    """Where the next page starts after one ends: past blanks and at most one comma ("[…][…]",
    "[…],\n[…]"); a comma with no page after it, or two, is invalid JSON (a second attacker's
    "[…],," was read without a word)."""
    position = _blank(text, position)
    if position < len(text) and text[position] == ",":
        position = _blank(text, position + 1)
        if position >= len(text) or text[position] == ",":
            raise json.JSONDecodeError("a comma with no page after it", text, position - 1)
    return position


def _blank(text: str, position: int) -> int:
    match = _BLANK.match(text, position)
    return match.end() if match else position


def files(folder: Path, stem: str) -> list[Path]:
    """The dump files of one endpoint in FOLDER: ``stem.json``, ``stem-*.json`` (numbered pages,
    sorted by number) and every ``.json`` under a ``stem/`` folder."""
    found = [folder / f"{stem}.json"] if (folder / f"{stem}.json").is_file() else []
    found += sorted(folder.glob(f"{stem}-*.json"), key=_natural)
    if (folder / stem).is_dir():
        found += sorted((folder / stem).rglob("*.json"), key=_natural)
    return found


def _natural(path: Path) -> list[object]:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", path.as_posix())]


def text_of(value: object) -> str:
    """A JSON scalar as text ('' for null and containers)."""
    if value is None or isinstance(value, dict | list):
        return ""
    return str(value)


def entry_date(
    entry: dict[str, Any], key: str, path: Path, position: Position, context: IngestContext
) -> datetime | None:
    """An API entry's ISO date under ``key``: None when it has none (noted when the key is
    there, empty), reported when it holds something else ("created_at": "yesterday" erased
    the date of an evaluator's note)."""
    value = entry.get(key)
    if value is None or value == "":
        if key in entry:
            context.note(N_("%(key)s empty: the entry kept without a date"), key=key)
        return None
    date = parse_date(value) if isinstance(value, str) else None
    if date is None:
        context.problem(
            path,
            position,
            N_("%(key)s %(value)s is not an ISO date"),
            N_("write it as 2026-03-05T10:01:02Z, as the API does"),
            key=key,
            value=repr(value),
        )
    return date
