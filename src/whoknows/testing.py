"""The contracts every connector and ranker must keep, as functions a plug-in's own tests call.

A third-party connector package tests itself with its own sample input::

    from whoknows.testing import check_connector
    def test_contract(tmp_path):
        check_connector(MyConnector, Path(__file__).parent / "sample", tmp_path)

and a ranker with ``check_ranker(MyRanker, tmp_path)``, which builds its own small workspace:
neither needs the demo organization.
"""

from __future__ import annotations

import inspect
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from whoknows.errors import InputError
from whoknows.ingest import Connector, ConnectorOption, IngestContext, Splittable
from whoknows.rank import PersonScore, Query, Ranker
from whoknows.records import ItemRecord, PersonRecord, Record
from whoknows.services import Services, open_services
from whoknows.settings import load_settings
from whoknows.vocab import ContributionRole


def check_connector(cls: type[Connector], sample: Path, scratch: Path) -> None:
    """``cls`` streams records of its own source with stable ids from ``sample``, declares its
    options, and refuses a missing input with an InputError."""
    connector = cls()
    assert isinstance(connector, Connector), f"{cls.__name__} lacks part of the Connector protocol"
    assert cls.name and cls.source and cls.description, "name, source and description are set"
    assert isinstance(cls.options, tuple), "options is a tuple of ConnectorOption"
    assert inspect.isgeneratorfunction(cls.parse), "parse must stream records"
    records = list(connector.parse(sample, IngestContext()))
    assert records, f"{sample}: no record"
    for record in records:
        if isinstance(record, ItemRecord):
            assert record.source == cls.source and record.native_id
            assert (record.text or record.title or "").strip(), "an item has a title or a text"
            assert all(c.person.source == cls.source for c in record.contributions)
            assert all(isinstance(c.role, ContributionRole) for c in record.contributions)
        else:
            assert isinstance(record, PersonRecord) and record.ref.source == cls.source
    again = [getattr(r, "native_id", None) for r in connector.parse(sample, IngestContext())]
    assert again == [getattr(r, "native_id", None) for r in records], "ids must be stable"
    if isinstance(connector, Splittable):
        check_parts(connector, sample)
    _check_options(connector, sample)
    try:
        list(connector.parse(scratch / "missing-input", IngestContext()))
    except InputError:
        return
    raise AssertionError("a missing input must raise InputError")


def check_parts(connector: Splittable, source: Path, wanted: tuple[int, ...] = (1, 3, 8)) -> None:
    """A splittable connector's parts, parsed one after the other, give ``parse``'s records
    in its order, and its problems, skips and notes (strict, and with --skip-errors)."""
    assert isinstance(connector, Connector)
    for skip_errors in (False, True):
        whole = IngestContext(skip_errors=skip_errors)
        try:
            expected: list[Record] | str = list(connector.parse(source, whole))
        except InputError as error:
            expected = error.one_line()
        for count in wanted:
            context = IngestContext(skip_errors=skip_errors)
            records: list[Record] = []
            got: list[Record] | str = records
            try:
                for part in connector.parts(source, context, count):
                    piece = IngestContext(skip_errors=skip_errors)
                    try:
                        records += connector.parse_part(source, part, piece)
                    finally:
                        context.merge(piece)
            except InputError as error:
                got = error.one_line()
            assert got == expected, f"parts({count}) do not give parse's records in order"
            said = [p.one_line() for p in context.problems]
            assert said == [p.one_line() for p in whole.problems], "the same problems"
            assert (context.skipped, context.notes) == (whole.skipped, whole.notes)


def _check_options(connector: Connector, sample: Path) -> None:
    """Every declared option is described, and the sample still parses with each one given."""
    for option in connector.options:
        assert isinstance(option, ConnectorOption) and option.name and option.help
        assert option.key.isidentifier(), f"--{option.name} must map to a keyword"
        if option.is_path:
            continue  # a file of the user's; the service checks that it exists
        value = option.example or (str(option.default) if option.default is not None else "")
        assert value, f"--{option.name}: declare an example value (or a default)"
        context = IngestContext(options={option.key: value})
        assert list(connector.parse(sample, context)), f"--{option.name} {value}: no record"


