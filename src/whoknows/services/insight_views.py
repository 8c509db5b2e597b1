"""What the insights service returns: people as others may see them (never an email
address), portfolios, claims, hidden experts, topic maps and the network report."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from whoknows.i18n import N_, Translator
from whoknows.index.bridge import Bridge
from whoknows.insights.directory import PersonInfo


@dataclass
class PersonView:
    """A visible person as others may see them (never an email address)."""

    person_id: int
    name: str
    title: str | None
    department: str | None
    location: str | None
    internal: bool | None
    left: bool

    @classmethod
    def of(cls, info: PersonInfo) -> PersonView:
        return cls(
            info.person_id,
            info.name,
            info.title,
            info.department,
            info.location,
            info.is_internal,
            info.left,
        )

    def base(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(PersonView)}


@dataclass
class ItemLink:
    item_id: int
    title: str | None
    url: str | None
    date: str | None
    source: str
    kind: str


@dataclass
class ProfileTopic:
    topic: str
    origin: str
    strength: float
    first: str | None
    last: str | None
    sources: list[str]
    evidence: list[ItemLink]


@dataclass
class ClaimView:
    person_id: int
    name: str
    skill: str
    state: str  # claimed, evidenced, confirmed, hidden
    strength: float
    claimed_in: list[str]
    evidence: list[int]


@dataclass
class Profile(PersonView):
    first_activity: str | None
    last_activity: str | None
    sources: list[str]
    topics: list[ProfileTopic]
    claims: list[ClaimView]


@dataclass
class HiddenExpertView(PersonView):
    hidden: float
    evidence: float
    strength: float
    items: int
    share: float
    role_fit: float | None
    department_lift: float | None
    formal: float | None
    recognition: float
    last: str | None
    why: str
    top_evidence: list[ItemLink]


@dataclass
class HiddenExperts:
    topic: str
    hidden_experts: list[HiddenExpertView]
    # the strongest visible holder's strength, and the strength a holder needs to be listed
    strongest: float = 0.0
    evidenced: float = 0.0
    held: bool = False  # someone holds it: strength >= evidenced, or half of it alone
    also_searched: list[Bridge] = field(default_factory=list)
    # the strongest holders not listed, with their figures and why (recognised, or too little)
    passed_over: list[HiddenExpertView] = field(default_factory=list)

    def why_none(self, t: Translator, beside_the_holders: bool = False) -> str:
        """Why nobody is listed: no evidence, no holder strong enough, or every holder
        recognised (a small or quiet workspace's holders may all be under the bar);
        ``beside_the_holders``: said where every holder is listed already (the topic page),
        not pointing to the command that lists them."""
        values = {"topic": repr(self.topic), "strongest": t.format_number(self.strongest, 1)}
        if self.strongest <= 0:
            said = N_("no under-recognised experts on %(topic)s: nobody holds evidence on it")
        elif not self.held:
            values["evidenced"] = t.format_number(self.evidenced, 1)
            said = N_(
                "no under-recognised experts on %(topic)s: no holder's evidence reaches strength"
                " %(evidenced)s, nor half of it in two items or more (the strongest:"
                " %(strongest)s); `whoknows topic` lists every holder"
            )
            if beside_the_holders:
                said = N_(
                    "no under-recognised experts on %(topic)s: no holder's evidence reaches"
                    " strength %(evidenced)s, nor half of it in two items or more (the strongest:"
                    " %(strongest)s)"
                )
        elif self.passed_over:
            said = N_(
                "no under-recognised experts on %(topic)s: its strongest holders are recognised,"
                " or hold too little of it:"
            )
        else:
            said = N_("no under-recognised experts on %(topic)s: its holders are recognised")
        return t.gettext(said) % values


@dataclass
class HolderView(PersonView):
    strength: float
    share: float
    last: str | None
    active: bool


@dataclass
class TopicMapView:
    topic: str
    items: int
    holders: list[HolderView]
    bus_factor: int
    half_of_the_evidence: list[str]
    of_whom_active: int
    departments: dict[str, float]
    locations: dict[str, float]
    # the topic's words no item holds, and the organisation's words searched for them
    also_searched: list[Bridge] = field(default_factory=list)


@dataclass
class NamedScore:
    person_id: int
    name: str
    value: float


@dataclass
class PeripheralExpert:
    person_id: int
    name: str
    knowledge_items: int
    weighted_degree: float


@dataclass
class DepartmentLink:
    departments: tuple[str, str]
    weight: float


@dataclass
class NetworkView:
    people: int
    links: int
    hubs: list[NamedScore] = field(default_factory=list)
    brokers: list[NamedScore] = field(default_factory=list)
    peripheral_experts: list[PeripheralExpert] = field(default_factory=list)
    department_links: list[DepartmentLink] = field(default_factory=list)
    bridges: list[NamedScore] = field(default_factory=list)
