from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from connector_checks import (
    FIXTURES,
    assert_ingest_twice_adds_nothing,
    assert_rejected_store_unchanged,
    light_service,
    people_with_email,
)
from whoknows.errors import InputError
from whoknows.ingest import IngestContext
from whoknows.ingest.discourse import DiscourseConnector
from whoknows.records import ItemRecord, PersonRecord
from whoknows.vocab import ContributionRole

FORUM = FIXTURES / "discourse"


def parse(path: Path, context: IngestContext | None = None, **options: str) -> list[ItemRecord]:
    context = context or IngestContext(options=options)
    return [r for r in DiscourseConnector().parse(path, context) if isinstance(r, ItemRecord)]


def roles(item: ItemRecord) -> list[tuple[str | None, str]]:
    return [(c.person.handle, c.role) for c in item.contributions]


def test_solved_topic_roles_likes_and_quotes() -> None:
    items = {i.native_id: i for i in parse(FORUM, base_url="https://forum.corvid.example/")}
    question = items["t1234"]
    assert question.kind == "question" and question.tags == ["kafka", "consumers"]
    assert roles(question) == [("ines", ContributionRole.ASKER), ("lukasz", "mentioned")]
    assert "grows & restarts don't help. @lukasz any idea?" in question.text
    answer = items["5002"]
    assert roles(answer) == [("lukasz", ContributionRole.ACCEPTED_ANSWERER)]
    assert answer.contributions[0].person.name == "Łukasz Nowak"
    assert answer.signals == {"score": 4.0, "accepted": 1.0}
    assert "restarts don’t help" not in answer.text, "quotes of other posts are not the author's"
    assert "documentation preview" not in answer.text, "link previews are not the author's"
    assert answer.parent_id == "t1234" and answer.thread_id == "t1234"
    assert answer.url == "https://forum.corvid.example/t/1234/2"
    thanks = items["5003"]
    assert thanks.parent_id == "5002"
    assert thanks.contributions[0].role == ContributionRole.ACKNOWLEDGER
    assert thanks.contributions[0].weight < 0.5


REPLIES = {
    "LGTM, looks good to me 👍": ContributionRole.ACKNOWLEDGER,
    "+1, we see exactly the same problem on our side since last week, also on the rabbitmq"
    " cluster": ContributionRole.ACKNOWLEDGER,
    "Thanks, deployed the fix and it's fine now.": ContributionRole.ACKNOWLEDGER,
    "+1, interested too, customers ask about this regularly.": ContributionRole.ACKNOWLEDGER,
    "Thanks a lot, this fixed the celery worker problem for our team as well, really"
    " appreciated!": ContributionRole.ACKNOWLEDGER,
    "Same question from a prospect last week, thanks for the answer!": (
        ContributionRole.ACKNOWLEDGER
    ),
    "Même question de mon côté, merci pour la réponse !": ContributionRole.ACKNOWLEDGER,
    "Same issue here, any update?": ContributionRole.ASKER,
    "Raise broker_transport_options visibility_timeout above the longest task.": (
        ContributionRole.ANSWERER
    ),
}


def test_replies_are_read_as_every_source_reads_them(tmp_path: Path) -> None:
    """A fresh evaluator's forum: the writer of "LGTM", "+1, same problem" and "Thanks,
    deployed the fix" replies ranked as an expert (answerer) on Discourse alone; GitHub and
    Google Chat had read the same words as acknowledgements. The opener's own replies follow
    up."""
    posts = [(1, "lena", "Celery tasks run twice when they take more than an hour?")]
    posts += [(2, "tom", "Tasks not acknowledged within visibility_timeout are redelivered.")]
    posts += [(3 + at, "derek", text) for at, text in enumerate(REPLIES)]
    posts += [(3 + len(REPLIES), "lena", "I raised it to 4 hours on the workers, rerunning now.")]
    topic = {
        "id": 77,
        "title": "Celery tasks run twice",
        "slug": "celery",
        "accepted_answer": {"post_number": 2},
        "post_stream": {
            "posts": [
                {
                    "id": 7700 + number,
                    "post_number": number,
                    "username": user,
                    "user_id": 1 + number,
                    "created_at": f"2025-01-10T10:{number:02d}:00.000Z",
                    "cooked": f"<p>{text}</p>",
                    "post_type": 1,
                    "accepted_answer": number == 2,
                }
                for number, user, text in posts
            ]
        },
    }
    (tmp_path / "77.json").write_text(json.dumps(topic), encoding="utf-8")
    items = {i.native_id: i for i in parse(tmp_path / "77.json")}
    found = {
        items[f"{7703 + at}"].text: items[f"{7703 + at}"].contributions[0].role
        for at in range(len(REPLIES))
    }
    assert found == REPLIES
    assert roles(items[f"{7703 + len(REPLIES)}"]) == [("lena", ContributionRole.COMMENTER)]


