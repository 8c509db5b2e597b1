"""What a short message asks without a question mark, and what a reply offers: used by
:mod:`whoknows.ingest._threads` to read roles the same way in every source.

- A request for help: "Need help: Redis evicting session keys", "je bloque sur le SSO, une
  idée" (not "If you need help with the ACL bootstrap: run …", which offers it).
- A problem report: a short first message that says something is wrong ("Directory sync job
  failing again", "le SSO du portail plante", "la note n'est pas fournie") and nothing of a fix.
- Tried in vain: a first message, of any length, that tells an attempt that failed ("we tried
  disabling IPv6 without success") and nothing of a fix: however detailed, it asks.
- A fix offered: a message that says how something was fixed, tells the reader what to do
  ("set it to systemd", "then run …", "the workaround is"), or names the cause ("the culprit
  is", "because", "c'est le …"); a message that ends with a question offers nothing.
- What fixed it: someone who has the problem too tells what they did ("I had the same error.
  I just deleted the db folder and resynced"), and nothing says it did not help.
- It worked: a thanks that reports the fix worked ("ça a réglé le problème chez nous aussi").
"""

from __future__ import annotations

import re

from whoknows.ingest._vague import names_something

# open however long: "Question : …", "Any pointers welcome", "I'd like to understand …"
_ASKING = re.compile(
    r"^\W*(?:(?:quick|small|one|petite|une) )?question\s*:|.*\b(?:si quelqu['’]un a (?:une|des) "
    r"(?:pistes?|id[ée]es?|solutions?)|toute aide (?:est )?(?:la )?"
    r"bienvenue|any (?:help|pointers?|ideas?|hints?|clues?|suggestions?) (?:is |are |would be )?"
    r"(?:much |greatly |really )?(?:appreciated|welcome)|i['’]d (?:like|love) to (?:understand|"
    r"learn)|j['’]aimerais (?:bien )?(?:comprendre|apprendre))\b",
    re.IGNORECASE | re.DOTALL,
)
_REQUESTS_HELP = re.compile(
    r"\b(?:needs? (?:some |your )?help|help (?:please|needed|wanted)|please help|help\s*!|"
    r"any (?:ideas?|clues?|pointers?|hints?|suggestions?)\b|i['’]?m stuck|we['’]?re stuck|"
    r"(?:can|could) (?:someone|anyone|somebody) (?:help|take a look|have a look)|"
    r"anyone (?:know|seen|else|has|have|got)\b|besoin d['’]aide|un coup de main|"
    r"une id[ée]e\s*$|des id[ée]es\s*$|quelqu['’]un (?:sait|conna[iî]t|peut|aurait|a une)|"
    r"je (?:bloque|suis bloqu[ée]e?)|on (?:bloque|est bloqu[ée]s)|au secours|(?:on a|y a-t-il|"
    r"avons-nous) (?:une|un) (?:personne|r[ée]f[ée]rent|contact|expert)|do we have (?:someone|"
    r"anyone|a (?:go-to|contact|point person|expert)))",
    re.IGNORECASE,
)
# a nudge: the question is still open ("je me permets de relancer", "any update", "up")
_NUDGES = re.compile(
    r"\b(?:je me permets de (?:vous |te )?relancer|petite relance|je relance|any updates?|"
    r"any news|des nouvelles|just following up|following up on (?:this|my)|gentle reminder|"
    r"any eta|what['’]s the eta|une date pr[ée]vue|un d[ée]lai pr[ée]vu|"
    r"toujours d['’]actualit[ée]|je reviens vers (?:vous|toi))\b|"
    r"^\W*(?:bump(?:ing)?|up|anyone\W*\?)(?!\w)",  # ("Update: it works now" is no "up")
    re.IGNORECASE,
)
_OFFERS_HELP = re.compile(  # ("if you need help …", "si vous avez besoin d'aide …")
    r"\b(?:if|whoever|anyone (?:else )?who) (?:you |anyone |somebody |someone )?needs?\b|"
    r"\bsi (?:vous avez|tu as|quelqu['’]un a) besoin\b|\bbesoin d['’]aide pour [^?]*\?\s*voici",
    re.IGNORECASE,
)
_WRONG = re.compile(
    r"\b(?:fail(?:s|ed|ing|ure)?|errors?|broken|crash(?:es|ed|ing)?|time[sd]? ?out|timing out|"
    r"not working|does ?n['’]?t work|won['’]?t|can['’]?t|cannot|stuck|hang(?:s|ing)?|"
    r"keeps? (?:growing|failing|restarting|crashing)|firing|evict(?:s|ing)|dropp?(?:s|ing)|"
    r"lost|missing|degraded|outage|leak(?:s|ing)?|oom(?:killed)?|out of memory|refused|denied|"
    r"unreachable|again|[ée]choue|erreurs?|plant(?:e|é|ent)|en panne|"
    r"ne (?:marche|fonctionne) (?:pas|plus)|bloqu[ée]e?s?|ko|perdu|refus[ée]|injoignable|"
    r"sature|encore|de nouveau|recommencer?|recommence(?:nt)?|n['’]arrivent? plus|"
    r"toujours pas|ne (?:passe|part) plus|manque(?:nt)?|manquante?s?|fait d[ée]faut|"
    r"ne (?:donne|trouve|renvoie|remonte|affiche) rien|returns? nothing|no results?|"
    r"n['’](?:est|sont) pas fournie?s?|non fournie?s?|"
    # (a hospital's chat: "Les pompes perdent le Wi-Fi", "les étiquettes sortent décalées")
    r"perd(?:ent)? (?:le|la|les|l['’]|leur|sa|son)|los(?:es|ing) (?:the|their|its)|"
    r"d[ée]cal[ée]e?s|misaligned|d[ée]connect[ée]e?s?|disconnect(?:s|ed|ing)|"
    r"ne r[ée]pond(?:ent)? (?:pas|plus)|not responding|unresponsive|"
    r"ne se (?:connecte|lance|charge|synchronise|ouvre|monte)(?:nt)? (?:pas|plus))\b",
    re.IGNORECASE,
)
_FIXED = re.compile(
    r"\b(?:fixed|resolved|solved|(?:is|are) now|now (?:uses?|runs?)|deployed|rolled out|"
    r"upgraded|migrated|done(?! by (?!\w+ing\b))|here['’]?s how|runbook|how to|"
    r"corrig[ée]e?s?|r[ée]solue?s?|"
    r"d[ée]ploy[ée]e?s?|est (?:maintenant|d[ée]sormais)|voici|proc[ée]dure (?:est|[àa] suivre))"
    r"\b|\bproc[ée]dure ?:",  # (not "je ne suis pas sûre de la procédure", an asker's; not
    # "SDTM mapping is done by the CRO", who does it, after a pharma data manager's question)
    re.IGNORECASE,
)
# what tells the reader how to fix it: an instruction at the start of a clause ("set it to
# systemd", "…, then run terraform plan"), a workaround; not "we tried setting replicas to 0"
_INSTRUCTS = re.compile(
    r"(?:^|[.!?:;,—–]\s*|\b(?:then|and|but|just|simply|first|puis|ensuite|d['’]abord)\s+)"
    r"(?:(?:on|in|for|sur|en|pour|dans) [\w-]+ )?"  # ("Careful: on prod set …")
    r"(?:try|set|use|add|remove|increase|decrease|raise|lower|restart|run|install|"
    r"upgrade|downgrade|roll back|disable|enable|check|make sure|switch (?:it )?to|revert|"
    r"bump|essaie[zr]?|utilise[zr]?|"
    r"ajoute[zr]?|augmente[zr]?|red[ée]marre[zr]?|lance[zr]?|v[ée]rifie[zr]?|mets|mettez|"
    r"passe[zr]?|supprime[zr]?|fais|faites|regarde[zr]? (?:les?|la|dans)|change[zr]?|"
    r"clear(?!\s*(?:now\b|[,.!;]|$))|purge|"
    r"flush|empty|vide[zr]?|purge[zr]?|reboot|reload|rerun|re-run|rebuild|renew|rotate|drain|"
    r"relance[zr]?|r[ée]installe[zr]?|installe[zr]?|d[ée]sactive[zr]?|nettoie[zr]?|"
    r"renouvelle[zr]?|corrige[zr]?)\b|"
    r"\bil (?:te |vous |nous )?faut (?!(?:\w+ )?qu['’])|"
    r"\b(?:workaround|(?:the|real) fix (?:is|was)"
    r"(?! (?:deployed|done|in|live|merged|out|ready|coming|on|now|being))|"
    r"solution is|you (?:can|need to|should|must)|"
    r"contournement|il suffit de|tu peux|vous pouvez)\b",
    re.IGNORECASE,
)
# a question for a workaround ("Any workaround? +1", "Y a-t-il un contournement ?"), no fix
_ASKS_FOR_A_WORKAROUND = re.compile(
    r"\b(?:is there|are there|any(?:one (?:know|found|have|has)(?: of)?)?|know of|"
    r"(?:do|does) (?:you|anyone|somebody|someone) (?:know|have)(?: of)?|"
    r"y a-t-il|y['’]a-t-il|il y a|existe-t-il|connaissez-vous|quelqu['’]un (?:a|conna[iî]t))"
    r"\s+(?:an?\s+|any\s+|une?\s+|some\s+|des\s+)?(?:known\s+|good\s+|simple\s+|"
    r"temporary\s+)?(?:workarounds?|contournements?|solutions? de contournement)\b[^.!?:]*\?",
    re.IGNORECASE,
)
# a wish to know, or no fix known ("I'm curious what the fix is", "no workaround yet")
_NOT_TOLD = re.compile(
    r"\b(?:curious|wondering|wonder|(?:like|love|want) to know|me demande|curieu(?:x|se) de savoir)"
    r"\s+(?:what|how|why|if|whether|quel(?:le)?s?|comment|pourquoi|ce qui|si)\b[^.!?]*|"
    r"\b(?:no|pas de|aucun|sans)\s+(?:known\s+)?(?:workarounds?|contournements?|fix|solution)\b",
    re.IGNORECASE,
)
# a clause that asks even without its question mark (chat often drops it): "comment on fait
# pour voir les logs", "c'est quoi la marche à suivre", "how do we see the logs"
_INTERROGATIVE = re.compile(
    r"^\W*(?:(?:hi|hello|hey|bonjour|salut|coucou)\b[^,.!?]{0,20}[,.!]?\s*)?(?:"
    r"how (?:do|does|did|can|could|should|would|to)\b|why (?:do|does|did|is|are|would|can)\b|"
    r"what(?:['’]s| is| are| does| do| should| would)\b|where (?:is|are|do|can)\b|"
    r"(?:is|are|does|do|can|could|has|have) (?:there|anyone|someone|somebody)\b|"
    r"any(?:one|body) (?:knows?|has|have)\b|"
    r"comment (?:on|je|tu|vous|faire|fait|faut|est-ce|peut|puis|doit|configurer)\b|"
    r"pourquoi\b|est-ce qu|qu['’]est-ce qu|c['’]est quoi|quel(?:le)?s? (?:est|sont)\b|"
    r"o[uù] (?:est|sont|trouver|se trouve|on)\b|qui (?:sait|conna[iî]t|g[eè]re|peut)\b|"
    r"quelqu['’]un (?:sait|conna[iî]t|peut|aurait|a)\b|y a-t-il|savez-vous|sais-tu|"
    r"(?:tu|vous) (?:sais|savez) (?:si|comment|o[uù]|pourquoi)\b|"
    r"je (?:ne )?(?:comprends?|vois|sais) pas (?:pourquoi|comment)\b|"
    r"i (?:don['’]?t|do not) (?:understand|know|see) (?:why|how)\b)",
    re.IGNORECASE,
)
# what says why it happens: a cause named ("the cause was", "the culprit is", "because")
_EXPLAINS = re.compile(
    r"\b(?:because|caused by|the (?:real |actual |underlying )?cause|root cause|culprit|"
    r"(?:it['’]s the|it (?:is|was) the)(?! (?:first|second|third|\w+th|last|same) time\b)|due to|"
    r"turn(?:s|ed) out|s['’]est av[ée]r[ée]|"
    r"(?:problem|issue) (?:is|was) (?:the|that)|so the|parce que|[àa] cause d[\w'’]*|la cause|"
    # (not a count: "c'est la troisième cette semaine", "it's the second time")
    r"c['’](?:est|[ée]tait) (?:le|la|les|un|une|d[ûu])(?! (?:\w+i[èe]me|premi[èe]re?|"
    # (where it comes from, not what just happened: "ça vient de repartir")
    r"derni[èe]re?|m[êe]me)\b)|vient (?:du|des|de (?:la|l['’]|ce|cette|son|sa|ses|leur)|"
    r"d['’]une?)|"
    # (a consequence drawn: "The offsets are committed before the write, so a crash replays
    # them", "the lag comes from the rebalance storms")
    r"comes? from|stems? from|which (?:means|is why)|that['’]s why|d['’]o[ùu]|"
    r"[,;] so (?:a|an|it|the|any|every|each|nothing|we|they)|"
    r"[,;] donc (?:le|la|les|un|une|il|on))\b",
    re.IGNORECASE,
)
WORKED = re.compile(
    r"\b(?:fixed|solved|resolved|worked|works|working|did the trick|that did it|helped|sorted|"
    r"(?:ça|cela|ca) (?:a )?(?:march[ée]|r[ée]gl[ée]|r[ée]solu|fonctionn[ée])|"
    r"a (?:r[ée]gl[ée]|r[ée]solu)|fonctionne|a bien (?:tout |été |tout été )?re[çc]u|"
    r"(?:a |ont )?bien (?:été )?(?:re[çc]ue?s?|pass[ée]e?s?|partie?s?))\b",
    re.IGNORECASE,
)
# what one did about it, told by someone who had the problem too ("I just deleted the db folder
# and resynced"); not an attempt that did not help ("we tried …, it still fails")
_DID = re.compile(
    r"\b(?:i|we) (?:just |then |finally |simply )?(?:deleted|removed|reinstalled|restarted|"
    r"rebooted|changed|set|upgraded|downgraded|rebuilt|re-?synced|added|increased|switched|"
    r"replaced|recreated|cleared|reset|updated|disabled|enabled|rolled back|worked around)\b|"
    r"\b(?:j['’]ai|on a|nous avons) (?:juste |simplement |finalement )?(?:supprim[ée]|"
    r"r[ée]install[ée]|red[ée]marr[ée]|chang[ée]|mis|ajout[ée]|augment[ée]|vid[ée]|"
    r"d[ée]sactiv[ée]|activ[ée]|remplac[ée]|recr[ée][ée]|contourn[ée])\b|"
    # what one is about to do that fixes it ("On it, I'll set max.poll.interval.ms to 600000")
    r"\b(?:i['’]ll|we['’]ll|je vais|on va) (?:set|raise|increase|restart|add|change|roll back|"
    r"disable|enable|passer|augmenter|red[ée]marrer|mettre|ajouter|changer|d[ée]sactiver)\b",
    re.IGNORECASE,
)
TRIED_IN_VAIN = re.compile(
    # "sans succès" ends what was tried ("…, sans succès."), not "connexions sans succès"
    r"\b(?:(?:without (?:any )?success|sans (?:aucun )?succ[èe]s)"
    r"(?=\s*(?:so far|yet|jusqu['’]ici|pour l['’]instant|pour le moment)?\s*(?:[.,;:!)]|$))|"
    r"no luck|to no avail|(?:did ?n['’]?t|did not|does ?n['’]?t|"
    r"does not) (?:help|change anything|fix (?:it|anything))|en vain|"
    r"rien n['’]y fait|(?:ça|ca|cela) n['’]a rien (?:chang[ée]|donn[ée])|"
    r"n['’]a (?:pas|rien) (?:aid[ée]|r[ée]solu|corrig[ée]))",
    re.IGNORECASE,
)
_DID_NOT_HELP = re.compile(
    r"\b(?:still(?! (?:forward|point|rout|us|work|serv|refer|ship|map|load)\w*)|already|"
    r"no luck|did ?n['’]?t|did not|does ?n['’]?t|without success|same result|d[ée]j[àa]|"
    r"sans succ[èe]s|toujours(?! (?:vers|sur|dans|[àa]|au|aux|par)\b)|"
    r"rien chang[ée]|n['’]a pas)\b",
    re.IGNORECASE,
)
# an agreement that goes on to say more ("Agreed, but you also need to set …")
_QUALIFIED_AGREEMENT = re.compile(
    r"^\W*(?:agreed|(?:i |totally |fully )?agree\b[^,;:.!]{0,30}|absolutely|exactly|"
    r"tout [àa] fait|d['’]accord)\s*[,;:—–-]\s*(?:but|though|however|mais|sauf que|par contre)"
    r"\b\W*(?:\w+\W+){3}",
    re.IGNORECASE,
)


