"""One workspace: its store, and the derived structures every service reads, cached by the
store generation they were built from."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from whoknows.accounts import ACCOUNTS
from whoknows.comments import COMMENTS
from whoknows.engage.model import ENGAGEMENTS
from whoknows.privacy import MentionMatcher, opted_out_matcher
from whoknows.progress import Progress, SilentProgress
from whoknows.routing import ROUTING
from whoknows.settings import Settings
from whoknows.store import Store
from whoknows.store.schema import EVIDENCE, MigrationSet

if TYPE_CHECKING:
    from whoknows.insights.directory import Directory
    from whoknows.insights.topics import TopicSpace
    from whoknows.rank import EvidenceBase

# every feature's tables, in the order their migrations apply
MIGRATIONS: tuple[MigrationSet, ...] = (EVIDENCE, ACCOUNTS, COMMENTS, ENGAGEMENTS, ROUTING)


class Workspace:
    """The store plus caches keyed by generation; :meth:`invalidate` drops them.

    Services hold one workspace and never cache derived data themselves: whatever they need
    across calls (the evidence base, the topic space) is asked for here, so a write that bumps
    the generation is seen by every service at once.
    """

    def __init__(self, settings: Settings, progress: Progress | None = None) -> None:
        self.settings = settings
        self.progress: Progress = progress or SilentProgress()
        self._store: Store | None = None
        self._cache: dict[str, tuple[int, Any]] = {}

    # -- the store -------------------------------------------------------------------------
    def store(self, create: bool = False) -> Store:
        if self._store is None:
            self._store = Store(self.settings.workspace, create=create, migrations=MIGRATIONS)
        return self._store

    def generation(self) -> int:
        return self.store().generation()

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
        self._cache.clear()

    # -- caches ----------------------------------------------------------------------------
    def invalidate(self) -> None:
        """Forget every derived structure (they are rebuilt on next use)."""
        self._cache.clear()

    def _cached(self, name: str) -> Any | None:
        entry = self._cache.get(name)
        if entry is not None and entry[0] == self.generation():
            return entry[1]
        return None

    def _remember(self, name: str, value: Any) -> None:
        self._cache[name] = (self.generation(), value)

    # -- derived structures ----------------------------------------------------------------
    def reindex(self) -> dict[str, object]:
        """Rebuild every derived index (lexical, dense, learned model) from the store."""
        import time

        from whoknows.pipeline import rebuild

        store = self.store()
        started = time.monotonic()
        stats = rebuild(
            store.conn, self.settings.workspace, store.generation(), self.settings, self.progress
        ).as_dict()
        stats["seconds"] = round(time.monotonic() - started, 3)
        self.invalidate()
        return stats

    def evidence(self) -> EvidenceBase:
        """The evidence base of the current generation, rebuilding stale indexes first."""
        from whoknows.pipeline import open_evidence as load_evidence

        cached: EvidenceBase | None = self._cached("evidence")
        if cached is not None:
            return cached
        store = self.store()
        generation = store.generation()
        workspace = self.settings.workspace
        evidence = load_evidence(store.conn, workspace, generation, self.settings)
        if evidence is None:
            self.reindex()
            evidence = load_evidence(store.conn, workspace, generation, self.settings)
            assert evidence is not None
        self._remember("evidence", evidence)
        return evidence

    def topic_space(self) -> TopicSpace:
        from whoknows.insights.topics import TopicSpace

        cached = self._cached("topic_space")
        if cached is None:
            cached = TopicSpace(self.store().conn, self.evidence())
            self._remember("topic_space", cached)
        return cached

    def directory(self) -> Directory:
        """Visible people (bots and opted-out people are absent), read fresh each call."""
        from whoknows.insights.directory import Directory

        return Directory(self.store().conn)

    def hidden_mentions(self) -> MentionMatcher:
        """Masks mentions of people who opted out in the text shown to others."""
        cached = self._cached("hidden_mentions")
        if cached is None:
            cached = opted_out_matcher(self.store().conn)
            self._remember("hidden_mentions", cached)
        return cached
