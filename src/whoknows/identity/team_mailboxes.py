"""A mailbox named after a department of the directory is a team's, not a person's.

An aerospace firm's design office and quality department wrote from `bureau-etudes@…` ("Bureau
d'études") and `qualite@…` ("Service Qualité"): no directory entry, and no word of the role
mailboxes' list (:func:`whoknows.bots.group_mailbox`) names them, so each was a person, listed
in thirteen of thirty answers (a fresh evaluator's). The directory names its departments:
once an ingest is written (:func:`mark_team_mailboxes`, so in either order of ingest), a
person the directory does not list, whose address before the "@" or whose name is one of its
departments' names ("Service", "Pôle", "Équipe", "Team" before it, "de", "d'", "the" inside
it aside), is a service account, never listed. A colleague named like a department is no
such person: the directory lists them. Nor is a sender the directory does not list whose
every address is a role's or a team's (:func:`whoknows.bots.group_mailbox`) and whose name
says a rota or a desk (a hospital's biomedical on-call rota wrote from `biomed-astreinte@…` as
"Astreinte Biomédicale", second for infusion pump alarms: a fresh evaluator's). Nor one
named with the organisation's own name and the words of a department or a desk ("Laboratoire
Aqualis <labo@aqualis.be>": a water utility's lab sending its test reports was second for ISO
17025), when its address names the desk ("labo@", never "l.bernard@" of a family firm).
"""

from __future__ import annotations

import re
import sqlite3

from whoknows.bots import group_mailbox
from whoknows.identity.names import organisation_name, organisation_of
from whoknows.text import fold_accents

# words that say a team without being its name ("Service Qualité", "Équipe Achats")
_TEAM_WORDS = frozenset(
    {"service", "pole", "equipe", "team", "dept", "departement", "department", "group", "groupe"}
)
# words of a rota's or a desk's name ("Astreinte Biomédicale", "Support Partenaire X3"): a
# role's address under a person's name is that person's ("Jean Dupont <contact@…>", a
# freelancer; "Romain Hubert <rh@…>", a lawyer's initials: an attacker's)
_TEAM_NAME_WORDS = frozenset(
    """astreinte astreintes support supports service equipe team helpdesk hotline secretariat
    accueil permanence oncall standard servicedesk desk notifications alertes alerts
    newsletter""".split()
)
# ``persons.is_bot`` of a team's mailbox known by its name (1: a service account the sources
# say): a bot to every reader, and a person again once the directory lists them
TEAM_MAILBOX = 2
_LINKS = frozenset({"d", "de", "du", "des", "l", "la", "le", "les", "et", "the", "of", "and"})
_LETTERS = re.compile(r"[^\W\d_]+")


def team_key(text: str, strip: bool = True) -> str:
    """A department's name as a key: "Bureau d'études" and "bureau-etudes" are both
    "bureau etudes"; "Service Qualité" and "qualite" are "qualite" (``strip``: the words that
    say a team before it left out)."""
    words = _LETTERS.findall(fold_accents(text).lower())
    kept = [word for word in words if word not in _LINKS]
    while strip and kept and kept[0] in _TEAM_WORDS:
        kept = kept[1:]
    return " ".join(kept)


def mark_team_mailboxes(conn: sqlite3.Connection) -> int:
    """Mark as service accounts the people the module describes; how many were marked. A
    department named with a team's word is matched whole ("Pôle Lorraine" is no
    "Lorraine <lorraine@…>"), one named without it as the name a mailbox gives it."""
    departments: set[str] = set()
    department_words = set(_TEAM_NAME_WORDS)
    for (name,) in conn.execute("SELECT DISTINCT department FROM persons WHERE department != ''"):
        whole, stripped = team_key(name, strip=False), team_key(name)
        departments.update(key for key in {whole, stripped if stripped == whole else ""} if key)
        department_words.update(whole.split())
    if not departments:
        return 0
    listed = {
        person
        for (person,) in conn.execute(
            "SELECT person_id FROM aliases WHERE kind = 'source_id' AND source = 'directory'"
        )
    }
    addresses: dict[int, list[str]] = {}
    for person, key in conn.execute("SELECT person_id, key FROM aliases WHERE kind = 'email'"):
        addresses.setdefault(person, []).append(key)
    conn.execute(  # (a colleague a later directory lists is no team's mailbox, marked or not)
        f"UPDATE persons SET is_bot = 0 WHERE is_bot = {TEAM_MAILBOX} AND id IN (SELECT"
        " person_id FROM aliases WHERE kind = 'source_id' AND source = 'directory')"
    )
    teams = [
        person
        for person, name in conn.execute("SELECT id, display_name FROM persons WHERE is_bot = 0")
        if person not in listed
        and (
            any(
                team_key(said, strip=False) in departments or team_key(said) in departments
                for said in (name, *(a.split("@")[0] for a in addresses.get(person, ())))
            )
            or _team_named(name)
            or _organisations_desk(name, addresses.get(person, []), department_words)
            or (
                bool(addresses.get(person))
                and all(map(group_mailbox, addresses[person]))
                and not _desk_words(addresses[person]).isdisjoint(team_key(name, False).split())
            )
        )
    ]
    conn.executemany(
        f"UPDATE persons SET is_bot = {TEAM_MAILBOX} WHERE id = ?", [(p,) for p in teams]
    )
    return len(teams)


def _team_named(name: str | None) -> bool:
    """Whether a name opens with a word that says a team ("Équipe Montréal", "Team Lyon": a
    studio's lists were people in `people list`)."""
    words = _LETTERS.findall(fold_accents(name or "").lower())
    return len(words) >= 2 and words[0] in _TEAM_WORDS - {"group", "groupe"}


def _organisations_desk(name: str | None, addresses: list[str], desks: set[str]) -> bool:
    """Whether a name is its addresses' organisation's name beside words of ``desks`` only
    ("Laboratoire Aqualis <labo@aqualis.be>"), and no address spells it as a person's."""
    words = team_key(name or "", strip=False).split()
    for address in addresses:
        organisation = organisation_of(address)
        if organisation is None:
            continue
        own = team_key(organisation_name(organisation), strip=False).split()
        rest = [word for word in words if word not in own]
        local = team_key(address.split("@")[0], strip=False).split()
        # (the address names the desk, each of its parts a desk's word or its start: "labo",
        # "qualite"; "l.bernard@bernard.fr" is Lorraine Bernard's, a family firm's, whose
        # agency is "Agence Lorraine": an attacker's)
        desk = bool(local) and all(
            part in desks or any(word.startswith(part) for word in rest) for part in local
        )
        if own and set(own) <= set(words) and rest and set(rest) <= desks and desk:
            return True
    return False


def _desk_words(addresses: list[str]) -> frozenset[str]:
    """The words of a rota's or a desk's name, and the roles the ``addresses`` name before
    their "@" ("RH Brume <rh@…>", a studio's payroll notices, third for Québec payroll;
    "Romain Hubert <rh@…>" names no role)."""
    return _TEAM_NAME_WORDS | {team_key(address.split("@")[0]) for address in addresses}


__all__ = ["TEAM_MAILBOX", "mark_team_mailboxes", "team_key"]
