"""All settings of whoknows, in one place, with their defaults and documentation.

Nothing here reads the environment on import: :func:`load_settings` does, when a command runs.
`docs/settings.md` is checked against this table by the tests.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

ENV_PREFIX = "WHOKNOWS_"


def _setting(default: Any, help_text: str) -> Any:
    return field(default=default, metadata={"help": help_text})


@dataclass(frozen=True)
class Settings:
    workspace: Path = _setting(
        Path("whoknows-data"), "Workspace folder holding the SQLite store and derived indexes."
    )
    default_k: int = _setting(10, "How many people `ask` returns when --k is not given.")
    evidence_per_person: int = _setting(3, "How many evidence items `ask` shows per person.")
    vote_depth: int = _setting(
        500, "How many top-matching items vote for their contributors in the voting ranker."
    )
    dense: bool = _setting(
        True, "Embed items with the multilingual sentence encoder for dense and hybrid ranking."
    )
    learn: bool = _setting(
        True, "Train the learned ranker on the workspace's own history at each reindex."
    )
    bm25_k1: float = _setting(1.2, "BM25 term-frequency saturation (k1).")
    bm25_b: float = _setting(0.75, "BM25 length normalisation (b).")
    bulk_commit_files: int = _setting(
        50, "A git commit touching at least this many files counts as a bulk commit."
    )
    progress: bool = _setting(True, "Show progress on standard error during long work.")
    cookie_secure: bool = _setting(
        True,
        "Send the web session cookie over HTTPS only (false for plain-HTTP development;"
        " `whoknows serve --insecure-cookies` does the same).",
    )
    secret_key: str = _setting(
        "", "Key that signs web sessions (default: a random key kept in the workspace)."
    )
    session_hours: float = _setting(
        8.0, "A web session ends this many hours after login, however active it is."
    )
    session_idle_minutes: float = _setting(
        60.0, "A web session ends after this many minutes without a request."
    )
    login_failures_per_account: int = _setting(
        5,
        "Failed logins on one username within `login_window_minutes` that lock it for"
        " `login_lockout_minutes` (HTTP 429 with Retry-After, even with the right password).",
    )
    login_failures_per_address: int = _setting(
        20,
        "Failed logins from one client address within `login_window_minutes` that lock out"
        " that address for `login_lockout_minutes`, whatever the username.",
    )
    login_window_minutes: float = _setting(15.0, "The window in which failed logins are counted.")
    login_lockout_minutes: float = _setting(
        15.0, "How long a locked username or client address must wait before trying again."
    )
    min_group_size: int = _setting(
        5,
        "Aggregate-only mode: groups (departments, locations, holders) of fewer people are"
        " not shown to viewers.",
    )

    @classmethod
    def documented(cls) -> list[tuple[str, Any, str]]:
        """(name, default, help) for every setting."""
        return [(f.name, f.default, f.metadata["help"]) for f in fields(cls)]


def _coerce(raw: str, default: Any) -> Any:
    if isinstance(default, bool):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(default, Path):
        return Path(raw)
    return type(default)(raw)


def load_settings(environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
    """Settings from defaults, then WHOKNOWS_* environment variables, then explicit overrides."""
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for name, default, _ in Settings.documented():
        key = ENV_PREFIX + name.upper()
        if key in env and env[key] != "":
            values[name] = _coerce(env[key], default)
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(**values)
