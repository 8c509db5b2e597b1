"""The learned ranker's model: learnt from the workspace's own history (earlier questions and
threads, and who answered them), saved and loaded with the indexes. Every training query only
sees evidence from before it was asked.

Where the workspace has too few answered threads, its own writings stand in for questions
(self-supervised pseudo-queries): a document or commit is the query, its authors are the
people who know, and the features see only the evidence dated before it (so never the item).

The last fifth of the history (by date) is held out: the model is set aside for the
fixed-weight ``hybrid-prior`` ranking only when it ranks those questions worse beyond their
noise (nDCG@10, a one-sided paired t-test: :func:`~whoknows.rank.training.clearly_worse`).
With fewer than ``MIN_QUERIES`` usable questions, it uses the
default model shipped in the package (:data:`DEFAULT_MODEL`, trained on the histories of
public communities by ``benchmarks/default_model.py``) unless the little history there is
(``MIN_JUDGED`` questions or more) shows it below ``hybrid-prior``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from whoknows.errors import IndexStateError
from whoknows.i18n import N_
from whoknows.index._files import replaced_folder
from whoknows.index.columns import NO_ROW
from whoknows.rank.candidates import FeatureBuilder
from whoknows.rank.ensemble import Ensemble, fit_ensemble
from whoknows.rank.evidence import EvidenceBase
from whoknows.rank.features import FEATURES, CandidateSet
from whoknows.rank.roles import ANSWER_GRADES, Role
from whoknows.rank.training import TrainingQuery, clearly_worse, examples, per_query_ndcg

FORMAT = "whoknows-ltr/1"
MIN_QUERIES = 100
MAX_QUERIES = 800
DAY = 86400.0
HELD_OUT = 0.2  # the latest share of the history that judges the model
# a model is refitted when the questions asked since its latest one reach this share of its
# history: ingesting a few more items does not retrain (and cost minutes at 10^5 items)
RETRAIN_SHARE = 0.1
WRITER_ROLES = frozenset({Role.AUTHOR, Role.COMMITTER})  # who knows a pseudo-query's subject
DEFAULT_MODEL = Path(__file__).parent / "default_model"
MIN_JUDGED = 10  # past questions enough to judge the default model against hybrid-prior


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


def dense_view(evidence: EvidenceBase) -> str:
    """What the dense features of ``evidence`` come from: an embedder and its revision, or
    none (a model fitted without them has learned nothing from them)."""
    embedder = evidence.embedder if evidence.dense is not None else None
    if embedder is None:
        return "none"
    return f"{embedder.name}/{embedder.revision}"


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


def _new_meta(evidence: EvidenceBase, generation: int) -> dict[str, object]:
    return {
        "format": FORMAT,
        "features": list(FEATURES),
        "generation": generation,
        "use_model": False,
        "dense_view": dense_view(evidence),
    }


class LearnedModel:
    def __init__(
        self, booster: Ensemble | None, meta: dict[str, object], folder: Path | None = None
    ) -> None:
        self.booster = booster
        self.meta = meta
        self._folder = folder  # where the booster is read from on first use (lazy loading)

    def _read(self) -> None:
        """The booster of a model loaded lazily (LightGBM is imported then, not before)."""
        folder, self._folder = self._folder, None
        if folder is not None and self.booster is None:
            self.booster = _boosters(folder)

    @property
    def usable(self) -> bool:
        self._read()
        return self.booster is not None and bool(self.meta.get("use_model"))

    def predict(self, features: np.ndarray) -> np.ndarray:
        self._read()
        assert self.booster is not None
        return np.asarray(self.booster.predict(features), dtype=np.float64)

    @classmethod
    def fit(
        cls,
        threads: Iterable[Thread],
        evidence: EvidenceBase,
        generation: int,
        progress: Callable[[int, int], None] | None = None,
        seed: int = 7,
        min_queries: int = MIN_QUERIES,
        before: float | None = None,
        writings: Iterable[Writing] = (),
        read: tuple[list[TrainingQuery], dict[str, object]] | None = None,
        parallel: bool = False,
    ) -> LearnedModel:
        """Learn from the history, judge on its latest part, keep the model if it wins there.

        With fewer than ``min_queries`` answered threads, ``writings`` fill the history up as
        pseudo-queries (in date order with the threads, so the held-out part stays the latest);
        how much history there was is kept (``fit_or_keep`` retrains when a share of it came).
        """
        meta = _new_meta(evidence, generation)
        threads, writings = list(threads), list(writings)
        if read is None:  # (fit_or_keep passes the history and its counts it already read)
            read = (training_queries(threads, evidence, writings, before, meta, min_queries), {})
        queries, counts = read
        meta.update(counts)
        meta["history_available"] = len(threads) + (
            len(writings) if "pseudo_queries" in meta else 0
        )
        if queries:
            meta["latest_query_at"] = max(query.as_of for query in queries)
        per_query = examples(FeatureBuilder(evidence), queries, seed, progress, parallel)
        meta["history_queries"] = len(queries)
        meta["usable_queries"] = len(per_query)
        if len(per_query) < min_queries:
            meta["reason"] = f"only {len(per_query)} usable past questions (needs {min_queries})"
            return cls.default_for(per_query, meta)
        split = int(len(per_query) * (1 - HELD_OUT))
        every = [view for views in per_query for view in views]
        learning = [view for views in per_query[:split] for view in views]
        ensemble = fit_ensemble(learning, seed, parallel=parallel)
        learned, fixed = per_query_ndcg(ensemble.predict, per_query[split:])
        meta["held_out_queries"] = len(per_query) - split
        meta["held_out_ndcg10_learned"] = round(float(learned.mean()), 4)
        meta["held_out_ndcg10_hybrid_prior"] = round(float(fixed.mean()), 4)
        meta["use_model"] = not clearly_worse(learned, fixed)
        if not meta["use_model"]:
            meta["reason"] = "the model ranked the held-out history worse than hybrid-prior"
            return cls(None, meta)
        final = fit_ensemble(every, seed, parallel=parallel)
        gains = zip(FEATURES, final.importance(), strict=True)
        meta["feature_gain"] = {name: round(float(gain), 2) for name, gain in gains}
        meta["training_queries"] = len(per_query)
        meta["training_views"] = len(every)
        return cls(final, meta)

    @classmethod
    def default_for(
        cls, per_query: list[list[tuple[CandidateSet, np.ndarray]]], meta: dict[str, object]
    ) -> LearnedModel:
        """The shipped default model for a workspace with too little history to train, unless
        that history (:data:`MIN_JUDGED` questions or more) ranks better with hybrid-prior."""
        default = cls.shipped()
        if default is None or default.booster is None:
            return cls(None, meta)
        if len(per_query) >= MIN_JUDGED:
            judged, fixed = per_query_ndcg(default.predict, per_query)
            meta["history_ndcg10_default"] = round(float(judged.mean()), 4)
            meta["history_ndcg10_hybrid_prior"] = round(float(fixed.mean()), 4)
            if clearly_worse(judged, fixed):
                meta["reason"] = f"{meta['reason']}; the default model ranked it worse"
                return cls(None, meta)
        meta.update(
            use_model=True,
            model="default",
            trained_on=default.meta.get("trained_on", []),
            default_created=default.meta.get("created"),
        )
        return cls(default.booster, meta)

    @classmethod
    def shipped(cls) -> LearnedModel | None:
        """The default model of the package; None when it is missing or was made for other
        features (``benchmarks/default_model.py --save`` makes it again)."""
        try:
            return cls.load(DEFAULT_MODEL)
        except IndexStateError:
            return None

    @classmethod
    def fit_or_keep(
        cls,
        folder: Path,
        threads: Iterable[Thread],
        evidence: EvidenceBase,
        generation: int,
        progress: Callable[[int, int], None] | None = None,
        writings: Iterable[Writing] = (),
        parallel: bool = False,
    ) -> LearnedModel:
        """The model saved in ``folder``, carried to ``generation``, while the history that
        arrived since it was fitted (questions after its latest one, or more questions than
        it learned from) is under :data:`RETRAIN_SHARE` of the history the workspace held
        when it was fitted, and the dense view it was fitted with (embedder, or none) is the
        same; otherwise a new fit. A small ingest then costs no training, on a small
        workspace as on one of millions of items (where a model learns from the latest
        :data:`MAX_QUERIES` questions of a history hundreds of times longer)."""
        threads, writings = list(threads), list(writings)
        try:
            previous = cls.load(folder)
        except IndexStateError:
            return cls.fit(
                threads, evidence, generation, progress, writings=writings, parallel=parallel
            )
        counts: dict[str, object] = {}
        queries = training_queries(threads, evidence, writings, None, counts, MIN_QUERIES)
        latest = previous.meta.get("latest_query_at")
        learned_from = previous.meta.get("history_queries")
        same_view = previous.meta.get("dense_view") == dense_view(evidence)
        if same_view and isinstance(latest, float | int) and isinstance(learned_from, int):
            asked = threads + writings if previous.meta.get("pseudo_queries") else threads
            # newer questions, or more of them (older exports ingested later count too)
            arrived = max(newer_than(asked, evidence, latest), len(queries) - learned_from)
            held = previous.meta.get("history_available", learned_from)
            if arrived < max(1.0, RETRAIN_SHARE * max(int(str(held)), learned_from)):
                meta = {**previous.meta, "generation": generation, "new_queries": arrived}
                meta["kept_from_generation"] = previous.meta.get("generation")
                return cls(previous.booster, meta)
        read = (queries, counts)
        return cls.fit(
            threads, evidence, generation, progress, writings=writings, read=read, parallel=parallel
        )

    def save(self, folder: Path) -> None:
        with replaced_folder(folder) as staging:
            if self.booster is not None:
                self.booster.save(staging)
            (staging / "meta.json").write_text(json.dumps(self.meta, indent=2), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path, lazy: bool = False) -> LearnedModel:
        """The model saved in ``folder``; with ``lazy``, only its meta now and the booster
        when it first ranks (commands that do not rank never import LightGBM)."""
        try:
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise _damaged(folder) from error
        if not isinstance(meta, dict):
            raise _damaged(folder)
        if meta.get("format") != FORMAT or meta.get("features") != list(FEATURES):
            raise IndexStateError(
                N_("the learned model is outdated"), N_("run `whoknows reindex`"), where=str(folder)
            )
        if lazy and (not meta.get("use_model") or any(folder.glob("model-*.txt"))):
            return cls(None, meta, folder if meta.get("use_model") else None)
        booster = _boosters(folder)
        if meta.get("use_model") and booster is None:
            raise _damaged(folder)
        return cls(booster, meta)


def _damaged(folder: Path) -> IndexStateError:
    return IndexStateError(
        N_("the learned model is missing or damaged"),
        N_("run `whoknows reindex`"),
        where=str(folder),
    )


def _boosters(folder: Path) -> Ensemble | None:
    try:
        return Ensemble.load(folder)
    except (OSError, ValueError, KeyError, IndexError) as error:
        raise _damaged(folder) from error