def test_opener_asks_only_when_others_replied() -> None:
    items = {i.native_id: i for i in parse(FORUM)}
    assert roles(items["t1240"]) == [("tomas", ContributionRole.POSTER)]
    assert roles(items["t1241"]) == [("ines", ContributionRole.ASKER)]
    assert roles(items["5202"]) == [("lukasz", ContributionRole.REPLIER)]
    assert items["5202"].tags == ["terraform"], "tags as objects (recent Discourse) are read"


def test_posts_json_fills_in_topics_not_dumped() -> None:
    items = {i.native_id: i for i in parse(FORUM)}
    assert roles(items["t1250"]) == [("lukasz", ContributionRole.ASKER)]
    assert roles(items["5302"]) == [("ines", ContributionRole.ACCEPTED_ANSWERER)]
    assert items["5302"].parent_id == "t1250"
    assert items["5302"].tags == ["postgres", "vacuum"], "tags from /latest.json"
    assert "duplicate" not in items["5002"].text, "the topic file wins over /posts.json"


def test_system_deleted_whispers_hidden_are_skipped() -> None:
    context = IngestContext()
    items = parse(FORUM, context)
    assert len(items) == 9
    assert context.skipped == {
        "discourse: post by system or discobot": 2,
        "discourse: deleted post": 1,
        "discourse: whisper (staff only)": 1,
        "discourse: hidden (flagged) post": 1,
    }
    records = list(DiscourseConnector().parse(FORUM, IngestContext()))
    people = [r.ref.handle for r in records if isinstance(r, PersonRecord)]
    assert people == ["ines", "lukasz", "tomas"]


def test_ingest_twice_changes_no_row(tmp_path: Path) -> None:
    service = light_service(tmp_path / "ws")
    assert_ingest_twice_adds_nothing(service, "discourse", FORUM)
    service.close()


def test_truncated_topic_rejected_store_unchanged(tmp_path: Path) -> None:
    service = light_service(tmp_path / "ws")
    service.ingest.ingest("discourse", FORUM)
    copy = tmp_path / "forum"
    shutil.copytree(FORUM, copy)
    shutil.copy(FIXTURES / "broken" / "discourse-topic-truncated.json", copy / "t" / "1299.json")
    assert_rejected_store_unchanged(
        service, "discourse", copy, r"t/1299\.json:\d+:\d+: truncated JSON"
    )
    service.close()


def test_not_discourse_and_broken_posts(tmp_path: Path) -> None:
    (tmp_path / "other.json").write_text('{"data": []}', encoding="utf-8")
    with pytest.raises(InputError, match=r"other\.json:1: not a Discourse"):
        parse(tmp_path)
    topic = {"id": 7, "title": "x", "post_stream": {"posts": [{"id": 1, "cooked": "<p>hi</p>"}]}}
    (tmp_path / "other.json").write_text(json.dumps(topic), encoding="utf-8")
    with pytest.raises(InputError, match=r"other\.json:entry 1: post without an id, a username"):
        parse(tmp_path)
    # an evaluator's broken topics: a traceback, then nothing ingested and nothing said
    for stream, where in (
        ('"oops"', r"1: topic without an id or a post_stream\.posts list"),
        ('{"posts": [1, 2]}', r"\$\.post_stream\.posts\[0\]: a post must be a JSON object"),
    ):
        (tmp_path / "other.json").write_text(
            f'{{"id": 8, "title": "x", "post_stream": {stream}}}', encoding="utf-8"
        )
        with pytest.raises(InputError, match=rf"other\.json:{where}"):
            parse(tmp_path)
    (tmp_path / "other.json").unlink()
    post = {"id": 9, "post_number": 1, "username": "ann", "cooked": "<p>A note</p>"}
    topic = {"id": 9, "title": "x", "post_stream": {"posts": [{**post, "created_at": "yesterday"}]}}
    (tmp_path / "t9.json").write_text(json.dumps(topic), encoding="utf-8")
    with pytest.raises(  # (a fresh evaluator's post was kept undated, exit 0)
        InputError, match=r"t9\.json:.*created_at 'yesterday' is not an ISO date"
    ):
        parse(tmp_path)


