"""A thread an erased person began keeps none of their words on the replies that stay.

A privacy attack found an erased asker's question title still shown on every colleague's
answer to it (a Stack Exchange answer, a mail "Re:", a chat reply carry the opener's title
and the thread's context), and brought back by each later ingest of the same exports."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

from conftest import make_service, store_dump
from whoknows.demo import SampleSource
from whoknows.privacy.report_manifest import remember_reports
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
    # a person page or a claim lists an untitled reply by its first words (it said "None")
    links = demo.insights.item_links(sorted(in_threads))
    assert links and all(link.title for link in links)
    texts = {row[0]: row[1] for row in conn.execute("SELECT id, text FROM items")}
    assert all(texts[link.item_id].startswith(link.title or "") for link in links)


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


def test_a_thread_an_erased_person_began_that_arrives_later_comes_untitled(
    demo: Services, sample_org: list[SampleSource], tmp_path: Path
) -> None:
    """A second attacker: a later export held a thread the erased person had begun, never
    ingested before; their opener was dropped, the colleague's reply kept its title."""
    demo.privacy.erasure("Omar Haddad")
    slack = next(source for source in sample_org if source.connector == "slack")
    opener = {
        "type": "message",
        "user": "U013CORV",
        "text": "Why does the quokka nightly job stall at the vexillum step?",
        "ts": "1790000000.000100",
        "thread_ts": "1790000000.000100",
        "reply_count": 1,
    }
    reply = {
        "type": "message",
        "user": "U004CORV",
        "text": "It waits on the warehouse lock: move it after the compaction.",
        "ts": "1790000600.000100",
        "thread_ts": "1790000000.000100",
        "parent_user_id": "U013CORV",
    }
    later = _with_messages(slack.path, tmp_path / "later.zip", [opener, reply])
    demo.ingest.ingest("slack", later, options=slack.options)
    conn = demo.workspace.store().conn
    rows = conn.execute(
        "SELECT title, context, tags, text FROM items WHERE text LIKE '%quokka%'"
        " OR title LIKE '%quokka%' OR context LIKE '%quokka%' OR text LIKE '%warehouse lock%'"
    ).fetchall()
    assert [tuple(row) for row in rows] == [
        (None, None, None, "It waits on the warehouse lock: move it after the compaction.")
    ]
    report = demo.ingest.ingest("slack", later, options=slack.options)
    assert report.changed_rows == 0


def test_a_mail_naming_only_its_parent_stays_untitled(demo: Services, tmp_path: Path) -> None:
    """A mail whose References hold only its parent names its thread after the parent, and is
    joined to the erased opener's thread only after it is written: re-ingesting the mailbox
    wrote the opener's subject back."""
    mbox = tmp_path / "thread.mbox"
    mbox.write_text(
        _mail("m0", "Omar Haddad <omar.haddad@corvid.example>", "Snarfblat ingestion stalls", "")
        + _mail(
            "m1",
            "Raj Patel <raj.patel@corvid.example>",
            "Re: Snarfblat ingestion stalls",
            "<m0@corvid.example>",
            "Check the pelican bucket quota.",
        )
        + _mail(
            "m2",
            "Aiko Tanaka <aiko.tanaka@corvid.example>",
            "Re: Snarfblat ingestion stalls",
            "<m1@corvid.example>",
            "The quota was raised, it runs again.",
        ),
        encoding="utf-8",
    )
    demo.ingest.ingest("mbox", mbox)
    demo.privacy.erasure("Omar Haddad")
    conn = demo.workspace.store().conn
    titled = "SELECT COUNT(*) FROM items WHERE title LIKE '%Snarfblat%' OR context LIKE '%Snarf%'"
    assert conn.execute(titled).fetchone()[0] == 0
    report = demo.ingest.ingest("mbox", mbox)
    assert report.changed_rows == 0
    assert conn.execute(titled).fetchone()[0] == 0
    replies = conn.execute("SELECT COUNT(*) FROM items WHERE text LIKE '%quota%'").fetchone()[0]
    assert replies == 2


