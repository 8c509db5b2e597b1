"""Checks the tracker and wiki connector tests share: roles in the store, re-ingest, rollback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import make_service, store_dump
from whoknows.errors import InputError
from whoknows.service import Whoknows


def workspace(tmp_path: Path) -> Whoknows:
    return make_service(tmp_path / "workspace", dense=False, learn=False)


def stored_roles(service: Whoknows, source: str) -> set[tuple[str, str, str]]:
    """(item native id, person display name, role) of every contribution from SOURCE."""
    rows = service.store().conn.execute(
        "SELECT i.native_id, p.display_name, c.role FROM contributions c"
        " JOIN items i ON i.id = c.item_id JOIN persons p ON p.id = c.person_id"
        " WHERE i.source = ?",
        (source,),
    )
    return {(row[0], row[1], row[2]) for row in rows}


def assert_reingest_adds_nothing(
    service: Whoknows, connector: str, path: Path, options: dict[str, str] | None = None
) -> None:
    first = service.ingest(connector, path, options=options)
    assert first.items_added > 0
    before = _rows(service)
    again = service.ingest(connector, path, options=options)
    assert (again.items_added, again.items_updated, again.changed_rows) == (0, 0, 0)
    assert again.items_unchanged == first.items_added + first.items_updated + first.items_unchanged
    assert _rows(service) == before


def assert_broken_input_is_one_line(
    service: Whoknows, connector: str, path: Path, position: str, reason: str
) -> str:
    """Ingesting PATH fails with one line naming the file, a position matching POSITION (a
    regex) and REASON, and the store stays as it was."""
    before = store_dump(service)
    with pytest.raises(InputError) as raised:
        service.ingest(connector, path)
    message = raised.value.one_line()
    assert "\n" not in message
    assert re.search(position, raised.value.position), raised.value.position
    assert reason in message
    assert store_dump(service) == before
    return message


def _rows(service: Whoknows) -> list[str]:
    return [line for line in store_dump(service) if not line.startswith('INSERT INTO "ingests"')]
