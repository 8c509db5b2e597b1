"""Choosing the ingest engine (setting ``ingest_engine``, ``whoknows ingest --engine``)."""

from __future__ import annotations

from whoknows.errors import UsageError
from whoknows.i18n import N_
from whoknows.pipeline.engine import IngestEngine, LocalEngine, Source, is_url
from whoknows.progress import Progress, SilentProgress
from whoknows.settings import ENGINES, Settings


def open_engine(
    name: str, settings: Settings, master: str | None = None, progress: Progress | None = None
) -> IngestEngine:
    """The engine called ``name``; ``master`` (a Spark master URL) only for ``spark``, which
    reports its own stages (starting, parsing) to ``progress``.

    Checks what the engine needs before anything runs (for spark: the master URL, pyspark,
    Java), so that a missing piece is one line, not a failure halfway through an ingest.
    Spark is imported only here, only for the spark engine.
    """
    if name not in ENGINES:
        raise UsageError(
            N_("unknown ingest engine %(name)s"),
            N_("choose one of: %(names)s"),
            name=repr(name),
            names=", ".join(ENGINES),
        )
    if name == "local":
        if master is not None:
            raise UsageError(
                N_("--master names a Spark master: it goes with --engine spark"),
                N_("add --engine spark, or leave --master out"),
            )
        return LocalEngine()
    from whoknows.pipeline.spark.engine import SparkEngine

    return SparkEngine(settings, master or settings.spark_master, progress or SilentProgress())


def check_source(source: Source, engine: str) -> None:
    """An object-store URL needs an engine whose file systems read it."""
    if is_url(source) and engine != "spark":
        raise UsageError(
            N_("%(source)s is an object-store URL, which only the spark engine reads"),
            N_("add --engine spark, or copy it to a folder first"),
            source=str(source),
        )
