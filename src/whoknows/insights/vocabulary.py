"""The topic vocabulary found in the items (tags, phrases that recur in titles), built at index
time with the item rows on each topic, so that no insight reads every item when it starts.

On disk (``index/topics``): ``meta.json`` (format, store generation, the topics in order: label,
analysed terms, origin) and the rows -> topics table (CSR: ``row_offsets``, ``row_topics``),
memory-mapped. Declared skills are not in it: they change without a reindex, and
:class:`~whoknows.insights.topics.TopicSpace` reads them when it is made.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import numpy as np

from whoknows.errors import IndexStateError
from whoknows.i18n import N_
from whoknows.index._files import load_arrays, save_arrays
from whoknows.index.analysis import STOPWORDS, tokenize
from whoknows.index.lexical import LexicalIndex
from whoknows.index.specificity import RAREST, language_frequencies
from whoknows.text import fold_accents

FORMAT = "whoknows-topics/3"  # 2: a title phrase stays within a clause; 3: rare words
ARRAYS = ("row_offsets", "row_topics")
MIN_PHRASE_ITEMS = 3
# a title word is a subject alone when the language writes it less than once in this many
# words (one in a hundred thousand: chosen as a round figure, not fitted)
RARE_WORD = 1e-5
# the labels are found again from every title when this share of new items has arrived since
# (in a workspace of KEEP_MIN_ITEMS items or more; a smaller one finds them at every build)
REFIND_SHARE = 0.1
KEEP_MIN_ITEMS = 100_000
# a phrase must hold together: in at least this share of the titles that use its rarer word
# ("smart contract" does; "plutus smart", cut out of "Plutus smart contract", does not)
MIN_COHESION = 0.4
# words that make a title phrase about the situation rather than a subject ("new vpn")
GENERIC_WORDS = frozenset(
    """new old fails failing failed error errors issue issues problem problems best way ways
    still without does work works working wrong right first last next many much several able
    possible different same another other latest current simple quick fast slow slowly
    """.split()
)
# adverbs and fillers: a phrase that starts or ends with one is not how people name a subject
# ("exactly delivery", cut out of "exactly-once delivery")
FILLER_WORDS = frozenset(
    """exactly really just actually always never only even also quite very rather too
    suddenly randomly properly correctly sometimes usually often again anymore already soon
    now maybe perhaps almost mostly nearly simply basically finally probably completely fully
    vraiment toujours encore exactement seulement souvent jamais deja bien tres trop
    """.split()
)
_BREAKS = STOPWORDS | GENERIC_WORDS | FILLER_WORDS
_WORD = re.compile(r"[a-z0-9]+")
_TITLE_WORD = re.compile(r"[^\W_]+")
_CLAUSE_BREAK = re.compile(r"[:;,.!?()\[\]|/#«»\"“”–—]")
_SENTENCE_END = re.compile(r"[:.!?]")
_CHANNEL = re.compile(r"(?<!\w)#[^\s:,;]+")
# a mail's reply and forward prefixes, a tracker's or a list's bracketed tag
_MARKS = re.compile(
    r"^\W*(?i:(?:re|fw|fwd|tr|aw|wg|sv|vs|rv|réf|ref|antw|doorst|odp|res|enc|rif|ynt|vl)\s*(?:\[\d+\])?\s*:\s*)+|\[[^\]]{0,40}\]|"
    r"\b[A-Z][A-Z0-9]{1,9}-\d+\b",  # (and a ticket's key: "OPS-101")
)
# words of how work is sent or tracked, and a file's ending, that are no subject alone (a
# reviewer's titles: "Fwd: …", "WIP: …", "chore(deps): bump …", "FYI parking")
NO_SUBJECT_WORDS = frozenset(
    """fwd fyi wip asap ooo eod eow tbd tba chore deps ext inc chg ritm rfc pto wfh
    docx xlsx pptx pdf jpg jpeg png zip csv txt""".split()
)

Entry = tuple[str, tuple[str, ...], str]  # label, analysed terms, origin


def title_words(title: str) -> list[tuple[str, str]]:
    """(folded word, word as written) of a title; ("", "") where a phrase cannot go across:
    stopwords, generic words, fillers, short words and numbers, so that a phrase is two words
    that stand next to each other, within a clause, outside a channel's name ("#it-help:
    Directory sync" has no phrase "help directory", "#data-eng" no "data eng"). A capital
    that only starts the title or a sentence is not kept."""
    words: list[tuple[str, str]] = []
    lowered: list[tuple[int, str]] = []  # (where, as written) of capitals that start a sentence
    end = 0
    title = _CHANNEL.sub(" | ", title)  # "#data-eng: Spark …": a channel names no subject
    title = _MARKS.sub(" | ", title)  # ("Fwd:", "[JIRA]", "RE:": how it was sent, no subject)
    for match in _TITLE_WORD.finditer(title):
        gap = title[end : match.start()]
        if words and _CLAUSE_BREAK.search(gap):
            words.append(("", ""))
        starts_sentence = not words or bool(_SENTENCE_END.search(gap))
        end = match.end()
        written = match.group()
        folded = _WORD.findall(fold_accents(written.lower()))
        if len(folded) != 1 or len(folded[0]) <= 2 or folded[0].isdigit() or folded[0] in _BREAKS:
            words.append(("", ""))
            continue
        if starts_sentence and written[:1].isupper() and written[1:].islower():
            lowered.append((len(words), written))
            written = written.lower()
        words.append((folded[0], written))
    for at, written in lowered:  # ("Spring Boot upgrade": a name's capitals are its own)
        if at + 1 < len(words) and words[at + 1][1][:1].isupper():
            words[at] = (words[at][0], written)
    return words


def title_phrases(conn: sqlite3.Connection) -> list[str]:
    """Two-word phrases that recur in the titles of distinct threads, then words the
    language rarely writes that recur so (:func:`rare_title_words`), each in the form people
    write it most often (its capitals and accents kept)."""
    counts: Counter[tuple[str, str]] = Counter()
    word_counts: Counter[str] = Counter()
    surfaces: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    lone: dict[str, Counter[str]] = defaultdict(Counter)  # a word's forms, one a thread
    name_words = [
        _WORD.findall(fold_accents(str(name or "").lower()))
        for (name,) in conn.execute("SELECT display_name FROM persons")
    ]
    names = {pair for words in name_words for pair in pairwise(words)}  # ("Sam Jenkins")
    for (title,) in conn.execute(
        "SELECT DISTINCT title FROM items WHERE title IS NOT NULL AND parent_uid IS NULL"
    ):
        words = title_words(title)
        present = set(tokenize(" ".join(w for w, _ in words if w)))
        for word, shown in dict(words).items():
            if word and len(stems := tokenize(word)) == 1:
                lone[stems[0]][shown] += 1
        seen = set()
        for (first, shown_first), (second, shown_second) in pairwise(words):
            if not first or not second or (first, second) in names:
                continue
            stems = tokenize(f"{first} {second}")
            if len(stems) != 2 or stems[0] == stems[1]:
                continue
            key = (stems[0], stems[1])
            # (a pair's words read alone may differ from the title's: "compte rendu réunion"
            # reads "compterendu réunion", and "rendu réunion" reads "rendu", "réunion")
            present.update(key)
            if key not in seen:
                seen.add(key)
                counts[key] += 1
                surfaces[key][f"{shown_first} {shown_second}"] += 1
        word_counts.update(present)
    kept = [
        key
        for key, count in counts.items()
        if count >= MIN_PHRASE_ITEMS
        and count / min(word_counts[key[0]], word_counts[key[1]]) >= MIN_COHESION
    ]
    # a word whose titles mostly say it within a phrase kept is that phrase's ("conventionnelle"
    # of "rupture conventionnelle", "lag" of "consumer lag"), not a subject alone
    held: Counter[str] = Counter()
    for key in kept:
        for term in key:
            held[term] = max(held[term], counts[key])
    named = {term for words in name_words for term in tokenize(" ".join(words))}
    named |= _handles(conn)
    named |= {term for term, shown in lone.items() if held[term] >= MIN_COHESION * shown.total()}
    return [surfaces[key].most_common(1)[0][0] for key in kept] + rare_title_words(lone, named)


def _handles(conn: sqlite3.Connection) -> set[str]:
    """People's handles and the part of their addresses before the "@", as index terms
    ("@jdoe vacation" names a person, not a subject)."""
    rows = conn.execute(
        "SELECT a.key FROM aliases a JOIN persons p ON p.id = a.person_id"
        " WHERE a.kind IN ('handle', 'email') AND p.is_bot = 0"
    )  # (not a team's mailbox: "kafka@" names its subject)
    return {
        term
        for (key,) in rows
        if len(terms := tokenize(str(key).split("@")[0])) == 1
        for term in terms
    }


def rare_title_words(forms: dict[str, Counter[str]], left_out: set[str]) -> list[str]:
    """Words of thread titles that name a subject alone: in the titles of
    :data:`MIN_PHRASE_ITEMS` threads at least, rarer in the language than
    :data:`RARE_WORD` (a tool's or a trade's name: "Kafka", "Ansible", "VPN", "EDI"; not
    "import", "connexion", "client"), less ``left_out`` (the words of people's names and of
    phrases). A mailbox or a chat export has no tags, and two-word phrases recur in few of its
    subjects: a mail team's `person` pages said "no topic yet" for everyone, and its one topic
    was "congés payés"."""
    frequencies = language_frequencies()
    return [
        _written(shown)
        for term, shown in forms.items()
        if shown.total() >= MIN_PHRASE_ITEMS
        and term not in left_out
        and len(term) > 2
        and term.isalpha()  # ("v10", "inc0012345": a version, a ticket)
        and not {term, *map(str.lower, shown)} & NO_SUBJECT_WORDS
        and frequencies.get(term, RAREST) < RARE_WORD
    ]


def _written(shown: Counter[str]) -> str:
    """A word as its titles write it most often with a capital, where one does ("Kafka", not
    the "kafka" of a title that opens with it), else as they write it most."""
    capitalised = Counter({form: n for form, n in shown.items() if not form.islower()})
    return (capitalised or shown).most_common(1)[0][0]


def tag_labels(conn: sqlite3.Connection) -> list[str]:
    """Tags used on at least two items, lower case, in the order they first appear."""
    counts: Counter[str] = Counter()
    for (tags,) in conn.execute("SELECT tags FROM items WHERE tags IS NOT NULL"):
        counts.update(t.lower() for t in json.loads(tags))
    return [tag for tag, count in counts.items() if count >= 2]


def analysed(label: str) -> tuple[str, ...]:
    """A label's terms, as a topic is matched (hyphens are spaces)."""
    return tuple(dict.fromkeys(tokenize(label.replace("-", " "))))


