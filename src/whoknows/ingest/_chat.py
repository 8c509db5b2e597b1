"""Helpers shared by the JSON chat and forum connectors (teams, googlechat, discourse)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from whoknows.errors import Position
from whoknows.i18n import N_
from whoknows.ingest._acknowledging import ACKNOWLEDGING
from whoknows.ingest._digests import lists_subjects
from whoknows.ingest._events import announces_event
from whoknows.ingest._genres import OVERVIEW_WEIGHT, reminds
from whoknows.ingest._json import json_problem
from whoknows.ingest._json import loads as json_loads
from whoknows.ingest._threads import message_role
from whoknows.ingest.base import IngestContext
from whoknows.vocab import ContributionRole

# a reply that only acknowledges ("+1", "thanks!", "merci") is kept as an item, but the
# replier's contribution weighs less than 0.5, the threshold under which the evidence
# layer does not count a contribution as expertise
ACK_WEIGHT = 0.2
_ACK = re.compile(
    rf"^\W*({ACKNOWLEDGING}|ok(ay)?|cool|nice|done|ty|dzięki|top|lgtm|👍|🙏|🎉)"
    r"(\W+@?\w+){0,3}\W*$",
    re.IGNORECASE,
)
_URL = re.compile(r"^(https?|mailto):", re.IGNORECASE)


def chat_role(text: str, is_reply: bool) -> ContributionRole:
    """A chat message's role, by the rule every source shares (:func:`message_role`): a
    question or a short thanks asks (interest, not expertise); a reminder listing subjects
    advises ("Rappel : les sauvegardes, les jetons, les certificats, les alertes"); an opener
    otherwise posts; an event's announcement organises ("Formation Kubernetes les 14 et 15
    mars, salle Océan ! Au programme : … Inscrivez-vous", :mod:`._events`)."""
    if (reminds("", text) and lists_subjects(text)) or announces_event("", text):
        return ContributionRole.ADVISER
    return message_role(text, is_reply, first=ContributionRole.POSTER)


def is_acknowledgement(text: str) -> bool:
    """True for a short message that only thanks or agrees ("+1", "thanks Inès!")."""
    flat = " ".join(text.split())
    return len(flat) <= 40 and bool(_ACK.match(flat))


def contribution_weight(
    text: str, context: IngestContext, source: str, is_reply: bool = True
) -> float:
    """1.0; ACK_WEIGHT (noted) for a reply that only acknowledges; OVERVIEW_WEIGHT for a
    stepless reminder ("Rappel : toutes les interventions doivent être saisies dans la GMAO"),
    which may only name what others must do, or say how in prose."""
    if is_reply and is_acknowledgement(text):
        context.note(N_("%(source)s: thanks or +1 reply, kept with a low weight"), source=source)
        return ACK_WEIGHT
    return OVERVIEW_WEIGHT if reminds("", text) else 1.0


def safe_url(value: object) -> str | None:
    """``value`` when it is an http, https or mailto address, else None."""
    return value if isinstance(value, str) and _URL.match(value) else None


def headline(text: str, width: int = 70) -> str:
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    cut = flat.rfind(" ", 0, width)
    return flat[: cut if cut > 0 else width] + " …"


def load_json(path: Path, context: IngestContext) -> object | None:
    """The parsed JSON of ``path``; None after reporting a one-line problem with its position."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        context.problem(path, None, N_("cannot read the file (%(error)s)"), error=error.strerror)
        return None
    try:
        data: object = json_loads(raw.decode("utf-8-sig"))
        return data
    except UnicodeDecodeError as error:
        context.problem(
            path, Position.decoding(error), N_("not UTF-8 text"), N_("save it as UTF-8")
        )
    except json.JSONDecodeError as error:
        text = error.doc
        cut_short = error.pos >= len(text.rstrip()) - 1 or (
            error.msg.startswith("Unterminated string") and '"' not in text[error.pos + 1 :]
        )
        reason = N_("truncated JSON (%(error)s)") if cut_short else N_("invalid JSON (%(error)s)")
        context.problem(
            path, Position.at(error.lineno, error.colno), reason, error=json_problem(error)
        )
    return None


GIVE = N_("give %(what)s")


def json_files(path: Path, context: IngestContext, what: str) -> Iterator[Path]:
    """``path`` itself, or the ``.json`` files under the folder ``path``, in a stable order."""
    if path.is_file():
        yield path
        return
    if not path.is_dir():
        context.problem(path, None, N_("no such file or folder"), GIVE, what=what)
        return
    files = sorted(p for p in path.rglob("*.json") if p.is_file())
    if not files:
        context.problem(path, None, N_("no .json file in this folder"), GIVE, what=what)
    yield from files
