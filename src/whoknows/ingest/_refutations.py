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
from whoknows.ingest._requests import TRIED_IN_VAIN, WORKED, explains
from whoknows.records import ItemRecord
from whoknows.text import fold_accents
from whoknows.vocab import ContributionRole

REFUTED_SIGNAL = "refuted"  # (an item's, derived at each index build from the two below)
REFUTES_META = "refutes"  # (a reply's meta: the uids it refutes; a signal of that name too)
CONFIRMS_META = "confirms"  # (the opener's reply: the uids of the fixes it says worked)
# (the opener's reply that says a suggestion failed, a writer's retraction: the uids it refutes
# on the word of who tried them or wrote them, not only of a colleague who says the cause)
FAILED_META = "failed"
REFUTATION_METAS = (REFUTES_META, FAILED_META, CONFIRMS_META)
FAILED_VALUE = 2.0  # (``REFUTED_SIGNAL``'s value for an item refuted so; 1 otherwise)
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
    r"(?:is ?n['’]?t|is not|was ?n['’]?t|was not) the (?:problem|issue|cause|culprit)|"
    r"n['’]a rien donn[ée]|n['’]y est pour rien|n['’][ée]tait pas en cause)\b|"
    r",\s*(?:same (?:error|result|problem|issue)|toujours pareil|m[êe]me (?:erreur|r[ée]sultat|"
    r"probl[èe]me))\b",
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
    r"mea culpa|oubliez? (?:ce que j['’]ai dit|mon (?:dernier |pr[ée]c[ée]dent )?message))"
    # (said whole: "Sorry, I didn't know you were on leave" takes nothing back, an attacker's)
    r"\s*(?:[.!…]+|,? ?(?:merci|thanks|sorry|d[ée]sol[ée]e?)\b[^.!?]*[.!]*)?\s*$",
    re.IGNORECASE,
)
# a reply that opens by gainsaying ("No, never …", "Non, surtout pas", "That is not what …"):
# not "No doubt, …", "No problem", "That is not all", an attacker's
_DISAGREES = re.compile(
    r"\W*(?:(?:no|non|nope|wrong|faux|pas du tout|surtout pas|actually,? no)\s*[,.!:;—–-]|"
    r"not quite\b|surtout pas\b|(?:that|this|it)(?: is|['’]s) not (?:what|how|the case|right|"
    r"correct|true|it|the (?:problem|issue|cause))\b|(?:ce|ça|cela) n['’]est pas (?:[çc]a|le cas|"
    r"vrai|exact|juste|ce qui|le probl[èe]me)\b|c['’]est faux\b)",
    re.IGNORECASE,
)
DISAGREEING_WORDS = 12  # (and says more: a bare "No." under a quote is no answer)
RETRACTION_WORDS = 12  # (longer, a reply says more than a retraction: "I was wrong about X, …")
_CLAUSE = re.compile(r"[!?;\n]|\.(?=\s|$)")
# "still failing after the driver upgrade", "toujours en panne après le redémarrage"
_STILL_AFTER = re.compile(
    r"\b(?:still (?:failing|fails|failed|broken|crashing|down|the same)|toujours (?:en panne|"
    r"pareil|le m[êe]me probl[èe]me|en erreur|plant[ée]))\s+(?:after|apr[èe]s)\s+"
    r"(?:the\s+|le\s+|la\s+|les\s+|l['’])?(?P<subject>[\w.+-]+(?:\s+[\w.+-]+){0,3})",
    re.IGNORECASE,
)
# what says a fix worked after all ("… did fix it", "all green now"): an opener's confirmation
_WORKED_AFTER_ALL = re.compile(
    rf"{WORKED.pattern}|\b(?:did|does) (?:fix|solve|work)|all green|c['’]est r[ée]gl[ée]",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"(?:[^.!?\n]|\.(?!\s|$))+[.!?]*")
