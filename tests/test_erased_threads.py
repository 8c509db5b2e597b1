"""A thread an erased person began keeps none of their words on the replies that stay.

A privacy attack found an erased asker's question title still shown on every colleague's
answer to it (a Stack Exchange answer, a mail "Re:", a chat reply carry the opener's title
and the thread's context), and brought back by each later ingest of the same exports."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from conftest import store_dump
from whoknows.demo import SampleSource
from whoknows.services import Services

ASKER = "Aiko Tanaka"


def _threads_begun(demo: Services, person: str) -> dict[str, str]:
    """The threads ``person`` alone began that others replied in: uid -> the opener's title."""
    conn = demo.workspace.store().conn
    person_id = demo.people.resolve(person)
    rows = conn.execute(
        "SELECT i.thread_uid, i.title FROM items i JOIN contributions c ON c.item_id = i.id"
        " WHERE i.parent_uid IS NULL AND i.thread_uid IS NOT NULL AND i.title IS NOT NULL"
        " GROUP BY i.id HAVING SUM(c.person_id != ?) = 0 AND SUM(c.person_id = ?) > 0",
        (person_id, person_id),
    ).fetchall()
    return {
        uid: title
        for uid, title in rows
        if conn.execute("SELECT COUNT(*) FROM items WHERE thread_uid = ?", (uid,)).fetchone()[0] > 1
    }


def _items(demo: Services) -> list[str]:
    return [row for row in store_dump(demo) if row.startswith('INSERT INTO "items"')]


def _replies(demo: Services, uids: list[str]) -> list[tuple[str, str | None, str | None, str]]:
    conn = demo.workspace.store().conn
    marks = ",".join("?" * len(uids))
    return [
        tuple(row)
        for row in conn.execute(
            f"SELECT uid, title, context, text FROM items WHERE thread_uid IN ({marks})", uids
        )
    ]


def test_replies_to_an_erased_persons_thread_lose_its_title_for_good(
    demo: Services, sample_org: list[SampleSource], tmp_path: Path
) -> None:
    begun = _threads_begun(demo, ASKER)
    sources = {uid.partition(":")[0] for uid in begun}
    assert {"stackexchange", "slack"} <= sources, sources  # (a question, a chat thread)
    replies = _replies(demo, list(begun))
    assert any(title for _, title, _, _ in replies)

    result = demo.privacy.erasure(ASKER)
    assert result.counts["thread titles"] > 0
    after = _replies(demo, list(begun))
    kept = {uid for uid, *_ in replies} & {uid for uid, *_ in after}
    assert kept, "colleagues' replies stay"
    assert all(title is None and context is None for _, title, context, _ in after)
    conn = demo.workspace.store().conn
    threads = ",".join("?" * len(begun))
    for title in begun.values():
        holding = conn.execute(
            "SELECT uid FROM items WHERE (title = ? OR context LIKE ? OR title LIKE ?)"
            f" AND thread_uid IN ({threads})",
            (title, f"%{title}%", f"%{title}%", *begun),
        ).fetchall()
        assert holding == [], title

    dump = _items(demo)
    for source in sample_org:  # the same exports again: nothing of hers comes back
        report = demo.ingest.ingest(source.connector, source.path, options=source.options)
        assert report.changed_rows == 0, source.connector
    assert _items(demo) == dump
    assert _replies(demo, list(begun)) == after

    # a reply written after the erasure, in a later export, comes without the title either
    slack = next(source for source in sample_org if source.connector == "slack")
    later = _with_a_reply(slack.path, tmp_path / "later.zip")
    report = demo.ingest.ingest("slack", later, options=slack.options)
    assert report.items_added == 1
    (title, context, text), *_ = conn.execute(
        "SELECT title, context, text FROM items WHERE text LIKE 'Also verify the sunday%'"
    ).fetchall()
    assert (title, context) == (None, None) and text.startswith("Also verify")

    # the replies are still evidence, shown by their own words; a colleague's own writing
    # titled after the question (a postmortem) is theirs, and stays
    in_threads = {
        row[0]
        for row in conn.execute(
            f"SELECT id FROM items WHERE thread_uid IN ({threads})",
            list(begun),
        )
    }
    answers = demo.search.ask("restore a table from last night's backup", k=5)
    shown = [view for answer in answers for view in answer.evidence if view.item_id in in_threads]
    assert shown
    assert not any(title in view.title for view in shown for title in begun.values())


def _with_a_reply(export: Path, out: Path) -> Path:
    """The Slack export with one more reply to the erased asker's question, by the person who
    answered it."""
    with zipfile.ZipFile(export) as source, zipfile.ZipFile(out, "w") as copy:
        for entry in source.infolist():
            copy.writestr(entry, source.read(entry))
        reply = {
            "type": "message",
            "user": "U003CORV",
            "text": "Also verify the sunday restore test ran before trusting last night's backup.",
            "ts": "1710402060.166198",
            "thread_ts": "1710247260.166198",
            "parent_user_id": "U004CORV",
        }
        copy.writestr("platform/2024-03-14.json", json.dumps([reply]))
    return out
