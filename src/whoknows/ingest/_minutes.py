"""A meeting's record: what a group said and who will do what, written down by one of them.
Its writer took the notes; the subjects are the meeting's, not her knowledge (a fresh
evaluator's weekly notes put their scribe third for a restore; a bank's committee record put
its secretary first for FINREP)."""

from __future__ import annotations

import re

from whoknows.ingest._doers import doers
from whoknows.ingest._sentences import sentences_of
from whoknows.text import name_words

# a meeting's record: what a group said and who will do what, written down by one of them
# ("Weekly infra sync 2024-03-11", "Compte rendu de réunion", "Attendees: Paul, Claire"); not
# an intervention's report ("Compte rendu d'intervention", its technician's own work)
_MINUTES_TITLE = re.compile(
    r"\b(?:meeting (?:notes|minutes|summary|recap)|minutes of|(?:weekly|monthly|daily|"
    r"bi-?weekly|team|staff|infra|ops|sprint|all-hands) (?:sync|meeting|stand-?up|catch-?up)"
    r"(?!\s+(?:rooms?|invites?|booking|scheduler|api|service)\b)|"
    r"sprint (?:review|retro(?:spective)?)|stand-?up notes|"
    r"compte[- ]rendu(?: ?[-–:])? (?:de (?:la )?|du )?(?:r[ée]union|"
    r"comit[ée]|copil|codir|point (?:hebdo|mensuel|d['’][ée]quipe))|cr (?:de )?r[ée]union|"
    r"notes de r[ée]union|proc[èe]s[- ]verbal (?:de |d['’])(?:la )?(?:r[ée]union|s[ée]ance|"
    r"comit[ée]|conseil|assembl[ée]e)|r[ée]union (?:hebdo(?:madaire)?|mensuelle|"
    r"d['’][ée]quipe|de service|du \d)|"
    # (a meeting and its day: "Réunion qualité – 2025-10-06 – compte rendu")
    r"(?:r[ée]union|meeting|comit[ée]|committee)\b[^\n]{0,40}\b(?:(?:19|20)\d\d-\d\d-\d\d|"
    r"\d{1,2} (?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|"
    r"novembre|d[ée]cembre|january|february|march|april|may|june|july|august|september|"
    r"october|november|december) (?:19|20)\d\d)|"
    r"[-–:] ?compte[- ]rendu\s*$)\b",
    re.IGNORECASE,
)
_PRESENT = r"attendees|participants|present|présents|presents|invités|attendance"
_ATTENDEES = re.compile(rf"^\W*(?:{_PRESENT})\s*:", re.IGNORECASE | re.MULTILINE)
_PRESENT_LINE = re.compile(rf"^\W*(?:{_PRESENT})\s*:.*$", re.IGNORECASE | re.MULTILINE)
MINUTES_LINES = 4  # (an attendees line this near the top opens a meeting's record)


# who kept the record, named in it ("Secrétariat : Nathalie Roux", "Minute taker: Sarah
# Jones", "CR rédigé par …"); not a department ("Secrétariat général : Anne Roy") nor a
# sentence ("Rédigé par Karim en janvier, le cahier des charges …")
_SCRIBE = re.compile(
    r"(?:^|(?<=[.;])\s)\W*(?:secr[ée]tariat(?!\s+g[ée]n[ée]ral)|secr[ée]taire(?: de "
    r"s[ée]ance)?|scribe|note[- ]?taker|minute[- ]?taker|(?:notes?|minutes?) (?:taken )?by|"
    r"r[ée]dact(?:eur|rice)|rapporteu(?:r|se)|prise de notes?|pr[ée]par[ée]e? par|prepared by|"
    r"(?:cr|compte[- ]rendu|notes?) "
    r"(?:r[ée]dig[ée]e?s?|[ée]tabli|pris(?:es)?) par)\s*:?\s*(?P<name>[^\W\d_][^\n.;,()]{1,60})",
    re.IGNORECASE | re.MULTILINE,
)


def kept_by_a_scribe(title: str, text: str, writers: tuple[str, ...] = ()) -> bool:
    """Whether a meeting's record names one of its ``writers`` as the one who kept it, and
    not among those present: then she wrote down what the meeting said, even where it names
    settings (a bank's committee record, "COREP/FINREP T4 : remis", had put its secretary
    first for FINREP, above the guide's writer). An expert who takes the notes of her own
    design review, present, keeps them."""
    if not writers or not minutes(title, text):
        return False
    lines = [line for line in text.splitlines() if line.strip()]
    head = "\n".join(lines[: MINUTES_LINES + 2])
    tail = "\n".join(lines[MINUTES_LINES + 2 :][-MINUTES_LINES:])  # ("Préparé par …" below)
    attending = name_words(" ".join(_PRESENT_LINE.findall(text)))
    for found in [*_SCRIBE.finditer(head), *_SCRIBE.finditer(tail)]:
        named = name_words(found.group("name"))
        present = name_words(head[: found.start()]) if found.string is head else attending
        for writer in writers:
            own = name_words(writer)
            if own and own & named and not own & present:
                return True
    return False


CREDITED_OTHERS = 2  # people a record names at their work: it tells what others do
_FIRST_PERSON = re.compile(r"\b(?:(?i:j['’]ai|je)|I|I['’]ve|I['’]m|I['’]ll)\b")


def records_others(title: str, text: str, writers: tuple[str, ...]) -> bool:
    """Whether a meeting's record says what at least :data:`CREDITED_OTHERS` people other
    than its ``writers`` do ("Luc à compléter le registre", "Patrick déploie la nouvelle
    configuration lundi"): its subjects are theirs, whatever it names (an aircraft shop's
    assistant, whose production minutes named every task, was in three top threes)."""
    if not minutes(title, text):
        return False
    own = set().union(*(name_words(writer) for writer in writers))
    said = _SCRIBE.sub(" ", _PRESENT_LINE.sub(" ", text))  # (those present did nothing yet)
    if _FIRST_PERSON.search(said):
        return False  # (the writer says what she did: "J'ai passé le délai à 30 s", hers)
    named = {name for sentence in sentences_of(said) for name in doers(sentence)}
    if any(name_words(name) & own for name in named):
        return False  # (the writer at work among others: her own design review)
    return len(named) >= CREDITED_OTHERS


def minutes(title: str, text: str) -> bool:
    """Whether a page records a meeting (so titled, or opening with who attended): its writer
    took the notes, the subjects are the meeting's (a fresh evaluator's weekly notes put their
    scribe third for a restore, on "we should review the backups at some point")."""
    lines = [line for line in text.splitlines() if line.strip()][:MINUTES_LINES]
    said = [title, *lines[:1]]  # (a deck's or a document's first line is its title too)
    return any(_MINUTES_TITLE.search(one) for one in said) or bool(
        _ATTENDEES.search("\n".join(lines))
    )
