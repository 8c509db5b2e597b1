"""Mentioning is not knowing: a sentence that says who does what ("Kafka: consumer lag
followed by Claire", "Postgres backups checked by Marc", "Vault : Sophie s'en occupe",
"- Sophie to switch vault to auto-unseal") is about the work of the person it names, not its
writer's. A manager's weekly status mails name every topic of the team; read as his own
writing, they put him first for each. Such sentences are left out of their item's indexed
text, so that its writers are found for what they themselves wrote and only that: a runbook
that ends with "Contacts: Claire (Kafka)" loses that line, not the runbook.

A sentence credits someone when it names a person where a doer or an owner stands
(:mod:`whoknows.ingest._doers`): after
"by", "par", "owner:", "porteur :", "thanks to", "grâce à", "ask"...; alone in its clause
("Kafka: Claire", a table's cell, "Action : Claire — …"); in brackets; after an arrow; at a
clause's start before what a person does ("Claire fixed", "Sophie to switch", "Marc a
terminé", "Sophie s'en occupe", "claire is on it"); names given together stand where each
would alone ("Marc and Claire upgraded", "(Marc, Claire)"); a stand-up's mentions ("- @claire
vault rotation"). A name before "is", "has", "a", "est" alone, or after "with"/"avec",
credits only as a full name, a mention or one of several ("Hugo is fast" and "built with
Hugo" are a tool's words as often as a person's); a greeting, a thanks or a name
one speaks to ("Hi Claire", "Thanks @claire for the logs", "Marc, can you …") credits nobody,
nor does a date ("by June") or an identifier ("max.poll.records").

A tool's name stands where a person's does ("replaced by Vault", "Kafka: lag OK"), so what is
read here is only a candidate: an item whose sentences give candidates is marked at ingest
(:data:`REPORT_SIGNAL`), and at index time the candidates are checked against the workspace's
people (:func:`without_credited`: a name of someone other than the item's writers, each name
masked for an erased or opted-out person being someone's), so that the order of ingests does
not matter.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from whoknows.ingest._doc_writers import byline_writers
from whoknows.ingest._doers import INITIALS, MASKED, PARTICLES, UPPER, doers
from whoknows.ingest._requests import explains, instructs
from whoknows.ingest._sentences import sentences_of as content_sentences
from whoknows.records import Contribution
from whoknows.text import CELLS_APART, fold_accents
from whoknows.vocab import ContributionRole

INITIALS_KEY = "~"  # (a person's initials are looked for apart from any word: "~cm")
REPORT_SIGNAL = "credits-others"  # value: the sentences that name a candidate
MIN_WORDS = 2  # ("Owner: Claire.")
_GOES_ON = re.compile(r"^\W*(?i:she|he|elle a|il a)\b")  # ("Elle sert …": a key, not her)
# a sentence that says what its writer did is theirs, whoever else it names ("Claire and I
# migrated …", "Marc reviewed my PR; I then deployed …", "j'ai fait la rotation avec Hélène")
_FIRST_PERSON = re.compile(
    r"(?i:\b(?:I|I'm|I've|I'd|me|my|we|we've|our|us)\b|\bj['’]|\bje\b|\bmoi\b|\bnous\b|"
    r"\bmon\b|\bma\b|\bmes\b)"
)
# a line of a list, a table or a "topic: owner" index is a sentence of its own, never a
# signature ("- Vault secrets rotation → Sophie" last in a mail)
_LISTED = re.compile(
    r"^\s*(?:[-•*–>|\[]|\d+[.)]\s)|→|->|=>|^[^:.!?]{1,60}:\s*\S|^[^.!?]{1,60}\s[-–—]\s\S"
)
_DASH = re.compile(r"\s+[—–]\s+")
# a sheet's row, unframed, that opens with a person's name ("Kevin Martin | Audit | Excel VBA,
# Power BI | 5"): a skills directory's row, credited to that person (a query's output pasted,
# "2195714 | 996126 | 4", is left as written)
_NAME_PART = rf"{UPPER}[^\W\d_]*(?:[-'’]{UPPER}?[^\W\d_]+)?"  # ("Jean-Marc", "O'Brien")
_ROSTER_ROW = re.compile(
    rf"^\s*{_NAME_PART}(?:,? (?:(?:de|van|von|der|den|le|la|du|da|di) )*{_NAME_PART}){{1,2}}"
    r" \| .* \| "
)
# a greeting, or a thanks to the reader ("Thanks Claire,", "Merci !"); a thanks or praise for
# someone's work ("Kudos to Jean-Marc for the Helm chart") credits them
_GREETING = re.compile(
    r"^\W*(?:(?i:hi|hello|hey|dear|bonjour|salut|coucou|good morning)\b[^,.!?:;]{0,40}"
    r"|(?i:thanks|thank you|merci)(?: @?[^\W\d_]+){0,2}(?=\s*[,.!:;]|$))[,.!:;]?\s*"
)
_SPOKEN_TO = re.compile(
    r"^\W*@?[^\W\d_]+(?: [^\W\d_]+)?,\s+(?i:can|could|would|will|please|you|tu|peux|"
    r"pourrais|vous|merci|thanks|do|did|est-ce|as-tu|avez-vous|any|une idée)\b"
)
_WORD = re.compile(r"\w+")
# names before a colon opening a sentence: a label ("Kafka: lag followed by Claire"), or the
# people a reply speaks to ("@Claire Martin: the errors come from GC pauses, switch to G1")
_NAME = r"@?[^\W\d_][\w'’-]*(?: [^\W\d_][\w'’-]*)?"
_LABEL = re.compile(rf"^\W*{_NAME}(?:\s*(?:,|and|et|&)\s*{_NAME})*\s*:\s*")
_ENDS_WITH_INITIAL = re.compile(rf"\b{UPPER}[^\W\d_]+ {UPPER}\.$")
_RELAYING = re.compile(
    r"(?i:\b(?:as far as I (?:know|can tell)|afaik|I(?:'ve| have)? heard(?: that)?|"
    r"I(?:'m| am| was) told(?: that)?|I(?:'ll| will) let|from what|je (?:la |le )?laisse|"
    r"I(?:'ve| have)? asked|I(?:'ll| will) ask|we(?:'re| are) on it|je relance|"
    r"j['’]ai demandé à|"
    r"à ma connaissance|d['’]après ce que je sais|si j['’]ai bien compris)\b)"
)
_TOLD_ME = re.compile(
    r"(?i:\b(?:told|tells|said to) (?:me|us)\b|\bm['’](?:a|ont) (?:dit|expliqué))"
)


def credited_sentences(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """Each sentence of the text (sign-off and signature aside; a list's line, a table's row
    each one), with the names it gives where a doer or an owner stands (candidates: a tool's
    name reads alike)."""
    found: list[tuple[str, tuple[str, ...]]] = []
    lines = [_masked_last(_listed(line)) for line in text.splitlines()]
    for sentence in _initials_joined(content_sentences("\n".join(lines))):
        said = _GREETING.sub("", sentence)
        addressed = _SPOKEN_TO.match(said)
        said = said[addressed.end() :] if addressed else said
        label = _LABEL.match(said)
        if label and (instructs(said[label.end() :]) or explains(said[label.end() :])):
            said = said[label.end() :]  # ("Claire, Marc : le souci vient de …, ajoutez-le")
        said = _relayed(said)
        # (what the writer tells the reader to do is theirs: "Marc fixed it last week: set
        # max.poll.records to 200", "Léa's right, set the HPA target to 70%")
        names = tuple(dict.fromkeys(doers(said)))
        told = instructs(said) and not _owner_last(sentence, names)
        own = _FIRST_PERSON.search(said) is not None or told
        found.append((sentence, () if own else names))
    return found


def _masked_last(line: str) -> str:
    """A line that ends with a masked name ends its sentence there: a byline whose writer was
    erased ("Traduction du guide rédigé par [someone]") had taken the translator's whole
    document with it, read as one sentence with the paragraph after it."""
    stripped = line.rstrip()
    return stripped + "." if any(stripped.endswith(mark) for mark in MASKED) else line


# a list's line whose last clause is its owner's name ("- Patroni: upgrade to 3.2 and
# replication lag alerting, Tomasz."): a status line, though its work reads as an instruction
_OWNER_LAST = re.compile(r"^\W*[-•*].*[,;]\s*(?P<name>[^\W\d_][\w'’-]*(?: [^\W\d_][\w'’-]*)?)\W*$")


def _owner_last(sentence: str, names: tuple[str, ...]) -> bool:
    found = _OWNER_LAST.match(sentence)
    return found is not None and found["name"] in names


def _initials_joined(sentences: list[str]) -> list[str]:
    """The sentences, one cut after a name's initial joined to the next ("Claire M." and
    "tuned the consumers.": one sentence)."""
    joined: list[str] = []
    for sentence in sentences:
        if joined and _ENDS_WITH_INITIAL.search(joined[-1]) and sentence[:1].islower():
            joined[-1] += " " + sentence
        else:
            joined.append(sentence)
    return joined


def _relayed(sentence: str) -> str:
    """The sentence with what relays someone else's work read as "per" ("As far as I know
    Claire lowered …", "From what Claire told me, …", "Je laisse Claire répondre, …"): the
    writer's "I" there says nothing they did."""
    sentence = _TOLD_ME.sub("said", sentence)
    return _RELAYING.sub(" per ", sentence)


