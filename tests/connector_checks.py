"""Checks every connector test runs against a real workspace: idempotence, atomic rejection,
identity across sources."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import make_service, store_dump, table_counts
from whoknows.errors import InputError
from whoknows.service import Whoknows

FIXTURES = Path(__file__).parent / "fixtures"


def light_service(workspace: Path) -> Whoknows:
    """A workspace service without embeddings or training."""
    return make_service(workspace, dense=False, learn=False)


def assert_ingest_twice_adds_nothing(service: Whoknows, connector: str, path: Path) -> None:
    first = service.ingest(connector, path)
    assert first.items_added > 0
    counts = table_counts(service)
    before = [row for row in store_dump(service) if 'INSERT INTO "ingests"' not in row]
    again = service.ingest(connector, path)
    assert again.items_added == again.items_updated == again.people_added == 0
    assert again.aliases_added == again.changed_rows == 0
    after = table_counts(service)
    assert after.pop("ingests") == counts.pop("ingests") + 1
    assert after == counts
    assert [row for row in store_dump(service) if 'INSERT INTO "ingests"' not in row] == before


def assert_rejected_store_unchanged(
    service: Whoknows, connector: str, bad: Path, where: str
) -> InputError:
    """Ingesting ``bad`` fails with one line matching ``where`` (the broken file and its
    position, a regular expression); no row of the store changes."""
    before = store_dump(service)
    with pytest.raises(InputError) as raised:
        service.ingest(connector, bad)
    message = str(raised.value)
    assert "\n" not in message
    assert re.search(where, message), message
    assert store_dump(service) == before
    return raised.value


def people_with_email(service: Whoknows, email: str) -> set[int]:
    conn = service.store().conn
    rows = conn.execute(
        "SELECT person_id FROM aliases WHERE kind = 'email' AND key = ?", (email.lower(),)
    )
    return {row[0] for row in rows}


def sources_of(service: Whoknows, person_id: int) -> set[str]:
    conn = service.store().conn
    rows = conn.execute(
        "SELECT DISTINCT i.source FROM contributions c JOIN items i ON i.id = c.item_id"
        " WHERE c.person_id = ?",
        (person_id,),
    )
    return {row[0] for row in rows}
