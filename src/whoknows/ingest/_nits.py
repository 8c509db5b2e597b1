"""A review's nit: a remark its writer marks as trivial ("nit: rename `hu` to `handling_unit`",
"Minor: rename max_poll to max_poll_interval", "petit détail : …"). A fresh evaluator's
engineering manager was third for warehouse management on one, read as a terse answer. It
comments, unless it says more than a nit does: a rule, a cause, a bug ("nit: max.poll.interval.ms
must be above the time a batch takes, or the broker kicks this consumer out").
"""

from __future__ import annotations

import re

from whoknows.ingest._requests import explains

NIT_WORDS = 20  # (a nit is said in a few words; a longer one says something of its own)
_NIT = re.compile(
    r"^\W*(?:(?:small |tiny |minor )?nit(?:pick)?s?|\(nit\)|minor|cosmetic|style|"
    r"(?:petit )?d[ée]tail|pinaillage)\b\s*(?:[:,)—–-]|$)",
    re.IGNORECASE,
)
# what a nit does not say: a rule, a cause, a failure
_MORE = re.compile(
    r"\b(?:or (?:else|the|it)|otherwise|sinon|because|car|must|doit|when|if|quand|si|leaks?|bug|"
    r"breaks?|crash\w*|fails?|race|deadlock|wrong|incorrect|never|security|fuite|plante|"
    r"[ée]choue)\b",
    re.IGNORECASE,
)


def nit(sentences: list[str]) -> bool:
    """Whether a reply (its ``sentences``) is a review's nit and says no more (see the module)."""
    body = " ".join(sentences)
    if not sentences or _NIT.match(sentences[0]) is None:
        return False
    return len(body.split()) < NIT_WORDS and not (explains(body) or _MORE.search(body))


__all__ = ["nit"]
