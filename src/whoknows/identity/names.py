"""Normalised keys for names, emails and handles, so that variants of one alias meet."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable

from whoknows.text import fold_accents

_NON_WORD = re.compile(r"[^a-z0-9' -]+")
_TITLES = {"dr", "mr", "mrs", "ms", "mme", "m", "prof", "jr", "sr", "ii", "iii"}


# an account's qualifier after the name that says which of the person's accounts it is
# ("Patrick O'Brien (admin)": a lab's admin account on its forge was a second Patrick O'Brien);
# any other qualifier may tell namesakes apart ("Marie Martin (DRH)" and "(DSI)", "Jean Dupont
# (Sopra Steria)", "(Invité)": a second attacker's, merged by a first version that dropped all)
_QUALIFIER = re.compile(r"\s*[(\[]([^()\[\]]*)[)\]]\s*$")
_ACCOUNT_KIND = frozenset(
    "admin adm administrator administrateur administratrice root sudo test testing dev perso"
    " personal personnel old ancien backup".split()
)


def _tokens(name: str, fold: Callable[[str], str] = fold_accents) -> list[str]:
    qualifier = _QUALIFIER.search(name)
    said = set(re.findall(r"[a-z]+", fold(qualifier[1]).lower())) if qualifier else set()
    bare = name[: qualifier.start()] if qualifier and said and said <= _ACCOUNT_KIND else name
    text = fold(bare if bare.strip() else name).lower().strip()
    if "," in text:  # "Doe, Jane" -> "Jane Doe"
        last, _, first = text.partition(",")
        text = f"{first} {last}"
    text = _NON_WORD.sub(" ", text.replace(".", " ").replace("-", " ").replace("_", " "))
    return [token.strip("'") for token in text.split() if token.strip("'") not in _TITLES]


# a first name and a last initial: "Bernard L.", "Laure F", "Jean-Pierre B." (a forum's
# display name, a home address's sender name)
FIRST_AND_INITIAL = re.compile(r"([^\W\d_]{2,}(?:-[^\W\d_]+)*) ([^\W\d_])\.?")


def first_and_initial(name: str) -> tuple[str, str] | None:
    """A "First L." name's first name and initial, folded and in lower case; else None."""
    found = FIRST_AND_INITIAL.fullmatch(name.strip())
    if found is None:
        return None
    return fold_accents(found[1]).lower(), fold_accents(found[2]).lower()


def name_key(name: str | None, fold: Callable[[str], str] = fold_accents) -> str | None:
    """Order-, case- and accent-insensitive key of a full name; None for single words.

    "Inès Moreau", "MOREAU, Ines" and "ines moreau" share a key. A single word is too
    ambiguous to merge people on, so it gets no key.
    """
    if not name or "@" in name:
        return None
    tokens = [t for t in _tokens(name, fold) if t]
    if len(tokens) < 2 or all(len(t) == 1 for t in tokens):
        return None
    if any(len(t) == 1 for t in tokens):  # initials are matched by initials_key instead
        return None
    return " ".join(sorted(tokens))


def initials_key(name: str | None) -> str | None:
    """First initial plus last name: "J. Smith", "John Smith" and "Smith, John" give "j smith"."""
    if not name or "@" in name:
        return None
    tokens = [t for t in _tokens(name) if t]
    if len(tokens) < 2 or len(tokens[-1]) < 2:
        return None
    return f"{tokens[0][0]} {tokens[-1]}"


def normalize_email(address: str | None) -> str | None:
    if not address or "@" not in address:
        return None
    local, _, domain = address.strip().strip("<>").lower().rpartition("@")
    local = local.split("+", 1)[0] if local else local
    return f"{local}@{domain}" if local and domain else None


# mail providers anyone may hold an address at, by the name before their country or generic
# ending ("hotmail.co.uk", "gmx.ch", "uol.com.br"): a second address of the same person as often
# as anyone's
PERSONAL_MAIL = frozenset(
    "gmail googlemail outlook hotmail live msn yahoo ymail rocketmail icloud me mac aol proton"
    " protonmail pm gmx web mail email free orange wanadoo laposte sfr neuf bbox numericable"
    " yandex qq 163 126 sina fastmail zoho tutanota hey btinternet sky virginmedia ntlworld"
    " talktalk comcast verizon att sbcglobal bellsouth cox charter shaw rogers sympatico bigpond"
    " optusnet libero virgilio tiscali alice tin t-online freenet arcor bluewin hispeed uol bol"
    " terra ig seznam centrum wp o2 interia onet naver daum hanmail rediffmail skynet telenet"
    " ziggo kpnmail xs4all planet hetnet chello videotron cogeco telus sunrise voo proximus"
    " club-internet cegetel noos aliceadsl".split()
)
# the labels under a country's ending that are a registry's, not an organisation's: "co.uk",
# "or.jp", "com.br", "gouv.fr"
_REGISTRY_LEVELS = frozenset(
    "co com ac gov gouv org net edu or ne go ltd plc nhs gob gv asso nom sch mil lg ed in nic"
    " int res tm".split()
)
# a machine's own name (git's default "user@laptop.local") or a forge's private address
_NO_ORGANISATION = re.compile(r"(?:^|\.)(?:local|localdomain|lan|home|internal|localhost)$|noreply")


