"""Self-answers in connectors that read a thread's first message before its replies."""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import replace

from whoknows.ingest._acknowledging import CONFIRMS_THEN_THANKS
from whoknows.ingest._addressees import THANKED
from whoknows.ingest._endorsements import endorsements
from whoknows.ingest._refutations import Refutations
from whoknows.ingest._requests import TRIED_IN_VAIN, WORKED
from whoknows.ingest._threads import tells_own_fix
from whoknows.records import ItemRecord, PersonRef
from whoknows.text import fold_accents
from whoknows.vocab import ContributionRole

# what says a fix worked, and what came before it names the fix ("overhead 4g + AQE fixed it",
# "… and the OOM is gone")
_WORKED = re.compile(
    rf"{WORKED.pattern}|\b(?:is gone|went away|a disparu|was it|c['’][ée]tait [çc]a)\b", re.I
)
# the fix named after "it was" ("it was the module load gcc in my bashrc. thank you!!")
_IT_WAS = re.compile(
    r"^\W*(?:(?:it|that)\s+was|c['’][ée]tait|[çc]a venait d[eu]|[çc]a vient d[eu])\s+"
    r"(?!(?:not|n['’]t|pas)\b)([^.!?;]+)",  # ("it was not the proxy, it was …": their own)
    re.IGNORECASE,
)
# a thanks after the named fix ("C'était le capteur, merci Pierre": the sensor Pierre named)
_THANKS_AFTER = re.compile(r",\s*(?:merci|thanks?|thank you|cheers|thx)\b.*$", re.IGNORECASE)
_IT_WAS_THEN = re.compile(r"[.!?;:]\s+")  # (what follows the named fix: a thanks, at most)
_THANKS_ONLY = re.compile(r"^\W*(?:thanks?|thank you|thx|ty|merci|cheers)\b[^.!?]*\W*$", re.I)
# what says the others' suggestions failed ("Heap didn't help", "Neither of those changed …")
_FAILED = re.compile(
    rf"{TRIED_IN_VAIN.pattern}|\b(?:neither of (?:those|these|them)|did ?n['’]?t work|did not "
    r"work|n['’]a pas march[ée])\b",
    re.IGNORECASE,
)
_NAMED = re.compile(r"[^\W_][\w.-]*[^\W_]|\w")
_BOUNDARY = re.compile(r"[:;!?]|\.(?:\s|$)")  # the fix is said in the clause before "fixed it"
_PARTS = re.compile(r"[^\w.-]+")
# words that name no fix ("the", "it", "plus", "bumping")
_PLAIN = frozenset(
    "the a an and or to it this that with plus then just also both le la les et ou puis "
    "avec aussi ça ca".split()
)
_MYSELF = re.compile(
    r"\b(?:myself|on my own|moi-m[êe]me|tout seul|toute seule|I found (?:it|the)|j.ai trouv|"
    r"figured (?:it )?out|worked it out|"
    # a thanks for trying: the fix was not the one thanked ("Thanks Paul for looking anyway!")
    r"anyway|quand m[êe]me)",
    re.IGNORECASE,
)
# a negation before it: the writer would not have found it alone ("I'd never have figured it
# out", "je n'aurais pas trouvé tout seul", "I wouldn't have found it myself")
_NOT_BEFORE = re.compile(
    r"\b(?:never|n['’]t|not|pas|jamais|sans toi|without you)\b[^.!?]{0,30}$", re.I
)
_NAME_MARK = "@name:"  # (a replier's name among the words said: never a word of a text)
SAID_THREADS = 10_000  # threads whose replies' words are kept (replies follow their thread soon)
ECHOED_SHARE = 2 / 3  # of a fix's words said by someone else before: that fix was theirs


class SelfAnswers:
    """Who began each thread read so far, for a connector that reads a thread's first
    message before its replies (Slack, Teams, Google Chat, mail): a reply by the opener that
    tells the fix (:func:`tells_own_fix`) is a self-answer; their other replies follow up. A
    reply read before its thread's first message stays a reply. An opener's "overhead 4g +
    AQE fixed it" after a colleague's reply that said to raise the memory overhead to 4g and
    enable AQE says that the colleague's fix worked: it acknowledges (a fresh evaluator's
    asker ranked first for Spark above the colleague, on that reply)."""

    def __init__(self) -> None:
        self._openers: dict[str, PersonRef] = {}
        # the words of others' replies, by thread, for the latest threads only (a mailbox of a
        # million messages would hold every reply's words otherwise)
        self._said: OrderedDict[str, set[str]] = OrderedDict()
        self._refutations = Refutations()  # (a suggestion a later reply says did not help)

    def read(self, item: ItemRecord) -> ItemRecord:
        writer = item.contributions[0]
        thread = item.thread_id or item.parent_id or item.native_id
        if item.parent_id is None:
            self._openers.setdefault(item.thread_id or item.native_id, writer.person)
            return item
        opened = self._openers.get(thread)
        if opened is None or opened.native_id != writer.person.native_id:
            self._hear(thread, item.text, writer.person.name)
            return item
        if writer.role is ContributionRole.ANSWERER:  # (a few words that tell a fix)
            pass
        elif writer.role is not ContributionRole.REPLIER or not (
            tells_own_fix(item.text) or _fixed_after_all(item.text)
        ):
            return item
        role = ContributionRole.ANSWERER
        said = self._said.get(thread, set())
        if _echoes(item.text, said) or _thanks_a_replier(item.text, said) or _confirms(item.text):
            role = ContributionRole.ACKNOWLEDGER
        return replace(item, contributions=[replace(writer, role=role), *item.contributions[1:]])

    def items(self, item: ItemRecord) -> list[ItemRecord]:
        """The item as :meth:`read` reads it, marked with the earlier replies it refutes
        (:mod:`whoknows.ingest._refutations`), and the endorsement it makes, if any
        (:func:`whoknows.ingest._endorsements.endorsements`)."""
        read = self.read(item)
        read = self._refutations.read(read)
        thread = item.thread_id or item.parent_id or item.native_id
        opener = self._openers.get(thread) if item.parent_id is not None else None
        return endorsements(read, opener)

    def _hear(self, thread: str, text: str, name: str | None) -> None:
        words = self._said.setdefault(thread, set())
        words.update(filter(None, (part.strip(".-") for part in _PARTS.split(text.lower()))))
        if name:  # (a replier's names, marked apart from the words they said)
            words.update(_NAME_MARK + part for part in fold_accents(name).lower().split())
        self._said.move_to_end(thread)
        if len(self._said) > SAID_THREADS:
            self._said.popitem(last=False)


