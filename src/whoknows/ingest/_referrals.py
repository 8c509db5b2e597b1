"""Whether a sentence points the asker to someone else rather than answering: "ask @Hugo",
"Hugo Bernard would know", "vois ça avec Karim, il gère Elasticsearch", "ask the LDAP team",
"c'est Hugo qui gère ça". Used by :func:`whoknows.ingest._threads.refers`.

A tool's name reads like a person's ("PgBouncer can help", "check with Vault", "ping DNS"), so
a name (one capitalised word, or two: "Kafka Connect", "Cruise Control") counts as a person
only after a verb one says to a person ("ask", "talk to", "demande à", "vois avec"), before a
pronoun that stands for one ("Karim, il gère …", "Farid, he knows …", "…, ask her"), or before
what only a person is ("Hugo's your guy", "Hugo est l'experte"); a mention ("@Hugo") always
does. A sentence that says more than a greeting before its pointer or a short reason after it
("Set snapshot.mode=when_needed and keep the slot, ask @Grace if it grows") answers.
"""

from __future__ import annotations

import re

from whoknows.ingest._acknowledging import ACKNOWLEDGES
from whoknows.ingest._coordination import coordinates, passes_on
from whoknows.ingest._notices import acknowledges_receipt
from whoknows.ingest._pointer_words import (
    FULL_NAME,
    KNOWING,
    MENTION,
    NAME,
    PLACE,
    POINTERS,
)
from whoknows.ingest._requests import explains, instructs, offers_fix
from whoknows.ingest._vague import names_something

# a pointer that comes with an answer answers: so many words before it, or after it, in its
# sentence are more than a greeting ("Hi Anna, ask Hugo") or a reason ("…, he knows LDAP")
WORDS_BEFORE = 5
WORDS_AFTER = 8
_WORD = re.compile(r"\w+")
# words that look like a name at the start of a sentence but point to nobody
_NOT_NAMES = frozenset(
    "it this that there which what who one someone anyone nobody everyone we you they i he she"
    " ca ça cela ceci il elle on qui quelqu maybe perhaps please just".split()
)
# said of a colleague put in copy, beside their name
IN_COPY = re.compile(
    r"\s*\((?i:en copie|en cc|cc['’]?e?d|in cc|copied|cc)\)|,\s*(?i:en copie|in cc|cc['’]?e?d),"
)
_ADDRESS = re.compile(r"\s*[(<\[]?(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+[)>\]]?")
# why the reader is sent to them, after the pointer ("…, c'est elle qui gère les remises SEPA",
# "…, she owns the billing service"): their knowledge, not the writer's
_WHY_THEM = re.compile(
    r",\s*(?:c['’]est (?:lui|elle|eux) qui|(?:he|she|they)(?:['’]s| is| are)? (?:knows?|handles?|"
    r"owns?|did|wrote|built|runs?|maintains?|the (?:expert|owner)|(?:re)?(?:did|built|wrote)|"
    r"set up|configured|migrated|renewed)|(?:il|elle) (?:g[èe]re|conna[iî]t|s['’]occupe|a "
    r"(?:re)?(?:fait|écrit|monté|configuré|migré|installé|renouvelé|mis en place)|a tout "
    r"(?:re)?fait)|(?:qui|who) (?:a |avait |has )?"
    r"(?:r[ée]dig[ée]|[ée]crit|fait|mont[ée]|con[çc]u|wrote|written|built|set up|owns|knows))\b.*$",
    re.IGNORECASE,
)
# a number after a pointer is the writer's own fact; not a product's name ("Sage X3", "S3")
_FIGURE = re.compile(r"(?<![^\W\d_])\d")
# a pointer said as advice ("You should ask Priya, she set up the backup": a third attacker's)
_ADVISED = re.compile(
    r"\W*(?:(?:you|vous|tu) (?:should|could|might|may|can|must|devrais|devriez|pourrais|"
    r"pourriez|peux|pouvez)(?: (?:probably|maybe|just|plut[ôo]t|peut-[êe]tre))?|i['’]?d "
    r"(?:suggest|recommend)|je (?:te|vous) (?:conseille|sugg[èe]re) de)\s*",
    re.IGNORECASE,
)
# what the colleague pointed to knows, said in the pointer ("c'est Kevin qui connaît …")
_ITS_THEM_WHO = re.compile(
    rf"(?<=\s)(?:{MENTION}|{FULL_NAME}|{NAME})\s+(?i:qui|who)\s[^,;:.!?]*",
)
# what tells the cause in a reason given for a colleague ("she knows why: the executors …",
# "c'est elle qui a trouvé que le problème venait du pool": a reviewer's)
_TELLS = re.compile(
    r"[:;]|\b(?:because|since|why|puisque|parce que|car|que le|que la|que les|qu['’]il|venait|"
    r"came from|was caused|[ée]tait d[uû])\b",
    re.IGNORECASE,
)
GREETING = re.compile(
    r"^\W*(?i:hi|hello|hey|dear|cher|ch[èe]re|bonjour|bonsoir|salut|coucou|good (?:morning|"
    r"afternoon|evening))\b[^,.!?\n]{0,30}(?:[,.!]|\n)\s*"
)
# a sentence that asks whether to point is a question ("Should I ask @Hugo?")
_ASKS_WHETHER = re.compile(
    r"^\W*(?i:should|shall|can|could|do|does|did|is|are|est-ce|dois-je|faut-il)\b"
)


