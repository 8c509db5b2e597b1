from __future__ import annotations

import re
import shutil
from pathlib import Path
from xml.sax.saxutils import quoteattr

import pytest

from conftest import CARDANO_DATA, make_service, sample, store_dump
from whoknows.demo import SampleSource
from whoknows.errors import InputError
from whoknows.ingest import IngestContext
from whoknows.ingest.stackexchange import StackExchangeConnector, parse_tags
from whoknows.records import ItemRecord, PersonRecord
from whoknows.testing import check_parts


def test_parse_tags_handles_both_dump_styles() -> None:
    assert parse_tags("<plutus><smart-contracts>") == ["plutus", "smart-contracts"]
    assert parse_tags("|plutus|smart-contracts|") == ["plutus", "smart-contracts"]
    assert parse_tags(None) == []


def test_sample_dump_yields_questions_answers_comments(sample_org: list[SampleSource]) -> None:
    records = list(
        StackExchangeConnector().parse(sample(sample_org, "stackexchange").path, IngestContext())
    )
    items = [r for r in records if isinstance(r, ItemRecord)]
    kinds = {kind: sum(1 for i in items if i.kind == kind) for kind in ("question", "answer")}
    assert kinds["question"] == 34
    assert kinds["answer"] >= 40
    assert any(i.kind == "comment" for i in items)
    accepted = [i for i in items if i.signals.get("accepted") == 1.0]
    assert accepted and all(
        c.role == "accepted-answerer" for i in accepted for c in i.contributions[:1]
    )
    answer = next(i for i in items if i.kind == "answer")
    assert answer.context and answer.parent_id and answer.thread_id == answer.parent_id
    people = [r for r in records if isinstance(r, PersonRecord)]
    derek = next(p for p in people if p.names == ["Derek Hollis"])
    assert "machine learning" in (derek.about or "").lower()
    assert all("reputation" in p.recognition for p in people)
    community = next(p for p in people if p.ref.native_id == "-1")
    assert community.ref.is_bot


def test_ingest_reports_and_links(service, sample_org: list[SampleSource]) -> None:
    report = service.ingest.ingest(
        "stackexchange",
        sample(sample_org, "stackexchange").path,
        options={"base_url": "https://ask.corvid.example"},
    )
    assert report.items_added > 80
    assert report.people_added == 23  # 22 staff and the Community bot
    url = (
        service.workspace.store()
        .conn.execute("SELECT url FROM items WHERE kind = 'question' LIMIT 1")
        .fetchone()[0]
    )
    assert url.startswith("https://ask.corvid.example/q/")


def _broken_copy(source: Path, target: Path, cut: int) -> Path:
    shutil.copytree(source, target)
    posts = target / "Posts.xml"
    data = posts.read_bytes()
    posts.write_bytes(data[:cut])
    return target


