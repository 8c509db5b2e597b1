"""Evidence dated after today (a typo's year, a server's clock): a pharmaceutical company's
CAPA mail dated 2027 was taken silently, and recency counted from it (a fresh evaluator's)."""

from __future__ import annotations

import time
from pathlib import Path

from conftest import make_service

MBOX = """From x@y Wed Jan  7 10:00:00 2026
From: David Chen <david.chen@valnord.example>
To: qa@valnord.example
Subject: CAPA effectiveness
Message-ID: <c1@valnord.example>
Date: Wed, 7 Jan 2026 10:00:00 +0000

CAPA effectiveness is checked 90 days after closure against the deviation's recurrence.

From x@y Wed Aug 25 10:00:00 2027
From: David Chen <david.chen@valnord.example>
To: qa@valnord.example
Subject: CAPA effectiveness check
Message-ID: <c2@valnord.example>
Date: Wed, 25 Aug 2027 10:00:00 +0000

CAPA effectiveness check: no recurrence in 90 days, closed.
"""


def test_an_item_dated_after_today_is_said_and_recency_counts_from_today(tmp_path: Path) -> None:
    path = tmp_path / "qa.mbox"
    path.write_text(MBOX, encoding="utf-8")
    service = make_service(tmp_path / "ws")
    report = service.ingest.ingest("mbox", path)
    assert report.items_added == 2
    notes = {note: count for note, count in report.notes.items() if "after today" in note}
    assert list(notes.values()) == [1], report.notes
    assert service.workspace.evidence().now <= time.time()
    service.close()
