"""Who is outside the organisation: the directory says so ("Externe: oui", a vendor's field
engineer), or a person the directory does not list writes only from domains none of its
people write from (a regulator's notices, an engine maker's support desk). An answer says so
where it lists them, at the ranking's place (an outside consultant who alone answers a subject
is the one to know of): a hospital's vendor account manager, third for his product's
configuration on a release-notes mail, and an aircraft shop's regulator, second for an
inspection its notice prescribed, had been shown like colleagues."""

from __future__ import annotations

import sqlite3

from whoknows.identity.names import organisation_of

# mail services and forges' relay addresses, which name no one's organisation
MAIL_SERVICES = frozenset(
    """
    gmail.com googlemail.com outlook.com outlook.fr hotmail.com hotmail.fr live.com live.fr
    msn.com yahoo.com yahoo.fr icloud.com me.com mac.com proton.me protonmail.com gmx.de gmx.net
    gmx.fr web.de t-online.de orange.fr wanadoo.fr free.fr sfr.fr laposte.net aol.com mail.com
    yandex.ru mail.ru qq.com 163.com users.noreply.github.com noreply.github.com github.com
    noreply.gitlab.com gitlab.com example.com example.org localhost
    """.split()
)


def domain(address: str) -> str:
    """The domain of a mail address, in lower case ("" for none)."""
    return str(address).rpartition("@")[2].strip().rstrip(".").lower()  # ("acme.com.")


def outside_people(conn: sqlite3.Connection) -> frozenset[int]:
    """The people outside the organisation (see the module): marked external by the
    directory, or unlisted by it and writing from none of its people's domains (a mail
    service's, "gmail.com", is no one's). Nobody is inferred outside without a directory."""
    marked = {row[0] for row in conn.execute("SELECT id FROM persons WHERE is_internal = 0")}
    listed = {
        row[0]
        for row in conn.execute(
            "SELECT DISTINCT a.person_id FROM aliases a JOIN persons p ON p.id = a.person_id"
            " WHERE a.kind = 'source_id' AND a.source = 'directory'"
            " AND (p.is_internal IS NULL OR p.is_internal != 0)"
        )
    }
    domains: dict[int, set[str]] = {}
    for person, address in conn.execute(
        "SELECT person_id, value FROM aliases WHERE kind = 'email'"
    ):
        domains.setdefault(int(person), set()).add(domain(address))
    own = {found for person in listed for found in domains.get(person, ()) if not _service(found)}
    if not own:
        return frozenset(marked)
    foreign = {
        person
        for person, held in domains.items()
        if person not in listed
        and any(not _service(held_domain) for held_domain in held)
        and not any(_within(address_domain, own) for address_domain in held)
    }
    return frozenset(marked | foreign)


def _service(found: str) -> bool:
    """Whether a domain is a mail service's, no one's organisation (:data:`MAIL_SERVICES`, and
    the providers ``identity.names`` knows: "videotron.ca", a Québec engineer's home address,
    had marked her duplicate an outsider)."""
    return found in MAIL_SERVICES or organisation_of(f"someone@{found}") is None


def _within(domain: str, own: set[str]) -> bool:
    """Whether a domain is one of ``own`` or under one ("paris.acme.com" under "acme.com": an
    attacker's colleague at the Paris office had been labelled an outsider)."""
    parts = domain.split(".")
    return any(".".join(parts[at:]) in own for at in range(len(parts) - 1))


__all__ = ["MAIL_SERVICES", "domain", "outside_people"]
