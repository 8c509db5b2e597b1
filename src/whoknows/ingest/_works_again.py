"""A reply that says it works: the fix worked ("works now", "that did it"), or works for its
writer too ("Works on my branch too, thanks.", "Testé en local, ça marche"), telling nothing of
what made it work: interest, not knowledge (a reviewer's such approval had ranked them above the
pull request's author)."""

from __future__ import annotations

import re

from whoknows.ingest._acknowledging import courteous
from whoknows.ingest._requests import explains, instructs, offers_fix, tells_what_fixed_it

ACKNOWLEDGEMENT_WORDS = 12  # "Hi Bob, thanks, the shard allocation works again now." is 10
GREETING_WORDS = 5  # "Bonjour Karim", "Thanks!", "Senior Data Engineer, ACME Corp"
_WORD = re.compile(r"\w+")
# what tells a fix of one's own in a thanks ("fixed it by raising", "we ended up setting")
OWN_FIX = re.compile(
    r"\b(?:fixed|solved|resolved|sorted) (?:it|this|that)(?: out)? (?:by|with)\b|"
    r"\b(?:ended up|wound up|had to|j['’]ai d[ûu]|on a d[ûu]|j['’]ai fini par|on a fini par)\b|"
    r"\b(?:by|en) (?:\w+ing|mettant|passant|ajoutant|augmentant|changeant|supprimant)\b",
    re.IGNORECASE,
)
_THANKS_TAIL = (
    r"(?:\W+(?:thanks|thank you|thx|merci|cheers|great job|good job|nice work|well done|bravo)"
    r"(?: [\w-]+){0,4})?\W*$"
)
_WELL = r"(?: fine| well| perfectly| great| bien| nickel| parfaitement)"
WORKS_NOW = re.compile(
    r"\b(?:works?|worked|is working|fonctionne|marche) (?:now|again|fine now|maintenant|"
    r"[àa] nouveau|de nouveau|enfin)\b|^\W*(?:works?|worked|fixed|solved|resolved)(?: now)?\W*$|"
    r"\b(?:remarche|refonctionne|back to normal|caught up|reconnect[ée]s?|r[ée]tabli)\b|"
    r"\b(?:works?|worked) for (?:me|us|[A-Z][\w-]*)(?: too| as well)\b|"  # ("for Initech too")
    # (a reviewer's "Works on my branch too, thanks.", "Ça marche chez moi aussi", "Works fine
    # here", "Testé en local, ça marche", "Tested on my machine and it works, great job!!")
    rf"\b(?:works?|worked|fonctionne|marche){_WELL}? (?:on|in|chez) (?:my|our|moi|nous)"
    rf"(?: [\w-]+)?(?: too| as well| aussi)?{_THANKS_TAIL}|"
    rf"\b(?:works?|worked){_WELL}? (?:here|locally|for me)(?: too| as well)?{_THANKS_TAIL}|"
    r"\btested(?: it)? (?:locally|here|on (?:my|our) [\w-]+|on staging|in staging)(?:\W+| and )"
    rf"(?:it |and it )?works?{_WELL}?{_THANKS_TAIL}|"
    r"\btest[ée]e? (?:en local|ici|chez moi|sur (?:ma|mon) [\w-]+)\W+(?:[çc]a |cela )?"
    rf"(?:marche|fonctionne){_WELL}?{_THANKS_TAIL}|"
    r"^\W*(?:done|ok|yes)?\W*(?:that|this|it|which) (?:fixed|solved|did) it\b",
    re.IGNORECASE,
)
# what makes it work ("if you set …", "after I raised …"; not "after the redeploy": a time)
CONDITION = re.compile(
    r"\b(?:if|when|once|unless|provided|as long as|si|quand|lorsque|d[èe]s que|[àa] condition|"
    r"pourvu qu|sauf si|tant qu)\b|"
    r"\b(?:after|apr[èe]s) (?:i|we|you|they|he|she|j['’]|avoir|\w+ing)\b",
    re.I,
)


# a test's outcome, where it ran ("Tested on hist_pg, OK.": a reviewer's check, no answer; a
# water utility's engineer was first for the historian's migration on it)
_TEST_PASSED = re.compile(
    r"^\W*(?:tested|retested|test[ée]|re-?test[ée]|verified|v[ée]rifi[ée]|checked|validated|"
    r"valid[ée]|tried)\s+(?:on|in|against|sur|dans|en)\s+(?!passant\b)[^\s,.;:=]+"
    r"(?:\s+[^\s,.;:=]+){0,3}\s*[,:;—–-]?\s*(?:ok|okay|works?|working|fine|passe[sd]?|passing|"
    r"good|green|all good|bon|marche|fonctionne|ça marche|ça passe|c['’]est bon)\W*$",
    re.IGNORECASE,
)
# (not what was changed: "Tested with ndots set to 1 in the pod dnsConfig, works.", "Testé en
# passant le timeout JDBC à 30 s, ça marche." tell the fix: an attacker's)


def confirms_it_worked(sentences: list[str]) -> bool:
    """A reply that says the fix worked, perhaps with thanks, telling nothing of what was done
    ("Retested with VoiceOver and NVDA, works now. Thanks Lucas": the thanked colleague's
    fix, not the reporter's)."""
    worked = [_only_worked(sentence) for sentence in sentences]
    others = (s for s, said in zip(sentences, worked, strict=True) if not said)
    return any(worked) and all(map(courteous, others))


def _only_worked(sentence: str) -> bool:
    """A short sentence that says it works now and nothing else ("Retested with VoiceOver
    and NVDA, works now."; not "The team is working on it", nor "cardano-cli works just fine
    from there", nor "Works if you set acks=all on the producer": what makes it work)."""
    if _TEST_PASSED.match(sentence):
        return True
    if len(_WORD.findall(sentence)) > ACKNOWLEDGEMENT_WORDS or not WORKS_NOW.search(sentence):
        return False
    rest = WORKS_NOW.sub(" ", sentence)  # (what it says beside "works now")
    fix = len(_WORD.findall(rest)) > GREETING_WORDS and offers_fix(rest)  # (not "Done,")
    told = explains(rest) or instructs(rest) or fix
    did = tells_what_fixed_it(sentence) or OWN_FIX.search(sentence)  # ("I had to restart …")
    return not (told or did or CONDITION.search(sentence))


# what makes it work, said with its deed as the subject ("Restarting the SQLWriter service
# makes the job pass again", "Excluding the pagefile volume made it pass": an attacker's "me
# too"s that told a workaround)
_DEED_WORKS = re.compile(
    r"(?:^|[.!?;]\s+)(?!(?:every|no|some|any)thing\b)[A-Za-z]+ing\b[^.!?;]{0,80}?\b(?:makes?|"
    r"made|gets?|got|keeps?|lets?|fixe[sd]|solve[sd])\b[^.!?;]{0,40}?\b(?:pass|work|run|through|"
    r"succeed|go away|went away|back|again|fine)",
    re.IGNORECASE,
)


_NOT = re.compile(r"\b(?:not|n['’]t|never|no longer)\b", re.IGNORECASE)


def deed_makes_it_work(body: str) -> bool:
    """Whether a message tells a deed that makes it work (see :data:`_DEED_WORKS`); not one
    that does not ("Restarting the service does not make the job pass again")."""
    found = _DEED_WORKS.search(body)
    return found is not None and _NOT.search(found.group()) is None


__all__ = ["CONDITION", "OWN_FIX", "WORKS_NOW", "confirms_it_worked", "deed_makes_it_work"]
