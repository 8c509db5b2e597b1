"""A tracking table: rows of work, a column naming who owns each ("Jalon | Sujet | Responsable |
État"). Its writer keeps the table; each row's subject is its owner's (a studio's assistant,
whose production schedule named an owner for every subject, was second for three of them).

Not a procedure's table of who does which step, the writer among them or steps told beside it
(an attacker's: a DBA's own pgBackRest runbook ending with "Étape | Responsable | Délai", her
row, a colleague's and another's, had given her an overview's share, a colleague who followed
it first)."""

from __future__ import annotations

import re

from whoknows.ingest._requests import instructs
from whoknows.text import name_words

# a column's header that names who owns the row
_OWNER_HEADER = re.compile(
    r"^(?:responsables?|owners?|assignees?|assigned to|assigné(?:e|s)?(?: à)?|porteurs?|"
    r"pilotes?|en charge|qui|who|lead|référents?|référentes?|dri|propriétaire)$",
    re.IGNORECASE,
)
_NAME = re.compile(r"[^\W\d_][^\W\d_'’.-]*(?:[ '’.-]+[^\W\d_][^\W\d_'’.-]*){1,3}")
OWNED_BY_OTHERS = 2  # people other than the writer a table gives rows to: it tracks their work


def tracks_others(text: str, writers: tuple[str, ...]) -> bool:
    """Whether a page holds a table whose owner column names at least
    :data:`OWNED_BY_OTHERS` people other than its ``writers`` and none of them (cells apart by
    "|" or tabs, as the documents' tables are read), its text outside tables telling no step."""
    own = [name_words(writer) for writer in writers]
    column: int | None = None
    owners: set[str] = set()
    prose: list[str] = []
    for line in text.splitlines():
        cells = [cell.strip() for cell in re.split(r"\s*\|\s*|\t", line.strip(" |"))]
        if len(cells) < 2:
            column = None
            prose.append(line)
            continue
        if column is None:
            found = [at for at, cell in enumerate(cells) if _OWNER_HEADER.match(cell)]
            column = found[0] if found else None
            continue
        owner = cells[column] if column < len(cells) else ""
        if not _NAME.fullmatch(owner):
            continue
        if any(name_words(owner) <= words for words in own):
            return False  # (the writer does a step: a procedure's table)
        owners.add(owner.lower())
    return len(owners) >= OWNED_BY_OTHERS and not instructs("\n".join(prose))


__all__ = ["tracks_others"]
