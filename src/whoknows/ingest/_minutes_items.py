"""What a minutes item says someone does: a deed a tool does as well ("publie", "migre",
"met à jour") is a person's only where a minutes item gives it, after its label or a list's
bullet ("Open data : Sarah publie le jeu des collèges", "- Karim migre les boîtes"); at a
sentence's start it is a how-to's, whoever bears the tool's name ("Jenkins publishes the
container image to Harbor", where a colleague is named Mark Jenkins: an attacker's)."""

from __future__ import annotations

import re

# (French: English minutes are read with the deeds of ``_doers``; "assure" and "forme" are a
# relay's and a tool's as often: "Postfix assure le relais", "Marc assure que …"; English
# labels' deeds, "Deploy: Jenkins deploys public/ …", are a how-to's as often: an attacker's)
DOES_AFTER_LABEL = frozenset(
    "applique assure forme présente relance contacte publie migre met déploie installe"
    " configure livre teste".split()
)
# what opens a note, not a minutes item ("FYI: Jenkins publishes …", a reviewer's; "Pour info :
# Veeam applique …", "Remarque : Jenkins migre …", an attacker's)
_NO_LABEL = frozenset(
    [
        *"fyi note nb ps info rappel attention important update edit remarque nota".split(),
        *("pour info", "pour information", "à noter", "a noter", "for info", "heads up"),
    ]
)


def minutes_deed(before: str, word: str) -> bool:
    """Whether ``word``, after a name that ``before`` leads to, is a minutes item's deed."""
    return word in DOES_AFTER_LABEL and _labelled(before)


def _labelled(before: str) -> bool:
    """A minutes item's start: after its label ("Open data : ") or a list's bullet."""
    label = before.rstrip()
    words = re.findall(r"[\w'’]+", label.lower())
    noted = bool(words) and (words[-1] in _NO_LABEL or " ".join(words[-2:]) in _NO_LABEL)
    return label in ("-", "*", "•", "–") or (label.endswith(":") and not noted)


__all__ = ["DOES_AFTER_LABEL", "minutes_deed"]
