"""The colleague a referral vouches for: "ask @Hugo, he knows LDAP", "@Priya tu peux aider
Antoine ? Elle connaît Wwise par cœur." The writer only points (``referrer``: no vote of their
own); the one colleague the message mentions, who is neither its writer nor the thread's opener,
is ``endorsed`` when the message says why them (:func:`vouches`): a colleague's word that they
know the subject, which votes for them with less weight than an answer of their own
(:mod:`whoknows.rank.roles`). A message that mentions several colleagues endorses none: which
of them it vouches for is not said.

The reason must be said of the mentioned colleague: by the mention itself ("@Hugo knows
LDAP"), by a pronoun after it with no other person pointed to in between ("@Tom ask Karim, he
knows LDAP" vouches for Karim, who is no account here, not for Tom), or to them ("c'est toi qui
connais le mieux le flux"); as a statement ("@Hugo knows LDAP? since when?" asks), of the
subject (not "knows the LDAP admin", "owns this ticket from now on"), neither denied ("he knows
nothing of it"), conditional ("if @Hugo knows LDAP …"), mocking ("… like I know Mandarin"),
blaming ("c'est lui qui l'a causé") nor warning off ("Never ask @Hugo, he knows LDAP")."""

from __future__ import annotations

import re
from dataclasses import replace

from whoknows.ingest._referrals import MENTION, PERSON_NAME, POINTING
from whoknows.records import ItemRecord, PersonRef
from whoknows.vocab import ContributionRole

_PRONOUN = r"(?i:he|she|they|il|elle|ils|elles)"
# a place that says knowledge ("our Postgres person", "l'experte", "le pro du LDAP"); one,
# person or guy only for something or at the end ("the one to ask"; not "the one who broke it")
_PLACE = (
    r"(?i:the |our |your |l['’]|la |le |notre |nos |les |un |une |a |an )(?:[\w-]+ ){0,2}?"
    r"(?i:expert|experte|experts|specialist|sp[ée]cialiste|go-to|owner|guru|pro|"
    r"r[ée]f[ée]rente?|(?:one|person|guy|woman|man|personne)"
    r"(?=\s+(?:for|to ask|to talk to|pour|[àa] qui|on|sur)\b|\s*[,.;!]|\s*$))"
)
_KNOWING = (
    r"(?i:knows|would know|knew|s['’]y conna[iî]t|conna[iî]t|connaissent|ma[iî]tris(?:e|ent)|"
    r"sait|saura|owns|owned|maintains|maintained|runs|ran|handles|handled|built|wrote|"
    r"set up|configured|fixed|solved|did|used to own|g[èe]re|g[èe]rent|g[ée]rait|"
    r"s['’]occupe (?:de|du|des)|s['’]en occupe|s['’]en occupait|"
    r"a (?:d[ée]j[àa] )?(?:fait|[ée]crit|mont[ée]|construit|d[ée]velopp[ée]|con[çc]u|"
    r"corrig[ée]|r[ée]gl[ée]|configur[ée])|"
    r"has (?:deep|a lot of|lots of|years of|solid|strong) (?:[\w-]+ ){0,2}?"
    r"(?:experience|knowledge)|is (?:responsible|in charge) (?:for|of)|"
    r"est (?:responsable|en charge) d(?:u|e|es|['’])|est cal[ée]e? en|"
    r"(?:is|['’]s) the one who (?:knows|configured|set up|built|wrote|fixed|handles|owns|"
    r"maintains|runs)|"
    rf"(?:is|are|['’]s|est|sont) {_PLACE})"
)
_SECOND = (  # said to the colleague ("You did the last two upgrades", "tu connais bien LDAP")
    r"(?i:you|tu|vous)\s+(?i:did|wrote|built|set up|handled|fixed|as fait|avez fait|"
    r"as (?:[ée]crit|mont[ée]|g[ée]r[ée])|avez (?:[ée]crit|mont[ée]|g[ée]r[ée])|"
    r"know (?:it|this|that|the [\w-]+) best|connais(?:sez)? (?:bien|le mieux|par c(?:œ|oe)ur))"
)
_VOUCH = re.compile(
    rf"(?<![\w@])(?P<knower>{MENTION}|{_PRONOUN}|{PERSON_NAME})(?:\s+|(?=['’]s\b)){_KNOWING}"
    r"(?!\w)|"
    rf"(?i:c['’]est) (?P<who>(?i:lui|elle|eux|toi|vous)|{MENTION}) (?i:qui) "
    r"(?i:g[èe]res?|g[èe]rez|conna[iî]t|connais|connaissez|s['’]occupe|t['’]occupes|"
    r"vous occupez|sait|sais|savez)(?!\w)|"
    rf"(?P<place>(?i:c['’]est) {_PLACE})(?!\w)|"
    rf"(?:^|[,;]\s*|{MENTION},?\s+)(?P<you>{_SECOND})(?!\w)"
)
_SENTENCE = re.compile(r"(?:[^.!?]|[.!?](?!\s|$))+[.!?]*")
_PLAIN_POINTER = re.compile(rf"{POINTING}\s+(?!@){PERSON_NAME}")
_MENTIONED = re.compile(MENTION)
_SECOND_PERSON = re.compile(r"(?i:toi|vous)")
# what follows the verb: a knowledge denied, a person known, a piece of work handed over
_DENIED = re.compile(r"\s+(?i:nothing|rien|pas|not|little|peu|jamais|never)\b")
_OF_A_PERSON = re.compile(
    r"\s+(?i:(?:the |l['’]|le |la |un |une |a |an |les )(?:[\w-]+ ){0,2}?(?:admin\w*|"
    r"administrat\w*|guy|person|people|team|[ée]quipe|gens|responsable|contact|manager|boss|"
    r"chef|vendor|fournisseur)\b|quelqu['’]un|someone|somebody|everyone|tout le monde)"
)
_WORK_ITEM = re.compile(
    r"\s+(?i:this|that|the|ce|cette|le|la) (?i:ticket|issue|bug|task|case|incident|"
    r"demande|t[âa]che)\b|\s+(?i:this one)\b|(?i:from now on|d[ée]sormais|[àa] partir de "
    r"maintenant)"
)
_IF = re.compile(r"(?i:\b(?:if|si|whether|unless|when|once|quand|lorsque)\s*|s['’])$")
_MOCKS = re.compile(
    r"(?i:\blike (?:i|me|my)\b|\bas well as\b|\babout as\b|\bcomme (?:moi|mon|ma|je)\b|"
    r"\bautant que moi\b)"
)
_WARNS_OFF = re.compile(
    r"(?i:\b(?:never|don['’]t|do not|jamais|surtout pas|[ée]vite[rz]?|avoid)\b[^.!?]{0,20}"
    r"\b(?:ask|talk|ping|contact|demande|vois|parle|contacte)|\bne (?:demande|contacte) pas\b)"
)
_BLAME = re.compile(
    r"(?i:\b(?:caused|broke|broken by|cass[ée]|caus[ée]|(?:his|her|their) fault|sa faute|"
    r"[àa] cause de (?:lui|elle))\b)"
)