# triage: handing the work to someone ("@hana can you take this one?", "Assigning to @raj",
# "je te l'assigne @karim") and the sentences that go with it (labels, priority, sprint,
# meeting, "update the ticket"): coordination, not knowledge of the subject
_ASKED_TO_DO = (  # (what one asks a colleague to do: take it, look, join the call, tell them)
    r"(?:take|pick|look|have a look|own|handle|check|join|jump on|help|investigate|dig into|"
    r"(?:answer|reply to|respond to)(?![^.!?]{0,30}?\bthat\b)|"
    r"(?:explain|show|walk \w+ through)(?![^.!?]{0,30}?(?:\b(?:that|how|where|why)\b|:))|"
    r"let \w+ know|loop in|ping|follow up|tell|inform|notify|update the (?:status|customer|client)|"
    r"book|schedule|prioriti[sz]e|document|write (?:it|this) up|formali[sz]e|draft|"
    r"add (?:[\w-]+ ){0,5}?to the (?:runbook|wiki|docs?|faq|status page|checklist))"
)
_ASKED_TO_DO_FR = (
    r"(?:le |la |t['’]en |vous en |t['’]|vous |nous |lui |leur )?"
    r"(?:prendre|regarder|jeter|g[ée]rer|occuper|rejoindre|aider|creuser|pr[ée]venir|"
    r"r[ée]pondre(?![^.!?]{0,30}?\b(?:que|qu['’])\b)|traiter|charger|voir avec|"
    r"(?:expliquer|montrer|d[ée]tailler)(?![^.!?]{0,30}?(?:\b(?:que|qu['’]|o[uù]|comment)\b|:))|"
    r"informer|documenter|tenir au courant|me tenir au courant|relancer|prioriser|"
    # (put in writing what another said: "Laure, peux-tu formaliser ça dans une procédure ?")
    r"formaliser|r[ée]diger|consigner|mettre (?:[çc]a |cela )?par [ée]crit)"
)
_CAN_YOU = r"(?:can|could|would|will)\s+you\s+(?:please\s+)?"
_PEUX_TU = (
    r"(?:est-ce que |est-ce qu['’])?"
    r"(?:tu peux|peux-tu|pourrais-tu|tu pourrais|vous pouvez|pouvez-vous|pourriez-vous|"
    r"vous pourriez)\s+"
)
_HANDS_OVER = re.compile(  # (a mention keeps its case: "@Hank Moore" is one person)
    rf"(?<!\w)(?i:assign(?:ing|ed)?)\b[^.!?]{{0,40}}?\b(?i:to)\s+{MENTION}|"
    rf"{MENTION},?\s+(?i:(?:{_CAN_YOU}|please\s+){_ASKED_TO_DO})|"
    rf"(?i:over|handing (?:this |it )?(?:over )?)\s+(?i:to)\s+{MENTION}|"
    rf"^\W*(?i:cc|\+|adding|looping in|j['’]ajoute)\s*:?\s*{MENTION}|"
    rf"(?i:assign[ée]e?s?)\s+[àaÀA]\s+{MENTION}|(?i:je (?:te |vous )?l['’]assigne)|"
    rf"{MENTION},?\s+(?i:{_PEUX_TU}{_ASKED_TO_DO_FR})|"
    # asked to answer, whoever is addressed ("tu peux lui répondre ?", "can you reply to her?")
    rf"^\W*(?i:{_PEUX_TU}(?:lui |leur )?r[ée]pondre|{_CAN_YOU}(?:answer|reply to|respond to))"
    r"(?!\w)(?![^.!?]{0,30}?\b(?i:que|qu['’]|that)\b)|"
    rf"(?i:over to you),?\s+{MENTION}|"
    # asked to look, of nothing named ("tu peux regarder ?", "can you take this one?")
    rf"^\W*(?i:{_PEUX_TU}(?:t['’]en |vous en )?(?:regarder|prendre|occuper|charger|traiter|"
    r"jeter un (?:[œo]e?il|coup d['’][œo]e?il))(?: [çc]a| ce point| celui-ci)?(?: stp| svp| "
    rf"s['’]il te pla[iî]t)?|{_CAN_YOU}(?:take (?:this|it)(?: one)?|have a look|take a look|"
    r"look into (?:it|this))(?: please)?)\s*\?|"
    # a colleague named first, then asked ("Camille, tu peux regarder ?", "Ivan please join")
    rf"^\W*(?P<name>{FULL_NAME}|{NAME})(?:,\s+(?i:(?:{_CAN_YOU}{_ASKED_TO_DO})|"
    rf"{_PEUX_TU}{_ASKED_TO_DO_FR})|,?\s+(?i:please\s+{_ASKED_TO_DO}))"
)
_WHEN_FREE = re.compile(
    r"(?i:when(?:ever)? you (?:can|get a (?:chance|minute)|have (?:a minute|time))|"
    r"quand (?:tu peux|vous pouvez|tu auras|vous aurez) ?(?:le temps|un moment)?)"
)


