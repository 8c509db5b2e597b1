"""Ingest throughput per connector (items/s) on synthetic inputs made from the demo's exports.

    PYTHONPATH=src .venv/bin/python benchmarks/connectors.py [--items 3000] [--only teams jira]

Each connector's export of the sample organization (``whoknows.demo``) is replicated into a
temporary folder until it holds about ``--items`` items, in the connector's own format: every
copy gets its own ids (message ids, page and issue ids, repository, channel...), dates shifted
by some hours and a few names varied in the text. Each input is then ingested into a fresh
workspace with the store and the lexical index only (no embeddings, no training):

- parse: the connector alone reading the input (items/s);
- store: parse and write to the store, as ``IngestReport.seconds`` measures it;
- total: the whole ``ingest`` call, the lexical reindex included.

Writes benchmarks/results/connectors.json and prints a Markdown table, with the load average
before and after (the figures only mean something on a quiet machine). The git connector is
left out: its input is a repository, whose replay would be what is timed.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import shutil
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path

from whoknows.demo import SampleSource, write_sample_org
from whoknows.ingest import connectors
from whoknows.ingest.base import IngestContext
from whoknows.records import ItemRecord
from whoknows.services import open_services
from whoknows.settings import load_settings

RESULTS = Path(__file__).parent / "results" / "connectors.json"
_DATE = re.compile(r"(20\d\d-\d\d-\d\d)([T ])(\d\d:\d\d:\d\d)")
_MAIL_DATE = re.compile(r"^Date: (.+)$", re.M)
_NAMES = re.compile(r"\b(tracking-events|tracking-api|customer-portal|payments-events|NordFret)\b")


def shifted(text: str, copy: int) -> str:
    """TEXT with its ISO dates moved ``copy`` hours later and a few names varied."""

    def move(match: re.Match[str]) -> str:
        day, separator, clock = match.groups()
        moved = datetime.fromisoformat(f"{day}T{clock}") + timedelta(hours=copy)
        return moved.strftime(f"%Y-%m-%d{separator}%H:%M:%S")

    text = _DATE.sub(move, text)
    return _NAMES.sub(lambda m: f"{m.group(1)}{copy}", text) if copy else text


def offset(pattern: str, step: int, text: str, copy: int) -> str:
    """Add ``copy * step`` to the number in group 2 of every match of PATTERN."""
    return re.sub(
        pattern, lambda m: f"{m.group(1)}{int(m.group(2)) + copy * step}{m.group(3)}", text
    )


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def teams(template: Path, out: Path, copies: int) -> Path:
    """Channel and chat pages per copy under ``out/COPY/``: container ids get a suffix,
    message ids (creation times in ms) move with the dates; member lists once."""
    for copy in range(copies):
        for file in sorted(template.glob("*.json")):
            if file.stem.endswith("members") and copy:
                continue
            text = shifted(_read(file), copy)
            text = re.sub(r"(19:[^\"@/']+)@", rf"\1k{copy}@", text)
            text = offset(r"(\D)(1[6-9]\d{11})(\D)", 3_600_000, text, copy)
            name = offset(r"(-)(1[6-9]\d{11})(\.)", 3_600_000, file.name, copy)
            _write(out / str(copy) / name, text)
    return out


def confluence(template: Path, out: Path, copies: int) -> Path:
    """One entities.xml holding every copy's objects (ids moved by a million), zipped."""
    with zipfile.ZipFile(template) as archive:
        entities = archive.read("entities.xml").decode("utf-8")
        descriptor = archive.read("exportDescriptor.properties")
    head, _, rest = entities.partition("<object ")
    body = "<object " + rest.rsplit("</hibernate-generic>", 1)[0]
    parts = [head]
    for copy in range(copies):
        parts.append(offset(r'(<id name="id">)(\d+)(</id>)', 1_000_000, shifted(body, copy), copy))
    parts.append("</hibernate-generic>\n")
    out.mkdir(parents=True)
    target = out / "Confluence-space-export-PLAT.xml.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("entities.xml", "".join(parts))
        archive.writestr("exportDescriptor.properties", descriptor)
    return target


def jira(template: Path, out: Path, copies: int) -> Path:
    """Search pages per copy: issue, comment and history ids and issue keys moved."""
    for copy in range(copies):
        for file in sorted(template.glob("*.json")):
            text = offset(r'("id": ")(\d+)(")', 100_000, shifted(_read(file), copy), copy)
            text = offset(r"(PLAT-)(\d+)(\D)", 1_000, text, copy)
            _write(out / f"search-{copy:04d}-{file.name}", text)
    return out


