"""Where a doer or an owner of some work stands in a sentence: the grammar of
:mod:`whoknows.ingest._reports`. A name stands there after "by", "par", "owner:", "thanks to",
"grâce à"...; alone in its clause; in brackets; after an arrow; at a clause's start before
what a person does ("Claire fixed", "Sophie to switch", "Marc a terminé"); with others
("Marc and Claire upgraded"); as a stand-up's mention ("- @claire vault rotation"). A name
before "is", "has", "a", "est" alone, or after "with"/"avec", credits only as a full name, a
mention or one of several; a date ("by June"), an identifier ("max.poll.records"), someone's
answer ("@xanadont's answer") credit no one.
"""

from __future__ import annotations

import itertools
import re

from whoknows.ingest._doer_words import (
    ADDRESSING,
    AFTER_OWNER,
    AGENTS,
    ALONGSIDE,
    AUXILIARIES,
    BEFORE_A_LIST,
    CREDITS_TO,
    DOES,
    EPONYMS,
    HANDED,
    HYPHENED,
    IRREGULAR,
    LEADS,
    NOT_NAMES,
    PRAISE,
    THEN_TO,
    WRITINGS,
)
from whoknows.ingest._minutes_items import minutes_deed
from whoknows.ingest._sentences import row_says_more
from whoknows.text import LEGACY_ERASED_MARK, OPTED_OUT_MARK

MAX_NAME_WORDS = 4
# a name masked for an erased or opted-out person is someone's still
MASKED = frozenset({OPTED_OUT_MARK, LEGACY_ERASED_MARK})

_WORD = re.compile(r"\w+")
# a person's initials, where a doer or an owner stands ("| Kafka lag | CM | done |",
# "root-caused by CM"): never as one of several nor in a weak place (an acronym reads alike)
INITIALS = re.compile(r"(?<![\w@.'’-])[A-Z]{2,3}(?![\w'’-]|\.\w)")
_MASK = "|".join(re.escape(mark) for mark in sorted(MASKED))
# the small words inside a surname ("Van der Berg", "dos Santos"; not "de": "l'équipe de Claire")
PARTICLES = "van|von|der|den|ter|ten|dos|das|da|di|del|della|zu|bin|ibn|al"
UPPER = r"[^\W\d_a-zß-öø-ÿ]"  # (a letter that is not a lower-case Latin one)
_CAPITALISED = re.compile(
    rf"{_MASK}|@\w[\w.'’-]*\w(?: {UPPER}[^\W\d_]+)?|"
    rf"(?<![\w@]){UPPER}(?:[^\W\d_]*(?:['’-][^\W\d_]+)*)"
    rf"(?: (?:(?:{PARTICLES}) )*(?:{UPPER}\.(?!\w)|{UPPER}[^\W\d_]*(?:['’-][^\W\d_]+)*))"
    rf"{{0,{MAX_NAME_WORDS - 1}}}"
)
_LOWER = re.compile(r"(?:^|(?<=[:;,.(|/\-–—•*>] ))[a-zß-öø-ÿ][^\W\d_]*(?=[\s.;:|)]|$)")
_IDENTIFIER = re.compile(r"[._/=@\\-]?\w|\(\)")  # what goes on a name: it is code
# a work cited: "Mikolov et al.", "Sporleder and Li (2009)", "(Roth & Yih, 2004)"
_CITED = re.compile(r"^(?:\s+et(?:\.|\s+al\b)|\s*\(\s*(?:1[89]|20)\d\d\b|,\s*(?:1[89]|20)\d\d\b)")
# what gives examples ("assistants (e.g., Siri and Alexa)", "tools such as Jenkins")
_EXAMPLES = re.compile(
    r"(?i:\b(?:e\.g\.|i\.e\.|eg|such as|like|including|par exemple|comme))[,:]?\s*$"
)
_LOWER_WORD = re.compile(r"^ ([a-zß-öø-ÿ][\w'’]*)")
_FOR = re.compile(r"\s+(?:pour|for)\s+\w", re.IGNORECASE)
_ASIDE = re.compile(r"^\s*\([^()]*\)")  # ("Antoine Lefèvre (oui, à la compta !)")
_FUTURE = re.compile(r"[^\W\d_]{2,}(?:era|ira)|fera|mettra|prendra")  # (French: "publiera")
# what may come before a name at a sentence's start ("This week Claire worked on …")
_OPENING = re.compile(
    r"(?:^|[:;,.(|\-–—•*>]\s)\W*(?:(?i:this week|last week|today|yesterday|meanwhile|also|"
    r"then|and|cette semaine|la semaine dernière|hier|aujourd['’]hui|ensuite|et|puis|"
    r"c['’]est)|\d{1,2}[:h]\d{2})\W*$"
)
_PARTICIPLE = re.compile(r"(?:ing|ed|é|ée|és|ées|i|is|it|u|us|ert)$")
_CLAUSE_MARKS = frozenset(f"{mark} " for mark in ":;,.(|/-–—•*>")
_CLAUSE_START = re.compile(r"(?:^|[:;,.(|\]] |[-–—•*>/] |^\W+ ?)$")
_CLAUSE_END = re.compile(r"^(?:\s*$|\s*[.;|)]|\s+[-–—]\s)")  # (not "However, …")
# a status line's owner at work, its clause's last words ("refresh failures, Nadia helping")
_AT_WORK = re.compile(
    r"^\s+(?i:helping|leading|owning|driving|handling|investigating|fixing|testing|supporting"
    r"|assisting|coordinating|en (?:renfort|appui|soutien))(?:\s*$|\s*[.;|)]|\s+[-–—]\s)"
)
_ARROW = re.compile(r"(?:->|→|=>)\s*$")
_VALUE = re.compile(r"^\s*[:=]\s*[\d.]")
_THANKED = re.compile(r"\((?i:thanks|thank you|thx|merci|kudos|h/t|bravo)\s+$")
_BULLET = re.compile(r"^\s*(?:[-•*–>]|\d+[.)])\s*$")
_STATUS = re.compile(
    r":\s*(?i:done|ok|wip|in progress|ongoing|blocked|shipped|fait|terminé|en cours|bloqué)"
    r"\W*$"
)
_JOINED = re.compile(r",? (?:and|et|&|\+|/) |, ")  # between two names of one group