def test_directory_email_joins_the_forum_account(tmp_path: Path) -> None:
    service = light_service(tmp_path / "ws")
    service.ingest.ingest("discourse", FORUM)
    service.ingest.ingest("teams", FIXTURES / "teams")
    # the full name joins: one Łukasz across the forum and Teams
    assert len(people_with_email(service, "lukasz.nowak@corvid.example")) == 1
    conn = service.workspace.store().conn
    owners = conn.execute(
        "SELECT COUNT(DISTINCT person_id) FROM aliases WHERE source IN ('discourse', 'teams')"
        " AND kind = 'source_id' AND lower(value) IN ('lukasz', ?)",
        ("2f1c77aa-6b5e-4c0e-8d43-9a1b2c3d4e5f",),
    ).fetchone()[0]
    assert owners == 1
    service.close()


def test_an_unanswered_question_asks_and_an_opener_s_fix_answers(tmp_path: Path) -> None:
    """A ninth evaluator's forum: an unanswered "Why do prometheus scrapes time out?" made
    its writer an expert (a post, not a question); an opener who came back with the fix
    answered their own topic."""
    source = json.loads((FORUM / "t" / "1234.json").read_text(encoding="utf-8"))
    folder = tmp_path / "forum" / "t"
    folder.mkdir(parents=True)
    first = source["post_stream"]["posts"][0]
    posts = [
        first | {"cooked": "<p>Why do our prometheus scrapes of the node exporters time out?</p>"},
        first
        | {
            "id": first["id"] + 1000,
            "post_number": 2,
            "cooked": "<p>Found it: the scrape_timeout was 10s and the exporters answer in "
            "12s; raised scrape_timeout to 20s and the targets are up.</p>",
        },
    ]
    topic = source | {"post_stream": {"posts": posts}, "accepted_answer": None}
    topic["posts_count"] = 2
    (folder / "1234.json").write_text(json.dumps(topic), encoding="utf-8")
    roles = [
        item.contributions[0].role
        for item in DiscourseConnector().parse(tmp_path / "forum", IngestContext())
        if isinstance(item, ItemRecord)
    ]
    assert roles == ["asker", "answerer"]


def test_a_reply_that_quotes_a_post_and_gainsays_it_refutes_it(tmp_path: Path) -> None:
    """An NGO's forum: an intern's "Maybe put them in the freezer compartment?", then the
    health officer quoting it: "No, never freeze vaccines. Procedure: …". The intern was
    second for the cold chain. A quote agreed with, or a bare "No." under it, refutes
    nothing."""
    quote = (
        '<aside class="quote no-group" data-username="lucas" data-post="2" data-topic="108">'
        "<blockquote><p>Maybe put them in the freezer compartment?</p></blockquote></aside>"
    )
    posts = [
        (1, "agnes", "<p>The Fridge-tag shows an alarm: what should we do with the vaccines?</p>"),
        (2, "lucas", "<p>Maybe put them in the freezer compartment until the fridge is fixed?</p>"),
        (3, "fatuma", quote + "<p>No, never freeze vaccines. Read the Fridge-tag alarm, do the"
         " shake test on freeze-sensitive vaccines and quarantine them.</p>"),
        (4, "peter", quote + "<p>Yes, that is what we did in Kakuma last year, it worked fine"
         " for the three days the fridge was down.</p>"),
        (5, "halima", quote + "<p>No.</p>"),
        # (agreeing, or adding, in words that open with "No" or "That is not": an attacker's)
        (6, "samuel", quote + "<p>No doubt, the freezer compartment would be colder than the"
         " fridge for the three days, as the fridge-tag says.</p>"),
        (7, "grace", quote + "<p>That is not all: also check the ice lining and the door seal of"
         " the solar fridge before anything else.</p>"),
        # (a gainsay of a post that quotes another refutes that post, not the one it quoted)
        (8, "lucas", '<aside class="quote" data-post="7" data-topic="108">' + quote
         + "<p>Same here.</p></aside><p>No, the ice lining is fine, we checked it twice this"
         " morning with the nurse.</p>"),
    ]  # fmt: skip
    topic = {
        "id": 108, "title": "Fridge-tag alarm", "slug": "fridge-tag",
        "post_stream": {"posts": [
            {"id": 10800 + number, "post_number": number, "username": user,
             "user_id": number, "created_at": f"2026-08-05T07:{number:02d}:00.000Z",
             "cooked": cooked, "post_type": 1}
            for number, user, cooked in posts
        ]},
    }  # fmt: skip
    (tmp_path / "108.json").write_text(json.dumps(topic), encoding="utf-8")
    items = {i.native_id: i for i in parse(tmp_path / "108.json")}
    assert items["10803"].meta == {"refutes": ["discourse:10802"]}
    assert items["10803"].signals["refutes"] == 1.0
    assert all("refutes" not in items[f"108{n:02d}"].meta for n in (4, 5, 6, 7))
    assert items["10808"].meta == {"refutes": ["discourse:10807"]}
