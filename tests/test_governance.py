"""A project's governance says nothing of its subjects: an Apache-style project's PMC chair was
first for "kafka exactly-once" by her release vote's checklist, and above the writer of a
proposal by "Thanks Priya. This will need a vote and a note in the release announcement. +1
on the direction."."""

from __future__ import annotations

import mailbox
from email.message import EmailMessage
from pathlib import Path

import pytest

from test_cli import run
from whoknows.ingest._governance import casts_a_vote, only_procedure, reports_a_result


@pytest.mark.parametrize(
    ("text", "subject", "vote"),
    [
        (
            "+1 (binding)\n\n- verified signatures\n- ran the Kafka exactly-once example",
            "Re: x",
            True,
        ),
        (
            "+1\n- pip installed the wheel, ran the pandas UDF examples",
            "Re: [VOTE] Release 2.3.0",
            True,
        ),
        # (a vote against gives its reasons: its writer's finding)
        ("-1 (binding): the LICENSE misses the Jackson notice", "Re: [VOTE] Release 2.3.0", False),
        # (a second reviewer's: a vote after the checklist; a concern beside a vote)
        (
            "Thanks for running the release. I did the following:\n- Verified signatures\n"
            "- Ran the exactly-once example\n\n+1 (binding)",
            "Re: [VOTE] Release 2.3.0",
            True,
        ),
        (
            "+1 (binding) on the proposal.\n\nOne concern: the WriteBufferManager is shared.",
            "Re: [DISCUSS] Memory",
            False,
        ),
        ("Mon vote : +1", "Re: [VOTE] Release 2.3.0", True),
        ("+1, and set the timeout above the checkpoint duration", "Re: [DISCUSS] Timeouts", False),
        ("1. Raise the timeout. 2. Restart the job.", "Re: [VOTE] Release 2.3.0", False),
        # (a reviewer's: a vote after a greeting, a thanks or the quoted ballot, or said so)
        ("Hi all,\n\n+1 (binding)\n\n- verified signatures", "Re: [VOTE] Release 2.3.0", True),
        ("Thanks for driving the release, Ann!\n\n+1 (binding)\n- ran it", "Re: RC1", True),
        ("[X] +1 Release this package as Apache Tidewater 2.3.0", "Re: [VOTE] 2.3.0", True),
        ("> [ ] +1 approve\n> [ ] -1 reject\n\n+1", "Re: [VOTE] 2.3.0", True),
        ("I'm +1 (binding).", "Re: RC1", True),
        ("0.5 is the ratio you want, binding to port 8080", "Re: [VOTE] 2.3.0", False),
    ],
)
def test_a_vote_is_cast_where_the_message_opens(text: str, subject: str, vote: bool) -> None:
    assert casts_a_vote(text, subject) is vote


@pytest.mark.parametrize(
    ("text", "procedural"),
    [
        ("Thanks Priya. This will need a vote and a note in the release announcement.\n"
         "+1 on the direction.", True),
        ("Thanks Hannah. If we change defaults this needs to be in the release notes.", True),
        ("+1 to the direction. Please create a FLIP-style page in the wiki so that we can vote.",
         True),
        # a reply that says something of the subject, even beside the process
        ("+1. Unaligned checkpoints need buffer debloating off, otherwise the barrier waits. "
         "We should mention it in the release notes.", False),
        ("The OWASP check is easy to add to the Gradle build, I can take that part.", False),
        ("Thanks. Set execution.checkpointing.timeout to 10 min and it works.", False),
        # (a reviewer's: answers that name a proposal, a standard or the release notes)
        ("Since KIP-62 the heartbeat runs on a background thread: raise max.poll.interval.ms.",
         False),
        ("Each node grants at most one vote per term, so with identical timeouts you get a split"
         " vote until the jitter separates them.", False),
        ("The changelog topic is not compacted; set cleanup.policy=compact on it.", False),
        ("The Jackson 2.15 upgrade is in the release notes: set maxStringLength.", False),
        # (a second reviewer's: what the release notes or the project decided)
        ("The deadlock in the coordinator was fixed in 3.6.1 and is in the release notes.", False),
        ("The PMC decided in 2019 that the consumer never auto-commits on close.", False),
        ("Thanks Sophie. Let's make sure this is in place before the 2.3 announcement.", True),
        # a reminder of a deadline (a lab's administrator was second for grant writing)
        ("Merci Hélène. Je rappelle que la date limite interne est le 15 octobre.", True),
        ("Pour rappel, le VPN se configure avec le profil du wiki : importez le .conf.", False),
        ("Don't forget to set max.poll.records to 200.", False),
    ],
)  # fmt: skip
def test_a_reply_that_only_tells_the_process(text: str, procedural: bool) -> None:
    assert only_procedure(text) is procedural


def _mail(sender: str, subject: str, body: str, n: int, parent: int | None = None) -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"] = sender, "dev@tidewater.apache.org"
    message["Subject"], message["Date"] = subject, f"Tue, {n + 1:02d} Jan 2024 10:00:00 +0000"
    message["Message-ID"] = f"<g{n}@tidewater.apache.org>"
    if parent is not None:
        message["In-Reply-To"] = f"<g{parent}@tidewater.apache.org>"
    message.set_content(body)
    return message


def test_the_proposals_writer_not_the_chair_is_found(tmp_path: Path) -> None:
    box = mailbox.mbox(str(tmp_path / "dev.mbox"))
    proposal = "[DISCUSS] Deprecate Kryo as the default fallback serializer"
    box.add(
        _mail(
            "Priya Natarajan <priya@apache.org>",
            proposal,
            "I would like to deprecate the silent Kryo fallback for generic types: any type the"
            " TypeExtractor cannot analyse is serialized with Kryo 2.24, without schema"
            " evolution. Plan: log a warning in 2.4, fail in 3.0 unless allowed.",
            0,
        )
    )
    box.add(
        _mail(
            "Ingrid Haugen <ingrid@apache.org>",
            "Re: " + proposal,
            "Thanks Priya. This will need a vote and a note in the release announcement.\n"
            "+1 on the direction.",
            1,
            0,
        )
    )
    vote = "[VOTE] Release 2.3.0, release candidate #1"
    box.add(_mail("Michael Brennan <mbrennan@apache.org>", vote, "Please vote on RC1.", 2))
    box.add(
        _mail(
            "Ingrid Haugen <ingrid@apache.org>",
            "Re: " + vote,
            "+1 (binding)\n\n- verified signatures and checksums\n- ran the Kryo serializer"
            " tests and the Kafka exactly-once example, no errors in the logs",
            3,
            2,
        )
    )
    box.flush()
    workspace = tmp_path / "ws"
    assert run("ingest", "mbox", str(tmp_path / "dev.mbox"), workspace=workspace)[0] == 0
    _, out, _ = run("ask", "kryo fallback serialization", workspace=workspace)
    assert out.startswith(" 1. Priya Natarajan") and "Ingrid" not in out, out


def test_a_votes_result_retells_the_voters_reasons() -> None:
    """A fresh evaluator's release manager was second for a bug by her "[RESULT][VOTE]" tally
    ("1 -1 (binding) from Julien for the parquet writer timezone bug")."""
    assert reports_a_result("[RESULT][VOTE] Release 2.3.0 RC1")
    assert not reports_a_result("[VOTE] Release 2.3.0 RC1")
    assert not reports_a_result("Re: parquet writer timezone bug")
