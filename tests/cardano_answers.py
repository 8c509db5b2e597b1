"""What a workspace answers on se-cardano: each ranker's top 10 per query and the insights, as
plain JSON. ``tests/test_same_answers.py`` compares them with the answers saved before the
serving side moved to columns and a nearest-neighbour index (tests/fixtures/cardano-answers).

    PYTHONPATH=src python tests/cardano_answers.py OUT.json [--lexical-only]

writes them for the code on PYTHONPATH (how the saved answers were made).
"""

from __future__ import annotations

import dataclasses
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from whoknows.eval.inputs import read_queries
from whoknows.services import Services, open_services
from whoknows.settings import load_settings

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench" / "se-cardano"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "cardano-answers"
TOPICS = ("plutus", "wallet", "smart-contract", "cardano-cli", "stake-pool", "nft", "staking")
FULL_RANKERS = ("learned", "lexical", "dense", "hybrid", "hybrid-prior")
LEXICAL_RANKERS = ("lexical", "hybrid-prior")


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _plain(dataclasses.asdict(value))
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, float):
        return round(value, 6)
    return value


def runs(service: Services, rankers: tuple[str, ...], folder: Path) -> dict[str, Any]:
    """Per ranker, per query: the labels of the top 10, best first."""
    queries = read_queries(BENCH / "queries.tsv")
    found: dict[str, Any] = {}
    for ranker in rankers:
        path = folder / f"{ranker}.run"
        service.search.ask_batch(queries, path, k=10, label_by="stackexchange", ranker=ranker)
        top: dict[str, list[str]] = {query_id: [] for query_id, _ in queries}
        for line in path.read_text(encoding="utf-8").splitlines():
            query_id, _, label, _, _, _ = line.split()
            top[query_id].append(label)
        found[ranker] = top
    return found


def insights(service: Services) -> dict[str, Any]:
    network = service.insights.network()
    people = [str(hub.person_id) for hub in network.hubs[:3]]
    return _plain(
        {
            "network": network,
            "gaps": service.insights.gaps(),
            "hidden": {t: service.insights.hidden_experts(t) for t in TOPICS},
            "topic": {t: service.insights.topic_map(t) for t in TOPICS},
            "profiles": {p: service.insights.profile(p) for p in people},
            "claims": service.insights.claims(people[0]) if people else [],
        }
    )


def answers(workspace: Path, full: bool) -> dict[str, Any]:
    """Ingest the bench's corpus into ``workspace`` and collect every answer."""
    settings = load_settings(environ={}, workspace=workspace, dense=full, learn=full)
    service = open_services(settings)
    try:
        service.ingest.ingest("stackexchange", BENCH / "corpus")
        rankers = FULL_RANKERS if full else LEXICAL_RANKERS
        return {"runs": runs(service, rankers, workspace / "runs"), "insights": insights(service)}
    finally:
        service.close()


def main() -> int:
    out = Path(sys.argv[1])
    with tempfile.TemporaryDirectory() as folder:
        found = answers(Path(folder) / "ws", full="--lexical-only" not in sys.argv)
    out.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
