"""A reply's wish to know, said beside its writer's own case of the problem ("Ran into this
too. Did anyone figure out …? DAG parsing takes forever for us as well, I'm curious what the
fix is."): interest, never an answer."""

from __future__ import annotations

import re

from whoknows.ingest._acknowledging import agrees
from whoknows.ingest._short_replies import OWN_CASE_TOO

# the writer's wish to know ("I'm curious what the fix is", "je me demande pourquoi")
_WONDERS = re.compile(
    r"^\W*(?:(?:i['’]m|we['’]re|i am|we are|je suis|on est|nous sommes) (?:also |really |"
    r"vraiment |aussi )?(?:curious|wondering|curieu(?:x|se)s?)|(?:i|we) (?:also |really )?"
    r"wonder|je me demande|on se demande|nous nous demandons)\b",
    re.IGNORECASE,
)


def wonders(sentence: str) -> bool:
    """Whether a sentence says only that its writer wants to know too, each of its clauses
    a wish to know, an agreement or the same failure on their side ("DAG parsing takes
    forever for us as well, I'm curious what the fix is": an attacker's "me too" reply had
    ranked its writer above the one who answered)."""
    clauses = [clause for clause in re.split(r"[,;]\s*", sentence) if clause.strip(" .!?")]
    said = [bool(_WONDERS.match(clause)) for clause in clauses]
    return any(said) and all(
        wish or agrees(clause) or OWN_CASE_TOO.search(clause) is not None
        for wish, clause in zip(said, clauses, strict=True)
    )


__all__ = ["wonders"]