def named_in_sentences(text: str) -> list[tuple[str, ...]]:
    """The candidate names of each sentence of at least :data:`MIN_WORDS` words."""
    return [names for sentence, names in credited_sentences(text) if _long_enough(sentence)]


def _long_enough(sentence: str) -> bool:
    return len(_WORD.findall(sentence)) >= MIN_WORDS


def without_credited(
    text: str, other: Callable[[str], bool], own: Callable[[str], bool] = lambda name: False
) -> str | None:
    """The text without its sentences that credit someone ``other`` accepts (a person of
    the workspace other than the item's writers), unless it is the byline of one ``own``
    accepts (one of them: "Procédure de la cellule paie, rédigée par Marc Peeters, mise à jour
    par Anke Willems" is Marc's byline, though it credits Anke too; "Karim fixed …, reviewed by
    Claire" in Claire's status mail is Karim's); None when it has none."""
    kept: list[str] = []
    dropped = crediting = False
    for sentence, names in credited_sentences(text):
        # ("Claire found the cause. She raised the interval": the same person's work)
        crediting = (crediting and _GOES_ON.match(sentence) is not None) or (
            _long_enough(sentence)
            and any(other(name) for name in names)
            and not any(own(name) for name in byline_writers(sentence))
        )
        dropped |= crediting
        if not crediting and _WORD.search(sentence):  # (not a table's rule: "|---|")
            kept.append(sentence)
    return " ".join(kept) if dropped else None


