"""The indexing pipeline: reads the store, builds every index, fits the learned ranker, and
opens the indexes back as an evidence base."""

from __future__ import annotations

from whoknows.pipeline.build import IndexStats, rebuild
from whoknows.pipeline.opening import open_evidence
from whoknows.pipeline.reading import threads

__all__ = ["IndexStats", "open_evidence", "rebuild", "threads"]
