"""Checks every connector test runs against a real workspace: idempotence, atomic rejection
of broken input, roles in the store, identity across sources."""

from __future__ import annotations

import email.message
import json
import mailbox
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import pytest

from conftest import make_service, store_dump, table_counts
from whoknows.errors import InputError
from whoknows.services import Services

FIXTURES = Path(__file__).parent / "fixtures"


def light_service(workspace: Path) -> Services:
    """A workspace's services without embeddings or training."""
    return make_service(workspace)


def write_mbox(path: Path, mails: Iterable[Sequence[str]], to: str = "all@corp.example") -> Path:
    """An mbox of (sender, subject, body[, RFC 2822 date]) mails to ``to``, each its own
    Message-ID, one a day from 1 March 2025 where no date is given."""
    box = mailbox.mbox(str(path))
    for number, (sender, subject, body, *date) in enumerate(mails, 1):
        message = email.message.EmailMessage()
        message["From"], message["To"], message["Subject"] = sender, to, subject
        message["Message-ID"] = f"<m{number}.{path.stem}@corp.example>"
        message["Date"] = date[0] if date else f"Mon, {number:02d} Mar 2025 09:00:00 +0100"
        message.set_content(body)
        box.add(message)
    box.flush()
    return path


def write_threads(
    path: Path, threads: Iterable[tuple[str, Sequence[tuple[str, str]]]], to: str
) -> Path:
    """An mbox of threads, each (subject, [(sender, body), ...]): the first mail opens it, each
    later one replies to the one before (In-Reply-To), thread n on day n, an hour apart."""
    box = mailbox.mbox(str(path))
    for number, (subject, mails) in enumerate(threads, 1):
        for reply, (sender, body) in enumerate(mails):
            message = email.message.EmailMessage()
            message["From"], message["To"] = sender, to
            message["Subject"] = ("Re: " if reply else "") + subject
            message["Message-ID"] = f"<t{number}r{reply}.{path.stem}@corp.example>"
            if reply:
                message["In-Reply-To"] = f"<t{number}r{reply - 1}.{path.stem}@corp.example>"
            message["Date"] = f"Mon, {number:02d} Mar 2025 {reply + 1:02d}:00:00 +0100"
            message.set_content(body)
            box.add(message)
    box.flush()
    return path


def write_items(path: Path, rows: Iterable[Sequence[str]], date: str = "2025-03-01") -> Path:
    """A JSON-lines file of (id, author, text) items, each dated ``date``."""
    lines = [
        json.dumps({"id": key, "text": text, "authors": [who], "date": date})
        for key, who, text in rows
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def stored_roles(service: Services, source: str) -> set[tuple[str, str, str]]:
    """(item native id, person display name, role) of every contribution from SOURCE."""
    rows = service.workspace.store().conn.execute(
        "SELECT i.native_id, p.display_name, c.role FROM contributions c"
        " JOIN items i ON i.id = c.item_id JOIN persons p ON p.id = c.person_id"
        " WHERE i.source = ?",
        (source,),
    )
    return {(row[0], row[1], row[2]) for row in rows}


def _rows(service: Services) -> list[str]:
    return [row for row in store_dump(service) if 'INSERT INTO "ingests"' not in row]


def assert_ingest_twice_adds_nothing(
    service: Services, connector: str, path: Path, options: dict[str, str] | None = None
) -> None:
    first = service.ingest.ingest(connector, path, options=options)
    assert first.items_added > 0
    counts, before = table_counts(service), _rows(service)
    again = service.ingest.ingest(connector, path, options=options)
    assert again.items_added == again.items_updated == again.people_added == 0
    assert again.aliases_added == again.changed_rows == 0
    assert again.items_unchanged == first.items_added + first.items_updated + first.items_unchanged
    after = table_counts(service)
    assert after.pop("ingests") == counts.pop("ingests") + 1
    assert after == counts
    assert _rows(service) == before


def assert_rejected_store_unchanged(
    service: Services, connector: str, bad: Path, where: str, reason: str = ""
) -> InputError:
    """Ingesting ``bad`` fails with one line matching ``where`` (the broken file and its
    position, a regular expression) and holding ``reason``; no row of the store changes."""
    before = store_dump(service)
    with pytest.raises(InputError) as raised:
        service.ingest.ingest(connector, bad)
    message = raised.value.one_line()
    assert "\n" not in message
    assert re.search(where, message), message
    assert reason in message
    assert store_dump(service) == before
    return raised.value


def people_with_email(service: Services, email: str) -> set[int]:
    conn = service.workspace.store().conn
    rows = conn.execute(
        "SELECT person_id FROM aliases WHERE kind = 'email' AND key = ?", (email.lower(),)
    )
    return {row[0] for row in rows}


def sources_of(service: Services, person_id: int) -> set[str]:
    conn = service.workspace.store().conn
    rows = conn.execute(
        "SELECT DISTINCT i.source FROM contributions c JOIN items i ON i.id = c.item_id"
        " WHERE c.person_id = ?",
        (person_id,),
    )
    return {row[0] for row in rows}


def assert_broken_input_is_one_line(
    service: Services, connector: str, path: Path, position: str, reason: str
) -> str:
    """As :func:`assert_rejected_store_unchanged`, with the error's position matching
    POSITION (a regular expression); returns the message."""
    error = assert_rejected_store_unchanged(service, connector, path, "", reason)
    assert re.search(position, error.position), error.position
    return error.one_line()
