"""Whether a sentence only coordinates: a label, a priority, a date, a meeting, a customer who
waits, an escalation, a promise to pass the outcome on ("Bump to P1", "Let's review it in the
Thursday triage meeting", "Le client attend la livraison"). Used by
:mod:`whoknows.ingest._referrals` (what goes with a hand-over) and
:mod:`whoknows.ingest._threads` (an opener's triage is no fix)."""

from __future__ import annotations

import re

from whoknows.ingest._acknowledging import courteous
from whoknows.ingest._books import STATUS_AT, keeps_books
from whoknows.ingest._notices import COURTESY
from whoknows.ingest._requests import explains, instructs, offers_fix
from whoknows.ingest._vague import names_something

_WORD = re.compile(r"\w+")
_FIGURE = re.compile(r"\b\d")
# why it happens, said beside it ("…, le C-MOVE échoue car l'AE title est en minuscules")
_CAUSE = re.compile(
    r"\b(?:car|parce qu|because|since|due to|caused by|[àa] cause d|d[ûu] [àa]|so (?:wait|you|"
    r"set|use|run)|donc|alors)\b",
    re.IGNORECASE,
)

# why them: what the colleague did or knows ("You did the last two upgrades.")
_YOU_DID = re.compile(
    r"^\W*(?:you|tu|vous)\s+(?:did|know|wrote|built|handled|fixed|set up|as fait|connais|"
    r"connaissez|avez fait|as (?:écrit|monté|géré)|avez (?:écrit|monté|géré))\b",
    re.IGNORECASE,
)
# a session or a meeting to attend ("La session de recyclage est fixée au 14 mai, merci de
# confirmer votre présence", "Point PACS mardi 10h en salle 2"; not "Sync runs every night …")
MEETING = (
    r"(?i:\b(?:fix[ée]e?|pr[ée]vue?|planifi[ée]e?) (?:(?:au|le|pour le) \d|"
    r"(?:(?:le|pour|ce) )?(?:lundi|mardi|mercredi|jeudi|vendredi) \d)|"
    r"^\W*(?:point|sync|call|visio|stand-?up|r[ée]union|meeting)\b"
    r"(?:(?!\b(?:runs?|ran|is|are|was|happens|tourne|se fait|every|each|nightly|daily|tous les|"
    r"chaque|[àa] savoir)\b)[^.!?]){0,40}?\b(?:lundi|"
    r"mardi|mercredi|jeudi|vendredi|demain|monday|tuesday|wednesday|thursday|friday|tomorrow|"
    r"\d{1,2} ?h(?:\d{2})?|\d{1,2}:\d{2}|\d{1,2} ?(?:am|pm))\b|"
    r"confirm(?:er)? (?:votre|ta|your) (?:pr[ée]sence|participation|attendance))"
)
# a gathering named ("la réunion du comité est décalée à jeudi", "feuille de présence"): a
# first message that only coordinates one organises it (:func:`~._threads.message_role`)
GATHERING = re.compile(
    r"\b(?:r[ée]union|meeting|comit[ée]|copil|sync|visio|stand-?up|feuille de pr[ée]sence|"
    r"attendance sheet|ordre du jour)\b",
    re.IGNORECASE,
)
_TRIAGE = re.compile(
    r"(?i:\bfixed (?:by|in|via) [#!]\d+|\bclosing\W*$|\bfermeture\W*$)|"
    r"(?i:^\W*(?:labell?(?:ed|ing)|tagg(?:ed|ing)|triag(?:ed|ing)|moving|moved|bumping|"
    r"bumped|closing as|marking|"
    r"marked|reopening|priorit[ye]|étiquet|tri[ée]|d[ée]plac|duplicate of|dup of|doublon d)|"
    r"\bp[0-4]\b|\bpriorit|\bsprint\b|"
    r"\bmilestone\b|\bbacklog\b|\brelease plan\b|\btarget(?:ing|ed)? (?:v?\d|the next release)|"
    r"\btriage\b|\bstand-?up\b|\bupdate the (?:ticket|issue)\b|"
    r"\bmettre [àa] jour le ticket\b|"
    # a status report ("Weekly status: interlocking SAT progress 80 %"; not "Status: mitigated,
    # the disk on db-3 was full")
    r"^\W*(?:weekly|daily|monthly|hebdo(?:madaire)?) (?:status|statut)(?: (?:update|report))?"
    r"\s*:|"
    r"\b(?:progress|avancement) (?:[àa] )?\d{1,3} ?%|"
    rf"{MEETING}|"
    r"\b(?:merci de vous inscrire|inscrivez-vous|please (?:register|sign up)|register for the)\b|"
    # an escalation, a meeting, a schedule
    r"\bescala\w*|\bbump(?:ing|ed)? (?:it )?to\b|"
    r"\b(?:incident|war ?room|bridge|cellule de crise)\b[^.!?]{0,30}\b(?:open|ouvert)|"
    r"\b(?:meeting|réunion|comité|copil|steering|ops review|(?:the|our|next|this) weekly|"
    r"weekly (?:meeting|sync|call|review)|revue|"
    r"(?:a|the|on a|in a) call (?:at|with|on|tomorrow|today|this)|call at \d|"
    r"schedul(?:e|ed|ing) (?:a|an|the|it|this)|planifi(?:er|ons|é) (?:une|un|la|le)|"
    r"maintenance window|fen[êe]tre de maintenance|top account|raising priority)\b)"
)
# who waits and when: with a hand-over, coordination too ("Le client attend la livraison",
# "Mark needs it by Thursday", "il nous le faut pour jeudi")
_DAY = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|eod|cob|"
    r"end of (?:the )?(?:day|week|month)|next week|lundi|mardi|mercredi|jeudi|vendredi|samedi|"
    r"dimanche|demain|ce soir|la fin de (?:la )?(?:journ[ée]e|semaine|mois)|"
    r"(?:the )?\d{1,2}(?:st|nd|rd|th))"
)
_WAITING = re.compile(
    rf"(?i:(?:\b(?:needs?|needed|wants?|wanted)\b[^.!?;:]{{0,25}}?\b(?:by|before) {_DAY}|"
    rf"\b(?:il|elle) (?:me|nous|lui|leur) (?:le |la |les )?faut\b[^.!?;:]{{0,25}}?"
    rf"\b(?:pour|avant|d['’]ici) {_DAY}|"
    rf"\b[àa] (?:rendre|livrer|envoyer) (?:pour|avant) {_DAY})\W*$)|"  # (and nothing after it)
    r"(?i:\b(?:customer|client)s? (?:is |are )?(?:wait|attend)|"
    r"\b(?:asap|urgent|today|aujourd['’]hui|ce soir|tonight|this week|cette semaine|bloquant|"
    r"blocking|(?:is|are) blocked|bloqu[ée]e?s?)\b)"
)


