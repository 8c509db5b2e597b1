"""Write the demo organization's exports in their real formats.

Everything is generated from a fixed seed, so two runs write the same files: a Stack Exchange
dump (the internal Q&A site), an mbox file and a maildir, a Slack export zip, a documents
folder (Markdown, HTML, text, PDF, DOCX), a git repository, a JSON-lines file of postmortems
and the people directory.
"""

from __future__ import annotations

import json
import mailbox
import random
import shutil
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from html import escape
from pathlib import Path

from whoknows.demo.content import (
    ASKERS,
    CHAT_ASKERS,
    CHAT_DATES,
    COMMENTS,
    GENERAL_CHAT,
    SECOND_ANSWERS,
    TEXT,
)
from whoknows.demo.people import BY_KEY, DOMAIN, STAFF, TOPICS, Employee, experts

FIRST_DAY = datetime(2024, 1, 10, 9, 0, tzinfo=UTC)
LAST_DAY = datetime(2026, 10, 25, 18, 0, tzinfo=UTC)
QA_SITE = "https://ask.corvid.example"
SEED = 7


def window(person: Employee) -> tuple[datetime, datetime]:
    start = max(FIRST_DAY, datetime.fromisoformat(person.start).replace(tzinfo=UTC))
    end = LAST_DAY
    if person.end:
        end = min(end, datetime.fromisoformat(person.end).replace(tzinfo=UTC))
    return start, end


def moment(rng: random.Random, *people: Employee) -> datetime:
    """A working-hours moment when every one of ``people`` worked here."""
    start = max(window(p)[0] for p in people)
    end = min(window(p)[1] for p in people)
    if end <= start:
        end = start + timedelta(days=1)
    day = start + timedelta(seconds=rng.uniform(0, (end - start).total_seconds()))
    return day.replace(hour=rng.randint(8, 17), minute=rng.randint(0, 59), second=0)


def active(person: Employee, when: datetime) -> bool:
    start, end = window(person)
    return start <= when <= end + timedelta(days=1)


def pick_expert(
    rng: random.Random, topic: str, exclude: tuple[Employee, ...] = (), when: datetime | None = None
) -> Employee | None:
    """A holder of ``topic`` (weighted by expertise), working here at ``when`` if given."""
    pool = [(e, w) for e, w in experts(topic) if e not in exclude]
    if when is not None:
        pool = [(e, w) for e, w in pool if active(e, when)]
    choice = rng.random()  # one draw whatever the pool, so the rest of the stream stays put
    total = sum(w**2 for _, w in pool)
    for person, weight in pool:
        choice -= weight**2 / total
        if choice < 0:
            return person
    return pool[-1][0] if pool else None


def pick_asker(rng: random.Random, topic: str, *exclude: Employee) -> Employee:
    pool = [e for e in STAFF if e.topics.get(topic, 0) < 0.5 and e not in exclude]
    return rng.choice(pool)


@dataclass
class Conversation:
    """One question and its replies, shared by the writers of every channel."""

    topic: str
    title: str
    question: str
    asker: Employee
    asked: datetime
    replies: list[tuple[Employee, str, datetime]] = field(default_factory=list)


def conversations(rng: random.Random) -> list[Conversation]:
    result = []
    for topic in TOPICS:
        text = TEXT[topic]
        for index, (title, body) in enumerate(text.questions):
            expert = pick_expert(rng, topic)
            assert expert is not None
            asker = pick_asker(rng, topic, expert)
            if title in ASKERS:
                asker = BY_KEY[ASKERS[title]]
            if topic in {"kafka", "forecasting"} and index == 0:
                asker = BY_KEY["e10"]  # Derek asks about what he claims to master
            asked = moment(rng, expert, asker)
            conversation = Conversation(topic, title, body, asker, asked)
            answered = asked + timedelta(hours=rng.randint(1, 30))
            conversation.replies.append((expert, text.answers[index], answered))
            if rng.random() < 0.6 and len(experts(topic)) > 1:
                later = answered + timedelta(hours=5)
                other = pick_expert(rng, topic, exclude=(expert, asker), when=later)
                rng.randint(0, 2)  # kept so that the draws after this one stay the same
                second = SECOND_ANSWERS.get(title)
                if other is not None and second is not None:
                    conversation.replies.append((other, second, later))
            result.append(conversation)
    return result


# -- Stack Exchange dump -------------------------------------------------------------------


def _row(parent: ET.Element, **attributes: object) -> None:
    ET.SubElement(parent, "row", {k: str(v) for k, v in attributes.items() if v is not None})


