"""The command line as a user meets it: output, JSON, exit codes and one-line errors."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from whoknows.cli.ask import print_match
from whoknows.cli.main import cli
from whoknows.errors import NotFoundError
from whoknows.services.results import EvidenceView, PersonMatch


def run(*args: str, workspace: Path | None = None) -> tuple[int, str, str]:
    runner = CliRunner()
    prefix = ["--quiet", "--workspace", str(workspace)] if workspace else ["--quiet"]
    result = runner.invoke(cli, [*prefix, *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_ask_shows_people_titles_and_evidence(demo) -> None:
    code, out, _ = run(
        "ask", "kubernetes CrashLoopBackOff helm", "--k", "2", workspace=demo.settings.workspace
    )
    assert code == 0
    assert out.splitlines()[0].startswith(" 1. Inès Moreau — Accounts Payable Specialist, Finance")
    assert "https://ask.corvid.example/" in out
    assert "@corvid.example" not in out, "email addresses are never shown"


def test_ask_json_and_since(demo) -> None:
    code, out, _ = run(
        "ask",
        "kafka consumer lag",
        "--json",
        "--since",
        "2026-01-01",
        workspace=demo.settings.workspace,
    )
    data = json.loads(out)
    assert code == 0 and data["people"]
    for person in data["people"]:
        assert {"name", "score", "title", "department", "evidence"} <= set(person)
        assert all(e["date"] >= "2026-01-01" for e in person["evidence"])
    code, _, err = run("ask", "kafka", "--since", "last tuesday", workspace=demo.settings.workspace)
    assert code == 2 and err.startswith("error: --since 'last tuesday' is not a date")
    for beyond in ("9999-12-31T23:59:59-01:00", "0001-01-01T00:00+14:00"):  # no datetime holds
        code, _, err = run("ask", "kafka", "--since", beyond, workspace=demo.settings.workspace)
        assert code == 2 and err.startswith(f"error: --since '{beyond}' is not a date"), err


def test_batch_run_labels_and_eval(demo, tmp_path: Path) -> None:
    queries = tmp_path / "q.tsv"
    queries.write_text(
        "q1\tkafka consumer lag partitions\nq2\tpostgres backup restore\n", encoding="utf-8"
    )
    run_file = tmp_path / "out.run"
    code, out, _ = run(
        "ask",
        "--batch",
        str(queries),
        "--run",
        str(run_file),
        "--k",
        "5",
        "--label-by",
        "stackexchange",
        workspace=demo.settings.workspace,
    )
    assert code == 0 and "2 queries" in out
    lines = [line.split() for line in run_file.read_text().splitlines()]
    assert all(len(parts) == 6 and parts[1] == "Q0" for parts in lines)
    assert [p[3] for p in lines if p[0] == "q1"] == ["1", "2", "3", "4", "5"]
    conn = demo.workspace.store().conn
    aiko_se = conn.execute(
        "SELECT a.value FROM aliases a JOIN persons p ON p.id = a.person_id"
        " WHERE p.display_name = 'Aiko Tanaka' AND a.kind = 'source_id'"
        " AND a.source = 'stackexchange'"
    ).fetchone()[0]
    assert lines[0][2] == aiko_se
    qrels = tmp_path / "qrels"
    qrels.write_text(f"q1 0 {aiko_se} 2\nq2 0 999 1\n", encoding="utf-8")
    code, out, _ = run(
        "eval", "--queries", str(queries), "--qrels", str(qrels), "--run", str(run_file), "--json"
    )
    result = json.loads(out)[0]
    assert code == 0 and result["means"]["RR"] == pytest.approx(0.5)
    code, out, _ = run(
        "eval",
        "--queries",
        str(queries),
        "--qrels",
        str(qrels),
        "--label-by",
        "stackexchange",
        workspace=demo.settings.workspace,
    )
    assert code == 0 and out.startswith("run") and "learned" in out


def test_every_connector_in_batch_k0_writes_all(demo, tmp_path: Path) -> None:
    queries = tmp_path / "q.tsv"
    queries.write_text("q1\tkubernetes\n", encoding="utf-8")
    run_file = tmp_path / "all.run"
    run(
        "ask",
        "--batch",
        str(queries),
        "--run",
        str(run_file),
        "--k",
        "0",
        workspace=demo.settings.workspace,
    )
    everyone = len(demo.search.rank("kubernetes", k=0))
    assert len(run_file.read_text().splitlines()) == everyone > 5


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("ask",), 2, "error: ask needs a TOPIC or --batch"),
        (("ask", "kafka", "--ranker", "magic"), 1, "error: unknown ranker 'magic'"),
        (("ask", "--batch", "missing.tsv", "--run", "x.run"), 1, "error: missing.tsv"),
        (("people", "show", "4242"), 1, "error: no person '4242'"),
        (("ingest", "jsonl", "nowhere.jsonl"), 1, "error: nowhere.jsonl: no such file"),
        (
            (
                "engagement",
                "create",
                "X",
                "--topic",
                "the",
                "--consultant",
                "1",
                "--start",
                "2026-01-05",
            ),
            2,
            "error: 'the' has no searchable words",
        ),
        (
            ("ingest", "git", ".", "--authors", "map.csv"),
            2,
            "error: the git connector has no option authors",
        ),
        (("topic", "kafka " * 100), 2, "error: the topic is longer than 200 characters"),
        (  # a byte that is not UTF-8, as Python passes it on from a terminal
            ("engagement", "create", "X\udcff"),
            2,
            "error: 'X\ufffd' holds bytes that are not UTF-8",
        ),
        (("privacy", "scan", "\udcff"), 2, "error: '\ufffd' holds bytes that are not UTF-8"),
    ],
)
def test_errors_are_one_line_with_exit_codes(demo, args, code, message) -> None:
    status, _, err = run(*args, workspace=demo.settings.workspace)
    assert status == code
    assert err.startswith(message) and err.count("\n") == 1


def test_ingest_report_and_skip_errors(service, tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text(
        '{"id": "1", "text": "kafka", "authors": ["Ann Lee"]}\nnot json\n', encoding="utf-8"
    )
    code, _, err = run("ingest", "jsonl", str(path), workspace=service.settings.workspace)
    assert code == 1 and "docs.jsonl:2:1: invalid JSON" in err
    code, out, _ = run(
        "ingest", "jsonl", str(path), "--skip-errors", workspace=service.settings.workspace
    )
    assert code == 0
    assert "items: 1 added" in out and "skipped" in out and "items/s" in out


@pytest.mark.parametrize(
    ("connector", "given", "message"),
    [
        ("github", "file", "not a folder; give the folder of `gh api` dumps"),
        ("teams", "folder", "no .json file in this folder; give a Microsoft Graph"),
        ("jsonl", "folder", "no .jsonl, .ndjson or .json file in this folder; check the path"),
        ("mbox", "folder", "no .mbox file in this folder; check the path"),
        ("docs", "folder", "no document in this folder; give a folder of documents (.docx"),
        ("people", "folder", "not a file; give the directory export"),
    ],
)
def test_an_input_that_is_not_the_connectors_fails_even_skipping_errors(
    service, tmp_path: Path, connector: str, given: str, message: str
) -> None:
    """An evaluator's `ingest github export.json --skip-errors` "ingested" nothing with exit 0,
    and without it the error advised --skip-errors, which could only skip the whole input."""
    path = tmp_path / "export.json"
    if given == "file":
        path.write_text("{}", encoding="utf-8")
    else:
        path.mkdir()
    workspace = service.settings.workspace
    for extra in ([], ["--skip-errors"]):
        code, out, err = run("ingest", connector, str(path), *extra, workspace=workspace)
        assert code == 1 and out == "", (extra, out)
        assert err.startswith(f"error: {path}: {message}") and err.count("\n") == 1
        assert "--skip-errors" not in err


def test_empty_workspace_asks_to_ingest(tmp_path: Path) -> None:
    code, _, err = run("ask", "kafka", workspace=tmp_path / "nothing")
    assert code == 1 and "no whoknows workspace here" in err


def test_ask_says_who_has_left_and_lists_them_after_those_still_here(demo) -> None:
    """An evaluator's expert who had left the company ranked first with nothing to say so,
    where `topic` said "(has left)": the answer now says when, in the CLI and its JSON. Two
    later evaluators' leavers still came first on questions asked of someone who can help now:
    the people who left are listed after those still here, and `score` counts them so."""
    code, out, _ = run("ask", "prometheus alerting", "--json", workspace=demo.settings.workspace)
    people = json.loads(out)["people"]
    assert json.loads(out)["ranker"] in {"learned", "hybrid-prior"}  # (which one scored)
    left = {person["name"]: person["left_on"] for person in people}
    assert left["Karin Holm"] == "2025-06-30"
    assert {name for name, date in left.items() if date} == {"Karin Holm"}
    experts = [person for person in people if not person["learner"]]
    place = [person["name"] for person in experts].index("Karin Holm") + 1
    # after everyone still here who matches, before those who lack most of the question and
    # score lower
    assert place > 1 and all(person["missing"] for person in experts[place:]), experts
    assert all(person["score"] < experts[place - 1]["score"] for person in experts[place:])
    karin = max(p["score"] for p in people if p["name"] == "Karin Holm")
    assert karin > max(p["score"] for p in people if p["name"] != "Karin Holm")
    code, out, _ = run("ask", "prometheus alerting", workspace=demo.settings.workspace)
    line = next(
        line for line in out.splitlines() if line.lstrip()[:1].isdigit() and "Karin" in line
    )
    assert f"{place}. Karin Holm" in line and "left on June 30, 2025" in line
    code, out, _ = run(
        "score", "Karin Holm", "prometheus alerting", "--json", workspace=demo.settings.workspace
    )
    assert json.loads(out)["rank"] == place
    code, out, _ = run(
        "--lang", "fr", "ask", "prometheus alerting", workspace=demo.settings.workspace
    )
    assert code == 0 and "départ le 30 juin 2025" in out
    # fewer people asked for are the first of the whole answer (a hospital's evaluator: "--k
    # 3" and "--k 10" differed in their first three for 12 questions of 36)
    code, out, _ = run(
        "ask", "prometheus alerting", "--k", "1", "--json", workspace=demo.settings.workspace
    )
    assert [person["name"] for person in json.loads(out)["people"]] == [experts[0]["name"]]


def test_a_command_that_fails_at_once_exits_cleanly(demo_workspace: Path) -> None:
    """`score` starts loading the tokenizer on another thread; failing on an unknown person at
    once, the process aborted ("terminate called without an active exception", status 134)
    in six runs of eight while the load ran in C++."""
    command = [sys.executable, "-m", "whoknows.cli", "--workspace", str(demo_workspace)]
    for _ in range(4):
        done = subprocess.run(
            [*command, "score", "--person", "Nobody Here", "--text", "kafka"],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")},
        )
        assert done.returncode == 1, done.stderr
        assert "terminate called" not in done.stderr


def test_score_names_the_words_nobody_holds_beside_its_coverage(demo) -> None:
    """ "coverage: 3 of 3" for a text of five words: spark and zookeeper, in no one's
    evidence, left the count silently."""
    workspace = demo.settings.workspace
    text = "kafka consumer lag with spark and zookeeper"
    code, out, _ = run("score", "Aiko Tanaka", text, workspace=workspace)
    assert code == 0 and "coverage: 3 of 3 specific terms" in out, out
    assert "no one's evidence mentions spark and zookeeper: not counted" in out
    _, held, _ = run("score", "Aiko Tanaka", "kafka consumer lag", workspace=workspace)
    assert "no one's evidence" not in held
    code, out, _ = run("score", "Aiko Tanaka", text, "--json", workspace=workspace)
    assert json.loads(out)["not_found"] == ["spark", "zookeeper"]


def test_a_date_filter_that_leaves_nobody_says_so(demo) -> None:
    workspace = demo.settings.workspace
    code, out, _ = run("ask", "kafka", "--since", "2030-01-01", workspace=workspace)
    assert code == 0 and out == "nobody: no evidence since January 1, 2030 matches this topic\n"
    _, out, _ = run("score", "Aiko Tanaka", "spark", workspace=workspace)
    assert "coverage" not in out and "no one's evidence mentions spark: not counted" in out
    code, out, _ = run("ask", "zzqxflight", workspace=workspace)
    assert code == 0 and out == "nobody: no evidence mentions zzqxflight\n"


def test_score_takes_the_person_and_text_as_arguments(demo) -> None:
    """A newcomer's `whoknows score "Inès Moreau" kubernetes upgrades` was refused ("got
    unexpected extra arguments"): only --person and --text were read."""
    workspace = demo.settings.workspace
    code, out, _ = run("score", "Inès Moreau", "kubernetes", "upgrades", workspace=workspace)
    assert code == 0 and out.startswith("Inès Moreau"), out
    _, options, _ = run(
        "score", "--person", "Inès Moreau", "--text", "kubernetes upgrades", workspace=workspace
    )
    assert options == out
    _, mixed, _ = run("score", "Inès Moreau", "--text", "kubernetes upgrades", workspace=workspace)
    assert mixed == out
    _, mixed, _ = run(
        "score", "--person", "Inès Moreau", "kubernetes upgrades", workspace=workspace
    )
    assert mixed == out
    code, _, err = run("score", "Inès Moreau", "kafka", "--text", "lag", workspace=workspace)
    assert code == 2 and "not both" in err
    code, _, err = run("score", "Inès Moreau", workspace=workspace)
    assert code == 2 and "score needs a person and a text" in err


