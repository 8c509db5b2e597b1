"""Fuzz the whole JSON API from its OpenAPI document as each role and anonymously (the big
run; tests/test_web_fuzz.py is the small one). Writes benchmarks/results/api_fuzz.json.

    .venv/bin/python benchmarks/api_fuzz.py [EXAMPLES_PER_OPERATION_AND_ROLE]

It uses the test suite's helpers (tests/conftest.py, tests/fuzzing.py), found next to it.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from conftest import ingest_all, make_service
from fuzzing import fuzz
from whoknows.demo import DEMO_USERS, write_sample_org
from whoknows.web.app import create_app

RESULTS = Path(__file__).parent / "results" / "api_fuzz.json"


def main(examples: int) -> int:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        service = make_service(root / "workspace")
        ingest_all(service, write_sample_org(root / "org"))
        for username, password, role, person in DEMO_USERS:
            service.accounts.create(username, password, role, person)
        started = time.perf_counter()
        report = fuzz(create_app(service, cookie_secure=True), examples, seed=0)
        elapsed = time.perf_counter() - started
        service.close()
    by_role: dict[str, dict[str, int]] = {}
    for (role, status), count in sorted(report.statuses.items()):
        by_role.setdefault(role, {})[str(status)] = count
    result = {
        "examples_per_operation_and_role": examples,
        "requests": report.requests,
        "seconds": round(elapsed, 1),
        "server_errors": report.server_errors,
        "statuses_by_role": by_role,
    }
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 1 if report.server_errors else 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 40))
