"""The words of a pointer to a colleague: a person's name (a mention, one or two capitalised
words), what one says to a person ("ask", "demande à", "vois avec"), what only a person knows
or is ("knows LDAP", "est la référente"), a colleague's writing to read, and the patterns of
:func:`whoknows.ingest._referrals.points_to_someone` built of them."""

from __future__ import annotations

import re

_CAPITAL = r"[^\W\d_a-zß-ÿ]"
_LETTERS = r"[^\W\d_]"
_MENTION = rf"@{_LETTERS}[\w.'’-]*(?: {_CAPITAL}[\w'’-]*)?"
_LOWER = r"[^\W\d_A-ZÀ-ÖØ-Þ]"
# a name has no capital inside ("PgBouncer", "GitLab", "OpenSearch" are tools)
_FULL_NAME = rf"{_CAPITAL}{_LOWER}+[ -]{_CAPITAL}{_LOWER}+"
_NAME = rf"{_CAPITAL}{_LOWER}+"
# (for :mod:`whoknows.ingest._endorsements` and the others)
MENTION, PERSON_NAME = _MENTION, rf"(?:{_FULL_NAME}|{_NAME})"
FULL_NAME, NAME = _FULL_NAME, _NAME
_TEAM = r"(?i:the|our|l['’]|la|le)\s?[\w -]{0,30}?(?i:team|folks|people|[ée]quipe)(?!\w)"
# said to a person: a single name after them is one
_TO_PERSON = (
    r"(?i:ask(?:ing)?|talk to|speak (?:to|with)|reach out to|demande[rz]?(?: plut[oô]t)? [àa]|"
    r"vo(?:is|yez|ir)(?: [çc]a)? avec|adresse[rz]?[- ](?:toi|vous) [àa]|write to|"
    r"[ée]cri(?:s|vez|re) [àa]|"
    r"pose[rz]? la question [àa]|(?:en )?parle[rz]? [àa]|(?:en )?discute[rz]? avec|"
    r"adding|looping in|loop in|looped in|copying|cc['’]?(?:ing|e?d)?|bringing in|pulling in|"
    r"(?:redirecting|passing|handing) (?:this |it )?(?:on |over )?to|je passe la main [àa]|"
    r"je (?:te |vous )?redirige vers|"
    r"j['’]ajoute|je mets en copie|je (?:te |vous )?mets en (?:relation|contact) avec|"
    r"(?:i['’]ll|i will|i['’]d rather|better) let|je (?:te |vous )?laisse|"
    r"je (?:te |vous )?(?:transmets|transf[eè]re) [àa]|forwarding (?:this |it )?to)"
)
# said to a person or of a thing ("ping DNS", "check with Vault", "try Cruise Control")
_TO_ANYONE = r"(?i:ping|check with|contact|contacte[rz]?|try)"
POINTING = rf"(?:{_TO_PERSON}|{_TO_ANYONE})"
_PRONOUN = r",?\s+(?i:he|she|they|il|elle|c['’]est (?:lui|elle)|who|qui)(?!\w)"
# what a colleague knows, owns or did, said of them (a pointer's reason; the endorsement's,
# :mod:`whoknows.ingest._endorsements`): "knows LDAP", "is our LDAP admin", "est le référent",
# "a monté le serveur"; one, person or guy only for something or at the end ("the one to ask",
# not "the one who broke it")
PLACE = (
    r"(?i:the |our |your |l['’]|la |le |notre |nos |les |un |une |a |an )(?:[\w-]+ ){0,2}?"
    r"(?i:expert|experte|experts|specialist|sp[ée]cialiste|go-to|owner|guru|pro|sme|admin|"
    r"administrat\w*|roi|reine|king|queen|r[ée]f[ée]rente?|personne [àa] contacter|responsable|"
    r"(?:one|person|guy|woman|man|personne)"
    r"(?=\s+(?:for|to ask|to talk to|pour|[àa] qui|on|sur)\b|\s*[,.;!]|\s*$))"
)
KNOWING = (
    r"(?i:knows|would know|knew|s['’]y conna[iî]t|conna[iî]t|connaissent|ma[iî]tris(?:e|ent)|"
    r"sait|saura|owns|owned|maintains|maintained|runs|ran|handles|handled|built|wrote|"
    r"set up|configured|fixed|solved|did|migrated|administers|dealt with|used to own|"
    r"has (?:already )?(?:fixed|solved|done|built|migrated|set up)|"
    r"(?:is|are) (?:very |really )?familiar with|g[èe]re|g[èe]rent|g[ée]rait|administre|"
    r"s['’]occupe (?:de|du|des)|s['’]en occupe|s['’]en occupait|"
    r"a (?:d[ée]j[àa] )?(?:fait|[ée]crit|mont[ée]|construit|d[ée]velopp[ée]|con[çc]u|"
    r"corrig[ée]|r[ée]gl[ée]|configur[ée]|migr[ée])|"
    r"has (?:deep|a lot of|lots of|years of|solid|strong) (?:[\w-]+ ){0,2}?"
    r"(?:experience|knowledge)|is (?:responsible|in charge) (?:for|of)|"
    r"est (?:responsable|en charge) d(?:u|e|es|['’])|est (?:cal[ée]e?|expert|experte) en|"
    r"(?:is|['’]s) the one who (?:knows|configured|set up|built|wrote|fixed|handles|owns|"
    r"maintains|runs)|"
    rf"(?:is|are|['’]s|est|sont) {PLACE})"
)
_KNOWS = (  # (a colleague taking it on, "s'en charge", "is on it", points too: no knowledge)
    r"(?:(?i:will know|might know|can help|could help|is the (?:one|person|expert|go-to)|"
    r"s['’]en charge|va s['’]en (?:occuper|charger)|is on it|(?:will|['’]ll) (?:take|handle|"
    r"look at|look into) (?:it|this|that)|"
    r"(?:might|should|may|could|can|will) (?:probably |surely )?be able to help|"
    r"(?:pourra|peut) (?:t['’]|vous )aider|"
    r"(?:peut|pourra|saura) (?:te |vous )?r[ée]pondre|can answer)|"
    rf"{KNOWING})(?!\w)"
)
_ONLY_A_PERSON = (
    r"(?i:would know|knows (?:this|that|it)(?: one)?\b|knows the answer|(?:has|will have) the "
    r"answer|(?:a|aura) la r[ée]ponse|"
    r"conna[iî]t (?:[çc]a|ce sujet|le sujet|bien le sujet)|"
    r"(?:['’]s|is) (?:your|the) (?:guy|man|woman|person|best bet|expert)|saura(?=\s*[,.!;]|\s*$)|"
    r"is (?:the|our) (?:[\w-]+ ){0,2}?(?:one|person|expert|go-to|guy|gal)|"
    r"est (?:l['’]|la |le |notre )(?:[\w-]+ ){0,2}?"
    r"(?:expert|experte|sp[ée]cialiste|r[ée]f[ée]rente?|personne)|s['’]y conna[iî]t|"
    r"s['’]en occupe|s['’]occupe (?:de|du|des)|pourra (?:t['’]|vous )aider|"
    r"saura (?:mieux )?(?:te |vous )?(?:r[ée]pondre|aider|expliquer)|"
    r"pourra (?:te |vous )r[ée]pondre|(?:will )?knows? better|"
    # who had it ("Hannah used to own this before she left", "c'est Marc qui s'en occupait")
    r"used to (?:own|handle|do|manage|maintain|know) (?:this|that|it)|"
    r"(?:owned|owns|knew|handled|maintained) (?:this|that|it)|was (?:in charge of|responsible "
    r"for) (?:this|that|it)|s['’]en occupait|g[ée]rait (?:[çc]a|ce sujet))(?!\w)"
)
# "Sophie knows SAML well, ask her", "Hugo a fait la migration, demande-lui"
_THEN_ASK_THEM = (
    r"(?i:(?:ask|ping|contact|talk to) (?:her|him|them)|demande[rz]?-(?:lui|leur)|"
    r"vo(?:is|yez) avec (?:lui|elle)|je (?:te |vous )?(?:le|la|les) (?:re)?mets en (?:copie|cci?)|"
    r"(?:i['’]ve |i have |i['’]m )?(?:cc['’]?(?:ing|e?d)|cop(?:ied|ying)|"
    r"loop(?:ed|ing) in) (?:him|her|them)(?: in)?)(?!\w)"
)
_READ = (
    r"(?i:check|see|read|look at|have a look at|refer to|voir|vois|voyez|regarde[rz]?|lis|"
    r"lisez|lire|consulte[rz]?|jette[rz]? un (?:œil|oeil) [àa])"
)
_WRITING = (
    r"(?i:handbook|runbook|docs?|documentation|notes?|guide|wiki(?: page)?|page|write-?up|"
    r"readme|playbook|procedure|proc[ée]dure|fiche|tuto(?:riel)?|tutorial|mode op[ée]ratoire|"
    r"pr[ée]sentation|slides|deck|diapos?|formation|training)"
    r"(?!\w)"
)
POINTERS = tuple(
    re.compile(pattern)
    for pattern in (
        rf"(?<!\w){_TO_PERSON}\s+(?P<name>{_MENTION}|{_FULL_NAME}|{_NAME}|{_TEAM})",
        rf"(?<!\w){_TO_ANYONE}\s+"
        rf"(?P<name>{_MENTION}|(?:{_FULL_NAME}|{_NAME})(?={_PRONOUN})|{_TEAM})",
        rf"(?P<name>{_MENTION}),?\s+{_KNOWS}",
        rf"(?<![\w@])(?P<name>{_FULL_NAME}|{_NAME})\s?{_ONLY_A_PERSON}",
        rf"(?<![\w@])(?P<name>{_MENTION}|{_FULL_NAME}|{_NAME})\b[^.!?;]{{0,80}}?\s{_THEN_ASK_THEM}",
        rf"(?i:c['’]est|c['’][ée]tait|it['’]s|it was)\s+(?P<name>{_MENTION}|{_FULL_NAME}|{_NAME})"
        r"\s+(?i:qui|who)(?!\w)",
        # ("Lars knows SAML.", "Lars connaît Vault."): a tool knows nothing
        rf"^\W*(?P<name>{_FULL_NAME}|{_NAME})\s+(?i:knows|conna[iî]t)\s+[\w.+#/-]+"
        r"(?:\s+[\w.+#/-]+){0,2}\W*$",
        rf"^\W*\+\s?(?P<name>{_MENTION}|{_FULL_NAME}|{_NAME})(?={_PRONOUN})",  # ("+Hugo, he …")
        rf"(?P<name>{_MENTION}|{_FULL_NAME}|{_NAME})\s+(?i:is (?:now )?(?:cc['’]?e?d|copied|in "
        r"cc|in copy)|est (?:mis )?en (?:copie|cc))(?!\w)",
        # ("Je mets Hugo en copie", "j'ai mis @Hugo en cc", "I'm looping Priya in")
        rf"(?i:je (?:te |vous )?(?:re)?mets|j['’]ai (?:re)?mis|i['’]m looping|looping|"
        r"i['’]ve added)\s+"
        rf"(?P<name>{_MENTION}|{_FULL_NAME}|{_NAME})\s+"
        r"(?i:en (?:copie|cci?)|in|to (?:the|this) (?:thread|loop|conversation))(?!\w)",
        rf"(?i:c['’]est [àa])\s+(?P<name>{_MENTION}|{_FULL_NAME}|{_NAME})\s+"
        r"(?i:qu['’]il faut (?:demander|s['’]adresser|voir))(?!\w)",
        # a colleague's writing to read ("check Kevin's solver handbook in the wiki", "voir la
        # doc de Karim sur le wiki"): the writer points to it, as to its writer
        rf"(?<!\w){_READ}\s+(?:(?i:the|la|le|les|l['’])\s?)?"
        rf"(?P<name>{_MENTION}|{_FULL_NAME}|{_NAME})['’]s?\s+(?:[\w-]+\s+){{0,3}}?{_WRITING}",
        rf"(?<!\w){_READ}\s+(?i:la|le|les|l['’])\s?(?:[\w-]+\s+){{0,2}}?{_WRITING}"
        rf"(?:\s+[\w-]+){{0,3}}?\s+(?i:de|d['’])\s?(?P<name>{_MENTION}|{_FULL_NAME}|{_NAME})",
        # a colleague asked by name to look or to tell ("Hugo, tu peux regarder ?", "Romain,
        # tu peux nous faire un retour d'expérience ?"; said with an @ in chat, bare in mail)
        rf"^\W*(?P<name>{_MENTION}|{_FULL_NAME}|{_NAME}),?\s+(?i:tu peux|peux-tu|pourrais-tu|"
        r"tu pourrais|vous pouvez|pouvez-vous|can you|could you)\s+(?i:(?:nous |me )?(?:"
        r"regarder|jeter un (?:œil|oeil)|voir (?:[çc]a|ce point)|t['’]en occuper|y regarder|"
        r"faire un retour|dire|expliquer)|take a look|have a look|look into|check)\b"
        r"[^.!?:=\d]{0,40}\?",
        # a colleague named, then what they did ("Martine, elle a monté le FTP URSSAF l'an
        # dernier": an attacker's, whose writer was first for the FTP)
        rf"^\W*(?P<name>{_FULL_NAME}|{_NAME}),\s+(?i:il|elle|he|she)\s+(?i:a (?:re)?(?:fait|"
        r"mont[ée]|[ée]crit|configur[ée]|install[ée]|migr[ée]|corrig[ée]|mis en place)|"
        r"(?:re)?(?:built|wrote|did|fixed|configured|set up|migrated))\b",
        # a colleague's work on it, said with a doubt ("Je crois que Chloé a fait un groupe de
        # lecture là-dessus", "I think Priya looked at this last year": a lab's evaluator's)
        r"(?i:je crois que|je pense que|il me semble que|i think|i believe|maybe|peut-[êe]tre "
        rf"que)\s+(?P<name>{_MENTION}|{_FULL_NAME}|{_NAME})\s+(?i:(?:a|avait|has|had)\s+)?"
        r"(?i:fait|travaill[ée]|boss[ée]|regard[ée]|[ée]tudi[ée]|test[ée]|worked|done|did|looked|"
        r"studied|tested|played)\b"
        # (on the subject, not news of a product: "Je pense que Windows a fait une mise à jour
        # cette nuit", "I think Chrome did an update that broke it": a second attacker's)
        r"(?=[^.!?;]{0,60}?(?i:l[àa]-dessus|dessus\b|\b[çc]a\b|\bcela\b|\b(?:on|at|into|with) "
        r"(?:this|that|it)\b|\b(?:this|that|it)(?=\s*(?:[.!?,;]|$)|\s+(?:before|last|already|"
        r"once|too|a while)\b)|\b(?:un|une) (?:groupe|atelier|formation|pr[ée]sentation|doc|"
        r"th[èe]se|projet|[ée]tude|stage)\b))",
        # a colleague's writing said to exist ("Bernard avait fait une doc je crois", "Kevin
        # wrote a runbook for that")
        rf"(?<![\w@])(?P<name>{_MENTION}|{_FULL_NAME}|{_NAME})\s+(?i:(?:avait|a|had|has)\s+)?"
        r"(?i:fait|[ée]crit|r[ée]dig[ée]|wrote|written|made|put together)\s+"
        rf"(?i:une?|a|an|the|la|le|des|some)\s+(?:[\w-]+\s+){{0,2}}?{_WRITING}",
    )
)
