"""An organisation's other domain (a former name, a sister brand), found from its people.

A name joins an address only at the same organisation (``identity.resolver``: an engineer and
a customer's buyer both called Alex Martin stay two people). A company renamed keeps its old
domain in years of mail: a pharmaceutical company, "Laboratoires Rhodanie" then "Solvéa
Pharma", had its 44 people at ``solvea-pharma.com`` in the directory and at
``rhodanie-labs.fr`` in the mail, and each became two to five people, the expert's directory
entry fourth behind her own fragments (a fresh evaluator's).

Once an ingest is written, a domain at which at least :data:`MIN_PEOPLE` senders bear the
full name of exactly one directory entry each and keep its mailbox's name
("camille.fournier@" at both), and at least half of its named senders bear such a name, is
taken for the organisation's own: each of those senders joins their entry (a customer shares
a name with one colleague by chance, not a name and a mailbox with three and half its people;
a reviewer's: in a directory of 10^5 people three of a client's six correspondents may each
bear one employee's name). Never one split
from the entry by hand, one with a directory entry of their own, nor what ``same_one``
forbids (an opt-out).
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from whoknows.identity.admin import merge_people, same_one, split_people
from whoknows.identity.names import organisation_of
from whoknows.identity.reasons import FORMER_DOMAIN
from whoknows.text import name_words

MIN_PEOPLE = 3  # (senders at the domain who are the directory's people by name and mailbox)


def join_former_domains(conn: sqlite3.Connection, now: str) -> int:
    """Merge the senders of the organisation's other domains into their directory entries
    (see the module); how many were merged."""
    listed = {
        person
        for (person,) in conn.execute(
            "SELECT person_id FROM aliases WHERE kind = 'source_id' AND source = 'directory'"
        )
    }
    if not listed:
        return 0
    domains: dict[int, set[str]] = defaultdict(set)
    mailboxes: dict[int, set[str]] = defaultdict(set)  # (their addresses before the "@")
    for person, key in conn.execute("SELECT person_id, key FROM aliases WHERE kind = 'email'"):
        if (domain := organisation_of(key)) is not None:
            domains[person].add(domain)
            mailboxes[person].add(key.split("@", 1)[0])
    home = {domain for person in listed for domain in domains.get(person, ())}
    bearers: dict[str, set[int]] = defaultdict(set)
    names: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for person, key, value in conn.execute(
        "SELECT a.person_id, a.key, a.value FROM aliases a JOIN persons p ON p.id = a.person_id"
        " WHERE a.kind = 'name' AND p.is_bot = 0 AND instr(a.key, ' ') > 0"
    ):
        bearers[key].add(person)
        names[person].append((key, value))
    named: dict[str, int] = defaultdict(int)  # (domain: its senders with a full name)
    kept: dict[str, int] = defaultdict(int)  # (of them, those keeping their entry's mailbox)
    matched: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for person, held in domains.items():
        if person in listed or len(held) != 1 or held & home or person not in names:
            continue
        (domain,) = held
        named[domain] += 1
        entries = {
            (entry, shown)
            for key, shown in names[person]
            if len(found := bearers[key] & listed) == 1
            for entry in found
        }
        if len({entry for entry, _ in entries}) == 1:
            entry, shown = min(entries)
            matched[domain].append((entry, person, shown))
            kept[domain] += bool(mailboxes[person] & mailboxes[entry])
    merged = 0
    for domain, pairs in sorted(matched.items()):
        if kept[domain] < MIN_PEOPLE or 2 * len(pairs) < named[domain]:
            continue
        split = split_people(conn, sorted({p for pair in pairs for p in pair[:2]}))
        for entry, person, shown in pairs:
            if split & {entry, person} or not same_one(
                conn, entry, person, name_words(shown), set()
            ):
                continue
            values = {"name": repr(shown), "domain": domain, "count": len(pairs)}
            merge_people(conn, entry, person, now, FORMER_DOMAIN % values)
            merged += 1
    return merged


__all__ = ["MIN_PEOPLE", "join_former_domains"]
