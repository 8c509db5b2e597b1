"""The staff of Corvid Logistics, the fictional company of the demo.

Designed cases the tools must find:
- Inès Moreau is filed as an Accounts Payable Specialist, yet she answers nearly every
  Kubernetes question, writes the cluster runbooks and commits the Helm charts (hidden expert);
- Derek Hollis declares machine learning and Kafka and has no evidence of either (claim
  without evidence);
- Karin Holm, who built the monitoring, left the company (end date set);
- Olivia Grant is an outside consultant, and the only one who answers the EDI questions
  (a coverage gap: demand, no internal holder);
- Tomás Ferreira commits under two addresses that .mailmap joins; José Álvarez signs a
  document "J. Álvarez".
"""

from __future__ import annotations

from dataclasses import dataclass, field

DOMAIN = "corvid.example"


@dataclass(frozen=True)
class Employee:
    key: str
    name: str
    title: str
    department: str
    location: str
    handle: str
    manager: str = ""
    skills: tuple[str, ...] = ()
    internal: bool = True
    start: str = "2019-03-01"
    end: str = ""
    topics: dict[str, float] = field(default_factory=dict)  # topic -> expertise 0..1

    @property
    def email(self) -> str:
        local = self.name.lower().replace(" ", ".")
        for accented, plain in (("è", "e"), ("é", "e"), ("á", "a"), ("ö", "o"), ("ë", "e")):
            local = local.replace(accented, plain)
        domain = "grant-advisory.example" if not self.internal else DOMAIN
        return f"{local}@{domain}"


STAFF: list[Employee] = [
    Employee(
        "e01",
        "Inès Moreau",
        "Accounts Payable Specialist",
        "Finance",
        "Lyon",
        "imoreau",
        "e14",
        ("invoicing", "SAP"),
        topics={"kubernetes": 1.0, "observability": 0.3},
    ),
    Employee(
        "e02",
        "Raj Patel",
        "Platform Engineer",
        "Platform Engineering",
        "Leeds",
        "rpatel",
        "e12",
        ("kubernetes", "terraform", "prometheus"),
        topics={"kubernetes": 0.3, "observability": 0.7},
    ),
    Employee(
        "e03",
        "Tomás Ferreira",
        "Database Administrator",
        "Platform Engineering",
        "Lisbon",
        "tferreira",
        "e12",
        ("postgresql", "backups"),
        topics={"postgresql": 1.0},
    ),
    Employee(
        "e04",
        "Aiko Tanaka",
        "Data Engineer",
        "Data",
        "Remote",
        "atanaka",
        "e13",
        ("kafka", "spark", "airflow"),
        topics={"kafka": 1.0, "postgresql": 0.2},
    ),
    Employee(
        "e05",
        "Priya Raman",
        "Senior Data Scientist",
        "Data",
        "Leeds",
        "praman",
        "e13",
        ("forecasting", "python", "machine learning"),
        topics={"forecasting": 1.0},
    ),
    Employee(
        "e06",
        "Noah Becker",
        "Junior Data Analyst",
        "Data",
        "Leeds",
        "nbecker",
        "e13",
        ("sql", "dashboards"),
        start="2025-09-01",
        topics={"forecasting": 0.3},
    ),
    Employee(
        "e07",
        "Marcus Lindqvist",
        "Backend Engineer",
        "Payments",
        "Stockholm",
        "mlindqvist",
        "e12",
        ("payments", "java", "stripe"),
        topics={"payments": 1.0},
    ),
    Employee(
        "e08",
        "Léa Fontaine",
        "Information Security Officer",
        "Security",
        "Lyon",
        "lfontaine",
        "e14",
        ("security", "gdpr", "iso 27001"),
        topics={"security": 1.0},
    ),
    Employee(
        "e09",
        "Sam Okafor",
        "Mobile Lead",
        "Mobile",
        "Remote",
        "sokafor",
        "e12",
        ("react native", "ios", "android"),
        topics={"mobile": 1.0},
    ),
    Employee(
        "e10",
        "Derek Hollis",
        "Solutions Architect",
        "Sales",
        "Montréal",
        "dhollis",
        "e15",
        ("machine learning", "kafka", "kubernetes"),
        topics={"payments": 0.1},
    ),
    Employee(
        "e11",
        "Karin Holm",
        "Site Reliability Engineer",
        "Platform Engineering",
        "Stockholm",
        "kholm",
        "e12",
        ("prometheus", "grafana", "alerting"),
        start="2018-05-01",
        end="2025-06-30",
        topics={"observability": 1.0},
    ),
    Employee(
        "e12",
        "Helen Baptiste",
        "VP Engineering",
        "Engineering",
        "Lyon",
        "hbaptiste",
        "",
        ("leadership",),
        start="2017-01-09",
    ),
    Employee(
        "e13",
        "Omar Haddad",
        "Head of Data",
        "Data",
        "Leeds",
        "ohaddad",
        "e12",
        ("data strategy",),
        topics={"forecasting": 0.2, "kafka": 0.2},
    ),
    Employee(
        "e14",
        "Claire Dubois",
        "Chief Financial Officer",
        "Finance",
        "Lyon",
        "cdubois",
        "",
        ("finance",),
        start="2016-04-01",
    ),
    Employee("e15", "Mateo Rossi", "Head of Sales", "Sales", "Montréal", "mrossi", "", ("sales",)),
    Employee(
        "e16",
        "Zoë Chen",
        "Customer Support Agent",
        "Customer Support",
        "Montréal",
        "zchen",
        "e17",
        ("zendesk",),
        topics={"mobile": 0.15},
    ),
    Employee(
        "e17",
        "Ben Walsh",
        "Support Team Lead",
        "Customer Support",
        "Leeds",
        "bwalsh",
        "e15",
        ("customer support",),
        topics={"payments": 0.2},
    ),
    Employee(
        "e18",
        "José Álvarez",
        "Backend Engineer",
        "Payments",
        "Lisbon",
        "jalvarez",
        "e12",
        ("java", "payments"),
        start="2024-02-01",
        topics={"payments": 0.4},
    ),
    Employee(
        "e19",
        "Fatima Ndiaye",
        "Product Manager",
        "Mobile",
        "Lyon",
        "fndiaye",
        "e12",
        ("product management",),
        topics={"mobile": 0.2},
    ),
    Employee(
        "e20",
        "Olivia Grant",
        "Consultant",
        "External",
        "Remote",
        "ogrant",
        "",
        ("change management", "kubernetes"),
        internal=False,
        start="2026-09-01",
        topics={"kubernetes": 0.2, "edi": 1.0},
    ),
    Employee(
        "e21",
        "Lukas Meyer",
        "Software Engineer",
        "Platform Engineering",
        "Remote",
        "lmeyer",
        "e12",
        ("go", "ci/cd"),
        start="2025-01-15",
        topics={"kubernetes": 0.25, "observability": 0.2},
    ),
    Employee(
        "e22",
        "Hannah Kowalski",
        "HR Business Partner",
        "People",
        "Leeds",
        "hkowalski",
        "e14",
        ("recruiting",),
    ),
]

BY_KEY = {employee.key: employee for employee in STAFF}
TOPICS = (
    "edi",
    "kubernetes",
    "postgresql",
    "kafka",
    "forecasting",
    "payments",
    "security",
    "mobile",
    "observability",
)


def experts(topic: str) -> list[tuple[Employee, float]]:
    """Who can answer ``topic``, strongest first."""
    found = [(e, e.topics[topic]) for e in STAFF if e.topics.get(topic, 0) > 0.1]
    return sorted(found, key=lambda pair: -pair[1])
