"""A mail has no mentions: it names its recipients in plain words ("Je mets Hugo en copie, il
connaît LDAP par cœur", "François gère le DNS."). A recipient's whole or first name in the body,
past the greeting (the reader's name), reads as the mention it stands for; a capitalised word no
recipient bears stays a word, since tools read like names ("Kafka gère les offsets")."""

from __future__ import annotations

import re

from whoknows.ingest._referrals import GREETING, PERSON_NAME
from whoknows.records import PersonRef

_FIRST_PART = re.compile(r"[a-z]{2,}(?=[._-][a-z])", re.IGNORECASE)


def names_of(person: PersonRef) -> list[str]:
    """How a message may name a colleague in plain words: their whole name, their first
    name ("Hugo Lefèvre", "Hugo"); from an address alone, its first part ("hugo.lefevre@")."""
    name = person.name or ""
    if not name and person.email and (first := _FIRST_PART.match(person.email)):
        name = first.group().capitalize()
    words = name.split()
    if len(words) > 1 and len(words[0]) > 2 and words[0].isupper():  # ("BENALI Karim")
        words = words[1:]
    if not words or not re.fullmatch(PERSON_NAME, words[0]):
        return []  # ("IT Support", "DSI", "noreply": a name only a person has)
    return [name, words[0]] if len(words) > 1 or name != words[0] else [name]


def _pattern(names: list[str]) -> str:
    alternatives = "|".join(map(re.escape, names))
    return rf"(?<![\w@.-])(?=(?:{alternatives})(?![\w@-]))"


def named(text: str, people: list[PersonRef]) -> list[PersonRef]:
    """Those of ``people`` that ``text`` names past its greeting."""
    body = text[_body_at(text) :]
    return [
        person
        for person in people
        if (names := names_of(person)) and re.search(_pattern(names), body)
    ]


def as_mentions(text: str, people: list[PersonRef]) -> str:
    """``text`` with the names of ``people`` past its greeting written as mentions ("@Hugo")."""
    names = [name for person in people for name in names_of(person)]
    if not names:
        return text
    at = _body_at(text)
    return text[:at] + re.sub(_pattern(sorted(names, key=len, reverse=True)), "@", text[at:])


def unmarked(text: str, people: list[PersonRef]) -> str:
    """``text`` with the mentions :func:`as_mentions` wrote back as plain names."""
    names = [re.escape(name) for person in people for name in names_of(person)]
    if not names:
        return text
    return re.sub(rf"@(?=(?:{'|'.join(names)})(?![\w@-]))", "", text)


def _body_at(text: str) -> int:
    greeting = GREETING.match(text)
    return greeting.end() if greeting else 0


__all__ = ["as_mentions", "named", "names_of", "unmarked"]
