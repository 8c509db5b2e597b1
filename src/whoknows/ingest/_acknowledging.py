"""The words of a reply that only acknowledges: an agreement that the problem is one's own
too ("+1", "same here", "on le voit aussi"), a promise to look, a note kept, a subject found
important, an approval, praise of the question, a thanks. Read by :mod:`._threads`,
:mod:`._chat` and :mod:`._notices`, so every source reads them alike."""

from __future__ import annotations

import re

from whoknows.ingest._requests import explains, instructs, offers_fix, tells_what_fixed_it

# what agrees that the problem is one's own too ("+1", "same here", "nous aussi", "même souci")
AGREEING = (
    r"\+1|\+100|same (?:here|issue|problem|question|request|for us|for|on|with)|"
    r"same (?:in|at) (?:the )?[\w'’-]+|me too|"
    r"ditto|[çc]a (?:(?:nous |m['’])?arrive|le fait|se produit) aussi"
    r"(?: (?:en|[àa]|au|aux|chez|dans|sur) (?:l['’]|la |le |les )?[\w'’-]+)?|"
    r"(?:it|this) happens (?:here |to us |for us )?too|"
    r"confirmed|(?:i )?could(?:n['’]t| not) agree more|this(?=\s*[.!]+(?:\s|$))|"
    r"seeing (?:this|the same)|moi aussi|nous aussi|pareil|idem|je confirme|"
    r"(?:on|nous|je) (?:le |la |les |l['’])(?:voit|voyons|vois|constate|constatons|observe|"
    r"observons|a|avons|ai) aussi|(?:on|nous|je) (?:voit|voyons|vois|constate|constatons|"
    r"observe|observons|a|avons|ai) aussi (?:ce|cette|le m[eê]me|la m[eê]me) (?:probl[eè]me|"
    r"souci|bug|erreur|comportement|cas)|m[eê]me constat|(?:we|i)(?:['’]re| are| am)? "
    r"(?:also )?(?:see|seeing|get|getting|hit|hitting) (?:it|this|that) (?:too|as well)|"
    r"m[eê]me (?:probl[eè]me|souci|chose|question|demande)|je plussoie|"
    r"exact(?:ly)? (?:the )?same (?:problem|issue|error|thing)|"
    r"(?:we|i)(?:['’]re| are| am)? (?:also )?experiencing the same|"
    r"(?:nous rencontrons|on rencontre|je rencontre) (?:aussi |exactement )?(?:le|la) m[eê]me|"
    r"(?:j['’]ai|on a|nous avons) aussi (?:ce|le m[eê]me|la m[eê]me|cette)|"
    r"(?:we|i)(?:['’](?:re|m))?(?: are| am)? (?:also|too) (?:have|had|get|see|seeing|hit)\b|"
    # a first person who has the same problem: "we have the same problem", "j'ai le même souci"
    r"(?:we|i)(?:['’](?:re|m|ve))? (?:also |too )?(?:have|had|get|got|see|saw|are seeing|"
    r"am seeing|seeing|hit|are hitting|run into|ran into) (?:the |exactly the )?same\b|"
    r"(?:j['’]ai|on a|nous avons|j['’]avais|on avait) (?:aussi |exactement )?(?:le|la) m[eê]me|"
    # ("Ran into this too.": chat drops the "I")
    r"(?:(?:we|i)(?:['’]ve| have)? )?(?:also )?(?:ran|run|running|bumped|came) (?:into|across) "
    r"(?:this|it|that)(?: one| issue| problem| error| bug)? (?:too|as well)|"
    # the problem is still theirs too: "Still failing for me too", "toujours en échec chez moi"
    r"still (?:failing|broken|not working|happening|the same) (?:for|on) (?:me|us|our side)|"
    r"(?:it )?does ?n['’]?t work for (?:me|us) either|"
    r"toujours (?:en [ée]chec|cass[ée]|ko|pareil) "
    r"(?:chez (?:moi|nous)|de (?:mon|notre) c[ôo]t[ée])|"
    # the question is one's own too: "I'd love to know too", "je suis preneuse aussi"
    r"i['’]d (?:love|like) to know(?: too| as well)?|following(?= for| this| along|\W*$)|"
    r"(?:i['’]m |we['’]re )?(?:also )?(?:interested|curious)(?: too| as well)?(?=\W*$|[,!])|"
    r"je suis (?:aussi )?(?:preneu(?:r|se)|int[ée]ress[ée]e?)|"
    r"(?:i|we) (?:was|were|am|are|have been|had been) (?:also )?wondering (?:the same|about "
    r"(?:this|that|it))|je me (?:posais|pose|demandais) (?:la m[eê]me (?:chose|question)|aussi)|"
    r"on se (?:posait|pose) la m[eê]me question|[çc]a m['’]int[ée]resse (?:aussi|[ée]galement)"
)
# what may follow a promise to look, and nothing else ("On regarde ça demain.", "Je vérifie avec
# le labo, je reviens vers toi"; not "On vérifie le pH à J+1": a procedure)
_NOTHING_AFTER = (
    r"(?:\s+(?:[çc]a|cela|ce point|demain|tout de suite|d[èe]s que possible|asap|de (?:mon|notre) "
    r"c[ôo]t[ée]|aussi|[ée]galement|avec (?:le |la |les |l['’])?[\w'’-]+))*(?=\s*(?:[.!,;:]|$))"
)
# a short reply that confirms and thanks ("Effectivement 280 ms, merci !": an opener's)
CONFIRMS_THEN_THANKS = re.compile(
    r"^\W*(?i:effectivement|en effet|indeed|exact(?:ly|ement)|confirm[ée]d?|yes|oui|ok|parfait|"
    r"perfect|great|super|top|nickel)\b.*\b(?i:merci|thanks|thank you|thx|cheers)(?:\s+(?:@[\w.-]+"
    r"|[A-Z][\w'’-]+|beaucoup|bien|à (?:toi|vous)|a lot|again))?\W*$"
)
# a look promised at something, on one's own side or too ("Je regarde également les licences
# Oracle de mon côté", "Je check aussi de mon côté demain matin pour Zscaler": an attacker's,
# each first for its subject); never a procedure ("On vérifie le pH à J+1")
_LOOK = (
    r"(?:je|on) (?:regarde|check|v[ée]rifie|teste|jette (?:aussi |[ée]galement )?un "
    r"(?:[œo]e?il|coup d['’][œo]e?il))"
)
_TOO = r"(?:\s+(?:aussi|[ée]galement))?"
_WHEN = (
    r"(?:\s+(?:de (?:mon|notre) c[ôo]t[ée]|demain(?: matin| soir)?|ce soir|cet apr[èe]s-midi|"
    r"aujourd['’]hui))*"
)
_AT = (
    r"(?:\s+(?:pour|sur|les|la|le|l['’]|des|du|ce|cette|ces)\s*[^\s.;:!?,]+"
    r"(?:\s+[^\s.;:!?,]+){0,2})?"
)
# (said as one's own side or as well: "On vérifie le pH à J+1" says neither)
_AS_WELL = r"(?=[^.;:!?,]*(?:\baussi\b|\b[ée]galement\b|\bde (?:mon|notre) c[ôo]t[ée]|\bjette\b))"
_END = r"(?=\s*(?:[.!]+(?:\s|$)|$))"
# (or later, or to tell back: "Je regarde ça cet après-midi sur la console Veeam et je te dis",
# "Je check ça demain matin pour les imprimantes Canon": an attacker's, each first)
_LATER = (
    r"(?=[^.;:!?]*(?:\b[çc]a\b|\bcela\b|\bdemain\b|\bce soir\b|\bcet apr[èe]s-midi\b|"
    r"\b(?:je|on) (?:te|vous|t['’])))"
)
_THAT = r"(?:\s+(?:[çc]a|cela|ce point))?"
_TELL_BACK = (
    r"(?:,?\s+(?:et|puis) (?:je|on) (?:te |vous |t['’])(?:dis|redis|tiens au courant|reviens"
    r"(?: vers (?:toi|vous))?|rappelle|fais (?:un )?(?:signe|retour))(?: si [^.;:!?,]{1,60})?)?"
)
# (or whether something holds: "je regarde si d'autres communes sont concernées")
_LOOKS_TOO = (
    rf"{_AS_WELL}{_LOOK}{_TOO}{_WHEN}{_AT}{_WHEN}{_END}|"
    rf"{_LATER}{_LOOK}{_TOO}{_THAT}{_WHEN}{_AT}{_WHEN}{_TELL_BACK}{_END}|"
    rf"je (?:regarde|v[ée]rifie) si [^.;:!?,]{{1,80}}{_END}"
)
# a promise to look: it says nothing known yet ("Je regarde ça", "I'll have a look")
PROMISING = (
    rf"{_LOOKS_TOO}|looking into it|i['’]ll (?:take a |have a )?look|i['’]ll check|on it|"
    rf"(?:(?:je|on) va(?:is)? (?:regarder|voir|v[ée]rifier)|(?:je|on) (?:regarde|check|"
    rf"v[ée]rifie|teste|m['’]en occupe|s['’]en occupe)){_NOTHING_AFTER}|"
    r"we['’]ll (?:take a |have a )?look|we(?:['’]ll| will) look into (?:it|this)|"
    r"je me penche dessus|je m['’]y penche|je jette un (?:[œo]e?il|coup d['’][œo]e?il)|"
    r"let me (?:check|look)|i['’]ll dig into (?:it|this)|"
    r"(?:on est|je suis|nous sommes|we['’]re|i['’]m) (?:sur le coup|on it)|"
    # a ticket opened about it: no knowledge yet ("je crée un ticket", "I'll file a bug")
    rf"(?:je|on) (?:cr[ée]e|ouvre|vais (?:cr[ée]er|ouvrir)) (?:un|le) ticket{_NOTHING_AFTER}|"
    r"(?:i['’]ll|i will|we['’]ll|let me) (?:open|file|create|raise) (?:a|an|the) "
    r"(?:ticket|issue|bug(?: report)?)|(?:opening|filing|creating|raising) (?:a|an) "
    r"(?:ticket|issue|bug)"
)
# what says nothing of the subject: keeping the tip, not knowing, finding it important ("Je
# garde ça pour la restauration PITR", "Je ne sais pas", "c'est un sujet important pour nous")
NOTING = (
    r"je (?:garde|note) (?:[çc]a|ceci|cela|l['’]info|l['’]id[ée]e)|i['’]ll keep (?:this|that)|"
    r"[àa] creuser|affaire [àa] suivre|to be continued|not my area|pas mon (?:domaine|rayon)|"
    r"(?:c['’]est|it['’]s|this is) (?:un |a )?(?:vrai |real |big |gros )?(?:sujet|topic)(?=\W*$)|"
    r"bookmark(?:ed|ing)|subscrib(?:ing|ed)|je m['’]abonne|"
    # (asking to be kept informed: "Please keep me posted", "Tiens-moi au courant")
    r"(?:please )?keep (?:me|us) (?:posted|updated|informed|in the loop)|"
    r"(?:merci de )?(?:me |nous )?(?:tiens|tenez|tenir)-?(?:moi|nous)? (?:au courant|inform[ée]s?)|"
    # (not knowing, said alone: "I don't know why, but setting ndots to 1 fixed it" answers)
    r"(?:je ne sais pas|je sais pas|aucune id[ée]e|pas d['’]id[ée]e|no idea|i don['’]t know|"
    r"dunno)(?=\s*(?:[.!;:?]|$|,(?!\s*(?:but|mais)\b)))|"
    # (how or why, and nothing after: "Je ne sais pas comment ça marche", a service desk
    # agent's, had made her second for the badge login she passed on)
    r"(?:je ne sais pas|je sais pas|i don['’]t know|no idea) (?:comment|pourquoi|o[uù]|how|"
    r"why|where)(?: (?!(?:but|mais)\b)[\w'’-]+){1,6}(?=\s*[.!]*$)|"
    r"(?:c['’]est|it['’]s|this is) (?:un sujet |a topic |an? (?:topic |issue )?)?"
    r"(?:(?:tr[eè]s|really|very|super|so|si|vraiment) )?(?:important|crucial|critical|"
    r"essentiel|int[ée]ressant|interesting|annoying|frustrating|p[ée]nible|aga[çc]ant)"
    r"(?!\s+(?:to|de|d['’]|que|that|because|car|parce)\b)|"  # ("It's important to set …")
    # that a subject matters, and nothing of it ("Pour info, je rappelle que la maîtrise de la
    # pasteurisation est un enjeu majeur pour la coopérative")
    r"(?:(?:pour info|fyi|for the record|rappel|reminder)\W+)?(?:(?:je|i) (?:rappelle|souligne|"
    r"remind (?:you|everyone)|stress) (?:que |qu['’]|that )?)?"
    r"(?:(?!\b(?:est|sont|reste|restent|is|are|remains?|a|ont|has|have|doit|must)\b)"
    r"[^.!?;:\d]){0,80}?\b(?:est|reste|sont|"
    r"restent|is|remains|are|remain) (?:un |une |des |a |an |our |notre )?(?:(?:vrai|r[ée]el|"
    r"real|big|gros) )?(?:(?:enjeu|priorit[ée]|sujet)s? (?:majeur|important|cl[ée]|essentiel|"
    r"prioritaire|critique|strat[ée]gique)e?s?|(?:major|key|top|critical|important|strategic) "
    r"(?:issue|concern|priority|topic|stake|challenge)s?|l['’]affaire de tous|everyone['’]s "
    r"(?:business|job|responsibility|concern))(?: (?:pour|for) [^.!?;:,]{1,40})?"
    r"(?=\W*$)"
)
# an approval: it says the change is fine, nothing of the subject ("Approved, ship it. The
# nginx change looks fine to me", "Ça me va pour nginx, je valide la config")
APPROVING = (
    r"lgtm|looks good(?: to me)?|ship it|[çc]a me (?:va|convient)|"
    r"[çc]a me semble (?:bien|bon|ok|correct)(?=\s*[.!]|\s*$)|"
    r"je valide|ok pour moi|"
    r"(?:approved|valid[ée]|approuv[ée])(?=\s*[,.!;:]|\s*$| en recette| pour (?:moi|la|le|les|"
    r"l['’]|ce|cette)| for (?:the|this|release|prod))"
)
# praise of the question ("Good question about nginx logrotate, thanks for asking!")
PRAISING = (
    # that the answer made it clear ("c'est beaucoup plus clair pour la preuve B")
    r"(?:c['’]est|it['’]s|that['’]s|this is) (?:beaucoup |bien |tellement |much |so |way |"
    r"a lot )?(?:plus |more )?(?:clair|clearer|clear|simple|simpler)\b(?![^.!?]{0,20}\b(?:que|"
    r"than|if|si|when|quand)\b)|"
    r"(?:(?:very|really|such an?) )?(?:good|excellent|interesting|fair) question|"
    r"(?:(?:tr[eè]s|super) )?(?:bonne|excellente|belle) question"
)
# interest in an answer and nothing of the subject, a session about it wished at most ("Très
# intéressant Julie, on devrait en faire une formation pour tout le labo": a director's; "Very
# interesting Julie, SNMP v1 is off by default …" answers: an attacker's)
INTERESTED_ONLY = re.compile(
    r"^\W*(?:tr[eè]s|vraiment|super|really|very|so) (?:int[ée]ressant|interesting|"
    r"instructi(?:f|ve))(?:\s+@?[A-Z][\w'’-]*)?\s*[,.!]*\s*(?:(?:on|nous|we|you) (?:devrai(?:t|"
    r"ons)|should|could|pourrai(?:t|ons)) [^.!?]{0,60}?\b(?:formation|pr[ée]sentation|atelier|"
    r"workshop|training|talk|session|wiki|doc)\b[^.!?]{0,40}[.!]?)?\s*$",
    re.IGNORECASE,
)