def _hands_over(sentence: str) -> bool:
    """Whether the sentence hands the work to someone, and says nothing of what to do after
    it ("@claire please check the realm: set the token lifespan to 30" answers)."""
    if passes_on(sentence):  # ("Ce n'est pas nous, les badges c'est la direction technique")
        return True
    found = _HANDS_OVER.search(sentence)
    if found is None or (found["name"] or "").lower() in _NOT_NAMES:
        return False
    rest = _WHEN_FREE.sub("", sentence[found.end() :])
    return not (instructs(rest) or explains(rest))


def hands_over(sentences: list[str]) -> bool:
    """Whether a message only triages: a sentence hands the work to someone ("@hana can you
    take this one?", "Assigning to @raj for this sprint", "Camille, tu peux regarder ?") and
    every other one coordinates (:func:`coordinates`: "Labelled kafka and p1 since customers
    are impacted", "Let's review it in the Thursday triage meeting", "Customer escalation from
    Acme Retail on this one", "Incident channel is open", "You did the last two upgrades")."""
    if acknowledges_receipt(sentences):
        return True
    handing = [_hands_over(sentence) for sentence in sentences]
    others = (s for s, hands in zip(sentences, handing, strict=True) if not hands)
    said = (coordinates(s) or _why_them(s) or _noted(s) or not _WORD.search(s) for s in others)
    return any(handing) and all(said)


NOTED_WORDS = 4  # (a thanks or "bien noté" of this many words, before a hand-over, says nothing)


