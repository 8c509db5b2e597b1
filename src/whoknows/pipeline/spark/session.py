"""Starting and stopping Spark for one ingest, and what it needs first.

Checked before the JVM starts, each missing piece one line: the master URL's form (and, for
a standalone master, that something answers at its address), Java 17 or later, pyspark. The
context is started with small memory settings (``spark_driver_memory``,
``spark_executor_memory``), no web UI, logs at ERROR, a scratch folder of its own; stopping
it also ends the JVM that pyspark started, so no Java process outlives the ingest.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

import whoknows
from whoknows.errors import EngineError, UsageError, WhoknowsError
from whoknows.i18n import N_, Term
from whoknows.pipeline.engine import Source, is_url
from whoknows.pipeline.spark.tasks import Staged
from whoknows.settings import Settings

T = TypeVar("T")
MIN_JAVA = 17  # what Spark 4 runs on
CONNECT_SECONDS = 5.0  # how long a standalone master has to answer before the ingest starts
_MASTER = re.compile(
    r"^(local(\[(\*|[1-9]\d*)(,[1-9]\d*)?\])?"
    r"|local-cluster\[[1-9]\d*,[1-9]\d*,[1-9]\d*\]"
    r"|spark://[\w.-]+(:\d+)?(,[\w.-]+(:\d+)?)*"
    r"|yarn|k8s://\S+)$"
)
_EXCEPTION = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt|Warning)\b(: |$)")
LOG_CONFIG = """\
rootLogger.level = fatal
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = spark %p %c{1}: %m%n%ex{3}
logger.spark.name = org.apache.spark
logger.spark.level = fatal
"""  # a failed job becomes one line of ours; Spark's own level set as the root's, its shell
# banner ("Setting default log level") stays unsaid
# what a failed job was doing, in the error it becomes
PARSING = N_("parsing the source")
LEXICAL = N_("counting the terms")
EMBEDDING = N_("embedding the texts")
READING = N_("reading the source")


def check_master(master: str) -> str:
    """``master`` when it has the form of a Spark master URL; else a one-line error."""
    if not _MASTER.match(master):
        raise UsageError(
            N_("%(master)s is not a Spark master URL"),
            N_("give --master local[*], local[N], spark://HOST:PORT, yarn or k8s://URL"),
            master=repr(master),
        )
    if master.startswith("spark://"):
        for address in master.removeprefix("spark://").split(","):
            host, _, port = address.partition(":")
            if _answers(host, int(port or 7077)):
                return master
        raise EngineError(
            N_("no Spark master answers at %(master)s"),
            N_("start the cluster, or check the host and port (7077 by default)"),
            master=master,
        )
    return master


def _answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=CONNECT_SECONDS):
            return True
    except OSError:
        return False


def java_binary(environ: Mapping[str, str]) -> str:
    """The java Spark will run (JAVA_HOME's, else the first on PATH), as spark-submit finds it."""
    home = environ.get("JAVA_HOME")
    if home:
        java = Path(home) / "bin" / "java"
        if not os.access(java, os.X_OK):
            raise EngineError(
                N_("JAVA_HOME (%(home)s) has no bin/java"),
                N_("set JAVA_HOME to a Java %(version)s installation, or unset it"),
                home=home,
                version=MIN_JAVA,
            )
        return str(java)
    found = shutil.which("java", path=environ.get("PATH", ""))
    if found is None:
        raise EngineError(
            N_("the spark engine needs Java %(version)s or later: no java on PATH"),
            N_("install it (apt-get install openjdk-17-jre-headless) or set JAVA_HOME"),
            version=MIN_JAVA,
        )
    return found


def check_java(java: str) -> None:
    """Java ``MIN_JAVA`` or later (``java -version``: "17.0.15", or "1.8.0_392" for 8)."""
    try:
        said = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as error:
        raise EngineError(
            N_("%(java)s does not run (%(error)s)"),
            N_("install Java %(version)s or later, or set JAVA_HOME to one"),
            java=java,
            error=str(error),
            version=MIN_JAVA,
        ) from error
    found = re.search(r'version "(\d+)(?:\.(\d+))?', said.stderr + said.stdout)
    if found is None:
        return  # an unusual vendor string: let Spark say what it thinks
    major = int(found.group(2) or 0) if found.group(1) == "1" else int(found.group(1))
    if major < MIN_JAVA:
        raise EngineError(
            N_("%(java)s is Java %(found)s; Spark needs %(version)s or later"),
            N_("install Java %(version)s or later, or set JAVA_HOME to one"),
            java=java,
            found=major,
            version=MIN_JAVA,
        )


def require_pyspark() -> Any:
    """The pyspark module, or a one-line error saying how to install it."""
    try:
        import pyspark
    except ImportError as error:
        raise EngineError(
            N_("the spark engine needs pyspark, which is not installed"),
            N_("install it with pip install 'whoknows[spark]' (and Java %(version)s)"),
            version=MIN_JAVA,
        ) from error
    return pyspark


def spark_properties(settings: Settings, master: str, scratch: Path) -> dict[str, str]:
    """The Spark properties of an ingest: small memory, no UI, quiet logs, this Python."""
    found = {
        "spark.driver.memory": settings.spark_driver_memory,
        "spark.executor.memory": settings.spark_executor_memory,
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.pyspark.python": os.environ.get("PYSPARK_PYTHON") or sys.executable,
        "spark.local.dir": str(scratch),
        "spark.driver.extraJavaOptions": "-Dlog4j2.configurationFile="
        + (scratch / "log4j2.properties").as_uri(),
    }
    if master.startswith("local"):  # executors on this machine: this checkout of whoknows
        found["spark.driver.host"] = found["spark.driver.bindAddress"] = "127.0.0.1"
        found["spark.executorEnv.PYTHONPATH"] = str(Path(whoknows.__file__).parent.parent)
    found.update(extra_properties(settings))
    return found


def extra_properties(settings: Settings) -> dict[str, str]:
    """The properties of the ``spark_conf`` setting (``key=value`` separated by spaces)."""
    found = {}
    for item in settings.spark_conf.split():
        key, equals, value = item.partition("=")
        if not (key and equals):
            raise UsageError(
                N_("spark_conf: %(item)s is not key=value"),
                N_("write Spark properties as key=value separated by spaces"),
                item=repr(item),
            )
        found[key] = value
    return found


def reason(error: BaseException) -> str:
    """What went wrong in a Spark or executor error, on one line: the last line of the Python
    traceback an executor sent, else the Java exception."""
    java = getattr(error, "java_exception", None)
    text = str(java.toString()) if java is not None else str(error)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return type(error).__name__
    traced = [i for i, line in enumerate(lines) if "Traceback (most recent call last)" in line]
    if traced:
        said = [line for line in lines[traced[-1] + 1 :] if _EXCEPTION.match(line)]
        if said:
            name, _, rest = said[-1].partition(": ")
            return rest if name.startswith("whoknows.errors.") else said[-1][:300]
    return lines[0].lstrip(": ")[:300]


def _spark_error(error: BaseException) -> bool:
    """Whether ``error`` comes from Spark or py4j (a job or the JVM), not from our code."""
    module = type(error).__module__ or ""
    return module.startswith(("py4j", "pyspark"))


class Cluster:
    """One Spark context for one ingest: started on first use, stopped with its JVM."""

    def __init__(self, settings: Settings, master: str) -> None:
        self.settings = settings
        self.master = check_master(master)
        extra_properties(settings)
        check_java(java_binary(os.environ))
        self._pyspark = require_pyspark()
        self._sc: Any = None
        self._scratch: Path | None = None

    def context(self) -> Any:
        """The SparkContext, started now if it is not yet."""
        if self._sc is None:
            self._start()
        return self._sc

    def _start(self) -> None:
        self._scratch = Path(tempfile.mkdtemp(prefix="whoknows-spark-"))
        (self._scratch / "log4j2.properties").write_text(LOG_CONFIG, encoding="utf-8")
        conf = self._pyspark.SparkConf().setMaster(self.master).setAppName("whoknows-ingest")
        properties = spark_properties(self.settings, self.master, self._scratch)
        conf.setAll(list(properties.items()))
        try:
            self._sc = self._pyspark.SparkContext(conf=conf)
            # the executors' Python: pyspark reads only PYSPARK_PYTHON, else "python3"
            self._sc.pythonExec = properties["spark.pyspark.python"]
        except Exception as error:
            self.stop()
            raise EngineError(
                N_("Spark did not start with --master %(master)s: %(error)s"),
                N_("check the master URL, that the cluster runs, and Java (docs/scale.md)"),
                master=self.master,
                error=reason(error),
            ) from error

    def pieces(self) -> int:
        """How many pieces to cut work into: ``spark_partitions``, or twice the cores."""
        return self.settings.spark_partitions or 2 * int(self.context().defaultParallelism)

    def stage(self, source: Source) -> Staged:
        """Where executors read ``source``: a path as it is (this machine in local mode, a
        shared file system on a cluster), or a URL fetched by Spark onto every node."""
        if not is_url(source):
            return Staged(path=str(Path(source).resolve()))
        url = str(source)
        self.run(lambda: self.context().addFile(url, recursive=True), READING)
        return Staged(name=url.rstrip("/").rsplit("/", 1)[-1])

    def ship(self, file: Path) -> Staged:
        """A file of this machine, copied to every executor (the embedding table)."""
        self.run(lambda: self.context().addFile(str(file)), READING)
        return Staged(name=file.name)

    def run(self, action: Callable[[], T], doing: str) -> T:
        """``action()``, a Spark failure turned into a one-line error."""
        try:
            return action()
        except WhoknowsError:
            raise
        except Exception as error:
            if not _spark_error(error):
                raise
            raise self._failed(error, doing) from error

    def iterate(self, items: Iterator[T], doing: str) -> Iterator[T]:
        """The items of a Spark iterator, a failure while it runs turned as :meth:`run` does."""
        while True:
            try:
                item = next(items)
            except StopIteration:
                return
            except WhoknowsError:
                raise
            except Exception as error:
                if not _spark_error(error):
                    raise
                raise self._failed(error, doing) from error
            yield item

    def forget(self, rdd: Any) -> None:
        """Drop what ``rdd`` keeps on the executors, if Spark still runs (best effort: this
        runs on the way out, an error included)."""
        if self._sc is not None:
            with contextlib.suppress(Exception):
                rdd.unpersist()

    def _failed(self, error: BaseException, doing: str) -> EngineError:
        return EngineError(
            N_("Spark failed while %(doing)s: %(error)s"),
            N_("see docs/scale.md (what each node needs), or ingest with --engine local"),
            doing=Term(doing),
            error=reason(error),
        )

    def stop(self) -> None:
        """Stop the context and end the JVM pyspark started (and its Python workers)."""
        sc, self._sc = self._sc, None
        try:
            if sc is not None:
                sc.stop()
        finally:
            _end_gateway(self._pyspark)
            if self._scratch is not None:
                shutil.rmtree(self._scratch, ignore_errors=True)
                self._scratch = None


def _end_gateway(pyspark: Any) -> None:
    """pyspark keeps its JVM for the life of the Python process; end it now (the JVM exits
    when its standard input closes)."""
    context = pyspark.SparkContext
    gateway = context._gateway
    if gateway is None:
        return
    context._gateway = context._jvm = None
    with contextlib.suppress(Exception):  # already gone: nothing to shut
        gateway.shutdown()
    process = getattr(gateway, "proc", None)
    if process is None:
        return
    if process.stdin is not None:
        process.stdin.close()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
