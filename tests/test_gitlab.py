from __future__ import annotations

from pathlib import Path

import pytest

from connector_checks import (
    assert_broken_input_is_one_line,
    assert_ingest_twice_adds_nothing,
    assert_rejected_store_unchanged,
    light_service,
    stored_roles,
)
from whoknows.bots import bot_login
from whoknows.ingest import IngestContext
from whoknows.ingest.gitlab import GitlabConnector
from whoknows.records import ItemRecord

FIXTURES = Path(__file__).parent / "fixtures" / "gitlab"
PROJECT = FIXTURES / "platform"
PREFIX = "corvid/infra/platform"


def _roles(item: ItemRecord) -> set[tuple[str | None, str, float]]:
    return {(c.person.name, str(c.role), c.weight) for c in item.contributions}


def test_issues_merge_requests_approvals_and_notes() -> None:
    context = IngestContext()
    records = GitlabConnector().parse(PROJECT, context)
    items = {r.native_id: r for r in records if isinstance(r, ItemRecord)}
    assert _roles(items[f"{PREFIX}#21"]) == {
        ("Łukasz Nowak", "asker", 1.0),
        ("Inès Moreau", "resolver", 0.5),
        ("Inès Moreau", "assignee", 1.0),
    }
    # (Tomás merged it: a merge, like an approval, says nothing of the change)
    assert _roles(items[f"{PREFIX}!7"]) == {("Inès Moreau", "author", 1.0)}
    assert _roles(items[f"{PREFIX}!9"]) == {("Łukasz Nowak", "author", 0.5)}
    assert items[f"{PREFIX}#23"].title == "Ärger mit Zertifikaten im Staging"
    assert _roles(items[f"{PREFIX}/note/90002"]) == {("Inès Moreau", "replier", 1.0)}
    assert _roles(items[f"{PREFIX}/note/90003"]) == {("Łukasz Nowak", "acknowledger", 1.0)}
    diff_reply = items[f"{PREFIX}/note/91002"]
    assert diff_reply.kind == "diff-note" and diff_reply.parent_id == f"{PREFIX}/note/91001"
    assert diff_reply.url and diff_reply.url.endswith("/-/merge_requests/7#note_91002")
    assert "template: bug" not in items[f"{PREFIX}#21"].text
    assert {f"{PREFIX}#22", f"{PREFIX}!8"}.isdisjoint(items)  # opened by bots
    assert context.skipped == {
        "gitlab: system note (an event, not someone's words)": 2,
        "gitlab: approval by a bot": 1,
        "gitlab: merge-request opened by a bot": 1,
        "gitlab: issue opened by a bot": 1,
        "gitlab: note by a bot": 1,
    }


def test_bot_logins() -> None:
    assert bot_login("project_278_bot_4f2a9c") and bot_login("renovate[bot]")
    assert bot_login("anything", "Bot") and not bot_login("abbott") and not bot_login("imoreau")


def test_reingest_adds_nothing(tmp_path: Path) -> None:
    service = light_service(tmp_path)
    assert_ingest_twice_adds_nothing(service, "gitlab", PROJECT)
    assert (f"{PREFIX}!7", "Inès Moreau", "author") in stored_roles(service, "gitlab")


def test_truncated_dump_is_one_line_error_and_store_unchanged(tmp_path: Path) -> None:
    service = light_service(tmp_path)
    service.ingest.ingest("gitlab", PROJECT)
    message = assert_broken_input_is_one_line(
        service, "gitlab", FIXTURES / "broken", r"^\d+:\d+$", "invalid JSON"
    )
    assert "merge_requests.json:" in message


def test_a_trailing_comma_is_an_error_where_it_is(tmp_path: Path) -> None:
    """A hand-edited dump's trailing comma ("},\n]") was read without a word (a Québec lab's
    evaluator); two commas in a row are refused too."""
    import shutil

    service = light_service(tmp_path)
    service.ingest.ingest("gitlab", PROJECT)
    folder = tmp_path / "edited"
    shutil.copytree(PROJECT, folder)
    issues = (PROJECT / "issues.json").read_text("utf-8").rstrip()
    (folder / "issues.json").write_text(issues[: issues.rindex("}") + 1] + ",\n]\n", "utf-8")
    message = assert_broken_input_is_one_line(
        service, "gitlab", folder, r"^\d+:\d+$", "trailing comma"
    )
    assert "issues.json:" in message
    (folder / "issues.json").write_text(issues.replace("},", "},,", 1), "utf-8")
    assert_broken_input_is_one_line(service, "gitlab", folder, r"^\d+:\d+$", "invalid JSON")
    for pages in (f"{issues},,\n{issues}", f"{issues},\n"):  # (between pages: a second attacker's)
        (folder / "issues.json").write_text(pages, "utf-8")
        assert_broken_input_is_one_line(service, "gitlab", folder, r"^\d+:\d+$", "no page after")
    (folder / "issues.json").write_text(f"{issues},\n{issues}", "utf-8")  # (one comma: pages)
    service.ingest.ingest("gitlab", folder)