def _noted(sentence: str) -> bool:
    """A short thanks or "noted" ("Bien noté.", "Merci Laure !"): a site director's, before he
    asked the expert to write her answer up, had made him second for cleaning validation."""
    return ACKNOWLEDGES.match(sentence) is not None and len(_WORD.findall(sentence)) <= NOTED_WORDS


# why them, in a sentence of its own after the hand-over ("Elle connaît Wwise par cœur.",
# "She knows the feed."): the colleague's knowledge, not the writer's
_THEY_KNOW = re.compile(
    rf"^\W*(?:(?i:he|she|they|il|elle|ils|elles)(?:\s+|(?=['’]s\b)){KNOWING}|"
    r"(?i:c['’]est (?:lui|elle|eux) qui (?:g[èe]re|conna[iî]t|s['’]occupe)|c['’]est "
    r"(?:toi|vous) qui (?:conna[iî]s|connaissez|g[èe]res|g[ée]rez|t['’]occupes|vous occupez)|"
    rf"you know (?:it|this|that|the [\w-]+) best)|(?i:c['’]est) {PLACE})(?!\w)"
)
# what makes the sentence about a thing that fails, not a person who knows
_FAULT = re.compile(
    r"[,;:]|\b(?:mal|erreur|bug|alors qu|mais|but|d['’]o[uù]|and it|wrongly|badly|fails?)\b",
    re.IGNORECASE,
)
WHY_THEM_WORDS = 10
# longer, a list of what they hold ("c'est elle qui gère les retours transporteurs et les RMA
# fabricants"), never a clause of its own ("She knows the RMA portal rejects serial numbers …")
WHY_THEM_LIST_WORDS = 15
_LISTS = re.compile(r"\b(?:et|and|ou|or)\b|,", re.IGNORECASE)
_CLAUSE = re.compile(
    r"\b(?:qui|que|qu['’]|that|which|who|when|quand|because|parce|car|since|si|if|it|they|he|"
    r"she|il|elle|ils|elles|on|we|nous|is|are|was|were|est|sont|a|ont)\b",
    re.IGNORECASE,
)


def _why_them(sentence: str) -> bool:
    """A short sentence that says the colleague knows, or owns, the subject, and nothing of
    it ("Elle connaît Wwise par cœur.", "She's our Wwise person."; not "Il gère mal les
    accents : le parseur lit en latin-1")."""
    known = _THEY_KNOW.match(sentence)
    if known is None or _FAULT.search(sentence.rstrip(".!")):
        return False
    words, rest = len(_WORD.findall(sentence)), sentence[known.end() :]
    listed = _LISTS.search(rest) is not None and _CLAUSE.search(rest) is None
    if words > (WHY_THEM_LIST_WORDS if listed else WHY_THEM_WORDS):
        return False
    return not (instructs(sentence) or explains(sentence))


def own_words(sentence: str) -> str:
    """A sentence without the reason it gives for the colleague it points to (", c'est elle
    qui a monté toute la base PostGIS et qui connaît les requêtes spatiales par cœur": her
    knowledge, said at length, is no word of the writer's own on the subject), nor what it
    says the colleague knows ("Je pense que c'est Kevin qui connaît le mieux la configuration
    de la grappe": a Québec lab's HPC engineer was second for Slurm on that pointer)."""
    if not points_to_someone(sentence):
        return sentence
    reason = _WHY_THEM.search(sentence)
    if reason is not None and not _tells(reason.group()):
        sentence = sentence[: reason.start()]
    who = _ITS_THEM_WHO.search(sentence)
    if who is not None and not _tells(who.group()):
        sentence = sentence[: who.start()] + sentence[who.end() :]
    return sentence


def _tells(reason: str) -> bool:
    """Whether a reason given for a colleague tells a cause, a figure or a fix: the writer's
    answer, beside the pointer ("Ask @Sarah, she knows why: the executors were killed …")."""
    return bool(_TELLS.search(reason) or _FIGURE.search(reason) or explains(reason)) or (
        instructs(reason)
    )


