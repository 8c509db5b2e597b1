"""A mail has no mentions: it names its recipients in plain words ("Je mets Hugo en copie, il
connaît LDAP par cœur", "François gère le DNS."). A recipient's whole or first name in the body
reads as the mention it stands for, past the greeting and the vocative (the reader's name:
"Bonjour Hugo,", "Dear Hugo,", "Antoine, vois avec …") and outside a thanks ("Merci Hugo !"); a
capitalised word no recipient bears stays a word, since tools read like names ("Kafka gère les
offsets"), and a first name that is a common word ("Will", "Mark", "Grace") counts only whole."""

from __future__ import annotations

import re

from whoknows.ingest._pointer_words import PERSON_NAME
from whoknows.ingest._referrals import GREETING
from whoknows.records import PersonRef
from whoknows.text import first_last, strip_marks

_FIRST_PART = re.compile(r"[a-z]{2,}(?:-[a-z]{2,})?(?=[._][a-z])", re.IGNORECASE)
_TITLE = re.compile(r"^(?i:m|mme|mlle|mr|mrs|ms|dr|prof|pr)\.?\s+")
# first names that are words of the language at the start of a sentence ("Will update the wiki")
_WORDS = frozenset(
    "will mark bill guy may grace page rose frank art sage ruby june april hope joy faith pat "
    "sue jack dawn ray gene max".split()
)
_NAME = re.compile(rf"(?:{PERSON_NAME})")
_BRACKETED = re.compile(r"\s*[(\[][^)\]]*[)\]]")  # ("Hugo Lefèvre (DSI)")
# an address's first part that is a role, not a first name ("support.it@", "admin.sys@")
_ROLES = frozenset(
    "support admin service info contact help helpdesk noreply no ne do secretariat accueil rh hr "
    "it dsi compta facturation billing sales team equipe dev ops sys root postmaster webmaster "
    "mailer bot direction office".split()
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# the reader, greeted or called ("Bonjour Hugo,", "Dear Hugo,", "Antoine, vois avec Hugo")
_READER = re.compile(
    rf"(?:{GREETING.pattern})?"
    rf"(?:^\W*{PERSON_NAME}\s*,\s*(?=(?i:vois|voyez|demande|ask|talk|contact|ping|tu|vous|you|"
    r"can|could|peux|pouvez|je te|je vous|please|merci|thanks|I|je|j['’])\b))?"
)
# a name thanked ("thanks Helene", "merci @Hélène", "thank you Dr. Tremblay"): the name as
# written, capitalised ("Thanks, will document it" names no Will)
THANKED = re.compile(
    r"\b(?:thanks|thank you|thx|ty|merci|cheers)(?:\s+(?:a lot|so much|again|beaucoup|encore))?"
    r",?\s+(?:(?i:to|à|dr\.?|prof\.?)\s+)?@?((?-i:[^\W\d_a-z])[\w-]+)",
    re.IGNORECASE,
)


def names_of(person: PersonRef) -> list[str]:
    """How a message may name a colleague in plain words: their whole name, their first
    name ("Hugo Lefèvre", "Hugo"; Outlook's "Lefèvre, Hugo", "LEFEVRE Hugo", "M. Hugo
    Lefèvre"); from an address alone, its first part ("hugo.lefevre@", "jean-luc.picard@")."""
    name = _TITLE.sub("", first_last(_BRACKETED.sub("", person.name or "").strip()))
    if not name and person.email and (first := _FIRST_PART.match(person.email)):
        name = "" if first.group().lower() in _ROLES else first.group()
    name = name.title() if name.islower() or name.isupper() else name
    words = name.split()
    given = words[1] if len(words) > 1 and len(words[0]) > 2 and words[0].isupper() else ""
    given = given or (words[0] if words else "")  # ("LEFEVRE Hugo": the surname first)
    if not _NAME.fullmatch(given):
        return []  # ("IT Support", "DSI", "noreply": a name only a person has)
    whole = [name] if len(words) > 1 else []
    return whole + ([] if given.lower() in _WORDS else [given])


def _spelt(name: str) -> str:
    """``name`` as a pattern that reads it with or without its accents ("Aïcha", "Aicha")."""
    return "".join(
        f"[{re.escape(c)}{re.escape(bare)}]" if (bare := strip_marks(c)) != c else re.escape(c)
        for c in name
    )


def _pattern(names: list[str]) -> str:
    """Where one of ``names`` is written; a first name alone, not before another surname
    ("Hugo Martin" names no Hugo Lefèvre)."""
    alternatives = "|".join(
        _spelt(name) + ("" if " " in name else r"(?![ \t]+[^\W\d_a-zß-ÿ][^\W\d_A-ZÀ-Þ])")
        for name in sorted(names, key=len, reverse=True)
    )
    return rf"(?<![\w@.-])(?=(?:{alternatives})(?![\w@-]))"


def _body(text: str) -> tuple[int, str]:
    """Where the text past its greeting and vocative begins, and that text with thanks' names
    blanked (same length)."""
    at = _READER.match(text)
    start = at.end() if at else 0
    body = THANKED.sub(lambda thanks: " " * len(thanks.group()), text[start:])
    return start, body


def _written(body: str, people: list[PersonRef]) -> dict[int, list[str]]:
    """The names of ``people`` (by position) whose first word ``body`` holds at all: a mail
    to two thousand people is searched for the few it may name."""
    words = set(_WORD.findall(strip_marks(body)))
    found = {}
    for at, person in enumerate(people):
        names = [name for name in names_of(person) if strip_marks(name.split()[0]) in words]
        if names:
            found[at] = names
    return found


def named(text: str, people: list[PersonRef]) -> list[PersonRef]:
    """Those of ``people`` that ``text`` names past its greeting (see the module)."""
    _, body = _body(text)
    written = _written(body, people)
    return [people[at] for at, names in written.items() if re.search(_pattern(names), body)]


def as_mentions(text: str, people: list[PersonRef]) -> str:
    """``text`` with the names of ``people`` past its greeting written as mentions ("@Hugo")."""
    start, body = _body(text)
    names = [name for found in _written(body, people).values() for name in found]
    if not names:
        return text
    marks = [found.start() + start for found in re.finditer(_pattern(names), body)]
    for at in reversed(marks):
        text = text[:at] + "@" + text[at:]
    return text


def unmarked(text: str, people: list[PersonRef]) -> str:
    """``text`` with the mentions :func:`as_mentions` wrote back as plain names."""
    names = [name for person in people for name in names_of(person)]
    if not names:
        return text
    alternatives = "|".join(map(_spelt, names))
    return re.sub(rf"@(?=(?:{alternatives})(?![\w@-]))", "", text)


__all__ = ["THANKED", "as_mentions", "named", "names_of", "unmarked"]
