"""Where the evidence comes from: for each mission topic, how much of the evidence behind its
inside holders lies in each kind of tool (Q&A, chat, email, documents, code, tickets), so that
leadership sees the expertise is shown across the company's work, not in one channel."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from whoknows.i18n import N_, Translator
from whoknows.report.sections import Section

if TYPE_CHECKING:  # types only: the services load when a report is made
    from whoknows.services import Services
    from whoknows.services.engagement_rows import Overview

KINDS = {
    "stackexchange": N_("Q&A forum"),
    "discourse": N_("Q&A forum"),
    "slack": N_("chat"),
    "teams": N_("chat"),
    "googlechat": N_("chat"),
    "mail": N_("email"),
    "docs": N_("documents"),
    "confluence": N_("documents"),
    "git": N_("code"),
    "github": N_("code"),
    "gitlab": N_("code"),
    "jira": N_("tickets"),
}
OTHER = N_("other")


@dataclass
class SourceRow:
    topic: str
    kinds: str  # "chat 12, documents 4"


def build(t: Translator, overview: Overview, services: Services) -> list[SourceRow] | None:
    del services  # the overview's evidence is enough
    rows = []
    for topic in overview.topics:
        counted = Counter(
            t.gettext(KINDS.get(link.source, OTHER))
            for carrier in topic.carriers
            for link in carrier.evidence
        )
        if counted:
            kinds = ", ".join(f"{kind} {t.format_number(n)}" for kind, n in counted.most_common())
            rows.append(SourceRow(overview.topic_name(topic.topic), kinds))
    return rows or None


SECTION = Section("sources", after="risks", template="sources.html", build=build)
