"""Insights on the real Cardano Stack Exchange dump (skipped without ../shared)."""

from __future__ import annotations

import time

import pytest

from conftest import CARDANO_DATA, make_service

pytestmark = [
    pytest.mark.full,
    pytest.mark.skipif(not CARDANO_DATA.exists(), reason="../shared data not present"),
]


@pytest.fixture(scope="module")
def cardano(tmp_path_factory):
    service = make_service(tmp_path_factory.mktemp("cardano"), dense=False, learn=False)
    service.ingest.ingest("stackexchange", CARDANO_DATA)
    yield service
    service.close()


def test_about_me_becomes_claims_and_reputation_recognition(cardano) -> None:
    started = time.monotonic()
    rows = cardano.insights.claims()
    assert time.monotonic() - started < 60
    from_profiles = [r for r in rows if "stackexchange profile" in r.claimed_in]
    assert len({r.person_id for r in from_profiles}) > 50
    states = {r.state for r in rows}
    assert {"claimed", "evidenced", "hidden"} <= states


def test_topic_hidden_network_in_seconds(cardano) -> None:
    for call in (
        lambda: cardano.insights.topic_map("plutus"),
        lambda: cardano.insights.hidden_experts("wallet"),
        cardano.insights.gaps,
        cardano.insights.network,
    ):
        started = time.monotonic()
        result = call()
        assert time.monotonic() - started < 10
        assert result
    plutus = cardano.insights.topic_map("plutus")
    assert plutus.bus_factor >= 3 and plutus.holders
    hidden = cardano.insights.hidden_experts("wallet")
    for row in hidden.hidden_experts:
        assert row.role_fit is None and row.formal is not None  # no directory: reputation
        assert row.recognition <= 0.5