def _names(sentence: str) -> list[tuple[str, int, int]]:
    """Runs of up to :data:`MAX_NAME_WORDS` capitalised words ("Claire Martin", "Claire M."),
    a mention, a mask, and a lower-case word at a clause's start, as (text, start, end)."""
    runs = []
    for found in _CAPITALISED.finditer(sentence):
        name, start, end = found.group(), found.start(), found.end()
        first, _, rest = name.partition(" ")
        if rest and first.lower() in LEADS:  # ("Per Sophie", "Selon Marc", "Great Max")
            name, start = rest, start + len(first) + 1
        possessive = re.search(r"['’]s\b", name)  # ("Claire's fix", "Aiko's Snowpipe …")
        if possessive:
            name, end = name[: possessive.start()], start + possessive.start()
        if _capitalised(name.split(" ", 1)[0]):
            runs.append((name, start, end))
    runs += [(found.group(), found.start(), found.end()) for found in _LOWER.finditer(sentence)]
    runs += [(found.group(), found.start(), found.end()) for found in INITIALS.finditer(sentence)]
    return sorted(runs, key=lambda run: run[1])


def _capitalised(word: str) -> bool:
    """A name's word: capitalised, not an acronym ("Claire", "McKenzie", "O'Brien", "M."), a
    mention, a mask."""
    if word in MASKED or word.startswith("@"):
        return True
    initial = len(word) == 2 and word.endswith(".")
    if initial:
        return True
    return word[:1].isupper() and not word.isupper() and not any(map(_coined, word.split()))


def _coined(word: str) -> bool:
    """Two capitals in a row, a capital ending the word or two inside it: a coined word
    ("GRUs", "BiRD", "RoBERTa"), where a name has at most one capital inside its parts
    ("McKenzie", "DeVito", "O'Brien", "Jean-Marc")."""
    inside = [c for before, c in itertools.pairwise(word) if c.isupper() and before not in "-'’"]
    pair = any(a.isupper() and b.isupper() for a, b in itertools.pairwise(word))
    return pair or len(inside) > 1 or (len(word) > 1 and word[-1].isupper())


def doers(sentence: str) -> list[str]:
    found = []
    groups = _coordinated(sentence, [run for run in _names(sentence) if _may_name(sentence, run)])
    listed = _stand_up(sentence, groups) | _contacts(sentence, groups)
    for group in groups:
        start, end = group[0][1], group[-1][2]
        before, after = sentence[max(0, start - 40) : start], sentence[end : end + 40]
        names = [name for name, _, _ in group]
        strength = "strong" if start in listed else _position(before, after)
        if strength and row_says_more(sentence, start, end):
            continue
        person_like = len(names) > 1 or any(
            name.startswith("@") or name in MASKED or " " in name for name in names
        )
        mark = before.rstrip()[-1:]  # (a list's item: "daily - claire: kafka lag - marc: …")
        labelled = after.startswith(":") and bool(mark) and mark in "-•*–—/"
        if INITIALS.fullmatch(names[0]) and not _owner_of(before, after):
            continue
        if strength == "strong" and (_named(names[0]) or _does(after) or labelled):
            found += names  # (a lower-case one only before what it does: "claire is on it")
        elif strength == "weak" and person_like:
            found += names
    return found


