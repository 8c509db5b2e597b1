"""The service layer every surface calls (CLI, web pages, JSON API, reports, demo).

One :class:`Workspace` (the store and caches keyed by generation) is held by small services,
each with one area: ingest, people, search, insights, engagements, privacy, accounts,
comments, background jobs. :func:`open_services` wires them; surfaces never reach into the
store themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

from whoknows.progress import Progress
from whoknows.services.accounts import AccountService
from whoknows.services.comments import CommentService
from whoknows.services.engagements import Audience, EngagementService
from whoknows.services.ingest import IngestService
from whoknows.services.insights import InsightsService
from whoknows.services.jobs import JobService
from whoknows.services.people import PeopleService
from whoknows.services.privacy import PrivacyService
from whoknows.services.routing import RoutingService
from whoknows.services.search import SearchService
from whoknows.services.workspace import Workspace
from whoknows.settings import Settings


@dataclass
class Services:
    workspace: Workspace
    ingest: IngestService
    people: PeopleService
    search: SearchService
    insights: InsightsService
    engagements: EngagementService
    privacy: PrivacyService
    accounts: AccountService
    comments: CommentService
    jobs: JobService
    routing: RoutingService

    @property
    def settings(self) -> Settings:
        return self.workspace.settings

    def close(self) -> None:
        self.jobs.stop()
        self.workspace.close()


def open_services(settings: Settings, progress: Progress | None = None) -> Services:
    """Every service over one workspace (nothing is opened until a service needs it)."""
    workspace = Workspace(settings, progress)
    people = PeopleService(workspace)
    insights = InsightsService(workspace, people)
    privacy = PrivacyService(workspace, people)
    ingest = IngestService(workspace)
    search = SearchService(workspace, people)
    return Services(
        workspace=workspace,
        ingest=ingest,
        people=people,
        search=search,
        insights=insights,
        engagements=EngagementService(workspace, people, insights),
        privacy=privacy,
        accounts=AccountService(workspace, people, privacy),
        comments=CommentService(workspace, privacy),
        jobs=JobService(workspace, people, privacy, ingest),
        routing=RoutingService(workspace, people, search),
    )


__all__ = ["Audience", "Services", "Workspace", "open_services"]