def spelt_keys(login: str) -> tuple[list[str], list[str]]:
    """The initials keys and the full names' keys a login may spell: an initial and the last
    name ("kwatanabe", "watanabek"), or the two names ("kenji.watanabe", "kenjiwatanabe")."""
    initials = [f"{login[:1]} {login[1:]}", f"{login[-1:]} {login[:-1]}"]
    words = re.split(r"[._-]", login)
    joined = [[login[:i], login[i:]] for i in range(2, len(login) - 1)]
    pairs = [words] if len(words) == 2 else joined
    return initials, [key for first, last in pairs if (key := name_key(f"{first} {last}"))]


_TENANT_HOSTS = frozenset({"onmicrosoft.com", "sharepoint.com", "zendesk.com", "atlassian.net"})


def organisation_of(email: str) -> str | None:
    """The organisation an address (normalised) belongs to: its domain less any subdomain
    ("mail.corp.co.uk" is "corp.co.uk", "beta.or.jp" itself); None for a mail provider's
    (:data:`PERSONAL_MAIL`), a forge's private address or a machine's own name."""
    domain = email.rpartition("@")[2]
    if "." not in domain or _NO_ORGANISATION.search(domain):
        return None
    labels = domain.split(".")
    registry = len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _REGISTRY_LEVELS
    # (a tenant's own name under a host's: "securot.onmicrosoft.com" is no "aqualis.…")
    registry |= len(labels) >= 3 and ".".join(labels[-2:]) in _TENANT_HOSTS
    kept = 3 if registry else 2
    if labels[-kept] in PERSONAL_MAIL:
        return None
    return ".".join(labels[-kept:])


def organisation_name(organisation: str) -> str:
    """An organisation's name without its ending ("dva-avocats.fr" is "dva-avocats",
    "corp.co.uk" "corp"): the same name under two endings is one organisation only where it is
    the directory's own (``identity.resolver``)."""
    return organisation.split(".", 1)[0]


# the private addresses forges give their accounts: "91234567+mlzhou@users.noreply.github.com"
# (or, before 2017, "mlzhou@…"), "42-zoe@users.noreply.gitlab.com"
_FORGES_PRIVATE = {
    "users.noreply.github.com": ("github", "+"),
    "users.noreply.gitlab.com": ("gitlab", "-"),
}


FORGES = frozenset(forge for forge, _ in _FORGES_PRIVATE.values())
# the tools an organisation runs itself, whose usernames are its own logins (a Jira Server or
# Data Center comment's "zoe.lefevre"; Cloud's account ids never spell an address)
LOGIN_SOURCES = frozenset({"jira", "confluence"})


def forge_login(address: str) -> tuple[str, str, str | None] | None:
    """(forge, login, the account's id where the address gives it) of a forge's private
    address, whose commits are that account's."""
    local, _, domain = address.strip().strip("<>").lower().rpartition("@")
    forge = _FORGES_PRIVATE.get(domain)
    if forge is None or not local:
        return None
    number, mark, login = local.partition(forge[1])
    if mark and number.isdigit() and login:
        return forge[0], login, number
    return forge[0], local, None


def normalize_handle(handle: str | None) -> str | None:
    if not handle:
        return None
    value = handle.strip().lstrip("@").lower()
    return value or None


def near_names(reference: str, names: Iterable[str], limit: int = 3) -> list[str]:
    """The ``names`` a mistyped or partial one may mean, accents and case aside: those that
    hold all its words ("Ines" for Inès Moreau), else the closest in spelling (a ratio of
    0.8 or more: "Ines Morrau"); at most ``limit``, alphabetical."""
    wanted = " ".join(_tokens(reference))
    if not wanted:
        return []
    folded: dict[str, list[str]] = {}
    for name in names:
        folded.setdefault(" ".join(_tokens(name)), []).append(name)
    words = set(wanted.split())
    holding = [name for key, found in folded.items() if words <= set(key.split()) for name in found]
    if holding:
        return sorted(holding)[:limit]
    close = difflib.get_close_matches(wanted, list(folded), n=limit, cutoff=0.8)
    return sorted(name for key in close for name in folded[key])[:limit]


_REGISTRY = re.compile(r"^(?:https?://([^/]+)/|([a-z][a-z0-9]+):(?!//))")


def registry(native_id: str) -> str:
    """Which registry of ids a source's native id is from, where one source holds several (a
    paper set's "https://openalex.org/A5023888391" and "semanticscholar:144328312"): two
    accounts of one registry are two people, accounts of two named registries may be one (a
    bare id, "" here, may be of any)."""
    found = _REGISTRY.match(native_id)
    return (found.group(1) or found.group(2)) if found else ""