def test_replies_met_in_any_order_around_an_erasure_stay_untitled(
    demo: Services, tmp_path: Path
) -> None:
    """A third attacker: a reply naming only its parent kept the title when that parent came
    in a later mailbox (the stored reply was joined to the erased thread and never untitled),
    or when the parent was the erased person's own reply (dropped, so not found)."""
    omar, raj = "Omar Haddad <omar.haddad@corvid.example>", "Raj Patel <raj.patel@corvid.example>"
    tomas = "Tomás Ferreira <tomas.ferreira@corvid.example>"
    subject = "Re: Zebra warehouse partition pruning"
    opener = _mail("o1", omar, "Zebra warehouse partition pruning", "")
    first = _mail("r1", raj, subject, "<o1@corvid.example>", "Prune by the load date.")
    later = _mail("r2", tomas, subject, "<r1@corvid.example>", "Pruning by date works now.")
    own = _mail("r3", omar, subject, "<o1@corvid.example>", "Thanks, trying it.")
    after = _mail("r4", tomas, subject, "<r3@corvid.example>", "Tell me if the load date helps.")
    demo.privacy.erasure("Omar Haddad")
    one, two = tmp_path / "one.mbox", tmp_path / "two.mbox"
    one.write_text(opener + later + own + after, encoding="utf-8")
    two.write_text(first, encoding="utf-8")
    demo.ingest.ingest("mbox", one)
    demo.ingest.ingest("mbox", two)  # (r2's parent arrives: r2 joins the erased thread)
    conn = demo.workspace.store().conn
    rows = conn.execute(
        "SELECT title, context FROM items WHERE text LIKE '%load date%' OR text LIKE '%Pruning%'"
    ).fetchall()
    assert len(rows) == 3 and all(tuple(row) == (None, None) for row in rows), rows
    assert not conn.execute("SELECT 1 FROM items WHERE title LIKE '%Zebra%'").fetchone()
    for mailbox in (one, two):
        assert demo.ingest.ingest("mbox", mailbox).changed_rows == 0


def test_a_reply_whose_parent_was_never_an_opener_keeps_its_thread(demo: Services) -> None:
    """A Discourse post exported without its topic's first post has no parent: it was taken
    for the opener, and an erasure untitled its colleagues' whole topic."""
    from whoknows.privacy.threads import ThreadGuard
    from whoknows.privacy.tombstones import Tombstones

    demo.privacy.erasure("Omar Haddad")
    conn = demo.workspace.store().conn
    tombstones = Tombstones.load(conn)
    assert tombstones is not None
    guard = ThreadGuard(conn, tombstones, "2026-12-04T00:00:00")
    guard.dropped("discourse:9003", "discourse:t902", None)  # (a reply, its parent unknown)
    assert not guard.erased("discourse:t902", "discourse:9001")
    guard.dropped("discourse:t903", "discourse:t903", None)  # (an opener: its id is the thread's)
    assert guard.erased("discourse:t903", None)


def _mail(key: str, sender: str, subject: str, references: str, body: str = "Help?") -> str:
    thread = f"References: {references}\nIn-Reply-To: {references}\n" if references else ""
    return (
        f"From x@x Mon Nov 30 10:00:00 2026\nFrom: {sender}\n"
        "To: Platform <platform@corvid.example>\n"
        f"Subject: {subject}\nDate: Mon, 30 Nov 2026 10:0{len(key)}:00 +0000\n"
        f"Message-ID: <{key}@corvid.example>\n{thread}\n{body}\n\n"
    )


def _with_messages(export: Path, out: Path, messages: list[dict[str, str]]) -> Path:
    with zipfile.ZipFile(export) as source, zipfile.ZipFile(out, "w") as copy:
        for entry in source.infolist():
            copy.writestr(entry, source.read(entry))
        copy.writestr("data/2026-09-21.json", json.dumps(messages))
    return out


