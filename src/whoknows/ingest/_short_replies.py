"""Short replies the role rules read apart (:mod:`whoknows.ingest._threads`): a few words that
tell what to do answer ("Use pg_repack instead."), short sentences that only escalate or
schedule coordinate, and an opener's change said without "I" is their fix."""

from __future__ import annotations

import re

from whoknows.ingest._acknowledging import AGREEING, courteous
from whoknows.ingest._coordination import coordinates, sends_to_tracker, triages
from whoknows.ingest._referrals import GREETING
from whoknows.ingest._requests import (
    did_not_help,
    explains,
    instructs,
    offers_fix,
    reports_problem,
    starts_instruction,
    tells_what_fixed_it,
)
from whoknows.ingest._sentences import SETTING_NAME
from whoknows.ingest._suggestions import suggests
from whoknows.ingest._vague import names_something
from whoknows.vocab import SHORT_REPLY_WORDS, ContributionRole

_WORD = re.compile(r"\w+")
SUBSTANTIVE_WORDS = 20  # (the role rules' bound for a substantive reply)
COORDINATION_WORDS = 20  # a sentence of coordination is short ("Réunion à 14h sur …")
# what the opener changed, said without "I" ("Lowered autovacuum_vacuum_scale_factor to 0.05
# on the orders table")
_SETTING = re.compile(rf"{SETTING_NAME}|\d")  # (or any number)
_CHANGED = re.compile(
    r"\W*(?:lowered|raised|increased|decreased|set|changed|moved|added|removed|"
    r"disabled|enabled|bumped|upgraded|downgraded|rolled back|restarted|replaced|switched|"
    r"pinned|reverted|patched|tuned|rebuilt|recreated|pointed|repointed|redirected|flushed|"
    r"cleared|purged|renewed|rotated|regenerated|reconfigured|resynced|reinstalled|"
    r"baiss[ée]|augment[ée]|pass[ée]|"
    r"chang[ée]|ajout[ée]|supprim[ée]|d[ée]sactiv[ée]|activ[ée]|red[ée]marr[ée])\s+\S",
    re.IGNORECASE,
)


# where an agreement stops ("Je confirme, …", "Confirmed on our side.")
_AGREES_AT = re.compile(rf"^\W*(?:{AGREEING})\b", re.IGNORECASE)
# a reason or a consequence ("…, sinon la banque rejette toute la remise")
_REASON_GIVEN = re.compile(
    r"\b(?:because|otherwise|which means|so that|sinon|parce qu|puisqu|car)\b", re.IGNORECASE
)
# an instruction said after an agreement ("Also restart the runner", "Aussi, redémarre …")


def says_more(sentences: list[str], at_length: bool = True, named: bool = True) -> bool:
    """Whether what follows an agreement or a thanks says something of its own: an
    instruction, a cause, a reason or a setting ("Agreed. Also restart the CI runner after the
    unlock."), or (``at_length``) ``SUBSTANTIVE_WORDS`` words or more; a setting only when
    ``named`` (an agreement restates the problem: "+1 seeing the same OutOfSync status")."""
    rest = " ".join(sentences).strip()
    if not rest:
        return False
    return (
        (at_length and len(_WORD.findall(rest)) >= SUBSTANTIVE_WORDS)
        or _REASON_GIVEN.search(rest) is not None
        or instructs(rest)
        or explains(rest)
        or starts_instruction(rest)
        or (named and any(map(names_something, sentences)))
    )


# a statement about the system, not about the writer's own case ("Agreed, the eager assignor
# revokes every partition when a pod restarts", "+1, the overlay network needs a smaller MTU";
# not "we see it too", "it started after the upgrade")
_TELLS_HOW_IT_WORKS = re.compile(
    r"^\W*(?:the|this|that['’]s|that is|its|when|whenever|once|le|la|les|l['’]|ce|cette|"
    r"c['’]est|quand|lorsque|dès que) "
    # (not the writer's case, nor that the fix worked, nor an approval: "this fixed the celery
    # worker problem for our team as well", "the nginx change looks fine to me")
    r"(?!(?:same|m[eê]me)\b)(?!(?:\S+\s+){0,5}(?:fixed|solved|worked|helped|did|saved|"
    r"resolved|sorted|looks|seems|r[ée]sout|r[ée]solu|march)\w*\b)(?:\S+\s+){5,}\S",
    re.IGNORECASE,
)


