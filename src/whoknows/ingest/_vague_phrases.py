"""The phrasings of general advice (:mod:`._vague`), English and French: how a reply opens,
hedges and softens, and each kind of sentence that names nothing a reader could act on.
A closed list, each entry with the evaluator's or attacker's example that brought it."""

from __future__ import annotations

OPENING = (
    r"^\W*(?:(?:hi|hello|hey|bonjour|salut)(?: [\w-]+)?\W+|(?:and|also|et|aussi)\W+|"
    r"(?:interesting|indeed|well|so|ok|okay|right|hmm+|yes|yeah|oui|bref|but|mais|imho|"
    r"personally|personnellement|honestly|franchement|pour moi|selon moi|à mon avis|de mon "
    r"point de vue|going forward|from now on|désormais|à l['’]avenir|dorénavant|"
    r"from my side|just my two cents)\W+)?"
)
HEDGE = (
    r"(?:i think |i guess |i feel |i believe |imo,? |honestly,? |in my (?:opinion|experience),? |"
    r"not sure,? but |je pense qu['’]|je crois qu['’]|à mon avis,? |pas sûre?,? mais )?"
)
SOFT = (
    r"(?:probably |maybe |perhaps |also |really |definitely |just |first |peut-être |aussi |"
    r"probablement |sans doute |vraiment |d['’]abord )?"
)
# what a suggestion to consider, review or discuss says ("We should probably look at the
# config", "Have we considered a managed service?", "Il faudrait revoir la stratégie")
CONSIDER = (
    r"(?:look (?:at|into)|consider|evaluate|review|revisit|discuss|talk about|think about|"
    r"rethink|define|align|investigate|explore|assess|standardi[sz]e|invest in|step back|"
    r"take a (?:closer |deeper |second )?look at|sociali[sz]e|be careful (?:with|about)|"
    r"take a step back|prioriti[sz]e|agree on|set up a (?:meeting|call|session|workshop)|"
    r"involve|(?:monitor|document|automate|test) everything)"
)
CONSIDER_FR = (
    r"(?:regarder|revoir|envisager|étudier|évaluer|définir|réfléchir|repenser|discuter|"
    r"en parler|creuser|aligner|harmoniser|prendre du recul|se pencher|(?:tout )?remettre [àa] "
    r"plat|faire un point|qu['’]on fasse un point)"
)
VAGUE_SENTENCES = (
    # suggestions to consider, review, discuss
    rf"{HEDGE}(?:we|you|they|the team|someone)(?: should| could| might| may| need to| ought"
    r" to| must| might want to| may want to| want to| will| are going to| am going to| plan to|"
    rf" intend to|['’]ll) {SOFT}{CONSIDER}\b",  # (and a plan: "We will review our roadmap")
    rf"{HEDGE}(?:(?:maybe|perhaps) (?:we|you) (?:should|could) {SOFT}{CONSIDER}|"
    r"(?:have|did) (?:we|you) (?:considered|thought about|looked at)|"
    r"should(?:n['’]t)? we (?:consider|look|think|review|revisit|discuss))\b",
    rf"{HEDGE}(?:we|you) (?:need|should have|must have|need to have) (?:a|an|some) "
    r"(?:proper |clear |better |real |"
    r"holistic |global |common |shared )?[\w -]{0,30}(?:review|strategy|approach|process|"
    r"discussion|plan|policy|framework|vision|roadmap|alignment|governance)\b",
    r"(?:il (?:faudrait|faut|va falloir)|on (?:devrait|pourrait|doit|va|prévoit de)|nous "
    rf"(?:devrions|allons|prévoyons de)|vous devriez|tu devrais) {SOFT}{CONSIDER_FR}\b",
    r"(?:je pense qu['’])?il (?:nous )?faut (?:une?|des) [\w -]{0,30}(?:revue|stratégie|approche|"
    r"réflexion|démarche|vision|politique|gouvernance)\b",
    r"il (?:serait|est|sera) (?:bon|utile|important|pertinent|judicieux|intéressant) de "
    rf"{SOFT}{CONSIDER_FR}\b",
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
    rf"{HEDGE}(?:i['’]d|i would|i) (?:suggest|recommend|propose|advise) (?:that )?we {SOFT}"
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
    # a hedged guess that the subject has a kind of problem, and a wish that someone looked
    # ("je pense que Kafka a un souci de partitions, faudrait voir avec quelqu'un": a
    # refusal's "mais" then this came first for Kafka, a fresh evaluator's)
    r"(?:je pense qu(?:e |['’])|je crois qu(?:e |['’])|j['’]ai l['’]impression qu(?:e |['’])|"
    r"i think |i guess |"
    r"i suspect |(?:it )?(?:looks|seems) like )(?:[\w'’-]+ ){1,4}(?:a|ont|has|have|had|avait) "
    r"(?:un|une|des|a|an|some) (?:petit |gros |vrai |big |real |[\w-]+ )?(?:souci|problème|"
    r"bug|issue|problem|glitch)s?(?: (?:de|d['’]|du|des|avec|with|of|in) ?"
    r"[\w'’-]++(?: [\w'’-]++){0,2})?\W*$",  # (possessive: a long token backtracked for minutes)
    r"(?:il )?(?:faudrait|faut|faudra) (?:voir|demander|vérifier|checker) (?:avec|à) "
    r"(?:quelqu['’]un|qqn|un expert|les experts)\b|(?:someone|somebody) (?:should|needs to|"
    r"could|must|ought to) (?:look at|check|take a look at|have a look at) (?:it|this|that)\b|"
    r"(?:we should |you should |better )?ask someone (?:who knows|else|more qualified)\b",
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
    rf"it (?:would|might) make sense to {SOFT}{CONSIDER}\b|"
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
    rf"{HEDGE}(?:i['’]d|i would|i['’]ll|i will|je) (?:check|look at|regarderais|vérifierais) "
    r"(?:the |les |la |le )?(?:[\w-]+ ){0,3}(?:settings|config(?:uration)?|logs|monitoring|"
    r"dashboards?|metrics|param[èe]tres|journaux) (?:and|et) (?:the |les )?(?:[\w-]+ ){0,2}"
    r"(?:settings|config(?:uration)?|logs|monitoring|dashboards?|metrics|journaux)\W*$",
    rf"{HEDGE}it might be worth (?:having a look at|looking at|checking) (?:the )?"
    r"(?:[\w-]+ ){0,3}(?:settings|config(?:uration)?|logs|monitoring|dashboards?|metrics)\b",
)

__all__ = ["CONSIDER", "CONSIDER_FR", "HEDGE", "OPENING", "SOFT", "VAGUE_SENTENCES"]
