"""A question as the indexes served are asked it."""

from __future__ import annotations

from whoknows.errors import UsageError
from whoknows.index.bridge import readable, searchable
from whoknows.limits import NAME_A_TOPIC, NO_WORDS
from whoknows.services.workspace import Workspace


def as_asked(workspace: Workspace, text: str) -> str:
    """``text`` as its words read (:func:`readable`: every view, the dense one included, reads
    "sauve\u200bgarde" as "sauvegarde"), as written when the indexes served are the current
    generation's, which mask the mentions of people who opted out (a hidden person's name is
    then a word no item holds, like any unknown name: masking it here too told who had opted
    out); with those mentions taken out while an older generation is served (a server
    answering during a rebuild)."""
    text = readable(text)
    if workspace.evidence().generation == workspace.generation():
        return text
    return workspace.hidden_mentions().without(text)


def require_words(text: str) -> None:
    """A usage error, as `topic` gives, for a question of stopwords, signs or single letters
    alone ("the", "???"), which no evidence could answer; an empty one is the ranking's to
    refuse."""
    if text.strip() and not searchable(text):
        shown = text if len(text) < 80 else text[:79] + "…"
        raise UsageError(NO_WORDS, NAME_A_TOPIC, text=repr(shown))
