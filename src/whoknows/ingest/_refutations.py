"""A suggestion refuted later in its thread: "please upgrade the RTU firmware to 4.2.1", then a
colleague's "Le firmware 4.2.1 ne change rien au problème de liaison, c'était matériel". The
suggestion's writer had counted as knowing the subject as much as the colleague who fixed it
(a water utility's vendor, third for its radio links, a fresh evaluator's).

A later reply refutes an earlier one (:meth:`Refutations.read`) when it says that
something did not help, was not the cause or changes nothing ("X ne change rien", "X didn't
help", "it was not the X", "…, pas du X"), and that something is named by words of the earlier
reply that the thread's first message does not hold (what the suggestion brought, not the
question's subject: "firmware", "4.2.1" under a question on radio links). The refuting reply is the
thread opener's, or says what the cause was instead ("c'était matériel", or an explanation):
a bare "your fix didn't help" from anyone else refutes nothing. A reply by the same
writer, one that says the thing itself will not help ("Restarting won't help; clear the
cache"), and a later reply that thanks its writer or says its fix worked are not refuted.
A writer's own short retraction ("Désolé, je ne savais
pas.", "My bad, I was wrong") refutes their earlier replies in the thread (an NGO's intern, who
had suggested freezing the vaccines, second for the cold chain: a fresh evaluator's).
The connector marks the refuting reply (``REFUTES_META``: the refuted items' uids); the store
gives each refuted item the ``REFUTED_SIGNAL`` signal, which lowers its quality
(:func:`whoknows.rank.quality.item_quality`) as a down-vote does.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass, replace

from whoknows.ingest._addressees import THANKED
from whoknows.ingest._requests import TRIED_IN_VAIN, explains
from whoknows.records import ItemRecord
from whoknows.text import fold_accents
from whoknows.vocab import ContributionRole

REFUTED_SIGNAL = "refuted"
REFUTES_META = "refutes"
KEPT_THREADS = 10_000  # threads whose replies are kept (replies follow their thread soon)
SUBJECT_WORDS = 8  # words before "… ne change rien" that may name what did not help

# "X ne change rien", "X didn't help": what did not help, said before
_FAILED_AFTER = re.compile(
    r"\s(?:ne change rien|n['’]y change rien|n['’]a rien chang[ée]|n['’]y a rien chang[ée]|"
    r"n['’]a pas (?:aid[ée]|march[ée]|fonctionn[ée]|r[ée]solu|r[ée]gl[ée]|corrig[ée])|"
    r"ne (?:r[èe]gle|r[ée]sout|corrige) (?:rien|pas)|ne sert [àa] rien|est sans effet|"
    r"n['’]a eu aucun effet|n['’]est pas (?:le|la) (?:probl[èe]me|cause)|"
    r"(?:did ?n['’]?t|did not|does ?n['’]?t|does not) (?:help|work|change anything|"
    r"fix (?:it|anything))|changes? nothing|changed nothing|makes? no difference|"
    r"made no difference|ha[sd] no effect|won['’]t help|will not help|"
    r"(?:is ?n['’]?t|is not|was ?n['’]?t|was not) the (?:problem|issue|cause))\b",
    re.IGNORECASE,
)
# "it was not the proxy", "ce n'était pas le firmware", "…, pas du firmware": said after
_NOT_THE = re.compile(
    r"(?:\b(?:it|that|this) (?:was ?n['’]?t|was not|is ?n['’]?t|is not)|"
    r"\b(?:ce|[çc]a|cela) n['’](?:[ée]tait|est|venait|vient) pas|"
    r"\b(?:[çc]a|cela) ne (?:venait|vient) pas|[,;]\s*(?:pas|not))\s+"
    r"(?:d[ue]s?\s+|de la\s+|de l['’]|le\s+|la\s+|les\s+|l['’]|the\s+|a\s+|an\s+|your\s+|"
    r"ton\s+|ta\s+|tes\s+|votre\s+|vos\s+)"
    r"(?P<subject>[\w.+-]+(?:\s+[\w.+-]+){0,2})",
    re.IGNORECASE,
)
# the cause said instead ("c'était matériel", "it was the intermediate certificate"): a colleague
# who refutes says what it was; a bare "your fix didn't help" from anyone but the asker is no
# refutation (an attacker's way to sink a colleague's answer)
_CAUSE = re.compile(
    r"\b(?:c['’][ée]tait|it was|it['’]s actually|[çc]a venait|[çc]a vient|the cause was|"
    r"la cause (?:[ée]tait|est)|caused by|caus[ée] par|due to|d[ûu] [àa])\s+(?!(?:not|pas)\b)\w",
    re.IGNORECASE,
)
# a writer taking back what they said ("sorry, I didn't know", "je me suis trompé")
_RETRACTS = re.compile(
    r"\b(?:(?:sorry|d[ée]sol[ée]e?),? (?:i|je) (?:did ?n['’]?t know|did not know|ne savais pas|"
    r"n['’]en savais rien)|my bad|my mistake|i was wrong|i stand corrected|scratch that|"
    r"ignore (?:what i said|my (?:last |previous )?(?:message|reply|suggestion))|"
    r"je me suis tromp[ée]e?|j['’]ai dit une b[êe]tise|au temps pour moi|autant pour moi|"
    r"mea culpa|oubliez? (?:ce que j['’]ai dit|mon (?:dernier |pr[ée]c[ée]dent )?message))",
    re.IGNORECASE,
)
RETRACTION_WORDS = 12  # (longer, a reply says more than a retraction: "I was wrong about X, …")
_CLAUSE = re.compile(r"[!?;:\n]|\.(?=\s|$)")
_WORD = re.compile(r"[^\W_][\w.+-]*[^\W_]|\w")
_FUNCTION_WORDS = frozenset(
    "the a an and or to of in on it its this that these those with for from then just also "
    "we i you he she they our your my their problem issue cause update le la les un une des "
    "du de et ou au aux il elle on nous vous ils elles ça ca cela ce cet cette ces mon ma mes "
    "ton ta tes son sa ses notre nos votre vos leur leurs en dans sur pour par avec puis "
    "aussi tout tous rien probleme cause mise jour "
    # (what trying says, and courtesy: no thing a suggestion brought)
    "tried try trying applied installed done did have has had still already again now same "
    "really even yet essaye essayer tente applique installe fait toujours deja encore "
    "maintenant meme vraiment juste merci thanks thank cheers hello bonjour salut hi".split()
)
_SUGGESTING = frozenset({ContributionRole.REPLIER, ContributionRole.ANSWERER})


@dataclass(frozen=True)
class _Reply:
    uid: str
    writer: str  # (the writer's native id, or name)
    names: frozenset[str]  # (the writer's names, folded: a thanks to one of them)
    words: frozenset[str]


class Refutations:
    """The replies read so far, by thread (the latest threads only), and which of them a
    later reply refutes (see the module)."""

    def __init__(self) -> None:
        self._openers: dict[str, tuple[str, frozenset[str]]] = {}  # (writer, words)
        self._replies: OrderedDict[str, list[_Reply]] = OrderedDict()

    def read(self, item: ItemRecord, acknowledged: bool) -> ItemRecord:
        """The item, marked with the uids of the earlier replies it refutes (none when it
        ``acknowledged`` one: a thanks, a fix that worked); its own reply kept for later."""
        if not item.contributions:
            return item
        thread = item.thread_id or item.parent_id or item.native_id
        writer = item.contributions[0]
        said = words(item.text)
        who = writer.person.native_id or writer.person.name or ""
        if item.parent_id is None:
            self._openers.setdefault(thread, (who, said))
            return item
        earlier = self._replies.get(thread, [])
        opener, asked = self._openers.get(thread, ("", frozenset()))
        standing = who == opener or explains(item.text) or _CAUSE.search(item.text) is not None
        refuted = _refuted(item.text, who, earlier, asked) if standing and not acknowledged else []
        if retracts(item.text):  # ("Désolé, je ne savais pas": the writer's own earlier guess)
            refuted += [reply.uid for reply in earlier if reply.writer == who]
        elif writer.role in _SUGGESTING and not _fails_itself(item.text):
            uid = f"{item.source}:{item.native_id}"
            names = frozenset(words(writer.person.name or ""))
            self._replies.setdefault(thread, []).append(_Reply(uid, who, names, said))
            self._replies.move_to_end(thread)
            if len(self._replies) > KEPT_THREADS:
                self._replies.popitem(last=False)
        if not refuted:
            return item
        return _marked(item, refuted)


def retracts(text: str) -> bool:
    """Whether a reply of a few words takes back what its writer said before ("Désolé, je ne
    savais pas.", "My bad, I was wrong", "Scratch that", "Au temps pour moi")."""
    return len(text.split()) <= RETRACTION_WORDS and _RETRACTS.search(text) is not None


def words(text: str) -> frozenset[str]:
    """A text's words that may name a thing (lower case, accents folded, function words
    dropped)."""
    found = (word.strip(".-+") for word in _WORD.findall(fold_accents(text).lower()))
    return frozenset(word for word in found if word and word not in _FUNCTION_WORDS)


def subjects(text: str) -> list[frozenset[str]]:
    """The words of each thing ``text`` says did not help or was not the cause."""
    failed = [*_FAILED_AFTER.finditer(text), *TRIED_IN_VAIN.finditer(text)]  # (", en vain")
    found = [_before(text, said.start()) for said in failed]
    found.extend(words(named.group("subject")) for named in _NOT_THE.finditer(text))
    return [subject for subject in found if subject]


def _before(text: str, at: int) -> frozenset[str]:
    """The words of the clause's last few words before ``at``."""
    return words(" ".join(_CLAUSE.split(text[:at])[-1].split()[-SUBJECT_WORDS:]))


def _named(word: str) -> bool:
    """Whether a word may name a thing by itself: four letters or more, or a figure."""
    return len(word) >= 4 or any(ch.isdigit() for ch in word)


def _refuted(text: str, writer: str, earlier: list[_Reply], opener: frozenset[str]) -> list[str]:
    """The uids of the ``earlier`` replies whose own words name what ``text`` says failed."""
    refuted: list[str] = []
    thanked = {fold_accents(name).lower() for name in THANKED.findall(text)}
    earlier = [reply for reply in earlier if not reply.names & thanked]
    for subject in subjects(text):
        brought = {word for word in subject - opener if _named(word)}
        for reply in earlier:
            if reply.writer != writer and brought & reply.words and reply.uid not in refuted:
                refuted.append(reply.uid)
    return refuted


def _fails_itself(text: str) -> bool:
    """Whether a reply says itself that something will not help ("Restarting won't help")."""
    return bool(_FAILED_AFTER.search(text) or TRIED_IN_VAIN.search(text))


def _marked(item: ItemRecord, refuted: list[str]) -> ItemRecord:
    return replace(item, meta={**item.meta, REFUTES_META: refuted})


__all__ = ["REFUTED_SIGNAL", "REFUTES_META", "Refutations", "retracts", "subjects", "words"]
