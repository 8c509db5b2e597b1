"""Discourse forums through their API JSON: topics (``/t/{id}.json``), ``/posts.json`` and
``/latest.json``, a file or a folder of them.

A topic file holds the whole thread, so its roles are exact: the opener asks when others
replied or an answer was accepted (discourse-solved), the accepted post's author is the
accepted answerer, and the other replies are read as every source reads a reply (a thanks,
a "+1", a question or a pointer shows interest; the opener's own replies follow up).
``/posts.json`` pages fill in posts of topics not dumped; ``/latest.json`` gives titles, tags
and user names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from selectolax.lexbor import LexborHTMLParser

from whoknows.errors import Position
from whoknows.i18n import N_, Term
from whoknows.ingest._chat import chat_role, contribution_weight, json_files, load_json
from whoknows.ingest._endorsements import endorsements
from whoknows.ingest._json import entry_date
from whoknows.ingest._refutations import REFUTES_META, disagrees
from whoknows.ingest._threads import tells_own_fix
from whoknows.ingest.base import BASE_URL, ConnectorOption, IngestContext
from whoknows.records import Contribution, ItemRecord, PersonRecord, PersonRef, Record
from whoknows.text import html_to_text
from whoknows.vocab import ContributionRole

SOURCE = "discourse"
WHAT = Term(N_("Discourse API JSON (/t/ID.json, /posts.json, /latest.json) or a folder of them"))
_SYSTEM_USERS = {"system", "discobot"}
_LIKE = 2  # the post action type of a like in actions_summary
_SKIPPED_TYPES = {
    2: N_("discourse: moderator action (a system event)"),
    3: N_("discourse: small action (closed, pinned, moved: a system event)"),
    4: N_("discourse: whisper (staff only)"),
}
Json = dict[str, Any]


@dataclass
class _Topic:
    """What the posts of one topic share."""

    id: str
    title: str
    tags: list[str] = field(default_factory=list)
    question: bool = False  # others replied, or an answer was accepted
    solved: bool = False
    opener: str = ""  # the text of the first post, indexed with the replies
    opened_by: str = ""  # the first post's username, lower case
    numbers: dict[int, str] = field(default_factory=dict)  # post number -> post id
    said: set[str] = field(default_factory=set)  # sentences of its earlier posts, folded

    @property
    def opener_ref(self) -> PersonRef | None:
        """Who began the topic (the asker a referral answers), once its first post is read."""
        return _user(self.opened_by) if self.opened_by else None

    def native_id(self, number: int) -> str | None:
        """The id a post is stored under: the first post's is its topic's (``t`` and the topic
        id), as every source names a thread by its opener, so that an erasure of the opener
        finds the thread; the others keep their post ids."""
        return f"t{self.id}" if number == 1 else self.numbers.get(number)


def _tags(raw: object) -> list[str]:
    tags = raw if isinstance(raw, list) else []
    return [str(t.get("name") if isinstance(t, dict) else t) for t in tags if t]


def _text(cooked: str) -> tuple[str, list[str], list[tuple[str, int]]]:
    """Visible text of a cooked post without quotes of other posts or link previews, the
    usernames it mentions, and the posts it quotes (topic id, post number)."""
    tree = LexborHTMLParser(cooked)
    quoted = [  # (the posts it quotes itself: not those a quoted post quoted, an attacker's)
        (str(node.attributes.get("data-topic") or ""), int(str(node.attributes["data-post"])))
        for node in tree.css("aside.quote")
        if str(node.attributes.get("data-post") or "").isdigit() and not _inside_quote(node)
    ]
    for node in tree.css("aside.quote, aside.onebox, div.lightbox-wrapper"):
        node.decompose()
    mentions = [
        (node.text() or "").lstrip("@").lower()
        for node in tree.css("a.mention")
        if (node.text() or "").startswith("@")
    ]
    body = tree.body
    return html_to_text(body.html or "" if body is not None else ""), mentions, quoted


def _inside_quote(node: Any) -> bool:
    """Whether an HTML node sits inside a quote of another post."""
    parent = node.parent
    while parent is not None:
        if parent.tag == "aside" and "quote" in str(parent.attributes.get("class") or "").split():
            return True
        parent = parent.parent
    return False


def _gainsaid(quoted: list[tuple[str, int]], topic: _Topic, number: int, text: str) -> list[str]:
    """The uids of the replies a post quotes and gainsays ("No, never freeze vaccines. …")."""
    if not disagrees(text):
        return []
    return [
        f"{SOURCE}:{topic.numbers[quote]}"
        for topic_id, quote in quoted
        if topic_id in {"", topic.id} and 1 < quote != number and quote in topic.numbers
    ]


def _likes(post: Json) -> float:
    if isinstance(post.get("like_count"), int):
        return float(post["like_count"])
    return float(
        sum(
            int(a.get("count", 0))
            for a in post.get("actions_summary") or []
            if isinstance(a, dict) and a.get("id") == _LIKE
        )
    )


def _user(username: str, name: object = None) -> PersonRef:
    return PersonRef(
        SOURCE, username.lower(), name=str(name) if name else None, handle=username, account=True
    )


class DiscourseConnector:
    """Discourse: API JSON `/t/{id}.json`, `/posts.json`, `/latest.json`: topics and posts,
    accepted answers (discourse-solved), likes, mentions, tags; quotes removed (a reply that
    quotes another and gainsays it, "No, never freeze vaccines. …", refutes it); system posts,
    whispers, deleted and hidden posts excluded"""

    name: ClassVar[str] = "discourse"
    source: ClassVar[str] = SOURCE
    description: ClassVar[str] = N_("Discourse API JSON: topics, /posts.json, /latest.json")
    options: ClassVar[tuple[ConnectorOption, ...]] = (BASE_URL,)

    def parse(self, path: Path, context: IngestContext) -> Iterator[Record]:
        seen: set[str] = set()  # post ids already read from a topic file
        titles: dict[str, _Topic] = {}
        later: list[tuple[Path, Json]] = []
        for file in json_files(path, context, WHAT):
            data = load_json(file, context)
            if not isinstance(data, dict) or not (
                "post_stream" in data or "latest_posts" in data or "topic_list" in data
            ):
                if data is not None:
                    context.problem(
                        file, Position.json("$"), N_("not a Discourse topic, posts or latest list")
                    )
                continue
            if "post_stream" in data:
                yield from self._topic(data, file, seen, context)
            else:
                later.append((file, data))
        for file, data in sorted(later, key=lambda pair: "latest_posts" in pair[1]):
            if "topic_list" in data:
                yield from self._latest(data, titles)
            else:
                yield from self._latest_posts(data, file, titles, seen, context)

    def _topic(
        self, data: Json, file: Path, seen: set[str], context: IngestContext
    ) -> Iterator[ItemRecord]:
        stream = data.get("post_stream")
        posts = stream.get("posts") if isinstance(stream, dict) else None
        if not isinstance(posts, list) or data.get("id") is None:
            context.problem(
                file, Position.json("$"), N_("topic without an id or a post_stream.posts list")
            )
            return
        for number, post in enumerate(posts):
            if not isinstance(post, dict):
                where = Position.json(f"$.post_stream.posts[{number}]")
                context.problem(file, where, N_("a post must be a JSON object"))
                return

        opener: Json = next((p for p in posts if p.get("post_number") == 1), {})
        topic = _Topic(
            id=str(data["id"]),
            title=str(data.get("title") or data.get("fancy_title") or ""),
            tags=_tags(data.get("tags")),
            solved=bool(data.get("accepted_answer"))
            or any(p.get("accepted_answer") for p in posts),
            numbers={
                int(p["post_number"]): str(p["id"])
                for p in posts
                if p.get("id") and isinstance(p.get("post_number"), int)
            },
        )
        topic.question = topic.solved or any(
            p.get("post_number") != 1
            and p.get("username") != opener.get("username")
            and p.get("post_type", 1) == 1
            for p in posts
        )
        for number, post in enumerate(posts, 1):
            item = self._post(post, topic, file, Position.entry(number), context)
            if item is not None:
                seen.add(str(post["id"]))
                yield from endorsements(item, topic.opener_ref)

    @staticmethod
    def _latest(data: Json, titles: dict[str, _Topic]) -> Iterator[PersonRecord]:
        for user in data.get("users") or []:
            if isinstance(user, dict) and user.get("username"):
                if str(user["username"]).lower() in _SYSTEM_USERS or int(user.get("id", 1)) <= 0:
                    continue
                ref = _user(str(user["username"]), user.get("name"))
                names = [ref.name] if ref.name else []
                yield PersonRecord(ref=ref, names=names, handles=[str(user["username"])])
        for entry in (data.get("topic_list") or {}).get("topics") or []:
            if isinstance(entry, dict) and entry.get("id") is not None:
                titles[str(entry["id"])] = _Topic(
                    str(entry["id"]),
                    str(entry.get("title") or ""),
                    tags=_tags(entry.get("tags")),
                )

    def _latest_posts(
        self,
        data: Json,
        file: Path,
        titles: dict[str, _Topic],
        seen: set[str],
        context: IngestContext,
    ) -> Iterator[ItemRecord]:
        posts = data.get("latest_posts")
        if not isinstance(posts, list):
            context.problem(
                file, Position.json("$.latest_posts"), N_('"latest_posts" is not a list')
            )
            return
        for number, post in enumerate(posts):
            if not isinstance(post, dict):
                where = Position.json(f"$.latest_posts[{number}]")
                context.problem(file, where, N_("a post must be a JSON object"))
                return
        posts = [p for p in posts if str(p.get("id")) not in seen]
        authors: dict[str, set[str]] = {}
        for post in posts:  # a first pass: post numbers, and which topics are questions
            topic = self._topic_of(post, titles)
            if isinstance(post.get("post_number"), int):
                topic.numbers.setdefault(post["post_number"], str(post.get("id")))
            topic.solved = topic.solved or bool(post.get("accepted_answer"))
            authors.setdefault(topic.id, set()).add(str(post.get("username")))
        for topic_id, names in authors.items():
            titles[topic_id].question = titles[topic_id].solved or len(names) > 1
        for number, post in enumerate(posts, 1):
            topic = self._topic_of(post, titles)
            item = self._post(post, topic, file, Position.entry(number), context)
            if item is not None:
                seen.add(str(post["id"]))
                yield from endorsements(item, topic.opener_ref)

    @staticmethod
    def _topic_of(post: Json, titles: dict[str, _Topic]) -> _Topic:
        topic_id = str(post.get("topic_id") or "")
        if topic_id not in titles:
            title = str(post.get("topic_title") or "")
            titles[topic_id] = _Topic(topic_id, title)
        return titles[topic_id]

    def _post(
        self, post: Json, topic: _Topic, file: Path, position: Position, context: IngestContext
    ) -> ItemRecord | None:
        if post.get("id") is None or not post.get("username") or not post.get("post_number"):
            context.problem(file, position, N_("post without an id, a username or a post_number"))
            return None
        date = entry_date(post, "created_at", file, position, context)
        if date is None and post.get("created_at"):  # (it was kept undated, with a note)
            return None
        username = str(post["username"])
        reason = _skip_reason(post, username)
        if reason:
            context.skip(reason)
            return None
        text, mentions, quoted = _text(str(post.get("cooked") or ""))
        text = _own_words(text, topic)  # ("This. <the expert's sentence>. Exactly what we saw")
        if not text:
            context.skip(N_("discourse: post without text"))
            return None
        number = int(post["post_number"])
        if number == 1:
            topic.opener, topic.opened_by = text[:300], username.lower()
        role, kind, weight = self._role(post, topic, text, context)
        author = _user(username, post.get("name"))
        contributions = [Contribution(author, role, weight)]
        contributions += [
            Contribution(_user(m), ContributionRole.MENTIONED)
            for m in dict.fromkeys(mentions)
            if m and m != username.lower() and m not in _SYSTEM_USERS
        ]
        parent_number = post.get("reply_to_post_number") or (1 if number > 1 else None)
        base = (context.base_url or "").rstrip("/")
        refuted = _gainsaid(quoted, topic, number, text)
        return ItemRecord(
            source=SOURCE,
            native_id=topic.native_id(number) or str(post["id"]),
            kind=kind,
            title=topic.title if number == 1 else f"Re: {topic.title}",
            text=text,
            date=date,
            # (without the topic's slug, its title's words: Discourse redirects to it)
            url=f"{base}/t/{topic.id}/{number}" if base else None,
            thread_id=f"t{topic.id}",
            parent_id=topic.native_id(int(parent_number)) if parent_number else None,
            context=f"{topic.title}\n{topic.opener}".strip() if number > 1 else None,
            tags=topic.tags,
            contributions=contributions,
            signals={
                "score": _likes(post),
                "accepted": 1.0 if post.get("accepted_answer") else 0.0,
            }
            | ({REFUTES_META: 1.0} if refuted else {}),
            meta={REFUTES_META: refuted} if refuted else {},
        )

    @staticmethod
    def _role(
        post: Json, topic: _Topic, text: str, context: IngestContext
    ) -> tuple[ContributionRole, str, float]:
        """The opener asks or posts; a reply is read as every source reads one (a pointer
        refers, a question asks, a thanks, "+1" or "same here" acknowledges, at any length);
        the opener's own replies follow up; another's substantive reply answers a solved
        topic and replies to an open one."""
        if post.get("post_number") == 1:
            if topic.question:
                return ContributionRole.ASKER, "question" if topic.solved else "post", 1.0
            return chat_role(text, is_reply=False), "post", 1.0  # (unanswered: asks or posts)
        if post.get("accepted_answer"):
            return ContributionRole.ACCEPTED_ANSWERER, "answer", 1.0
        weight = contribution_weight(text, context, SOURCE)
        role = chat_role(text, is_reply=True)
        if role is not ContributionRole.REPLIER:
            return role, "post", weight
        if str(post.get("username") or "").lower() == topic.opened_by:
            own = ContributionRole.ANSWERER if tells_own_fix(text) else ContributionRole.COMMENTER
            return own, "post", weight
        if topic.solved:
            return ContributionRole.ANSWERER, "answer", weight
        return ContributionRole.REPLIER, "post", weight


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
REPEATED_WORDS = 6  # a sentence this long said again word for word is a copy, not a coincidence


def _own_words(text: str, topic: _Topic) -> str:
    """``text`` without the sentences an earlier post of its topic said word for word (a copy
    without quote markup: the words are the earlier writer's); the rest is remembered."""
    kept: list[str] = []
    for sentence in _SENTENCE_END.split(text):
        key = " ".join(sentence.lower().split())
        if len(key.split()) >= REPEATED_WORDS and key in topic.said:
            continue
        topic.said.add(key)
        kept.append(sentence)
    return " ".join(kept).strip()


def _skip_reason(post: Json, username: str) -> str | None:
    if username.lower() in _SYSTEM_USERS or int(post.get("user_id") or 1) <= 0:
        return N_("discourse: post by system or discobot")
    if post.get("deleted_at") or post.get("user_deleted"):
        return N_("discourse: deleted post")
    if post.get("hidden"):
        return N_("discourse: hidden (flagged) post")
    return _SKIPPED_TYPES.get(int(post.get("post_type") or 1))
