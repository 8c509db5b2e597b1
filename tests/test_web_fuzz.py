"""The whole JSON API fuzzed from its OpenAPI document, as each role and anonymously: no
generated request may get a 5xx (the big run is benchmarks/api_fuzz.py)."""

from __future__ import annotations

import pytest

pytest.importorskip("schemathesis")
from fuzzing import fuzz
from whoknows.demo import DEMO_USERS
from whoknows.web.app import create_app

pytestmark = pytest.mark.full  # a slower suite: the second test layer


def test_no_generated_request_gets_a_5xx(demo) -> None:
    for username, password, role, person in DEMO_USERS:
        demo.accounts.create(username, password, role, person)
    report = fuzz(create_app(demo, cookie_secure=True), examples=8)
    by_status: dict[int, int] = {}
    for (_, status), count in report.statuses.items():
        by_status[status] = by_status.get(status, 0) + count
    print(f"{report.requests} requests: {dict(sorted(by_status.items()))}")
    assert not report.server_errors, report.server_errors[:10]
    assert report.requests >= 250
