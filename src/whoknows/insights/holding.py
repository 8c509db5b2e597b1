"""Who holds a topic: strength >= :data:`EVIDENCED` (about three substantial answers or
documents of the last months, or two accepted answers), or half of its evidence alone or with
one other person. `topic`, `gaps`, `under-recognised`, the tandem, the report and the claims
count the same people."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

EVIDENCED = 3.0


def half_holder(values: np.ndarray) -> np.ndarray:
    """Which of the people (their strengths ``values``) hold half of the evidence: one alone (a
    bus factor of one), whatever the strength (a bank's compliance officer held 51% of LCB-FT
    at 2.2, `topic` listed him first and active, and `gaps` said "0 active internal
    holders"); or two together, each with a quarter of it at least and :data:`EVIDENCED`
    between them (a bank's SAS migration, 41% and 34% at 2.8 and 2.3: `topic` said half was
    theirs, `gaps` "0 active internal holders"; its Snowflake, 47% and 14%, is one person's).
    Several people sharing half of it at weak strengths are not counted (the Cardano
    community's "guides", 16 threads and no one with evidence, stays a gap)."""
    chosen = np.zeros(values.size, dtype=bool)
    if not values.size:
        return chosen
    total = float(values.sum())
    first, second = [*np.argsort(-values, kind="stable")[:2].tolist(), -1][:2]
    if values[first] >= 0.5 * total:
        chosen[first] = True
    elif (
        second >= 0
        and values[second] >= 0.25 * total
        and values[first] + values[second] >= EVIDENCED
    ):
        chosen[[first, second]] = True
    return chosen


def holders(strength: Mapping[int, float]) -> set[int]:
    """Who holds a topic (``strength``: the visible people's): strength >= EVIDENCED, or the
    one person who holds half of its evidence alone. `gaps`, the tandem and the report count
    the same people (a telecom's RAN engineer, 53% of "5G RAN" at 0.7, was "nobody yet")."""
    people = list(strength)
    values = np.asarray([strength[p] for p in people], dtype=float)
    alone = half_holder(values)
    chosen = (values >= EVIDENCED) | alone
    return {person for person, held in zip(people, chosen.tolist(), strict=True) if held}


__all__ = ["EVIDENCED", "half_holder", "holders"]
