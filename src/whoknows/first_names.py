"""Short forms of first names: a clipping ("Nico" of Nicolas) or a known pet form ("Joe" of
Joseph). Core, as connectors read a profile's short name and identity suggests pairs by it.

Pet forms come from the ``nicknames`` package's curated English list, not from letters ("Joe"
begins no "Joseph"); clippings from the usual ones of English and French first names, two
letters short at least, their rest no ending that makes a name of another ("Nico" is no
Nicole's, "Jean" no Jeanne's).
"""

from __future__ import annotations

import functools
import re

from nicknames import NickNamer

from whoknows.text import fold_accents

CLIPPED_LETTERS = 2  # letters a clipping drops at least ("Vince|nt", "Nico|las", "Max|ime")
SHORTEST_OWN_CLIPPING = 3  # letters of a clipping a person's own profile gives, at least
# the usual clippings of English and French first names, folded (a language's, as a stopword
# list is: no organisation's); each joins the first names it begins
CLIPPINGS = frozenset(
    """alex aure aurel bart bea ben benji bert cath caro ced chris christ clem dan deb dom domi
    doug fab flo fran fred gab greg gui jeff jerem jess jon ken ludo mat math matt max mel nat
    nath nico pat phil rob ron sam seb stan steph syl tim val vic vince vero will xav""".split()
)
# what turns a first name into another ("Jean|ne", "Jean|nette", "Paul|ine", "Simon|e",
# "Daniel|le", "Henri|ette", "Christian|e"), never a clipping's rest
_DERIVED = re.compile(r"[lnt]?(?:e|te|ette|ine|elle|ienne|iane|a|ia|ina)")
_NAMER = NickNamer()  # (its list read once, 0.1 s)


@functools.cache
def hypocorisms(short: str) -> frozenset[str]:
    """The first names ``short`` (folded, lower case) is a known pet form of, by the curated
    English list of the ``nicknames`` package ("joe": joseph, joshua; "bill": william)."""
    return frozenset(_NAMER.canonicals_of(short))


def clips(short: str, first: str, listed: bool = True) -> bool:
    """Whether ``short`` (folded, lower case) is a clipping of the first name ``first``, as the
    module says (``listed``: one of :data:`CLIPPINGS`)."""
    rest = first[len(short) :]
    return (
        (short in CLIPPINGS or not listed)
        and first.startswith(short)
        and len(rest) >= CLIPPED_LETTERS
        and _DERIVED.fullmatch(rest) is None
    )


def called_by(short_name: object, full_name: object) -> str | None:
    """The full name a person goes by when a profile of theirs gives a short form of their
    first name ("Joe" or "Joe Kamau" on Joseph Kamau's chat profile: "Joe Kamau"), a known pet
    form or a clipping of three letters or more; else None (a nickname of no first name,
    "Boss", "JK", says nothing of how others write their name)."""
    said, full = str(short_name or "").split(), str(full_name or "").split()
    if len(full) < 2 or not said or not said[0].isalpha():
        return None
    rest = [fold_accents(word).lower() for word in full[1:]]
    if len(said) > 1 and [fold_accents(word).lower() for word in said[1:]] != rest:
        return None  # (another name: "Dan M." or a team's, not this person's)
    short, first = fold_accents(said[0]).lower(), fold_accents(full[0]).lower()
    # (their own profile's clipping need be in no list: "Isa" on Isabelle's; never one that
    # is another's name by its ending, "Jean" on Jeanne's)
    clipped = len(short) >= SHORTEST_OWN_CLIPPING and clips(short, first, listed=False)
    if short == first or not (clipped or clips(short, first) or first in hypocorisms(short)):
        return None
    return " ".join((said[0][:1].upper() + said[0][1:], *full[1:]))


__all__ = ["CLIPPINGS", "called_by", "clips", "hypocorisms"]