def test_a_stored_report_quoting_what_the_person_wrote_goes_too(demo: Services) -> None:
    """Reports were deleted only when they named the person: the deck's evidence list quoted
    an erased engineer's question titles word for word."""
    reports = demo.settings.workspace / "reports"
    reports.mkdir(exist_ok=True)
    quoting = reports / "resilience.html"
    quoting.write_text(
        "<li>Which resource requests and limits should a Java service get&#63;</li>", "utf-8"
    )
    other = reports / "other.html"
    other.write_text("<li>How do I drain a Kubernetes node without downtime?</li>", "utf-8")
    remember_reports(demo.settings.workspace, [quoting, other])  # (as `report` lists them)
    result = demo.privacy.erasure("Marcus Lindqvist")
    assert str(quoting) in result.reports_deleted and not quoting.exists()
    assert other.exists() and str(other) not in result.reports_deleted


DISCOURSE = Path(__file__).parent / "fixtures" / "discourse"
OPENER_WORDS = "SELECT COUNT(*) FROM items WHERE title LIKE '%Kafka consumer lag%'" + (
    " OR context LIKE '%Kafka consumer lag%' OR context LIKE '%Since the 2.8 upgrade%'"
)


def test_an_erased_discourse_openers_topic_keeps_none_of_their_words(service: Services) -> None:
    """A topic's first post was stored under its post id, not its topic's: erasing the person
    who opened it left the title and the first 300 characters of their post on every reply."""
    service.ingest.ingest("discourse", DISCOURSE)
    conn = service.workspace.store().conn
    assert conn.execute(OPENER_WORDS).fetchone()[0] == 3  # (the opener and two replies)
    result = service.privacy.erasure("Inès Moreau")
    assert result.counts["thread titles"] == 3
    assert conn.execute(OPENER_WORDS).fetchone()[0] == 0
    replies = conn.execute("SELECT COUNT(*) FROM items WHERE thread_uid = 'discourse:t1234'")
    assert replies.fetchone()[0] == 2, "the colleagues' replies stay, untitled"
    assert service.ingest.ingest("discourse", DISCOURSE).changed_rows == 0
    assert conn.execute(OPENER_WORDS).fetchone()[0] == 0


def test_a_workspace_with_openers_under_their_post_ids_is_renamed_when_opened(
    service: Services, tmp_path: Path
) -> None:
    """A workspace written before: its first posts are renamed (their replies' parents too),
    so the next ingest updates them instead of adding a second copy, and an erasure made
    before finds the topic at that ingest."""
    service.ingest.ingest("discourse", DISCOURSE)
    conn = service.workspace.store().conn
    with conn:  # (the store as an earlier version wrote it)
        for topic, post in (("t1234", "5001"), ("t1240", "5100"), ("t1241", "5200")):
            conn.execute(
                "UPDATE items SET uid = ? WHERE uid = ?",
                (f"discourse:{post}", f"discourse:{topic}"),
            )
            conn.execute(
                "UPDATE items SET parent_uid = ? WHERE parent_uid = ?",
                (f"discourse:{post}", f"discourse:{topic}"),
            )
        conn.execute("DELETE FROM migrations WHERE name = '0008_discourse_openers'")
    service.workspace.store().close()
    again = make_service(tmp_path / "workspace")
    conn = again.workspace.store().conn
    uids = {row[0] for row in conn.execute("SELECT uid FROM items")}
    assert {"discourse:t1234", "discourse:t1240", "discourse:t1241"} <= uids
    assert not uids & {"discourse:5001", "discourse:5100", "discourse:5200"}
    parent = conn.execute("SELECT parent_uid FROM items WHERE uid = 'discourse:5002'").fetchone()
    assert parent[0] == "discourse:t1234"
    assert again.ingest.ingest("discourse", DISCOURSE).changed_rows == 0


