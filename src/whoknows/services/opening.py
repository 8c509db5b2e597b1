"""The services of one workspace, wired together (:func:`open_services`).

Each service is made (and its module imported) the first time it is asked for: `whoknows ask`
loads the search service and what it needs, not the engagements, the network analysis or the
report machinery.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar, cast

from whoknows.progress import Progress
from whoknows.services.workspace import Workspace
from whoknows.settings import Settings

T = TypeVar("T")

if TYPE_CHECKING:
    from whoknows.services.accounts import AccountService
    from whoknows.services.comments import CommentService
    from whoknows.services.engagements import EngagementService
    from whoknows.services.ingest import IngestService
    from whoknows.services.insights import InsightsService
    from whoknows.services.jobs import JobService
    from whoknows.services.people import PeopleService
    from whoknows.services.privacy import PrivacyService
    from whoknows.services.routing import RoutingService
    from whoknows.services.search import SearchService


class Services:
    """One workspace and its services; each made once, on first use, by any thread."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._made: dict[str, object] = {}
        self._making = threading.RLock()  # two threads asking at once get the same service

    def _once(self, name: str, make: Callable[[], T]) -> T:
        with self._making:
            if name not in self._made:
                self._made[name] = make()
            return cast(T, self._made[name])

    @property
    def settings(self) -> Settings:
        return self.workspace.settings

    @property
    def people(self) -> PeopleService:
        from whoknows.services.people import PeopleService

        return self._once("people", lambda: PeopleService(self.workspace))

    @property
    def search(self) -> SearchService:
        from whoknows.services.search import SearchService

        return self._once("search", lambda: SearchService(self.workspace, self.people))

    @property
    def ingest(self) -> IngestService:
        from whoknows.services.ingest import IngestService

        return self._once("ingest", lambda: IngestService(self.workspace))

    @property
    def insights(self) -> InsightsService:
        from whoknows.services.insights import InsightsService

        return self._once(
            "insights", lambda: InsightsService(self.workspace, self.people, self.search.bridges)
        )

    @property
    def privacy(self) -> PrivacyService:
        from whoknows.services.privacy import PrivacyService

        return self._once("privacy", lambda: PrivacyService(self.workspace, self.people))

    @property
    def engagements(self) -> EngagementService:
        from whoknows.services.engagements import EngagementService

        return self._once(
            "engagements", lambda: EngagementService(self.workspace, self.people, self.insights)
        )

    @property
    def accounts(self) -> AccountService:
        from whoknows.services.accounts import AccountService

        return self._once(
            "accounts", lambda: AccountService(self.workspace, self.people, self.privacy)
        )

    @property
    def comments(self) -> CommentService:
        from whoknows.services.comments import CommentService

        return self._once("comments", lambda: CommentService(self.workspace, self.privacy))

    @property
    def jobs(self) -> JobService:
        from whoknows.services.jobs import JobService

        return self._once(
            "jobs", lambda: JobService(self.workspace, self.people, self.privacy, self.ingest)
        )

    @property
    def routing(self) -> RoutingService:
        from whoknows.services.routing import RoutingService

        return self._once(
            "routing", lambda: RoutingService(self.workspace, self.people, self.search)
        )

    def close(self) -> None:
        if "jobs" in self._made:
            self.jobs.stop()
        self.workspace.close()


def open_services(settings: Settings, progress: Progress | None = None) -> Services:
    """Every service over one workspace (nothing is opened until a service needs it)."""
    return Services(Workspace(settings, progress))
