"""The colleague a referral vouches for: "ask @Hugo, he knows LDAP", "@Priya tu peux aider
Antoine ? Elle connaît Wwise par cœur." The writer only points (``referrer``: no vote of their
own); the one colleague the message mentions, who is neither its writer nor the thread's opener,
is ``endorsed`` for what the message says of them (:func:`reasons`): a colleague's word that
they know a subject, which votes for them with less weight than an answer of their own
(:mod:`whoknows.rank.roles`). The endorsement is an item of its own, its text the reason alone
("he knows LDAP"): the rest of the message and the thread's question ("@Hugo knows Terraform"
under a Kafka question) are not what the colleague is vouched for, unless the reason's subject
is the thread's ("ask @Hugo, he knows this", "Hugo connaît bien le sujet"). A message that mentions
several colleagues endorses none: which of them it vouches for is not said. A mail has no
mentions: the one recipient (To, Cc) it names in plain words, by whole or first name, stands for
one ("Je mets Hugo en copie, il connaît LDAP par cœur"); a name no recipient bears ("Ask Hugo,
he knows LDAP") is no account of this message's, and a greeting's name is the reader's.

The reason must be said of the mentioned colleague: by the mention itself ("@Hugo knows
LDAP"), by a pronoun after it with no other person pointed to in between ("@Tom ask Karim, he
knows LDAP" vouches for Karim, who is no account here, not for Tom), or to them ("c'est toi qui
connais le mieux le flux"); as a plain statement of the subject, first-hand, meant and
standing: not asked ("@Hugo knows LDAP? since when?"), hedged or reported ("maybe @Hugo
knows", "Marc says @Hugo knows LDAP"), conditional ("if @Hugo knows LDAP …"), mocked ("… like
I know Mandarin", "/s", "🙄"), refuted ("… but he doesn't", "c'est faux"), blamed ("c'est lui
qui l'a mal configuré"), warned off ("Never ask @Hugo"), denied ("he knows nothing of it",
"connaît à peine"), of a person or a place ("knows the LDAP admin", "knows where the doc is"),
of someone else's ("l'équipe de @Hugo gère …"), a ticket handed over or a duty to come ("owns
this ticket from now on", "à partir de lundi @Hugo gère …"), nor quoted or in code."""

from __future__ import annotations

import re
from dataclasses import replace

from whoknows.ingest._addressees import as_mentions, named, unmarked
from whoknows.ingest._pointer_words import KNOWING, MENTION, PERSON_NAME, PLACE, POINTING
from whoknows.ingest._referrals import IN_COPY
from whoknows.records import Contribution, ItemRecord, PersonRef
from whoknows.vocab import ContributionRole

