"""Ingest engines (fast layer, no Spark started): choosing one, and every way the spark engine
refuses to start said in one line before anything is read or written."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import make_service, sample
from whoknows.cli.main import cli
from whoknows.demo import SampleSource
from whoknows.errors import EngineError, InputError, Position, UsageError, WhoknowsError
from whoknows.services import Services


@pytest.fixture
def dump(sample_org: list[SampleSource]) -> Path:
    return sample(sample_org, "stackexchange").path


def _refused(service: Services, dump: Path, **given: str | None) -> WhoknowsError:
    """The error of an ingest that must not start; nothing is stored."""
    with pytest.raises(WhoknowsError) as raised:
        service.ingest.ingest("stackexchange", dump, **given)  # type: ignore[arg-type]
    message = raised.value.one_line()
    assert "\n" not in message
    store = service.workspace.store(create=True)
    assert store.conn.execute("SELECT COUNT(*) FROM items").fetchone()[0] == 0
    return raised.value


def _fake_java(folder: Path, version: str) -> Path:
    """A `java` that only answers -version (as a Java of ``version`` writes it)."""
    folder.mkdir(exist_ok=True)
    java = folder / "java"
    java.write_text(f"#!/bin/sh\necho 'openjdk version \"{version}\" 2024-01-16' >&2\n")
    java.chmod(0o755)
    return folder


def test_a_master_url_that_is_not_one(service: Services, dump: Path) -> None:
    error = _refused(service, dump, engine="spark", master="locl[2]")
    assert isinstance(error, UsageError)
    assert error.one_line().startswith("'locl[2]' is not a Spark master URL; give --master")


def test_a_standalone_master_that_does_not_answer(service: Services, dump: Path) -> None:
    error = _refused(service, dump, engine="spark", master="spark://127.0.0.1:9")
    assert isinstance(error, EngineError)
    assert error.one_line().startswith("no Spark master answers at spark://127.0.0.1:9")


def test_master_and_object_store_urls_need_the_spark_engine(service: Services, dump: Path) -> None:
    error = _refused(service, dump, master="local[2]")
    assert "--master names a Spark master: it goes with --engine spark" in error.one_line()
    with pytest.raises(UsageError, match="only the spark engine reads"):
        service.ingest.ingest("stackexchange", "s3a://bucket/dump")
    error = _refused(service, dump, engine="hadoop")
    assert error.one_line() == "unknown ingest engine 'hadoop'; choose one of: local, spark"


def test_java_missing_or_too_old(
    service: Services, dump: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    error = _refused(service, dump, engine="spark", master="local[1]")
    assert isinstance(error, EngineError)
    assert error.one_line() == (
        "the spark engine needs Java 17 or later: no java on PATH; install it"
        " (apt-get install openjdk-17-jre-headless) or set JAVA_HOME"
    )
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "nowhere"))
    assert "has no bin/java" in _refused(service, dump, engine="spark").one_line()
    monkeypatch.delenv("JAVA_HOME")
    monkeypatch.setenv("PATH", str(_fake_java(tmp_path / "old", "1.8.0_392")))
    assert (
        "is Java 8; Spark needs 17 or later" in _refused(service, dump, engine="spark").one_line()
    )


def test_pyspark_missing(
    service: Services, dump: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(_fake_java(tmp_path / "jdk", "17.0.15")))
    monkeypatch.setitem(sys.modules, "pyspark", None)  # `import pyspark` fails as uninstalled
    error = _refused(service, dump, engine="spark", master="local[1]")
    assert error.one_line() == (
        "the spark engine needs pyspark, which is not installed;"
        " install it with pip install 'whoknows[spark]' (and Java 17)"
    )


def test_spark_properties_that_are_not_key_value(tmp_path: Path, dump: Path) -> None:
    service = make_service(tmp_path / "ws", spark_conf="spark.executor.cores=2 oops")
    error = _refused(service, dump, engine="spark", master="local[1]")
    assert error.one_line().startswith("spark_conf: 'oops' is not key=value")
    service.close()


def test_cli_says_it_in_one_line_in_the_users_language(tmp_path: Path, dump: Path) -> None:
    runner = CliRunner()
    options = ["--quiet", "--workspace", str(tmp_path / "ws"), "--lang", "fr"]
    result = runner.invoke(
        cli, [*options, "ingest", "stackexchange", str(dump), "--engine", "spark", "--master", "x"]
    )
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("erreur : 'x' n'est pas l'adresse d'un maître Spark")


def test_a_local_ingest_never_imports_spark(tmp_path: Path) -> None:
    source = tmp_path / "notes.jsonl"
    source.write_text('{"id": "1", "text": "kafka lag", "authors": ["Ann Lee"]}\n')
    probe = (
        "import sys; from whoknows.cli.main import main; "
        f"sys.argv = ['whoknows', '--quiet', '--workspace', {str(tmp_path / 'ws')!r}, 'ingest',"
        f" 'jsonl', {str(source)!r}, '--engine', 'local']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print([m for m in ('pyspark', 'py4j', 'whoknows.pipeline.spark') if m in sys.modules])"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert "ingested" in done.stdout
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_errors_cross_processes_whole() -> None:
    """An executor's error arrives as it was raised: its place, message, hint and values."""
    error = InputError("dump/Posts.xml", Position.at(3, 7), "malformed XML (%(error)s)", error="x")
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is InputError and again.one_line() == error.one_line()
    assert (again.path, again.position, again.kind()) == (
        "dump/Posts.xml",
        "3:7",
        "malformed XML (x)",
    )