# what passes the problem on: to the team it belongs to, or up to a vendor ("Ce n'est pas nous,
# les badges c'est la direction technique", "Not us, badges are the facilities team's job",
# "Je remonte au fournisseur, j'ai ouvert un ticket chez eux", "I'll escalate to the vendor"):
# a hospital's PACS administrator, who escalated every question, was second for PACS routing
_PASSES_ON = re.compile(
    r"(?i:^\W*(?:ce n['’]est pas (?:nous|moi|chez nous|notre (?:service|[ée]quipe|p[ée]rim[èe]tre|"
    r"ressort))|pas (?:nous|chez nous|pour nous)|not (?:us|me|our (?:team|job|area|side|call|"
    r"problem|scope))|(?:that['’]s|it['’]s) not (?:us|our (?:team|job|area|side|scope)))\b|"
    r"\b(?:je|on|nous) (?:le |la |les |l['’])?(?:remonte|remontons|escalade|escaladons|"
    r"transf[eè]re|transmets|transmettons)\b[^.!?]{0,30}?\b(?:au|[àa] l['’]|[àa] la|aux|chez)\s?"
    r"(?:fournisseur|[ée]diteur|prestataire|constructeur|support|niveau|n[23]\b|[ée]quipe)|"
    r"(?:^\W*|\b(?:j['’]ai|nous avons|on a) )(?:transmis|remont[ée]|escalad[ée]|transf[ée]r[ée])"
    r"e?s? (?:(?:le|la|les|l['’]|[çc]a|ce point|la demande|le ticket) )?"
    r"(?:au|[àa] l['’]|[àa] la|chez)\s?"
    r"(?:fournisseur|[ée]diteur|prestataire|constructeur|support)|"
    r"\b(?:i['’]ll |i will |i['’]ve |i have |we['’]ve |we have )?escalated? (?:this |it )?to\b|"
    # a report passed on to the team ("Thanks for reporting! I've forwarded this to the team,
    # hang tight.": a community manager was second for anti-cheat, a fresh evaluator's)
    # (its writer's doing, or said without a subject at a sentence's start; not how a process
    # routes things: "Crash dumps are forwarded to the engine team")
    r"(?:\b(?:i['’]ve |i have |we['’]ve |we have |i |we |i['’]ll |i will |we['’]ll )|^\W*)"
    r"(?:forwarded|forward|passed|pass|relayed|handed|sent)(?: (?:this|it|that|your (?:report|"
    r"message|question)|the (?:report|details|logs)))?(?: (?:on|along|over))? to (?:the |our |"
    r"my )?(?:[\w'’-]+ )?(?:team|devs?|developers|engineers|folks|people|vendor|support|"
    r"studio)\b|"
    r"\bescalating (?:this |it )?to\b|"
    r"\b(?:(?:j['’]ai|nous avons|on a) ouvert )?(?:un )?(?:ticket|une demande|un incident) "
    r"(?:ouvert )?(?:chez|aupr[èe]s d)|"
    r"\b(?:i['’]ve |i have |we['’]ve |we have )?(?:opened|logged|filed|raised) "
    r"(?:a (?:ticket|case)|it|this|the (?:issue|problem)|[^.!?]{0,40}?) with "
    r"(?:the |their |our )?(?:[\w'’-]+ )?(?:vendor|provider|supplier|support|manufacturer|editor)|"
    r"^\W*(?:escalated|raised) (?:to|with) [^.!?]{0,30}?(?:waiting|awaiting|pending)\b|"
    # a refusal: not the writer's subject ("je ne suis pas le mieux placé pour la fatigue")
    r"\b(?:je ne suis pas|i['’]m not|i am not) (?:(?:le|la) mieux plac[ée]e?|la (?:bonne|"
    r"meilleure) personne|the (?:best|right) (?:person|one)|(?:the )?best placed)\b"
    r"(?: (?:pour|sur|for|on|with) (?:(?!\b(?:mais|but|however|cependant)\b)[^,.;!?]){0,40})?|"
    r"\b(?:ce n['’]est )?pas (?:vraiment |trop |du tout )?(?:mon|notre) (?:domaine|rayon|sujet|"
    r"expertise)\b|\bnot (?:really )?(?:my|our) (?:area|field|domain|expertise|strong suit)\b)"
)
_TICKET = re.compile(
    r"\(?\b(?:ticket|case|demande|incident|n°|no\.?)\s*[#n°]*\s*[\w-]*\d+\)?|#\d+", re.I
)
# what passing a problem on leaves to say: a few words, nothing of why nor what to do
PASSED_ON_WORDS = 8