_PRONOUN = r"(?i:he|she|they|il|elle|ils|elles)"
REASONS_READ = 2_000  # characters of a referral read for its reasons
_SECOND = (  # said to the colleague ("You did the last two upgrades", "tu connais bien LDAP")
    r"(?i:you|tu|vous)\s+(?i:did|wrote|built|set up|handled|fixed|as fait|avez fait|"
    r"as (?:[ée]crit|mont[ée]|g[ée]r[ée])|avez (?:[ée]crit|mont[ée]|g[ée]r[ée])|"
    r"know (?:it|this|that|the [\w-]+) best|connais(?:sez)? (?:bien|le mieux|par c(?:œ|oe)ur))"
)
_VOUCH = re.compile(
    rf"(?<![\w@])(?P<knower>{MENTION}|{_PRONOUN}|{PERSON_NAME})(?:,?\s+(?i:who|qui))?"
    rf"(?:\s+|(?=['’]s\b)){KNOWING}(?!\w)|"
    rf"(?i:c['’]est|it was|c['’][ée]tait) (?P<who>(?i:lui|elle|eux|toi|vous)|{MENTION}),? "
    r"(?i:qui|who) (?:(?i:g[èe]res?|g[èe]rez|conna[iî]t|connais|connaissez|s['’]occupe|"
    rf"t['’]occupes|vous occupez|sait|sais|savez)|{KNOWING})(?!\w)|"
    rf"(?i:c['’]est) (?P<named>{MENTION}),? {PLACE}(?!\w)|"
    rf"(?P<place>(?i:c['’]est) {PLACE})(?!\w)|"
    rf"(?i:if anyone knows|si quelqu['’]un (?:conna[iî]t|sait))[^.!?]{{0,40}}?"
    rf"(?i:it['’]s|c['’]est) (?P<anyone>{MENTION})|"
    rf"(?:^|[,;]\s*|{MENTION},?\s+)(?P<you>{_SECOND})(?!\w)"
)
_SENTENCE = re.compile(r"(?:[^.!?？]|[.!?](?!\s|$))+[.!?？]*")
_CLAUSE_END = re.compile(
    r"[,;:.!?？]|\s(?:but|mais|not|pas|except|sauf|though|although|however|cependant|and I|"
    r"et je)\b",
    re.IGNORECASE,
)
# what is not the writer's own word for the colleague: a quotation, code
_QUOTED = re.compile(
    r"```.*?```|`[^`]*`|“[^”]*”|«[^»]*»|\"[^\"]*\"|^\s*(?:>|&gt;).*$", re.MULTILINE | re.DOTALL
)
_PLAIN_POINTER = re.compile(rf"{POINTING}\s+(?!@){PERSON_NAME}")
_MENTIONED = re.compile(MENTION)
_SECOND_PERSON = re.compile(r"(?i:toi|vous)")
_NOT_MEANT = re.compile(  # (anywhere in the message: mockery, refutation, a warning, a blame)
    r"(?i:/s\b|🙄|🙃|😂|🤣|😏|:joy:|:roll_?eyes:|:upside_down|:smirk:|\blol\b|\bmdr\b|"
    r"\byeah,? right\b|\bc['’]est [çc]a,? oui\b|\bin (?:his|her|their) dreams\b|"
    r"\bdans (?:ses|leurs) r[êe]ves\b|\bI['’]m the pope\b|\bje suis le pape\b|"
    r"\blike (?:i|me|my)\b|\bas well as\b|\babout as\b|\bcomme (?:moi|mon|ma|je)\b|"
    r"\bautant que moi\b|\bI doubt\b|\bj['’]en doute\b|\bthat['’]s (?:wrong|not true|false)\b|"
    r"\bc['’]est faux\b|\bpas vrai\b|\bmais non\b|\bif (?:it['’]s )?true\b|[àa] v[ée]rifier|"
    r"\bor so (?:i['’]m|we['’]re) told\b|\baccording to\b|\bselon (?:lui|elle|eux|[A-Z@])|"
    r"\bd['’]apr[èe]s (?:lui|elle|eux|[A-Z@])|"
    r"\bbut (?:he|she|they) (?:doesn['’]t|does not|don['’]t|didn['’]t|isn['’]t)\b|"
    r"\b(?:never|don['’]t|do not|jamais|surtout pas|[ée]vite[rz]?|avoid)\b[^.!?]{0,20}"
    r"\b(?:ask|talk|ping|contact|demande|vois|parle|contacte)|\bne (?:demande|contacte) pas\b|"
    r"\b(?:caused|broke|breaking|broken by|misconfigured|cass[ée]|caus[ée]|"
    r"mal configur\w*|(?:his|her|their) fault|sa faute|[àa] cause de (?:lui|elle)|badly|"
    r"left the company|a quitt[ée]|no longer (?:here|with us|works)|"
    r"n['’]est plus (?:l[àa]|chez))\b|"
    # a blame, a joke owned up to, hearsay after the fact, a duty by rota or by absence
    r"\b(?:responsible for|responsable d[eu']|a fait|made|did)\s+(?:the |la |le |l['’]|une? |a )?"
    r"(?:[\w-]+ ){0,2}?(?:outage|panne|incident|boulette|bourde|b[êe]tise|erreur|mistake|mess)\b"
    r"(?!\s+(?:response|review|runbook|management|process|handling|report|de r[ée]ponse))|"
    r"\b(?:[àa] l['’]arrache|n['’]importe comment|(?:been|is|was) down since|en panne depuis|"
    r"kidding|je plaisante|je rigole|pour rire|"
    r"(?:he|she|they|il|elle)(?:['’]s| is| are| est)? (?:on call|d['’]astreinte)|en int[ée]rim|"
    r"pendant (?:mes|ses|les) (?:cong[ée]s|vacances)|"
    r"while (?:i['’]m|i am|she['’]s|he['’]s) (?:away|out|off|on leave)|d[èe]s qu['’](?:il|elle) "
    r"rentre|when (?:he|she)['’]s back|(?:premier|first) ticket)\b|\.{2,}\s*not\b)"
)
# said before the reason in its sentence: a hedge, someone else's word, a condition, a duty to
# come, someone else's team
_BEFORE = re.compile(
    r"(?i:\b(?:maybe|perhaps|possibly|apparently|supposedly|peut-[êe]tre|apparemment|"
    r"il para[iî]t|para[iî]t-il|soi-disant|not sure|pas s[ûu]re?|says|je crois|je pense|"
    r"il me semble|sauf erreur|iirc|afaik|i guess|i think|"
    r"said|told me|thinks?|believes?|croit|croient|pensent|dit que|disent que|m['’]a dit|"
    r"a dit que|[ée]crit)\b|"
    r"\b(?:from|starting|as of) (?:next |this )?(?:monday|tuesday|wednesday|thursday|friday|"
    r"week|month|tomorrow)|[àa] partir d|d[èe]s (?:lundi|mardi|mercredi|jeudi|vendredi|demain|"
    r"la semaine))"
)
# a hedge in the reason's own sentence ("Hugo gère LDAP, en théorie.")
_HEDGED = re.compile(
    r"(?i:\b(?:en th[ée]orie|in theory|en principe|in principle|allegedly|pr[ée]tendument|"
    r"supposedly)\b|para[iî]t-il)"
)
_IF = re.compile(r"(?i:\b(?:if|si|whether|unless|when|once|quand|lorsque)\s*|s['’])$")
_OF_SOMEONE = re.compile(r"(?i:\b(?:de|du|d['’]|of)\s*)$")
# what follows the verb: a knowledge denied, a person, a place, a piece of work handed over
_DENIED = re.compile(r"\s+(?i:nothing|rien|pas|not|little|peu|jamais|never)\b")
_LESS = re.compile(r"(?i:\b(?:less than|moins que|[àa] peine|barely|hardly)\b)")
_OBJECT = re.compile(
    r"\s+(?i:(?:the |l['’]|le |la |un |une |a |an |les )(?:[\w-]+ ){0,2}?(?:admin\w*|"
    r"administrat\w*|guy|person|people|team|[ée]quipe|gens|responsable|contact|manager|boss|"
    r"chef|vendor|fournisseur|password|mot de passe|code|login|credentials|accès)\b|"
    r"quelqu['’]un|someone|somebody|everyone|tout le monde|where|why|what|who|when|whether|"
    r"we|I|you|o[uù]|pourquoi|quoi|qui|quand|que|qu['’]|le client|the (?:client|customer)|"
    r"@[^\W\d_][\w.-]*)(?!\w)"
)
_WORK_ITEM = re.compile(
    r"\s+(?i:this|that|the|ce|cette|le|la) (?i:ticket|issue|bug|task|case|incident|"
    r"demande|t[âa]che)\b|(?i:from now on|d[ée]sormais|[àa] partir de maintenant)"
)


