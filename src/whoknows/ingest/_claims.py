"""Claims of expertise said in a message: "I've handled kafka consumer lag a lot, happy to help
with kafka consumer lag anytime, just ping me." An attacker who knew none of the subjects came
first on five of them with a dozen such posts, each read as a reply or a post on its subject.
Such a message claims what the product is there to check: its writer is an ``adviser``, whose
item gives no expert vote (as general advice, :mod:`._vague`), until their work shows it.

A message is a claim only when it claims, and says nothing a reader could act on: no setting,
value, path or identifier, no step, no cause, no reason or condition ("I've seen this often
when the disk fills up"), no clause of its own after a colon ("…: the load balancer drops idle
connections"; a list of subjects is none). The phrasings are a closed list, English and French.
"""

from __future__ import annotations

import re

from whoknows.ingest._acknowledging import courteous
from whoknows.ingest._requests import explains, instructs
from whoknows.ingest._vague import names_something, only_general_advice

_CLAIM = re.compile(
    r"\b(?:i(?:['’]ve| have)? (?:handled|worked on|dealt with|done|seen|solved|fixed|debugged|"
    r"tuned|managed|run|operated|supported)\b[^.;]*?\b(?:a lot|lots|many times|for years|"
    r"plenty|all the time|often|daily|every day|countless|it all|all three|all of them)\b|"
    r"i know [\w\s-]*?\b(?:well|inside out|by heart|thoroughly)\b|"
    r"(?:is|are) my (?:bread and butter|specialty|speciality|thing|domain|area|expertise)\b|"
    r"i['’]m (?:your|the) (?:contact|go-to|person|expert|specialist)\b|"
    r"(?:seen|done|fixed) (?:it|that|this) (?:plenty of|many|a hundred|countless|a few) times|"
    r"i['’]ve done it all|"
    r"je (?:connais|ma[iî]trise|m['’]y connais)\b|je g[èe]re(?=\s*[,.!;]|\s+(?:bien|tr[èe]s bien|"
    r"[çc]a|ce sujet)\b)|c['’]est ma sp[ée]cialit[ée]|"
    r"je suis (?:votre|le|la|ton|ta) (?:contact|r[ée]f[ée]rente?|sp[ée]cialiste|experte?)\b|"
    r"j['’]ai (?:souvent|beaucoup|d[ée]j[àa]|maintes fois) (?:g[ée]r[ée]|trait[ée]|"
    r"travaill[ée]|vu|r[ée]solu)|"
    # ("j'ai déjà fait pas mal de postgres chez mon ancien employeur")
    r"j['’]ai (?:d[ée]j[àa] )?(?:fait|boss[ée]|travaill[ée]) (?:pas mal|beaucoup|[ée]norm[ée]ment|"
    r"plein) (?:de |d['’]|sur )|"
    # ("Je connais très bien Kubernetes, j'en ai fait 10 ans", "I've done it for ten years")
    r"j['’]en ai (?:d[ée]j[àa] )?(?:fait|vu|g[ée]r[ée]|boss[ée]) (?:\d+ ans|pas mal|beaucoup|"
    r"[ée]norm[ée]ment|plein|des tonnes)|"
    r"i['’]ve (?:done|run|used) (?:it|that|this) for (?:\d+|many|ten|twenty) years|"
    # experience elsewhere or for years ("j'ai monté des clusters chez mon ancien employeur",
    # "I ran Redis clusters for years at my previous job")
    r"(?:chez|at|in|dans) (?:mon|ma|my) (?:ancien(?:ne)?|pr[ée]c[ée]dente?|previous|former|"
    r"last|old) (?:employeur|bo[iî]te|job|company|employer|poste|entreprise|bo[iî]te)|"
    r"\bi (?:ran|did|used|managed|operated|built|maintained)\b[^.;!?]*?\bfor (?:\d+ |many )?"
    r"years|"
    # experience claimed ("J'ai une grosse expérience en cybersécurité", "I have 10 years of
    # experience with Kafka", "je suis experte en HL7", "I'm experienced with FHIR")
    r"(?:j['’]ai|i have|i['’]ve(?: got)?|je poss[èe]de|avec)\s+(?:une |un |de l['’]|a |an )?"
    r"(?:(?:tr[èe]s |really |very )?(?:grosse|solide|longue|bonne|large|vraie|r[ée]elle|"
    r"forte|belle|strong|solid|deep|long|good|extensive|broad|real|significant)\s+)?"
    r"(?:(?:lots of|a lot of|plenty of|years of|many years of|beaucoup d['’]|pas mal d['’]|"
    r"[ée]norm[ée]ment d['’]|\d+\s*(?:\+\s*)?(?:years?|ans)\s+(?:of|d['’]))\s*)?"
    r"(?:exp[ée]rience|expertise)\b|"
    r"\b(?:je suis|i['’]m|i am)\s+(?:un |une |an? )?(?:(?:vrai |vraie |real |true )?"
    r"(?:expert|experte|sp[ée]cialiste|specialist)|experienced|exp[ée]riment[ée]e?)\b|"
    # years at it ("I've been working with Kafka for 10 years", "Je bosse sur le DICOM depuis
    # 2015", "J'ai fait du HL7 pendant 8 ans", "I've spent years on Kafka consumer tuning")
    r"\b(?:i['’]ve been|i have been|i['’]ve|i have)\s+(?:working|doing|dealing|playing|spent)\b"
    r"[^.;!?]*?\b(?:for (?:\d+|many|several|a few|ten|twenty) (?:\+ )?years|for years|years (?:on|"
    r"with|in|doing)|since (?:19|20)\d\d)\b|"
    r"\b(?:je (?:bosse|travaille|suis)|j['’](?:ai (?:fait|travaill[ée]|bossé)))\b[^.;!?]*?\b"
    r"(?:depuis (?:\d+ ans|(?:19|20)\d\d|des ann[ée]es|longtemps|toujours)|pendant \d+ ans|"
    r"pendant des ann[ée]es)\b)",
    re.IGNORECASE,
)
# the reason or condition that would make a claim an answer ("…, because the eager assignor
# revokes every partition")
_REASON = re.compile(
    r"\b(?:because|since|so that|which means|parce qu|car|puisqu|when|whenever|if|unless|"
    r"quand|lorsqu|si|sauf si|d[èe]s qu)\b",
    re.IGNORECASE,
)
# what follows a colon or a dash: a clause of its own ("I've seen this many times: the load
# balancer drops idle connections"), not a list of subjects ("consumer lag, consumer groups")
_AFTER = re.compile(r"[:;—–]\s*([^.!?]+)")
_LISTED = re.compile(r"\s*,\s*|\s+(?:and|or|et|ou)\s+", re.IGNORECASE)
LISTED_WORDS = 3  # (an item of a list of subjects: "allocation des shards")


