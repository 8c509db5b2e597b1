"""Input files of batch runs: queries (``id<TAB>text``) and person-text pairs."""

from __future__ import annotations

from pathlib import Path

from whoknows.errors import InputError, NotFoundError, Position
from whoknows.i18n import N_


def _tsv_rows(path: Path, fields: int, expected: str, hint: str) -> list[tuple[str, ...]]:
    """Tab-separated lines of exactly ``fields`` non-empty fields (the last may hold tabs)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise NotFoundError(
            N_("cannot read the file (%(error)s)"),
            N_("check the path"),
            where=str(path),
            error=error.strerror,
        ) from error
    except UnicodeDecodeError as error:
        raise InputError(
            str(path), Position.decoding(error), N_("not UTF-8 text"), N_("save it as UTF-8")
        ) from error
    rows = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        parts = line.split("\t", fields - 1)
        if len(parts) != fields or not all(p.strip() for p in parts):
            raise InputError(
                str(path), Position.at(number), N_("expected %(form)s"), hint, form=expected
            )
        rows.append(tuple(p.strip() for p in parts))
    return rows


def read_queries(path: Path) -> list[tuple[str, str]]:
    """``query_id<TAB>text`` lines; blank lines are ignored, anything else is an error."""
    rows = _tsv_rows(
        path,
        2,
        "query_id<TAB>text",
        N_("write one query a line, its id and its text separated by a tab"),
    )
    return [(row[0], row[1]) for row in rows]


def read_pairs(path: Path) -> list[tuple[str, str, str]]:
    """``pair_id<TAB>person<TAB>text`` lines for batch scoring."""
    rows = _tsv_rows(
        path,
        3,
        "pair_id<TAB>person<TAB>text",
        N_("write one pair a line: an id, the person (id, connector:id or name), the text"),
    )
    return [(row[0], row[1], row[2]) for row in rows]