# a reason whose subject is the thread's ("he knows this", "connaît bien le sujet", "c'est lui
# qui gère ça", "s'en occupe")
_ABOUT_THIS = re.compile(
    r"(?i:knows|knew|would know|conna[iî]t|sait|ma[iî]trise|fixed|solved|did|set up|built|wrote|"
    r"configured|migrated|dealt with|has (?:already )?(?:fixed|solved|done|built|set up)|"
    r"a (?:d[ée]j[àa] )?(?:fait|r[ée]gl[ée]|corrig[ée]|configur[ée]|mont[ée]))(?:\s+(?i:bien|"
    r"very well|well|"
    r"best|le mieux|par c(?:œ|oe)ur))?\s+(?i:it|[çc]a|cela|ce sujet|le sujet|the (?:topic|"
    r"subject)|cette question|ce probl[èe]me|(?:this|that|these|those)(?:\s+(?:one|issue|problem|"
    r"topic|stuff))?(?![\w-]|\s+(?!(?:well|best|already|before|inside out)\b)[^\W\d_]))(?!\w)|"
    r"(?i:s['’]y conna[iî]t)(?!\w)"
)


def reasons(text: str) -> list[str]:
    """What a message that points to a colleague says of them, clause by clause ("he knows
    LDAP"), when it is the writer's own plain word for the colleague it mentions (see the
    module); empty otherwise."""
    if _NOT_MEANT.search(text):
        return []
    # (a referral says why them in a few words; a long hand-over's tail is read no further)
    text = IN_COPY.sub("", _QUOTED.sub(" ", text[:REASONS_READ]))
    found = []
    for sentence in _SENTENCE.finditer(text):
        said = sentence.group()
        if said.rstrip().endswith(("?", "？")) or _HEDGED.search(said):
            continue
        for vouch in _VOUCH.finditer(said):
            start = sentence.start() + vouch.start()
            if _BEFORE.search(said[: vouch.start()]):
                break
            if _of_the_mentioned(text, vouch, start):
                end = _CLAUSE_END.search(text, sentence.start() + vouch.end())
                found.append(text[start : end.start() if end else len(text)].strip())
    return found