def test_an_erased_authors_pull_request_goes_though_a_colleague_commented_on_it(
    demo: Services,
) -> None:
    """A review that only comments made its writer one of the pull request's writers: erasing
    the author kept the pull request, its title and description, on every review of it."""
    conn = demo.workspace.store().conn
    words = "SELECT COUNT(*) FROM items WHERE title LIKE '%PodDisruptionBudget with%'" + (
        " OR context LIKE '%PodDisruptionBudget with%'"
    )
    roles = conn.execute(
        "SELECT c.role FROM contributions c JOIN items i ON i.id = c.item_id"
        " WHERE i.uid = 'github:corvid/platform#232'"
    ).fetchall()
    # (a commenting review that only asks, "Should the replicas be 3 in staging too?", reviews
    # nothing; the approval without words neither)
    assert sorted(role for (role,) in roles) == ["author"]
    assert conn.execute(words).fetchone()[0] >= 3
    demo.privacy.erasure("Inès Moreau")
    assert conn.execute(words).fetchone()[0] == 0
    gone = "SELECT COUNT(*) FROM items WHERE uid = 'github:corvid/platform#232'"
    assert conn.execute(gone).fetchone()[0] == 0
    reviews = "SELECT COUNT(*) FROM items WHERE thread_uid = 'github:corvid/platform#232'"
    assert conn.execute(reviews).fetchone()[0] == 2, "the colleagues' reviews stay, untitled"


def test_commenting_reviews_stored_before_are_read_as_reviews_when_opened(
    demo: Services, tmp_path: Path
) -> None:
    conn = demo.workspace.store().conn
    with conn:  # (the store as an earlier version wrote it)
        conn.execute(
            "UPDATE contributions SET role = 'commenter', weight = 1.0 WHERE role = 'reviewer'"
            " AND weight = 0.6 AND item_id IN (SELECT id FROM items WHERE kind = 'pull-request')"
        )
        conn.execute("DELETE FROM migrations WHERE name = '0009_commenting_reviews'")
    demo.close()
    again = make_service(tmp_path / "workspace")
    rows = (
        again.workspace.store()
        .conn.execute(
            "SELECT c.role, c.weight FROM contributions c JOIN items i ON i.id = c.item_id"
            " WHERE i.kind = 'pull-request' AND c.role IN ('commenter', 'reviewer')"
        )
        .fetchall()
    )
    assert ("commenter", 1.0) not in {tuple(row) for row in rows}
    assert ("reviewer", 0.6) in {tuple(row) for row in rows}
    again.close()


def test_a_reply_that_names_no_thread_loses_the_subject_it_quotes(
    demo: Services, tmp_path: Path
) -> None:
    """A "Re:" sent without In-Reply-To or References is its own thread: erasing who began
    the discussion left its subject on the reply, at erasure and at each later ingest."""
    subject = "Snarfblat ingestion stalls every night"
    opener = _mail("s0", "Omar Haddad <omar.haddad@corvid.example>", subject, "")
    reply = _mail(
        "s1", "Raj Patel <raj.patel@corvid.example>", f"Re: {subject}", "", "Raise the quota."
    )
    own = _mail("s2", "Aiko Tanaka <aiko.tanaka@corvid.example>", subject, "", "Same here.")
    mbox = tmp_path / "nothreads.mbox"
    mbox.write_text(opener + reply + own, encoding="utf-8")
    demo.ingest.ingest("mbox", mbox)
    conn = demo.workspace.store().conn
    quoting = "SELECT COUNT(*) FROM items WHERE title LIKE '%Snarfblat%' OR context LIKE '%Snarf%'"
    assert conn.execute(quoting).fetchone()[0] == 3
    demo.privacy.erasure("Omar Haddad")
    titled = conn.execute("SELECT text FROM items WHERE title LIKE '%Snarfblat%'").fetchall()
    assert [row[0] for row in titled] == ["Same here."], "a colleague's own subject stays"
    assert (
        conn.execute("SELECT title FROM items WHERE text = 'Raise the quota.'").fetchone()[0]
        is None
    )
    later = _mail(
        "s3", "Raj Patel <raj.patel@corvid.example>", f"RE: {subject}", "", "It stalled again."
    )
    mbox.write_text(opener + reply + own + later, encoding="utf-8")
    demo.ingest.ingest("mbox", mbox)
    assert conn.execute(quoting).fetchone()[0] == 1


