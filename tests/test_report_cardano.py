"""The deliverable of an engagement on the whole Cardano Stack Exchange workspace in at most
20 seconds (slow: run with `pytest -m slow`; skipped without ../shared)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from conftest import CARDANO_DATA, make_service
from whoknows.report import write_report

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CARDANO_DATA.exists(), reason="../shared data not present"),
]


def test_report_on_the_cardano_workspace_in_twenty_seconds(tmp_path: Path) -> None:
    service = make_service(tmp_path / "workspace", dense=False, learn=False)
    service.ingest.ingest("stackexchange", CARDANO_DATA)
    holders = service.insights.topic_map("plutus").holders
    consultant = str(holders[0].person_id)
    service.engagements.create(
        "Smart contracts",
        ["plutus", "cardano-cli", "staking", "wallet"],
        [consultant],
        start="2022-01-01",
        end="2022-06-30",
        client="Cardano community",
    )
    for holder in holders[1:4]:
        service.engagements.set_consent("Smart contracts", str(holder.person_id), "yes")
    started = time.perf_counter()
    files = write_report(service, "Smart contracts", tmp_path / "out", "fr", "2022-07-01")
    elapsed = time.perf_counter() - started
    service.close()
    assert files.pdf.stat().st_size > 10_000 and files.pptx.exists()
    assert elapsed <= 20, f"{elapsed:.1f} s"
