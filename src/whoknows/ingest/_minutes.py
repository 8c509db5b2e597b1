"""A meeting's record: what a group said and who will do what, written down by one of them.
Its writer took the notes; the subjects are the meeting's, not her knowledge (a fresh
evaluator's weekly notes put their scribe third for a restore; a bank's committee record put
its secretary first for FINREP)."""

from __future__ import annotations

import re

from whoknows.ingest._doers import doers
from whoknows.ingest._requests import instructs
from whoknows.ingest._sentences import sentences_of
from whoknows.ingest._vague import names_something
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
    r"notes de r[ée]union|(?:proc[èe]s[- ]verbal|pv) (?:de |d['’]|du )(?:la |l['’])?"
    r"(?:r[ée]union|s[ée]ance|comit[ée]|conseil|assembl[ée]e|cppt|cse|chsct|copil|codir)|"
    r"pv (?:cppt|cse|chsct)|r[ée]union (?:hebdo(?:madaire)?|mensuelle|"
    r"d['’][ée]quipe|de service|du \d))\b|[-–:] ?compte[- ]rendu\s*$",
    re.IGNORECASE,
)
# a meeting and its day ("Comité des pompes intelligentes - 9 avril 2026"): a record where
# the text bears a record's mark, else what was written for it (an attacker's architect's
# proposal, "Comité d'architecture – 12 mars 2025", had been read as the committee's record)
_MEETING_DAY = re.compile(
    r"\b(?:r[ée]union|meeting|comit[ée]|committee)\b[^\n]{0,40}\b(?:(?:19|20)\d\d-\d\d-\d\d|"
    r"\d{1,2} (?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|"
    r"novembre|d[ée]cembre|january|february|march|april|may|june|july|august|september|"
    r"october|november|december) (?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_RECORD_MARK = re.compile(
    r"\b(?:ordre du jour|agenda|d[ée]cisions?|relev[ée] de d[ée]cisions|actions? (?:items?|à "
    r"mener)|pr[ée]sent[ée]e?s? par|presented by|compte[- ]rendu|minutes|points? abord[ée]s|"
    r"prochaine r[ée]union|next meeting|attendees|participants|pr[ée]sents?|excus[ée]s?)\b",
    re.IGNORECASE,
)
_PRESENT = r"attendees|participants|present|présents|presents|invités|attendance"
_ATTENDEES = re.compile(rf"^\W*(?:{_PRESENT})\s*:", re.IGNORECASE | re.MULTILINE)
_PRESENT_LINE = re.compile(rf"^\W*(?:{_PRESENT})\s*:.*$", re.IGNORECASE | re.MULTILINE)
MINUTES_LINES = 4  # (an attendees line this near the top opens a meeting's record)
_TITLE_LINE = re.compile(r"(?:\S+\s+){0,11}\S*[^\s.:;,!?]")  # (twelve words, no end mark)


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
    others = _names_others(text, writers)
    for found in [*_SCRIBE.finditer(head), *_SCRIBE.finditer(tail)]:
        if _BYLINE.search(found.group(0)) and (_PROPOSES.search(text) or not others):
            continue  # (a proposal for a committee "Préparé par" its author: hers)
        named = name_words(found.group("name"))
        present = name_words(head[: found.start()]) if found.string is head else attending
        for writer in writers:
            own = name_words(writer)
            if own and own & named and not own & present:
                return True
    return False


# a scribe's word that is also an author's byline: a scribe's only in a record of others
_BYLINE = re.compile(r"pr[ée]par[ée]e? par|prepared by", re.IGNORECASE)


def _names_others(text: str, writers: tuple[str, ...]) -> bool:
    """Whether a text names someone besides its ``writers`` present, or at work by a full
    name (where "Proposition : migrer …" and "DNS" stand as a first name would)."""
    own = set().union(*(name_words(writer) for writer in writers))
    if any(name_words(line) - own for line in _PRESENT_LINE.findall(text)):
        return True
    said = _SCRIBE.sub(" ", _PRESENT_LINE.sub(" ", text))
    named = (name for sentence in sentences_of(said) for name in doers(sentence))
    return any(len(name.split()) > 1 and name_words(name) - own for name in named)


CREDITED_OTHERS = 2  # people a record names at their work: it tells what others do
_FIRST_PERSON = re.compile(r"\b(?:(?i:j['’]ai|je)|I|I['’]ve|I['’]m|I['’]ll)\b")
# the writers' proposal, to a committee ("Nous proposons un cluster Kubernetes …": an
# attacker's architect, on her own proposal "Préparé par" her, had an overview's part)
_PROPOSES = re.compile(
    r"\b(?:nous (?:proposons|recommandons|préconisons)|(?:we|I) (?:propose|recommend))\b",
    re.IGNORECASE,
)


def records_others(title: str, text: str, writers: tuple[str, ...]) -> bool:
    """Whether a meeting's record says what at least :data:`CREDITED_OTHERS` people other
    than its ``writers`` do ("Luc à compléter le registre", "Patrick déploie la nouvelle
    configuration lundi"): its subjects are theirs, whatever it names (an aircraft shop's
    assistant, whose production minutes named every task, was in three top threes)."""
    if not minutes(title, text):
        return False
    own = set().union(*(name_words(writer) for writer in writers))
    said = _SCRIBE.sub(" ", _PRESENT_LINE.sub(" ", text))  # (those present did nothing yet)
    if _FIRST_PERSON.search(said) or _PROPOSES.search(said):
        return False  # (the writer says what she did: "J'ai passé le délai à 30 s", hers)
    if instructs(said) and names_something(said):
        # (a procedure saying who runs which step, its commands told: its writer's, an
        # attacker's; not an action item's "Il faut relancer le fournisseur", another's)
        return False
    named = {  # (not an acronym: "rollback par DNS" credits no one)
        name for sentence in sentences_of(said) for name in doers(sentence) if not name.isupper()
    }
    if any(name_words(name) & own for name in named):
        return False  # (the writer at work among others: her own design review)
    return len(named) >= CREDITED_OTHERS


def minutes(title: str, text: str) -> bool:
    """Whether a page records a meeting (so titled, or opening with who attended): its writer
    took the notes, the subjects are the meeting's (a fresh evaluator's weekly notes put their
    scribe third for a restore, on "we should review the backups at some point")."""
    lines = [line for line in text.splitlines() if line.strip()][:MINUTES_LINES]
    # (a deck's or a document's first line is its title too, when it reads as one: not a
    # reply's "Suite à la réunion du 4 mars, voici la procédure de bascule :", an attacker's)
    said = [title, *(line for line in lines[:1] if _TITLE_LINE.fullmatch(line.strip()))]
    if any(_MINUTES_TITLE.search(one) for one in said):
        return True
    if any(_MEETING_DAY.search(one) for one in said) and _RECORD_MARK.search(text):
        return True
    return bool(_ATTENDEES.search("\n".join(lines)))