def qualifies_agreement(body: str) -> bool:
    """Whether a reply agrees, then adds a point of its own ("Agreed, but set it to 600000")."""
    return bool(_QUALIFIED_AGREEMENT.match(body))


def nudges(body: str) -> bool:
    """Whether a message says the question is (still) open ("Je me permets de relancer")."""
    return bool(_NUDGES.search(body) or _ASKING.match(body))


def requests_help(body: str) -> bool:
    """Whether a message asks for help without a question mark (see the module)."""
    return (bool(_REQUESTS_HELP.search(body)) or nudges(body)) and not _OFFERS_HELP.search(body)


def reports_problem(body: str) -> bool:
    """Whether a message says that something is wrong and nothing of a fix."""
    return bool(_WRONG.search(body)) and not _FIXED.search(body)


# who tried, or the trying, in the sentence that says it failed ("nous avons relancé le batch,
# sans succès"); not "the audit lists all logins without success"
_ATTEMPT = re.compile(
    r"\b(?:we|i|i['’]ve|we['’]ve|nous|on|je|j['’]ai|tried|retried|attempted|essay\w*|"
    r"tent[ée]\w*|r[ée]essay\w*|relanc[ée]\w*|red[ée]marr[ée]\w*)\b",
    re.IGNORECASE,
)


