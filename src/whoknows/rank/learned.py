"""The learned ranker's model: learnt from the workspace's own history (earlier questions and
threads, and who answered them), saved and loaded with the indexes. Every training query only
sees evidence from before it was asked.

Where the workspace has too few answered threads, its own writings stand in for questions
(self-supervised pseudo-queries): a document or commit is the query, its authors are the
people who know, and the features see only the evidence dated before it (so never the item).

The last fifth of the history (by date) is held out: the model is set aside for the
fixed-weight ``hybrid-prior`` ranking only when it ranks those questions worse beyond their
noise (nDCG@10, a one-sided paired t-test: :func:`~whoknows.rank.training.clearly_worse`).
With fewer than ``MIN_QUERIES`` usable questions, it uses a
default model shipped in the package (trained on the histories of public communities by
``benchmarks/default_model.py``), of two: :data:`DEFAULT_MODEL`, which weighs activity too
(who answered lately, and how much), and :data:`EVIDENCE_MODEL`, fitted without the activity
columns, on the evidence of the topic alone. The workspace's own little history chooses
(``MIN_JUDGED`` questions or more: the one that ranks them better, the evidence alone on a
tie, and that one with fewer): on Stack Exchange who is active answers, on papers and in an
organisation's mail the busiest are not who knows. The chosen default is set aside when that
history shows it below ``hybrid-prior``; from ``MIN_OWN`` usable questions, a model of the
workspace's own replaces it when it ranks the latest fifth better than the default does.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np

from whoknows.errors import IndexStateError
from whoknows.i18n import N_
from whoknows.index._files import replaced_folder
from whoknows.rank.candidates import FeatureBuilder
from whoknows.rank.ensemble import Ensemble, fit_ensemble, without_activity
from whoknows.rank.evidence import EvidenceBase
from whoknows.rank.features import FEATURES, CandidateSet
from whoknows.rank.history import Thread, Writing, newer_than, training_queries
from whoknows.rank.training import TrainingQuery, clearly_worse, examples, per_query_ndcg

FORMAT = "whoknows-ltr/1"
MIN_QUERIES = 100
DAY = 86400.0
HELD_OUT = 0.2  # the latest share of the history that judges the model
# a model is refitted when the questions asked since its latest one reach this share of its
# history: ingesting a few more items does not retrain (and cost minutes at 10^5 items)
RETRAIN_SHARE = 0.1
INTERNAL_META = ("features", "history_keys")  # (the model's own bookkeeping: never reported)
DEFAULT_MODEL = Path(__file__).parent / "default_model"
EVIDENCE_MODEL = DEFAULT_MODEL / "evidence"  # (the default fitted without activity)
MIN_JUDGED = 10  # past questions enough to judge the default model against hybrid-prior
# usable questions enough for a model of the workspace's own, judged on its latest fifth (10
# questions) against the default model: with fewer, the default is used
MIN_OWN = round(MIN_JUDGED / HELD_OUT)
# what a judged model of the workspace's own tells when the default is kept instead
_TOLD = ("held_out_queries", "held_out_ndcg10_default", "held_out_ndcg10_hybrid_prior")


def dense_view(evidence: EvidenceBase) -> str:
    """What the dense features of ``evidence`` come from: an embedder and its revision, or
    none (a model fitted without them has learned nothing from them)."""
    embedder = evidence.embedder if evidence.dense is not None else None
    if embedder is None:
        return "none"
    return f"{embedder.name}/{embedder.revision}"


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
        meta["history_keys"] = history_keys(queries)
        per_query = examples(FeatureBuilder(evidence), queries, seed, progress, parallel)
        meta["history_queries"] = len(queries)
        meta["usable_queries"] = len(per_query)
        if len(per_query) < min_queries:
            meta["reason"] = f"only {len(per_query)} usable past questions (needs {min_queries})"
            shipped = cls.chosen_default(per_query, meta)
            if len(per_query) >= MIN_OWN:  # (its own model, if it beats the default on them)
                own = cls._judged(per_query, dict(meta), seed, parallel, shipped)
                if own.usable:
                    del own.meta["reason"]
                    return own
                meta.update({key: own.meta[key] for key in _TOLD if key in own.meta})
                meta["held_out_ndcg10_own"] = own.meta["held_out_ndcg10_learned"]
            return cls.default_for(per_query, meta, shipped)
        return cls._judged(per_query, meta, seed, parallel)

    @classmethod
    def _judged(
        cls,
        per_query: list[list[tuple[CandidateSet, np.ndarray]]],
        meta: dict[str, object],
        seed: int,
        parallel: bool,
        rival: LearnedModel | None = None,
    ) -> LearnedModel:
        """A model fitted on the history but its latest fifth, judged there: kept (and fitted
        again on all of it) unless it ranks those questions worse than hybrid-prior beyond
        noise, or (with a ``rival``: the shipped default, fitted on far more questions) not
        better than the rival beyond noise (a startup's 85 questions: a model of its own won
        17 held-out ones by 0.08 on average, having learnt that the engineering manager who
        posts in every channel answers, and put him first for Helm on a roadmap post)."""
        split = int(len(per_query) * (1 - HELD_OUT))
        every = [view for views in per_query for view in views]
        learning = [view for views in per_query[:split] for view in views]
        learned, fixed = _with_or_without_activity(
            learning, per_query[split:], meta, seed, parallel
        )
        meta["held_out_queries"] = len(per_query) - split
        meta["held_out_ndcg10_learned"] = round(float(learned.mean()), 4)
        meta["held_out_ndcg10_hybrid_prior"] = round(float(fixed.mean()), 4)
        meta["use_model"] = not clearly_worse(learned, fixed)
        if rival is not None and rival.booster is not None:
            shipped, _ = per_query_ndcg(rival.predict, per_query[split:])
            meta["held_out_ndcg10_default"] = round(float(shipped.mean()), 4)
            meta["use_model"] = bool(meta["use_model"]) and clearly_worse(shipped, learned)
        if not meta["use_model"]:
            meta["reason"] = "the model ranked the held-out history worse than hybrid-prior"
            return cls(None, meta)
        final = fit_ensemble(
            every if meta["reads_activity"] else without_activity(every), seed, parallel=parallel
        )
        gains = zip(FEATURES, final.importance(), strict=True)
        meta["feature_gain"] = {name: round(float(gain), 2) for name, gain in gains}
        meta["training_queries"] = len(per_query)
        meta["training_views"] = len(every)
        return cls(final, meta)

    @classmethod
    def default_for(
        cls,
        per_query: list[list[tuple[CandidateSet, np.ndarray]]],
        meta: dict[str, object],
        default: LearnedModel | None = None,
    ) -> LearnedModel:
        """The shipped default model (``default``, when read already) for a workspace with too
        little history to train, unless that history (:data:`MIN_JUDGED` questions or more)
        ranks better with hybrid-prior."""
        default = default or cls.chosen_default(per_query, meta)
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
    def shipped(cls, folder: Path = DEFAULT_MODEL) -> LearnedModel | None:
        """A default model of the package (``folder``: :data:`DEFAULT_MODEL` or
        :data:`EVIDENCE_MODEL`); None when it is missing or was made for other features
        (``benchmarks/default_model.py --save`` makes them again)."""
        try:
            return cls.load(folder)
        except IndexStateError:
            return None

    @classmethod
    def chosen_default(
        cls, per_query: list[list[tuple[CandidateSet, np.ndarray]]], meta: dict[str, object]
    ) -> LearnedModel | None:
        """Of the two shipped defaults, the evidence alone unless the workspace's history
        (:data:`MIN_JUDGED` questions or more) ranks better with activity beyond noise
        (nDCG@10, the paired test of :func:`clearly_worse`: a fresh evaluator's French team
        chose activity on a gap of 0.0008 over 23 questions, and its loudest writer came
        first); which, and both figures, are told in ``meta``."""
        found = {
            name: model
            for name, folder in (("evidence", EVIDENCE_MODEL), ("activity", DEFAULT_MODEL))
            if (model := cls.shipped(folder)) is not None and model.booster is not None
        }
        if not found:
            return None
        chosen = "evidence" if "evidence" in found else "activity"
        if len(per_query) >= MIN_JUDGED and len(found) == 2:
            scores = {name: per_query_ndcg(m.predict, per_query)[0] for name, m in found.items()}
            for name, judged in scores.items():
                meta[f"history_ndcg10_default_{name}"] = round(float(judged.mean()), 4)
            if clearly_worse(scores["evidence"], scores["activity"]):
                chosen = "activity"
        meta["default_model"] = chosen
        return found[chosen]

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
            # newer questions, or more of them (older exports ingested later count too), or
            # questions whose answerers changed or who are no answerers any more (a directory
            # ingested last merged a tracker's "mfaure" into the Mathieu Faure he answered)
            arrived = max(newer_than(asked, evidence, latest), len(queries) - learned_from)
            keys = previous.meta.get("history_keys")
            if isinstance(keys, list):
                arrived = max(arrived, len(set(history_keys(queries)) ^ set(keys)))
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


def _with_or_without_activity(
    learning: list[tuple[CandidateSet, np.ndarray]],
    held: list[list[tuple[CandidateSet, np.ndarray]]],
    meta: dict[str, object],
    seed: int,
    parallel: bool,
) -> tuple[np.ndarray, np.ndarray]:
    """The per-question nDCG@10 on the ``held`` questions of the model fitted on ``learning``
    that reads the topic's evidence alone, unless the one that also reads activity ranks them
    better (a higher mean; the evidence alone on a tie), and hybrid-prior's; which is kept is
    told in ``meta`` (``reads_activity``, both figures). Both are fitted on the workspace's own
    history, so the plain comparison decides (the shipped defaults, whose activity was learnt
    on other communities, need activity better beyond noise: ``chosen_default``). Whether
    activity says who knows is the organisation's to show: a community's most active raster
    maintainer, whose "Cloud Optimized GeoTIFF" notes share one word with "read LAZ point cloud
    classification codes", came first for it, above the one person whose answers say all of
    it; with the test beyond noise in this place, CPython's changelog (activity 0.732 against
    0.713, not beyond noise) lost R@10 −0.026 [−0.047, −0.007] on its held-out check."""
    with_activity = fit_ensemble(learning, seed, parallel=parallel)
    learned, fixed = per_query_ndcg(with_activity.predict, held)
    evidence_alone = fit_ensemble(without_activity(learning), seed, parallel=parallel)
    alone, _ = per_query_ndcg(evidence_alone.predict, held)
    meta["held_out_ndcg10_with_activity"] = round(float(learned.mean()), 4)
    meta["held_out_ndcg10_evidence_alone"] = round(float(alone.mean()), 4)
    meta["reads_activity"] = bool(learned.mean() > alone.mean())
    return (learned if meta["reads_activity"] else alone), fixed


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


def history_keys(queries: list[TrainingQuery]) -> list[int]:
    """A number for each question of a history: its item and who answered it how, so that a
    question whose answerers were merged into another person counts as a new one."""
    return sorted(
        zlib.crc32(json.dumps([query.item_id, sorted(query.grades.items())]).encode())
        for query in queries
    )