def _fixed_after_all(text: str) -> bool:
    """Whether what others suggested failed and the writer then names what fixed it ("Heap
    didn't help, it was off-heap: overhead 4g + AQE fixed it", "Neither of those changed
    anything. I found it myself: …, and the OOM is gone")."""
    failed = _FAILED.search(text)
    worked = _WORKED.search(text, failed.end()) if failed else None
    if failed is None or worked is None:
        return False
    fix = _BOUNDARY.split(text[failed.end() : worked.start()])[-1]
    return any(w.lower() not in _PLAIN for w in _NAMED.findall(fix))


def _echoes(text: str, said: set[str]) -> bool:
    """Whether ``text`` says that a fix worked ("… fixed it", "… was it", "it was …") and
    most words naming that fix are among the words ``said`` in earlier replies by others
    (lower case)."""
    worked, named_after = _WORKED.search(text), _IT_WAS.match(text)
    parts = _IT_WAS_THEN.split(text, maxsplit=1) if named_after else []
    after = parts[1] if len(parts) > 1 else ""  # ("it was the cron" alone names its fix whole)
    if after and not (_THANKS_ONLY.match(after) or _outcome_then_thanks(after)):
        named_after = None  # ("it was DNS …: the resolver … Pointed the forwarder to …")
    if named_after is not None:
        fix = _THANKS_AFTER.sub("", named_after.group(1)).lower()
    elif worked is not None:  # ("…, it was off-heap: 4g + AQE fixed it")
        fix = _BOUNDARY.split(text[: worked.start()].lower())[-1]
    else:
        return False
    named = [w for w in _NAMED.findall(fix) if w not in _PLAIN]
    if not named:
        return False
    return sum(_said_before(word, said) for word in named) >= ECHOED_SHARE * len(named)


def _outcome_then_thanks(after: str) -> bool:
    """Whether what follows the named fix is its outcome in a few words, then a thanks ("C'était
    le joint du canister. Test de fuite à 90 mL/min. Merci!!": the seal the colleague named)."""
    *outcome, last = _IT_WAS_THEN.split(after.strip())
    said = " ".join(outcome).split()
    return bool(outcome) and _THANKS_ONLY.match(last) is not None and len(said) <= CONFIRMED_WORDS


def _said_before(word: str, said: set[str]) -> bool:
    """Whether ``word`` is one of the earlier replies' words, or of four letters or more
    inside one ("overhead" in "spark.executor.memoryoverhead"), or another form of one of
    four letters or more ("dropping" after "drop the correlation")."""
    return word in said or (
        len(word) >= 4
        and any(word in part or (len(part) >= 4 and word.startswith(part)) for part in said)
    )


def _thanks_a_replier(text: str, said: set[str]) -> bool:
    """Whether the opener thanks by name someone who replied before ("dropping the
    correlation fixed it, thanks Helene"): the fix that worked was theirs, unless the writer
    says they found it themselves."""
    if _FAILED.search(text) or any(
        not _NOT_BEFORE.search(text[: found.start()]) for found in _MYSELF.finditer(text)
    ):
        return False
    names = THANKED.findall(text)
    return any(_NAME_MARK + fold_accents(name).lower() in said for name in names)


CONFIRMED_WORDS = 8  # ("Effectivement 280 ms, merci !"; a longer reply says more)


def _confirms(text: str) -> bool:
    """Whether the opener's few words confirm what they were told and thank ("Effectivement
    280 ms, merci !": a département's PostGIS asker, read as a terse answer by the figure he
    saw, came second for PostGIS); a helper's "Oui, le port 8443, merci" stays an answer."""
    said = text.strip()
    return CONFIRMS_THEN_THANKS.match(said) is not None and len(said.split()) <= CONFIRMED_WORDS


__all__ = ["SelfAnswers"]