def tried_in_vain(body: str) -> bool:
    """Whether a message tells an attempt that failed, in the sentence that tells it, and
    nothing of a fix."""
    for failed in TRIED_IN_VAIN.finditer(body):
        sentence = re.split(r"[.!?]\s", body[: failed.start()])[-1]
        qualifies = failed.group().lower().startswith(("without", "sans"))  # (not "no luck")
        if not qualifies or _ATTEMPT.search(sentence + failed.group()):
            return not offers_fix(body)
    return False


# what the writer needs to be told, at any length ("I need the answer by Friday")
_NEEDS_ANSWER = re.compile(
    r"\b(?:i (?:would |will |'d |’d )?need (?:to (?:understand|know)|the answer|an answer)|"
    r"(?:we|i) need to (?:understand|know) (?:what|how|why|whether|if)|"
    r"(?:can|could) (?:someone|anyone|somebody|you) explain|"
    r"j['’]aurais besoin de (?:comprendre|savoir)|il me faut (?:la|une) réponse)\b",
    re.IGNORECASE,
)


def still_asks(body: str) -> bool:
    """Whether a message asks whatever its length: it tried in vain, or says what answer
    it needs, and offers no fix."""
    asks = _NEEDS_ANSWER.search(body) or _ASKING.match(body)
    return tried_in_vain(body) or (bool(asks) and not offers_fix(body))


