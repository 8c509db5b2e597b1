"""Dates a user gives (``--start``, ``--end``, ``--since``): a usage error that says what to
type for one that is no date, and for a period that ends before it starts."""

from __future__ import annotations

from datetime import datetime

from whoknows.errors import UsageError
from whoknows.i18n import N_
from whoknows.text import parse_date


def given_date(value: str, what: str) -> datetime:
    """``value`` read as a date, or a usage error naming the option (``what``)."""
    parsed = parse_date(value)
    if parsed is None:
        raise UsageError(
            N_("%(what)s %(value)s is not a date"),
            N_("write it as YYYY-MM-DD"),
            what=what,
            value=repr(value),
        )
    return parsed


def check_period(start: str, end: str | None) -> None:
    """A usage error for a ``--start`` or ``--end`` that is no date, or an end before the
    start (a report then said "September 1, 2026 to August 1, 2026")."""
    begins = given_date(start, "--start")
    if end is not None and given_date(end, "--end") < begins:
        raise UsageError(
            N_("--end %(end)s is before --start %(start)s"),
            N_("give an end on or after the start"),
            end=repr(end),
            start=repr(start),
        )