def rows_with(lexical: LexicalIndex, terms: tuple[str, ...]) -> np.ndarray:
    """Index rows of the items that contain every term."""
    weights = lexical.weights
    rows: np.ndarray | None = None
    for term in terms:
        column = lexical.vocabulary.get(term)
        if column is None:
            return np.empty(0, dtype=np.int64)
        found = np.asarray(weights.indices[weights.indptr[column] : weights.indptr[column + 1]])
        rows = found if rows is None else np.intersect1d(rows, found, assume_unique=True)
        if rows.size == 0:
            break
    return rows.astype(np.int64) if rows is not None else np.empty(0, dtype=np.int64)


@dataclass
class TopicIndex:
    """The tag and phrase topics of the items and the rows -> topics table."""

    entries: list[Entry]
    arrays: dict[str, np.ndarray]
    meta: dict[str, object]

    @property
    def generation(self) -> int:
        return int(str(self.meta.get("generation", -1)))

    @classmethod
    def build(
        cls,
        conn: sqlite3.Connection,
        lexical: LexicalIndex,
        generation: int,
        previous: TopicIndex | None = None,
    ) -> TopicIndex:
        """The topics of the items and the rows of each. The labels of ``previous`` are
        kept (only the rows found again) while it is :meth:`still_usable`: reading every
        title again costs half a minute at 10^6 items."""
        found_at = len(lexical)
        if previous is not None and previous.still_usable(lexical):
            entries = _entries(lexical, [(label, origin) for label, _, origin in previous.entries])
            found_at = int(str(previous.meta["found_at_items"]))
        else:
            entries = _entries(lexical, [(t, "tag") for t in tag_labels(conn)])
            taken = {terms for _, terms, _ in entries}
            phrases = [(p, "phrase") for p in title_phrases(conn)]
            entries += [e for e in _entries(lexical, phrases) if e[1] not in taken]
        topic_rows = [rows_with(lexical, terms) for _, terms, _ in entries]
        arrays = _by_row(topic_rows, len(lexical))
        meta: dict[str, object] = {
            "format": FORMAT,
            "generation": generation,
            "topics": [[label, list(terms), origin] for label, terms, origin in entries],
            "items": len(lexical),
            "found_at_items": found_at,
            "masking": lexical.meta.get("masking"),
        }
        return cls(entries, arrays, meta)

    def still_usable(self, lexical: LexicalIndex) -> bool:
        """Whether this index's labels still serve ``lexical``, an update of the index it was
        made from: a large workspace, items only added (none changed or removed: no erased
        person's words remain), the same mentions masked, and fewer than
        :data:`REFIND_SHARE` of the items it found its labels in arrived since."""
        items, found_at = self.meta.get("items"), self.meta.get("found_at_items")
        if not isinstance(items, int) or not isinstance(found_at, int):
            return False
        added = int(str(lexical.meta.get("tokenized_now", -1)))
        only_added = items + added == len(lexical) and added >= 0
        same_masking = self.meta.get("masking") == lexical.meta.get("masking")
        few = len(lexical) - found_at < REFIND_SHARE * found_at
        return len(lexical) >= KEEP_MIN_ITEMS and only_added and same_masking and few

    def topics_at(self, rows: Iterable[int]) -> list[int]:
        """The topics (positions in :attr:`entries`) of any of ``rows``, sorted."""
        offsets, topics = self.arrays["row_offsets"], self.arrays["row_topics"]
        wanted = np.fromiter(rows, dtype=np.int64)
        starts, ends = offsets[wanted], offsets[wanted + 1]
        sizes = ends - starts
        at = np.repeat(starts - np.cumsum(sizes) + sizes, sizes) + np.arange(int(sizes.sum()))
        found: list[int] = np.unique(topics[at]).tolist()
        return found

    def save(self, folder: Path) -> None:
        save_arrays(folder, self.arrays, ARRAYS, self.meta)

    @classmethod
    def load(cls, folder: Path) -> TopicIndex:
        try:
            arrays, meta = load_arrays(folder, ARRAYS, FORMAT, mmap="r")
            raw = meta["topics"]
            if not isinstance(raw, list):
                raise ValueError("topics is not a list")
            entries = [(str(t[0]), tuple(str(x) for x in t[1]), str(t[2])) for t in raw]
        except (OSError, ValueError, KeyError, IndexError, TypeError) as error:
            raise IndexStateError(
                N_("the topic index is missing or damaged"),
                N_("run `whoknows reindex`"),
                where=str(folder),
            ) from error
        return cls(entries, arrays, meta)


def _entries(lexical: LexicalIndex, labels: list[tuple[str, str]]) -> list[Entry]:
    """Labels whose terms are all indexed, the first of each set of terms kept."""
    found: dict[tuple[str, ...], Entry] = {}
    for label, origin in labels:
        terms = analysed(label)
        if terms and terms not in found and all(t in lexical.vocabulary for t in terms):
            found[terms] = (label, terms, origin)
    return list(found.values())


def _by_row(topic_rows: list[np.ndarray], items: int) -> dict[str, np.ndarray]:
    """Rows -> topics (CSR), from each topic's rows."""
    sizes = [rows.size for rows in topic_rows]
    rows = np.concatenate(topic_rows) if topic_rows else np.empty(0, dtype=np.int64)
    topics = np.repeat(np.arange(len(topic_rows), dtype=np.int32), sizes)
    order = np.lexsort((topics, rows))
    offsets = np.zeros(items + 1, dtype=np.int64)
    if rows.size:
        np.cumsum(np.bincount(rows, minlength=items), out=offsets[1:])
    return {"row_offsets": offsets, "row_topics": topics[order]}
