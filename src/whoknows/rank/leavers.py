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
    learners: Sequence[bool],
    lacking: Sequence[Sequence[str]],
    gone: frozenset[int],
) -> list[int]:
    """The positions of ``people`` (in the ranking's order) as an answer lists them: people
    still here whose evidence lacks little of the question, then those who left and lack
    little, then everyone who lacks most of it, learners last; the ranking's order within each."""

    def group(at: int) -> int:
        if learners[at]:
            return 3
        if lacking[at]:
            return 2
        return 1 if people[at] in gone else 0

    return sorted(range(len(people)), key=group)


__all__ = ["listed_order"]
