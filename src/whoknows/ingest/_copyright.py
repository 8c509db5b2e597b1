"""A document under another organisation's copyright notice is that organisation's writing.

A buyer saved the press maker's operating manual on the plant's share ("(c) Presstec GmbH,
Esslingen. All rights reserved."), and the PDF's metadata made her its author: she was listed
first for the press's hydraulics. A hospital's IT director pasted a PACS vendor's
administration guide into the wiki ("© 2023 Medisys Imaging Ltd. All rights reserved."). A
team's own manuals carry a notice too ("© 2024 Centre hospitalier de Valdaure"), so the notice
alone tells nothing: what tells is whose it is. A document or a page whose notice names a
holder is marked at ingest (:data:`NOTICE_SIGNAL`); when the index reads it, the holder is
compared with the organisation's mail domains and with its writers' own names and domains
(:func:`foreign_holder`), so that the order of ingests does not matter. A workspace that knows
no mail domain keeps every document its writers'.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from whoknows.text import fold_accents

NOTICE_SIGNAL = "copyright-notice"
NOTICE_KINDS = frozenset({"document", "page", "blogpost"})
NOTICE_WORDS = 25  # a notice is a short line of its own, a header's or a footer's
NOTICE_OPENING = 10  # lines where a document opens, and where it ends, that hold its notice
NOTICE_CLOSING = 10
# a line of source code's comment ("# Copyright …", "// (c) …", " * Copyright …")
_CODE_COMMENT = re.compile(r"^\s*(?:#|//|/\*|\*|--|;|%|<!--|rem\b)", re.IGNORECASE)
# a holder inside the organisation, or a project's authors: no other organisation
_INTERNAL = re.compile(
    r"\b(?:team|[ée]quipe|department|d[ée]partement|direction|service|division|dsi|dsio|"
    r"authors?|contributors?|auteurs?|contributeurs?|all rights)\b",
    re.IGNORECASE,
)

_RIGHTS = re.compile(r"\b(?:all rights|tous droits|alle rechte)\b", re.IGNORECASE)
_NOTICE = re.compile(
    r"(?P<mark>©|\(c\)|^\W*copyright\b)(?:\s*(?:©|\(c\)))?\s*(?P<year>(?:19|20)\d\d"
    r"(?:\s*[-–]\s*(?:19|20)\d\d)?[,.]?\s*)?(?P<holder>[^\W\d_][^\n;|©]{1,80}?)\s*(?:[-–,]?\s*(?:19|20)\d\d)?\s*"
    r"(?:[.,]\s|\.$|$|\ball rights\b|\btous droits\b|\balle rechte\b)",
    re.IGNORECASE | re.MULTILINE,
)
# words of a company's name that name no one company
_GENERIC = frozenset(
    """
    gmbh ltd limited inc incorporated llc corp corporation company sas sasu sarl sa ag kg nv bv
    spa srl plc group groupe gruppe holding france deutschland europe the and des
    du de la le les et und von all rights reserved tous droits alle rechte vorbehalten
    copyright
    """.split()
)
# (a domain's labels that are no organisation's: "mail.co.uk", "gouv.fr")
_SECOND_LEVEL = frozenset({"co", "com", "gouv", "gov", "ac", "org", "net", "edu", "ne", "or"})


def notice_holders(text: str) -> list[str]:
    """The holders the copyright notices of ``text`` name, each on a short line of its own
    where the document opens or ends ("© 2023 Medisys Imaging Ltd. All rights reserved."
    names "Medisys Imaging Ltd"); a notice in a source file's header quoted in the middle of a
    runbook ("# Copyright 2018 The Kubernetes Authors.") is none, nor a department's or
    authors' ("© DSI", "Copyright 2024 Platform Engineering Team")."""
    lines = [line for line in text.splitlines() if line.strip()]
    holders = []
    for line in lines[:NOTICE_OPENING] + lines[NOTICE_OPENING:][-NOTICE_CLOSING:]:
        if len(line.split()) > NOTICE_WORDS or _CODE_COMMENT.match(line):
            continue
        for found in _NOTICE.finditer(line):
            if found["mark"].lower() == "(c)" and not (found["year"] or _RIGHTS.search(line)):
                continue  # (a list's third point: "(c) Install the agent on each node")
            holder = found["holder"].strip(" -–,.")
            if _words(holder) and not _INTERNAL.search(holder):
                holders.append(holder)
    return holders


