"""Sentences that credit others are not their writer's words (:mod:`whoknows.ingest._reports`):
the items marked at ingest are read again when the lexical index reads them, against the
workspace's people as they are then, and indexed without the sentences that name someone other
than their writers. An item's digest in the index holds the people's too, so that a status
mail stored before its team's first mail is read again once they are known."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable

from whoknows.index.analysis import STOPWORDS
from whoknows.ingest._doers import MASKED
from whoknows.ingest._reports import REPORT_SIGNAL, candidate_keys, name_keys
from whoknows.ingest._reports import without_credited as _without_credited
from whoknows.pipeline.notices import ForeignNotices
from whoknows.text import fold_accents
from whoknows.vocab import WRITER_ROLES


def people_keys(conn: sqlite3.Connection) -> tuple[dict[str, set[int]], dict[str, set[int]]]:
    """(names, handles): each key of a name of two words or more (the name folded, its first
    and last words) -> the people it names; each handle and one-word name -> the same. A
    one-word name is a username ("Haskell", "Speed" on a forum): only a mention ("@speed")
    is looked for by it."""
    names: dict[str, set[int]] = defaultdict(set)
    handles: dict[str, set[int]] = defaultdict(set)
    rows = conn.execute(
        "SELECT id, display_name, 'name' FROM persons WHERE is_bot = 0"
        " UNION ALL SELECT a.person_id, a.value, a.kind FROM aliases a JOIN persons p"
        " ON p.id = a.person_id WHERE p.is_bot = 0 AND a.kind IN ('name', 'handle')"
    )
    for person_id, name, kind in rows:
        written = str(name or "")
        whole = kind == "name" and len(written.split()) > 1
        for key in name_keys(written) - STOPWORDS:
            (names if whole else handles)[key].add(int(person_id))
    return names, handles


# a word of someone's name that this share of the items hold, a hundred of them at least, is
# a subject of the workspace ("Cardano" on a Cardano forum, where users are called "Anthony
# Cardano" and "Cardano Memes"): it names them only written whole or as a mention
SUBJECT_SHARE = 0.1
SUBJECT_ITEMS = 100
SAMPLE_ITEMS = 2000  # the items read to tell a subject word (every n-th one)
_WORDS = re.compile(r"[^\W\d_]+")


def subject_words(conn: sqlite3.Connection, keys: Iterable[str]) -> frozenset[str]:
    """The one-word ``keys`` that :data:`SUBJECT_SHARE` of the items hold (read on every n-th
    of at most :data:`SAMPLE_ITEMS` items), :data:`SUBJECT_ITEMS` of them at least."""
    wanted = {key for key in keys if " " not in key}
    (total,) = conn.execute("SELECT COUNT(*) FROM items").fetchone()
    if not wanted or total * SUBJECT_SHARE < SUBJECT_ITEMS:
        return frozenset()
    step = max(1, total // SAMPLE_ITEMS)
    held: Counter[str] = Counter()
    read = 0
    for title, text in conn.execute("SELECT title, text FROM items WHERE id % ? = 0", (step,)):
        words = set(_WORDS.findall(fold_accents(f"{title or ''} {text or ''}").lower()))
        held.update(words & wanted)
        read += 1
    return frozenset(key for key, n in held.items() if read and n / read >= SUBJECT_SHARE)


class CreditedSentences:
    """What the lexical index reads of the marked items: their text without the sentences
    that credit someone else, and a digest that changes with the people."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.reporting = frozenset(
            item
            for (item,) in conn.execute(
                "SELECT item_id FROM signals WHERE name = ?", (REPORT_SIGNAL,)
            )
        )
        self.notices = ForeignNotices(conn)
        self.marked = self.reporting | self.notices.noticed
        self._keys: tuple[dict[str, set[int]], dict[str, set[int]]] | None = None
        self._subjects: frozenset[str] | None = None
        self._digest: int | None = None
        # each marked item's text as read once (None: nothing left out): the lexical index,
        # the word counts and the embeddings of one rebuild ask for the same items
        self._read: dict[int, str | None] = {}

    @property
    def keys(self) -> tuple[dict[str, set[int]], dict[str, set[int]]]:
        if self._keys is None:
            self._keys = people_keys(self.conn) if self.reporting else ({}, {})
        return self._keys

    @property
    def subjects(self) -> frozenset[str]:
        """The words of people's names that are subjects of the workspace (see
        :data:`SUBJECT_SHARE`)."""
        if self._subjects is None:
            self._subjects = (
                subject_words(self.conn, self.keys[0]) if self.reporting else frozenset()
            )
        return self._subjects

    @property
    def people_digest(self) -> int:
        """The people's names as a 64-bit number (0 when no item is marked)."""
        if self._digest is None:
            every = [*self.keys[0].items(), *(("@" + k, v) for k, v in self.keys[1].items())]
            names = "\n".join(sorted(f"{k}:{sorted(v)}" for k, v in every))
            names += "\n" + " ".join(sorted(self.subjects))
            names += "\n" + " ".join(sorted(self.notices.organisation))
            self._digest = int(hashlib.sha1(names.encode("utf-8")).hexdigest()[:16], 16)
        return self._digest if self.marked else 0

    def digest(self, item_id: int, content_digest: int) -> int:
        """An item's digest in the lexical index: its content's, and the people's if marked."""
        return content_digest ^ self.people_digest if item_id in self.marked else content_digest

    def text(self, item_id: int, text: str) -> str:
        """The item's text as indexed: without the sentences that credit someone else."""
        if item_id not in self.marked or not text:
            return text
        if item_id not in self._read:
            if self.notices.foreign(item_id, text):
                left = ""  # (another organisation's document: none of its words its writers')
            elif item_id in self.reporting:
                left = self._without_credited(item_id, text)
            else:
                left = text
            self._read[item_id] = None if left == text else left
        own = self._read[item_id]
        return text if own is None else own

    def _without_credited(self, item_id: int, text: str) -> str:
        writers = {
            int(person)
            for (person, role) in self.conn.execute(
                "SELECT person_id, role FROM contributions WHERE item_id = ?", (item_id,)
            )
            if role in WRITER_ROLES
        }

        names, handles = self.keys
        subjects = self.subjects

        def someone_else(name: str) -> bool:
            if name in MASKED:
                return True
            mention = name.startswith("@")
            return any(
                (names.get(key, set()) | (handles.get(key, set()) if mention else set())) - writers
                for key in candidate_keys(name)
                if mention or key not in subjects
            )

        def one_of_them(name: str) -> bool:
            mention = name.startswith("@")
            return any(
                (names.get(key, set()) | (handles.get(key, set()) if mention else set())) & writers
                for key in candidate_keys(name)
                if mention or key not in subjects
            )

        left = _without_credited(text, someone_else, one_of_them)
        return text if left is None else left

    def indexed(self, item_id: int, title: str | None, text: str) -> tuple[str | None, str]:
        """(title, text) as indexed and embedded: the text without what credits others, and
        no title when it is that text's beginning (a chat message's headline)."""
        own = self.text(item_id, text)
        if not own and text and item_id in self.notices.noticed:
            return None, own  # (its title is its holder's too: "Presstec P400 – manual")
        return (None if own != text and _headline_of(title, text) else title), own


def _headline_of(title: str | None, text: str | None) -> bool:
    """Whether ``title`` is the beginning of ``text`` (a chat message's headline)."""
    core = (title or "").removesuffix("…").strip()
    return bool(core) and " ".join((text or "").split()).startswith(" ".join(core.split()))
