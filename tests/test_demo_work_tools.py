"""The demo's Teams, Confluence, Jira and GitHub exports on their own find the designed experts.

A workspace holds the directory and only these four exports (no Q&A site, mail, Slack, documents
or git): the hidden expert, the Kafka holder and the consultant who holds EDI are found through
them alone, with evidence from them, and every account joins its directory entry."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from conftest import ingest_all, make_service
from whoknows.demo import SampleSource
from whoknows.services import Services

WORK_TOOLS = {"teams", "confluence", "jira", "github"}
BOTS = {"Azure Pipelines", "Automation for Jira", "dependabot[bot]", "github-actions[bot]"}


@pytest.fixture(scope="module")
def work_tools(
    sample_org: list[SampleSource], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Services]:
    sources = [s for s in sample_org if s.connector in WORK_TOOLS | {"people"}]
    assert {s.connector for s in sources} == WORK_TOOLS | {"people"}
    service = make_service(tmp_path_factory.mktemp("work-tools") / "workspace")
    ingest_all(service, sources)
    yield service
    service.close()


def test_every_account_joins_its_directory_entry(work_tools: Services) -> None:
    conn = work_tools.workspace.store().conn
    by_source = dict(conn.execute("SELECT source, COUNT(*) FROM items GROUP BY source"))
    assert by_source == {"teams": 25, "confluence": 17, "jira": 33, "github": 27}
    assert conn.execute("SELECT COUNT(*) FROM persons WHERE is_bot = 0").fetchone()[0] == 22
    ines = conn.execute(
        "SELECT COUNT(DISTINCT a.source) FROM aliases a JOIN persons p ON p.id = a.person_id"
        " WHERE p.display_name = 'Inès Moreau' AND a.kind = 'source_id'"
    ).fetchone()[0]
    assert ines >= 3  # Teams, Confluence and Jira accounts (GitHub joins by its handle)


def test_hidden_expert_is_found_through_the_work_tools(work_tools: Services) -> None:
    (top, *_) = work_tools.search.ask("kubernetes node drain helm", k=3)
    assert top.name == "Inès Moreau" and top.title == "Accounts Payable Specialist"
    sources = {e.source for e in top.evidence}
    assert sources and sources <= WORK_TOOLS
    assert {e.role for e in top.evidence} & {"replier", "author", "resolver"}


def test_kafka_consumer_lag_goes_to_aiko_not_to_derek(work_tools: Services) -> None:
    answers = work_tools.search.ask("kafka consumer lag", k=0)
    scores = {a.name: a.score for a in answers}
    assert answers[0].name == "Aiko Tanaka"
    assert {e.source for e in answers[0].evidence} <= WORK_TOOLS
    assert scores.get("Derek Hollis", 0.0) < 0.5 * scores["Aiko Tanaka"], "he only asks"


def test_edi_goes_to_the_consultant(work_tools: Services) -> None:
    (top, *_) = work_tools.search.ask("EDI carrier onboarding 214", k=3)
    assert top.name == "Olivia Grant"


def test_bots_and_system_events_never_answer(work_tools: Services) -> None:
    names = {
        a.name
        for question in (
            "deployment tracking-api succeeded",
            "bump confluent-kafka",
            "weekly digest",
        )
        for a in work_tools.search.ask(question, k=0)
    }
    assert not names & BOTS


def test_french_messages_count(work_tools: Services) -> None:
    answers = work_tools.search.ask("faire tourner les secrets sans redéployer", k=3)
    assert answers and answers[0].name == "Inès Moreau"
