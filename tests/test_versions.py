"""An older export read after a newer one never replaces what is stored (items that carry the
time their source last changed them), and the same item in two formats does not flip."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import make_service

ISSUE = {
    "id": "10001",
    "key": "OPS-2",
    "fields": {
        "summary": "pg_restore fails",
        "description": None,
        "created": "2024-03-14T09:00:00.000+0000",
        "updated": "2024-03-15T09:00:00.000+0000",
        "reporter": {"accountId": "a1", "displayName": "Pat Lee"},
        "comment": {"comments": []},
    },
}


def _page(folder: Path, name: str, issue: dict[str, object]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps({"startAt": 0, "total": 1, "issues": [issue]}), encoding="utf-8")
    return path


def test_an_older_export_never_replaces_a_newer_one(tmp_path: Path) -> None:
    newer = json.loads(json.dumps(ISSUE))
    newer["fields"]["description"] = "pg_restore fails with a WAL error on the replica"
    newer["fields"]["updated"] = "2024-03-16T09:00:00.000+0000"
    old = _page(tmp_path / "old", "search.json", ISSUE)
    new = _page(tmp_path / "new", "search.json", newer)
    service = make_service(tmp_path / "ws")
    service.ingest.ingest("jira", old)
    assert service.ingest.ingest("jira", new).items_updated == 1
    again = service.ingest.ingest("jira", old)
    assert again.items_updated == 0 and again.changed_rows == 0
    assert again.skipped.get("a version older than (or as old as) the one stored") == 1
    conn = service.workspace.store().conn
    (text,) = conn.execute("SELECT text FROM items WHERE native_id = '10001'").fetchone()
    assert "WAL error" in text
    service.close()
