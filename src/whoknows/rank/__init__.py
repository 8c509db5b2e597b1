"""Rankers: expertise models behind "who knows X?". Registered by name; plugins via entry points."""

from __future__ import annotations

from functools import lru_cache
from importlib.metadata import entry_points

from whoknows.errors import NotFoundError
from whoknows.rank.base import EvidenceVote, PersonScore, Query, Ranker
from whoknows.rank.evidence import EvidenceBase
from whoknows.rank.models import BUILTIN_RANKERS
from whoknows.settings import Settings

ENTRY_POINT_GROUP = "whoknows.rankers"
DEFAULT_RANKER = "learned"


@lru_cache(maxsize=1)
def rankers() -> dict[str, type[Ranker]]:
    found: dict[str, type[Ranker]] = {cls.name: cls for cls in BUILTIN_RANKERS}
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        found.setdefault(entry.name, entry.load())
    return found


def get_ranker(name: str = DEFAULT_RANKER, settings: Settings | None = None) -> Ranker:
    available = rankers()
    if name not in available:
        raise NotFoundError(
            f"unknown ranker {name!r}", f"choose one of: {', '.join(sorted(available))}"
        )
    return available[name](settings or Settings())


__all__ = [
    "DEFAULT_RANKER",
    "EvidenceBase",
    "EvidenceVote",
    "PersonScore",
    "Query",
    "Ranker",
    "get_ranker",
    "rankers",
]
