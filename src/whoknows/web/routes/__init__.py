"""The page routes, one module per area; each exposes ``router``."""

from whoknows.web.routes import (
    admin,
    analysis,
    auth,
    engagements,
    integrations,  # chat: Slack and Teams (no session, signed)
    jobs,
    people,
    privacy,
    search,
)

ROUTERS = tuple(
    module.router
    for module in (auth, search, people, analysis, privacy, admin, engagements, integrations, jobs)
)

__all__ = ["ROUTERS"]
