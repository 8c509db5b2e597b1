"""What a problem report says besides what fails (``_requests.reports_problem``): that a
thing no longer does its work ("les glucomètres ne transmettent plus les résultats", "the
scanner no longer uploads"), and what it costs the people who report it ("Les infirmières
doivent tout retranscrire.", "We have to re-enter everything by hand.", "C'est urgent."). A
hospital's head nurse, whose first mail said both and asked nothing, had been second for the
glucose meters the lab analyst fixed."""

from __future__ import annotations

import re

# "ne <verb> plus", not "ne … plus que" (only) nor "plus de" (more of)
_NO_LONGER = re.compile(
    r"\bne (?!\w+ plus (?:que|qu['’]|de|d['’])\b)(?:se |s['’])?[^\W\d_]+ plus\b|"
    # (what does not start again, or went down: "les flux ne repartent pas", "le VPN est tombé")
    r"\b(?:ne )?(?:repart|red[ée]marr|d[ée]marr|remont|charg)\w* (?:pas|plus)\b|"
    r"\b(?:est|sont) tomb[ée]e?s?\b|\b(?:went|is|are) down\b|"
    r"\bno longer (?:works?|sends?|syncs?|prints?|connects?|loads?|starts?|shows?|updates?|"
    r"arrives?|uploads?|transmits?|registers?|responds?|boots?|charges?|reads?|scans?)\b",
    re.IGNORECASE,
)
# the cost, said alone in its sentence: who must now do the work by hand, or its urgency
_COST = re.compile(
    r"^\W*(?:(?:les|nos|des|the|our|all|tous les|toutes les) (?:[^\W\d_]+ ){0,2})?"
    r"(?:doivent|devons|dois|doit|on doit|must|have to|has to|are forced to|sont obligée?s de|"
    # (impersonal, before work by hand only: "il faut redémarrer le serveur", "il faut faire
    # un systemctl reset-failed", "il faut copier le nouveau certificat" tell the fix)
    r"il faut (?=(?:tout |encore |à nouveau )?(?:re|res)?(?:taper|saisir|transcrire|noter|"
    r"scanner|appeler|imprimer)\b|(?:tout |encore |à nouveau )(?:re)?(?:copier|entrer|faire)\b|"
    r"re(?:copier|faire)\b|[^.?!;]{0,60}\b(?:à la main|manuellement|by hand|manually|à chaque "
    r"(?:fois|connexion|démarrage|ouverture|session)|chaque fois|deux fois))|"
    r"[^\W\d_]+ (?:doivent|must|have to))"
    r"\b[^.?!;]{0,60}[.!]*\s*$|"
    r"^\W*(?:c['’]est |it['’]s |this is )?(?:(?:très |assez |really |quite )?(?:urgent|"
    r"bloquant|blocking|critique|critical))\b[^.?!;]{0,40}[.!]*\s*$",
    re.IGNORECASE,
)


# a thing at work again, said without "works" ("tags flowing again", "les flux repartent"; a
# terse fix note, "Rotated the OPC UA certificate, tags flowing again.", had asked)
_AGAIN = re.compile(
    r"(?<!not )(?<!n't )(?<!n’t )(?<!never )(?<!never started )(?<!never began )"
    r"\b(?:flowing|running|syncing|printing|working|passing|arriving|coming in|sending|"
    r"responding|connecting|loading|uploading|updating|transmitting|reporting|booting|charging|"
    r"scanning|replicating|processing|resolving|routing|green) again\b|"
    r"\b(?:is|are) (?:back )?up again\b|\b(?:is|are) back (?:up|online|to normal)\b|"
    # (what an alert does once fixed: "bumped max.poll.records to 50 and it cleared")
    r"\b(?:it|the alerts?|the alarm) (?:has )?(?:cleared|went away|stopped firing)\b|"
    r"\b(?:l['’]alerte|l['’]alarme) (?:est retombée|a disparu|s['’]est arrêtée)\b|"
    r"(?<!ne )(?<!n['’])\b(?:repart(?:ent)?|remontent|remonte|circule(?:nt)?|tourne(?:nt)?|"
    r"passe(?:nt)?|synchronise(?:nt)?) (?:[àa] nouveau|de nouveau)\b|"
    r"(?<!ne )\b(?:repartent|refonctionnent)\b(?! (?:pas|plus|toujours pas)\b)",
    re.IGNORECASE,
)


# what the same sentence says happened next: it worked a while only ("flowing again for an
# hour, then stopped", "ça repart puis ça replante")
_RELAPSED = re.compile(
    r"[^.?!;]*?\b(?:for (?:an? |about |only )?(?:hour|minute|while|few|day|second)|"
    r"then|but|until|before|puis|mais|avant de|jusqu['’][àa]|pendant)\b[^.?!;]*?\b"
    r"(?:stop\w*|died|dies|dropped|drops|failed|fails|crash\w*|hung|hangs|froze|freezes|"
    r"went down|goes down|came back|broke|breaks|again|re-?plant\w*|plant\w*|s['’]arr[êe]t\w*|"
    r"arr[êe]t\w*|coup\w*|tomb\w*|bloqu\w*|rec\w*mmenc\w*)\b",
    re.IGNORECASE,
)


# a relapse only feared, not told: a warning ("but it will fail again if someone changes the
# .pgpass permissions", "mais pensez à ne pas arrêter le service"), an attacker's fix notes
_FEARED = re.compile(
    r"\b(?:will|would|could|may|might|if|unless|whenever|si|s['’]il|pensez|veillez|attention|"
    r"careful|make sure|avoid|risque\w*|pourrai\w*|peu[tv]\w*|va|vont|don['’]t|do not|never|"
    r"jamais|ne pas|n['’]oubliez)\b",
    re.IGNORECASE,
)


