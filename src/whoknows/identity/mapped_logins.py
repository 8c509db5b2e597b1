"""A forge login that a repository's ``.mailmap`` gives someone, joined to that person once an
ingest is written, in either order of the sources.

A ``.mailmap`` line "Kevin Nguyen <kevin.nguyen@lab.example> nightowl <nightowl@login01>" is
the organisation's own word that the commits signed "nightowl" are Kevin Nguyen's; the git
connector keeps that login as his (a handle of the ``git`` source). A forge's account of the
same login ("nightowl", shown "Kevin N.", no address) is then his too: a Québec lab's doctoral
student who runs its GPU cluster was two people, his evidence halved, and `hidden slurm` found
no one. Never when two people hold the login in the mailmap, nor a login that is a word of
the person's name (a commit's "alex" is any Alex's forge login: a second attacker's), nor a
bot's account, nor out of an opt-out, nor a login split off by hand, nor what ``same_one``
forbids; into an opt-out, so that the account stays hidden with its person (the same
attacker's opted-out student came back under his forge login).
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from whoknows.identity.admin import merge_people, same_one, split_people
from whoknows.identity.forge_logins import FORGES, opted_out
from whoknows.identity.reasons import MAILMAP_LOGIN
from whoknows.text import fold_accents, name_words

MAPPED_SOURCE = "git"  # (its handles are the logins a .mailmap gives: commits have none)


def join_mapped_logins(conn: sqlite3.Connection, now: str) -> int:
    """Merge each forge account whose login a ``.mailmap`` gives one person into them (see
    the module); how many were merged."""
    marks = ", ".join("?" * len(FORGES))
    pairs = conn.execute(
        "SELECT f.person_id, f.key, g.person_id FROM aliases f JOIN aliases g"
        " ON g.kind = 'handle' AND g.source = ? AND g.key = f.key AND g.person_id != f.person_id"
        f" JOIN persons p ON p.id = f.person_id WHERE f.kind = 'handle' AND f.source IN ({marks})"
        " AND p.is_bot = 0",
        (MAPPED_SOURCE, *FORGES),
    ).fetchall()
    holders: dict[tuple[int, str], set[int]] = defaultdict(set)
    for account, login, holder in pairs:
        holders[(int(account), str(login))].add(int(holder))
    if not holders:
        return 0
    involved = sorted({p for (account, _), found in holders.items() for p in {account, *found}})
    split, hidden, gone, merged = split_people(conn, involved), opted_out(conn), set[int](), 0
    for (account, login), found in sorted(holders.items()):
        if len(found) != 1 or account in gone:
            continue
        (keep,) = found
        if {keep, account} & (split | gone) or account in hidden:
            continue
        words = {
            word
            for (name,) in conn.execute(
                "SELECT value FROM aliases WHERE person_id = ? AND kind = 'name'", (keep,)
            )
            for word in name_words(fold_accents(str(name)))
        }
        if login in words:  # (a first name as a commit's name, "alex": anyone's login too)
            continue
        # (into an opt-out too: the mailmap says the account is theirs, and it stays hidden)
        if keep not in hidden and not same_one(conn, keep, account, words, {login}):
            continue
        merge_people(conn, keep, account, now, MAILMAP_LOGIN % {"login": repr(login)})
        gone.add(account)
        merged += 1
    return merged


__all__ = ["MAPPED_SOURCE", "join_mapped_logins"]
