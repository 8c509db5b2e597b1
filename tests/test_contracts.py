"""Every registered connector and ranker keeps the contract of whoknows.testing (the same
functions a plug-in package calls from its own tests)."""

from __future__ import annotations

from pathlib import Path

import pytest

from whoknows.demo import SampleSource
from whoknows.ingest import connectors
from whoknows.rank import rankers
from whoknows.testing import check_connector, check_ranker

FIXTURES = Path(__file__).parent / "fixtures"
# connectors the sample organization has no export for are checked on their test fixtures
FIXTURE_INPUTS = {
    "gitlab": FIXTURES / "gitlab" / "platform",
}


def connector_input(name: str, sample_org: list[SampleSource]) -> Path:
    """The sample organization's export for ``name``, else its hand-built fixture folder."""
    exported = {source.connector: source.path for source in sample_org}
    path = exported.get(name) or FIXTURE_INPUTS.get(name) or FIXTURES / name
    if not path.exists():
        pytest.skip(f"no sample input for the {name} connector")
    return path


@pytest.mark.parametrize("name", sorted(connectors()))
def test_connector_contract(name: str, sample_org: list[SampleSource], tmp_path: Path) -> None:
    check_connector(connectors()[name], connector_input(name, sample_org), tmp_path)


@pytest.mark.parametrize("name", sorted(rankers()))
def test_ranker_contract(name: str, tmp_path: Path) -> None:
    check_ranker(rankers()[name], tmp_path)


def test_contracts_catch_a_broken_ranker(tmp_path: Path) -> None:
    """The ranker contract is not vacuous: a ranker that keeps serving a ranking made before
    an opt-out fails it."""
    from whoknows.rank import PersonScore, Query
    from whoknows.rank.evidence import EvidenceBase

    class Stale:
        name = "stale"
        description = "remembers its first answer to each query"

        def __init__(self, settings: object) -> None:
            self.inner = rankers()["lexical"](settings)  # type: ignore[arg-type]
            self.seen: dict[tuple[str, float | None], list[PersonScore]] = {}

        def rank(self, query: Query, evidence: EvidenceBase) -> list[PersonScore]:
            key = (query.text, query.since)
            found = self.seen.setdefault(
                key, self.inner.rank(Query(query.text, query.since, 0), evidence)
            )
            if query.among is not None:
                found = [p for p in found if p.person_id in query.among]
            return found[: query.k] if query.k else found

    with pytest.raises(AssertionError, match="opted-out people never appear"):
        check_ranker(Stale, tmp_path)  # type: ignore[arg-type]


def test_contracts_catch_a_ranker_that_returns_people_outside_among(tmp_path: Path) -> None:
    """A ranker asked for the visible people only must not return the others."""
    from whoknows.rank import PersonScore, Query
    from whoknows.rank.evidence import EvidenceBase

    class Everyone:
        name = "everyone"
        description = "ignores query.among"

        def __init__(self, settings: object) -> None:
            self.inner = rankers()["lexical"](settings)  # type: ignore[arg-type]

        def rank(self, query: Query, evidence: EvidenceBase) -> list[PersonScore]:
            return self.inner.rank(Query(query.text, query.since, query.k), evidence)

    with pytest.raises(AssertionError, match=r"only the people of query\.among"):
        check_ranker(Everyone, tmp_path)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["learned", "lexical", "hybrid", "hybrid-prior", "own-prior"])
def test_ranking_among_some_people_is_the_full_ranking_kept_to_them(demo, name: str) -> None:
    """A ranker that builds rows only for the people it may return (``scores_rows_alone``)
    ranks them as the full ranking does; a ranker of this package's base class that does not
    say so (here hybrid-prior's weights again, whose log_ columns are scaled by the
    candidates' best) is given every candidate."""
    import random

    import numpy as np

    from whoknows.rank import PersonScore, Query
    from whoknows.rank.combine import PRIOR_WEIGHTS, linear
    from whoknows.rank.features import CandidateSet
    from whoknows.rank.rankers import FeatureRanker

    class OwnPrior(FeatureRanker):
        def score(self, candidates: CandidateSet, evidence: object) -> np.ndarray:
            return linear(candidates, PRIOR_WEIGHTS)

    def shown(scored: PersonScore) -> tuple[int, float | None]:
        """Who, and an expert's score (a learner's is placed below the page's experts)."""
        return scored.person_id, None if scored.learner else scored.score

    settings = demo.workspace.settings
    ranker = OwnPrior(settings) if name == "own-prior" else rankers()[name](settings)
    evidence = demo.workspace.evidence()
    people = sorted(demo.workspace.visible_people())
    draw = random.Random(7)
    for text in ("kubernetes drain", "kafka consumer lag", "secrets vault gdpr", "EDI carrier"):
        everyone = ranker.rank(Query(text, None, 0), evidence)
        for size in (3, len(people) // 2, len(people)):
            among = frozenset(draw.sample(people, size))
            for k in (1, 3, 10):
                ranker.builder(evidence)._last.query = None  # no candidate set from before
                kept = [p for p in everyone if p.person_id in among][:k]
                got = ranker.rank(Query(text, None, k, among=among), evidence)
                assert [shown(p) for p in got] == [shown(p) for p in kept], (text, size, k)