# what is not asserted: a condition, a fear, a first try, a report of someone else's words
_NOT_ASSERTED = re.compile(
    r"\b(?:if|unless|in case|whether|si|sauf si|au cas o[ùu]|worried|afraid|feared|thought|"
    r"expected|peur|craignais|pensais|croyais|at first|initially|au d[ée]but|d['’]abord|"
    r"says?|said|dit|disait|selon|last (?:time|year|month|week)|back then|the other time|"
    r"la derni[èe]re fois|l['’]an dernier|l['’]ann[ée]e derni[èe]re|[àa] l['’][ée]poque)\b",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"[\"“«][^\"”»]{0,300}[\"”»]")
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
    "maintenant meme vraiment juste merci thanks thank cheers hello bonjour salut hi but mais "
    "however pourtant".split()
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
    later reply refutes or the opener confirms (see the module)."""

    def __init__(self) -> None:
        # (the latest threads' openers: writer and words; a mailbox of a million messages
        # would hold every question's words otherwise)
        self._openers: OrderedDict[str, tuple[str, frozenset[str]]] = OrderedDict()
        self._replies: OrderedDict[str, list[_Reply]] = OrderedDict()
        self._thread_of: OrderedDict[str, str] = OrderedDict()  # (an item's thread, by its id)

    def read(self, item: ItemRecord) -> ItemRecord:
        """The item, marked with the uids of the earlier replies it refutes, or, the opener's
        saying a fix worked, those it confirms; its own reply kept for later."""
        if not item.contributions:
            return item
        thread = self._thread_of.get(item.parent_id or "") or (
            item.thread_id or item.parent_id or item.native_id
        )
        self._thread_of[item.native_id] = thread  # (a reply naming only its parent: its thread)
        if len(self._thread_of) > KEPT_THREADS * 10:
            self._thread_of.popitem(last=False)
        writer = item.contributions[0]
        text = unquoted(item.text)
        said = words(text)
        who = writer.person.native_id or writer.person.name or ""
        if item.parent_id is None:
            self._openers.setdefault(thread, (who, said))
            if len(self._openers) > KEPT_THREADS:
                self._openers.popitem(last=False)
            return item
        earlier = [reply for reply in self._replies.get(thread, []) if reply.writer != who]
        opener, asked = self._openers.get(thread, ("", frozenset()))
        marks: dict[str, list[str]] = {}
        worked = _WORKED_AFTER_ALL.search(text) is not None  # (said to work: no refutation)
        if who == opener and worked and not subjects(text):  # ("Thanks, I'll try" confirms no)
            marks[CONFIRMS_META] = _thanked(text, earlier) or _echoed(said - asked, earlier)
        elif not worked and (who == opener or _says_cause(text)):
            marks[REFUTES_META] = _refuted(text, earlier, asked)  # ("Thanks Bruno, but X …")
            if who == opener:
                marks[FAILED_META] = list(marks[REFUTES_META])
        if retracts(text):  # ("Désolé, je ne savais pas": the writer's own earlier guess)
            theirs = [reply.uid for reply in self._replies.get(thread, []) if reply.writer == who]
            marks[REFUTES_META] = marks.get(REFUTES_META, []) + theirs
            marks[FAILED_META] = marks.get(FAILED_META, []) + theirs
        elif writer.role in _SUGGESTING and not _fails_itself(text):
            uid, names = (
                f"{item.source}:{item.native_id}",
                frozenset(words(writer.person.name or "")),
            )
            self._replies.setdefault(thread, []).append(_Reply(uid, who, names, said))
            self._replies.move_to_end(thread)
            if len(self._replies) > KEPT_THREADS:
                self._replies.popitem(last=False)
        marks = {key: uids for key, uids in marks.items() if uids}
        if not marks:
            return item
        signals = {key: 1.0 for key in marks}
        return replace(item, meta={**item.meta, **marks}, signals={**item.signals, **signals})


def disagrees(text: str) -> bool:
    """Whether a reply gainsays what it quotes and says more ("No, never freeze vaccines.
    Procedure: …", "That is not what happened here. The CU 200 stops on dry running …"): a
    forum's answer under a quote of the post it refutes."""
    return len(text.split()) >= DISAGREEING_WORDS and _DISAGREES.match(text) is not None


def retracts(text: str) -> bool:
    """Whether a reply of a few words takes back what its writer said before ("Désolé, je ne
    savais pas.", "My bad, I was wrong", "Scratch that", "Au temps pour moi"), its last
    sentence the retraction whole."""
    last = _SENTENCE.findall(text.strip())[-1:] or [""]
    return len(text.split()) <= RETRACTION_WORDS and _RETRACTS.search(last[0]) is not None


def words(text: str) -> frozenset[str]:
    """A text's words that may name a thing (lower case, accents folded, function words
    dropped)."""
    found = (word.strip(".-+") for word in _WORD.findall(fold_accents(text).lower()))
    return frozenset(word for word in found if word and word not in _FUNCTION_WORDS)


def subjects(text: str) -> list[frozenset[str]]:
    """The words of each thing ``text`` says did not help or was not the cause, in sentences
    that assert it: not a question, a condition ("If X doesn't help …"), a fear ("worried X
    would change nothing"), a first try ("at first", "au début") nor a quotation."""
    found = []
    for sentence in _SENTENCE.findall(text):
        if sentence.rstrip().endswith("?") or _NOT_ASSERTED.search(sentence):
            continue
        failed = [*_FAILED_AFTER.finditer(sentence), *TRIED_IN_VAIN.finditer(sentence)]
        found += [_before(sentence, said.start()) for said in failed]
        named = [*_NOT_THE.finditer(sentence), *_STILL_AFTER.finditer(sentence)]
        found += [words(said.group("subject")) for said in named]
    return [subject for subject in found if subject]


def _before(text: str, at: int) -> frozenset[str]:
    """The words of the clause's last few words before ``at``."""
    return words(" ".join(_CLAUSE.split(text[:at])[-1].split()[-SUBJECT_WORDS:]))


def unquoted(text: str) -> str:
    """``text`` without its quoted lines ("> …") nor the words it puts in quotation marks."""
    kept = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(">"))
    return _QUOTED.sub(" ", kept)