def test_an_erased_persons_item_credited_to_no_one_later_stays_out(
    service: Services, tmp_path: Path
) -> None:
    """A source that anonymises a deleted account ("ghost", "anon48213") re-exports the erased
    person's posts under another name: the topic's first post came back with all its text."""
    service.ingest.ingest("discourse", DISCOURSE)
    service.privacy.erasure("Inès Moreau")
    renamed = tmp_path / "renamed"
    shutil.copytree(DISCOURSE, renamed)
    for path in renamed.rglob("*.json"):
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text.replace('"ines"', '"anon48213"').replace("Inès Moreau", "anon48213"),
            encoding="utf-8",
        )
    service.ingest.ingest("discourse", renamed)
    conn = service.workspace.store().conn
    assert conn.execute(OPENER_WORDS).fetchone()[0] == 0
    assert not conn.execute("SELECT 1 FROM items WHERE uid = 'discourse:t1234'").fetchone()
    assert not conn.execute("SELECT 1 FROM items WHERE text LIKE '%restarts don%'").fetchone()


GITHUB = Path(__file__).parent / "fixtures" / "github" / "corvid-platform"


def test_a_pull_request_an_earlier_erasure_kept_goes_at_the_next_ingest(
    service: Services,
) -> None:
    """An erasure made before a commenting review made a reviewer kept the erased author's
    pull request (the colleague counted among its writers); the next ingest of the export
    drops it and deletes the stored copy (it only untitled it)."""
    service.ingest.ingest("github", GITHUB)
    conn = service.workspace.store().conn
    pull = "SELECT id FROM items WHERE uid = 'github:corvid/platform#16'"
    (pull_id,) = conn.execute(pull).fetchone()
    with conn:  # (the roles an earlier version stored)
        conn.execute(
            "UPDATE contributions SET role = 'commenter', weight = 1.0"
            " WHERE item_id = ? AND role = 'reviewer'",
            (pull_id,),
        )
    service.privacy.erasure("lnowak")
    assert conn.execute(pull).fetchone() is not None  # (what the earlier erasure left)
    service.ingest.ingest("github", GITHUB)
    assert conn.execute(pull).fetchone() is None
    words = "SELECT COUNT(*) FROM items WHERE text LIKE '%Replaces the nginx Ingress%'"
    assert conn.execute(words).fetchone()[0] == 0


def test_a_discourse_link_keeps_no_title_words(service: Services, tmp_path: Path) -> None:
    """A reply's link held its topic's slug, the title's words, after an erasure of the opener
    took the title: links are written without it, and stored ones lose it when opened."""
    service.ingest.ingest(
        "discourse", DISCOURSE, options={"base_url": "https://forum.corvid.example"}
    )
    conn = service.workspace.store().conn
    urls = [row[0] for row in conn.execute("SELECT url FROM items WHERE url IS NOT NULL")]
    assert urls and all(re.search(r"/t/\d+/\d+$", url) for url in urls), urls
    slugged = "https://forum.corvid.example/t/kafka-consumer-lag-after-the-2-8-upgrade/1234/2"
    with conn:  # (a link as an earlier version stored it)
        conn.execute("UPDATE items SET url = ? WHERE uid = 'discourse:5002'", (slugged,))
        conn.execute("DELETE FROM migrations WHERE name = '0010_discourse_urls'")
    service.close()
    again = make_service(tmp_path / "workspace")
    url = (
        again.workspace.store()
        .conn.execute("SELECT url FROM items WHERE uid = 'discourse:5002'")
        .fetchone()[0]
    )
    assert url == "https://forum.corvid.example/t/1234/2"
    again.close()
