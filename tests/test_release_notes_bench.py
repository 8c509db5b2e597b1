"""The held-out release-notes benches (`benchmarks/release_notes.py`) read writers as the
notes credit them: a patch's writers, never its reporter, names with initials whole, and a
query never holds an issue the corpus already has."""

from __future__ import annotations

import gzip
import importlib.util
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.fixture(scope="module")
def notes():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(BENCHMARKS))
    spec = importlib.util.spec_from_file_location("release_notes", BENCHMARKS / "release_notes.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["release_notes"] = module
    spec.loader.exec_module(module)
    yield module
    sys.path.remove(str(BENCHMARKS))
    del sys.modules["release_notes"]


@pytest.mark.parametrize(
    ("entry", "text", "writers"),
    [
        (
            "Fix a crash in the tokenizer. Patch by Erlend E. Aasland and Dong-hee Na.",
            "Fix a crash in the tokenizer.",
            ("Erlend E. Aasland", "Dong-hee Na"),
        ),
        (
            "Add a timeout to urlopen. Original patch by Ann Lee, updated by nobody.",
            "Add a timeout to urlopen.",
            ("Ann Lee",),
        ),
        ("Fix the repr of a frozen dataclass. Reported by Tom Ray.", None, ()),
        ("Fix slow pipes. (Patch by Inada Naoki.)", "Fix slow pipes.", ("Inada Naoki",)),
        (
            "Speed up sorting. Contributed by Roman Yurchak for pyodide.",
            "Speed up sorting.",
            ("Roman Yurchak",),
        ),
    ],
)
def test_a_note_credits_its_writers_not_its_reporter(notes, entry, text, writers) -> None:  # type: ignore[no-untyped-def]
    found_text, found = notes._credit_split(entry)
    assert found == writers
    assert found_text == (text if text is not None else entry)


def _changelog(path: Path, releases: list[tuple[str, str, list[str]]]) -> Path:
    sections = "".join(
        f'<section id="r{n}"><h2>Python {name}</h2><p><em>Release date: {date}</em></p>'
        '<section id="library"><h3>Library</h3><ul>'
        + "".join(f"<li><p>{item}</p></li>" for item in items)
        + "</ul></section></section>"
        for n, (name, date, items) in enumerate(releases)
    )
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.write(f"<html><body><section id='changelog'><h1>Changelog</h1>{sections}</section>")
    return path


def test_the_bench_is_cut_in_time_and_queries_are_new_issues(notes, tmp_path) -> None:  # type: ignore[no-untyped-def]
    changelog = _changelog(
        tmp_path / "changelog.html.gz",
        [
            (
                "3.11.0 alpha 1",
                "2021-10-05",
                [
                    '<a href="#">gh-2</a>: Fix asyncio streams again. Patch by Ann Lee.',
                    '<a href="#">gh-3</a>: Add tomllib. Patch by Zed Newcomer.',
                    '<a href="#">gh-1</a>: Reopened: fix asyncio streams. Patch by Ann Lee.',
                ],
            ),
            (
                "3.10.0 beta 1",
                "2021-05-03",
                [
                    '<a href="#">gh-1</a>: Fix asyncio streams. Patch by Ann Lee.',
                    '<a href="#">gh-9</a>: Document the reporter. Reported by Bo Ray.',
                ],
            ),
        ],
    )
    entries = notes.read_changelog(changelog)
    assert {(e.issue, e.date) for e in entries} == {
        ("gh-2", "2021-10-05"),
        ("gh-3", "2021-10-05"),
        ("gh-1", "2021-10-05"),
        ("gh-1", "2021-05-03"),
    }
    facts = notes.write_bench(entries, "2021-10-05", tmp_path / "bench")
    assert (facts["corpus_entries"], facts["queries"], facts["candidates"]) == (1, 1, 1)
    assert (tmp_path / "bench" / "qrels.txt").read_text() == "gh-2 0 ann-lee 1\n"
    query = (tmp_path / "bench" / "queries.tsv").read_text()
    assert query == "gh-2\tFix asyncio streams again.\n"