def vouches(text: str) -> bool:
    """Whether a message that points to a colleague says why them, of the colleague it
    mentions (see the module)."""
    if _WARNS_OFF.search(text) or _BLAME.search(text):
        return False
    for sentence in _SENTENCE.finditer(text):
        said = sentence.group()
        if said.rstrip().endswith("?") or _MOCKS.search(said):
            continue
        for found in _VOUCH.finditer(said):
            start = sentence.start() + found.start()
            if _said_of_the_mentioned(text, found, start):
                return True
    return False


def _said_of_the_mentioned(text: str, found: re.Match[str], start: int) -> bool:
    """Whether the reason ``found`` (at ``start`` in ``text``) is a statement of the subject,
    said of the colleague the message mentions."""
    after = text[start + found.end() - found.start() :]
    if _DENIED.match(after) or _OF_A_PERSON.match(after) or _WORK_ITEM.match(after):
        return False
    if _WORK_ITEM.search(found.group()) or _IF.search(text[:start]):
        return False
    knower = found["knower"] or found["who"] or ""
    if knower.startswith("@"):
        return True
    if found["you"] or _SECOND_PERSON.fullmatch(knower):
        return _MENTIONED.search(text) is not None  # (said to the colleague addressed)
    if found["knower"] and not re.fullmatch(_PRONOUN, knower):
        return False  # (a name written plain: no account of this message's mentions)
    before = list(_MENTIONED.finditer(text, 0, start))
    if before:
        return _PLAIN_POINTER.search(text, before[-1].end(), start) is None
    next_one = _MENTIONED.search(text, start)  # ("c'est le pro du LDAP, demande à @Hugo")
    return next_one is not None and _PLAIN_POINTER.search(text, start, next_one.start()) is None


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


__all__ = ["endorse", "vouches"]
