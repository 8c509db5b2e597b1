"""Generated company traces for the scale benchmark: people, topics, words and threads drawn
from distributions fitted on a real dump, written by :mod:`scale_formats` in the export
formats the connectors read (Slack export, mbox, Stack Exchange XML, a documents folder and
commits as JSON lines).

Where each number comes from:

- ``FITTED``: measured once on the real Cardano Stack Exchange dump (2021, 822 questions,
  1,155 answers, 1,468 comments, 649 people) by ``benchmarks/scale_fit.py``; only these
  parameters are kept, never its data.
  * words per item, lognormal of ln(words): questions (mu 4.365, sigma 0.696), answers (4.18,
    0.867), comments (3.151, 0.834);
  * thread length: answers per question, 9.7% none, else lognormal (0.331, 0.444); comments
    per post, 66.3% none, else lognormal (0.537, 0.596);
  * activity: items per person follow a power law (alpha 1.62, xmin 1); as a rank-frequency
    law over the 200 most active people the exponent is 0.858 (the form sampled here);
  * vocabulary: Zipf exponent 1.432 over ranks 10-10,000 of word frequencies (Heaps' law
    K 14.0, beta 0.547 on the same text);
  * reply delay: lognormal of the seconds from question to answer (10.391, 2.378; median
    about 9 hours).
- ``ASSUMED``: what the dump cannot tell (stated, not measured): the mix of sources (chat
  half of what a company writes, then mail, commits, Q&A, documents; issue #14 says chat and
  mail are most of it), chat threads shaped like comment threads and mail threads like
  answer threads (the nearest real proxies), chat replies 30x faster than Q&A answers,
  document and commit message lengths, people and topics growing with the square root of the
  item count (5,000 people at 10^6 items), and how much of an item's words come from its
  topic.

Words are the whole-word pieces of the embedder's own sentencepiece vocabulary (about
30,000, multilingual: ranked by the model's unigram probability), then two-piece compounds,
ranked by the fitted Zipf law: common words are single pieces, rare ones split into several,
as in real text.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np

FITTED = {
    "words_question": (4.365, 0.696),
    "words_answer": (4.18, 0.867),
    "words_comment": (3.151, 0.834),
    "answers_per_question": (0.097, 0.331, 0.444),  # share with none, mu, sigma
    "comments_per_post": (0.663, 0.537, 0.596),
    "activity_rank_exponent": 0.858,
    "zipf_s": 1.432,
    "reply_delay_seconds": (10.391, 2.378),
}
ASSUMED = {
    # share of the items by kind of source
    "mix": {"chat": 0.50, "mail": 0.20, "commits": 0.15, "qa": 0.10, "docs": 0.05},
    "chat_delay_factor": 1 / 30,
    "words_document": (math.log(400), 0.8),  # a wiki page or design note: median 400 words
    "words_commit": (math.log(10), 0.7),  # a commit message: median 10 words
    "people_at_1m": 5000,
    "topics_at_1m": 400,
    "topic_share": 0.3,  # of an item's words drawn from its topic's own words
    "topic_words": 150,
    "topics_per_person": (1, 4),
    "specialist_share": 0.85,  # items written by someone who holds the item's topic
    "mention_share": 0.05,  # chat messages that @-mention someone
    "span_days": 730,
}
VOCABULARY = 300_000
START = 1_640_995_200.0  # 2022-01-01T00:00:00Z
_SYLLABLES = "ba be bi bo da de di do fa fe ka ke ki ko la le li lo ma me mi mo na ne ni no".split()
_SYLLABLES += "pa pe pi po ra re ri ro sa se si so ta te ti to va ve vi vo za ze zi zo".split()


@dataclass
class Person:
    index: int
    name: str
    email: str
    slack_id: str
    handle: str


@dataclass
class World:
    """Who writes about what, and the words they use; every draw goes through ``rng``."""

    size: int
    rng: np.random.Generator
    vocabulary: list[str]
    people: list[Person]
    activity: np.ndarray  # per person, the probability of writing an item
    topic_words: np.ndarray  # topics x topic_words, vocabulary indices
    topic_weights: np.ndarray  # topic popularity
    members: list[np.ndarray] = field(default_factory=list)  # per topic, its people
    member_weights: list[np.ndarray] = field(default_factory=list)
    end: float = START + ASSUMED["span_days"] * 86400.0

    @property
    def topics(self) -> int:
        return int(self.topic_words.shape[0])


def _zipf_cdf(n: int, exponent: float) -> np.ndarray:
    weights = np.arange(1, n + 1, dtype=np.float64) ** -exponent
    cdf = np.cumsum(weights)
    return cdf / cdf[-1]


def make_vocabulary(rng: np.random.Generator, size: int = VOCABULARY) -> list[str]:
    """Whole-word pieces by probability, then two-piece compounds (see the module text)."""
    from whoknows.index.embedders import compiled_tokenizer

    model = compiled_tokenizer()
    if model is None:
        raise SystemExit("the benchmark needs the sentencepiece package (make setup)")
    scored = [(model.get_score(i), model.id_to_piece(i)) for i in range(model.get_piece_size())]
    words = [p[1:] for _, p in sorted(scored, reverse=True) if re.fullmatch("▁[a-z]{2,}", p)]
    known = set(words)
    found = list(words)
    while len(found) < size:
        first = rng.integers(0, len(words), size - len(found))
        second = rng.integers(0, len(words), size - len(found))
        for a, b in zip(first.tolist(), second.tolist(), strict=True):
            word = words[a] + words[b]
            if word not in known:
                known.add(word)
                found.append(word)
    return found[:size]


def _names(rng: np.random.Generator, count: int) -> list[str]:
    seen: set[str] = set()
    names: list[str] = []
    while len(names) < count:
        parts = rng.choice(_SYLLABLES, size=5)
        name = f"{''.join(parts[:2]).title()} {''.join(parts[2:]).title()}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def make_world(size: int, seed: int) -> World:
    rng = np.random.default_rng(seed)
    vocabulary = make_vocabulary(rng)
    scale = math.sqrt(size / 1e6)
    n_people = max(100, round(ASSUMED["people_at_1m"] * scale))
    n_topics = max(20, round(ASSUMED["topics_at_1m"] * scale))
    people = [
        Person(
            i,
            name,
            name.lower().replace(" ", ".") + "@corp.example",
            f"U{i:08X}",
            name.split()[0].lower() + str(i),
        )
        for i, name in enumerate(_names(rng, n_people))
    ]
    ranks = rng.permutation(n_people) + 1
    activity = ranks.astype(np.float64) ** -FITTED["activity_rank_exponent"]
    activity /= activity.sum()
    # a topic's own words: mid-frequency whole words (ranks 300 to 25,000), in random order
    topic_words = rng.integers(300, 25_000, size=(n_topics, ASSUMED["topic_words"]))
    topic_weights = np.arange(1, n_topics + 1, dtype=np.float64) ** -0.8
    topic_weights = rng.permutation(topic_weights / topic_weights.sum())
    world = World(size, rng, vocabulary, people, activity, topic_words, topic_weights)
    low, high = ASSUMED["topics_per_person"]
    held = [
        rng.choice(n_topics, size=rng.integers(low, high + 1), replace=False, p=topic_weights)
        for _ in range(n_people)
    ]
    for topic in range(n_topics):
        members = np.asarray([p for p in range(n_people) if topic in held[p]], dtype=np.int64)
        if members.size == 0:
            members = rng.choice(n_people, size=3, replace=False, p=activity)
        weights = activity[members]
        world.members.append(members)
        world.member_weights.append(weights / weights.sum())
    return world


_GLOBAL_CDF: dict[int, np.ndarray] = {}


def texts(world: World, topics: np.ndarray, length: tuple[float, float]) -> list[str]:
    """One text per entry of ``topics``: lognormal length, Zipf words, some from the topic."""
    rng = world.rng
    n = topics.size
    lengths = np.clip(np.rint(rng.lognormal(*length, size=n)), 1, 5000).astype(np.int64)
    total = int(lengths.sum())
    size = len(world.vocabulary)
    cdf = _GLOBAL_CDF.get(size)
    if cdf is None:
        cdf = _GLOBAL_CDF[size] = _zipf_cdf(size, FITTED["zipf_s"])
    words = np.searchsorted(cdf, rng.random(total))
    owner = np.repeat(topics, lengths)
    own = rng.random(total) < ASSUMED["topic_share"]
    inner_cdf = _zipf_cdf(ASSUMED["topic_words"], 1.0)
    inner = np.searchsorted(inner_cdf, rng.random(int(own.sum())))
    words[own] = world.topic_words[owner[own], inner]
    vocabulary = world.vocabulary
    flat = [vocabulary[w] for w in words.tolist()]
    bounds = np.concatenate([[0], np.cumsum(lengths)]).tolist()
    return [" ".join(flat[bounds[i] : bounds[i + 1]]) for i in range(n)]


def authors(world: World, topics: np.ndarray) -> np.ndarray:
    """One author per topic entry: mostly someone who holds the topic, else anyone active."""
    rng = world.rng
    found = rng.choice(len(world.people), size=topics.size, p=world.activity)
    special = rng.random(topics.size) < ASSUMED["specialist_share"]
    for topic in np.unique(topics[special]).tolist():
        where = np.flatnonzero(special & (topics == topic))
        members, weights = world.members[topic], world.member_weights[topic]
        found[where] = rng.choice(members, size=where.size, p=weights)
    return found


def pick_topics(world: World, count: int) -> np.ndarray:
    return world.rng.choice(world.topics, size=count, p=world.topic_weights)


def thread_sizes(world: World, target: int, shape: tuple[float, float, float]) -> np.ndarray:
    """Replies per thread (the share with none, lognormal otherwise), enough threads for
    ``target`` items in all; the last thread is cut to land exactly on ``target``."""
    none, mu, sigma = shape
    rng = world.rng
    sizes: list[np.ndarray] = []
    total = 0
    while total < target:
        batch = max(16, target // 2)
        replies = np.maximum(1, np.rint(rng.lognormal(mu, sigma, size=batch))).astype(np.int64)
        replies[rng.random(batch) < none] = 0
        sizes.append(replies)
        total += int((replies + 1).sum())
    replies = np.concatenate(sizes)
    items = np.cumsum(replies + 1)
    last = int(np.searchsorted(items, target))
    replies = replies[: last + 1].copy()
    replies[-1] -= int(items[last] - target)
    return replies


def dates(world: World, count: int, span: tuple[float, float] | None = None) -> np.ndarray:
    """Thread start times over the span (uniform)."""
    start, end = span or (START, world.end)
    return np.sort(world.rng.uniform(start, end, size=count))


def delays(world: World, count: int, factor: float = 1.0) -> np.ndarray:
    mu, sigma = FITTED["reply_delay_seconds"]
    return world.rng.lognormal(mu, sigma, size=count) * factor


def topic_tags(world: World, topic: int) -> list[str]:
    return [world.vocabulary[w] for w in world.topic_words[topic, :3].tolist()]


def query_texts(world: World, count: int) -> list[str]:
    """Questions a user would type: 2-5 of a topic's most typical words."""
    rng = world.rng
    found = []
    for topic in pick_topics(world, count).tolist():
        k = int(rng.integers(2, 6))
        found.append(" ".join(world.vocabulary[w] for w in world.topic_words[topic, :k].tolist()))
    return found
