"""A message's sentences as the role rules read them (:mod:`whoknows.ingest._threads`): its
sign-off and signature set aside ("Thanks in advance,", "Cheers, Sam", a name, a title, a phone
number, a legal notice), and a closing invitation ("Any questions?", "Qu'en pensez-vous ?"),
a link ending its sentence, a short line one thought (chat writes one a line)."""

from __future__ import annotations

import re

SIGN_OFF_WORDS = 8  # "Thanks in advance for any help!"; "Best practice is to set ..." is more
SIGNATURE_WORDS = 6  # a title, a phone, an address line; a sentence with a link is more
_WORD = re.compile(r"\w+")
_LETTERS = re.compile(r"[^\W\d_]+")
# the last lines of a mail that sign it rather than say something
_SIGN_OFF = re.compile(
    r"^\W*(thanks?|thank you|many thanks|thx|tia|cheers|regards|best|kind regards|merci|"
    r"d'avance|cordialement|bien [àa] (vous|toi)|bonne (journ[ée]e|soir[ée]e)|--)\b",
    re.IGNORECASE,
)
_SIGNATURE_LINE = re.compile(
    r"\+?\d[\d .()/-]{7,}\d|[\w.+-]+@[\w-]+\.[\w.]+|https?://|www\.|\s[|•·]\s|"
    r"confidential|intended recipient|disclaimer|confidentiel|destinataire",
    re.IGNORECASE,
)
# a closing sentence that invites discussion rather than asks ("Any questions?", "Thoughts?")
_INVITES = re.compile(
    r"^\W*(?:(any |des |vos )?(questions?|thoughts?|comments?|feedback|remarques?|avis)|"
    r"what do you (?:all )?think|(?:does (?:this|that) )?makes? sense|qu['’]en pensez-vous|"
    r"(?:[çc]a|cela) vous (?:va|convient|para[iî]t (?:bien|ok|correct))|"
    r"ok pour (?:vous|tout le monde)|qu['’]en dites-vous|(?:des )?questions? ou remarques?|"
    r"any objections?|does (?:this|that) look (?:ok|good|right)|(?:is )?that ok(?: for everyone)?)"
    r"\W*\?\W*$",
    re.IGNORECASE,
)
# where a sentence ends: its stop, a dash before a new clause, or the end of a short line
# (chat writes one thought a line; a mail wrapped at 72 characters does not end them so)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\s+[—–]\s+|\x00")
SHORT_LINE = 60
_LINK = re.compile(r"(?:https?://|www\.)\S+[^\s.,;:!?)]")
# a setting's name, a path or an assignment ("max.poll.records", "/etc/nginx", "ssl=on"): one
# pattern for every rule that asks whether a message names something to set
SETTING_NAME = r"[\w-]+[_.=/][\w.=/-]*\w"
# a greeting a message may open with, and the name after it ("Hi all, …", "Bonjour Julien, …")
OPENING_GREETING = r"(?:(?:hi|hello|hey|bonjour|salut)(?: [\w-]+)?\W+)?"


# a stack trace's frame ('  File "app.py", line 41, in handle', "at com.acme.Foo.bar(Foo.java:12)",
# "Traceback (most recent call last):", "... 12 more") and its exception line
_FRAME = re.compile(
    r'^\s*(?:File "[^"]+", line \d+|at [\w$.<>/]+\(.*\)\s*$|Traceback \(most recent call last\)|'
    r"\.\.\. \d+ more\s*$|#\d+ 0x[0-9a-f]+ in )"
)
_EXCEPTION = re.compile(r"^\s*(?:[a-z_][\w.]*\.)?[A-Z]\w*(?:Error|Exception|Fault)(?::\s|\s*$)")
# a chat's emoji written as its code (":eyes:", ":+1:", ":white_check_mark:"): no word
_SHORTCODE = re.compile(r"(?<![\w:/]):[a-z0-9_+-]{1,40}:(?![\w/])")