def _stamp(value: datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%S.000")


def write_stackexchange(folder: Path, talks: list[Conversation], rng: random.Random) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    user_ids = {e.key: index + 2 for index, e in enumerate(STAFF)}
    posts, comments, votes = ET.Element("posts"), ET.Element("comments"), ET.Element("votes")
    badges, tags_root = ET.Element("badges"), ET.Element("tags")
    reputation: Counter[str] = Counter()
    tag_counts: Counter[str] = Counter()
    post_id, comment_id, vote_id = 1, 1, 1
    for talk in talks:
        tags = TEXT[talk.topic].tags[:2]
        tag_counts.update(tags)
        question_id = post_id
        answer_ids = list(range(question_id + 1, question_id + 1 + len(talk.replies)))
        accepted = answer_ids[0] if rng.random() < 0.85 else None
        question_score = rng.randint(0, 6)
        _row(
            posts,
            Id=question_id,
            PostTypeId=1,
            AcceptedAnswerId=accepted,
            CreationDate=_stamp(talk.asked),
            Score=question_score,
            Body=f"<p>{escape(talk.question)}</p>",
            OwnerUserId=user_ids[talk.asker.key],
            Title=talk.title,
            Tags="".join(f"<{t}>" for t in tags),
            AnswerCount=len(talk.replies),
            CommentCount=1,
            ContentLicense="CC BY-SA 4.0",
        )
        for when_id, (author, text, when) in zip(answer_ids, talk.replies, strict=True):
            score = rng.randint(2, 9) if when_id == accepted else rng.randint(0, 3)
            reputation[author.key] += 10 * score + (15 if when_id == accepted else 0)
            _row(
                posts,
                Id=when_id,
                PostTypeId=2,
                ParentId=question_id,
                CreationDate=_stamp(when),
                Score=score,
                Body=f"<p>{escape(text)}</p>",
                OwnerUserId=user_ids[author.key],
                CommentCount=0,
                ContentLicense="CC BY-SA 4.0",
            )
            for _ in range(score):
                _row(
                    votes,
                    Id=vote_id,
                    PostId=when_id,
                    VoteTypeId=2,
                    CreationDate=_stamp(when)[:10] + "T00:00:00.000",
                )
                vote_id += 1
        if accepted:
            _row(
                votes,
                Id=vote_id,
                PostId=accepted,
                VoteTypeId=1,
                CreationDate=_stamp(talk.replies[0][2])[:10] + "T00:00:00.000",
            )
            vote_id += 1
        _row(
            comments,
            Id=comment_id,
            PostId=answer_ids[0],
            Score=0,
            Text=rng.choice(COMMENTS),
            CreationDate=_stamp(talk.replies[0][2] + timedelta(hours=2)),
            UserId=user_ids[talk.asker.key],
            ContentLicense="CC BY-SA 4.0",
        )
        comment_id += 1
        post_id += 1 + len(talk.replies)
    users = ET.Element("users")
    _row(
        users,
        Id=-1,
        Reputation=1,
        CreationDate="2023-11-02T10:00:00.000",
        DisplayName="Community",
        AboutMe="<p>I'm not really a person.</p>",
        Views=0,
        UpVotes=0,
        DownVotes=0,
        AccountId=-1,
    )
    about = {
        "e10": "<p>Solutions architect. Expert in machine learning, Kafka streaming and "
        "Kubernetes; I design data platforms for our largest customers.</p>",
        "e01": "<p>Accounts payable at Corvid. I run a small home lab.</p>",
        "e05": "<p>Data scientist: forecasting, time series, Python.</p>",
    }
    for employee in STAFF:
        display = "Ines Moreau" if employee.key == "e01" else employee.name
        _row(
            users,
            Id=user_ids[employee.key],
            Reputation=1 + reputation[employee.key],
            CreationDate=_stamp(window(employee)[0]),
            DisplayName=display,
            Location=employee.location,
            AboutMe=about.get(employee.key),
            Views=0,
            UpVotes=0,
            DownVotes=0,
            AccountId=1000 + user_ids[employee.key],
        )
    badge_id = 1
    for employee in STAFF:
        if reputation[employee.key] >= 200:
            _row(
                badges,
                Id=badge_id,
                UserId=user_ids[employee.key],
                Name="Enlightened",
                Date=_stamp(LAST_DAY),
                Class=2,
                TagBased="False",
            )
            badge_id += 1
    for index, (tag, count) in enumerate(sorted(tag_counts.items()), 1):
        _row(tags_root, Id=index, TagName=tag, Count=count)
    for name, root in (
        ("Posts", posts),
        ("Users", users),
        ("Comments", comments),
        ("Votes", votes),
        ("Badges", badges),
        ("Tags", tags_root),
    ):
        ET.ElementTree(root).write(folder / f"{name}.xml", encoding="utf-8", xml_declaration=True)


# -- email ---------------------------------------------------------------------------------

SIGNATURE = "\n\n-- \n{name}\n{title}, Corvid Logistics\n+33 4 00 00 00 00\n"


def _address(person: Employee) -> str:
    return f"{person.name} <{person.email}>"


def _message(
    sender: Employee,
    to: list[Employee],
    subject: str,
    body: str,
    when: datetime,
    reply_to: EmailMessage | None = None,
    charset: str = "utf-8",
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = _address(sender)
    message["To"] = ", ".join(_address(p) for p in to)
    message["Subject"] = subject
    message["Date"] = format_datetime(when)
    message["Message-ID"] = make_msgid(domain=DOMAIN)
    if reply_to is not None:
        message["In-Reply-To"] = reply_to["Message-ID"]
        references = str(reply_to.get("References", "")).split()
        message["References"] = " ".join([*references, reply_to["Message-ID"]])
        quoted = "\n".join("> " + line for line in _own_text(reply_to).splitlines())
        body = f"{body}\n\nOn {reply_to['Date']}, {reply_to['From']} wrote:\n{quoted}"
    body += SIGNATURE.format(name=sender.name, title=sender.title)
    message.set_content(body, charset=charset, cte="quoted-printable")
    return message


def _own_text(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    content = part.get_content() if part is not None else ""
    return content.split("\n-- \n")[0]


def mail_threads(talks: list[Conversation], rng: random.Random) -> list[EmailMessage]:
    messages = []
    for talk in talks[::2]:
        expert, answer, answered = talk.replies[0]
        first = _message(
            talk.asker,
            [expert],
            talk.title,
            f"Hi {expert.name.split()[0]},\n\n"
            f"{talk.question}\n\nThanks,\n{talk.asker.name.split()[0]}",
            talk.asked,
        )
        reply = _message(expert, [talk.asker], f"Re: {talk.title}", answer, answered, first)
        messages += [first, reply]
        if rng.random() < 0.5:
            thanks = _message(
                talk.asker,
                [expert],
                f"Re: {talk.title}",
                "Thanks a lot, that solved it.",
                answered + timedelta(hours=3),
                reply,
            )
            messages.append(thanks)
    lea, claire = BY_KEY["e08"], BY_KEY["e14"]
    french = _message(
        lea,
        [claire],
        "Revue des accès trimestrielle",
        "Bonjour Claire,\n\nLa revue trimestrielle des accès aura lieu lundi. "
        "Merci de vérifier les comptes à privilèges de l'équipe Finance et de "
        "révoquer les accès des départs.\n\nCordialement,\nLéa",
        datetime(2026, 3, 2, 9, 30, tzinfo=UTC),
        charset="iso-8859-1",
    )
    messages.append(french)
    report = _message(
        BY_KEY["e05"],
        [BY_KEY["e13"]],
        "Forecast accuracy report for Q3",
        "Omar,\n\nAttached is the backtest report of the depot volume forecast: "
        "MAPE 7.9% over the rolling-origin backtest, holiday weeks included.\n\n"
        "Priya",
        datetime(2026, 10, 2, 14, 0, tzinfo=UTC),
    )
    report.add_attachment(
        b"%PDF-1.4 fake report bytes",
        maintype="application",
        subtype="pdf",
        filename="backtest-q3.pdf",
    )
    messages.append(report)
    jira = EmailMessage()
    jira["From"] = "Jira <noreply@corvid.example>"
    jira["To"] = _address(BY_KEY["e02"])
    jira["Subject"] = "[JIRA] PLAT-112 assigned to you"
    jira["Date"] = format_datetime(datetime(2026, 5, 5, 8, 0, tzinfo=UTC))
    jira["Message-ID"] = make_msgid(domain="jira.corvid.example")
    jira["Auto-Submitted"] = "auto-generated"
    jira.set_content("PLAT-112 Upgrade cluster to 1.31 has been assigned to you.")
    messages.append(jira)
    return messages


def write_mail(mbox_path: Path, maildir_path: Path, messages: list[EmailMessage]) -> None:
    mbox_path.parent.mkdir(parents=True, exist_ok=True)
    split = int(len(messages) * 0.75)
    box = mailbox.mbox(str(mbox_path), create=True)
    try:
        for message in messages[:split]:
            box.add(message)
        box.flush()
    finally:
        box.close()
    shutil.rmtree(maildir_path, ignore_errors=True)
    directory = mailbox.Maildir(str(maildir_path), create=True)
    for message in messages[split:]:
        directory.add(message)


# -- Slack ---------------------------------------------------------------------------------

CHANNELS = {
    "edi": "general",
    "kubernetes": "platform",
    "observability": "platform",
    "postgresql": "platform",
    "kafka": "data",
    "forecasting": "data",
    "payments": "payments",
    "mobile": "mobile",
    "security": "security",
}


def write_slack(zip_path: Path, talks: list[Conversation], rng: random.Random) -> None:
    ids = {e.key: f"U0{index:02d}CORV" for index, e in enumerate(STAFF, 1)}
    users = [
        {
            "id": ids[e.key],
            "name": e.handle,
            "real_name": e.name,
            "deleted": bool(e.end),
            "is_bot": False,
            "profile": {
                "real_name": e.name,
                "display_name": e.handle,
                "email": e.email,
                "title": e.title,
            },
        }
        for e in STAFF
    ]
    users.append(
        {
            "id": "UDEPLOYBOT",
            "name": "deploybot",
            "real_name": "Deploy Bot",
            "is_bot": True,
            "profile": {"real_name": "Deploy Bot"},
        }
    )
    channel_names = sorted({*CHANNELS.values(), "general"})
    channels = [
        {
            "id": f"C{n.upper()[:6]:0<6}01",
            "name": n,
            "created": 1704880000,
            "members": list(ids.values()),
        }
        for n in channel_names
    ]
    days: dict[tuple[str, str], list[dict]] = defaultdict(list)

    def post(channel: str, user: str, text: str, when: datetime, **extra: object) -> str:
        ts = f"{when.timestamp():.6f}"
        message = {"type": "message", "user": user, "text": text, "ts": ts, **extra}
        days[(channel, when.strftime("%Y-%m-%d"))].append(message)
        return ts

    for topic in TOPICS:
        channel = CHANNELS[topic]
        for question, answer in TEXT[topic].chat:
            expert = pick_expert(rng, topic)
            asker = pick_asker(rng, topic, expert)
            asker = BY_KEY[CHAT_ASKERS.get(question, asker.key)]
            when = moment(rng, expert, asker)
            if question in CHAT_DATES:
                when = datetime.fromisoformat(CHAT_DATES[question])
            root = post(
                channel,
                ids[asker.key],
                question,
                when,
                reply_count=1,
                thread_ts=f"{when.timestamp():.6f}",
            )
            reply_text = f"<@{ids[asker.key]}> {answer}"
            post(
                channel,
                ids[expert.key],
                reply_text,
                when + timedelta(minutes=rng.randint(3, 50)),
                thread_ts=root,
                parent_user_id=ids[asker.key],
                reactions=[{"name": "pray", "users": [ids[asker.key]], "count": 1}],
            )
        for talk in talks:
            if talk.topic == topic and rng.random() < 0.5:
                expert, answer, answered = talk.replies[0]
                asked = talk.title if talk.title.endswith("?") else talk.title + "?"
                root = post(
                    channel,
                    ids[talk.asker.key],
                    asked,
                    talk.asked,
                    reply_count=1,
                    thread_ts=f"{talk.asked.timestamp():.6f}",
                )
                post(
                    channel,
                    ids[expert.key],
                    answer,
                    answered,
                    thread_ts=root,
                    parent_user_id=ids[talk.asker.key],
                    reactions=[{"name": "+1", "users": [ids[talk.asker.key]], "count": 1}],
                )
    for index, line in enumerate(GENERAL_CHAT):
        person = STAFF[(index * 5) % len(STAFF)]
        post("general", ids[person.key], line, moment(rng, person))
    post(
        "general",
        ids["e21"],
        "<@U021CORV> has joined the channel",
        datetime(2025, 1, 15, 9, 0, tzinfo=UTC),
        subtype="channel_join",
    )
    for index in range(6):
        post(
            "platform",
            "UDEPLOYBOT",
            f"Deployed tracking-api v1.{index} to production",
            datetime(2026, 4, 1 + index, 12, 0, tzinfo=UTC),
            subtype="bot_message",
            bot_id="BDEPLOY1",
        )
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("users.json", json.dumps(users, indent=1))
        archive.writestr("channels.json", json.dumps(channels, indent=1))
        for (channel, day), messages in sorted(days.items()):
            messages.sort(key=lambda m: float(m["ts"]))
            archive.writestr(
                f"{channel}/{day}.json", json.dumps(messages, indent=1, ensure_ascii=False)
            )
