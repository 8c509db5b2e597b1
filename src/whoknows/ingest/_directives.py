"""A manager's directive: a rule laid down for everything alike ("Tous les certificats serveur
doivent être renouvelés avant leur expiration, sans exception", "Suite à l'audit, il faut
impérativement que tous les accès VPN soient protégés …", "Je rappelle les règles
applicables : …"), with nothing else than a meeting to attend, a "merci de faire le nécessaire"
or a remark. It says what must be, not how: its writer advises (a university's security
officer, who wrote nothing else on certificates, came second for them on two such mails)."""

from __future__ import annotations

import re

from whoknows.ingest._referrals import coordinates
from whoknows.ingest._requests import explains
from whoknows.ingest._vague import names_something, only_general_advice

# a rule said with its force (said plainly, it may be an expert's "all certificates must be
# renewed through certbot")
_RULE = re.compile(
    r"(?i:\bil (?:faut|faudra) (?:imp[ée]rativement|absolument) (?:que|qu['’]|respecter)|"
    r"\b(?:doi(?:t|vent)|devr(?:a|ont)|must|shall) (?:imp[ée]rativement|absolument|"
    r"imperatively|absolutely)\b|\bje (?:vous )?rappelle (?:les|la|nos|notre) (?:r[èe]gles?|"
    r"consignes?|proc[ée]dures?|politique)\b|"
    r"\b(?:as a )?reminder,? (?:the|our) (?:rules|policy|policies)\b|\btout manquement\b|"
    r"\bany (?:breach|violation)\b|\bsans exception\b|\bwithout exception\b|\bno exceptions?\b)"
)


# a reason given: the writer knows why ("…, sinon les messages sont rejoués")
_REASON = re.compile(
    r"(?i:\b(?:because|since|otherwise|or (?:else|it|they|the|jobs)|so that|to avoid|sinon|car|"
    r"parce qu|puisqu|afin|pour (?:que|qu['’]|éviter))\b)"
)


def directs_only(sentences: list[str]) -> bool:
    """Whether a first message lays down a rule (see the module) and says nothing else than
    coordination or general advice; a rule that names a setting, a path or a command tells
    how ("Toutes les VM doivent être redémarrées : lancez `needs-restarting -r`")."""
    rules = [
        s
        for s in sentences
        if _RULE.search(s) and not (names_something(s) or explains(s) or _REASON.search(s))
    ]
    others = [s for s in sentences if s not in rules]
    return bool(rules) and all(coordinates(s) or only_general_advice([s]) for s in others)


__all__ = ["directs_only"]
