"""Where an answer lists the people who left: after the best person still here and those
still here who match the question, before those still here who lack most of it.

A question is asked of someone who can still answer it, so the ranking lists people who left
after those still here (:meth:`~whoknows.rank.rankers.FeatureRanker.rank`). A colleague still
here whose matching items lack about half of the question or more
(:func:`~whoknows.rank.matching.words_missed`) cannot answer it either: two fresh evaluators'
leavers, who wrote the only explanation of their subject (a routing solver's handbook, the
registration of DECT handsets), were listed tenth and eighth, below people still here who
matched one word ("time", "nouveaux").
"""

from __future__ import annotations

from collections.abc import Sequence


def listed_order(
    people: Sequence[int],
    scores: Sequence[float],
    learners: Sequence[bool],
    lacking: Sequence[Sequence[str]],
    gone: frozenset[int],
) -> list[int]:
    """The positions of ``people`` (in the ranking's order, leavers after those still here,
    learners last) as an answer lists them: the ranking's order, but each leaver whose
    evidence lacks little of the question goes after the best person still here and everyone
    still here who matches it, and before the next person still here (who lacks most of it)
    who scores lower (a leaver whose one post holds the asker's context words, "billing
    invoices consumer lag", stays below the consumer-lag expert who scores higher: an
    attacker's). Without a leaver the order is the ranking's."""
    here = [at for at in range(len(people)) if people[at] not in gone and not learners[at]]
    matching = [place for place, at in enumerate(here) if not lacking[at]]
    # (after everyone still here who matches, and after the best still here whatever they
    # lack: a hospital's DECT owner, first, lacked "inscription" and "nouveaux")
    after = max(matching[-1] + 1 if matching else 0, min(1, len(here)))
    order = list(here)
    for at in range(len(people)):
        if people[at] not in gone or learners[at]:
            continue
        below = [
            place
            for place in range(after, len(order))
            if people[order[place]] not in gone and scores[order[place]] < scores[at]
        ]
        order.insert(below[0] if below and not lacking[at] else len(order), at)
    return order + [at for at in range(len(people)) if learners[at]]


__all__ = ["listed_order"]