def _of_the_mentioned(text: str, vouch: re.Match[str], start: int) -> bool:
    """Whether the reason ``vouch`` (at ``start`` in ``text``) is a statement of the subject,
    said of the colleague the message mentions."""
    said = vouch.group()
    after = text[start + len(said) :]
    if _DENIED.match(after) or _OBJECT.match(after) or _WORK_ITEM.match(after):
        return False
    clause_end = _CLAUSE_END.search(after)
    if _LESS.search(said + after[: clause_end.start() if clause_end else None]):
        return False  # ("connaît à peine LDAP", "knows LDAP less than anyone")
    if _IF.search(text[:start]) or _OF_SOMEONE.search(text[:start]):
        return False
    knower = vouch["knower"] or vouch["who"] or vouch["named"] or vouch["anyone"] or ""
    if knower.startswith("@"):
        return True
    if vouch["you"] or _SECOND_PERSON.fullmatch(knower):
        return _MENTIONED.search(text) is not None  # (said to the colleague addressed)
    if vouch["knower"] and not re.fullmatch(_PRONOUN, knower):
        return False  # (a name written plain: no account of this message's mentions)
    before = list(_MENTIONED.finditer(text, 0, start))
    if before:
        return _PLAIN_POINTER.search(text, before[-1].end(), start) is None
    next_one = _MENTIONED.search(text, start)  # ("c'est le pro du LDAP, demande à @Hugo")
    if next_one is None or _PLAIN_POINTER.search(text, 0, start):
        return False  # ("Vois avec Karim, il gère le DNS. @Hugo, pour info.": Karim's)
    return _PLAIN_POINTER.search(text, start, next_one.start()) is None


def _same(one: PersonRef, other: PersonRef | None) -> bool:
    return other is not None and (one.source, one.native_id) == (other.source, other.native_id)


def _named_addressee(item: ItemRecord, left_out: list[PersonRef | None]) -> PersonRef | None:
    """The one recipient a mail names in plain words ("Je mets Hugo en copie, il connaît
    LDAP", "Adding Priya Shah, she runs the clusters"); none when it names none of them, or
    several (:mod:`whoknows.ingest._addressees`)."""
    recipients = [
        contribution.person
        for contribution in item.contributions[1:]
        if contribution.role is ContributionRole.RECIPIENT
        and not any(_same(contribution.person, other) for other in left_out)
    ]
    found = named(item.text, recipients)
    return found[0] if len(found) == 1 else None


def endorsements(item: ItemRecord, opener: PersonRef | None = None) -> list[ItemRecord]:
    """``item``, and the endorsement it makes when it is a referral that vouches for the one
    colleague it mentions (see the module), or, in a mail, the one recipient it names;
    ``opener``: who began the thread (the asker the referral answers)."""
    writer = item.contributions[0]
    if writer.role is not ContributionRole.REFERRER:
        return [item]
    named_ones = [
        contribution
        for contribution in item.contributions[1:]
        if contribution.role is ContributionRole.MENTIONED
        and not _same(contribution.person, writer.person)
        and not _same(contribution.person, opener)
    ]
    text, addressee = item.text, None
    if not named_ones and item.kind == "email":
        addressee = _named_addressee(item, [writer.person, opener])
        if addressee is not None:
            named_ones = [Contribution(addressee, ContributionRole.RECIPIENT)]
            text = as_mentions(item.text, [addressee])
    if len(named_ones) != 1:
        return [item]
    others = [c.person for c in item.contributions if not _same(c.person, named_ones[0].person)]
    said = [c for c in reasons(text) if not named(c, others)]  # ("il connaît Antoine")
    if not said:
        return [item]
    reason = " ".join(said)
    if addressee is not None:  # (the name as the mail wrote it)
        reason = unmarked(reason, [addressee])
    endorsed = Contribution(named_ones[0].person, ContributionRole.ENDORSED)
    return [
        item,
        replace(
            item,
            native_id=f"{item.native_id}/endorsement",
            title=reason if len(reason) <= 120 else reason[:119] + "…",
            text=reason,
            context=item.context if any(map(_ABOUT_THIS.search, said)) else None,
            tags=[],
            contributions=[writer, endorsed],
            signals={},
        ),
    ]


__all__ = ["endorsements", "reasons"]
