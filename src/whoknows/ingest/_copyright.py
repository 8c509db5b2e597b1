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
    spa srl plc group groupe gruppe holding international france deutschland europe the and des
    du de la le les et und von all rights reserved tous droits alle rechte vorbehalten
    copyright
    """.split()
)
# (a domain's labels that are no organisation's: "mail.co.uk", "gouv.fr")
_SECOND_LEVEL = frozenset({"co", "com", "gouv", "gov", "ac", "org", "net", "edu", "ne", "or"})


def notice_holders(text: str) -> list[str]:
    """The holders the copyright notices of ``text`` name, each on a short line of its own
    ("© 2023 Medisys Imaging Ltd. All rights reserved." names "Medisys Imaging Ltd")."""
    holders = []
    for line in text.splitlines():
        if len(line.split()) > NOTICE_WORDS:
            continue
        for found in _NOTICE.finditer(line):
            if found["mark"].lower() == "(c)" and not (found["year"] or _RIGHTS.search(line)):
                continue  # (a list's third point: "(c) Install the agent on each node")
            holder = found["holder"].strip(" -–,.")
            if _words(holder):
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
    return frozenset(word for word in [*parts, "".join(parts)] if _distinctive(word))


def foreign_holder(
    holders: Iterable[str], organisation: frozenset[str], writers: frozenset[str]
) -> bool:
    """Whether every holder is someone else's: it shares no word with the organisation's
    domains' (``organisation``) nor with the writers' names and domains (``writers``). False
    when the organisation is not known (no mail domain)."""
    if not organisation:
        return False
    own = organisation | writers
    named = [_words(holder) for holder in holders]
    return bool(named) and not any(_shares(words, own) for words in named)


def _shares(words: tuple[str, ...], own: frozenset[str]) -> bool:
    if own.intersection(words):
        return True
    joined = "".join(words)  # ("BNP Paribas" and "bnpparibas.com")
    return any(len(word) >= 6 and word in joined for word in own)


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