# the same failure on the writer's side, said in a few words and nothing more ("le courtier
# MQTT a aussi planté chez nous"; not "…, it runs out of descriptors when …")
_OWN_CASE = re.compile(
    r"\b(?:chez (?:nous|moi)|(?:for|with) (?:us|me)(?: too| as well)?\W*$|on our (?:side|end)|"
    r"de (?:notre|mon) c[ôo]t[ée]|(?:here|ici) (?:too|aussi)|on us)\b|"
    # a past event of theirs ("le frigo du labo a bipé aussi", "ours crashed too")
    r"\b(?:a|ont|avait|avaient|est|sont) (?:[\w-]+ )?[\w-]+[ée]e?s? (?:aussi|[ée]galement)\W*$|"
    r"\b(?:crashed|failed|beeped|froze|stopped|broke|died|went down|dropped|timed out)"
    r" (?:too|as well)\W*$",
    re.IGNORECASE,
)
OWN_CASE_WORDS = 12


# when the writer's own case happened ("le mois dernier", "last week")
_WHEN_IT_HAPPENED = re.compile(
    r"\b(?:le mois dernier|la semaine derni[èe]re|l['’]an dernier|l['’]ann[ée]e derni[èe]re|"
    r"hier|ce matin|cette nuit|last (?:week|month|year|night)|yesterday|this morning)\b",
    re.IGNORECASE,
)
# the same failure the writer has too, then when it happens and nothing else ("the rollback
# netcode desyncs for us too when the ping goes above 100 ms")
OWN_CASE_TOO = re.compile(
    r"\b(?:(?:for|with|on) (?:us|me|our side|my side) (?:too|as well)|chez (?:nous|moi) aussi|"
    r"aussi chez (?:nous|moi)|de (?:notre|mon) c[ôo]t[ée] aussi)\b",
    re.IGNORECASE,
)
_WHEN_IT_FAILS = re.compile(
    r"^\W*(?:(?:when|whenever|once|since|after|quand|lorsque?|d[èe]s que|depuis|apr[èe]s)\b"
    r"[^,;:]*)?$",
    re.IGNORECASE,
)


def tells_how_it_works(text: str) -> bool:
    """Whether ``text`` (what follows an agreement) states how the system behaves, not only
    that it failed on the writer's side too."""
    if _TELLS_HOW_IT_WORKS.match(text) is None:
        return False
    said = text.strip().lstrip(" ,;:-—–")
    short = len(_WORD.findall(said)) <= OWN_CASE_WORDS and not re.search(r"[,;:]", said)
    if short and _OWN_CASE.search(said):
        return False
    too = OWN_CASE_TOO.search(said)
    if too is None or re.search(r"[,;:]", said[: too.start()]):
        return True
    return not _WHEN_IT_FAILS.match(said[too.end() :])


# a promise's own continuation ("…, je reviens vers toi", "…, I'll keep you posted")
_KEEPS_POSTED = re.compile(
    r"^\W*(?:(?:et|and) )?(?:(?:je|on) (?:te |vous )?(?:tiens|tient|reviens|revient)\b|"
    r"(?:i['’]ll|we['’]ll|i will|we will) (?:get back|keep you|let you know|update)|"
    r"(?:merci|thanks?)\b)",
    re.IGNORECASE,
)
CLAUSE_WORDS = 5  # words of a clause after a promise's comma that say something of its own


def tells_after(text: str, promised: bool) -> bool:
    """Whether what follows the first comma of a promise or an approval says something of its
    own: how the system behaves ("Je regarde ça, le GLN est faux dans la table"), or, after a
    promise, a clause of :data:`CLAUSE_WORDS` words or more that is no more of the promise
    ("On va voir avec le labo, mais normalement la recherche de Listeria prend 48 h"; not "…,
    je reviens vers toi"; after an approval, more approval: "Ça me va pour nginx, je valide la
    config")."""
    parts = re.split(r"[,;]", text, maxsplit=1)
    if len(parts) < 2:
        return False
    rest = parts[1]
    said = len(_WORD.findall(rest)) >= CLAUSE_WORDS and not _KEEPS_POSTED.match(rest)
    return tells_how_it_works(rest) or (promised and said)


