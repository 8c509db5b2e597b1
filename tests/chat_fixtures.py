"""What the chat tests share: a demo workspace with chat settings, signed Slack requests and
Bot Framework tokens from a key made here (with its JWKS file)."""

from __future__ import annotations

import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi.testclient import TestClient

from conftest import make_service
from whoknows.chat.slack import signature
from whoknows.services import Services
from whoknows.web.app import create_app

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
APP_ID = "2f1e0b4c-0000-4000-8000-whoknowsbot"
PUBLIC = "https://whoknows.corvid.example"
SERVICE_URL = "https://smba.trafficmanager.net/emea/"
KID = "test-key-1"
QUESTION = "kafka consumer lag"


def new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def write_jwks(path: Path, key: rsa.RSAPrivateKey, kid: str = KID) -> Path:
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    jwk.update(kid=kid, use="sig", endorsements=["msteams", "emulator"])
    path.write_text(json.dumps({"keys": [jwk]}), encoding="utf-8")
    return path


@dataclass
class Chat:
    services: Services
    client: TestClient
    key: rsa.RSAPrivateKey

    # -- Slack ---------------------------------------------------------------------------------
    def slack(
        self,
        text: str,
        secret: str = SECRET,
        at: float | None = None,
        body: bytes | None = None,
        **fields: str,
    ) -> Any:
        form = {
            "command": "/whoknows",
            "text": text,
            "user_id": "U0ASKER",
            "team_id": "T0CORVID",
            "channel_id": "C0PLATFORM",
            "response_url": "https://hooks.slack.com/commands/T0CORVID/1/abc",
            **fields,
        }
        raw = body if body is not None else urlencode(form).encode()
        stamp = str(int(time.time() if at is None else at))
        headers = {
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": signature(secret, stamp, raw),
            "Content-Type": "application/x-www-form-urlencoded",
        }
        return self.client.post("/integrations/slack/commands", content=raw, headers=headers)

    # -- Teams ---------------------------------------------------------------------------------
    def token(self, key: rsa.RSAPrivateKey | None = None, kid: str = KID, **claims: Any) -> str:
        now = int(time.time())
        payload = {
            "iss": "https://api.botframework.com",
            "aud": APP_ID,
            "exp": now + 3600,
            "nbf": now - 60,
            "serviceUrl": SERVICE_URL,
            **claims,
        }
        payload = {k: v for k, v in payload.items() if v is not None}
        return jwt.encode(payload, key or self.key, algorithm="RS256", headers={"kid": kid})

    def teams(self, text: str, token: str | None = "default", **fields: Any) -> Any:
        activity = activity_json(text, **fields)
        headers = {"Content-Type": "application/json"}
        if token == "default":
            token = self.token()
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        return self.client.post(
            "/integrations/teams/messages", content=json.dumps(activity), headers=headers
        )


def activity_json(text: str, **fields: Any) -> dict[str, Any]:
    return {
        "type": "message",
        "id": "1485983408511",
        "timestamp": "2024-05-01T10:00:00.000Z",
        "serviceUrl": SERVICE_URL,
        "channelId": "msteams",
        "from": {"id": "29:1asker", "name": "Asker", "aadObjectId": "aad-asker"},
        "conversation": {"id": "19:platform@thread.skype", "conversationType": "channel"},
        "recipient": {"id": "28:" + APP_ID, "name": "whoknows"},
        "text": f"<at>whoknows</at> {text}",
        "entities": [{"type": "mention", "text": "<at>whoknows</at>"}],
        **fields,
    }


def open_chat(demo_workspace: Path, tmp_path: Path, **settings: object) -> Chat:
    """A writable copy of the demo workspace served with chat settings."""
    copy = tmp_path / "workspace"
    shutil.copytree(demo_workspace, copy)
    key = new_key()
    jwks = write_jwks(tmp_path / "botframework-keys.json", key)
    chat_settings: dict[str, object] = {
        "slack_signing_secret": SECRET,
        "teams_app_id": APP_ID,
        "teams_jwks_file": str(jwks),
        "public_url": PUBLIC,
    }
    services = make_service(copy, **{**chat_settings, **settings})
    return Chat(services, TestClient(create_app(services)), key)


def section_texts(reply: dict[str, Any]) -> list[str]:
    return [b["text"]["text"] for b in reply["blocks"] if b["type"] == "section"]
