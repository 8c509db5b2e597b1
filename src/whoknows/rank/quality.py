"""How much an item says about its contributors' expertise, beyond matching a query."""

from __future__ import annotations

import math
from collections.abc import Mapping

from whoknows.ingest._refutations import REFUTED_SIGNAL

SUBSTANTIAL_WORDS = 15
REFUTED_QUALITY = 0.25  # (a down-vote halves; a suggestion refuted by a colleague says less)


def item_quality(signals: Mapping[str, float], words: int = SUBSTANTIAL_WORDS) -> float:
    """1 for a substantial item nobody reacted to; more for accepted, upvoted or reacted-to
    items; less for negatively scored ones and for a few words ("thanks, that solved it"),
    which show little expertise even when the thread they sit in matches the query; much
    less for a suggestion refuted later in its thread (:mod:`whoknows.ingest._refutations`).
    """
    brevity = float(min(1.0, max(words, 1) / SUBSTANTIAL_WORDS) ** 0.5)
    score = signals.get("score", 0.0) + signals.get("reactions", 0.0)
    boost = 1.0 + 0.5 * bool(signals.get("accepted")) + 0.25 * math.log1p(max(score, 0.0))
    if score < 0:
        boost *= 0.5
    if signals.get(REFUTED_SIGNAL):  # (a later reply in its thread said it did not help)
        boost *= REFUTED_QUALITY
    return brevity * boost
