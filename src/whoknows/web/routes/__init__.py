"""The page routes, one module per area; each exposes ``router``."""

from whoknows.web.routes import (
    admin,
    analysis,
    auth,
    engagements,
    jobs,
    people,
    privacy,
    search,
)

ROUTERS = tuple(
    module.router for module in (auth, search, people, analysis, privacy, admin, engagements, jobs)
)

__all__ = ["ROUTERS"]
