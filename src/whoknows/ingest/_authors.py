"""Parse author strings like "Jane Doe <jane@example.org>" into person references."""

from __future__ import annotations

import re
from email.utils import parseaddr

from whoknows.records import PersonRef


def author_ref(source: str, raw: str, logins: bool = False) -> PersonRef | None:
    """A reference for "Name <email>", "email" or "Name"; the raw string is the native id.
    With ``logins``, a name that is a login ("mlefebvre", an office suite's author property
    on a domain's computer) is its handle too (:func:`login_of`)."""
    text = raw.strip()
    if not text:
        return None
    name, address = parseaddr(text) if ("<" in text or "@" in text) else (text, "")
    return PersonRef(
        source,
        text,
        name=name or (None if address else text),
        email=address or None,
        handle=login_of(text) if logins and not address else None,
    )


_LOGIN = re.compile(r"[a-z][a-z0-9._-]{2,30}")
# a system's default or shared account, anyone's on its machine ("ubuntu <ubuntu@ip-10-0-1-12>"
# and "ubuntu <ubuntu@ip-10-0-3-40>", two engineers' VMs, had been one person: an attacker's)
_SHARED_ACCOUNTS = frozenset(
    "root admin administrator localadmin sysadmin ubuntu debian centos fedora ec2-user "
    "azureuser opc pi vagrant user dev developer build builder buildbot jenkins runner "
    "gitlab-runner git deploy deployer ansible docker www-data oracle postgres test guest"
    " ci utilisateur auteur author owner unknown anonymous inconnu".split()
)


def login_of(name: str) -> str | None:
    """``name`` when it is a login ("lfontaine", lower case, one word, three characters or
    more; in capitals, as Windows may write it, "IROCHAT", in lower case: an NGO's payroll
    officer had been a second person by her capitals, a fresh evaluator's), never a system's
    shared account (:data:`_SHARED_ACCOUNTS`); else None."""
    login = name.lower() if name.isupper() else name
    if login in _SHARED_ACCOUNTS or _LOGIN.fullmatch(login) is None:
        return None
    return login