def _stand_up(sentence: str, groups: list[list[tuple[str, int, int]]]) -> set[int]:
    """Where the mentions of a stand-up's line start ("@claire vault rotation, @marc kafka
    lag", "- @claire vault rotation", "@marc kafka upgrade: done"): mentions opening clauses
    before what they are on, two of them or more, after a list's mark or before a status. A
    mention spoken to is none ("@claire can you …", "@marc look at this", a question), nor one
    opening a reply ("@marc the lag comes from …": a forum's or a chat's way to answer)."""
    if sentence.rstrip().endswith("?"):
        return set()
    found: set[int] = set()
    for group in groups:
        start, end = group[0][1], group[-1][2]
        before = sentence[max(0, start - 40) : start]
        following = re.findall(r"[\w'’-]+", sentence[end : end + 40])[:1]
        if (
            all(name.startswith("@") for name, _, _ in group)
            and (_CLAUSE_START.search(before) or _OPENING.search(before))
            and following
            and following[0].lower() not in ADDRESSING
        ):
            found.add(start)
    if len(found) >= 2 or _BULLET.search(sentence[: min(found, default=0)]):
        return found
    return found if _STATUS.search(sentence) else set()


def _contacts(sentence: str, groups: list[list[tuple[str, int, int]]]) -> set[int]:
    """Where the names of a list of contacts start, two of them or more, each opening its
    clause before "pour"/"for" ("Côté Londres : James pour terraform, Priya pour Airflow")."""
    found = {
        group[0][1]
        for group in groups
        if _FOR.match(sentence[group[-1][2] :]) and _at_clause_start(sentence, group[0][1])
    }
    return found if len(found) >= 2 else set()


def _may_name(sentence: str, run: tuple[str, int, int]) -> bool:
    name, start, end = run
    return not (
        name.lstrip("@").lower() in NOT_NAMES
        or _IDENTIFIER.match(sentence, end)  # ("max.poll.records", "Vault_token")
        or not (_named(name) or (name.isalpha() and _at_clause_start(sentence, start)))
    )


def _owner_of(before: str, after: str) -> bool:
    """Whether initials after ``before`` stand as an owner: in a table's cell other than the
    row's first ("Kafka lag; CM; done."), or after "by", "owner:"... ("root-caused by CM");
    not a topic's label ("DB: replicas migrated", "- EDI: …") nor a noun's ("built by DT
    parsers", "via ASR tokens"): an acronym reads alike."""
    words = [w.lower() for w in re.findall(r"[\w'’]+", before)[-1:]]
    noun = _LOWER_WORD.match(after)
    if noun and noun.group(1) not in AFTER_OWNER:
        return False
    return ";" in before or bool(words and words[-1] in AGENTS)


def _initials(word: str) -> bool:
    return INITIALS.fullmatch(word) is not None


def _named(word: str) -> bool:
    """A name's first word (:func:`_capitalised`) or a person's initials."""
    return _capitalised(word) or INITIALS.fullmatch(word) is not None


def _coordinated(
    sentence: str, runs: list[tuple[str, int, int]]
) -> list[list[tuple[str, int, int]]]:
    """The runs, those joined by "and", "&", "et" or a comma one group ("Marc and Claire
    upgraded …", "(Marc, Claire)"): a group stands where its names do together."""
    groups: list[list[tuple[str, int, int]]] = []
    for run in runs:
        last = groups[-1][-1] if groups else None
        joined = (
            last is not None
            and _named(run[0])
            and _named(last[0])
            and _initials(run[0]) == _initials(last[0])  # ("Claire is OOO, Marc covering")
            and (
                _JOINED.fullmatch(sentence[last[2] : run[1]]) is not None
                or (sentence[last[2] : run[1]] == " " and last[0][:1] == run[0][:1] == "@")
            )
        )
        if (
            last is not None
            and joined
            and len(groups[-1]) == 1
            and sentence[last[2] : run[1]] == ", "
        ):
            joined = not _qualified(sentence[max(0, last[1] - 30) : last[1]])
        if joined:
            groups[-1].append(run)
        else:
            groups.append([run])
    return groups