def offers_fix(body: str) -> bool:
    """Whether a message says how something was fixed, what to do about it, or why it
    happens; a message that ends with a question offers nothing."""
    if body.rstrip().endswith("?"):
        return False
    return bool(_FIXED.search(body) or instructs(body) or explains(body))


# a request for something to be done and sent back to the writer ("merci de réaliser un
# exercice de traçabilité et de nous transmettre les résultats", "please send us the report")
_SEND_BACK = re.compile(
    r"\b(?:merci de|veuillez|pourriez-vous|pouvez-vous|je vous (?:remercie|serais "
    r"reconnaissante?) de|please|kindly) (?:r[ée]aliser|faire|effectuer|mener|remplir|"
    r"compl[ée]ter|perform|carry out|conduct|run|complete|fill (?:in|out))\b[^.!?]{0,100}?\b"
    r"(?:(?:nous|me) (?:le |la |les )?(?:transmettre|envoyer|renvoyer|faire parvenir|"
    r"retourner)|(?:send|return) (?:it |them |this )?(?:back )?(?:to )?(?:us|me))\b",
    re.IGNORECASE,
)


# a plain request for what colleagues hold ("please send me anything tax related"), in a few words
_PLAIN_REQUEST = re.compile(
    r"\b(?:please|kindly) (?:send|forward|email|share with) (?:me|us)\b|^\W*send (?:me|us)\b|"
    r"\b(?:envoyez|envoie|transmettez|transmets|renvoyez|faites)-(?:moi|nous)\b|"
    r"\b(?:merci de|veuillez|pourriez-vous|pouvez-vous) (?:me |nous |m['’])(?:envoyer|"
    r"transmettre|faire parvenir|renvoyer|transférer)\b",
    re.IGNORECASE,
)
REQUEST_WORDS = 20
# the writer's own work before the request ("I rotated the Vault token, please send me …")
_DID_MYSELF = re.compile(
    r"\b(?:i|we)(?: just| have| had|['’]ve)? (?!need|want|wanted|hope|would|'d)[a-z]+ed\b|"
    r"\b(?:j['’]ai|nous avons|on a) (?:\w+ )?[a-zéèêàù]+(?:é|ée|és|ées|i|u|it|is)\b",
    re.IGNORECASE,
)
_REQUEST_WORD = re.compile(r"\w+")
# what a request may tell beside it, besides what names something: a figure, a command run
_TOLD_BESIDE = re.compile(r"\d|\b(?:run|lance|ex[ée]cute)\b", re.IGNORECASE)


