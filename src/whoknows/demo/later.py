"""A later Slack export (November 2026): the second ingest of the demo engagement.

Inside people answer more of the engagement's questions, the outside consultant less, and
Derek Hollis, coached on Kafka, answers his first Kafka questions, which peers acknowledge.
"""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from whoknows.demo.people import BY_KEY, STAFF
from whoknows.services import Services

ENGAGEMENT = "Platform resilience"
THREADS = (
    # (channel, asker, question, answerer, answer, day)
    (
        "data",
        "e16",
        "consumer lag alert on parcel-scans again, what do I check first?",
        "e10",
        "check the consumer group lag per partition with kafka-consumer-groups --describe;"
        " if one partition lags, the key is skewed and one consumer does all the work",
        3,
    ),
    (
        "data",
        "e17",
        "can we replay yesterday's kafka tracking events into the warehouse?",
        "e10",
        "yes: reset the kafka offsets of a copy of the consumer group to yesterday with"
        " --to-datetime and let the sink consume them again; never on the live group",
        12,
    ),
    (
        "data",
        "e19",
        "how many partitions for the new delivery-eta kafka topic?",
        "e04",
        "12 partitions keyed by parcel id: enough consumers for the peak and ordering"
        " per parcel is kept",
        5,
    ),
    (
        "platform",
        "e18",
        "pods of the eta service are OOMKilled after the helm upgrade",
        "e01",
        "raise the memory limit in the chart values and set a request equal to the limit;"
        " the new release caches routes at start-up",
        6,
    ),
    (
        "platform",
        "e21",
        "node pool upgrade to 1.32 next week, same drain procedure?",
        "e01",
        "same runbook: cordon, drain with --ignore-daemonsets, wait for the"
        " PodDisruptionBudgets, then surge-upgrade one node pool at a time",
        10,
    ),
    (
        "platform",
        "e09",
        "grafana shows no data for the eta service",
        "e02",
        "the prometheus scrape annotation is missing in the chart; add it and the"
        " dashboard fills within a minute",
        14,
    ),
    (
        "general",
        "e17",
        "the EDI 214 messages of the new carrier fail again",
        "e20",
        "the carrier changed its segment terminator back; update the trading partner"
        " profile of the EDI gateway",
        17,
    ),
)


def write_later_slack(path: Path) -> None:
    ids = {e.key: f"U0{index:02d}CORV" for index, e in enumerate(STAFF, 1)}
    users = [
        {
            "id": ids[e.key],
            "name": e.handle,
            "real_name": e.name,
            "profile": {"real_name": e.name, "email": e.email, "title": e.title},
        }
        for e in STAFF
    ]
    channels = [
        {"id": f"C{name.upper()[:6]:0<6}01", "name": name}
        for name in ("data", "general", "platform")
    ]
    days: dict[tuple[str, str], list[dict]] = {}
    for index, (channel, asker, question, answerer, answer, day) in enumerate(THREADS):
        asked = datetime(2026, 11, day, 9, 15 + index, tzinfo=UTC)
        answered = asked.replace(hour=11)
        ts = f"{asked.timestamp():.6f}"
        key = (channel, asked.strftime("%Y-%m-%d"))
        days.setdefault(key, []).extend(
            [
                {
                    "type": "message",
                    "user": ids[asker],
                    "text": question,
                    "ts": ts,
                    "thread_ts": ts,
                    "reply_count": 1,
                },
                {
                    "type": "message",
                    "user": ids[answerer],
                    "text": answer,
                    "ts": f"{answered.timestamp():.6f}",
                    "thread_ts": ts,
                    "reactions": [{"name": "white_check_mark", "users": [ids[asker]], "count": 1}],
                },
            ]
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("users.json", json.dumps(users, indent=1))
        archive.writestr("channels.json", json.dumps(channels, indent=1))
        for (channel, date), messages in sorted(days.items()):
            archive.writestr(f"{channel}/{date}.json", json.dumps(messages, indent=1))


def set_up_engagement(services: Services) -> None:
    """The demo engagement: topics, consultant, consents, stakeholders, a coaching plan."""
    service = services.engagements
    if any(e.name == ENGAGEMENT for e in service.summaries()):
        return
    service.create(
        ENGAGEMENT,
        ["kubernetes", "kafka", "observability", "edi"],
        [BY_KEY["e20"].name],
        start="2026-09-01",
        end="2026-12-18",
        client="Corvid Logistics",
        goal="Keep the delivery platform reliable without depending on outside help.",
    )
    for key in ("e01", "e02", "e04", "e10"):
        service.set_consent(ENGAGEMENT, BY_KEY[key].name, "yes")
    service.set_stakeholder(
        ENGAGEMENT,
        BY_KEY["e12"].name,
        "sponsor",
        5,
        "Sponsors the mission; wants the on-call load spread.",
    )
    service.set_stakeholder(
        ENGAGEMENT,
        BY_KEY["e14"].name,
        "neutral",
        None,
        "Inès reports to her: agree time for platform work.",
    )
    service.set_stakeholder(
        ENGAGEMENT,
        BY_KEY["e15"].name,
        "opposed",
        None,
        "Fears Derek's coaching takes him away from customers.",
    )
    service.coach(ENGAGEMENT, BY_KEY["e10"].name, ["kafka"])
