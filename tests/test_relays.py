"""Relays and lists: an Apache-style project's dev@ archive holds the issue tracker's and the
forge's notification mails, every one sent from one address with the actor's name ("Katrin
Vogel (Jira) <jira@apache.org>", "Lucas Moreau <notifications@github.com>"). The address made
one "person" of everyone, flagged a bot, and people's own addresses were joined to it by name:
the checkpointing expert appeared in no answer. The list's own address, in To, was a person
("dev", "user") counted in the network."""

from __future__ import annotations

import mailbox
from email.message import EmailMessage
from pathlib import Path

import pytest

from test_cli import run
from whoknows.bots import relayed_person


@pytest.mark.parametrize(
    ("name", "address", "person"),
    [
        ("Katrin Vogel (Jira)", "jira@apache.org", "Katrin Vogel"),
        ("Lucas Moreau", "notifications@github.com", "Lucas Moreau"),
        ("Ann Lee via dev", "dev@lists.example.org", "Ann Lee"),
        ("'Ann Lee' via Tidewater Users", "users@googlegroups.com", "Ann Lee"),
        # the relay's own name, a person's own address, a forge's bot: no one relayed
        ("Jira", "jira@apache.org", None),
        ("GitHub", "noreply@github.com", None),
        ("dependabot[bot]", "notifications@github.com", None),
        ("Katrin Vogel", "kvogel@apache.org", None),
        ("Amazon Web Services", "no-reply@aws.example.com", None),
        # (a reviewer's: tools relayed as if they were people, a surname "Via")
        ("ASF subversion and git services (Jira)", "jira@apache.org", None),
        ("Hadoop QA (Jira)", "jira@apache.org", None),
        ("Kubernetes Prow Robot", "notifications@github.com", None),
        ("k8s-ci-robot", "notifications@github.com", None),
        ("Codecov", "notifications@github.com", None),
        ("Octavio Via Lopez", "octavio@acme.example", None),
        # (Mailman's rewritten sender, the list's address whatever it is called: a Québec lab's)
        (
            "Fatima Zahra El Idrissi via Geoia-l",
            "geoia-l@listes.iqra.ca",
            "Fatima Zahra El Idrissi",
        ),
        ("Jean via Paris", "jean@acme.example", None),
        # (a self-hosted forge, tracker or review: the tool's name is its address)
        ("Katrin Vogel", "gitlab@acme.example", "Katrin Vogel"),
        ("Ann Lee (Code Review)", "gerrit@acme.example", "Ann Lee"),
        ("Lucas Moreau", "noreply@github.acme.example", "Lucas Moreau"),
        ("GitLab", "gitlab@acme.example", None),
    ],
)
def test_the_person_a_relay_sends_for(name: str, address: str, person: str | None) -> None:
    assert relayed_person(name, address) == person


def _message(sender: str, subject: str, body: str, day: int, listed: bool = True) -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"] = sender, "dev@tidewater.apache.org"
    if listed:
        message["List-Id"] = "<dev.tidewater.apache.org>"
        message["List-Post"] = "<mailto:dev@tidewater.apache.org>"
    message["Subject"], message["Date"] = subject, f"Tue, {day:02d} Jan 2024 10:00:00 +0000"
    message["Message-ID"] = f"<m{day}@tidewater.apache.org>"
    message.set_content(body)
    return message


def test_notification_mails_are_their_actors_and_the_list_is_no_one(tmp_path: Path) -> None:
    box = mailbox.mbox(str(tmp_path / "202401.mbox"))
    box.add(
        _message(
            "Marco Rossi (Jira) <jira@apache.org>",
            "[jira] [Created] (TIDE-1) Checkpoints expire under backpressure",
            "Marco Rossi created TIDE-1: checkpoints expire after 10 minutes under backpressure.",
            1,
        )
    )
    box.add(
        _message(
            "Katrin Vogel (Jira) <jira@apache.org>",
            "[jira] [Commented] (TIDE-1) Checkpoints expire under backpressure",
            "Katrin Vogel commented on TIDE-1: this is barrier alignment under backpressure."
            " Enable unaligned checkpoints, or set the aligned checkpoint timeout to 30 s so"
            " that the barrier overtakes the in-flight buffers.",
            2,
        )
    )
    box.add(
        _message(
            "Katrin Vogel <kvogel@apache.org>",
            "Buffer debloating",
            "Buffer debloating reduces the in-flight data in front of the barrier, so unaligned"
            " checkpoints persist fewer buffers. Set buffer-debloat.enabled to true.",
            3,
        )
    )
    box.add(
        _message(
            "Lucas Moreau <notifications@github.com>",
            "Re: [apache/tidewater] Fail the job on lost Kafka transactions (PR #2950)",
            "Raise transaction.max.timeout.ms on the brokers and the producer's"
            " transaction.timeout.ms to one hour: the Kafka sink then survives a long restart.",
            4,
        )
    )
    box.flush()
    workspace = tmp_path / "ws"
    assert run("ingest", "mbox", str(tmp_path / "202401.mbox"), workspace=workspace)[0] == 0
    _, people, _ = run("people", "list", workspace=workspace)
    names = sorted(line.split(None, 1)[1].strip() for line in people.splitlines() if line.strip())
    assert names == ["Katrin Vogel", "Lucas Moreau", "Marco Rossi"], people
    _, out, _ = run("ask", "unaligned checkpoints barrier", workspace=workspace)
    assert out.startswith(" 1. Katrin Vogel"), out
    _, out, _ = run("ask", "kafka transaction timeout", workspace=workspace)
    assert out.startswith(" 1. Lucas Moreau"), out


@pytest.mark.parametrize(
    "name",
    ["Robert Service", "Mend-Amar Batbold", "Kevin Mend", "Brian Prow", "Li Qa", "Jean Robot"],
)
def test_people_named_like_a_tool_are_people(name: str) -> None:
    """A second reviewer's: "Robert Service" and "Mend-Amar Batbold" had been bots."""
    from whoknows.bots import looks_like_bot

    assert not looks_like_bot(name=name)
