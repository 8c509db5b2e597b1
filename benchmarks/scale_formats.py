"""Write a generated world (:mod:`scale_data`) in the export formats the connectors read:
a Slack export folder, mbox files, a Stack Exchange dump, a folder of Markdown documents with
front matter, and commits as JSON lines (the ``jsonl`` connector, ``"kind": "commit"``)."""

from __future__ import annotations

import json
import textwrap
from collections import defaultdict
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import numpy as np
from scale_data import (
    ASSUMED,
    FITTED,
    World,
    authors,
    dates,
    delays,
    pick_topics,
    texts,
    thread_sizes,
    topic_tags,
)

CHANNELS_PER_TOPIC = 0.25  # topics share channels (a channel covers about 4 topics)


def _iso(t: float) -> str:
    return datetime.fromtimestamp(t, tz=UTC).strftime("%Y-%m-%dT%H:%M:%S")


def _threads(
    world: World,
    count: int,
    shape: tuple[float, float, float],
    delay_factor: float,
    span: tuple[float, float] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per item: its thread, whether it starts it, its date and its topic (threads in date
    order, each thread's items in date order)."""
    replies = thread_sizes(world, count, shape)
    starts = dates(world, replies.size, span)
    thread = np.repeat(np.arange(replies.size), replies + 1)
    first = np.r_[True, thread[1:] != thread[:-1]]
    when = starts[thread].copy()
    later = np.flatnonzero(~first)
    when[later] += delays(world, later.size, delay_factor)
    # each reply after its thread's start; within a thread, in date order
    order = np.lexsort((when, thread))
    topics = pick_topics(world, replies.size)[thread]
    return thread[order], first[order], when[order], topics[order]


Thread = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]  # thread, first, when, topic


def write_slack(world: World, folder: Path, count: int, later: dict[str, object]) -> int:
    """A Slack export of ``count`` messages. ``later`` is filled with what a second export
    (the next weeks) needs: the channels, and the latest threads to reply to."""
    shape = FITTED["comments_per_post"]
    threads = _threads(world, count, shape, ASSUMED["chat_delay_factor"])
    n_channels = max(4, round(world.topics * CHANNELS_PER_TOPIC))
    later["channel_of_topic"] = world.rng.integers(0, n_channels, size=world.topics)
    later["channels"] = [f"team-{c:03d}" for c in range(n_channels)]
    _slack_users(world, folder, later["channels"])  # type: ignore[arg-type]
    root_ts: dict[int, str] = {}
    _slack_days(world, folder, threads, later, root_ts, {}, 0)
    thread, first, when, topics = threads
    channel_of_topic: np.ndarray = later["channel_of_topic"]  # type: ignore[assignment]
    later["recent"] = [
        (later["channels"][channel_of_topic[topics[i]]], root_ts[int(thread[i])], int(topics[i]))  # type: ignore[index]
        for i in np.flatnonzero(first & (when > world.end - 30 * 86400)).tolist()
    ]
    return count


def write_slack_later(world: World, folder: Path, count: int, later: dict[str, object]) -> int:
    """The next two weeks of the same workspace: new threads as before, and replies (30% of
    the messages) to the threads of the last month of the first export."""
    recent: list[tuple[str, str, int]] = later["recent"]  # type: ignore[assignment]
    _slack_users(world, folder, later["channels"])  # type: ignore[arg-type]
    replies = round(count * 0.3) if recent else 0
    span = (world.end, world.end + 14 * 86400)
    shape = FITTED["comments_per_post"]
    threads = _threads(world, count - replies, shape, ASSUMED["chat_delay_factor"], span)
    which = world.rng.integers(0, max(1, len(recent)), size=replies)
    old = {i: recent[r] for i, r in enumerate(which.tolist())}
    old_threads = (
        np.arange(replies) - replies - 1,  # negative: not a thread of this export
        np.zeros(replies, dtype=bool),
        np.sort(world.rng.uniform(*span, size=replies)),
        np.asarray([old[i][2] for i in range(replies)], dtype=np.int64),
    )
    merged = tuple(np.concatenate([a, b]) for a, b in zip(threads, old_threads, strict=True))
    replied = {
        int(t): (channel, ts)
        for t, (channel, ts, _) in zip(old_threads[0], old.values(), strict=True)
    }
    _slack_days(world, folder, merged, later, {}, replied, 500_000)  # type: ignore[arg-type]
    return count


def _slack_days(
    world: World,
    folder: Path,
    threads: Thread,
    later: dict[str, object],
    root_ts: dict[int, str],
    replied: dict[int, tuple[str, str]],
    offset: int,
) -> None:
    """Messages into per-channel, per-day files; ``replied`` maps a thread number to the
    (channel, ts) of an older thread its messages reply to."""
    thread, first, when, topics = threads
    channels: list[str] = later["channels"]  # type: ignore[assignment]
    channel_of_topic: np.ndarray = later["channel_of_topic"]  # type: ignore[assignment]
    count = thread.size
    writers = authors(world, topics)
    bodies = texts(world, topics, FITTED["words_comment"])
    mentions = world.rng.random(count) < ASSUMED["mention_share"]
    mentioned = world.rng.choice(len(world.people), size=count, p=world.activity)
    replies = np.bincount(thread[thread >= 0], minlength=int(max(thread.max(), 0)) + 1) - 1
    reactions = world.rng.integers(1, 6, size=count) * (world.rng.random(count) < 0.15)
    by_day: dict[tuple[str, str], list[dict[str, object]]] = defaultdict(list)
    for i in range(count):
        ts = f"{int(when[i])}.{(i + offset) % 1_000_000:06d}"
        text = bodies[i]
        if mentions[i]:
            text = f"<@{world.people[mentioned[i]].slack_id}> {text}"
        user = world.people[writers[i]].slack_id
        message: dict[str, object] = {"type": "message", "user": user, "text": text, "ts": ts}
        t = int(thread[i])
        channel = channels[channel_of_topic[topics[i]]]
        if t in replied:
            channel, message["thread_ts"] = replied[t]
        elif first[i]:
            root_ts[t] = ts
            if replies[t]:
                message.update(thread_ts=ts, reply_count=int(replies[t]))
        else:
            message["thread_ts"] = root_ts[t]
        if reactions[i]:
            message["reactions"] = [{"name": "+1", "count": int(reactions[i])}]
        by_day[(channel, _iso(when[i])[:10])].append(message)
    for (channel, day), messages in by_day.items():
        (folder / channel).mkdir(parents=True, exist_ok=True)
        (folder / channel / f"{day}.json").write_text(json.dumps(messages), encoding="utf-8")


def _slack_users(world: World, folder: Path, channels: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    users = [
        {
            "id": p.slack_id,
            "name": p.handle,
            "real_name": p.name,
            "profile": {"real_name": p.name, "email": p.email, "display_name": p.handle},
        }
        for p in world.people
    ]
    (folder / "users.json").write_text(json.dumps(users), encoding="utf-8")
    listing = [{"id": f"C{i:08X}", "name": name} for i, name in enumerate(channels)]
    (folder / "channels.json").write_text(json.dumps(listing), encoding="utf-8")


def write_mbox(world: World, folder: Path, count: int) -> int:
    """Mailing-list archives: one mbox per list, threads by Message-ID and References."""
    thread, first, when, topics = _threads(world, count, FITTED["answers_per_question"], 1.0)
    senders = authors(world, topics)
    bodies = texts(world, topics, FITTED["words_answer"])
    subjects = texts(world, topics, (1.8, 0.4))
    folder.mkdir(parents=True, exist_ok=True)
    lists = max(4, world.topics // 10)
    handles = [(folder / f"list-{n:03d}.mbox").open("w", encoding="utf-8") for n in range(lists)]
    root_id: dict[int, tuple[str, str, str]] = {}  # thread -> (message id, subject, body)
    for i in range(count):
        sender = world.people[senders[i]]
        members = world.members[topics[i]]
        recipients = world.rng.choice(members, size=min(members.size, 3), replace=False)
        to = ", ".join(
            f"{world.people[r].name} <{world.people[r].email}>" for r in recipients.tolist()
        )
        message_id = f"<m{i}.{int(when[i])}@corp.example>"
        t = int(thread[i])
        body = textwrap.fill(bodies[i], 72)
        headers = [
            f"From: {sender.name} <{sender.email}>",
            f"To: {to}",
            f"Date: {format_datetime(datetime.fromtimestamp(when[i], tz=UTC))}",
            f"Message-ID: {message_id}",
        ]
        if first[i]:
            root_id[t] = (message_id, subjects[i], body)
            headers.append(f"Subject: {subjects[i]}")
        else:
            parent, subject, quoted = root_id[t]
            headers += [
                f"Subject: Re: {subject}",
                f"In-Reply-To: {parent}",
                f"References: {parent}",
            ]
            quote = "\n".join("> " + line for line in quoted.splitlines()[:3])
            body = f"{body}\n\nOn an earlier day, someone wrote:\n{quote}"
        if world.rng.random() < 0.5:
            body += f"\n\n-- \n{sender.name}\nCorp Example"
        handle = handles[int(topics[i]) % lists]
        handle.write(f"From {sender.email} {datetime.fromtimestamp(when[i], tz=UTC):%c}\n")
        handle.write("\n".join(headers) + "\nContent-Type: text/plain; charset=utf-8\n\n")
        handle.write(body.replace("\nFrom ", "\n>From ") + "\n\n")
    for handle in handles:
        handle.close()
    return count


def write_stackexchange(world: World, folder: Path, count: int) -> int:
    """An internal Q&A site dump: questions, answers (one accepted where answered), comments."""
    folder.mkdir(parents=True, exist_ok=True)
    posts_share = 1 / (1 + math_comments())
    thread, first, when, topics = _threads(
        world, round(count * posts_share), FITTED["answers_per_question"], 1.0
    )
    owners = authors(world, topics)
    bodies = texts(world, topics, FITTED["words_answer"])
    questions = texts(world, topics[first], FITTED["words_question"])
    users = ['<?xml version="1.0" encoding="utf-8"?>', "<users>"]
    users += [
        f'  <row Id="{p.index + 1}" Reputation="{int(1 + 1e4 * world.activity[p.index])}"'
        f' CreationDate="2021-06-01T00:00:00.000" DisplayName={quoteattr(p.name)} />'
        for p in world.people
    ]
    (folder / "Users.xml").write_text("\n".join([*users, "</users>\n"]), encoding="utf-8")
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<posts>"]
    question_of: dict[int, int] = {}
    asked = iter(questions)
    for i in range(thread.size):
        t, post_id, owner = int(thread[i]), i + 1, int(owners[i]) + 1
        common = f'Id="{post_id}" CreationDate="{_iso(when[i])}.000" OwnerUserId="{owner}"'
        common += f' Score="{int(world.rng.poisson(1.5))}"'
        if first[i]:
            question_of[t] = post_id
            text = next(asked)
            title = " ".join(text.split()[:8])
            tags = "".join(f"&lt;{tag}&gt;" for tag in topic_tags(world, int(topics[i])))
            body = quoteattr(f"<p>{escape(text)}</p>")
            lines.append(
                f'  <row {common} PostTypeId="1" Title={quoteattr(title)}'
                f' Tags="{tags}" Body={body} />'
            )
        else:
            body = quoteattr(f"<p>{escape(bodies[i])}</p>")
            lines.append(
                f'  <row {common} PostTypeId="2" ParentId="{question_of[t]}" Body={body} />'
            )
    (folder / "Posts.xml").write_text("\n".join([*lines, "</posts>\n"]), encoding="utf-8")
    return thread.size + _se_comments(world, folder, when, topics, count - thread.size)


def math_comments() -> float:
    """Expected comments per post under the fitted shape (for the posts/comments split)."""
    none, mu, sigma = FITTED["comments_per_post"]
    return (1 - none) * float(np.exp(mu + sigma**2 / 2))


def _se_comments(
    world: World, folder: Path, when: np.ndarray, topics: np.ndarray, count: int
) -> int:
    post = world.rng.integers(0, when.size, size=count)
    owners = authors(world, topics[post])
    bodies = texts(world, topics[post], FITTED["words_comment"])
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<comments>"]
    for i in range(count):
        at = _iso(when[post[i]] + float(world.rng.exponential(86400.0)))
        lines.append(
            f'  <row Id="{i + 1}" PostId="{post[i] + 1}" Score="0"'
            f' Text={quoteattr(bodies[i])} CreationDate="{at}.000" UserId="{owners[i] + 1}" />'
        )
    (folder / "Comments.xml").write_text("\n".join([*lines, "</comments>\n"]), encoding="utf-8")
    return count


def write_docs(world: World, folder: Path, count: int) -> int:
    """Markdown pages with front matter (title, authors, date, tags), a folder per topic."""
    topics = pick_topics(world, count)
    writers = authors(world, topics)
    co_writers = authors(world, topics)
    bodies = texts(world, topics, ASSUMED["words_document"])
    when = dates(world, count)
    for i in range(count):
        words = bodies[i].split()
        title = " ".join(words[:6]).title()
        names = [world.people[writers[i]].name]
        if co_writers[i] != writers[i] and world.rng.random() < 0.3:
            names.append(world.people[co_writers[i]].name)
        paragraphs = "\n\n".join(
            textwrap.fill(" ".join(words[s : s + 60]), 80) for s in range(0, len(words), 60)
        )
        front = json.dumps(
            {
                "title": title,
                "authors": names,
                "date": _iso(when[i]),
                "tags": topic_tags(world, int(topics[i])),
            }
        )
        page = folder / f"topic-{topics[i]:03d}" / f"page-{i:07d}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"---\n{front}\n---\n# {title}\n\n{paragraphs}\n", encoding="utf-8")
    return count


def write_commits(world: World, path: Path, count: int) -> int:
    """Commits as JSON lines: subject, message and touched paths, author with email."""
    topics = pick_topics(world, count)
    writers = authors(world, topics)
    messages = texts(world, topics, ASSUMED["words_commit"])
    when = dates(world, count)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for i in range(count):
            words = messages[i].split()
            tags = topic_tags(world, int(topics[i]))
            files = [f"src/{tags[0]}/{w}.py" for w in words[: int(world.rng.integers(1, 5))]]
            person = world.people[writers[i]]
            line = {
                "id": f"{i:012x}{int(when[i]):08x}",
                "kind": "commit",
                "title": " ".join(words[:8]),
                "text": messages[i] + "\n\n" + "\n".join(files),
                "authors": [f"{person.name} <{person.email}>"],
                "date": _iso(when[i]),
            }
            handle.write(json.dumps(line) + "\n")
    return count