def requests_only(body: str) -> bool:
    """Whether a short message asks colleagues to send the writer what they hold and tells
    nothing else: no step, cause or fix ("Reminder: VAT and OSS deadlines are coming, please
    send me anything tax related": the Tax Manager who only asks had been listed for OSS on
    it; not "To renew it run certbot renew; please send me the output if it fails")."""
    if not _PLAIN_REQUEST.search(body) or len(_REQUEST_WORD.findall(body)) >= REQUEST_WORDS:
        return False
    rest = _PLAIN_REQUEST.sub(" ", body)
    told = _TOLD_BESIDE.search(rest) or names_something(rest) or _DID_MYSELF.search(body)
    return not (told or _FIXED.search(body) or instructs(body) or explains(body))


def asks_without_mark(sentence: str) -> bool:
    """Whether a sentence with no question mark asks all the same: its first clause opens
    with a question ("Bonjour, comment on fait pour voir les logs") and it holds no colon (a
    heading: "How to rotate the token: run …"), or its last clause does ("…, c'est quoi la
    marche à suivre"), or it asks for something to be sent back (``_SEND_BACK``)."""
    clauses = re.split(r"[,;]\s+", sentence)
    first = _INTERROGATIVE.match(sentence) and ":" not in sentence
    last = len(clauses) > 1 and _INTERROGATIVE.match(clauses[-1])
    return bool(first or last or _SEND_BACK.search(sentence))


