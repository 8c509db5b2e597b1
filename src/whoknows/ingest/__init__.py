"""Connectors: parse real exports into records. Registered by name; plugins via entry points."""

from __future__ import annotations

from functools import lru_cache
from importlib.metadata import entry_points

from whoknows.errors import NotFoundError
from whoknows.ingest.base import Connector, ConnectorOption, IngestContext, SkippedInput

ENTRY_POINT_GROUP = "whoknows.connectors"


def _builtin() -> dict[str, type[Connector]]:
    from whoknows.ingest.confluence import ConfluenceConnector
    from whoknows.ingest.discourse import DiscourseConnector
    from whoknows.ingest.docs import DocsConnector
    from whoknows.ingest.git import GitConnector
    from whoknows.ingest.github import GithubConnector
    from whoknows.ingest.gitlab import GitlabConnector
    from whoknows.ingest.googlechat import GoogleChatConnector
    from whoknows.ingest.jira import JiraConnector
    from whoknows.ingest.jsonl import JsonlConnector
    from whoknows.ingest.mail import MaildirConnector, MboxConnector
    from whoknows.ingest.outlook import OutlookConnector
    from whoknows.ingest.people import PeopleConnector
    from whoknows.ingest.slack import SlackConnector
    from whoknows.ingest.stackexchange import StackExchangeConnector
    from whoknows.ingest.teams import TeamsConnector

    classes: list[type[Connector]] = [
        StackExchangeConnector,
        MboxConnector,
        MaildirConnector,
        OutlookConnector,
        SlackConnector,
        TeamsConnector,
        GoogleChatConnector,
        DiscourseConnector,
        DocsConnector,
        GitConnector,
        ConfluenceConnector,
        JiraConnector,
        GithubConnector,
        GitlabConnector,
        JsonlConnector,
        PeopleConnector,
    ]
    return {cls.name: cls for cls in classes}


@lru_cache(maxsize=1)
def connectors() -> dict[str, type[Connector]]:
    """Every available connector by name: the built-in ones, then installed plugins."""
    found = _builtin()
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        found.setdefault(entry.name, entry.load())
    return found


def get_connector(name: str) -> Connector:
    available = connectors()
    if name not in available:
        raise NotFoundError(
            f"unknown connector {name!r}", f"choose one of: {', '.join(sorted(available))}"
        )
    return available[name]()


__all__ = [
    "Connector",
    "ConnectorOption",
    "IngestContext",
    "SkippedInput",
    "connectors",
    "get_connector",
]
