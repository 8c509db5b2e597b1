"""General advice: a reply or a first message every clause of which is an opinion, a
suggestion to consider, review or discuss, a remark that the subject matters, is hard or is a
symptom, a guess at a kind of problem, a short guess asked, or an offer to help, and which
names nothing a reader could act on (no setting, value, path, command or identifier) and gives
no reason.

Four fresh evaluators' organisations each had a colleague who replied to every thread ("We
should probably look at the kafka consumer config and the monitoring around it. Happy to jump
on a call.", "Identity is a key part of our security posture. We should define a clear token
strategy.", "Il faudrait revoir notre stratégie de sauvegarde."): read as answers, each reply
matched its thread's subject, and the colleague came first for most topics, above the
people who had explained. Such a reply shows that its writer follows the subject, not that
they know it: its writer is an ``adviser``, whose item gives no expert vote, makes no
collaborator and no learner (as a thanks does).

Two attackers then wrote experts' answers to trip the rule; what keeps an answer a reply: a
clause with something to act on or a reason ("You should consider the cooperative sticky
assignor, the eager one revokes every partition on each restart"), or a single suggestion of
more than :data:`SHORT_ADVICE_WORDS` words not said as an opinion ("You should look at the
ndots setting in the pod DNS config"). The phrasings are a closed list, English and French.
"""

from __future__ import annotations

import re

from whoknows.ingest._vague_phrases import HEDGE, OPENING, VAGUE_SENTENCES

