"""General advice: a reply or a first message every clause of which is an opinion, a
suggestion to consider, review or discuss, a remark that the subject matters, is hard or is a
symptom, a guess at a kind of problem, a short guess asked, or an offer to help, and which
names nothing a reader could act on (no setting, value, path, command or identifier) and gives
no reason.

Four fresh evaluators' organisations each had a colleague who replied to every thread ("We
should probably look at the kafka consumer config and the monitoring around it. Happy to jump
on a call.", "Identity is a key part of our security posture. We should define a clear token
strategy.", "Il faudrait revoir notre stratégie de sauvegarde."): read as answers, each reply
matched its thread's subject, and the colleague came first for most topics, above the
people who had explained. Such a reply shows that its writer follows the subject, not that
they know it: its writer is an ``adviser``, whose item gives no expert vote, makes no
collaborator and no learner (as a thanks does).

Two attackers then wrote experts' answers to trip the rule; what keeps an answer a reply: a
clause with something to act on or a reason ("You should consider the cooperative sticky
assignor, the eager one revokes every partition on each restart"), or a single suggestion of
more than :data:`SHORT_ADVICE_WORDS` words not said as an opinion ("You should look at the
ndots setting in the pod DNS config"). The phrasings are a closed list, English and French.
"""

from __future__ import annotations

import re

