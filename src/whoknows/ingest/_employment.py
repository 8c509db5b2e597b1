"""What a directory's internal/external column says: staff, an outsider, or nothing (an
employment status said in a "Statut" column as often)."""

from __future__ import annotations

import re
import unicodedata

_INTERNAL = {
    *("1", "true", "yes", "internal", "employee", "staff", "intern", "apprentice", "int"),
    *("permanent", "fulltime", "full", "parttime", "part", "employees", "employed", "inhouse"),
    *(
        "regular",
        "regulier",
        "reguliere",
    ),  # (Workday's "Employee Type: Regular": a third attacker's)
    *("oui", "vrai", "interne", "salarie", "salariee", "cdi", "cdd", "stagiaire", "alternant"),
    *("salaries", "titulaire", "fonctionnaire", "contractuel", "collaborateur", "apprenti"),
    "member",  # (Microsoft Graph's userType)
}
_EXTERNAL = {
    *("0", "false", "no", "external", "contractor", "consultant", "vendor", "freelance", "ext"),
    *("contingent", "temporary", "temp", "agency", "supplier", "freelancer", "outsourced"),
    *("non", "faux", "externe", "prestataire", "sous_traitant", "interimaire", "independant"),
    *("presta", "regie", "interim", "soustraitant", "fournisseur", "freelances", "consultante"),
    "guest",  # (Microsoft Graph's userType: another tenant's account)
}

# an employment status, said in a "Statut" column as often as staff or outsider ("Actif",
# "Inactif": a Québec lab's HR export had been refused whole); the dates say who left
_STATUS = {
    *("actif", "active", "inactif", "inactive", "en_poste", "en_activite", "terminated"),
    *("departed", "left", "parti", "partie", "sorti", "sortie", "on_leave", "en_conge"),
}


def internal_value(value: object) -> bool | None:
    """True for staff, False for an outsider, None when not said (or only an employment
    status is); ValueError when the value is neither."""
    if value is None or value == "":
        return None
    text = folded(str(value))
    if text in _STATUS:
        return None
    if text in _INTERNAL:
        return True
    if text in _EXTERNAL:
        return False
    words = set(text.split("_"))  # ("Salarié CDI", "Prestataire (régie)", "Contingent Worker")
    if words & _INTERNAL and not words & _EXTERNAL:
        return True
    if words & _EXTERNAL and not words & _INTERNAL:
        return False
    raise ValueError(str(value))


_SAID = {"1": True, "true": True, "yes": True, "oui": True, "vrai": True, "y": True, "o": True}
_SAID.update({"0": False, "false": False, "no": False, "non": False, "faux": False, "n": False})


def external_value(value: object) -> bool | None:
    """:func:`internal_value` of a column that says who is an outsider ("Externe: oui", a
    hospital's directory: its vendors' staff had been read as no one's, or would have been
    read as staff), its words ("prestataire", "interne") as they say."""
    said = _SAID.get(folded(str(value))) if value not in (None, "") else None
    return internal_value(value) if said is None else not said


def folded(name: str) -> str:
    """A column name or a value compared whatever its case, accents, spaces and dashes; a
    JSON field's words joined in camel case read apart ("jobTitle" is job_title)."""
    name = re.sub(r"[’‘ʼ`´]", "'", name)  # ("Titre d’emploi": its apostrophe was dropped)
    bare = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    bare = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", bare)
    return re.sub(r"[^a-z0-9]+", "_", bare.lower()).strip("_")


__all__ = ["external_value", "folded", "internal_value"]