def _listed(line: str) -> str:
    """A line of a list or an index ended as a sentence; a table's row as its cells, apart
    ("| Vault | Sophie Laurent | done |": "Vault; Sophie Laurent; done.")."""
    row = CELLS_APART in line  # (a page's row: "w/c 26 Jan │ Aleksandra Nowak (5G RAN)")
    line = line.replace(CELLS_APART, " | ")
    if line.lstrip().startswith("|") or _ROSTER_ROW.match(line):
        cells = [cell for cell in (c.strip() for c in line.strip().strip("|").split("|")) if cell]
        cells = [cell for cell in cells if cell.strip("-: ")]
        header = all(len(cell.split()) == 1 for cell in cells)  # ("| setting | Min | Max |")
        return ("  ".join(cells) if header else "; ".join(cells)) + "."
    if row and line.rstrip()[-1:] not in ".!?;":
        return line + "."
    if not line.strip() or not _LISTED.search(line):
        return line
    line = _DASH.sub(" ; ", line)  # (one line: "Action : Claire — alerte sur le lag")
    return line if line.rstrip()[-1:] in ".!?;" else line + "."


def report_signal(text: str, contributions: Sequence[Contribution] = ()) -> dict[str, float]:
    """``{REPORT_SIGNAL: n}`` when n of the text's sentences name a candidate, else nothing;
    nothing either in a referral that endorses the colleague it names (``contributions``: the
    item's): that sentence is their evidence ("ask @Hugo, he knows LDAP")."""
    if any(c.role == ContributionRole.ENDORSED for c in contributions):
        return {}
    named = sum(1 for names in named_in_sentences(text) if names)
    return {REPORT_SIGNAL: float(named)} if named else {}


def name_keys(name: str) -> set[str]:
    """How a person's name or handle is looked for: folded and lower-cased, whole, its first
    word and its last ("Claire Martin": "claire martin", "claire", "martin"); a handle without
    its "@"."""
    folded = " ".join(fold_accents(name).lower().lstrip("@").split())
    if not folded:
        return set()
    words = re.split(r"[\s._]", folded)
    keys = {folded} | {word for word in (words[0], words[-1]) if len(word) >= 2}
    parts = [part for part in re.split(r"[\s-]", folded) if part[:1].isalpha()]
    named = [part for part in folded.split() if part[:1].isalpha()]
    if len(named) > 1:  # (its initials: "Claire Martin" is "CM", "Jean-Marc Petit" "JMP", "JP")
        keys |= {
            INITIALS_KEY + "".join(p[0] for p in parts),
            INITIALS_KEY + named[0][0] + named[-1][0],
        }
    return keys


# (in a candidate the doers' reading found, French "de", "du", "le", "la" too: "De Souza")
_SURNAME_PARTICLES = frozenset(PARTICLES.split("|")) | {"de", "du", "le", "la"}


def candidate_keys(name: str) -> list[str]:
    """A candidate's keys as :func:`name_keys` makes them: a name written whole ("Claire
    Martin") is looked for whole, a single word ("Claire", "@claire") also as a first name or
    a surname; a first name with an initial ("Claire M.") as its first name; three words
    ("Owner Claire Martin") also as their last two."""
    if INITIALS.fullmatch(name):
        return [INITIALS_KEY + name.lower()]
    folded = " ".join(fold_accents(name).lower().lstrip("@").rstrip(".'’-").split())
    words = folded.split()
    if len(words) == 2 and len(words[1].rstrip(".")) == 1:
        return [words[0]]
    keys = [folded, " ".join(words[-2:])] if len(words) > 2 else [folded]
    if len(words) > 1 and all(word in _SURNAME_PARTICLES for word in words[:-1]):
        keys.append(words[-1])  # ("Van der Berg", "De Souza": a surname, its last word)
    return keys