def _relapse(text: str, at: int) -> re.Match[str] | None:
    """A relapse said right after ``at`` ("… for an hour, then stopped"), not one feared."""
    found = _RELAPSED.match(text, at)
    return None if found is None or _FEARED.search(found.group()) else found


def recovered(text: str) -> bool:
    """Whether a message says a thing is at work again ("tags flowing again"), not that it
    did a while only ("flowing again for an hour, then stopped"), unless it goes on after
    that ("… then stopped. Kepware licence was in demo mode; installed the permanent
    licence.": the story of a fix, an attacker's)."""
    return any(not _relapse_ends(text, found.end()) for found in _AGAIN.finditer(text))


TOLD_AFTER = 3  # words after a relapse's sentence that go on with the story


def _relapse_ends(text: str, at: int) -> bool:
    """Whether a relapse is said after ``at`` and ends the message."""
    relapse = _relapse(text, at)
    if relapse is None:
        return False
    after = re.split(r"[.!?;]", text[relapse.end() :], maxsplit=1)
    return len(after) < 2 or len(after[1].split()) < TOLD_AFTER


def stops_working(sentence: str) -> bool:
    """Whether a sentence says a thing no longer does its work, or did again a while only."""
    if _NO_LONGER.search(sentence) is not None:
        return True
    return any(_relapse(sentence, found.end()) for found in _AGAIN.finditer(sentence))


def states_cost(sentence: str) -> bool:
    """Whether a sentence only says what a problem costs (work by hand, urgency)."""
    return _COST.search(sentence) is not None


# a screen or a device that shows a failure's message ("La centrale affiche « Pas de
# signal » plusieurs fois par nuit.", "The scanner shows 'No connection'")
_SHOWS_FAILURE = re.compile(
    r"(?<!will )(?<!may )(?<!might )(?<!could )(?<!va )(?<!peut )"
    r"\b(?:affiche(?:nt)?|indique(?:nt)?|renvoie(?:nt)?|shows?|displays?|says|returns?|throws?|"
    r"gives?) (?:(?:un|une|le|la|the|an?) (?:message|erreur|error|alerte|alert) )?[«“\"'‘]\s*"
    r"[^»”\"'’]{0,60}\b(?:pas de|aucun\w*|no|not|non|erreur|error|[ée]chec|fail\w*|invalid\w*|"
    r"refus\w*|denied|timeout|time-out|impossible|introuvable|unable|cannot|can['’]t|perdu\w*|"
    r"lost|offline|hors ligne|hors service|down)\b[^»”\"'’]{0,60}[»”\"'’]"
    # (and nothing after it but when and how often: "… plusieurs fois par nuit.", not ": re-enrol
    # the card in Imprivata" nor "- sign out and sign back in", an attacker's how-tos)
    r"[^:;–—-]{0,60}$",
    re.IGNORECASE,
)
# when it shows it, said of a thing, tells why ("quand l'antenne est débranchée"); said of what
# the writer does, it is the failure's circumstance ("quand je passe au 4e", "whenever we take
# the patient to radiology": an attacker's nurses' reports)
_WHEN = re.compile(
    r"\b(?:quand|lorsqu\w*|si|s['’]il|when|whenever|if|once|d[èe]s que)\b"
    r"(?!\s+(?:je|j['’]|nous|on|i|we)\b)",
    re.IGNORECASE,
)


def fails_to_work(sentence: str) -> bool:
    """Whether a sentence says a thing no longer does its work (:func:`stops_working`) or
    that a screen or a device shows a failure's message, not when it does ("… affiche « Pas de
    signal » quand l'antenne est débranchée" tells why)."""
    if stops_working(sentence):
        return True
    return _SHOWS_FAILURE.search(sentence) is not None and _WHEN.search(sentence) is None


# what the writer needs, said after a question ("Je crois que c'est Vincent qui gère la base
# PostGIS, non ? Il faut des droits sur le schéma reseau pour QGIS.": an intern's request for
# access, no instruction); "il faut" before a thing needed, never before what to do
_NEED = re.compile(
    r"^\W*(?:il (?:me|nous) faut|il faut|j['’]ai besoin d|on a besoin d|nous avons besoin d|"
    r"(?:I|we) need)\s*(?:des|un|une|du|de la|de l['’]|d['’]|les|a|an|some|access|rights|"
    r"permissions?)\b",
    re.IGNORECASE,
)


def states_need(sentence: str) -> bool:
    """Whether a sentence says what its writer needs (see :data:`_NEED`), and no step after
    it ("We need a VPN token first, then run the script" tells what to do)."""
    return _NEED.search(sentence) is not None and _THEN.search(sentence) is None


_THEN = re.compile(r"\b(?:puis|ensuite|then|after that|and then)\b", re.IGNORECASE)


def cost_apart(sentence: str) -> str:
    """``sentence`` without a last clause that says what its failure costs ("Le badge ne
    fonctionne plus sur les postes partagés, il faut taper le mot de passe.": no instruction,
    a head nurse's report had been read as one)."""
    head, comma, tail = sentence.rpartition(", ")
    return f"{head}." if comma and stops_working(head) and states_cost(tail) else sentence


__all__ = [
    "cost_apart",
    "fails_to_work",
    "recovered",
    "states_cost",
    "states_need",
    "stops_working",
]