def passes_on(sentence: str) -> bool:
    """Whether a sentence passes the problem on (see :data:`_PASSES_ON`) and says nothing of
    why it happens nor what to do ("Ce n'est pas nous, le C-MOVE échoue car l'AE title est en
    minuscules", "I'll escalate to the vendor, the 4.2 firmware drops C-MOVE" answer)."""
    found = _PASSES_ON.search(sentence)
    if found is None:
        return False
    rest = [  # (what follows, less its ticket's number and a promise to tell the outcome)
        clause
        for clause in re.split(r"[,;]", _TICKET.sub(" ", sentence[found.end() :]))
        if not _WILL_INFORM.match(clause.strip())
    ]
    said = sentence[: found.start()] + " " + " ".join(rest)
    if len(_WORD.findall(" ".join(rest))) > PASSED_ON_WORDS:
        return False
    told = _CAUSE.search(said) or instructs(said) or _FIGURE.search(said)
    return not (told or names_something(said))


# the problem sent to the tracker ("Could you open an issue on GitHub for this so we can track
# it? Please label it raster": a triager's, third on the raster question); said of a sentence
# (a fix told, then "Please file an issue upstream", is the opener's own fix)
_TO_TRACKER = re.compile(
    r"\b(?:(?:could|can|would) you|please|kindly) (?:open|file|create|raise|log|submit) "
    r"(?:an? |a new |une? )?(?:issue|ticket|bug(?: report)?)\b|"
    r"\b(?:pourriez|pouvez|pourrais|peux)[- ](?:vous|tu) (?:ouvrir|cr[ée]er|d[ée]poser|remonter)"
    r" (?:un |une )?(?:ticket|issue|demande|rapport de bug|bug)\b|"
    r"\bmerci d['’](?:ouvrir|cr[ée]er) (?:un |une )?(?:ticket|issue)\b|"
    r"\b(?:please|kindly) (?:label|tag) (?:it|this)\b|"
    r"\bmerci de (?:mettre|ajouter) (?:le |l['’]|une? )?(?:label|[ée]tiquette)\b",
    re.IGNORECASE,
)