def test_an_api_error_answer_is_named_as_such(tmp_path: Path) -> None:
    """A dump fetched with an expired token holds GitLab's error answer, not merge requests."""
    service = light_service(tmp_path)
    service.ingest.ingest("gitlab", PROJECT)
    message = assert_broken_input_is_one_line(
        service,
        "gitlab",
        FIXTURES / "unauthorized",
        r"^1$",
        "an API error response, not data: 401 Unauthorized",
    )
    assert "merge_requests.json:1:" in message and "token" in message


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"created_at": "yesterday"}, "created_at 'yesterday' is not an ISO date"),
        ({"body": 12345}, "a note's author must be an object and its body text"),
        ({"author": "imoreau"}, "a note's author must be an object and its body text"),
    ],
)
def test_a_misshapen_note_is_refused_where_it_is(
    tmp_path: Path, change: dict[str, object], reason: str
) -> None:
    """An evaluator's note dated "yesterday" was stored undated ("1 updated", exit 0); a body
    of 12345 was skipped as an empty note and an author given as a string as "a note on a
    bot's thread"."""
    import json
    import shutil

    service = light_service(tmp_path / "ws")
    service.ingest.ingest("gitlab", PROJECT)
    folder = tmp_path / "dump"
    shutil.copytree(PROJECT, folder)
    notes = folder / "notes" / "issues" / "21.json"
    entries = json.loads(notes.read_text(encoding="utf-8"))
    entries[1].update(change)
    notes.write_text(json.dumps(entries), encoding="utf-8")
    assert_rejected_store_unchanged(service, "gitlab", folder, r"21\.json:entry id=90002: ", reason)
    service.close()


def test_a_note_with_an_empty_date_is_kept_and_said(tmp_path: Path) -> None:
    """A note whose created_at was null was stored undated without a word."""
    import json
    import shutil

    folder = tmp_path / "dump"
    shutil.copytree(PROJECT, folder)
    notes = folder / "notes" / "issues" / "21.json"
    entries = json.loads(notes.read_text(encoding="utf-8"))
    entries[1]["created_at"] = None
    notes.write_text(json.dumps(entries), encoding="utf-8")
    service = light_service(tmp_path / "ws")
    report = service.ingest.ingest("gitlab", folder)
    assert report.notes["created_at empty: the entry kept without a date"] == 1
    service.close()


def test_a_persons_note_on_a_bots_merge_request_is_theirs(tmp_path: Path) -> None:
    """Renovate's merge request is the bot's; what a person explains in it is the person's
    (a fresh evaluator's security engineer vanished from a CVE's upgrade), a command to the bot
    is nobody's."""
    import json
    import shutil

    folder = tmp_path / "platform"
    shutil.copytree(PROJECT, folder)
    said = (
        "cert-manager 1.14.5 fixes the renewal of certificates with a long SAN list; our staging "
        "issuer needs no change, I checked the ClusterIssuer against the upgrade notes."
    )
    notes = [
        {
            "id": 95001 + at,
            "body": body,
            "author": {"id": 11, "username": "imoreau", "name": "Inès Moreau"},
            "created_at": "2024-05-06T09:00:00.000Z",
            "system": False,
            "noteable_id": 7008,
            "noteable_type": "MergeRequest",
            "noteable_iid": 8,
        }
        for at, body in enumerate([said, "@renovate-bot rebase"])
    ]
    (folder / "notes" / "mr-8.json").write_text(json.dumps(notes), encoding="utf-8")
    context = IngestContext()
    records = GitlabConnector().parse(folder, context)
    items = {r.native_id: r for r in records if isinstance(r, ItemRecord)}
    assert _roles(items[f"{PREFIX}/note/95001"]) == {("Inès Moreau", "replier", 1.0)}
    assert "cert-manager to v1.14.5" in (items[f"{PREFIX}/note/95001"].context or "")
    assert f"{PREFIX}/note/95002" not in items and f"{PREFIX}!8" not in items
    assert context.skipped["gitlab: a command to a bot"] == 1


@pytest.mark.parametrize("missing", ["author", "title", "created_at"])
def test_an_issue_without_what_gitlab_writes_is_refused(tmp_path: Path, missing: str) -> None:
    """A fresh evaluator's issue without author, title or creation date was stored ("15
    added", exit 0) and, read again, kept the author stored before ("1 updated")."""
    import json
    import shutil

    service = light_service(tmp_path / "ws")
    service.ingest.ingest("gitlab", PROJECT)
    folder = tmp_path / "dump"
    shutil.copytree(PROJECT, folder)
    issues = folder / "issues.json"
    written = issues.read_text(encoding="utf-8")
    entries, end = json.JSONDecoder().raw_decode(written)  # (the first page of several)
    del entries[0][missing]
    issues.write_text(json.dumps(entries) + written[end:], encoding="utf-8")
    where = rf"issues\.json:entry id={entries[0]['id']}: "
    assert_rejected_store_unchanged(service, "gitlab", folder, where, f"without {missing}")
    service.close()