def github(template: Path, out: Path, copies: int) -> Path:
    """Every endpoint's dump once per copy (``NAME-COPY.json``), each copy its own repository."""
    for copy in range(copies):
        for file in sorted(template.rglob("*.json")):
            text = shifted(_read(file), copy).replace("corvid/platform", f"corvid/platform{copy}")
            relative = file.relative_to(template)
            if relative.parts[0] == "reviews":
                _write(out / "reviews" / str(copy) / relative.name, text)
            else:
                _write(out / f"{file.stem}-{copy}.json", text)
    return out


def slack(template: Path, out: Path, copies: int) -> Path:
    """Each channel once per copy (``NAME-COPY``, its own id), timestamps moved; zipped."""
    with zipfile.ZipFile(template) as archive:
        files = {name: archive.read(name).decode("utf-8") for name in archive.namelist()}
    channels = json.loads(files.pop("channels.json"))
    entries: dict[str, str] = {"users.json": files.pop("users.json")}
    listed = []
    for copy in range(copies):
        for channel in channels:
            listed.append(
                {**channel, "id": f"{channel['id']}K{copy}", "name": f"{channel['name']}-{copy}"}
            )
        for name, text in files.items():
            folder, _, day = name.partition("/")
            moved = offset(r"(\")(1[6-9]\d{8})(\.\d{6}\")", 3_600, shifted(text, copy), copy)
            entries[f"{folder}-{copy}/{day}"] = moved
    entries["channels.json"] = json.dumps(listed)
    target = out / "slack-export.zip"
    out.mkdir(parents=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in entries.items():
            archive.writestr(name, text)
    return target


def stackexchange(template: Path, out: Path, copies: int) -> Path:
    """Posts, comments and votes once per copy with their ids moved; users, badges, tags once."""
    out.mkdir(parents=True)
    for file in sorted(template.glob("*.xml")):
        text = _read(file)
        if file.stem not in {"Posts", "Comments", "Votes", "PostHistory", "PostLinks"}:
            _write(out / file.name, text)
            continue
        head, _, rest = text.partition("  <row ")
        rows, _, tail = ("  <row " + rest).rpartition("/>")
        ids = r'(\b(?:Id|PostId|ParentId|AcceptedAnswerId)=")(\d+)(")'
        copied = [offset(ids, 100_000, shifted(rows + "/>", copy), copy) for copy in range(copies)]
        _write(out / file.name, head + "\n".join(copied) + tail)
    return out


def _mail_dates(text: str, copy: int) -> str:
    def move(match: re.Match[str]) -> str:
        return "Date: " + format_datetime(
            parsedate_to_datetime(match.group(1)) + timedelta(hours=copy)
        )

    return _NAMES.sub(lambda m: f"{m.group(1)}{copy}", _MAIL_DATE.sub(move, text))


def _message_ids(text: str, copy: int) -> str:
    return re.sub(r"<([^<>@\s]+)@", rf"<\1.k{copy}@", text)


def mbox(template: Path, out: Path, copies: int) -> Path:
    """The mailbox once per copy: Message-ID, In-Reply-To and References varied, dates moved."""
    raw = template.read_bytes().decode("utf-8", "surrogateescape")
    copied = [_message_ids(_mail_dates(raw, copy), copy) for copy in range(copies)]
    target = out / "platform-team.mbox"
    out.mkdir(parents=True)
    target.write_bytes("".join(copied).encode("utf-8", "surrogateescape"))
    return target


def maildir(template: Path, out: Path, copies: int) -> Path:
    """Every message file once per copy (``NAME.kCOPY``), ids and dates varied."""
    for copy in range(copies):
        for file in sorted(p for p in template.rglob("*") if p.is_file()):
            raw = file.read_bytes().decode("utf-8", "surrogateescape")
            text = _message_ids(_mail_dates(raw, copy), copy)
            target = out / file.relative_to(template).parent / f"{file.name}.k{copy}"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text.encode("utf-8", "surrogateescape"))
    for name in ("cur", "new", "tmp"):
        (out / name).mkdir(parents=True, exist_ok=True)
    return out


