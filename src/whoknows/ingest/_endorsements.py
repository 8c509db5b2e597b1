"""The colleague a referral vouches for: "ask @Hugo, he knows LDAP", "@Priya tu peux aider
Antoine ? Elle connaît Wwise par cœur." The writer only points (``referrer``: no vote of their
own); the one colleague the message mentions, who is neither its writer nor the thread's opener,
is ``endorsed``: a colleague's word that they know the subject, which votes for them with less
weight than an answer of their own (:mod:`whoknows.rank.roles`). A message that mentions
several colleagues endorses none: which of them it vouches for is not said."""

from __future__ import annotations

from dataclasses import replace

from whoknows.ingest._referrals import vouches
from whoknows.records import ItemRecord, PersonRef
from whoknows.vocab import ContributionRole


def _same(one: PersonRef, other: PersonRef | None) -> bool:
    return other is not None and (one.source, one.native_id) == (other.source, other.native_id)


def endorse(item: ItemRecord, opener: PersonRef | None = None) -> ItemRecord:
    """``item`` with the colleague its referral vouches for endorsed (see the module), else
    ``item`` as it is; ``opener``: who began the thread (the asker the referral answers)."""
    writer = item.contributions[0]
    if writer.role is not ContributionRole.REFERRER or not vouches(item.text):
        return item
    named = [
        place
        for place, contribution in enumerate(item.contributions[1:], start=1)
        if contribution.role is ContributionRole.MENTIONED
        and not _same(contribution.person, writer.person)
        and not _same(contribution.person, opener)
    ]
    if len(named) != 1:
        return item
    contributions = list(item.contributions)
    contributions[named[0]] = replace(contributions[named[0]], role=ContributionRole.ENDORSED)
    return replace(item, contributions=contributions)


__all__ = ["endorse"]
