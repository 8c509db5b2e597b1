"""Mentioning is not knowing: a message that reports who does what ("Kafka: consumer lag
followed by Claire", "Postgres backups checked by Marc", "Vault : Sophie s'en occupe") shows
that its writer knows *who* knows, as a pointer does, not the subjects it names. A manager's
weekly status mail names every topic of the team; read as the manager's own writing, it put
them first for each.

A sentence credits someone when it names a person where a doer or an owner is named: after
"by", "par", "with", "avec", "owner:", "responsable :"..., before what a person does ("Claire
fixed", "Marc a terminé", "Sophie s'en occupe", "Claire:"), in brackets ("(Sophie)"), after an
arrow, or as a mention ("@claire"); a greeting or a name one speaks to ("Hi Claire", "Marc,
can you…") credits nobody. A tool's name stands where a person's does ("replaced by Vault",
"Kafka: lag OK"), so what is read here is only a candidate: a message whose sentences give
candidates is marked at ingest (:data:`REPORT_SIGNAL`), and at index time the candidates are
checked against the workspace's people (:func:`reports_others`), so that the order of ingests
does not matter. A message reports others' work when at least :data:`MIN_CREDITING` of its
sentences credit someone other than its writers, and they are at least half of its sentences
of :data:`MIN_WORDS` words or more (an answer that thanks a colleague once still answers),
and name at least :data:`MIN_PEOPLE` people (a name masked for an erased or opted-out person
is someone else's).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from whoknows.ingest._threads import _sentences as content_sentences
from whoknows.text import LEGACY_ERASED_MARK, OPTED_OUT_MARK, fold_accents

REPORT_SIGNAL = "credits-others"  # value: the sentences that name a candidate
MIN_CREDITING = 3
MIN_WORDS = 3
MIN_PEOPLE = 2

_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
_NAME = rf"[{_UPPER}][{_LOWER}]+(?:[-'’][{_UPPER}][{_LOWER}]+)?"
_FULL = rf"{_NAME}(?:\s(?:{_NAME}|[{_UPPER}]\.))?"
_MENTION = r"@[\w][\w.'’-]*"
# the words before a doer's or an owner's name ("checked by Marc", "owner: Claire")
_AGENTS = frozenset(
    "by par with avec owner owners lead responsable référent referent pilote contact côté"
    " owned assigned assigné assignée".split()
)
_AGENT_AFTER = frozenset({"to", "à", "by"})  # "assigned to", "assigné à", "owned by"
_CREDITS_TO = _AGENTS | {"thanks", "grâce"}  # "thanks to Aiko", "grâce à Léa"
# what a person does, after their name at a clause's start ("Claire fixed", "Marc a fini")
_DOES = frozenset(
    "is was has had have will did does took takes fixed found wrote handled handles owns leads"
    " led checked followed follows ran runs looked looks started finished shipped deployed"
    " migrated reviewed updated set added closed resolved and et a est va ont sont vont s'en"
    " s’en s'occupe s’occupe gère gere suit pilote travaille regarde termine terminé finit fini"
    " corrige corrigé prend reprend analyse vérifie prépare".split()
)
# a name masked for an erased or opted-out person is someone's still
MASKED = frozenset({OPTED_OUT_MARK, LEGACY_ERASED_MARK})
_MASKED = "|".join(re.escape(mark) for mark in sorted(MASKED))
_NAMES = re.compile(rf"(?P<mention>{_MENTION})|(?P<name>{_FULL}|{_MASKED})")
_CLAUSE_START = re.compile(r"(?:[:;,.(] |[-–—•*>] |^\W+)$")
_ARROW = re.compile(r"(?:->|→|=>)\s*$")
_LAST_WORDS = re.compile(r"([\w'’]+)\s*:?\s*$")
_GREETING = re.compile(
    r"^\W*(?i:hi|hello|hey|dear|bonjour|salut|coucou|thanks|thank you|merci|bravo|kudos|"
    r"congrats|félicitations)\b[^,.!?:;]{0,40}[,.!:;]?\s*"
)
_SPOKEN_TO = re.compile(
    rf"^\W*(?:{_MENTION}|{_FULL}),\s+(?i:can|could|would|will|please|you|tu|peux|pourrais|"
    r"vous|merci|thanks|do|did|est-ce|as-tu|avez-vous|any|une idée)\b"
)
_WORD = re.compile(r"\w+")


def named_in_sentences(text: str) -> list[tuple[str, ...]]:
    """Per sentence of at least :data:`MIN_WORDS` words (sign-off and signature aside), the
    names it gives where a doer or an owner is named (candidates: a tool's name reads alike)."""
    found: list[tuple[str, ...]] = []
    for sentence in content_sentences(text):
        if len(_WORD.findall(sentence)) < MIN_WORDS:
            continue
        spoken = _GREETING.sub("", sentence)
        spoken = spoken or sentence
        addressed = _SPOKEN_TO.match(spoken)
        said = spoken[addressed.end() :] if addressed else spoken
        names = [match.group() for match in _NAMES.finditer(said) if _credits(said, match)]
        found.append(tuple(dict.fromkeys(names)))
    return found


def _credits(sentence: str, match: re.Match[str]) -> bool:
    """Whether the name ``match`` found stands where a doer or an owner is named."""
    if match.group("mention"):
        return True
    before = sentence[max(0, match.start() - 40) : match.start()]  # (the words just before)
    after = sentence[match.end() : match.end() + 40]
    if (before.endswith("(") and after.lstrip().startswith(")")) or _ARROW.search(before):
        return True
    last = _LAST_WORDS.search(before)
    if last:
        word = last.group(1).lower()
        if word in _AGENTS:
            return True
        if word in _AGENT_AFTER:
            previous = _LAST_WORDS.search(before[: last.start()])
            if previous and previous.group(1).lower() in _CREDITS_TO:
                return True
    if not (_CLAUSE_START.search(before[-3:]) or match.start() == 0):
        return False
    if after.startswith(":") or after.startswith(" :"):
        return True
    next_word = after.split(maxsplit=1)[0].lower() if after.strip() else ""
    return next_word in _DOES


def reports_others(named: list[tuple[str, ...]], other: Callable[[str], str | None]) -> bool:
    """Whether sentences that credit someone else (``other``: who a name names, None for no
    one else) are at least :data:`MIN_CREDITING` and half of the sentences, and name at least
    :data:`MIN_PEOPLE` people (a word that names one person is more likely a tool's name)."""
    crediting = 0
    people: set[str] = set()
    for names in named:
        found = {who for who in map(other, names) if who is not None}
        crediting += bool(found)
        people |= found
    return crediting >= MIN_CREDITING and 2 * crediting >= len(named) and len(people) >= MIN_PEOPLE


def report_signal(text: str) -> dict[str, float]:
    """``{REPORT_SIGNAL: n}`` when the text would report others' work were its candidates
    people (n: the sentences that name one), else nothing."""
    named = named_in_sentences(text)
    if not reports_others(named, lambda name: name):
        return {}
    return {REPORT_SIGNAL: float(sum(1 for names in named if names))}


def name_keys(name: str) -> set[str]:
    """How a person's name or handle is looked for: folded and lower-cased, whole, and its
    first word ("Claire Martin": "claire martin", "claire"); a handle without its "@"."""
    folded = " ".join(fold_accents(name).lower().lstrip("@").split())
    if not folded:
        return set()
    first = re.split(r"[\s._]", folded)[0]
    return {folded, first} if len(first) >= 2 else {folded}


def candidate_key(name: str) -> str:
    """A candidate's key as :func:`name_keys` makes them: a name written whole ("Claire
    Martin") is looked for whole, a single word ("Claire", "@claire") also as a first name."""
    return " ".join(fold_accents(name).lower().lstrip("@").rstrip(".'’-").split())