def test_evidence_dates_are_written_in_the_readers_language(demo) -> None:
    """`ask` and `score` wrote evidence dates as 2024-03-13 where `topic` wrote "Mar 13, 2024"
    (a French evaluator: "13 mars 2024")."""
    workspace = demo.settings.workspace
    _, out, _ = run(
        "--lang", "fr", "ask", "restore postgresql backup", "--k", "1", workspace=workspace
    )
    assert re.search(r"  \d{1,2} [a-zéû]+\.? 20\d\d$", out, re.M), out
    _, out, _ = run("score", "Tomás Ferreira", "restore postgresql backup", workspace=workspace)
    assert not re.search(r"20\d\d-\d\d-\d\d", out) and re.search(
        r"[A-Z][a-z]{2} \d{1,2}, 20\d\d", out
    )


def test_a_batch_of_pairs_names_each_pair_it_could_not_score(demo, tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("p1\tTomás Ferreira\tpostgres backup\np2\tTomas\tkafka\n", encoding="utf-8")
    code, _, err = run(
        "score",
        "--batch",
        str(pairs),
        "--out",
        str(tmp_path / "s.tsv"),
        workspace=demo.settings.workspace,
    )
    assert code == 1 and "pair p2: no person 'Tomas'" in err and "Tomás Ferreira" in err
    assert "1 of 2 pairs left unscored" in err  # (the others scored, the file written)
    rows = (tmp_path / "s.tsv").read_text(encoding="utf-8").splitlines()
    assert rows[1].startswith("p1\tTomás Ferreira\t") and float(rows[1].split("\t")[2])
    assert rows[2] == "p2\tTomas\t\t\t\t\t"


def test_people_show_names_the_manager(demo) -> None:
    """`people show` printed "manager: e14", the directory's id, where a name was expected."""
    code, out, _ = run("people", "show", "Inès Moreau", workspace=demo.settings.workspace)
    assert code == 0 and "manager: e14 (Claire Dubois)" in out, out


@pytest.mark.parametrize(
    "reference",
    [
        "directory:e01",
        "people:e01",
        "slack:imoreau",
        "github:ines-moreau",
        "ines.moreau@corvid.example",
    ],
)
def test_a_person_is_found_by_what_people_show_lists(demo, reference: str) -> None:
    """`people show` lists "directory e01" and "slack:imoreau", and refused both as references
    (only the connector's name, "people:e01", was read)."""
    code, out, err = run("people", "show", reference, workspace=demo.settings.workspace)
    assert code == 0 and out.startswith("1: Inès Moreau"), (out, err)


def test_an_address_names_nobody_to_a_user(demo) -> None:
    with pytest.raises(NotFoundError):
        demo.people.visible("ines.moreau@corvid.example", demo.workspace.directory())


def test_opting_out_says_whom_the_name_named(demo) -> None:
    code, out, _ = run("people", "opt-out", "ines moreau", workspace=demo.settings.workspace)
    assert code == 0 and out.startswith("Inès Moreau (1): opted out"), out


def ingested(tmp_path: Path, rows: list[tuple[str, str, str, str]]) -> Path:
    """A workspace (under ``tmp_path``) of JSON-lines items: (id, title, text, author) each,
    dated alike."""
    items = tmp_path / "items.jsonl"
    items.write_text(
        "".join(
            json.dumps({"id": i, "title": t, "text": x, "authors": [a], "date": "2026-03-01"})
            + "\n"
            for i, t, x, a in rows
        ),
        encoding="utf-8",
    )
    workspace = tmp_path / "ws"
    assert run("ingest", "jsonl", str(items), workspace=workspace)[0] == 0
    return workspace


def test_evidence_in_russian_and_japanese_is_found(tmp_path: Path) -> None:
    """A Russian item was stored and never found: `ask "Кафка"` said nobody, `ask "Кафка
    kafka"` "no evidence mentions Кафка", `topic "Кафка"` "no searchable words"; then
    "кафку" never met "Кафка", nor "카프카" a title saying "카프카를"."""
    rows = [
        ("r1", "Кафка: отставание потребителя", "Растёт отставание потребителя.", "Иван Петров"),
        ("j1", "データベースのバックアップ", "毎晩バックアップを取得します。", "田中 花子"),
        ("e1", "Kafka consumer lag", "Increase partitions when the lag grows.", "Ann Lee"),
        ("k1", "카프카를 재시작하는 방법", "소비자 지연이 줄어듭니다.", "김 민수"),
    ]
    workspace = ingested(tmp_path, rows)
    _, out, _ = run("ask", "Кафка", workspace=workspace)
    assert out.startswith(" 1. Иван Петров"), out
    _, out, _ = run("ask", "バックアップ", workspace=workspace)
    assert out.startswith(" 1. 田中 花子"), out
    # another form of the word: Russian inflected, Korean with its particle
    _, out, _ = run("ask", "кафку", workspace=workspace)
    assert out.startswith(" 1. Иван Петров"), out
    _, out, _ = run("ask", "카프카", workspace=workspace)
    assert out.startswith(" 1. 김 민수"), out
    _, out, _ = run("ask", "Кафка kafka", workspace=workspace)
    assert "no evidence mentions" not in out and "Ann Lee" in out and "Иван Петров" in out
    code, out, _ = run("topic", "отставание", workspace=workspace)
    assert code == 0 and "Иван Петров" in out
    _, out, _ = run("score", "Иван Петров", "Кафка отставание", workspace=workspace)
    assert "coverage: 2 of 2 specific terms" in out


def test_characters_that_reorder_text_are_not_stored(tmp_path: Path) -> None:
    """An ingested title "Payroll export \u202eslx.exe" showed as "Payroll export exe.xls", an
    author "Mal \u202eyrotS" as "Mal Story"; a question holding one is refused by name."""
    items = tmp_path / "items.jsonl"
    row = {
        "id": "x1",
        "title": "Payroll export \u202eslx.exe",
        "text": "kafka lag \u2067fixed\u2069 here",
        "authors": ["Mal \u202eyrotS"],
        "tags": ["\u202ekafka"],
    }
    items.write_text(json.dumps(row) + "\n", encoding="utf-8")
    workspace = tmp_path / "ws"
    assert run("ingest", "jsonl", str(items), workspace=workspace)[0] == 0
    _, out, _ = run("ask", "kafka lag", workspace=workspace)
    assert " 1. Mal yrotS" in out and "Payroll export slx.exe" in out and "fixed here" in out
    assert not any("\u202a" <= c <= "\u202e" or "\u2066" <= c <= "\u2069" for c in out)
    code, _, err = run("ask", "\u202ekafka", workspace=workspace)
    assert code == 2 and "direction-override" in err


def test_a_chinese_character_asked_alone_finds_the_words_holding_it(tmp_path: Path) -> None:
    """`ask 锁` ("lock") answered nobody though two documents were about locks: the index holds
    "死锁" and "分布式锁" as character pairs, never "锁" alone."""
    rows = [
        ("c1", "数据库死锁排查", "死锁发生时先查看锁等待图。", "王 伟"),
        ("c2", "前端构建变慢", "升级打包工具后构建时间翻倍。", "李 娜"),
    ]
    workspace = ingested(tmp_path, rows)
    _, out, _ = run("ask", "锁", workspace=workspace)
    assert out.startswith("also searched: ") and " for 锁" in out and "死锁" in out, out
    assert " 1. 王 伟" in out and "李 娜" not in out


def test_a_title_only_item_is_shown_without_a_blank_line(tmp_path: Path) -> None:
    """A JSON-lines question with a title and no text printed an empty snippet line."""
    workspace = ingested(tmp_path, [("h1", "HAProxy TCP mode health checks", "", "Anaïs")])
    _, out, _ = run("ask", "haproxy", workspace=workspace)
    lines = out.splitlines()
    assert lines[0].startswith(" 1. Anaïs") and "HAProxy TCP mode" in lines[1], out
    assert all(line.strip() for line in lines), out


def test_an_untitled_item_shows_its_text_once(tmp_path: Path) -> None:
    """An item with a text and no title showed its text twice: as its title (the text's
    start) and as its snippet."""
    text = "Rollback the payroll release with helm rollback payroll 41 then check the pods."
    workspace = ingested(tmp_path, [("r1", "", text, "Ann Lee")])
    _, out, _ = run("ask", "helm rollback", workspace=workspace)
    assert out.count("Rollback the payroll release") == 1, out


def test_score_says_the_questions_answered_may_hold_a_word_only_for_someone_who_answered(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A documents-only workspace was told a missing word "(the questions they answered may
    say it)" of a writer who had answered nothing (a third evaluator)."""
    rows = [
        ("a1", "Kafka consumer lag", "Increase partitions when the lag grows.", "Ann Lee"),
        ("b1", "Proxmox cluster", "Notes on the proxmox hosts and their storage.", "Bo Chen"),
    ]
    workspace = ingested(tmp_path, rows)
    code, out, _ = run("score", "Ann Lee", "kafka lag on proxmox", workspace=workspace)
    assert code == 0 and "rank 1 of" in out, out
    assert "  not in their own words: proxmox\n" in out and "answered" not in out
    answered = PersonMatch(
        1, "Ann Lee", None, None, 1.0, 1, 2, 1.0, 0.5, ["kafka"], ["proxmox"],
        [EvidenceView(1, "Proxmox: lag", "", None, None, "answerer", "stackexchange", "answer")],
    )  # fmt: skip
    print_match(answered)
    said = capsys.readouterr().out
    assert "not in their own words (the threads they replied in may say it): proxmox" in said


def test_an_option_two_connectors_declare_shows_each_ones_help() -> None:
    """A fresh evaluator read `--date-format` as the people directory's only: Jira's own help
    of it (for a CSV re-saved by a French Excel) was hidden behind it."""
    from click.testing import CliRunner

    from whoknows.cli.main import cli

    shown = " ".join(CliRunner().invoke(cli, ["ingest", "--help"]).output.split())
    assert "jira: strptime format of dates in a Jira CSV export" in shown
    assert "people: strptime format of the directory's start and end dates" in shown


def test_a_person_gone_by_today_is_not_an_active_holder(tmp_path: Path) -> None:
    """A bank's consultant left on 30 April 2025, after the workspace's last evidence: `ask`
    said "left on April 30, 2025" while `topic` called him "(active)"."""
    (tmp_path / "people.csv").write_text(
        "id,name,email,end_date\np1,Vincent Caron,vincent@x.fr,2025-04-30\n"
        "p2,Sophie Lambert,sophie@x.fr,\n",
        encoding="utf-8",
    )
    items = [
        ("a", "Stress test EBA methodology", "Static balance sheet.", "Vincent Caron", "01-30"),
        ("b", "Stress test EBA templates", "The CSV_NII_CALC template.", "Sophie Lambert", "03-30"),
    ]
    (tmp_path / "items.jsonl").write_text(
        "".join(
            json.dumps(
                {
                    "id": i,
                    "title": t,
                    "text": x,
                    "authors": [a],
                    "author_names": [a],
                    "date": f"2025-{d}",
                }
            )
            + "\n"
            for i, t, x, a, d in items
        ),
        encoding="utf-8",
    )
    workspace = tmp_path / "ws"
    assert run("ingest", "people", str(tmp_path / "people.csv"), workspace=workspace)[0] == 0
    assert run("ingest", "jsonl", str(tmp_path / "items.jsonl"), workspace=workspace)[0] == 0
    code, out, _ = run("topic", "stress test", "--json", workspace=workspace)
    holders = {h["name"]: (h["left"], h["active"]) for h in json.loads(out)["holders"]}
    assert code == 0 and holders == {
        "Vincent Caron": (True, False),
        "Sophie Lambert": (False, True),
    }


def test_claims_says_when_none_is_declared(tmp_path: Path) -> None:
    """A fresh evaluator's `claims` printed nothing at all, not even that there were none."""
    (tmp_path / "people.csv").write_text("name,email\nAda Lind,ada@corp.example\n", "utf-8")
    assert run("ingest", "people", str(tmp_path / "people.csv"), workspace=tmp_path / "ws")[0] == 0
    code, out, _ = run("claims", workspace=tmp_path / "ws")
    assert code == 0 and out.startswith("no claims: none declared"), out
    code, out, _ = run("--lang", "fr", "claims", workspace=tmp_path / "ws")
    assert code == 0 and out.startswith("aucune compétence déclarée"), out