# what is vague only beside something vaguer ("I'd check the kafka consumer configuration, it's
# often a config issue"): alone, "I'd check the pgbouncer pool settings" may be an answer
_WEAK = re.compile(
    OPENING
    + rf"(?:{HEDGE}(?:i['’]d|i would|je) (?:check|look at|regarderais|v[ée]rifierais) (?:the |la |"
    r"le |les )?(?:[\w-]+ ){0,3}(?:settings|config(?:uration)?|param[èe]tres)\b|"
    r"il faudrait (?:des|un|une|plus de|mieux) [\w-]+\W*$|we need (?:more|better) [\w-]+\W*$)",
    re.IGNORECASE,
)
_VAGUE = re.compile(
    OPENING + "(?:" + "|".join(f"(?:{pattern})" for pattern in VAGUE_SENTENCES) + ")",
    re.IGNORECASE,
)
# something a reader could act on: a value or version, a setting, path, command or
# identifier ("session.timeout.ms", "onPartitionsRevoked", "/etc/nginx", "`restic check`")
_SPECIFIC = re.compile(
    r"\d+[.,:]\d|\b\d+\s*(?:ms|s|sec|seconds?|min|minutes?|h|hours?|days?|jours?|[kmgt]i?b|"
    r"%|x|rows?|lignes?|replicas?|nodes?|pods?|go|mo)\b|\b(?!(?:19|20)\d\d\b)\d{2,}\b|"
    r"[`«»\"“”]|\w[._:=@#]\w|(?:^|\s)/\w|\w/[\w.-]+/|\w/[\w-]+\.\w|(?<![\w-])--?[a-z]|\w\(\)|"
    # an identifier in code's case ("onPartitionsRevoked", "CooperativeStickyAssignor"); not
    # a product's name ("OpenSearch", "PostgreSQL", "GitLab")
    r"\b[a-z]+[A-Z]|[a-z][A-Z][a-z]+[A-Z]",
)
# a reason or a consequence makes a remark an explanation ("The migration is important
# because the old cluster is out of support next month")
_REASON = re.compile(
    r"\b(?:because|since|therefore|otherwise|which means|so that|due to|car|parce qu|puisqu|"
    r"sinon|donc|du coup|à cause d|grâce à)\b|[:;]",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")
# a bare list after a colon, no reason ("Pensez à la sécurité : certificats, sauvegardes,
# alertes, tout compte")
_LISTED_AFTER = re.compile(
    r"\s*:\s*(?:[\w'’-]+(?: [\w'’-]+){0,2},\s*){2,}[\w'’-]+(?: [\w'’-]+){0,2}\W*$"
)
# a remark that may go with advice or with a diagnosis ("This is a classic Kubernetes
# problem." before "We need a proper node maintenance strategy.", or alone)
_NEUTRAL = re.compile(
    r"^\W*(?:this|that|it)(?:['’]s| is) (?:a |an )?(?:classic|typical|common|textbook) "
    r"(?:[\w-]+ ){0,3}(?:problem|issue|case|pattern|mistake)\W*$",
    re.IGNORECASE,
)
# an opinion said as such: a vague sentence that opens so is advice at any length
_OPINION = re.compile(
    r"^\W*(?:imho|in my (?:humble )?opinion|personally|just my two cents|my two cents|"
    r"from my side|pour moi|selon moi|à mon avis|de mon point de vue|"
    r"(?:we|you) (?:might|may) want to|it (?:would|might) make sense to|going forward|from now "
    r"on|d[ée]sormais|[àa] l['’]avenir|dor[ée]navant|"
    # a directive to everyone ("Pour l'audit, merci à chacun de mettre à jour ses documents")
    r".{0,60}?\b(?:merci (?:à|a) (?:chacune?|tous|toutes|tout le monde)|je compte sur (?:vous|"
    r"chacun|tout le monde)|(?:everyone|every team|all teams|each team) (?:must|should|needs? "
    r"to|has to|have to)|i (?:expect|want|need) (?:everyone|every team|all of you)))\b",
    re.IGNORECASE,
)
HEDGE_ALONE = re.compile(
    r"^\W*(?:not sure|no idea|pas s[uû]re?|aucune id[ée]e|just my two cents|my two cents|"
    r"imho|honestly|franchement|personally|personnellement|pour moi|selon moi|de mon point de "
    r"vue|from my side|de mon c[ôo]t[ée]|going forward|from now on|d[ée]sormais|[àa] l['’]avenir|"
    r"dor[ée]navant|(?:ce n['’]est )?pas (?:vraiment |trop )?mon (?:domaine|rayon|sujet)|not "
    r"(?:really )?my (?:area|field|domain|thing)|(?:i['’]m|i am) not (?:an|the) expert)\W*$",
    re.IGNORECASE,
)
_COURTESY = re.compile(
    r"^\W*(?:(?i:thanks?(?: you)?|merci|cheers|best|regards|cordialement|bonne journée|"
    r"(?:bon courage|bonne chance|good luck)(?: [àa] tous| everyone| all| team)?|"
    r"(?:très |fort )?bien|parfait|well done|bravo|nice one|great stuff|no exceptions?|"
    r"sans exception)|"
    r"[A-ZÀ-Ý][\w'’-]*(?: [A-ZÀ-Ý][\w'’-]*)?)\W*$"
)


# a setting, path, command or identifier ("rds_superuser", "max.poll.interval.ms"); not a
# version or a number alone ("works on 1.2 too", "!7 is merged"), nor "vSphere", "iPhone", "A/B"
_IDENTIFIER = re.compile(
    r"`|(?!\b\w/\w\b)[^\W\d_][\w-]*[._/:=#][^\W\d_]\w*|\b[a-z]{2,}[A-Z]|[a-z][A-Z][a-z]+[A-Z]|"
    r"(?<![\w-])--?[a-z]"
)


def names_something(sentence: str) -> bool:
    """Whether a sentence names a setting, a path, a command or an identifier."""
    return _IDENTIFIER.search(sentence) is not None


# a clause: what a comma, a semicolon or a dash sets apart ("You should consider the cooperative
# sticky assignor, the eager one revokes every partition on each restart": the writer's reason)
_CLAUSE = re.compile(r"\s*(?:[,;]|\s[—–-]\s)\s*")
_EITHER = re.compile(r"^\W*(?:ni|neither|either|both|whether|soit)\b", re.IGNORECASE)  # ("ni en …")
SHORT_CLAUSE_WORDS = 4  # ("Hi all", "with proper key management": too short to tell anything)
# the end of an enumeration ("…across Kubernetes, Postgres and CI") or one word
_LIST_TAIL = re.compile(r"^\W*(?:(?:[\w-]+\s+){0,2}(?:and|or|et|ou)\s+)?[\w-]+\W*$", re.IGNORECASE)
# how such a short clause begins (not "it is the MTU", which answers)
_TRAILING = re.compile(
    r"^\W*(?:with|for|in|on|at|as|ideally|overall|generally|hi|hello|hey|all|team|folks|ni|nor|"
    r"neither|either|including|y compris|"
    r"avec|pour|dans|sur|en général|idéalement|bonjour|salut|it['’]s best practice|"
    r"c['’]est une bonne pratique)\b",
    re.IGNORECASE,
)
# one vague sentence is general advice only in a reply this short ("Data retention needs a
# holistic approach."); a longer one may name its subject in plain words ("You should look at
# the ndots setting in the pod DNS config.")
SHORT_ADVICE_WORDS = 10


def only_general_advice(sentences: list[str]) -> bool:
    """Whether a reply is general advice (see the module): nothing specific anywhere, every
    clause vague, a courtesy, a remark or too short to tell anything, and two vague clauses
    at least, or one said as an opinion ("IMHO …", "From my side, …") or in a reply of
    :data:`SHORT_ADVICE_WORDS` words at most."""
    vague, weak, opinion = 0, 0, False
    for sentence in sentences:
        sentence = _LISTED_AFTER.sub("", sentence)  # ("… en 2026 : certificats, alertes")
        if _SPECIFIC.search(sentence) or _REASON.search(sentence):
            return False
        opinion = opinion or _OPINION.match(sentence) is not None
        if _VAGUE.search(sentence) and not _CLAUSE.search(sentence):
            vague += 1
            continue
        for clause in filter(None, _CLAUSE.split(sentence)):
            if _VAGUE.search(clause):
                vague += 1
            elif _WEAK.search(clause):
                weak += 1
            elif _aside(clause):
                opinion = opinion or _OPINION.match(clause) is not None
            else:
                return False
    short = sum(len(sentence.split()) for sentence in sentences) <= SHORT_ADVICE_WORDS
    if vague and weak:
        return True  # ("I'd check the X configuration, it's often a config issue")
    return vague >= 2 or (vague == 1 and (short or opinion))


def _aside(clause: str) -> bool:
    """A clause that tells nothing: a courtesy, a name, a remark, a hedge, a few words."""
    return bool(
        _COURTESY.match(clause)
        or _NEUTRAL.match(clause)
        or HEDGE_ALONE.match(clause)
        or (
            len(_WORD.findall(clause)) <= SHORT_CLAUSE_WORDS
            and (_TRAILING.match(clause) or _LIST_TAIL.match(clause))
        )
        or (len(_WORD.findall(clause)) <= 2 * SHORT_CLAUSE_WORDS and _EITHER.match(clause))
    )


__all__ = ["names_something", "only_general_advice"]