def sentences_of(text: str) -> list[str]:
    """The text's sentences, without its sign-off and signature (a thanks or greeting, a
    name, a title, a phone number, an address, a legal notice) and without a closing
    invitation to ask."""
    lines = _SHORTCODE.sub(" ", text).strip().splitlines()  # (":eyes: same here": agrees)
    lines = _without_traces(lines)
    while len(lines) > 1 and _signs_off(lines[-1]):
        lines.pop()
    lines = lines[: _closing(lines)]
    ends = [
        "\x00" if len(line.strip()) < SHORT_LINE and line.strip()[-1:] not in ".!?,;:" else " "
        for line in lines
    ]
    joined = "".join(line + end for line, end in zip(lines, ends, strict=True))
    joined = _LINK.sub("<link>.", joined)  # (a link ends its sentence)
    sentences = [" ".join(part.split()) for part in _SENTENCE.split(joined) if part.strip()]
    while len(sentences) > 1 and _is_sign_off(sentences[-1]):
        sentences.pop()
    if len(sentences) > 1 and _INVITES.match(sentences[-1]):
        sentences.pop()
    return sentences


def _without_traces(lines: list[str]) -> list[str]:
    """The lines without a pasted stack trace's: its frames, its exception line, the code line
    under a frame (a trace's words are no sentence of the writer's: "webhooks failing in
    staging:" above one was read as a 30-word post, not a question)."""
    kept: list[str] = []
    framed = False
    for line in lines:
        frame = _FRAME.match(line) is not None
        if frame or _EXCEPTION.match(line) or (framed and line.startswith("    ")):
            framed = frame or framed
            continue
        framed = False
        kept.append(line)
    return kept if any(line.strip() for line in kept) else lines


def _closing(lines: list[str]) -> int:
    """Where a closing ("Best regards,", "Cordialement,") followed only by a signature's short
    lines (a name, a title, an address) begins; the number of lines when there is none."""
    for index in range(len(lines) - 1, 0, -1):
        line = lines[index].strip()
        if _SIGN_OFF.match(line) and len(_WORD.findall(line)) <= SIGN_OFF_WORDS:
            after = [rest.strip() for rest in lines[index + 1 :]]
            if all(len(rest) < SHORT_LINE and rest[-1:] not in ".?!" for rest in after):
                return index
            break
    return len(lines)


def _is_sign_off(part: str) -> bool:
    """A short thanks or greeting, or no word at all (an emoji)."""
    if not _LETTERS.search(part):
        return True
    return bool(_SIGN_OFF.match(part)) and len(_WORD.findall(part)) <= SIGN_OFF_WORDS


def _signs_off(line: str) -> bool:
    """A last line that signs: a short thanks or greeting, a name or title (up to four words,
    no full stop), a short line with a phone, an address or a link, a legal notice."""
    stripped = line.strip()
    if not stripped or _is_sign_off(stripped):
        return True
    words = len(_LETTERS.findall(stripped))  # (a phone number's digits are no words)
    if words <= 4 and stripped[-1] not in ".!?:":
        return True
    notice = _SIGNATURE_LINE.search(stripped)
    return bool(notice) and (words <= SIGNATURE_WORDS or "confiden" in stripped.lower())


# a sentence of the writer's own setting or an apology, after a first message's question:
# what they use, where they work, how new they are, where they looked (in a few words: "We use
# 8 workers now: the job went from 6 hours to 50 minutes once we split it …" tells a fix)
SETTING_WORDS = 14
_OWN_SETTING = re.compile(
    r"^\W*(?:(?:i|we)(?:['’]m|['’]re| am| are)? (?:(?:currently|still|also) )?(?:use|using|"
    r"run|running|on|new (?:to|with)|work|working|migrat\w*|(?:just )?start\w*|search\w*|"
    r"looked|(?:have|['’]ve) (?:searched|looked|read))\b|"
    r"(?:j['’]|nous |on )(?:utilise|utilisons|travaille|travaillons|tourne|migre|migrons|"
    r"d[ée]bute|d[ée]butons|suis (?:sous|sur|en|nouvea|d[ée]butant)|ai (?:cherch|lu|regard))|"
    r"je (?:travaille|d[ée]bute|suis (?:sous|sur|en|nouvea|d[ée]butant))|"
    r"(?:my|our|mon|ma|mes|notre|nos) (?:setup|config\w*|environ\w*|version|machine|team|"
    r"[ée]quipe|poste)\b|"
    r"sorry|apologies|d[ée]sol[ée]e?s?|excusez|pardon)",
    re.IGNORECASE,
)


def tells_own_setting(sentence: str) -> bool:
    """Whether a sentence after a first message's question only tells the asker's setting
    ("J'utilise cartolab 2.3 sous Ubuntu 22.04.", "Sorry if this has been asked before")."""
    return bool(_OWN_SETTING.match(sentence)) and len(sentence.split()) <= SETTING_WORDS


__all__ = ["SIGN_OFF_WORDS", "headline", "sentences_of"]