TOPICS = ("kubernetes rollout", "kafka consumer lag", "postgres backup restore", "vault secrets")


def contract_workspace(scratch: Path) -> tuple[Services, dict[str, int]]:
    """A small workspace of its own: six people who write on four topics over a year, and a
    bot; returns the services and each author's person id."""
    start = datetime(2025, 1, 6, 9, tzinfo=UTC)
    lines = []
    for n in range(96):
        author = f"Person {n % 6}" if n % 13 else "build-bot"
        topic = TOPICS[(n // 6 + n % 6) % len(TOPICS)]
        lines.append(
            {
                "id": f"doc-{n}",
                "title": f"Note {n} on {topic}",
                "text": f"How we handle {topic} in practice, step {n}: {topic} notes.",
                "authors": [author],
                "date": (start + timedelta(days=4 * n)).isoformat(),
                "url": f"https://docs.example/{n}",
            }
        )
    source = scratch / "contract-corpus.jsonl"
    source.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    settings = load_settings(environ={}, workspace=scratch / "workspace", dense=False, learn=False)
    services = open_services(settings)
    services.ingest.ingest("jsonl", source)
    conn = services.workspace.store().conn
    people = {row[0]: row[1] for row in conn.execute("SELECT display_name, id FROM persons")}
    return services, people


def check_ranker(cls: type[Ranker], scratch: Path) -> None:
    """``cls`` returns sorted people with the evidence behind each score, never a bot or an
    opted-out person, and honours ``since`` and ``k``."""
    services, people = contract_workspace(scratch)
    try:
        _check_ranking(cls(services.settings), services, people)
    finally:
        services.close()


def _check_ranking(ranker: Ranker, services: Services, people: dict[str, int]) -> None:
    assert isinstance(ranker, Ranker), f"{type(ranker).__name__} lacks part of the protocol"
    evidence = services.workspace.evidence()
    conn = services.workspace.store().conn
    result = ranker.rank(Query("kafka consumer lag", k=3), evidence)
    assert 0 < len(result) <= 3 and all(isinstance(p, PersonScore) for p in result)
    assert [p.score for p in result] == sorted((p.score for p in result), reverse=True)
    everyone = ranker.rank(Query("kafka consumer lag", k=0), evidence)
    assert len(everyone) >= len(result) and people["build-bot"] not in {
        p.person_id for p in everyone
    }, "bots never appear"
    for person in result:
        assert person.votes, "every score comes with its evidence"
        for vote in person.votes:
            assert conn.execute(
                "SELECT 1 FROM contributions WHERE item_id = ? AND person_id = ?",
                (vote.item_id, person.person_id),
            ).fetchone(), "evidence is the person's own"
        contributions = [v.contribution for v in person.votes]
        assert contributions == sorted(contributions, reverse=True), "best evidence first"
    kept = frozenset(p.person_id for p in everyone[1::2])
    among = ranker.rank(Query("kafka consumer lag", k=0, among=kept), evidence)
    assert {p.person_id for p in among} <= kept, "only the people of query.among"
    cutoff = datetime(2025, 7, 1, tzinfo=UTC).timestamp()
    for person in ranker.rank(Query("kafka consumer lag", since=cutoff, k=0), evidence):
        assert all(evidence.timestamp(v.item_id) >= cutoff for v in person.votes), "since"
    top = result[0].person_id
    services.privacy.opt_out(str(top), inference=True, visibility=False)
    after = ranker.rank(Query("kafka consumer lag", k=0), services.workspace.evidence())
    assert top not in {p.person_id for p in after}, "opted-out people never appear"