# the writer's own doing or trying ("I assigned the IAM role to the runner", "j'ai supprimé le
# cache", "I tried restarting the scheduler")
_WRITER_DID = re.compile(
    r"\b(?:i|we)\s+(?:\w+ed|had to|did|tried|found|ran|set|put|made|got|saw|took|wrote|built|"
    r"went|rebuilt|swapped|dropped)\b|\b(?:i|we)['’]ve\s+\w+|\bj['’]ai\s+\w+|"
    r"\b(?:nous avons|on a)\s+\w+|\bil a fallu\b",  # ("il a fallu remplacer le rouleau")
    re.IGNORECASE,
)
_THANKS = re.compile(
    r"^\W*(?:thanks?|thank you|merci|cheers|bravo|congrats|f[ée]licitations)\b", re.I
)
# what opens a statement or a step to remember ("Please note the secondary is read-only", "Pensez
# à vider le cache du navigateur")
_NOTE_THAT = re.compile(
    r"^\W*(?:please note(?: that)?|note that|nb|fyi|remember to|pensez [àa]|"
    r"n['’]oubliez pas de)\b\W*",
    re.IGNORECASE,
)
_YES_OR_NO = re.compile(r"^\W*(?:yes|yep|no|nope|oui|non|si|ok|okay|d['’]accord)\b\W*", re.I)


def says_its_own(sentences: list[str]) -> bool:
    """Whether a reply says something of its own, as a substantive comment does: at length, a
    step, a cause, a reason, a setting, how the system behaves ("yes, the secondary is
    read-only until failover"); not "Good. Please keep the client informed." (a director's
    six words, in a thread whose subject they matched, had put him first)."""
    body = " ".join(sentences)
    plain = [_NOTE_THAT.sub("", _YES_OR_NO.sub("", sentence)) for sentence in sentences]
    specific = _SETTING.search(body) or suggests(body) or tells_what_fixed_it(body)
    specific = specific or did_not_help(body)  # (a report of what was tried: "still failing")
    own = [sentence for sentence in sentences if not _THANKS.match(sentence)]  # (at length)
    return bool(
        specific
        or _WRITER_DID.search(body)
        or says_more(own)
        or offers_fix(body)
        or any(map(tells_how_it_works, plain))
        or any(map(_states, re.split(r"[,;]\s+|\s[—–-]\s", " ".join(plain))))
    )


STATEMENT_WORDS = 4  # ("Their host key rotated.": a cause in four words)
# a statement: four words or more, neither a question nor an exclamation, that does not open
# with a request, a courtesy or a verdict ("Offsets get committed before the write.", "consul
# reloads its certificates on SIGHUP"; not "Please keep the client informed.")
_NOT_A_STATEMENT = re.compile(
    r"^\W*(?:please|pls|let['’]s|thanks?|thank you|merci|pensez|pense|n['’]oubliez|"
    r"bienvenue|welcome|bravo|congrats|congratulations|f[ée]licitations|good|great|nice|"
    r"ok|okay|parfait|super|top|excellent|bien|tr[èe]s bien|d['’]accord|noted|not[ée]|"
    # an opinion or a wait ("J'adore, on pourrait l'afficher dans l'open space", "on attend la
    # semaine prochaine")
    r"j['’]adore|love (?:it|this|that)|on attend|we(?:['’]ll| will)? wait|on verra|we['’]ll see)\b",
    re.IGNORECASE,
)


def _states(clause: str) -> bool:
    text = clause.strip()
    if len(_WORD.findall(text)) < STATEMENT_WORDS or text.endswith(("?", "!")):
        return False
    return _NOT_A_STATEMENT.match(text) is None


# a diagnosis in a few words ("It's the ndots.", "C'est le MTU.")
_DIAGNOSES = re.compile(
    r"^\W*(?:it['’]s|it is|that['’]s|c['’]est) (?:the|le|la|les|l['’])\s?\w", re.IGNORECASE
)


def tells_something(sentence: str) -> bool:
    """Whether a short sentence beside a pointer tells what to do or what it is ("Use
    cooperative sticky.", "It's the ndots."): then the message answers."""
    return instructs(sentence) or _DIAGNOSES.match(sentence) is not None


