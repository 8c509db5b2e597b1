"""A manager's directive: a rule laid down for everything alike, with its force ("Tous les
certificats serveur doivent être renouvelés avant leur expiration, sans exception", "Suite à
l'audit, il faut impérativement que tous les accès VPN soient protégés …", "Je rappelle les
règles applicables : …"), beside nothing else than a meeting to attend, a "merci de faire le
nécessaire" or a remark. It says what must be, not how: its writer advises (a university's
security officer, who wrote nothing else on certificates, came second for them on two such
mails). A rule that names a setting or a figure, explains, or gives its reason is an expert's
("Les mots de passe doivent impérativement faire 14 caractères", "…, sinon les messages sont
rejoués"), and a statement of what was done is none ("Tous les serveurs ont été migrés, sans
exception")."""

from __future__ import annotations

import re

from whoknows.ingest._coordination import MEETING
from whoknows.ingest._requests import explains
from whoknows.ingest._vague import names_something, only_general_advice

_OBLIGATION = (
    r"\b(?:doi(?:t|vent)|devr(?:a|ont)|must|shall|ha(?:s|ve) to|il (?:faut|faudra)|obligatoire|"
    r"mandatory)\b"
)
_RULE = re.compile(
    r"(?i:\bil (?:faut|faudra) (?:imp[ée]rativement|absolument) (?:que|qu['’]|respecter)|"
    r"\b(?:doi(?:t|vent)|devr(?:a|ont)|must|shall) (?:imp[ée]rativement|absolument|"
    r"imperatively|absolutely)\b|"
    rf"{_OBLIGATION}[^.!?]*\b(?:sans exception|without exception|no exceptions?)\b|"
    rf"\b(?:sans exception|without exception|no exceptions?)\b[^.!?]*{_OBLIGATION}|"
    rf"\b(?:tout manquement|any (?:breach|violation))\b[^.!?]*{_OBLIGATION}|"
    # ("This must not happen again on ATA 32.", "Cela ne doit plus se reproduire."): an MRO's
    # director, second for landing gear on it
    r"\b(?:must|should|shall) (?:not|never) happen again\b|\bne doi(?:t|vent) (?:plus|jamais|"
    r"plus jamais) (?:se )?(?:reproduire|arriver)\b)"
)
# what goes with a rule and says nothing more: a courtesy, "no exception", a demand to inform
_WITH_A_RULE = re.compile(
    r"(?i:^\W*(?:(?:thanks|thank you|merci)(?: [\w'’-]+){0,2}|aucune exception|no exceptions?|"
    r"sans exception|(?:please )?keep (?:the|our) (?:customer|client|team|clients|customers) "
    r"informed|merci de tenir (?:le|les|la) (?:client|clients|[ée]quipe) inform[ée]e?s?)\W*$)"
)
# a rules reminder says so ("Je rappelle les règles applicables : …")
_REMINDER = re.compile(
    r"(?i:\bje (?:vous )?rappelle (?:les|la|nos|notre) (?:r[èe]gles?|consignes?|"
    r"proc[ée]dures?|politique)\b|\b(?:as a )?reminder,? (?:the|our) (?:rules|policy|policies)\b)"
)
# a figure with its unit, a versioned name ("14 caractères", "35 jours", "AES-256")
_FIGURE = re.compile(
    r"(?i:\b\d+ ?(?:caract[èe]res|characters|jours|days|heures|hours|minutes|mois|months|ans|"
    r"years|go|gb|mo|mb|to|tb|%|bits?)\b|\b[a-z]+-\d+\b)"
)
# a reason given: the writer knows why ("…, sinon les messages sont rejoués")
_BECAUSE = re.compile(
    r"(?i:\b(?:because|since|otherwise|or (?:else|it|they|the|jobs)|so that|to avoid|sinon|car|"
    r"parce qu|puisqu|afin|pour (?:que|qu['’]|éviter))\b)"
)
_MEETING = re.compile(MEETING)


def directs_only(sentences: list[str]) -> bool:
    """Whether a first message lays down a rule (see the module) and says nothing else than a
    meeting to attend or general advice; a rules reminder may say nothing else at all."""
    rules = [s for s in sentences if (_RULE.search(s) or _REMINDER.search(s)) and _plain(s)]
    others = [s for s in sentences if s not in rules]
    said = (_MEETING.search(s) or _WITH_A_RULE.match(s) or only_general_advice([s]) for s in others)
    if not rules or not all(said):
        return False
    alone = any(_REMINDER.search(s) for s in rules) or any(map(_WITH_A_RULE.match, others))
    return bool(others) or alone


def _plain(rule: str) -> bool:
    """Whether a rule says nothing of how or why (see the module)."""
    return not (
        names_something(rule) or explains(rule) or _BECAUSE.search(rule) or _FIGURE.search(rule)
    )


__all__ = ["directs_only"]
