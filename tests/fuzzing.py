"""Property-based fuzzing of the JSON API from its OpenAPI document (schemathesis), as each
role and anonymously: every generated request is sent, and its status recorded; a 5xx is a
failure. Used by tests/test_web_fuzz.py (a few hundred requests) and benchmarks/api_fuzz.py
(thousands)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings

from whoknows.demo import DEMO_USERS

ROLES = {"admin": "admin", "consultant": "consultant", "viewer": "viewer", "self": "ines"}
PASSWORDS = {user: password for user, password, _, _ in DEMO_USERS}


@dataclass
class FuzzReport:
    statuses: Counter[tuple[str, int]] = field(default_factory=Counter)
    server_errors: list[str] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return sum(self.statuses.values())


def log_in(app: object, username: str) -> tuple[dict[str, str], str]:
    """The session cookie and CSRF token of ``username``."""
    browser = TestClient(app, base_url="https://testserver")  # type: ignore[arg-type]
    answer = browser.post(
        "/api/login", json={"username": username, "password": PASSWORDS[username]}
    )
    assert answer.status_code == 200, answer.text
    return dict(browser.cookies), str(answer.json()["csrf"])


def fuzz(app: object, examples: int, seed: int = 0) -> FuzzReport:
    """``examples`` generated requests per operation, per role (and anonymously)."""
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    report = FuzzReport()
    identities: dict[str, tuple[dict[str, str], str | None]] = {"anonymous": ({}, None)}
    for role, username in ROLES.items():
        identities[role] = log_in(app, username)
    for result in schema.get_all_operations():
        operation = result.ok()
        for role, (cookies, token) in identities.items():
            if operation.path == "/api/logout" and role != "anonymous":
                continue  # it would end the session the other requests use
            _fuzz_operation(operation, role, cookies, token, examples, seed, report)
    return report


def _fuzz_operation(
    operation: object,
    role: str,
    cookies: dict[str, str],
    token: str | None,
    examples: int,
    seed: int,
    report: FuzzReport,
) -> None:
    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=seed == 0,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())  # type: ignore[attr-defined]
    def run(case: object) -> None:
        headers = {"X-CSRF-Token": token} if token and case.method == "POST" else None  # type: ignore[attr-defined]
        response = case.call(cookies=cookies, headers=headers)  # type: ignore[attr-defined]
        report.statuses[(role, response.status_code)] += 1
        if response.status_code >= 500:
            report.server_errors.append(
                f"{role} {case.method} {case.formatted_path} {case.query} {case.body!r}"  # type: ignore[attr-defined]
                f" -> {response.status_code}"
            )

    run()
