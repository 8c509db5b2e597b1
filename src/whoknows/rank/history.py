"""The history a workspace's model learns from: answered threads (their starter asks, the
people who answered know) and, where they are too few, the workspace's own writings as
pseudo-queries (a document or commit asks, its authors know). Every query is dated: its
features see only the evidence from before it."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from whoknows.index.columns import NO_ROW
from whoknows.rank.evidence import EvidenceBase
from whoknows.rank.roles import ANSWER_GRADES, Role
from whoknows.rank.training import TrainingQuery

MAX_QUERIES = 800
WRITER_ROLES = frozenset({Role.AUTHOR, Role.COMMITTER})  # who knows a pseudo-query's subject


@dataclass(frozen=True)
class Thread:
    """A thread starter others replied to (the pipeline reads them from the store)."""

    item_id: int
    text: str  # title, text and tags
    replies: tuple[int, ...]  # the other items of its thread


@dataclass(frozen=True)
class Writing:
    """A dated document or commit (the pipeline reads them from the store): a pseudo-query."""

    item_id: int
    text: str  # title and text


def _grades(
    evidence: EvidenceBase, replies: Iterable[int], askers: frozenset[int], cut: float | None
) -> dict[int, int]:
    grades: dict[int, int] = {}
    for reply_id in replies:
        if cut is not None and not evidence.timestamp(reply_id) < cut:
            continue
        row = evidence.row(reply_id)
        if row == NO_ROW:
            continue
        people, roles, _ = evidence.at(row)
        for person, role in zip(people, roles, strict=True):
            grade = ANSWER_GRADES.get(role, 0)
            if grade and person not in askers:
                grades[person] = max(grades.get(person, 0), grade)
    return grades


def history(
    threads: Iterable[Thread],
    evidence: EvidenceBase,
    limit: int = MAX_QUERIES,
    before: float | None = None,
) -> list[TrainingQuery]:
    """Of ``threads`` (latest first), the latest ``limit`` that others answered, oldest first.

    With ``before`` (a Unix time), only questions asked and answers given before it count.
    """
    cut = math.inf if before is None else before
    queries: list[TrainingQuery] = []
    for thread in threads:
        when = evidence.timestamp(thread.item_id)
        if math.isnan(when) or when >= cut:
            continue
        askers = frozenset(evidence.at(evidence.row(thread.item_id))[0])
        grades = _grades(evidence, thread.replies, askers, before)
        if not grades:
            continue
        queries.append(TrainingQuery(thread.item_id, thread.text, when, askers, grades))
        if len(queries) >= limit:
            break
    return queries[::-1]


def training_queries(
    threads: Iterable[Thread],
    evidence: EvidenceBase,
    writings: Iterable[Writing],
    before: float | None,
    meta: dict[str, object],
    min_queries: int,
) -> list[TrainingQuery]:
    """The answered threads, topped up with pseudo-queries when they are too few; oldest
    first. Their counts go into ``meta``."""
    queries = history(threads, evidence, before=before)
    meta["thread_queries"] = len(queries)
    if len(queries) < min_queries:
        pseudo = pseudo_history(writings, evidence, MAX_QUERIES - len(queries), before)
        queries = sorted(queries + pseudo, key=lambda query: query.as_of)
        meta["pseudo_queries"] = len(pseudo)
    return queries


def pseudo_history(
    writings: Iterable[Writing],
    evidence: EvidenceBase,
    limit: int = MAX_QUERIES,
    before: float | None = None,
) -> list[TrainingQuery]:
    """Of ``writings`` (latest first), the latest ``limit`` as pseudo-queries, oldest first:
    the writing's text asks, its authors (and committers) are graded 1."""
    cut = math.inf if before is None else before
    queries: list[TrainingQuery] = []
    for writing in writings:
        row = evidence.row(writing.item_id)
        when = evidence.timestamp(writing.item_id)
        if row == NO_ROW or math.isnan(when) or when >= cut:
            continue
        people, roles, _ = evidence.at(row)
        grades = {p: 1 for p, r in zip(people, roles, strict=True) if r in WRITER_ROLES}
        if grades:
            queries.append(TrainingQuery(writing.item_id, writing.text, when, frozenset(), grades))
        if len(queries) >= limit:
            break
    return queries[::-1]


def newer_than(asked: Iterable[Thread | Writing], evidence: EvidenceBase, moment: float) -> int:
    """How many of the (dated) questions or writings were asked after ``moment``."""
    return sum(1 for entry in asked if evidence.timestamp(entry.item_id) > moment)
