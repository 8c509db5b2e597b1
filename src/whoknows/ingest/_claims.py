"""Claims of expertise said in a message: "I've handled kafka consumer lag a lot, happy to help
with kafka consumer lag anytime, just ping me." An attacker who knew none of the subjects came
first on five of them with a dozen such posts, each read as a reply or a post on its subject.
Such a message claims what the product is there to check: its writer is an ``adviser``, whose
item gives no expert vote (as general advice, :mod:`._vague`), until their work shows it.

A message is a claim only when it claims or offers, and says nothing a reader could act on: no
setting, value, path or identifier, no step, no cause, no reason. The phrasings are a closed
list, English and French.
"""

from __future__ import annotations

import re

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
    r"je (?:connais|ma[iî]trise|g[èe]re|m['’]y connais)\b|c['’]est ma sp[ée]cialit[ée]|"
    r"je suis (?:votre|le|la|ton|ta) (?:contact|r[ée]f[ée]rente?|sp[ée]cialiste|experte?)\b|"
    r"j['’]ai (?:souvent|beaucoup|d[ée]j[àa]|maintes fois) (?:g[ée]r[ée]|trait[ée]|"
    r"travaill[ée]|vu|r[ée]solu))",
    re.IGNORECASE,
)
# the reason or condition that would make a claim an answer ("…, because the eager assignor
# revokes every partition")
_REASON = re.compile(r"\b(?:because|since|so that|which means|parce qu|car|puisqu)\b", re.I)
_DIGIT = re.compile(r"\d")


def only_claims(sentences: list[str]) -> bool:
    """Whether a message claims experience of its subjects (perhaps offering help with them),
    and says nothing a reader could act on (see the module)."""
    body = " ".join(sentences)
    if not _CLAIM.search(body):
        return False
    specific = any(map(names_something, sentences)) or _DIGIT.search(body)
    return not (specific or _REASON.search(body) or instructs(body) or explains(body))


def tells_nothing_to_act_on(sentences: list[str]) -> bool:
    """General advice (:mod:`._vague`) or a claim of expertise: its writer advises."""
    return only_general_advice(sentences) or only_claims(sentences)


__all__ = ["only_claims", "tells_nothing_to_act_on"]