def agreement_says_more(sentences: list[str]) -> bool:
    """Whether an agreement goes on to say something of its own: in its own sentence, a
    reason or an instruction ("Je confirme, le fichier doit partir en ISO 8859-1, sinon la
    banque rejette la remise"); after it, anything :func:`says_more` counts."""
    agreeing = _AGREES_AT.match(sentences[0]) if sentences else None
    tail = sentences[0][agreeing.end() :] if agreeing else ""
    # ("Je le vois aussi, la chambre froide 2 remonte …"; not "pareil chez nous, la 2011 avait
    # une bande en gouttière le mois dernier": when it happened to them)
    clauses = [
        c
        for c in re.split(r"[,;]", tail)[1:]
        if (not _WHEN_IT_HAPPENED.search(c) or _WRITER_DID.search(c))
        and not courteous(c)  # ("+1, merci Camille, c'est beaucoup plus clair pour la preuve B")
    ]
    told = any(map(tells_how_it_works, [tail, *clauses, *sentences[1:]]))
    return told or says_more([tail], at_length=False, named=False) or says_more(sentences[1:])


# closing an issue by pointing to the change that fixed it ("Fixed by #6, closing.", "Closed
# via !12", "Duplicate of #40"): the fix is the change's author's, not the closer's; a request
# done, said in a word ("done" to "can someone grant me access to the build farm dashboard?":
# a senior who only approves was listed for the build farm, a fresh evaluator's)
_CLOSES = re.compile(
    r"^\W*(?:(?:fixed|resolved|closed|done|addressed|corrig[ée]|r[ée]solu|ferm[ée])\s+(?:by|in|via|"
    r"with|par|dans|avec)\s+[#!]\d+|closing|closed|fermeture|duplicate of [#!]?\d+|doublon de "
    r"[#!]?\d+|(?:ok |all |it['’]s |c['’]est )?(?:done|fait|granted|added|invited)|voil[àa])\W*$",
    re.IGNORECASE,
)


def closes_only(sentences: list[str]) -> bool:
    """Whether a comment only closes an issue, pointing to the change that fixed it."""
    parts = [p for s in sentences for p in re.split(r"\s*[,;]\s*", s) if p.strip()]
    return bool(parts) and all(_CLOSES.match(part) for part in parts)


def coordinates_only(sentences: list[str]) -> bool:
    """A reply that only escalates, schedules or prioritises, in short sentences ("Escalating
    this to P1, Globex is a top account. Scheduling a call at 3pm about …"): coordination, no
    knowledge ("oui, lundi : exporte la liste des comptes …, je révoque leurs accès pendant la
    revue" tells what to do)."""
    # (a greeting aside: "Bonjour à tous, je vous rappelle la formation … le 12 mars …")
    short = all(len(_WORD.findall(GREETING.sub("", s))) <= COORDINATION_WORDS for s in sentences)
    filed = any(triages(s) or sends_to_tracker(s) for s in sentences)
    return short and filed and all(map(coordinates, sentences))


# "it works now" and a thanks to someone by name ("Fixed, thanks Tomasz.", "Works now, merci
# Karim !", "Sorted, cheers @dev"): the named one fixed it (a telecom's junior ranked second
# for BGP on his "Fixed, thanks Tomasz." under the engineer's answer)
_THANKS_THE_FIXER = re.compile(
    r"^\W*(?i:(?:it['’]?s |that['’]?s |all )?(?:fixed|solved|resolved|sorted|working|works|good)"
    r"(?: now)?|(?:ça |c['’]est )?(?:r[ée]gl[ée]|r[ée]solu|corrig[ée]|(?:ça )?marche)"
    r"(?: maintenant)?)\W+(?i:thanks|thank you|thx|cheers|merci)\s+(?:@[\w.-]+|[A-Z][\w'’-]+)"
    r"(?:\s+[A-Z][\w'’-]+)?\W*$"
)


def thanks_the_fixer(sentences: list[str]) -> bool:
    """Whether a reply only says it works now and thanks someone by name."""
    return _THANKS_THE_FIXER.match(" ".join(sentences)) is not None


def terse_answer(sentences: list[str]) -> bool:
    """A reply of at most ``SHORT_REPLY_WORDS`` words (counted as the store counts them) that
    tells what to do ("Use pg_repack
    instead.", "Bump innodb_buffer_pool_size to 12G.", "Have you tried NODE_OPTIONS=…?"): an
    answer, where a reply of so few words is otherwise read as a "+1" by the ranking."""
    body = " ".join(sentences)
    if len(body.split()) > SHORT_REPLY_WORDS or did_not_help(body) or triages(body):
        return False  # ("Bump to P1": triage)
    if thanks_the_fixer(sentences):
        return False
    named = _SETTING.search(body) and not body.rstrip().endswith("?")  # ("pg_repack.")
    return bool(instructs(body) or offers_fix(body) or suggests(body) or named)


