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
ENGINES = ("local", "spark")  # the values of `ingest_engine` (whoknows.pipeline.engines)


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
    embedder: str = _setting(
        "use-multilingual-v3-static",
        "Dense embedder: use-multilingual-v3-static (a token table distilled from the sentence"
        " encoder: thousands of items/s) or use-multilingual-v3 (the sentence encoder itself:"
        " about a hundred items/s); see docs/scale.md.",
    )
    model_cache: Path = _setting(
        Path("~/.cache/whoknows"),
        "Folder of the static embedder's token table, the word bridge's words and a copy of the"
        " encoder's weights, built there at first use (a minute or two) and shared by every"
        " workspace.",
    )
    ann_min_items: int = _setting(
        200_000,
        "From this many items on, dense retrieval searches a nearest-neighbour graph built at"
        " index time instead of scanning every vector (approximate; see docs/scale.md).",
    )
    learn: bool = _setting(
        True, "Train the learned ranker on the workspace's own history at each reindex."
    )
    ingest_engine: str = _setting(
        "local",
        "What runs an ingest's parsing, identity keys, lexical statistics and embeddings:"
        " local (this process) or spark (PySpark jobs, `pip install 'whoknows[spark]'` and"
        " Java 17; see docs/scale.md). `whoknows ingest --engine` overrides it.",
    )
    spark_master: str = _setting(
        "local[*]",
        "The Spark master of the spark engine: local[*], local[N], spark://HOST:PORT, yarn or"
        " k8s://URL (`whoknows ingest --master` overrides it).",
    )
    spark_driver_memory: str = _setting("1g", "Memory of the Spark driver (the ingest process).")
    spark_executor_memory: str = _setting("1g", "Memory of each Spark executor on a cluster.")
    spark_partitions: int = _setting(
        0,
        "How many pieces the spark engine cuts a source and the texts into (0: twice the"
        " cores Spark has).",
    )
    spark_conf: str = _setting(
        "",
        "More Spark properties, `key=value` separated by spaces (an S3 source, say:"
        " spark.jars.packages=org.apache.hadoop:hadoop-aws:3.5.0 and fs.s3a.* keys; see"
        " docs/scale.md).",
    )
    bm25_k1: float = _setting(1.2, "BM25 term-frequency saturation (k1).")
    bm25_b: float = _setting(0.75, "BM25 length normalisation (b).")
    progress: bool = _setting(True, "Show progress on standard error during long work.")
    cookie_secure: bool = _setting(
        True,
        "Send the web session cookie over HTTPS only (false for plain-HTTP development;"
        " `whoknows serve --insecure-cookies` does the same).",
    )
    secret_key: str = _setting(
        "", "Key that signs web sessions (default: a random key kept in the workspace)."
    )
    lang: str = _setting(
        "en",
        "Language of reports, decks and messages (en, fr); the web follows the browser's.",
    )
    min_group_size: int = _setting(
        5,
        "Groups of people are shown only with at least this many in them: aggregate answers"
        " name a department, and reports count unnamed (non-consenting) people, only from"
        " this size on; smaller groups are counted together, unnamed.",
    )
    public_url: str = _setting(
        "http://127.0.0.1:8000",
        "The web app's address as people reach it; chat answers link to"
        " `{public_url}/people/{id}`.",
    )
    chat_role: str = _setting(
        "viewer",
        "The web role chat users act with (admin, consultant, viewer, self): aggregate-only"
        " mode and the permission table apply to them as to that role.",
    )
    slack_signing_secret: str = _setting(
        "",
        "The Slack app's signing secret; `POST /integrations/slack/commands` refuses every"
        " request while it is empty.",
    )
    slack_bot_token: str = _setting(
        "", "Bot token (xoxb-...) that delivers routed questions with Slack's chat.postMessage."
    )
    teams_app_id: str = _setting(
        "",
        "The bot's Microsoft App ID: the audience its Bot Framework tokens must carry;"
        " `POST /integrations/teams/messages` refuses every request while it is empty.",
    )
    teams_app_password: str = _setting(
        "", "The bot's client secret, used only to deliver routed questions through Teams."
    )
    teams_jwks_file: str = _setting(
        "",
        "JSON Web Key Set file of the Bot Framework's signing keys (refresh it from"
        " https://login.botframework.com/v1/.well-known/openidconfiguration, see docs/chat.md).",
    )
    routing_per_week: int = _setting(
        3, "At most this many routed questions reach one person in any 7 days."
    )
    routing_notifier: str = _setting(
        "outbox",
        "How routed questions are delivered: outbox (queued for `whoknows chat deliver`),"
        " slack (chat.postMessage) or teams (Bot Framework).",
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
    trusted_proxies: str = _setting(
        "",
        "Addresses of the reverse proxies whose X-Forwarded-For and X-Forwarded-Proto headers"
        " are believed, comma-separated (127.0.0.1 for a proxy on the same machine); empty:"
        " none, and the client's address is the connection's (login throttling counts it).",
    )
    web_read_threads: int = _setting(
        1,
        "Pages and API reads one web worker process computes at once (at least 1); the others"
        " wait their turn in arrival order. More at once only take turns on Python's"
        " interpreter lock, at a cost (docs/scale.md); writes take turns in a lane of their"
        " own and long analysis pages run beside. For more throughput, raise `serve --workers`.",
    )
    login_window_minutes: float = _setting(15.0, "The window in which failed logins are counted.")
    login_lockout_minutes: float = _setting(
        15.0, "How long a locked username or client address must wait before trying again."
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