# a step said as a line or a sentence begins it ("Stop the consumers", "Also restart the CI
# runner after the unlock", "Redémarre le pod")
_STEP = re.compile(
    r"^\W*(?:also|and|then|but|aussi|et|puis|mais)?,?\s*(?:stop|start|restart|reset|run|set|"
    r"use|check|add|remove|delete|raise|lower|increase|decrease|disable|enable|switch|scale|"
    r"rotate|renew|drain|apply|upgrade|downgrade|install|create|update|deploy|roll back|"
    r"arr[êe]te[rz]?|lance[rz]?|relance[rz]?|red[ée]marre[rz]?|passe[rz]?|utilise[rz]?|"
    r"ajoute[rz]?|supprime[rz]?|augmente[rz]?|baisse[zr]?|d[ée]sactive[zr]?|active[zr]?|"
    r"v[ée]rifie[rz]?)\b",
    re.IGNORECASE,
)


def starts_instruction(text: str) -> bool:
    """Whether ``text`` begins with a step to take ("Stop the consumers", "Also restart …")."""
    return _STEP.match(text) is not None


def instructs(body: str) -> bool:
    """Whether a message tells the reader what to do ("…, then run terraform plan"); not a
    question asking for a workaround."""
    asked = _ASKS_FOR_A_WORKAROUND.sub(" ", _NOT_TOLD.sub(" ", body))
    return bool(_INSTRUCTS.search(asked))


def explains(body: str) -> bool:
    """Whether a message names the cause of the problem ("the culprit is ndots:5")."""
    return bool(_EXPLAINS.search(body))


def says_it_worked(body: str) -> bool:
    """Whether a message reports that a fix worked ("this fixed it for us too")."""
    return bool(WORKED.search(body))


def tells_what_fixed_it(body: str) -> bool:
    """Whether someone who had the problem too tells what they did about it ("I had the same
    error. I just deleted the whole db folder and resynced"), with no word that it did not
    help; a message that ends with a question tells nothing."""
    if body.rstrip().endswith("?"):
        return False
    return bool(_DID.search(body)) and not _DID_NOT_HELP.search(body)


def did_not_help(body: str) -> bool:
    """Whether a message says something did not help ("still failing", "no luck")."""
    return bool(_DID_NOT_HELP.search(body))
