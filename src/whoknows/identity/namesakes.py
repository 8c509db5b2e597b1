"""A person known by less, joined to the one namesake known by more, once an ingest is written.

The resolver joins a full name to the one person who bears it (rule 4) as each identity
arrives, so the order of ingest decided: a startup's support engineer's knowledge-base
articles, read first, made a person of their byline ("Maya Lindgren"), and her git, GitHub
and Slack accounts, read after and joined by her address, another; a staff engineer's GitHub
login, joined to his git commits by their no-reply address, stayed apart from his directory
entry when the directory was read first. A fresh evaluator's two orders of ingest listed two
different sets of people (9 of 34 answers named someone twice).

After every ingest (:func:`join_namesakes`), each full name two people bear joins them when
one is known by less than the other: by the name alone (no address, no handle) beside someone
with an address, a handle or a directory entry; with no directory entry and no address at
an organisation beside the one the directory lists; or with no directory entry and addresses
only at the directory entry's own organisation under another ending (a firm's old ".com" the
directory, read after the mail, does not list: the resolver joins it when the directory comes
first). Never when a third bears it, nor a person
one of whose aliases was split off by hand, nor what a directory join forbids (an opt-out, a
name that is not a form of the other's).
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict

from whoknows.identity.admin import merge_people, same_one, split_people
from whoknows.identity.called_names import join_called_names
from whoknows.identity.forge_logins import has_directory, join_forge_logins, opted_out
from whoknows.identity.former_domains import join_former_domains
from whoknows.identity.initialled import join_initialled_addresses
from whoknows.identity.known import known_by, sources_of, two_accounts
from whoknows.identity.likely_same import hide_with_opted_out
from whoknows.identity.mapped_logins import join_mapped_logins
from whoknows.identity.names import first_and_initial
from whoknows.identity.reasons import SAME_NAME, SAME_SHORT_NAME
from whoknows.identity.shared_logins import join_shared_logins
from whoknows.text import fold_accents, name_words


def join_namesakes(conn: sqlite3.Connection, now: str) -> int:
    """Merge namesakes as the module says (after the organisation's other domains' senders:
    :mod:`whoknows.identity.former_domains`); how many were merged. The full names two people
    or more bear are found by SQLite's grouping; only those people's aliases are read."""
    merged = join_former_domains(conn, now) + join_short_names(conn, now)
    merged += join_forge_logins(conn, now) + join_mapped_logins(conn, now)
    merged += join_shared_logins(conn, now) + join_initialled_addresses(conn, now)
    merged += join_called_names(conn, now)
    hide_with_opted_out(conn)  # (a login likely theirs, never merged, hidden with them)
    groups: list[tuple[str, str, list[int]]] = [
        (key, shown, sorted(map(int, str(people).split(","))))
        for key, shown, people in conn.execute(
            "SELECT a.key, MIN(a.value), group_concat(DISTINCT a.person_id) FROM aliases a"
            " JOIN persons p ON p.id = a.person_id"
            " WHERE a.kind = 'name' AND p.is_bot = 0 AND instr(a.key, ' ') > 0"
            " GROUP BY a.key HAVING COUNT(DISTINCT a.person_id) >= 2"
        )
    ]  # (a full name: a first name alone joins nobody)
    if not groups:
        return merged
    involved = sorted({person for *_, people in groups for person in people})
    (known, firms), sources = known_by(conn, involved), sources_of(conn, involved)
    split = split_people(conn, involved)
    gone: set[int] = set()  # (merged away in this pass)
    for key, shown, people in groups:
        for keep, other in _joins(known, firms, people):
            if gone & {keep, other} or two_accounts(sources, keep, other):
                continue  # (two accounts of one source are two namesakes: "John Smith" twice)
            if split & {keep, other} or not same_one(conn, keep, other, name_words(key), set()):
                continue
            merge_people(conn, keep, other, now, SAME_NAME % {"name": repr(shown)})
            gone.add(other)
            merged += 1
            for held in sources:  # (a second account of a source it took is another person)
                held[keep] = held.get(keep, set()) | held.get(other, set())
    return merged


def join_short_names(conn: sqlite3.Connection, now: str) -> int:
    """In a workspace without a directory, merge each person known only by a first name and a
    last initial ("Bernard L.", a forum's display name, beside a handle) into the one person
    whose full name begins with that first name and that initial ("Bernard Lefèvre"), when
    exactly one does, as the README promises initials are joined (a community's French
    hobbyist was two people, `under-recognised` finding the forum's half). Never one with an
    address at an organisation, two ids of one source, nor into or out of an opt-out; a
    namesake who comes later ("Claire Faure" after "Claire F." joined Claire Fournier) does not
    undo a join: `people split` does."""
    if has_directory(conn):  # (its people's names are whole: a forum's "Claire F." may be anyone)
        return 0
    short: dict[tuple[str, str], list[int]] = defaultdict(list)
    called: dict[int, str] = {}
    for person, shown in conn.execute(
        "SELECT p.id, p.display_name FROM persons p WHERE p.is_bot = 0 AND NOT EXISTS"
        " (SELECT 1 FROM aliases a WHERE a.person_id = p.id AND a.kind = 'name')"
    ):
        if (found := first_and_initial(str(shown or ""))) is not None:
            short[found].append(int(person))
            called[int(person)] = str(shown).strip()
    if not short:
        return 0
    full: dict[tuple[str, str], set[int]] = defaultdict(set)
    words: dict[int, set[str]] = defaultdict(set)
    for person, value in conn.execute(
        "SELECT a.person_id, a.value FROM aliases a JOIN persons p ON p.id = a.person_id"
        " WHERE a.kind = 'name' AND p.is_bot = 0"
    ):
        said = fold_accents(str(value)).lower().split()  # ("jean-pierre" one first name)
        wrote = (said[0], said[-1][:1]) if len(said) >= 2 else None
        if wrote in short:
            full[wrote].add(int(person))
            words[int(person)].update(re.findall(r"[^\W\d_]+", " ".join(said)))
    involved = sorted(
        {p for people in short.values() for p in people} | set().union(*full.values())
    )
    (known, _), sources = known_by(conn, involved), sources_of(conn, involved)
    split, merged, hidden = split_people(conn, involved), 0, opted_out(conn)
    for key, people in short.items():
        bearers = full.get(key, set())
        if len(people) != 1 or len(bearers) != 1:
            continue  # (two "Chloé B." or two Chloés B…: which is which cannot be told)
        (keep,), (other,) = bearers, people
        if known.get(other, set()) & {"work", "directory"} or (split | hidden) & {keep, other}:
            continue
        if sources[0].get(keep, set()) & sources[0].get(other, set()):
            continue  # (two ids of one source are two of its people: a paper set's "Vishal G")
        if not same_one(conn, keep, other, words[keep], set()):
            continue
        merge_people(conn, keep, other, now, SAME_SHORT_NAME % {"name": repr(called[other])})
        merged += 1
    return merged


def _joins(
    known: dict[int, set[str]], firms: dict[int, set[str]], people: list[int]
) -> list[tuple[int, int]]:
    """(the one to keep, one joined to them) for each namesake of a name ``people`` bear: of
    two, the one known by less; of more, every one known by nothing but an id, a name or a
    handle, when exactly one bears a directory entry (a pharma company's Teams, Jira and
    Confluence each made a "Camille Fournier" of her display name beside her entry: a third
    bearer had made the name ambiguous). Two bearers with addresses at organisations are never
    joined."""
    if len(people) == 2:
        weaker = _weaker(known, firms, *people)
        return [weaker] if weaker is not None else []
    listed = [person for person in people if "directory" in known.get(person, ())]
    if len(listed) != 1:
        return []
    (keep,) = listed
    others = [person for person in people if person != keep]
    if any(known.get(person, set()) - {"handle"} for person in others):
        return []
    return [(keep, person) for person in others]


def _weaker(
    known: dict[int, set[str]], firms: dict[int, set[str]], first: int, second: int
) -> tuple[int, int] | None:
    """(the one to keep, the one joined to them) when one of two namesakes is known by less,
    else None."""
    for keep, other in ((first, second), (second, first)):
        theirs, its = known.get(keep, set()), known.get(other, set())
        if theirs and not its:  # (a byline's name alone)
            return keep, other
        if "directory" in theirs and not its & {"directory", "work"}:  # (a forge's login)
            return keep, other
        if "work" in theirs and not its & {"directory", "work"}:
            return keep, other  # (a forge's private address beside a work one: as the resolver
            # joins them when the private one comes first)
        own, elsewhere = firms.get(keep, set()), firms.get(other, set())
        if "directory" in theirs and "directory" not in its and elsewhere and elsewhere <= own:
            return keep, other  # (the entry's own firm under an old ending)
    return None


__all__ = ["join_namesakes"]