def sends_to_tracker(sentence: str) -> bool:
    """Whether a sentence asks for the problem to be filed or labelled in the tracker."""
    return _TO_TRACKER.search(sentence) is not None


def triages(text: str) -> bool:
    """Whether a text labels, prioritises, schedules or escalates ("Bump to P1", "Moved to
    the backlog"), or keeps the books (:func:`keeps_books`)."""
    return _TRIAGE.search(text) is not None or keeps_books(text) or passes_on(text)


# a promise to pass the outcome on, and nothing more ("I'll tell the vendor once it's done",
# "Je préviens le fournisseur ensuite", "Je tiens le client au courant")
_WILL_INFORM = re.compile(
    r"^\W*(?:(?:i['’]ll|i will|we['’]ll|we will|will) keep (?:you|everyone|y['’]all|all of you)"
    r" (?:posted|updated|in the loop)\W*$|"
    r"(?:je|on|nous) (?:vous |te |t['’])?(?:tiens|tiendrai|tenons|tiendrons) (?:inform[ée]e?s?|"
    r"au courant)(?:,? (?:d[èe]s qu|quand|lorsqu)[^.!?]{0,40})?\W*$|"
    r"(?:i['’]ll|i will|we['’]ll|we will|je|on|j['’])\s*(?:vous |te |t['’])?"
    r"(?:tell|let|inform|notify|update|"
    r"keep|get back to|pr[ée]viens|pr[ée]viendrai|informe|informerai|tiens|tiendrai|"
    r"reviens vers|reviendrai vers)\s+(?:the |our |my |le |la |les |l['’]|nos |notre |mon |ma )?"
    r"[\w-]+(?: (?:know|posted|informed|in the loop|au courant))?"
    r"(?:,? (?:once|when|after|as soon as|d[èe]s que|quand|une fois que|apr[èe]s)\b[^.!?]{0,30}|"
    r",? (?:ensuite|afterwards|after that|then|apr[èe]s))?\W*$)",
    re.IGNORECASE,
)


def coordinates(sentence: str) -> bool:
    """A sentence of coordination: a label, a priority, a date, a meeting, a customer who
    waits, an escalation, an open incident channel, a thanks; never one that says a cause or
    what to do ("That's the nightly force-merge; move it to the weekend" answers)."""
    if STATUS_AT.match(sentence) or _WILL_INFORM.match(sentence):
        return True
    if explains(sentence) or instructs(COURTESY.sub("", sentence)) or offers_fix(sentence):
        return False
    said = triages(sentence) or sends_to_tracker(sentence) or _WAITING.search(sentence)
    said = said or COURTESY.match(sentence)
    return bool(said or _YOU_DID.match(sentence) or courteous(sentence))
