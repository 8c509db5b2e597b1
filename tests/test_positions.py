"""Every reader names the place of broken input the same way: FILE:LINE:COLUMN (or FILE:LINE)
where the file has lines, a locator of the format's own (entry N, a JSON path, byte N) where
it has none (whoknows.errors.Position)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from whoknows.errors import InputError, Position
from whoknows.ingest import IngestContext, connectors

# the third line is cut short: every JSON reader must report 3:1 (line 3, column 1)
BROKEN_JSON = '[\n  {"id": 1,\n'


def test_positions_render_one_way() -> None:
    assert str(Position.at(1, 27)) == "1:27"
    assert str(Position.at(5)) == "5"
    assert str(Position.entry(3).then("reply 2")) == "entry 3, reply 2"
    assert str(Position.keyed("id", 42)) == "entry id=42"
    assert str(Position.json("$.messages")) == "$.messages"
    assert str(Position.byte(0)) == "byte 0"
    error = InputError("export/a.json", Position.at(1, 27), "invalid JSON (Expecting value)")
    assert error.one_line().startswith("export/a.json:1:27: invalid JSON (Expecting value); ")
    assert InputError("a.json", None, "no such file").one_line().startswith("a.json: no such")


@pytest.mark.parametrize("locator", ["line 3", "3", "3:4", "", " entry 1"])
def test_a_line_cannot_be_written_as_a_locator(locator: str) -> None:
    with pytest.raises(ValueError, match="not a position"):
        Position(locator=locator)


def test_undecodable_bytes_are_located_by_line_and_column(tmp_path: Path) -> None:
    data = b"---\ntitle: ok\n---\ncaf\xe9\n"
    with pytest.raises(UnicodeDecodeError) as raised:
        data.decode("utf-8")
    assert str(Position.decoding(raised.value)) == "4:4"
    (tmp_path / "a.csv").write_bytes(data)
    assert str(Position.undecodable(tmp_path / "a.csv")) == "4:4"
    (tmp_path / "b.csv").write_bytes(b"fine\n")
    assert Position.undecodable(tmp_path / "b.csv") is None


def _layout(name: str, root: Path) -> tuple[Path, Path]:
    """(what to ingest, the broken file in it) for a connector that reads JSON."""
    files = {
        "jira": "search.json",
        "teams": "messages.json",
        "discourse": "t/1.json",
        "confluence": "pages.json",
        "github": "issues.json",
        "gitlab": "issues.json",
        "googlechat": "Google Chat/Groups/Space A/messages.json",
        "slack": "users.json",
        "people": "people.json",
    }
    broken = root / files[name]
    broken.parent.mkdir(parents=True, exist_ok=True)
    broken.write_text(BROKEN_JSON, encoding="utf-8")
    if name == "slack":
        (root / "channels.json").write_text("[]", encoding="utf-8")
    return (broken if name == "people" else root), broken


JSON_READERS = ["jira", "teams", "discourse", "confluence", "github", "gitlab", "googlechat"]


@pytest.mark.parametrize("name", [*JSON_READERS, "slack", "people"])
def test_every_json_reader_gives_file_line_column(name: str, tmp_path: Path) -> None:
    target, broken = _layout(name, tmp_path)
    with pytest.raises(InputError) as raised:
        list(connectors()[name]().parse(target, IngestContext()))
    assert raised.value.position == "3:1"
    pattern = rf"^{re.escape(str(broken))}:3:1: (invalid|truncated) JSON \("
    assert re.match(pattern, raised.value.one_line()), raised.value.one_line()


def test_xml_columns_count_from_one_like_json(tmp_path: Path) -> None:
    folder = tmp_path / "dump"
    folder.mkdir()
    lines = ['<?xml version="1.0"?>', "<posts>", '<row Id="1"/>', '<row Id="2" x=3/>']
    for name in ("Posts.xml", "Users.xml"):
        (folder / name).write_text("\n".join(lines) + "\n", "utf-8")
    with pytest.raises(InputError) as raised:
        list(connectors()["stackexchange"]().parse(folder, IngestContext()))
    assert raised.value.position == "4:15"  # expat says column 14: it counts from 0
    assert lines[3][15 - 1] == "3"  # the unquoted attribute value