_OPENING = (
    r"^\W*(?:(?:hi|hello|hey|bonjour|salut)(?: [\w-]+)?\W+|(?:and|also|et|aussi)\W+|"
    r"(?:interesting|indeed|well|so|ok|okay|right|hmm+|yes|yeah|oui|bref|but|mais|imho|"
    r"personally|personnellement|honestly|franchement|pour moi|selon moi|à mon avis|de mon "
    r"point de vue|going forward|from now on|désormais|à l['’]avenir|dorénavant|"
    r"from my side|just my two cents)\W+)?"
)
_HEDGE = (
    r"(?:i think |i guess |i feel |i believe |imo,? |honestly,? |in my (?:opinion|experience),? |"
    r"not sure,? but |je pense qu['’]|je crois qu['’]|à mon avis,? |pas sûre?,? mais )?"
)
_SOFT = (
    r"(?:probably |maybe |perhaps |also |really |definitely |just |first |peut-être |aussi |"
    r"probablement |sans doute |vraiment |d['’]abord )?"
)
# what a suggestion to consider, review or discuss says ("We should probably look at the
# config", "Have we considered a managed service?", "Il faudrait revoir la stratégie")
_CONSIDER = (
    r"(?:look (?:at|into)|consider|evaluate|review|revisit|discuss|talk about|think about|"
    r"rethink|define|align|investigate|explore|assess|standardi[sz]e|invest in|step back|"
    r"take a (?:closer |deeper |second )?look at|sociali[sz]e|be careful (?:with|about)|"
    r"take a step back|prioriti[sz]e|agree on|set up a (?:meeting|call|session|workshop)|"
    r"involve|(?:monitor|document|automate|test) everything)"
)
_CONSIDER_FR = (
    r"(?:regarder|revoir|envisager|étudier|évaluer|définir|réfléchir|repenser|discuter|"
    r"en parler|creuser|aligner|harmoniser|prendre du recul|se pencher|(?:tout )?remettre [àa] "
    r"plat|faire un point|qu['’]on fasse un point)"
)
_VAGUE_SENTENCES = (
    # suggestions to consider, review, discuss
    rf"{_HEDGE}(?:we|you|they|the team|someone)(?: should| could| might| may| need to| ought"
    r" to| must| might want to| may want to| want to| will| are going to| am going to| plan to|"
    rf" intend to|['’]ll) {_SOFT}{_CONSIDER}\b",  # (and a plan: "We will review our roadmap")
    rf"{_HEDGE}(?:(?:maybe|perhaps) (?:we|you) (?:should|could) {_SOFT}{_CONSIDER}|"
    r"(?:have|did) (?:we|you) (?:considered|thought about|looked at)|"
    r"should(?:n['’]t)? we (?:consider|look|think|review|revisit|discuss))\b",
    rf"{_HEDGE}(?:we|you) (?:need|should have|must have|need to have) (?:a|an|some) "
    r"(?:proper |clear |better |real |"
    r"holistic |global |common |shared )?[\w -]{0,30}(?:review|strategy|approach|process|"
    r"discussion|plan|policy|framework|vision|roadmap|alignment|governance)\b",
    r"(?:il (?:faudrait|faut|va falloir)|on (?:devrait|pourrait|doit|va|prévoit de)|nous "
    rf"(?:devrions|allons|prévoyons de)|vous devriez|tu devrais) {_SOFT}{_CONSIDER_FR}\b",
    r"(?:je pense qu['’])?il (?:nous )?faut (?:une?|des) [\w -]{0,30}(?:revue|stratégie|approche|"
    r"réflexion|démarche|vision|politique|gouvernance)\b",
    r"il (?:serait|est|sera) (?:bon|utile|important|pertinent|judicieux|intéressant) de "
    rf"{_SOFT}{_CONSIDER_FR}\b",
    r"(?:i think )?it(?:['’]s| is| might be| could be| would be| may be)? (?:really |definitely )?"
    r"worth (?:revisiting|reviewing|a (?:deeper |closer |second )?look|looking|having a look|"
    r"discussing|considering|exploring|thinking about)\b|^\W*worth a (?:deeper |closer )?look\b",
    r"there(?:['’]s| is) (?:a lot of|real|much|some) value in\b",
    # the subject matters, is hard, is a theme ("Encryption is critical", "Mobile is tricky",
    # "Search is a complex domain", "Kafka consumer is one of those areas where …")
    r"(?:[\w'’-]+ ){1,8}(?:is|are|remains?|has always been) (?:(?:very|really|so|super|always|"
    r"quite|a bit|pretty|extremely|absolutely|definitely) )?(?:important|critical|crucial|key|"
    r"vital|essential|tricky|complex|complicated|hard|difficult|sensitive|strategic|fundamental|"
    r"(?:a|an) (?:key|critical|crucial|complex|tricky|hard|strategic|important|essential|"
    r"fundamental|recurring|big|hot) (?:part|domain|area|topic|subject|problem|theme|piece|"
    r"issue|concern|challenge)|one of those (?:areas|things|topics|subjects))\b",
    r"(?:[\w'’-]+ ){1,8}(?:est|sont|reste|restent|c['’]est) (?:(?:très|vraiment|super|toujours|"
    r"assez|"
    r"un peu|particulièrement) )?(?:important|critique|crucial|essentiel|complexe|compliqué|"
    r"vital|primordial|"
    r"délicat|difficile|sensible|stratégique|fondamental|clé|(?:un|une) (?:sujet|domaine|"
    r"problème|thème|enjeu) (?:complexe|important|clé|critique|délicat|sensible|"
    r"stratégique|récurrent))e?s?\b",
    r"(?:this|that|it) (?:is|has been|seems to be) (?:a |an )?(?:recurring|common|"
    r"known|frequent|big) (?:theme|problem|issue|topic|pain point|challenge)\b",
    r"(?:[\w'’-]+ ){1,4}(?:is|are) (?:a |an )?(?:recurring|constant|real|big|ongoing) "
    r"(?:pain point|headache|source of pain|theme)s?\b",
    r"(?:c['’]est|ça reste) (?:un|une) (?:sujet|problème|thème|classique|enjeu)"
    r"(?: (?:récurrent|classique|important|complexe|délicat|clé|sensible))?\b",
    r"(?:[\w'’-]+ ){1,4}(?:is|are) (?:usually|often|typically|generally|always) (?:a sign|"
    r"the symptom|a symptom) of (?:a )?(?:deeper|bigger|broader|underlying|larger)\b",
    r"(?:best practice|good practice|the best approach|une bonne pratique|la bonne pratique) "
    r"(?:is|would be|here is|est|serait)\b",
    r"(?:sounds|looks|seems) like (?:a |an )?(?:[\w-]+ ){0,3}(?:issue|problem|thing|question)"
    r"(?: to me)?\W*$",
    r"(?:[çc]a )?(?:ressemble|sent) [àa] (?:un|une) (?:probl[èe]me|souci|sujet) (?:de|d['’])"
    r"(?: ?[\w'’-]+){1,3}\W*$",
    r"(?:i['’]ve|i have|we['’]ve|we have) seen (?:this|that|it|something like this|"
    r"(?:this|that|these) (?:kind|sort|type)s? of)\b.*\bbefore\b",
    r"we keep (?:hitting|running into|having|seeing) (?:the same|these|this)\b",
    r"(?:great|good|nice) to see\b|(?:good|great|excellent|nice) (?:question|point|topic|catch)"
    r"\W*$|(?:this|that|it) (?:shows|highlights|proves|confirms) (?:the importance|how important|"
    r"the need)\b",
    rf"{_HEDGE}(?:i['’]d|i would|i) (?:suggest|recommend|propose|advise) (?:that )?we {_SOFT}"
    r"(?:adopt an? (?:[\w-]+ ){0,2}(?:strategy|approach|mindset|culture|framework)|review|define|"
    r"consider|look|have|invest|revisit|standardi[sz]e|rethink|align|discuss|think)\b",
    r"let['’]s (?:make sure|ensure|discuss|put (?:it|this)|add (?:it|this)|bring (?:it|this)|"
    r"take (?:it|this) (?:offline|to)|review|revisit|align|sync|set up|schedule|plan|define|"
    r"not forget|keep (?:it|this) in mind)\b",
    # a subject is hard or a symptom, said of anything ("Stripe webhooks can be fiddly",
    # "Certificates are always a pain", "Flaky tests are a symptom of bad test hygiene")
    r"(?:[\w'’-]+ ){1,4}(?:can be|is|are) (?:always |often |sometimes |notoriously |pretty |so |"
    r"quite |really )?(?:fiddly|tricky|flaky|a pain|painful|annoying|messy|finicky|brittle|"
    r"unstable|a nightmare|a minefield)\b",
    r"(?:[\w'’-]+ ){1,4}(?:has|have) (?:a lot of|so many|too many|lots of) (?:knobs|moving parts|"
    r"options|pitfalls|gotchas)\b",
    r"(?:[\w'’-]+ ){1,4}(?:is|are) (?:usually|often|typically|generally|always) a sign (?:that|"
    r"the|of)\b",
    r"(?:sounds|looks|seems) like (?:a|an|some) [\w-]+ (?:issue |problem )?somewhere\b",
    r"(?:maybe |perhaps )?we (?:should|could|need to|might) (?:just )?(?:move to|switch to|go "
    r"with|use|get|buy) (?:a|an) (?:managed|hosted|different|another|third-party|external|"
    r"new) (?:[\w-]+ )?(?:service|vendor|provider|solution|tool|platform)\b",
    r"(?:maybe |perhaps )?we need (?:a|an) (?:[\w-]+ ){0,2}(?:vendor|tool|solution|platform)\b",
    r".*\b(?:think about|follow|apply|invest in|adopt|look at) (?:\w+ )?best practices?\b",
    # a guess at a kind of problem ("Probably a timeout config issue in the ingress", "Could be
    # anything in the networking stack", "Probably an IdP misconfiguration on their side")
    r"(?:probably|maybe|perhaps|possibly|likely|sans doute|peut-être|probablement) (?:a|an|some|"
    r"un|une) (?:[\w-]+ ){0,3}(?:issue|problem|misconfiguration|bug|souci|problème)\b",
    r"(?:it )?could be (?:anything|many things|a lot of things)\b|[çc]a peut être (?:plein de "
    r"choses|n['’]importe quoi)\b",
    r"(?:[\w'’-]+ ){1,4}needs? (?:a|an) (?:holistic |proper |clear |better |overall |global |"
    r"complete |real )?(?:approach|strategy|overhaul|rethink|review|revamp|refresh)\b",
    r"(?:great|good|nice|awesome|amazing) (?:week|job|work|progress|effort)\b|lots of (?:best "
    r"practices|good work|progress)\b",
    r"(?:[\w'’-]+ ){1,4}(?:is|are) (?:usually |often |always |just )?(?:a )?symptoms? of "
    r"(?:bad|poor|deeper|bigger|a lack of|our)\b",
    r"(?:we|you) (?:should|need to|must) (?:write|have|build|get|do|make) better\b|"
    r".*\bsomehow\W*$|(?:we|you) should (?:think about|follow|apply) (?:the )?best practices\b",
    # a guess asked ("Have you tried regenerating the API keys?", "Maybe try a different
    # ingress controller?"): a question that names nothing to act on
    r"(?:have you|did you|has anyone|avez-vous|as-tu) (?:tried|try|essay[ée])\b.*\?\s*$|"
    r"(?:maybe|perhaps|peut-être) (?:\S+\s+){0,6}\S+\?\s*$",  # (a short guess)
    # corporate speak and calls to talk ("Let's circle back", "leverage synergies", "Kicking
    # off a discussion on our TLS strategy. Thoughts welcome!")
    r"let['’]s (?:circle back|take this offline|touch base|sync up|deep dive|keep the "
    r"momentum)\b|(?:leverage|unlock) (?:our |the |some )?(?:synerg|value|potential)|"
    r"sociali[sz]e (?:this|it)\b|"
    r"(?:do|needs?|deserves?) (?:a |more )?deep[- ]dive\b|needs? more (?:visibility|alignment|"
    r"ownership|focus)\b|.*\bneeds? more (?:visibility|alignment|ownership)\b|upskill|"
    rf"it (?:would|might) make sense to {_SOFT}{_CONSIDER}\b|"
    r"(?:we need to|we should|let['’]s) talk about\b|"
    r"(?:kicking off|starting|opening) a (?:discussion|conversation|thread)\b|"
    r"thoughts (?:welcome|appreciated)\b|(?:[\w'’-]+ ){1,6}remains? (?:a |our )?(?:top )?priorit",
    r"(?:(?:that|it|this) )?(?:usually|often|normally|generally|always) (?:fixes|solves|helps|"
    r"works)(?: it| things)?\W*$|(?:[çc]a )?(?:r[èe]gle|marche) (?:souvent|g[ée]n[ée]ralement)\b|"
    r"(?:it['’]s|it is|c['’]est) (?:often|usually|probably|generally|typically|souvent|"
    r"probablement|g[ée]n[ée]ralement) (?:a |an |un |une )?(?:[\w-]+ ){0,2}(?:issue|problem|"
    r"souci|probl[èe]me)\b|souvent c['’]est [çc]a le probl[èe]me|"
    r"(?:we|i) had something similar\b|on a eu (?:quelque chose de similaire|la m[êe]me chose)|"
    r"(?:we|i) ended up (?:upgrading|restarting|rebooting|reinstalling|rewriting)\W*$|"
    r"(?:good|great|interesting|nice) (?:thread|discussion)\b|^\W*interesting\W*$|"
    r"i['’]ve been thinking about (?:this|that|it) (?:a lot|for a while)\b|"
    r"let['’]s (?:chat|talk|sync|catch up)\b|"
    r"(?:in|at) my (?:previous|last|former|old) (?:company|job|team|role|life)\b",
    # directives and reminders that say what must be, not how ("This kind of incident must
    # not happen again. Please do what is needed.", "Ce genre d'incident ne doit plus se
    # reproduire. Merci de faire le nécessaire et de prévoir un retour d'expérience.")
    r"(?:[\w'’-]+ ){0,12}(?:must|should|can(?:not|['’]t)|may) (?:not |never )?happen again\b|"
    r"(?:[\w'’-]+ ){0,12}(?:never|won['’]t|doesn['’]t|does not|will not) happens? again\b|"
    r"(?:i|we) (?:expect|want|need) (?:a|an|the) (?:post-?mortem|rca|root cause analysis|report|"
    r"write-?up|action plan)\b|(?:everyone|every team|all teams|we all|each team) (?:must|should|"
    r"needs? to|has to|have to) (?:ensure|make sure|check|verify|review)\b|(?:we )?(?:must|need "
    r"to|have to) avoid (?:this|that|it) (?:happening )?again\b|"
    r"(?:please )?(?:do (?:what(?:ever)?(?: is|['’]s) (?:needed|necessary|required)|the "
    r"needful)|make sure (?:it|this|that) (?:does(?:n['’]t| not)|won['’]t|never) happens? "
    r"again)\b|(?:we|you|everyone|the team|all of us) (?:really )?(?:need to|must|should|have "
    r"to) (?:be|stay|remain) (?:more |extra |very |really )?(?:careful|vigilant|attentive|"
    r"cautious)\b|let['’]s (?:all )?(?:be|stay|remain) (?:more |extra )?(?:careful|vigilant)\b",
    r"(?:[\w'’-]+ ){0,12}ne se (?:reproduise|reproduisent|répète|répètent) (?:plus|pas|jamais)\b|"
    r"il (?:faut|faudrait|va falloir) (?:absolument |vraiment )?éviter (?:que|qu['’])|je compte "
    r"sur (?:vous|toi|chacun|tout le monde|votre)\b|(?:merci de |il faut |prière de )?veiller à "
    r"ce qu|(?:c['’]est|ça reste) une priorité\b|(?:this|it|that) is a (?:top |high )?priority\b|"
    r"(?:[\w'’-]+ ){0,12}ne (?:doit|doivent|devrait|devraient|peut|peuvent) (?:plus|pas|"
    r"jamais) se (?:reproduire|répéter)\b|(?:merci de |prière de |il faut |faites |faisons )"
    r"(?:faire )?le nécessaire\b|(?:de |il faut |il faudra |merci de )?prévoir (?:un|une) "
    r"(?:retour d['’]expérience|rex|post-mortem|point|réunion|revue)\b|il (?:faut|faudrait|va "
    r"falloir) (?:vraiment |absolument )?(?:qu['’]on soit|que nous soyons|être|rester) "
    r"(?:plus |très |particulièrement )?(?:attentifs?|vigilants?|prudents?|irréprochables?|"
    r"exemplaires?|rigoureux)\b|(?:soyons|"
    r"restons) (?:plus |très )?(?:attentifs|vigilants|prudents)\b|c['’]est (?:la )?base\W*$",
    # encouragement and watchfulness ("Continuons sur cette lancée", "Let's keep an eye on
    # costs", "Tenez-moi au courant")
    r"let['’]s keep an eye on\b|(?:tenez|tiens)-moi (?:au courant|inform[ée])|keep me "
    r"(?:posted|updated|in the loop)\b|il faudra (?:penser|songer) [àa]\b|"
    r"(?:[\w'’-]+ ){1,8}(?:is|are) exactly the kind of things? (?:we|you) (?:need|should|must|"
    r"have) to\b|(?:it['’]s|that['’]s|this is) everyone['’]s (?:job|business|responsibility)\b|"
    r"(?:continuons|continuez|on continue) (?:sur cette lancée|comme ça|ainsi|dans ce sens)\b|"
    r"(?:gardons|gardez) ce (?:niveau|cap|rythme)\b|keep (?:up the good work|it up)\b|"
    r"let['’]s keep (?:it up|going|this (?:level|pace|momentum))\b|(?:bonne année|happy new "
    r"year)\b|pensez (?:bien )?(?:à|a) (?:la |l['’]|les )(?:s[ée]curit[ée]|fiabilit[ée]|"
    r"qualit[ée]|documentation)\b|(?:think|remember) about (?:security|reliability|quality)\b",
    r"(?:pensez|pense|n['’]oubliez pas|n['’]oublie pas) (?:bien )?(?:à|de) (?:bien )?"
    r"(?:documenter|communiquer|informer|prévenir|partager|tenir)\b|(?:please )?(?:remember|"
    r"don['’]t forget|make sure) to (?:document|communicate|inform|share|keep (?:everyone|us|"
    r"people|the team) (?:posted|informed|in the loop))\b",
    r"(?:(?:gardons|gardez) (?:bien )?(?:en tête|à l['’]esprit) que )?(?:[\w'’-]+ ){0,8}(?:est|"
    r"sont) l['’]affaire de tous\b|(?:let['’]s )?(?:(?:keep|bear) in mind that )?(?:[\w'’-]+ )"
    r"{0,8}(?:is|are) everyone['’]s (?:job|business|responsibility)\b|(?:que )?(?:[\w'’-]+ )"
    r"{0,8}(?:mérite|méritent|deserves?) (?:une |un |a )?(?:réponse|traitement|suivi|answer|"
    r"response|follow-up) (?:rapide|soignée?|particulier|quick|careful|prompt)\b",
    r"(?:adding|putting|moving) (?:it|this|that) (?:to|on|onto) (?:the |our |my |next |"
    r"thursday['’]s |tomorrow['’]s )?(?:agenda|backlog|list|roadmap|board|retro)\b|"
    r"(?:this|it|that) (?:should|must|needs to|deserves to) (?:go|be (?:added|put|written "
    r"down)) (?:in|into|to|on) (?:the |our )?(?:docs|documentation|wiki|faq|readme|handbook)\b|"
    r"(?:[çc]a|il) (?:faudrait|faut) (?:le |l['’])?(?:mettre|ajouter|[ée]crire) (?:[çc]a )?"
    r"dans (?:la doc(?:umentation)?|le wiki|la faq)\b|"
    r"merci (?:à|a) (?:chacun(?:e)?|tous|toutes|tout le monde) de\b|merci de (?:bien )?"
    r"(?:respecter|appliquer|suivre) (?:la|les|le|l['’])\b|"
    r"(?:[\w'’-]+ ){0,8}(?:doit|doivent) m['’][êe]tre (?:remont[ée]e?s?|signal[ée]e?s?|"
    r"communiqu[ée]e?s?|"
    r"transmis(?:es?)?)\b|merci (?:à (?:la |l['’]|les |chacun)[\w-]* ?)?de (?:s['’]organiser|vous "
    r"organiser)\b|(?:[\w'’-]+ ){0,8}(?:must|should|needs? to) be (?:reported|escalated|flagged) "
    r"to me\b|"
    r"(?:je l['’]ajoute|j['’]ajoute (?:ce|le) (?:point|sujet)|on l['’]ajoute|à (?:mettre|"
    r"ajouter)) (?:à|a) l['’]ordre du jour\b",
    # offers, agendas and meetings
    r"(?:i['’]m |i am |we['’]re |always )?(?:happy|glad|available) to (?:help|jump on a call|"
    r"chat|discuss|pair|take a look|dig in|set up a call|talk|join)\b",
    r"let me know if\b|feel free to (?:reach out|ping|ask)|ping me if\b|my door is open\b",
    r"n['’]h[ée]site[zr]? pas(?: [àa]| si)|je suis (?:dispo(?:nible)?|l[àa]) (?:pour|si)\b",
    r"(?:i['’]ll|i will|let['’]s|we can|we could|je vais|on peut|on pourra) (?:add (?:it|this) "
    r"to|put (?:it|this) on|bring (?:it|this) (?:up )?(?:to|at)|discuss (?:it|this) (?:at|in)|"
    r"ajouter (?:[çc]a|ce point) [àa]|en (?:parler|discuter) (?:[àa]|en|lors))\b",
    r"(?:maybe|perhaps|peut-être) (?:also |aussi )?(?:upgrade|update|restart|check|try) (?:to )?"
    r"(?:the latest|a newer|the newest|la dernière)\b",
    rf"{_HEDGE}(?:i['’]d|i would|i['’]ll|i will|je) (?:check|look at|regarderais|vérifierais) "
    r"(?:the |les |la |le )?(?:[\w-]+ ){0,3}(?:settings|config(?:uration)?|logs|monitoring|"
    r"dashboards?|metrics|param[èe]tres|journaux) (?:and|et) (?:the |les )?(?:[\w-]+ ){0,2}"
    r"(?:settings|config(?:uration)?|logs|monitoring|dashboards?|metrics|journaux)\W*$",
    rf"{_HEDGE}it might be worth (?:having a look at|looking at|checking) (?:the )?"
    r"(?:[\w-]+ ){0,3}(?:settings|config(?:uration)?|logs|monitoring|dashboards?|metrics)\b",
)
# what is vague only beside something vaguer ("I'd check the kafka consumer configuration, it's
# often a config issue"): alone, "I'd check the pgbouncer pool settings" may be an answer
_WEAK = re.compile(
    _OPENING
    + rf"(?:{_HEDGE}(?:i['’]d|i would|je) (?:check|look at|regarderais|v[ée]rifierais) (?:the |la |"
    r"le |les )?(?:[\w-]+ ){0,3}(?:settings|config(?:uration)?|param[èe]tres)\b|"
    r"il faudrait (?:des|un|une|plus de|mieux) [\w-]+\W*$|we need (?:more|better) [\w-]+\W*$)",
    re.IGNORECASE,
)
_VAGUE = re.compile(
    _OPENING + "(?:" + "|".join(f"(?:{pattern})" for pattern in _VAGUE_SENTENCES) + ")",
    re.IGNORECASE,
)
# something a reader could act on: a value or version, a setting, path, command or
# identifier ("session.timeout.ms", "onPartitionsRevoked", "/etc/nginx", "`restic check`")
_SPECIFIC = re.compile(
    r"\d+[.,:]\d|\b\d+\s*(?:ms|s|sec|seconds?|min|minutes?|h|hours?|days?|jours?|[kmgt]i?b|"
    r"%|x|rows?|lignes?|replicas?|nodes?|pods?|go|mo)\b|\b(?!(?:19|20)\d\d\b)\d{2,}\b|"
    r"[`«»\"“”]|\w[._:=@#]\w|(?:^|\s)/\w|\w/[\w.-]+/|\w/[\w-]+\.\w|(?<![\w-])--?[a-z]|\w\(\)|"
    # an identifier in code's case ("onPartitionsRevoked", "CooperativeStickyAssignor"); not
    # a product's name ("OpenSearch", "PostgreSQL", "GitLab")
    r"\b[a-z]+[A-Z]|[a-z][A-Z][a-z]+[A-Z]",
)
# a reason or a consequence makes a remark an explanation ("The migration is important
# because the old cluster is out of support next month")
_REASON = re.compile(
    r"\b(?:because|since|therefore|otherwise|which means|so that|due to|car|parce qu|puisqu|"
    r"sinon|donc|du coup|à cause d|grâce à)\b|[:;]",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")
# a bare list after a colon, no reason ("Pensez à la sécurité : certificats, sauvegardes,
# alertes, tout compte")
_LISTED_AFTER = re.compile(
    r"\s*:\s*(?:[\w'’-]+(?: [\w'’-]+){0,2},\s*){2,}[\w'’-]+(?: [\w'’-]+){0,2}\W*$"
)
# a remark that may go with advice or with a diagnosis ("This is a classic Kubernetes
# problem." before "We need a proper node maintenance strategy.", or alone)
_NEUTRAL = re.compile(
    r"^\W*(?:this|that|it)(?:['’]s| is) (?:a |an )?(?:classic|typical|common|textbook) "
    r"(?:[\w-]+ ){0,3}(?:problem|issue|case|pattern|mistake)\W*$",
    re.IGNORECASE,
)
# an opinion said as such: a vague sentence that opens so is advice at any length
_OPINION = re.compile(
    r"^\W*(?:imho|in my (?:humble )?opinion|personally|just my two cents|my two cents|"
    r"from my side|pour moi|selon moi|à mon avis|de mon point de vue|"
    r"(?:we|you) (?:might|may) want to|it (?:would|might) make sense to|going forward|from now "
    r"on|d[ée]sormais|[àa] l['’]avenir|dor[ée]navant|"
    # a directive to everyone ("Pour l'audit, merci à chacun de mettre à jour ses documents")
    r".{0,60}?\b(?:merci (?:à|a) (?:chacune?|tous|toutes|tout le monde)|je compte sur (?:vous|"
    r"chacun|tout le monde)|(?:everyone|every team|all teams|each team) (?:must|should|needs? "
    r"to|has to|have to)|i (?:expect|want|need) (?:everyone|every team|all of you)))\b",
    re.IGNORECASE,
)
_HEDGE_ALONE = re.compile(
    r"^\W*(?:not sure|no idea|pas s[uû]re?|aucune id[ée]e|just my two cents|my two cents|"
    r"imho|honestly|franchement|personally|personnellement|pour moi|selon moi|de mon point de "
    r"vue|from my side|de mon c[ôo]t[ée]|going forward|from now on|d[ée]sormais|[àa] l['’]avenir|"
    r"dor[ée]navant)\W*$",
    re.IGNORECASE,
)
_COURTESY = re.compile(
    r"^\W*(?:(?i:thanks?(?: you)?|merci|cheers|best|regards|cordialement|bonne journée|"
    r"(?:bon courage|bonne chance|good luck)(?: [àa] tous| everyone| all| team)?|"
    r"(?:très |fort )?bien|parfait|well done|bravo|nice one|great stuff|no exceptions?|"
    r"sans exception)|"
    r"[A-ZÀ-Ý][\w'’-]*(?: [A-ZÀ-Ý][\w'’-]*)?)\W*$"
)


# a setting, path, command or identifier ("rds_superuser", "max.poll.interval.ms"); not a
# version or a number alone ("works on 1.2 too", "!7 is merged"), nor "vSphere", "iPhone", "A/B"
_IDENTIFIER = re.compile(
    r"`|(?!\b\w/\w\b)[^\W\d_][\w-]*[._/:=#][^\W\d_]\w*|\b[a-z]{2,}[A-Z]|[a-z][A-Z][a-z]+[A-Z]|"
    r"(?<![\w-])--?[a-z]"
)


def names_something(sentence: str) -> bool:
    """Whether a sentence names a setting, a path, a command or an identifier."""
    return _IDENTIFIER.search(sentence) is not None


# a clause: what a comma, a semicolon or a dash sets apart ("You should consider the cooperative
# sticky assignor, the eager one revokes every partition on each restart": the writer's reason)
_CLAUSE = re.compile(r"\s*(?:[,;]|\s[—–-]\s)\s*")
_EITHER = re.compile(r"^\W*(?:ni|neither|either|both|whether|soit)\b", re.IGNORECASE)  # ("ni en …")
SHORT_CLAUSE_WORDS = 4  # ("Hi all", "with proper key management": too short to tell anything)
# the end of an enumeration ("…across Kubernetes, Postgres and CI") or one word
_LIST_TAIL = re.compile(r"^\W*(?:(?:[\w-]+\s+){0,2}(?:and|or|et|ou)\s+)?[\w-]+\W*$", re.IGNORECASE)
# how such a short clause begins (not "it is the MTU", which answers)
_TRAILING = re.compile(
    r"^\W*(?:with|for|in|on|at|as|ideally|overall|generally|hi|hello|hey|all|team|folks|ni|nor|"
    r"neither|either|including|y compris|"
    r"avec|pour|dans|sur|en général|idéalement|bonjour|salut|it['’]s best practice|"
    r"c['’]est une bonne pratique)\b",
    re.IGNORECASE,
)
# one vague sentence is general advice only in a reply this short ("Data retention needs a
# holistic approach."); a longer one may name its subject in plain words ("You should look at
# the ndots setting in the pod DNS config.")
SHORT_ADVICE_WORDS = 10


def only_general_advice(sentences: list[str]) -> bool:
    """Whether a reply is general advice (see the module): nothing specific anywhere, every
    clause vague, a courtesy, a remark or too short to tell anything, and two vague clauses
    at least, or one said as an opinion ("IMHO …", "From my side, …") or in a reply of
    :data:`SHORT_ADVICE_WORDS` words at most."""
    vague, weak, opinion = 0, 0, False
    for sentence in sentences:
        sentence = _LISTED_AFTER.sub("", sentence)  # ("… en 2026 : certificats, alertes")
        if _SPECIFIC.search(sentence) or _REASON.search(sentence):
            return False
        opinion = opinion or _OPINION.match(sentence) is not None
        if _VAGUE.search(sentence) and not _CLAUSE.search(sentence):
            vague += 1
            continue
        for clause in filter(None, _CLAUSE.split(sentence)):
            if _VAGUE.search(clause):
                vague += 1
            elif _WEAK.search(clause):
                weak += 1
            elif _aside(clause):
                opinion = opinion or _OPINION.match(clause) is not None
            else:
                return False
    short = sum(len(sentence.split()) for sentence in sentences) <= SHORT_ADVICE_WORDS
    if vague and weak:
        return True  # ("I'd check the X configuration, it's often a config issue")
    return vague >= 2 or (vague == 1 and (short or opinion))


def _aside(clause: str) -> bool:
    """A clause that tells nothing: a courtesy, a name, a remark, a hedge, a few words."""
    return bool(
        _COURTESY.match(clause)
        or _NEUTRAL.match(clause)
        or _HEDGE_ALONE.match(clause)
        or (
            len(_WORD.findall(clause)) <= SHORT_CLAUSE_WORDS
            and (_TRAILING.match(clause) or _LIST_TAIL.match(clause))
        )
        or (len(_WORD.findall(clause)) <= 2 * SHORT_CLAUSE_WORDS and _EITHER.match(clause))
    )


__all__ = ["names_something", "only_general_advice"]