def _qualified(before: str) -> bool:
    """Whether a name after ``before`` qualifies the lower-case noun before it ("l'avis
    Hamilton, Luc planifie …": the notice is Hamilton's, and the comma ends its phrase, no
    list of two names): a comma after it starts another clause."""
    found = re.search(r"(?<!\w)(?:\w['’])?([^\W\d_A-Z][\w-]{2,})\s+$", before)
    if found is None or not found.group(1).islower():
        return False
    word = found.group(1)
    return word not in BEFORE_A_LIST | CREDITS_TO | ADDRESSING | ALONGSIDE


def _does(after: str) -> bool:
    """Whether what follows says what someone does ("is on", "fixed", "s'en occupe")."""
    following = [w.lower() for w in re.findall(r"[\w'’]+", after)[:2]]
    if not following or following[0] == "to":
        return False
    return (
        following[0] in DOES or "_".join(following) in DOES or bool(_FUTURE.fullmatch(following[0]))
    )


def _at_clause_start(sentence: str, start: int) -> bool:
    """What :data:`_CLAUSE_START` says of the text before ``start``, read quickly."""
    before = sentence[max(0, start - 2) : start]
    return not start or before in _CLAUSE_MARKS or not _WORD.search(sentence[:start])


def _position(before: str, after: str) -> str:
    """ "strong" where a doer or an owner stands, "weak" where a person or a tool may, ""."""
    after = after.lstrip("*_")  # (chat's bold: "*Claire*: lag")
    if _CITED.match(after) or _EXAMPLES.search(before):
        return ""
    enclosed = before[-1:] in "([" and after.lstrip()[:1] in ")]"
    if enclosed or _ARROW.search(before) or _THANKED.search(before):
        return "strong"
    words = [w.lower() for w in re.findall(r"[\w'’]+", before)[-2:]]
    if len(words) == 2 and words[0] in WRITINGS and words[-1] == "by":
        return ""  # ("The answer by Cem Kalyoncu mentions …": a text pointed to)
    if words and words[-1] in AGENTS:
        return "strong"
    if tuple(words) in HANDED:
        return "strong"
    if words and words[-1] in ALONGSIDE:
        return "weak"  # ("the onboarding continues with Olivia and Ben"; "built with Hugo")
    if len(words) == 2 and (
        (words[-1] in THEN_TO and words[0] in CREDITS_TO)
        or tuple(words) in PRAISE
        or tuple(words) in HANDED
    ):
        return "strong"  # ("thanks to Claire", "great job Max on …")
    if after.startswith(("'s ", "’s ")):  # ("… Aiko's ClickHouse migration also reads …")
        said = [word.lower() for word in re.findall(r"[\w'’]+", after[3:])[:3]]
        eponym = said[:1] and said[0] in EPONYMS
        return "" if eponym or WRITINGS.intersection(said) else "strong"
    if not (_CLAUSE_START.search(before) or _OPENING.search(before)):
        return ""
    if _VALUE.match(after):
        return ""  # ("Max: 200 connections", "Ruby: 3.3"): a setting
    if _AT_WORK.match(after):
        return "strong"
    if _CLAUSE_END.match(_ASIDE.sub("", after, count=1)) or after.lstrip().startswith(":"):
        return "strong"  # (alone in its clause, "Claire: done", "Antoine Lefèvre (oui, à la
        # compta !).", "Claire's fix is in prod")
    if before.rstrip().endswith(":") and after.lstrip().startswith(","):
        return "strong"  # ("Postgres backups: Marc Dubois, in progress")
    following = [w.lower() for w in re.findall(r"[\w'’]+", after)[:2]]
    if not following:
        return ""
    if following[0] in DOES or "_".join(following) in DOES or _acted(following):
        return "strong"
    if minutes_deed(before, following[0]):
        return "strong"
    return "weak" if following[0] in AUXILIARIES else ""


def _acted(following: list[str]) -> bool:
    """Whether the words after a name tell what it did or is doing: a past tense ("moved",
    "migrated"), or an auxiliary before a participle ("is investigating", "a migré")."""
    if following[0].endswith("ly") and len(following) == 2:  # ("Claire finally nailed …")
        following = following[1:]
    past = (following[0].endswith("ed") and len(following[0]) > 4) or following[0] in IRREGULAR
    if past or _FUTURE.fullmatch(following[0]):  # (or to come: "Chantal publiera la version")
        return True
    if following[0] in HYPHENED and len(following) == 2 and following[1].endswith("ed"):
        return True  # ("fine-tuned", "hand-rolled")
    helping = following[0] in AUXILIARIES or following[0] in {"are", "were"}  # (several)
    auxiliary = len(following) == 2 and helping and len(following[1]) > 3
    return auxiliary and _PARTICIPLE.search(following[1]) is not None