# what thanks or agrees, in every source ("+1", "thanks a lot", "merci", "même souci")
ACKNOWLEDGING = (
    rf"{AGREEING}|(many |big )?thanks?( you)?( so much| a lot)?|thx|merci( beaucoup)?|danke|"
    r"gracias|perfect|parfait|great|super|g[eé]nial|awesome|excellent|nice|cool|cheers|"
    rf"{PRAISING}|{NOTING}|"
    r"(?:much |greatly )?appreciated|un grand merci|mille mercis|merci bien|"
    r"top|au top|nickel|trop bien|impec(?:cable)?|bravo|love (?:this|it)|great initiative|"
    # an approval, a "got it", a "will look": nothing known is said ("Ça marche", "LGTM")
    r"lgtm|looks good|sounds good|works?(?: for (?:me|us))?(?=\s*[,.!]|\s*$)|got it|"
    r"noted|will do|makes sense(?: to me)?(?=\W*$)|agreed|"
    r"(?:bien )?not[ée](?=\s*[,.!]|\s*$)|bien re[çc]u|bien compris|"
    r"(?:i |totally |fully )?agree(?: with (?:you|this|that|\w+))?|"
    r"absolutely|exactly|tout [àa] fait|entendu|nice one|great stuff|well done|"
    rf"{PROMISING}|already (?:done|did|tried)|legend|brilliant|works like a charm|"
    r"that did the trick|that was (?:exactly )?it|you saved my day|you['’]re a (?:star|lifesaver)|"
    r"probl[eè]me r[ée]solu|"
    r"[çc]a marche|c['’]est (?:bon|not[ée]|ok)|ok pour moi|d['’]accord|bien re[çc]u|"
    r"not[ée](?=\s*[,.!]|\s*$)|"  # ("Noté, merci", not "Note that Low Power Mode defers …")
    # ("Clear, thanks", "Understood!", "Compris, merci"; not "Clear the cache")
    r"(?:crystal |very |all |super )?clear(?: now)?(?=\W*(?:thanks?|thank you|merci|cheers)?\W*$)|"
    r"understood|compris|"
    rf"{APPROVING}|"
    r"d[ée]j[àa] (?:fait|test[ée]|essay[ée])"
)
_AGREES = re.compile(rf"^\W*(?:{AGREEING})\b", re.IGNORECASE)


