"""One workspace: its store, and the derived structures every service reads, cached by the
store generation they were built from.

Concurrency (the web app calls services from many threads, and several processes may share a
workspace):

- The :class:`~whoknows.store.Store` gives each thread its own SQLite connection and keeps
  writes one at a time (a writer lock here, ``BEGIN IMMEDIATE`` across processes).
- Index builds are one at a time per workspace (:class:`BuildLock`: a thread lock and a file
  lock). A reader that finds the store newer than its evidence base keeps answering from the
  one it has while another thread or process builds; only a reader with nothing to serve
  waits. The new evidence base is swapped in whole, once built and warmed.
- Shared across threads, read-only once published: the evidence base (with the caches built
  inside it before publishing: the feature builder, the dense search matrix of a workspace
  small enough to scan), the topic space (built once under a lock per evidence base) and the visible
  people of a generation. The few caches that fill on use (the feature builder's per-moment
  priors, the topic space's per-topic evidence) only ever add entries computed from read-only
  data, so a race computes an entry twice, never a wrong one.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar, cast

import numpy as np

from whoknows.accounts import ACCOUNTS
from whoknows.comments import COMMENTS
from whoknows.engage.model import ENGAGEMENTS
from whoknows.errors import IndexStateError
from whoknows.forking import background_priority
from whoknows.i18n import N_
from whoknows.identity.rekey import IDENTITY
from whoknows.privacy import MentionMatcher, opted_out_matcher
from whoknows.progress import Progress, SilentProgress
from whoknows.routing import ROUTING
from whoknows.services._locks import BuildLock
from whoknows.services._refresh import BackgroundRefresh
from whoknows.services.throttle import THROTTLE
from whoknows.settings import ENV_PREFIX, Settings
from whoknows.store import Store, persons
from whoknows.store.jobs import JOBS
from whoknows.store.schema import EVIDENCE, MigrationSet

if TYPE_CHECKING:
    import sqlite3

    from whoknows.index.embedders import Embedder
    from whoknows.insights.directory import Directory
    from whoknows.insights.topics import TopicSpace
    from whoknows.pipeline import IndexStats
    from whoknows.pipeline.engine import IngestEngine
    from whoknows.rank import EvidenceBase

# every feature's tables, in the order their migrations apply
MIGRATIONS: tuple[MigrationSet, ...] = (
    EVIDENCE,
    IDENTITY,
    ACCOUNTS,
    COMMENTS,
    ENGAGEMENTS,
    ROUTING,
    JOBS,
    THROTTLE,
)
T = TypeVar("T")
BUILD_LOCK = ".build.lock"
log = logging.getLogger(__name__)


class _SerializedEmbedder:
    """An embedder whose calls take turns (the model's lazy loading is not thread-safe)."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name = inner.name
        self.revision = inner.revision
        self.dimensions = inner.dimensions
        self._lock = threading.Lock()

    def embed(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            return self.inner.embed(texts)


class Workspace:
    """The store plus caches keyed by generation; :meth:`invalidate` drops them.

    Services hold one workspace and never cache derived data themselves: whatever they need
    across calls (the evidence base, the topic space) is asked for here, so a write that bumps
    the generation is seen by every service at once.

    ``stale_reads`` (the web server sets it): a reader never builds; it keeps the evidence
    base it has and starts one background refresh. Otherwise a reader builds when nobody else
    is building (the CLI, tests: each read sees the latest write).
    """

    def __init__(self, settings: Settings, progress: Progress | None = None) -> None:
        self.settings = settings
        self.progress: Progress = progress or SilentProgress()
        self.stale_reads = False
        self._build_in_child = False
        self._store: Store | None = None
        self._lock = threading.Lock()  # guards the fields below (held briefly, never nested)
        self._evidence: tuple[int, EvidenceBase] | None = None
        self._topics: tuple[EvidenceBase, TopicSpace] | None = None
        self._visible: tuple[int, frozenset[int]] | None = None
        self._hidden: tuple[int, MentionMatcher] | None = None
        self._per_generation: dict[str, tuple[int, object]] = {}
        self._refresher = BackgroundRefresh(self._refresh_with_lock)
        self._topic_lock = threading.Lock()
        self._build = BuildLock(settings.workspace / BUILD_LOCK)

    # -- the store -------------------------------------------------------------------------
    def store(self, create: bool = False) -> Store:
        with self._lock:
            if self._store is None:
                self._store = Store(self.settings.workspace, create=create, migrations=MIGRATIONS)
            return self._store

    def generation(self) -> int:
        return self.store().generation()

    def close(self) -> None:
        self._refresher.join()  # (it reads through the store being closed)
        with self._lock:
            store, self._store = self._store, None
        if store is not None:
            store.close()
        self.invalidate()

    def serve(self) -> None:
        """Serving mode (the web app): readers never wait for a build (``stale_reads``), and
        index builds run in a lower-priority child process, so this process's request threads
        keep the interpreter lock and the CPU while a reindex runs."""
        self.stale_reads = True
        self._build_in_child = True
        self._build.files = False  # the child takes the file lock itself

    # -- caches ----------------------------------------------------------------------------
    def invalidate(self) -> None:
        """Forget every derived structure (they are rebuilt on next use)."""
        with self._lock:
            self._evidence = self._topics = self._visible = self._hidden = None

    def building(self) -> BuildLock:
        """Hold it around a write and the reindex after it: readers keep the previous
        generation meanwhile instead of starting a build of their own."""
        return self._build

    # -- derived structures ----------------------------------------------------------------
    def reindex(self, retrain: bool = True, engine: IngestEngine | None = None) -> IndexStats:
        """Rebuild every derived index (lexical, dense, learned model) from the store, then
        swap in the new evidence base if one is being served. ``retrain=False`` (after an
        ingest or an erasure) keeps the learned model while little new history arrived;
        ``engine`` counts the terms and embeds (the ingest's; by default this process)."""
        started = time.monotonic()
        with self._build:
            store = self.store()
            with store.snapshot() as conn:
                generation = store.generation()
                stats = self._build_files(conn, generation, retrain, engine)
                evidence = None
                if self._evidence is not None:
                    evidence = self._load(conn, generation)
                if evidence is not None:
                    self._publish(generation, evidence, conn)
            if evidence is None and not self.stale_reads:
                self.invalidate()  # (serving keeps what it has: readers refresh it later)
        stats.seconds = round(time.monotonic() - started, 3)
        return stats

    def evidence(self) -> EvidenceBase:
        """The evidence base of the current generation, rebuilding stale indexes first; the
        previous one while another thread or process builds (see the class docstring)."""
        generation = self.generation()
        current = self._evidence
        if current is not None:
            if current[0] == generation:
                return current[1]
            if self.stale_reads:
                self._refresher.start()
                self._refresher.wait_briefly()
                latest = self._evidence  # (read once: another thread may swap it meanwhile)
                return latest[1] if latest is not None else current[1]
            if not self._build.acquire(blocking=False):
                return current[1]
        else:
            self._build.acquire()
        try:
            return self._refresh()
        finally:
            self._build.release()

    def _refresh(self) -> EvidenceBase:
        """Load (or build, then load) the current generation; call with the build lock."""
        store = self.store()
        with store.snapshot() as conn:
            generation = store.generation()
            current = self._evidence
            if current is not None and current[0] == generation:
                return current[1]  # built by whoever held the lock before us
            evidence = self._load(conn, generation)
            if evidence is None and self._build_in_child:
                self._build.wait_for_files()  # another process may be building this one
                evidence = self._load(conn, generation)
            if evidence is None:
                started = time.monotonic()
                self._build_files(conn, generation)
                log.info("reindexed in %.1f s", time.monotonic() - started)
                evidence = self._load(conn, generation)
            if evidence is None:  # the child built a newer generation than our snapshot
                if current is not None:
                    return current[1]  # the next read refreshes again
                raise IndexStateError(
                    N_("the indexes did not load"),
                    N_("run `whoknows reindex`"),
                    where=str(self.settings.workspace),
                )
            self._publish(generation, evidence, conn)
        return evidence

    def _refresh_with_lock(self) -> None:
        with self._build:
            self._refresh()

    def _build_files(
        self,
        conn: sqlite3.Connection,
        generation: int,
        retrain: bool = False,
        engine: IngestEngine | None = None,
    ) -> IndexStats:
        if self._build_in_child:  # (a server's child process builds locally)
            return self._build_in_child_process(retrain)
        from whoknows.pipeline import rebuild

        return rebuild(
            conn,
            self.settings.workspace,
            generation,
            self.settings,
            self.progress,
            retrain,
            engine,
        )

    def _build_in_child_process(self, retrain: bool) -> IndexStats:
        """``whoknows reindex`` in a child process at a lower priority, with these settings."""
        environment = {
            ENV_PREFIX + name.upper(): str(value).lower() if isinstance(value, bool) else str(value)
            for name, value in ((n, getattr(self.settings, n)) for n, _, _ in Settings.documented())
        }
        command = [*background_priority(), sys.executable]
        command += ["-m", "whoknows.cli", "--quiet", "reindex", "--json"]
        command += [] if retrain else ["--keep-model"]
        done = subprocess.run(
            command, capture_output=True, text=True, check=False, env={**os.environ, **environment}
        )
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["no message"])[-1]
            raise IndexStateError(
                N_("the reindex failed: %(error)s"), N_("run `whoknows reindex`"), error=last
            )
        from whoknows.pipeline import IndexStats

        return IndexStats(**json.loads(done.stdout))

    def _load(self, conn: sqlite3.Connection, generation: int) -> EvidenceBase | None:
        from whoknows.pipeline import open_evidence

        evidence = open_evidence(conn, self.settings.workspace, generation, self.settings)
        if evidence is not None:
            self._warm(evidence)
        return evidence

    def _warm(self, evidence: EvidenceBase) -> None:
        """Build the structures the evidence base would otherwise build on first use, before
        any other thread can see it."""
        from whoknows.rank.rankers import FeatureRanker

        FeatureRanker(self.settings).builder(evidence)
        if evidence.embedder is not None:
            evidence.embedder = _SerializedEmbedder(evidence.embedder)
        if not self.stale_reads:
            return  # a command: what it needs is built when it needs it (a fast cold start)
        if evidence.model is not None:
            _ = evidence.model.usable  # reads the booster now: no request waits for it
        if evidence.embedder is not None:
            evidence.embed_query("warm up")  # loads the model: no query waits for it
        if evidence.dense is not None:
            evidence.dense.warm()

    def _publish(self, generation: int, evidence: EvidenceBase, conn: sqlite3.Connection) -> None:
        """Swap in a new evidence base; when serving, with its topic space built (from the
        same snapshot) so that no page pays for it."""
        space = self._make_topic_space(conn, evidence) if self.stale_reads else None
        with self._lock:
            current = self._evidence
            if current is None or current[0] <= generation:
                self._evidence = (generation, evidence)
                if space is not None:
                    self._topics = (evidence, space)

    def visible_people(self) -> frozenset[int]:
        """The people who may appear in results now (not bots, not opted out, not erased),
        read fresh for each generation even while an older evidence base is served."""
        store = self.store()
        generation = store.generation()
        current = self._visible
        if current is not None and current[0] == generation:
            return current[1]
        people = frozenset(persons.visible_ids(store.conn))
        with self._lock:
            self._visible = (generation, people)
        return people

    def per_generation(self, key: str, build: Callable[[sqlite3.Connection], T]) -> T:
        """``build(conn)``, computed once per store generation (small lookups that every page
        shows, such as the filter lists)."""
        generation = self.generation()
        found = self._per_generation.get(key)
        if found is not None and found[0] == generation:
            return cast(T, found[1])
        value = build(self.store().conn)
        with self._lock:
            self._per_generation[key] = (generation, value)
        return value

    def hidden_mentions(self) -> MentionMatcher:
        """Masks mentions of people who opted out in the text shown to others, per generation."""
        generation = self.generation()
        current = self._hidden
        if current is not None and current[0] == generation:
            return current[1]
        matcher = opted_out_matcher(self.store().conn)
        with self._lock:
            self._hidden = (generation, matcher)
        return matcher

    def topic_space(self) -> TopicSpace:
        """The topic space of the evidence base served now, built once by one thread."""
        evidence = self.evidence()
        current = self._topics
        if current is not None and current[0] is evidence:
            return current[1]
        with self._topic_lock:
            current = self._topics
            if current is not None and current[0] is evidence:
                return current[1]
            space = self._make_topic_space(self.store().conn, evidence)
            with self._lock:
                self._topics = (evidence, space)
        return space

    def _make_topic_space(self, conn: sqlite3.Connection, evidence: EvidenceBase) -> TopicSpace:
        """A topic space (over the topic index of the same generation, when there is one)
        with its lazy totals computed before any other thread sees it."""
        from whoknows.insights.topics import TopicSpace
        from whoknows.insights.vocabulary import TopicIndex
        from whoknows.pipeline.build import TOPICS

        try:
            index: TopicIndex | None = TopicIndex.load(self.settings.workspace / TOPICS)
        except IndexStateError:
            index = None
        space = TopicSpace(conn, evidence, index)
        if self.stale_reads:
            _ = space.totals
        return space

    def directory(self) -> Directory:
        """Visible people (bots and opted-out people are absent), read once per generation
        (an opt-out, an erasure or an ingest bumps it)."""
        from whoknows.insights.directory import Directory

        return self.per_generation("directory", Directory)