# (not the writer's own situation: "Outlook crashes when I open a shared calendar" reports)
_CONDITION = re.compile(
    r"\b(?:if|when|unless|without|quand|lorsqu|si|sans|sinon|sauf)\b(?!['’]?\s*(?:i\b|je\b|j['’]))",
    re.I,
)
# a workaround told beside the failure ("It fails when I use the default timeout; at 600 s it
# goes through")
_GOES_THROUGH = re.compile(
    r"\b(?:goes|went|gets|got) through\b|\b(?:fixes|fixed|solves|solved) it\b|"
    r"\b(?:ça|cela) (?:passe|marche) (?:avec|en|si|quand)\b|\brègle le problème\b|"
    r"^\W*(?:tip|pro tip|astuce|fyi)\s*:|"
    r"\b(?:i |j['’])(?:forget|oublie)\b[^.]*(?<![\w-])--[a-z]",  # ("si j'oublie l'option --x")
    re.I,
)


def reports_failure(body: str) -> bool:
    """A problem reported as it happens: no instruction, no condition ("Quand le fichier
    manque, relancez le job", "The SSO fails without it" tell what to do or why), no option
    named and no workaround ("L'import échoue si j'oublie l'option --encoding=latin1")."""
    if not reports_problem(body) or instructs(body) or _CONDITION.search(body):
        return False
    return not _GOES_THROUGH.search(body)


def own_reply_role(sentences: list[str]) -> ContributionRole:
    """The role of a reply that shows no interest only: a terse answer answers, a reply that
    says something of its own replies, another comments."""
    if thanks_the_fixer(sentences):
        return ContributionRole.ACKNOWLEDGER
    if terse_answer(sentences):
        return ContributionRole.ANSWERER
    return ContributionRole.REPLIER if says_its_own(sentences) else ContributionRole.COMMENTER


# a decision told with what it sets ("For the record, here is what we will do: batches of 500
# studies …", "Nous avons décidé de passer la rétention à 7 jours"): an opener's own plan
_DECIDED = re.compile(
    r"\b(?:here(?:['’]s| is) what (?:we|i)(?:['’]ll| will| are going to) do|we(?:['’]ve| have)? "
    r"decided to|the plan is|voici ce que (?:nous allons|on va|je vais) faire|(?:nous avons|on "
    r"a|j['’]ai) d[ée]cid[ée])\b",
    re.IGNORECASE,
)


# what makes a change or a decision another's ("So here is what we will do, as you suggested:
# …", "comme tu l'as proposé")
_SUGGESTED = re.compile(
    r"\b(?:as (?!i\b|we\b)(?:you|\w+) (?:suggested|proposed|said|recommended)|as (?:suggested|"
    r"recommended)(?: by)?|like you said|"
    r"following (?:your|\w+['’]s) (?:advice|suggestion)|comme (?:tu|vous|\w+) (?:l['’])?"
    r"(?:as|avez|a) (?:sugg[ée]r[ée]|propos[ée]|dit|conseill[ée])|comme sugg[ée]r[ée]|"
    r"suivant (?:ton|votre) conseil)\b",
    re.IGNORECASE,
)


def changed(sentences: list[str]) -> bool:
    """A sentence that says what was changed, with what it set ("Lowered
    autovacuum_vacuum_scale_factor to 0.05"; not "Moved to backlog", "Bumped to P1"), or a
    decision with what it sets (``_DECIDED``); not one said to follow another's suggestion."""
    if _SUGGESTED.search(" ".join(sentences)):
        return False
    return any(
        (_CHANGED.match(s) or _DECIDED.search(s)) and _SETTING.search(s) and not coordinates(s)
        for s in sentences
    )


__all__ = [
    "OWN_CASE_TOO",
    "agreement_says_more",
    "changed",
    "closes_only",
    "coordinates_only",
    "own_reply_role",
    "reports_failure",
    "says_its_own",
    "says_more",
    "tells_how_it_works",
    "tells_something",
    "terse_answer",
    "thanks_the_fixer",
]
