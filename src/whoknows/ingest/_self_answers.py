"""Self-answers in connectors that read a thread's first message before its replies."""

from __future__ import annotations

from dataclasses import replace

from whoknows.ingest._threads import tells_own_fix
from whoknows.records import ItemRecord, PersonRef
from whoknows.vocab import ContributionRole


class SelfAnswers:
    """Who began each thread read so far, for a connector that reads a thread's first
    message before its replies (Slack, Teams, Google Chat, mail): a reply by the opener that
    tells the fix (:func:`tells_own_fix`) is a self-answer; their other replies follow up. A
    reply read before its thread's first message stays a reply."""

    def __init__(self) -> None:
        self._openers: dict[str, PersonRef] = {}

    def read(self, item: ItemRecord) -> ItemRecord:
        writer = item.contributions[0]
        if item.parent_id is None:
            self._openers.setdefault(item.thread_id or item.native_id, writer.person)
            return item
        opened = self._openers.get(item.thread_id or item.parent_id)
        if (
            opened is None
            or opened.native_id != writer.person.native_id
            or writer.role is not ContributionRole.REPLIER
            or not tells_own_fix(item.text)
        ):
            return item
        answer = replace(writer, role=ContributionRole.ANSWERER)
        return replace(item, contributions=[answer, *item.contributions[1:]])


__all__ = ["SelfAnswers"]