def test_truncated_posts_is_one_line_error_and_store_untouched(
    service, sample_org: list[SampleSource], tmp_path: Path
) -> None:
    service.ingest.ingest("people", sample(sample_org, "people").path)
    before = store_dump(service)
    size = (sample(sample_org, "stackexchange").path / "Posts.xml").stat().st_size
    broken = _broken_copy(sample(sample_org, "stackexchange").path, tmp_path / "dump", size // 2)
    with pytest.raises(InputError) as raised:
        service.ingest.ingest("stackexchange", broken)
    message = raised.value.one_line()
    assert re.search(r"Posts\.xml:\d+:\d+: malformed XML", message) and "\n" not in message
    assert store_dump(service) == before


def test_skip_errors_keeps_what_was_read(service, sample_org: list[SampleSource], tmp_path: Path):
    size = (sample(sample_org, "stackexchange").path / "Posts.xml").stat().st_size
    broken = _broken_copy(sample(sample_org, "stackexchange").path, tmp_path / "dump", size // 2)
    report = service.ingest.ingest("stackexchange", broken, skip_errors=True)
    assert report.items_added > 10
    assert report.problems and "Posts.xml" in report.problems[0]


def test_folder_without_posts_is_rejected(service, tmp_path: Path) -> None:
    (tmp_path / "notadump").mkdir()
    with pytest.raises(InputError, match=r"Posts\.xml, Users\.xml missing"):
        service.ingest.ingest("stackexchange", tmp_path / "notadump")


@pytest.mark.full
@pytest.mark.skipif(not CARDANO_DATA.exists(), reason="../shared data not present")
def test_real_cardano_dump(tmp_path) -> None:
    service = make_service(tmp_path / "ws", dense=False, learn=False)
    report = service.ingest.ingest("stackexchange", CARDANO_DATA)
    conn = service.workspace.store().conn
    assert report.items_added > 3000
    assert conn.execute("SELECT COUNT(*) FROM profile_texts").fetchone()[0] > 100
    assert (
        conn.execute("SELECT COUNT(*) FROM recognition WHERE name = 'reputation'").fetchone()[0]
        > 3000
    )


def _synthetic_dump(folder: Path, posts: int = 1600) -> Path:
    """A dump big enough to be cut into several parts: questions, answers (one before its
    question, which the connector skips), a wiki post, a post without a date, comments."""
    folder.mkdir()

    def write(name: str, rows: list[dict[str, str]]) -> None:
        lines = ["<?xml version='1.0' encoding='utf-8'?>", f"<{name.lower()}>"]
        lines += [
            "  <row " + " ".join(f"{k}={quoteattr(v)}" for k, v in r.items()) + " />" for r in rows
        ]
        (folder / f"{name}.xml").write_text("\n".join([*lines, f"</{name.lower()}>"]) + "\n")

    write(
        "Users", [{"Id": str(i), "DisplayName": f"User {i}", "Reputation": "5"} for i in range(40)]
    )
    rows = []
    for n in range(1, posts + 1):
        row = {"Id": str(n), "CreationDate": f"2024-01-{n % 28 + 1:02d}T10:00:00", "Score": "1"}
        row |= {"OwnerUserId": str(n % 40), "Body": f"<p>note {n} on kafka &amp; lag</p>"}
        if n % 3 == 1:
            row |= {"PostTypeId": "1", "Title": f"Question {n}", "Tags": "<kafka><lag>"}
            row |= {"AcceptedAnswerId": str(n + 1)} if n % 2 else {}
        else:
            row |= {"PostTypeId": "2", "ParentId": str(n - n % 3 + 1 if n % 97 else n + 4)}
        rows.append(row)
    rows[1200]["PostTypeId"] = "5"  # a tag wiki
    del rows[900]["CreationDate"]
    write("Posts", rows)
    write("Votes", [{"Id": str(n), "PostId": str(n), "VoteTypeId": "2"} for n in range(1, 300)])
    write("Badges", [{"Id": "1", "UserId": "3", "Class": "1", "Name": "Gold"}])
    write(
        "Comments",
        [{"Id": str(n), "PostId": str(3 * n), "Text": "yes", "UserId": "4"} for n in range(800)],
    )
    return folder


def test_parts_give_the_whole_parse(tmp_path: Path) -> None:
    """Users, posts and comments cut into row ranges give the records of one parse, in order,
    with the same problems and skips (a post without a date in the second part of the posts,
    strict and with --skip-errors); a truncated file is reported by one part only."""
    dump = _synthetic_dump(tmp_path / "dump")
    connector = StackExchangeConnector()
    parts = connector.parts(dump, IngestContext(), 8)
    assert [p.section for p in parts].count("posts") == 2
    posts = dump / "Posts.xml"
    posts.write_bytes(posts.read_bytes()[: posts.stat().st_size * 3 // 4])  # cut in part 2
    check_parts(connector, dump, wanted=(8,))  # (the whole file: the contract on the sample)


def test_a_question_in_a_comment_or_an_answer_asks(tmp_path: Path) -> None:
    """Stack Exchange reads questions as every other source does: a fourth evaluator's
    manager, whose only Kubernetes posts were comments asking questions, was listed as an
    expert; a "+1, same here" posted as an answer acknowledges."""

    def row(**fields: str) -> str:
        return "<row " + " ".join(f"{k}={quoteattr(v)}" for k, v in fields.items()) + " />"

    date = "2024-03-01T10:00:00.000"

    def answer(number: str, body: str) -> str:
        return row(
            Id=number,
            PostTypeId="2",
            ParentId="1",
            OwnerUserId=number,
            CreationDate=date,
            Body=f"<p>{body}</p>",
        )

    posts = [
        row(
            Id="1",
            PostTypeId="1",
            OwnerUserId="1",
            CreationDate=date,
            AcceptedAnswerId="2",
            Title="Node NotReady after kernel update",
            Tags="<kubernetes>",
            Body="<p>Our Kubernetes node stays NotReady after the kernel update. Why?</p>",
        ),
        answer("2", "The kubelet cgroup driver changed: set it to systemd and restart."),
        answer("3", "+1 same here on our staging cluster"),
        answer("4", "Which kernel version did you install?"),
    ]
    comments = [
        row(
            Id="7",
            PostId="1",
            UserId="5",
            CreationDate=date,
            Text="Does this also apply to the staging Kubernetes cluster?",
        ),
        row(
            Id="8",
            PostId="2",
            UserId="6",
            CreationDate=date,
            Text="Drain the node first, otherwise the pods are evicted in the middle of it.",
        ),
    ]
    users = [row(Id=str(n), DisplayName=f"User {n}", CreationDate=date) for n in range(1, 7)]
    for name, rows in (("Posts.xml", posts), ("Comments.xml", comments), ("Users.xml", users)):
        tag = name.removesuffix(".xml").lower()
        (tmp_path / name).write_text(
            f"<?xml version='1.0' encoding='utf-8'?>\n<{tag}>\n"
            + "\n".join(rows)
            + f"\n</{tag}>\n",
            encoding="utf-8",
        )
    items = [
        r
        for r in StackExchangeConnector().parse(tmp_path, IngestContext())
        if isinstance(r, ItemRecord)
    ]
    roles = {i.native_id: i.contributions[0].role for i in items}
    assert roles == {
        "1": "asker",
        "2": "accepted-answerer",
        "3": "acknowledger",
        "4": "asker",
        "c7": "asker",
        "c8": "commenter",
    }
