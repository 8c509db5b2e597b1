"""Where an answer lists the people who left: after those still here who match the question,
before those still here whose evidence lacks most of it.

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
    """The positions of ``people`` (in the ranking's order) as an answer lists them: people
    still here whose evidence lacks little of the question; then, by their scores, those who
    left and lack little and those still here who lack most of it (a leaver whose one post
    holds the asker's context words, "billing invoices consumer lag", is not put above the
    consumer-lag expert who scores higher: an attacker's); then those who left and lack most
    of it; learners last; the ranking's order among equals."""

    def group(at: int) -> tuple[int, float]:
        if learners[at]:
            return 3, 0.0
        left = people[at] in gone
        if not lacking[at]:
            return (1, -scores[at]) if left else (0, 0.0)
        return (2, 0.0) if left else (1, -scores[at])

    return sorted(range(len(people)), key=group)


__all__ = ["listed_order"]