def notice_signal(kind: str, text: str) -> dict[str, float]:
    """``{NOTICE_SIGNAL: n}`` for a document or a page whose notices name n holders."""
    if kind not in NOTICE_KINDS:
        return {}
    holders = notice_holders(text)
    return {NOTICE_SIGNAL: float(len(holders))} if holders else {}


def domain_words(domain: str) -> frozenset[str]:
    """The words a mail domain names its organisation by ("meyer-colmar.fr": "meyer",
    "colmar" and "meyercolmar"; "nhs.co.uk": "nhs")."""
    labels = fold_accents(domain).lower().strip(".").split(".")[:-1]
    while len(labels) > 1 and labels[-1] in _SECOND_LEVEL:
        labels = labels[:-1]
    if not labels:
        return frozenset()
    label = labels[-1]
    parts = [part for part in re.split(r"[-_]", label) if part]
    # (the whole label is the organisation's name, whatever it is: "company.example" is
    # named "company"; a generic part of it, "gruppe" of "meyer-gruppe", names no one)
    whole = "".join(parts)
    return frozenset(
        [word for word in parts if _distinctive(word)] + ([whole] if len(whole) >= 3 else [])
    )


def foreign_holder(
    holders: Iterable[str],
    organisation: frozenset[str],
    writers: frozenset[str],
    names: frozenset[str] = frozenset(),
) -> bool:
    """Whether every holder is someone else's: it names neither the organisation nor the
    writers by their mail domains' words (``organisation``, ``writers``), nor the writers by
    one of their names' words (``names``, a whole word: "Ron" is no name of "Samsung
    Electronics"). False when the organisation is not known (no mail domain)."""
    if not organisation:
        return False
    domains = organisation | writers
    return bool(holders) and not any(_names(holder, domains, names) for holder in holders)


def _names(holder: str, domains: frozenset[str], names: frozenset[str]) -> bool:
    """Whether a holder names an organisation whose domains' words are ``domains``, or a
    person whose names' words are ``names``: a whole word, or a domain's word that the
    holder's letters begin with ("BNP Paribas", "bnpparibas"; "L'Oréal", "loreal"; "La Poste",
    "laposte"), that begins with the holder's first word ("Thales", "thalesgroup"), that its
    initials begin with ("International Business Machines", "ibm"; "Hewlett Packard
    Enterprise", "hpe"; "Électricité de France", "edf") or its words' first syllables
    ("Société Générale", "socgen"); never a piece of a word ("ford" of "Oxford Instruments",
    "box" of "Dropbox")."""
    folded = re.sub(r"\b([ld])['’]", r"\1", fold_accents(holder).lower())
    every = re.findall(r"[^\W\d_]+", folded)
    words = [word for word in every if word not in _GENERIC]
    if (domains | names).intersection(words):
        return True
    letters = "".join(every)
    first = words[0] if words else ""
    initials = ("".join(word[0] for word in words), "".join(word[0] for word in every))
    syllables = "".join(word[:3] for word in words)
    return any(
        (len(word) >= 4 and letters.startswith(word))
        or (len(first) >= 4 and word.startswith(first))
        or (len(word) >= 3 and any(found.startswith(word) for found in initials))
        or (len(word) >= 5 and syllables.startswith(word))
        for word in domains
    )


def _words(holder: str) -> tuple[str, ...]:
    found = re.findall(r"[^\W\d_]+", fold_accents(holder).lower())
    return tuple(word for word in found if _distinctive(word))


def _distinctive(word: str) -> bool:
    return len(word) >= 3 and word not in _GENERIC


__all__ = [
    "NOTICE_KINDS",
    "NOTICE_SIGNAL",
    "domain_words",
    "foreign_holder",
    "notice_holders",
    "notice_signal",
]
