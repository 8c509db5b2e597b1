"""Find and mask mentions of people in free text: names, handles and email addresses.

Matching folds case and accents and works on whole words. A matcher holds only keyed hashes
of the terms it looks for (so erasure tombstones keep no plain names); the same code masks
opted-out people from plain names at display time (:func:`mask_names`).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import unquote

from whoknows.identity.names import normalize_email
from whoknows.privacy.mentions import (
    MAX_NAME_WORDS,
    UNSPACED,
    UNSPACED_NAME,
    UNSPACED_RUN,
    WORD,
    MentionTerms,
    digest,
    fold,
    id_handles,
    words,
)
from whoknows.text import ERASED_MARK, OPTED_OUT_MARK, without_format_characters

MARK = ERASED_MARK
_LATIN_WORD = re.compile(r"[^\W_]+")  # the same where no such script occurs (quicker)
_HAS_UNSPACED = re.compile(f"[{UNSPACED}]").search
# Each pattern begins only where a run of what it reads begins (a later start in the run could
# only find a later match): a 100,000-letter word is read once, not once per letter.
_UNDERSCORED = re.compile(r"(?:@|(?<![\w@]))\w*_\w*")  # a handle may hold underscores: "ines_m"
_EMAIL = re.compile(r"(?<![\w.+\-])[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_COMPOUND = re.compile(r"(?:@|(?<![\w@]))\w+(?:[.\-]\w+)+")
_COLON_ID = re.compile(r"(?:@|(?<![\w@]))\w+(?::[\w\-]+)+")  # a Jira account id: "712020:ae1…"
_GUID = re.compile(r"[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}")  # a Teams user id
_PART = re.compile(r"[.\-]")
# between the words of one name, anything but letters and digits ("Moreau, Inès",
# "ines/moreau", "«Inès» «Moreau»", "ines_moreau"), as the lexical index pairs words across
# it; not what ends a clause or joins code ("mark; price", "Bill(gates=3)")
_GAP = re.compile(r"(?![(\[])(?:[^\w;:!?=<>{}.。；：！？]|_)+")
_AFTER_INITIAL = re.compile(r"\.(?:[^\w;:!?=<>{}.。；：！？]|_)*")  # "L. Schmidt", "J.R.R. Tolkien"
MAX_SKIPPED = 4  # words the index drops, stepped over within a name ("luka m. schmidt")


@dataclass
class MentionMatcher:
    """Masks every mention whose hash is in ``hashes`` ((kind, digest) pairs)."""

    salt: bytes
    hashes: set[tuple[str, str]]
    mark: str = MARK
    _cache: dict[tuple[str, str], bool] = field(default_factory=dict, repr=False)

    def __bool__(self) -> bool:
        return bool(self.hashes)

    def _has(self, kind: str, term: str) -> bool:
        key = (kind, term)
        hit = self._cache.get(key)
        if hit is None:
            hit = (kind, digest(self.salt, kind, term)) in self.hashes
            if len(self._cache) > 200_000:
                self._cache.clear()
            self._cache[key] = hit
        return hit

    def spans(self, text: str) -> list[tuple[int, int]]:
        found = [
            m.span()
            for m in _EMAIL.finditer(text)
            if (key := normalize_email(fold(m.group()))) and self._has("email", key)
        ]
        found += [
            m.span()
            for pattern in (_COMPOUND, _COLON_ID, _GUID)
            for m in pattern.finditer(text)
            if self._has("handle", fold(m.group().lstrip("@")))
        ]
        if "_" in text:
            found += [
                m.span()
                for m in _UNDERSCORED.finditer(text)
                if self._has("handle", fold(m.group().lstrip("@")))
            ]
        found += self._joined_spans(text)
        found += self._word_spans(text)
        if _HAS_UNSPACED(text):
            found += self._unspaced_spans(text)
        return _merge(found)

    def _unspaced_spans(self, text: str) -> list[tuple[int, int]]:
        """Names written without spaces inside runs of characters of such scripts, the
        longest first at each place (no word boundary to go by: over-masking is the chosen
        failure)."""
        found = []
        low, high = UNSPACED_NAME
        for run in UNSPACED_RUN.finditer(text):
            start, end = run.span()
            at = start
            while at <= end - low:
                size = next(
                    (
                        n
                        for n in range(min(high, end - at), low - 1, -1)
                        if self._has("unspaced", text[at : at + n])
                    ),
                    0,
                )
                if size:
                    found.append((at, at + size))
                at += size or 1
        return found

    def _joined_spans(self, text: str) -> list[tuple[int, int]]:
        """Two neighbouring parts of a longer compound that are a handle: the
        "priya.raman" of a Message-ID "priya.raman.20261005@corvid.example"."""
        found = []
        for match in _COMPOUND.finditer(text):
            cuts = [
                match.start(),
                *(m.start() + match.start() for m in _PART.finditer(match.group())),
                match.end(),
            ]
            if len(cuts) < 4:  # (two parts: the compound itself was checked)
                continue
            for i in range(len(cuts) - 2):
                start = cuts[i] + (i > 0)
                if self._has("handle", fold(text[start : cuts[i + 2]].lstrip("@"))):
                    found.append((start, cuts[i + 2]))
        return found

    def mask_id(self, value: str | None) -> str | None:
        """A source identifier (an item's id, its thread's) with each mention replaced by a
        keyed hash of it: no name left, and the same id always masks alike (a later ingest of
        the same export finds the same item; two ids never become one)."""
        if not value or not self.hashes:
            return value
        return self._replaced(
            value, value, lambda found: f"[erased-{digest(self.salt, 'id', fold(found))[:12]}]"
        )

    def _word_spans(self, text: str) -> list[tuple[int, int]]:
        pattern = WORD if _HAS_UNSPACED(text) else _LATIN_WORD
        tokens = list(pattern.finditer(text))
        found: list[tuple[int, int]] = []
        for i, token in enumerate(tokens):
            first = fold(token.group())
            if not self._has("first", first):
                continue
            start = token.start() - (text[token.start() - 1 : token.start()] == "@")
            name = self._longest_name(text, tokens, i)
            if name:
                found.append((start, name[0][1]))
                found += name[1:]
            elif self._has("handle", first) or (
                (
                    token.group()[0].isupper()
                    or start < token.start()
                    or token.group() == text.strip()
                )
                and (self._has("given", first) or self._has("word_handle", first))
            ):
                found.append((start, token.end()))
        return found

    def _longest_name(
        self, text: str, tokens: list[re.Match[str]], i: int
    ) -> list[tuple[int, int]]:
        """The spans of the longest name starting at ``tokens[i]``: one span for its words as
        written ("luka m. schmidt" of Luka M. Schmidt), or one per word for its words as the
        index keeps them, stepping over what it drops (the "m." of "luka m. schmidt", the
        "and" of "luka and schmidt", left as they are); none when no name starts there."""
        written = [fold(tokens[i].group())]
        kept, places = written[:], [tokens[i].span()]
        best: list[tuple[int, int]] = []
        for j in range(i + 1, min(i + MAX_NAME_WORDS + MAX_SKIPPED, len(tokens))):
            gap = text[tokens[j - 1].end() : tokens[j].start()]
            after_initial = len(tokens[j - 1].group()) == 1 and _AFTER_INITIAL.fullmatch(gap)
            if not (_GAP.fullmatch(gap) or after_initial):
                break
            word = fold(tokens[j].group())
            written.append(word)
            # an initial is written with its full stop ("luka m. schmidt"; not the "a" of
            # "mark a price"), a number as it is
            initial = len(word) == 1 and text[tokens[j].end() : tokens[j].end() + 1] == "."
            if initial or word.isdigit():
                if len(written) - len(kept) > MAX_SKIPPED:
                    break
            else:
                kept.append(word)
                places.append(tokens[j].span())
            if len(written) <= MAX_NAME_WORDS and self._has("seq", " ".join(written)):
                best = [(tokens[i].start(), tokens[j].end())]
            elif (
                kept[-1] == word
                and 1 < len(kept) < len(written)
                and self._has("seq", " ".join(kept[:MAX_NAME_WORDS]))
            ):
                best = places[:]
        return best

    def url(self, url: str | None) -> str | None:
        """``url``, or None when it mentions someone ("github.com/ines-moreau/...",
        "wiki.example/u/aiko"; a name in its path in any case): a masked address would lead
        nowhere."""
        if url is None or not self.hashes:
            return url
        path = url.partition("://")[2].partition("/")[2]
        return url if self.mask(url) == url and not self._names_in_any_case(path) else None

    def tags(self, tags: list[str]) -> list[str]:
        """The tags that mention nobody ("ines-moreau", "aiko", "Tanaka" are dropped: a tag
        is a name in any case)."""
        if not self.hashes:
            return tags
        return [t for t in tags if self.mask(t) == t and not self._names_in_any_case(t)]

    def _names_in_any_case(self, text: str) -> bool:
        return any(
            self._has("given", word) or self._has("handle", word)
            for word in words(without_format_characters(text))
        )

    def without(self, text: str) -> str:
        """``text`` with every mention replaced by a space: a query naming someone hidden
        matches nothing of theirs, whatever the index being served still holds."""
        if not text or not self.hashes:
            return text
        return self._replaced(text, without_format_characters(text), lambda _: " ")

    def mask(self, text: str | None) -> str | None:
        """``text`` with every mention replaced by the mark (None stays None); a text whose
        accents are separate combining marks (NFD, as macOS writes names) or that holds
        invisible characters ("In\u200bès") is matched, and returned when masked, composed
        and without them: "Ine\u0300s" is one word."""
        if not text or not self.hashes:
            return text
        # (returned only when it masked; a percent-encoded name in a link is a name too)
        composed = without_format_characters(unquote(text) if "%" in text else text)
        return self._replaced(text, composed, lambda _: self.mark)

    def _replaced(self, text: str, composed: str, mark: Callable[[str], str]) -> str:
        """``composed`` with each mention replaced by ``mark(mention)``; ``text`` if none."""
        spans = self.spans(composed)
        if not spans:
            return text
        parts, last = [], 0
        for start, end in spans:
            parts += [composed[last:start], mark(composed[start:end])]
            last = end
        parts.append(composed[last:])
        return "".join(parts)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def matcher_for(terms: Iterable[MentionTerms], mark: str = MARK) -> MentionMatcher:
    """A matcher over plain terms (salted per call): for masking at display time."""
    salt = b"display"
    hashes: set[tuple[str, str]] = set()
    for each in terms:
        hashes |= each.hashed(salt)
    return MentionMatcher(salt, hashes, mark)


def mask_names(text: str, names: Iterable[str], mark: str = MARK) -> str:
    """``text`` with every mention of the given names, handles or emails replaced by ``mark``.

    For opted-out people: apply it wherever their colleagues' text is shown or indexed.
    A value with "@" counts as an email, one without spaces as a handle, else as a name.
    """
    values = [v.strip() for v in names if v and v.strip()]
    terms = MentionTerms(
        names=frozenset(v for v in values if "@" not in v),
        handles=frozenset(v for v in values if "@" not in v and " " not in v),
        emails=frozenset(v for v in values if "@" in v),
    )
    return matcher_for([terms], mark).mask(text) or text


def opted_out_matcher(conn: sqlite3.Connection) -> MentionMatcher:
    """Mentions of people who opted out, masked with a neutral mark (empty when nobody did)."""
    from whoknows.store.persons import hidden_people_aliases

    terms = []
    for aliases in hidden_people_aliases(conn).values():
        names = frozenset(v for kind, v in aliases if kind in ("name", "called"))
        # (a handle is kept as its source wrote it, "slack:hkowalski": mentioned without it)
        handles = {v.rpartition(":")[2] for kind, v in aliases if kind == "handle"}
        handles |= {h for kind, v in aliases if kind == "source_id" for h in id_handles(v)}
        emails = frozenset(v for kind, v in aliases if kind == "email")
        terms.append(MentionTerms(names, frozenset(handles), emails))
    return matcher_for(terms, OPTED_OUT_MARK)