def after_agreeing(sentences: list[str]) -> list[str]:
    """A message's sentences, the agreement it opens with left out ("+1 that fixed it for
    me": "that fixed it for me"); all of them when it opens with none."""
    found = _AGREES.match(sentences[0]) if sentences else None
    if found is None:
        return sentences
    return [sentences[0][found.end() :].lstrip(" ,;:-—–"), *sentences[1:]]


def agrees(body: str) -> bool:
    """Whether a reply opens by agreeing that the problem is theirs too."""
    return bool(_AGREES.match(body))


# an opening before what a reply says: a greeting, "OK", "yes" ("Hi Bob, thanks", "OK merci")
OPENING = (
    r"^\W*(?:(?:hi|hello|hey|bonjour|salut|ok(?:ay)?|yes|yep|yeah|oui|ouais|ugh|argh|oh|ah|"
    r"hmm+|wow|oops|a[iï]e|ouf|bah|h[ée]las|pf+)\b"
    r"[^.!?,;:]{0,20}[.!?,;:]?\W*)?"
)

# "I'll have a look tomorrow at the dashboards": a promise, at any length
PROMISES = re.compile(rf"{OPENING}(?:{PROMISING})\b", re.IGNORECASE)
# an approval, at any length too
APPROVES = re.compile(rf"{OPENING}(?:{APPROVING})\b", re.IGNORECASE)
ACKNOWLEDGES = re.compile(rf"{OPENING}({ACKNOWLEDGING})\b", re.IGNORECASE)
NOTES = re.compile(NOTING, re.IGNORECASE)
_VOCATIVE = re.compile(r"^\W*[^\W\d_][\w'’-]*\s*[,!:]\s*")  # ("Paul, ", "Anna ! ")
PRAISES = re.compile(rf"{OPENING}(?:{PRAISING})\b", re.IGNORECASE)


def courteous(sentence: str) -> bool:
    """Whether a sentence only thanks, praises, agrees, promises, keeps the tip or says the
    writer does not know ("Pareil pour nos VMs de recette", "Je garde ça pour la
    restauration PITR"; a name spoken to first aside: "Paul, good question about GNNs")."""
    said = sentence.strip()
    if not (ACKNOWLEDGES.match(said) or ACKNOWLEDGES.match(_VOCATIVE.sub("", said, count=1))):
        return False
    said = NOTES.sub(" ", said)  # ("c'est un sujet important" names no cause)
    return not (explains(said) or instructs(said) or offers_fix(said) or tells_what_fixed_it(said))