def jsonl(template: Path, out: Path, copies: int) -> Path:
    """Every line once per copy, its id suffixed and its dates moved."""
    lines = _read(template).splitlines()
    copied = [
        re.sub(r'^\{"id": "([^"]+)"', rf'{{"id": "\1-k{copy}"', shifted(line, copy))
        for copy in range(copies)
        for line in lines
    ]
    target = out / template.name
    _write(target, "\n".join(copied) + "\n")
    return target


def docs(template: Path, out: Path, copies: int) -> Path:
    """Every document once per copy under ``COPY/``; text files varied, PDF/DOCX as they are."""
    for copy in range(copies):
        for file in sorted(p for p in template.rglob("*") if p.is_file()):
            target = out / str(copy) / file.relative_to(template)
            target.parent.mkdir(parents=True, exist_ok=True)
            if file.suffix in {".md", ".txt", ".html"}:
                target.write_text(shifted(_read(file), copy), encoding="utf-8")
            else:
                shutil.copyfile(file, target)
    return out


Replicator = Callable[[Path, Path, int], Path]
REPLICATORS: dict[str, Replicator] = {
    "teams": teams,
    "confluence": confluence,
    "jira": jira,
    "github": github,
    "slack": slack,
    "stackexchange": stackexchange,
    "mbox": mbox,
    "maildir": maildir,
    "jsonl": jsonl,
    "docs": docs,
}


@dataclass
class Row:
    connector: str
    copies: int
    items: int
    input_mb: float
    parse_items_per_s: float
    store_items_per_s: float
    total_items_per_s: float
    total_seconds: float


def _options(source: SampleSource) -> dict[str, str]:
    """The source's options less its file options (the copies' paths no longer match them)."""
    files = {o.key for o in connectors()[source.connector].options if o.is_path}
    return {k: v for k, v in source.options.items() if k not in files}


def parse_items(connector: str, path: Path, options: dict[str, str]) -> tuple[int, float]:
    """How many items the connector reads from PATH, and in how many seconds."""
    context = IngestContext(options=options)
    started = time.perf_counter()
    records = connectors()[connector]().parse(path, context)
    count = sum(1 for record in records if isinstance(record, ItemRecord))
    return count, time.perf_counter() - started


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def measure(source: SampleSource, root: Path, target: int) -> Row:
    name, options = source.connector, _options(source)
    per_copy, _ = parse_items(name, source.path, options)
    copies = max(1, math.ceil(target / max(per_copy, 1)))
    path = REPLICATORS[name](source.path, root / "input" / name, copies)
    items, parse_seconds = parse_items(name, path, options)
    settings = load_settings(environ={}, workspace=root / "ws" / name, dense=False, learn=False)
    service = open_services(settings)
    started = time.perf_counter()
    report = service.ingest.ingest(name, path, options=options)
    total = time.perf_counter() - started
    service.close()
    stored = report.items_added + report.items_updated + report.items_unchanged
    assert stored == items, f"{name}: {stored} items stored, {items} parsed"
    return Row(
        connector=name,
        copies=copies,
        items=items,
        input_mb=round(_size(path) / 1e6, 1),
        parse_items_per_s=round(items / parse_seconds),
        store_items_per_s=round(report.items_per_second),
        total_items_per_s=round(items / total),
        total_seconds=round(total, 2),
    )


def table(rows: list[Row]) -> str:
    lines = [
        "| Connector | Items | Input (MB) | Parse (items/s) | Parse + store (items/s) "
        "| With lexical reindex (items/s) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row.connector} | {row.items:,} | {row.input_mb} | {row.parse_items_per_s:,} "
            f"| {row.store_items_per_s:,} | {row.total_items_per_s:,} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=3000, help="items per connector (about)")
    parser.add_argument("--only", nargs="+", choices=sorted(REPLICATORS), default=None)
    args = parser.parse_args()
    wanted = args.only or list(REPLICATORS)
    load_before = os.getloadavg()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for source in write_sample_org(root / "org"):
            if source.connector in wanted:
                rows.append(measure(source, root, args.items))
                print(f"{source.connector}: {rows[-1].total_items_per_s} items/s", file=sys.stderr)
    result = {
        "date": datetime.now().isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}",
        "load_average_before": [round(v, 2) for v in load_before],
        "load_average_after": [round(v, 2) for v in os.getloadavg()],
        "items_per_connector": args.items,
        "rows": [asdict(row) for row in rows],
    }
    if args.only is None:
        RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(table(rows))
    before, after = result["load_average_before"], result["load_average_after"]
    print(f"\nload average before {before}, after {after}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
