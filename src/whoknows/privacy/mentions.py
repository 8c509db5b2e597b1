"""Who a mention names: the terms that mention one person (names, handles, emails), and
the keyed hashes they are looked for by, so that erasure tombstones keep no plain names
(:mod:`whoknows.privacy.masking` finds and masks them in text).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from whoknows.identity.names import normalize_email
from whoknows.index.analysis import STOPWORDS
from whoknows.text import fold_accents

MAX_NAME_WORDS = 5
# scripts written without spaces between words: a Latin name beside them is a word of its own
# ("请问Luka Schmidt在吗", "Schmidtさん")
UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
# letters and digits: "_Luka_" is the word "Luka", as indexed
WORD = re.compile(rf"[^\W_{UNSPACED}]+|[{UNSPACED}]+")
UNSPACED_RUN = re.compile(f"[{UNSPACED}]+")
UNSPACED_NAME = (2, 6)  # the lengths of a name written without spaces that are looked for
# the particles of names, everyone's words: "de los" of Juan de los Santos is no mention
_PARTICLES = frozenset(
    "van von der den de del della di da dos das do du des la le los las el al bin ibn ter ten"
    " zu y e".split()
)

_OPAQUE = re.compile(r"\w+(?:[:\-]\w+)*")


def opaque_id(value: str) -> bool:
    """Whether a source's id for a person can stand as a mention of them in text: an opaque
    token of letters and digits, maybe in parts joined by hyphens or colons (a Slack user id
    "<@U001CORV>", a Teams GUID, a Jira "712020:ae1de930-..."), never a plain number or word
    (a Stack Exchange "1231" also occurs in text for other reasons)."""
    token = value.strip()
    return (
        len(token) >= 6
        and _OPAQUE.fullmatch(token) is not None
        and any(c.isdigit() for c in token)
        and any(c.isalpha() for c in token)
    )


def id_handles(value: str) -> set[str]:
    """The forms an opaque id is written in text: whole, and its last part after a colon
    (a Jira mention shows "712020:uuid" or the uuid alone)."""
    if not opaque_id(value):
        return set()
    token = value.strip()
    found = {token, token.replace("-", "")}  # a GUID is also written without its dashes
    last = token.rpartition(":")[2]
    if opaque_id(last):
        found |= {last, last.replace("-", "")}
    return found


def fold(text: str) -> str:
    return fold_accents(text).lower()


def words(text: str) -> list[str]:
    return [fold(w) for w in WORD.findall(text)]


@dataclass(frozen=True)
class MentionTerms:
    """The plain terms that mention one person; only ever hashed before they are stored."""

    names: frozenset[str] = frozenset()
    handles: frozenset[str] = frozenset()
    emails: frozenset[str] = frozenset()

    def hashed(self, salt: bytes) -> set[tuple[str, str]]:
        """(kind, digest) pairs: word sequences, capitalised given names and surnames,
        handles (with those a name is written as: "ines_moreau", "inesmoreau"), emails."""
        found: set[tuple[str, str]] = set()
        handles = set(self.handles)
        name_words = {word for name in self.names for word in words(name) if len(word) >= 2}
        for name in self.names:
            for kind, term in _name_terms(name):
                found.add((kind, digest(salt, kind, term)))
            handles |= _name_handles(name)
        for handle in handles:
            key = fold(handle.strip().lstrip("@"))
            if not key:
                continue
            # a handle that is (the start of) a name's word, "will" of Will or William Smith,
            # is a word of everyone's too: in a text, masked as a given name is (capitalised),
            # or as "@will", or as the whole text (a username field)
            named = key.isalpha() and any(word.startswith(key) for word in name_words)
            kind = "word_handle" if named else "handle"
            found.add((kind, digest(salt, kind, key)))
            if WORD.fullmatch(key):
                found.add(("first", digest(salt, "first", key)))
        for email in self.emails:
            address = normalize_email(fold(email))
            if address:
                found.add(("email", digest(salt, "email", address)))
        return found


def _parts(name: str) -> list[list[str]]:
    """The name's space-separated parts, each as its words ("Jean-Marc Petit": [jean, marc],
    [petit])."""
    return [found for part in name.split() if (found := words(part))]


def _name_handles(name: str) -> set[str]:
    """How a two-part name is written as one token: joined by "_", ".", "-" or nothing, in
    either order ("ines_moreau", "moreau.ines"; a hyphenated part with or without its hyphen:
    "jean-marc.petit", "jeanmarc.petit")."""
    parts = _parts(name)
    if len(parts) != 2 or min(len("".join(part)) for part in parts) < 2:
        return set()
    first, last = ({"-".join(part), "".join(part)} for part in parts)
    pairs = [(a, b) for a in first for b in last]
    joints = ("_", ".", "-", "")
    return {joint.join(order) for joint in joints for a, b in pairs for order in ((a, b), (b, a))}


def dropped(word: str) -> bool:
    """Whether the lexical index drops ``word`` (folded) between two it keeps, so that it
    pairs them, and it reads as part of a name: a letter alone (an initial), a number. (A
    stopword is dropped too, but "mark the price" is no mention of Mark Price.)"""
    return len(word) == 1 or word.isdigit()


def _name_terms(name: str) -> list[tuple[str, str]]:
    tokens = words(name)
    if not tokens:
        return []
    written = WORD.findall(unicodedata.normalize("NFC", name))  # (folding splits Hangul)
    if all(UNSPACED_RUN.fullmatch(token) for token in written):
        # "张伟", "田中 太郎", "김민수": the text around it has no spaces either, so the name
        # and each of its parts are looked for inside runs of such characters ("问一下张伟吧")
        parts = {"".join(written), *written}
        low, high = UNSPACED_NAME
        return [("unspaced", part) for part in parts if low <= len(part) <= high]
    if len(tokens) == 1:
        kind = "given" if tokens[0].isalpha() else "handle"
        return [(kind, tokens[0]), ("first", tokens[0])]
    sequences = [tokens, [tokens[-1], *tokens[:-1]], [tokens[0][0], tokens[-1]]]
    # each word with the surname, in either order, as the index pairs them ("luka schmidt" of
    # Luka M. Schmidt, "anna schmidt" and "maria schmidt" of Anna Maria Schmidt); not a
    # particle ("von der", "de los" are everyone's words)
    kept = [t for t in tokens if not dropped(t) and t not in STOPWORDS and t not in _PARTICLES]
    if len(kept) >= 2 and (len(kept) > 2 or kept != tokens):
        sequences += [pair for word in kept[:-1] for pair in ([word, kept[-1]], [kept[-1], word])]
    # a hyphenated part is one name ("Jean-Marc", "Anne-Sophie"): never half of it masked
    sequences += [part for part in _parts(name) if len(part) > 1]
    terms = [("seq", " ".join(s[:MAX_NAME_WORDS])) for s in sequences]
    terms += [("first", s[0]) for s in sequences]
    if len(tokens[0]) >= 3:
        terms += [("given", tokens[0]), ("first", tokens[0])]
    if len(tokens[-1]) >= 3:  # "ask Moreau", "Mme Moreau": a capitalised surname alone
        terms += [("given", tokens[-1]), ("first", tokens[-1])]
    return terms


def digest(salt: bytes, kind: str, term: str) -> str:
    """The keyed hash a term is stored and looked up by."""
    return hashlib.blake2b(f"{kind}\x1f{term}".encode(), key=salt, digest_size=16).hexdigest()