def points_to_someone(sentence: str) -> bool:
    """Whether ``sentence`` sends the reader to a person or a team (see the module)."""
    sentence = GREETING.sub("", sentence)  # ("Bonjour Chloé, je te conseille de voir avec …")
    sentence = _ADDRESS.sub("", sentence)  # ("Adding Jane Doe (jane@…), Jane knows this area")
    sentence = IN_COPY.sub("", sentence)  # ("Hugo (en copie) connaît bien le sujet")
    if _ASKS_WHETHER.match(sentence):
        return False
    for pattern in POINTERS:
        for found in pattern.finditer(sentence):
            first = found.group("name").lstrip("@").split()[0].lower().rstrip("'’")
            before = len(_WORD.findall(sentence[: found.start()]))
            rest = _WHY_THEM.sub("", sentence[found.end() :])
            after = len(_WORD.findall(rest))
            reason = sentence[found.end() + len(rest) :]  # (the why-them clause, if any)
            # ("@Nadia can answer, the validator keeps 500 taps", "Hugo set up a workaround:
            # restart sssd", "Restart sssd; cc Hugo who knows LDAP": the writer's own fix)
            said = instructs(sentence[found.end() :]) or explains(rest)
            before_it = sentence[: found.start()]
            advised = _ADVISED.fullmatch(before_it) is not None
            told = _FIGURE.search(rest) or said or (instructs(before_it) and not advised)
            told = told or _tells(reason)
            if first not in _NOT_NAMES and before <= WORDS_BEFORE and after <= WORDS_AFTER:
                return not told
    return False


# a colleague thanked for the work an announcement tells of ("Kafka consumer lag dashboards
# moved to Grafana folder 'Streaming'. Thanks @Maya Lindgren for setting them up.", "Merci à
# Karim d'avoir migré les sauvegardes", "Kudos to Priya for the new ETA model")
_CREDITS = re.compile(
    r"(?i:thanks|thank you|merci|kudos|shout-?out|bravo|props|hats off|big up|"
    r"(?:all )?(?:the )?credit(?: goes)?)\s+"
    rf"(?i:to\s+|[àa]\s+)?(?P<name>{MENTION}|{FULL_NAME}|{NAME})\s*,?\s+"
    # (thanks for doing the work, not for reviewing, testing or spotting it)
    r"(?i:for\s+(?!(?:the |your |their |his |her |a )?(?:quick )?(?:review|reviewing|tests?|"
    r"testing|feedback|spotting|reporting|help|helping|input|patience|flagging|catching|"
    r"raising|heads-up|suggestion|idea|proofreading|relecture)\b)"
    r"(?:\w+ing\b|the|her|his|their|this|these|all)|"
    r"pour\s+(?:la|le|les|son|sa|ses|ce|cette|ces|avoir)|d['’]avoir|who)(?!\w)"
)


CREDIT_WORDS = 40  # (a longer message tells of work of its own beside the thanks)


def credits_another(text: str, sentences: list[str]) -> bool:
    """Whether a message (``text``, and its ``sentences`` without courtesies) tells of work it
    thanks a colleague for, and says nothing of what to do or why of its own: the work is the
    colleague's (a fresh evaluator's engineering manager was third for Kafka consumer lag on
    his thanks to the engineer who built the dashboards)."""
    found = _CREDITS.search(text)
    if (
        found is None
        or len(text.split()) > CREDIT_WORDS
        or found["name"].lstrip("@").split()[0].lower() in _NOT_NAMES
    ):
        return False
    own = " ".join(sentence for sentence in sentences if not _CREDITS.search(sentence))
    told = instructs(own) or explains(own) or offers_fix(own) or names_something(own)
    return not (told or _BY_THE_WRITER.search(own))


# the writer's own part ("Thanks Paul for the review. I migrated the backups …": theirs)
_BY_THE_WRITER = re.compile(
    r"\b(?:i|i['’](?:ve|m|ll)|we|we['’](?:ve|re|ll)|my|our|j['’]ai|je|nous|on a|mon|ma|mes)\b",
    re.IGNORECASE,
)