def _clause_after(body: str) -> bool:
    parts = (part for found in _AFTER.finditer(body) for part in _LISTED.split(found.group(1)))
    return any(len(_WORDS.findall(part)) > LISTED_WORDS for part in parts)


# an offer to be asked, and its condition ("ping me if …", "n'hésitez pas à me solliciter dès
# que …")
_OFFERING = (
    r"(?:ping|reach out|let me know|ask me|contact me|call me|dm me|happy to help|glad to help|"
    r"i can help|je peux (?:aider|regarder|y jeter un (?:œil|oeil)|m['’]en occuper|vous aider)|"
    r"i can (?:take a look|have a look|look into it)|n['’]h[ée]sitez|sollicitez|"
    r"(?:si|au) besoin|if needed|if need be|(?:donner|filer) un coup de main|"
    r"(?:give|lend) (?:you )?a hand|"
    r"faites[- ]moi signe|appelez[- ]moi|"
    r"[ée]crivez[- ]moi)"
)
_OFFER = re.compile(  # (its condition before it too: "if your consumer group lags, reach out")
    rf"\b(?:(?:if|when|si|quand|d[èe]s qu)\b[^.;!?]*?\b)?{_OFFERING}\b[^.;!?]*", re.IGNORECASE
)
# how it was done ("… en augmentant la rétention", "by raising the heap"): the writer's fix
_HOW = re.compile(r"\b(?:en \w+ant|by \w+ing)\b", re.IGNORECASE)
_DIGIT = re.compile(r"\b\d")  # (a figure, not a name's digit: "HL7", "S3")
_WORDS = re.compile(r"\w+")


def _said_after_claim(body: str) -> bool:
    """Whether a clause of its own follows the claim after a comma ("I've handled Kafka
    consumer lag a lot, it's always fewer consumers than partitions": an attacker's answer)."""
    found = _CLAIM.search(body)
    if found is None:
        return False
    clauses = re.split(r"[,;:]", re.split(r"[.!?]", body[found.end() :])[0])[1:]
    # (a second claim or an approval is no answer: "J'ai 15 ans d'expérience en composites,
    # ce genre de justification je connais par cœur", "…, je valide ce guide")
    said = (c for c in clauses if not (_CLAIM.search(c) or courteous(c)))
    return any(len(_WORDS.findall(clause)) > LISTED_WORDS for clause in said)


def only_claims(sentences: list[str]) -> bool:
    """Whether a message claims experience of its subjects (perhaps offering help with them),
    and says nothing a reader could act on (see the module)."""
    body = " ".join(sentences)
    if not _CLAIM.search(body):
        return False
    specific = any(map(names_something, sentences)) or _DIGIT.search(_CLAIM.sub(" ", body))
    offered = _OFFER.sub(" ", body)  # ("ping me if the lag comes back": the offer's condition)
    told = _REASON.search(offered) or _HOW.search(offered) or _said_after_claim(offered)
    told = told or _clause_after(_CLAIM.sub(" ", offered))
    return not (specific or told or instructs(body) or explains(body))


def tells_nothing_to_act_on(sentences: list[str]) -> bool:
    """General advice (:mod:`._vague`), a claim of expertise, or a claim then general advice
    ("Je connais très bien Kubernetes, j'en ai fait 10 ans. Il faudrait regarder la config du
    cluster, on peut en parler en réunion."): its writer advises."""
    if only_general_advice(sentences) or only_claims(sentences):
        return True
    claimed = [sentence for sentence in sentences if _CLAIM.search(sentence)]
    rest = [sentence for sentence in sentences if not _CLAIM.search(sentence)]
    return bool(claimed and rest) and only_claims(claimed) and only_general_advice(rest)


__all__ = ["only_claims", "tells_nothing_to_act_on"]
