"""Documents under another organisation's copyright notice (:mod:`whoknows.ingest._copyright`)
are read when the lexical index reads them, against the organisation's mail domains as the
store holds them then: a notice whose holder is neither the organisation nor the document's
writers makes the document its holder's, and it is indexed without a word of its writers'."""

from __future__ import annotations

import sqlite3
from collections import Counter

from whoknows.identity.outsiders import MAIL_SERVICES, domain
from whoknows.ingest._copyright import NOTICE_SIGNAL, domain_words, foreign_holder, notice_holders
from whoknows.ingest._reports import INITIALS_KEY, name_keys
from whoknows.vocab import WRITER_ROLES

# a domain this share of the people with a mail address hold, two of them at least, is the
# organisation's ("meyer-colmar.fr" for 18 of 23, "meyer-gruppe.de" for 3; not the press
# maker's "presstec.de" of its one service engineer)
ORGANISATION_SHARE = 0.1
ORGANISATION_PEOPLE = 2


def organisation_words(conn: sqlite3.Connection) -> frozenset[str]:
    """The words of the organisation's mail domains (see :data:`ORGANISATION_SHARE`)."""
    held: dict[int, set[str]] = {}
    rows = conn.execute(
        "SELECT a.person_id, a.value FROM aliases a JOIN persons p ON p.id = a.person_id"
        " WHERE a.kind = 'email' AND p.is_bot = 0"
    )
    for person, address in rows:
        found = domain(str(address))
        if found and found not in MAIL_SERVICES:
            held.setdefault(int(person), set()).add(found)
    people = Counter(name for domains in held.values() for name in domains)
    least = max(ORGANISATION_PEOPLE, ORGANISATION_SHARE * len(held))
    return frozenset(
        word for name, count in people.items() if count >= least for word in domain_words(name)
    )


class ForeignNotices:
    """Which of the documents marked at ingest for a notice are another organisation's."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.noticed = frozenset(
            item
            for (item,) in conn.execute(
                "SELECT item_id FROM signals WHERE name = ?", (NOTICE_SIGNAL,)
            )
        )
        self._organisation: frozenset[str] | None = None

    @property
    def organisation(self) -> frozenset[str]:
        if self._organisation is None:
            self._organisation = organisation_words(self.conn) if self.noticed else frozenset()
        return self._organisation

    def foreign(self, item_id: int, text: str) -> bool:
        """Whether the item's notices all name someone other than the organisation and its
        writers."""
        if item_id not in self.noticed:
            return False
        holders = notice_holders(text)
        domains, names = self._writers(item_id)
        return bool(holders) and foreign_holder(holders, self.organisation, domains, names)

    def _writers(self, item_id: int) -> tuple[frozenset[str], frozenset[str]]:
        """(the words of the item's writers' mail domains, the words of the names of those
        who have a mail address): a name without one may be a company's ("CADline
        Formation", the author of its own training deck under its own notice)."""
        names: dict[int, set[str]] = {}
        domains: dict[int, set[str]] = {}
        rows = self.conn.execute(
            "SELECT c.person_id, c.role, p.display_name, a.kind, a.value FROM contributions c"
            " JOIN persons p ON p.id = c.person_id"
            " LEFT JOIN aliases a ON a.person_id = p.id AND a.kind IN ('name', 'email')"
            " WHERE c.item_id = ?",
            (item_id,),
        )
        for person, role, name, kind, value in rows:
            if role not in WRITER_ROLES:
                continue
            names.setdefault(person, set()).update(_name_words(str(name)))
            if kind == "email":
                domains.setdefault(person, set()).update(
                    domain_words(str(value).rpartition("@")[2])
                )
            elif kind == "name":
                names[person].update(_name_words(str(value)))
        return (
            frozenset(word for words in domains.values() for word in words),
            frozenset(word for person in domains for word in names[person]),
        )


def _name_words(name: str) -> set[str]:
    return {key for key in name_keys(name) if " " not in key and not key.startswith(INITIALS_KEY)}


__all__ = ["ForeignNotices", "organisation_words"]