def headline(text: str, width: int = 80) -> str:
    """The first line of TEXT cut at a word near WIDTH characters (titles of comments)."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    cut = flat.rfind(" ", 0, width)
    return flat[: cut if cut > width // 2 else width] + " …"


# where the asker looked in vain ("I couldn't find it in the runbook", "je n'ai rien trouvé
# dans la doc"): no fix, though it names the runbook (a telecom junior's question read as sent)
_LOOKED_FOR = re.compile(
    r"\b(?:couldn['’]t|could not|can['’]t|cannot|didn['’]t|did not|don['’]t)\s+"
    r"(?:find|see|locate)\b|\b(?:n['’]ai|n['’]avons) (?:pas|rien) trouv|"
    r"\bne (?:le |la |les )?trouve (?:pas|rien)\b|\bnothing (?:in|on) the\b|"
    r"\bsans (?:rien )?trouver\b|\bwithout (?:finding|any luck|luck|success)\b",
    re.IGNORECASE,
)


def looked_in_vain(text: str) -> bool:
    """Whether a text tells where its writer looked and found nothing."""
    return _LOOKED_FOR.search(text) is not None


# what the asker has to find out ("We need to test the RBC handover on the simulator.", "Il
# faut qu'on vérifie la tenue en température"): their situation before a question, no answer
# (not what must be done: "We need to raise the timeout to 30 s" tells it)
_TO_FIND_OUT = re.compile(
    r"^\W*(?:(?:we|i)(?: really| still| also)? (?:need|have|want|would like|['’]d like) to|"
    r"(?:we|i)(?:['’]re| are| am) (?:trying|asked|supposed) to|"
    r"(?:il faut|il va falloir) (?:qu['’](?:on|il)|que (?:je|nous))|"
    r"(?:on|je|nous) (?:doi[st]|devons|voudrai[st]|voudrions|aimerai[st]|aimerions|cherche|"
    r"cherchons|essaie|essayons)(?: de| d['’])?)\s*"
    r"(?:test|check|verify|validate|know|understand|find out|figure out|confirm|prove|"
    r"demonstrate|answer|reply|tester|teste|testions|v[ée]rifi|valid|savoir|sache|sachions|"
    r"comprendre|comprenne|trouver|confirmer|prouver|d[ée]montrer|r[ée]pondre)\w*\b",
    re.IGNORECASE,
)


# what says more than the need: a clause after it, a reason, a number, a name of code
_SAYS_MORE = re.compile(
    r"[,;:()/=_]|\d|\b(?:because|since|otherwise|so that|as|unless|before|after|until|car|"
    r"sinon|parce|puisque|donc|avant|apr[eè]s|sauf)\b",
    re.IGNORECASE,
)
NEED_WORDS = 16  # ("We need to test the RBC handover on the simulator." is 10)


def needs_to_find_out(sentence: str) -> bool:
    """Whether a sentence says what its writer has to find out, and nothing of how: no clause,
    reason, number or code after the need ("We need to test the RBC handover with the simulator
    in loopback mode, the script is in tools/rbc_sim.sh." tells where the script is)."""
    found = _TO_FIND_OUT.search(sentence)
    if found is None or len(_WORD.findall(sentence)) > NEED_WORDS:
        return False
    return _SAYS_MORE.search(sentence[found.end() :].rstrip(" .!?")) is None


def row_says_more(sentence: str, start: int, end: int) -> bool:
    """Whether a table row ("a | b | c") says something of its own beside the cell that names
    someone: two other cells of four words or more, a value and what it means (a design's
    decision and rationale beside its reviewer, a comparison's figures beside who measured
    them: a reviewer's rows had been taken from their writer), where a board's "Vault
    auto-unseal | Sophie Laurent | in progress" or a rota's "w/c 26 Jan | Aleksandra Nowak
    (5G RAN)" only tells who holds what."""
    first = sentence.rfind("\n", 0, start) + 1  # (its row: a table's rows may be one sentence)
    last = sentence.find("\n", end)
    before, after = sentence[first:start], sentence[end : last if last >= 0 else len(sentence)]
    if "|" not in before + after:
        return False
    cells = [before.rsplit("|", 1)[0] if "|" in before else "", after.split("|", 1)[-1]]
    if "|" not in after:
        cells[1] = ""
    others = [cell for part in cells for cell in part.split("|")]
    return sum(len(_WORD.findall(cell)) >= 4 for cell in others) >= 2