def _says_cause(text: str) -> bool:
    """Whether a reply says what the cause was instead ("c'était matériel"), or explains."""
    return _CAUSE.search(text) is not None or explains(text)


def _echoed(said: frozenset[str], earlier: list[_Reply]) -> list[str]:
    """The earlier replies an unnamed confirmation is about: those sharing most of its named
    words, two at least ("Thank you, it is a low alarm … Doing the shake test now." after the
    health officer's shake test), else the latest (never every reply: an intern's wrong guess
    before the answer stays refutable)."""
    named = {word for word in said if _named(word)}
    shared = [len(named & reply.words) for reply in earlier]
    most = max(shared, default=0)
    if most >= 2:
        return [reply.uid for reply, count in zip(earlier, shared, strict=True) if count == most]
    return [earlier[-1].uid] if earlier else []


def _thanked(text: str, earlier: list[_Reply]) -> list[str]:
    """The uids of the earlier replies whose writer ``text`` thanks by name."""
    thanked = {fold_accents(name).lower() for name in THANKED.findall(text)}
    return [reply.uid for reply in earlier if reply.names & thanked]


def _named(word: str) -> bool:
    """Whether a word may name a thing by itself: four letters or more, or a figure."""
    return len(word) >= 4 or any(ch.isdigit() for ch in word)


def _refuted(text: str, earlier: list[_Reply], opener: frozenset[str]) -> list[str]:
    """The uids of the ``earlier`` replies whose own words name what ``text`` says failed (a
    thanks for trying beside it refutes still: "Thanks Bruno, but X didn't help", an
    attacker's)."""
    refuted: list[str] = []
    names = {fold_accents(name).lower() for name in THANKED.findall(text)}  # ("Thanks Bruno")
    names |= set().union(*(reply.names for reply in earlier))
    for subject in subjects(text):
        brought = {word for word in subject - opener - names if _named(word)}
        for reply in earlier:  # (most of what failed is theirs: "socketTimeout to 600s" is not
            # the reply that said 600s of another setting)
            named = 2 * len(brought & reply.words) > len(brought)
            if named and reply.uid not in refuted:
                refuted.append(reply.uid)
    return refuted


def _fails_itself(text: str) -> bool:
    """Whether a reply says itself that something will not help ("Restarting won't help")."""
    return bool(_FAILED_AFTER.search(text) or TRIED_IN_VAIN.search(text))


__all__ = [
    "CONFIRMS_META",
    "FAILED_META",
    "FAILED_VALUE",
    "REFUTATION_METAS",
    "REFUTED_SIGNAL",
    "REFUTES_META",
    "Refutations",
    "disagrees",
    "failed_uids",
    "refuted_uids",
    "retracts",
    "subjects",
    "unquoted",
    "words",
]


def failed_uids(refuting: list[dict[str, object]]) -> set[str]:
    """Of :func:`refuted_uids`, those refuted on the word of who tried them (the thread's
    opener) or wrote them (a retraction)."""
    failed = {str(uid) for meta in refuting for uid in _uids(meta.get(FAILED_META))}
    return failed & refuted_uids(refuting)


def refuted_uids(refuting: list[dict[str, object]]) -> set[str]:
    """The uids refuted by the stored replies' ``meta`` (each a reply's), less those an
    opener's reply confirms: a fix the opener says worked stays whole, whenever the
    refutation was said."""
    refuted: set[str] = set()
    confirmed: set[str] = set()
    for meta in refuting:
        refuted.update(str(uid) for uid in _uids(meta.get(REFUTES_META)))
        confirmed.update(str(uid) for uid in _uids(meta.get(CONFIRMS_META)))
    return refuted - confirmed


def _uids(value: object) -> list[object]:
    return value if isinstance(value, list) else []
