"""Who may appear in insights, and what the directory says about them."""

from __future__ import annotations

import copy
import sqlite3
from datetime import UTC, datetime
from typing import NamedTuple

from whoknows.index.analysis import tokenize
from whoknows.store.persons import VISIBLE, left_on

ACTIVE_DAYS = 180  # evidence within this many days of the latest evidence: still active
# a colleague the directory lists is still active after a longer silence (an RSSI quiet for
# seven months), not forever (an HR export that drops leavers without dating them)
LISTED_QUIET_DAYS = 2 * ACTIVE_DAYS


class PersonInfo(NamedTuple):  # (a tuple: a directory makes one per person, 10^5 of them)
    person_id: int
    name: str
    title: str | None
    department: str | None
    location: str | None
    is_internal: bool | None
    end_date: str | None

    @property
    def left(self) -> bool:
        return left_on(self.end_date) is not None

    def as_dict(self) -> dict[str, object]:
        return {
            "person_id": self.person_id,
            "name": self.name,
            "title": self.title,
            "department": self.department,
            "location": self.location,
            "internal": self.is_internal,
            "left": self.left,
        }


class Directory:
    """Visible people only: bots and anyone who opted out of inference or visibility are
    absent from every insight (DESIGN.md section 6)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.people: dict[int, PersonInfo] = {}
        for row in conn.execute(
            "SELECT id, display_name, title, department, location, is_internal, end_date"
            f" FROM {VISIBLE}"
        ):
            internal = None if row[5] is None else bool(row[5])
            self.people[row[0]] = PersonInfo(
                row[0], row[1], row[2], row[3], row[4], internal, row[6]
            )
        self.has_directory = any(p.title or p.department for p in self.people.values())
        # who the organisation's directory lists, not as external: active after a longer
        # silence (unless it says they left)
        self.listed = frozenset(
            person
            for (person,) in conn.execute(
                "SELECT DISTINCT person_id FROM aliases WHERE kind = 'source_id'"
                " AND source = 'directory'"
            )
            if person in self.people and self.people[person].is_internal is not False
        )
        self._departments: dict[str, list[int]] | None = None

    def without(self, people: set[int]) -> Directory:
        """This directory less ``people``."""
        restricted = copy.copy(self)
        restricted.people = {p: info for p, info in self.people.items() if p not in people}
        restricted._departments = None
        return restricted

    def members(self, department: str) -> list[int]:
        """The visible people of a department, in the directory's order."""
        if self._departments is None:
            found: dict[str, list[int]] = {}
            for person_id, info in self.people.items():
                if info.department:
                    found.setdefault(info.department, []).append(person_id)
            self._departments = found
        return self._departments.get(department, [])

    def place_terms(self) -> frozenset[str]:
        """The index terms of the directory's sites: no subject (an NGO's field base "Lodwar"
        had been three people's undeclared skill, a pharmaceutical site "Lyon", a Jira
        component, a gap in demand: fresh evaluators')."""
        sites = {  # (the directory's: a forum profile's "Java, Indonesia" is no site of it)
            info.location
            for person, info in self.people.items()
            if person in self.listed and info.location
        }
        return frozenset(term for site in sites for term in tokenize(site))

    def __contains__(self, person_id: object) -> bool:
        return person_id in self.people

    def get(self, person_id: int) -> PersonInfo | None:
        return self.people.get(person_id)

    def active(self, person_id: int, last_evidence: float | None, now: float) -> bool:
        info = self.people.get(person_id)
        if info is None or (
            info.end_date and (timestamp_of(info.end_date) <= now or left_on(info.end_date))
        ):
            return False  # (gone by the evidence's last day, or by today: "left on" says so)
        quiet = LISTED_QUIET_DAYS if person_id in self.listed else ACTIVE_DAYS
        return last_evidence is not None and now - last_evidence <= quiet * 86400


def timestamp_of(value: str) -> float:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return float("inf")
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).timestamp()


def iso_day(timestamp: float | None) -> str | None:
    if timestamp is None or timestamp != timestamp:
        return None
    return datetime.fromtimestamp(timestamp, tz=UTC).strftime("%Y-%m-%d")
