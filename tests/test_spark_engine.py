"""The spark engine on a real dump gives the local engine's workspace: the same store rows, the
same index files and the same top 10 for every query of the se-cardano bench.

Slow (two full ingests, one of them starting Spark in local[2]): run it with
``pytest -m slow tests/test_spark_engine.py``. Skipped without the bench, pyspark or Java.
"""

from __future__ import annotations

import filecmp
import os
import re
import shutil
import sqlite3
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import CARDANO_BENCH
from whoknows.errors import InputError
from whoknows.eval.inputs import read_queries
from whoknows.services import open_services
from whoknows.settings import load_settings

pytestmark = pytest.mark.slow

RANKERS = ("lexical", "dense", "hybrid-prior", "learned")
TRAINED = {"model"}  # the learned ranker: compared through its answers


def _requirements() -> None:
    if not (CARDANO_BENCH / "corpus").is_dir():
        pytest.skip(f"no bench at {CARDANO_BENCH}")
    pytest.importorskip("pyspark")
    if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        pytest.skip("no Java for Spark")


def _ingest(workspace: Path, engine: str) -> None:
    """The shipped settings (embeddings, the learned ranker); a run file per ranker."""
    services = open_services(load_settings(environ={}, workspace=workspace))
    master = "local[2]" if engine == "spark" else None
    report = services.ingest.ingest(
        "stackexchange", CARDANO_BENCH / "corpus", engine=engine, master=master
    )
    assert report.items_added == 3444
    queries = read_queries(CARDANO_BENCH / "queries.tsv")
    for ranker in RANKERS:
        run = workspace / "runs" / f"{ranker}.run"
        services.search.ask_batch(queries, run, k=10, label_by="stackexchange", ranker=ranker)
    services.close()


def _top10(run: Path) -> dict[str, list[str]]:
    ranked: dict[str, list[str]] = defaultdict(list)
    for line in run.read_text(encoding="utf-8").splitlines():
        query, _, person, _rank, _score, _tag = line.split()
        ranked[query].append(person)
    return {query: people[:10] for query, people in ranked.items()}


def _rows(workspace: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, the columns that say when left out."""
    conn = sqlite3.connect(workspace / "whoknows.sqlite3")
    found = {}
    for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
        columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
        kept = [c for c in columns if c != "at" and not c.endswith("_at")]  # what, not when
        kept = ["connector", "path"] if table == "ingests" else kept  # (its report: timings)
        found[table] = conn.execute(f"SELECT {', '.join(kept)} FROM {table}").fetchall()
    conn.close()
    return found


def test_spark_ingest_gives_the_local_workspace(tmp_path: Path) -> None:
    _requirements()
    local, spark = tmp_path / "local", tmp_path / "spark"
    _ingest(local, "local")
    _ingest(spark, "spark")
    local_rows, spark_rows = _rows(local), _rows(spark)
    assert {t: len(r) for t, r in spark_rows.items()} == {t: len(r) for t, r in local_rows.items()}
    assert spark_rows == local_rows
    folders = sorted(p for p in (local / "index").iterdir() if p.is_dir() and p.name not in TRAINED)
    assert {"lexical", "dense", "columns", "graph"} <= {folder.name for folder in folders}
    for built in folders:
        folder = built.relative_to(local)
        names = sorted(p.name for p in built.iterdir())
        _, different, missing = filecmp.cmpfiles(local / folder, spark / folder, names, False)
        assert (different, missing) == ([], []), folder
    queries = [query for query, _ in read_queries(CARDANO_BENCH / "queries.tsv")]
    for ranker in RANKERS:
        expected = _top10(local / "runs" / f"{ranker}.run")
        got = _top10(spark / "runs" / f"{ranker}.run")
        assert len(expected) == len(queries)
        assert got == expected, ranker


def test_a_broken_dump_stops_the_spark_ingest_as_the_local_one(tmp_path: Path) -> None:
    """Strict: the same one-line error as the local engine (raised by the part whose range
    holds the break), nothing stored, no JVM left."""
    _requirements()
    broken = tmp_path / "dump"
    shutil.copytree(CARDANO_BENCH / "corpus", broken)
    posts = broken / "Posts.xml"
    posts.write_bytes(posts.read_bytes()[: posts.stat().st_size * 2 // 3])
    said = {}
    for engine in ("local", "spark"):
        services = open_services(load_settings(environ={}, workspace=tmp_path / engine))
        master = "local[2]" if engine == "spark" else None
        with pytest.raises(InputError) as raised:
            services.ingest.ingest("stackexchange", broken, engine=engine, master=master)
        said[engine] = raised.value.one_line()
        store = services.workspace.store()
        assert store.conn.execute("SELECT COUNT(*) FROM items").fetchone()[0] == 0
        services.close()
    assert said["spark"] == said["local"]
    assert re.search(r"Posts\.xml:\d+:\d+: malformed XML", said["local"])
    from pyspark import SparkContext

    assert SparkContext._gateway is None  # the JVM was ended with the ingest
