"""Erasure lasts and leaves no trace; opt-out masking; safe URLs; emails never shown."""

from __future__ import annotations

import json
import random
import re
import time
from itertools import pairwise
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import store_dump
from whoknows import privacy
from whoknows.cli.main import cli
from whoknows.demo import SampleSource, load_engagement, set_up_engagement
from whoknows.errors import NotFoundError, UsageError
from whoknows.index.analysis import tokenize
from whoknows.index.lexical_pairs import pair_codes
from whoknows.privacy import mask_names, masking, scan_workspace
from whoknows.privacy.masking import matcher_for
from whoknows.privacy.mentions import MentionTerms
from whoknows.report import write_report
from whoknows.services import Services, open_services
from whoknows.settings import load_settings
from whoknows.text import safe_url

ENGAGEMENT = load_engagement().name
INES = ["Inès Moreau", "Ines Moreau", "imoreau", "ines.moreau", "ines.moreau@corvid.example"]
EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+\.[\w.\-]+")


def quick(workspace: Path) -> Services:
    return open_services(
        load_settings(environ={}, workspace=workspace, dense=False, learn=False, progress=False)
    )


def scan_cli(workspace: Path, *terms: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli, ["--quiet", "--workspace", str(workspace), "privacy", "scan", *terms]
    )
    return result.exit_code, result.stdout


@pytest.mark.full
def test_erasure_lasts_and_leaves_no_trace(demo: Services, sample_org: list[SampleSource]) -> None:
    workspace = demo.settings.workspace
    demo.close()
    service = quick(workspace)
    set_up_engagement(service)
    service.accounts.create("ines", "a-long-password-1", "self", "Inès Moreau")
    assert service.accounts.authenticate("ines", "a-long-password-1") is not None
    files = write_report(service, ENGAGEMENT)
    elsewhere = write_report(service, ENGAGEMENT, out=workspace / "livrables")  # (a 5th attack)
    assert scan_cli(workspace, *INES)[0] == 1, "the scan finds her before the erasure"
    assert any("livrables" in line for line in scan_cli(workspace, "Inès Moreau")[1].splitlines())

    result = service.privacy.erasure("Inès Moreau")
    assert str(files.pdf) in result.reports_deleted and str(files.pptx) in result.reports_deleted
    assert not elsewhere.pdf.exists() and not elsewhere.pptx.exists()
    assert result.counts["users"] == 1 and result.counts["items"] > 0
    wal = workspace / "whoknows.sqlite3-wal"
    assert not wal.exists() or wal.stat().st_size == 0, "the WAL is truncated"
    for source in sample_org:
        report = service.ingest.ingest(source.connector, source.path, options=source.options)
        assert report.people_added == 0 and report.changed_rows == 0, source.connector
        if source.connector != "maildir":
            assert report.skipped.get("erased person", 0) > 0, source.connector
    conn = service.workspace.store().conn
    notes = [row[0] for row in conn.execute("SELECT notes FROM stakeholders")]
    assert "[someone] reports to her: agree time for platform work." in notes
    assert not conn.execute("SELECT 1 FROM users WHERE username = 'ines'").fetchone()
    assert scan_workspace(workspace, INES) == []
    assert scan_cli(workspace, *INES) == (0, "")  # (no pair code either; an address's domain,
    # "corvid.example", is everyone's: its pair is not hers)
    service.close()


def _notes(path: Path, extra: list[dict[str, object]] | None = None) -> Path:
    rows = [
        {"id": "n1", "text": "Kafka lag runbook", "authors": ["Inès Moreau <ines@x.example>"]},
        {
            "id": "n2",
            "text": "Hi Inès, thanks! (MOREAU, Ines knows kafka)",
            "authors": ["Raj Patel"],
        },
        {
            "id": "n3",
            "title": "Pairing with ines@x.example",
            "authors": ["Raj Patel", "Inès Moreau <ines@x.example>"],
        },
        {"id": "n4", "text": "pipelines and lines stay", "authors": ["Raj Patel"]},
        *(extra or []),
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", "utf-8")
    return path


def test_tombstones_drop_and_mask_at_every_later_ingest(tmp_path: Path) -> None:
    service = quick(tmp_path / "ws")
    notes = _notes(tmp_path / "notes.jsonl")
    service.ingest.ingest("jsonl", notes)
    result = service.privacy.erasure("Inès Moreau")
    assert result.counts["items"] == 1 and result.counts["tombstones"] > 0
    conn = service.workspace.store().conn
    texts = dict(conn.execute("SELECT native_id, COALESCE(title, '') || text FROM items"))
    assert texts == {
        "n2": "Hi [someone], thanks! ([someone] knows kafka)",
        "n3": "Pairing with [someone]",
        "n4": "pipelines and lines stay",
    }
    stored = " ".join(str(v) for row in conn.execute("SELECT * FROM tombstones") for v in row)
    assert "ines" not in stored.lower() and "moreau" not in stored.lower()
    report = service.ingest.ingest("jsonl", notes)
    assert report.skipped == {"erased person": 2}
    assert (report.items_added, report.people_added, report.changed_rows) == (0, 0, 0)
    later = _notes(
        tmp_path / "later.jsonl",
        [{"id": "n5", "text": "ask Ines@X.example or Inès", "authors": ["Ann Lee", "Ines Moreau"]}],
    )
    report = service.ingest.ingest("jsonl", later)
    assert report.items_added == 1 and report.people_added == 1  # Ann Lee, not her
    assert texts_of(service, "n5") == "ask [someone] or [someone]"
    assert service.ingest.ingest("jsonl", later).changed_rows == 0
    service.close()


def texts_of(service: Services, native_id: str) -> str:
    row = service.workspace.store().conn.execute(
        "SELECT text FROM items WHERE native_id = ?", (native_id,)
    )
    return str(row.fetchone()[0])


def test_a_failed_erasure_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    service = quick(tmp_path / "ws")
    service.ingest.ingest("jsonl", _notes(tmp_path / "notes.jsonl"))
    before = store_dump(service)

    def broken(*args: object) -> int:
        raise RuntimeError("disk full")

    monkeypatch.setattr(privacy.erasure, "mask_stored_texts", broken)
    with pytest.raises(RuntimeError):
        service.privacy.erasure("Inès Moreau")
    assert store_dump(service) == before
    service.close()


def _notes_workspace(tmp_path: Path, extra: list[dict[str, object]]) -> Path:
    """A workspace of the notes and ``extra`` items, closed (for the scan to read)."""
    workspace = tmp_path / "ws"
    service = quick(workspace)
    service.ingest.ingest("jsonl", _notes(tmp_path / "notes.jsonl", extra))
    service.close()
    return workspace


def test_scan_reads_only_what_whoknows_wrote(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    service = quick(workspace)
    service.ingest.ingest("jsonl", _notes(tmp_path / "notes.jsonl"))
    service.close()
    assert scan_cli(workspace, "Nobody Here")[0] == 0
    code, out = scan_cli(workspace, "ines moreau", "RAJ PATEL")
    assert code == 1 and "whoknows.sqlite3 (offset " in out and "'RAJ PATEL'" in out
    (workspace / "sample-org").mkdir()
    (workspace / "sample-org" / "export.txt").write_text("Zoé Quill", encoding="utf-8")
    (workspace / "secret.key").write_text("Zoé Quill", encoding="utf-8")
    assert scan_cli(workspace, "Zoe Quill")[0] == 0
    (workspace / "reports").mkdir()
    (workspace / "reports" / "old.html").write_text("<p>Zoé Quill</p>", encoding="utf-8")
    code, out = scan_cli(workspace, "Zoe Quill")
    assert code == 1 and "old.html" in out


def test_scan_finds_a_name_as_the_lexical_index_writes_it(tmp_path: Path) -> None:
    """The index stores stems: "Lukas" is the term "luka", which a search for the name as
    written would never find (the scan would call the index clean)."""
    workspace = _notes_workspace(
        tmp_path, [{"id": "n5", "text": "Ask lukas about forecasting", "authors": ["Raj Patel"]}]
    )
    code, out = scan_cli(workspace, "Lukas")
    assert code == 1 and "terms.bin" in out and "'luka'" in out
    stemmed = [line for line in out.splitlines() if "'luka'" in line]
    assert stemmed and all("/index/" in line for line in stemmed)  # (stems live in the index)
    raj = scan_cli(workspace, "Raj Patel")[1].splitlines()
    assert raj and all("'Raj Patel'" in line for line in raj)  # no second, stemmed copy


def test_an_erased_person_written_with_a_french_title_stays_erased(tmp_path: Path) -> None:
    """ "M. Weber" is Monsieur Weber to the identity rules: after Max Weber's erasure, a later
    export written so made him a new person (found by a fresh-eyes attack)."""
    service = quick(tmp_path / "ws")
    first = [{"id": "w1", "text": "kafka lag", "authors": ["Max Weber"]}]
    service.ingest.ingest("jsonl", _notes(tmp_path / "a.jsonl", first))
    service.privacy.erasure("Max Weber")
    later = tmp_path / "later.jsonl"
    forms = ["M. Weber", "Weber, M.", "Weber M"]
    rows = [{"id": f"w{i}", "text": "kafka", "authors": [a]} for i, a in enumerate(forms, 2)]
    later.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    report = service.ingest.ingest("jsonl", later)
    assert report.people_added == 0 and report.skipped == {"erased person": 3}
    service.close()


def test_a_person_listed_under_a_name_without_a_name_key_can_be_erased(tmp_path: Path) -> None:
    """ "Noah A. Smith" (an initial), "Madonna" (one word), "张伟" give no name key: `people
    erase` answered "no person" for the names `people list` shows (a fresh-eyes attack)."""
    service = quick(tmp_path / "ws")
    authors = ["Noah A. Smith", "Madonna", "张伟"]
    first = [{"id": "p1", "text": "neural parsing", "authors": authors}]
    service.ingest.ingest("jsonl", _notes(tmp_path / "a.jsonl", first))
    found = {name: service.people.resolve(name) for name in authors}
    assert len(set(found.values())) == 3 and service.people.resolve("madonna") == found["Madonna"]
    service.privacy.erasure("Noah A. Smith")
    with pytest.raises(NotFoundError):
        service.people.resolve("Noah A. Smith")
    service.close()


def _chris_lee(tmp_path: Path) -> tuple[Services, int, dict[str, int]]:
    """A workspace where one Chris Lee wrote as "Chris Lee" and as "Chris Lee <clee@...>":
    the person and their aliases (``kind:value`` -> id), to be split apart."""
    service = quick(tmp_path / "ws")
    rows = [
        {"id": "c1", "text": "organic chemistry", "authors": ["Chris Lee"]},
        {"id": "c2", "text": "organic synthesis", "authors": ["Chris Lee <clee@b.example>"]},
    ]
    service.ingest.ingest("jsonl", _notes(tmp_path / "a.jsonl", rows))
    person = service.people.resolve("Chris Lee")
    aliases = dict(
        service.workspace.store().conn.execute(
            "SELECT kind || ':' || value, id FROM aliases WHERE person_id = ?", (person,)
        )
    )
    return service, person, aliases


def test_a_name_two_listed_people_share_is_refused_not_taken_for_one(tmp_path: Path) -> None:
    """Split apart, two people are both listed "Chris Lee": `people erase "Chris Lee"` erased
    the one the name key led to, with no evidence, and left the other (a fresh-eyes attack).
    A source id holding an address no longer lists its person under it either."""
    service, person, aliases = _chris_lee(tmp_path)
    conn = service.workspace.store().conn
    service.people.split(person, aliases["name:Chris Lee"])
    with pytest.raises(UsageError, match="names 2 people"):
        service.people.resolve("Chris Lee")
    split = service.people.split(person, aliases["source_id:Chris Lee <clee@b.example>"])
    shown = conn.execute("SELECT display_name FROM persons WHERE id = ?", (split,)).fetchone()[0]
    assert "clee@" not in shown and "@b.example" in shown
    service.close()


def test_scan_reads_the_index_terms_as_words(tmp_path: Path) -> None:
    """The index keeps its terms end to end: read raw, "smith" was inside "blacksmith" and
    the scan could never call a workspace clean of Will Smith (found by a fresh-eyes attack)."""
    workspace = _notes_workspace(
        tmp_path,
        [
            {
                "id": "n7",
                "text": "The blacksmith forged a goldsmith's anvil",
                "authors": ["Raj Patel"],
            }
        ],
    )
    assert not [
        line for line in scan_cli(workspace, "Will Smith")[1].splitlines() if "terms" in line
    ]
    code, out = scan_cli(workspace, "Blacksmith")
    assert code == 1 and any("terms.bin (terms)" in line for line in out.splitlines())


def test_scan_finds_a_name_among_the_pair_codes(tmp_path: Path) -> None:
    """The lexical index keeps each item's pairs of neighbouring words as codes: a name of two
    words written in an item leaves the code of its pair, which no text search sees."""
    workspace = _notes_workspace(
        tmp_path,
        [
            {
                "id": "n5",
                "text": "Forecasting questions go to Lukas Schmidt now",
                "authors": ["Raj Patel"],
            }
        ],
    )
    code, out = scan_cli(workspace, "Lukas Schmidt")
    pair_lines = [line for line in out.splitlines() if "pair code" in line]
    assert code == 1 and pair_lines and all("pairs.npy" in line for line in pair_lines)
    assert "'luka schmidt'" in pair_lines[0]
    reversed_lines = scan_cli(workspace, "SCHMIDT Lukas")[1].splitlines()
    assert any("pair code" in line and "'luka schmidt'" in line for line in reversed_lines)
    assert not [
        line for line in scan_cli(workspace, "Anna Schmidt")[1].splitlines() if "pair code" in line
    ]


def test_scan_takes_no_other_pair_with_the_same_code_for_the_name(tmp_path: Path) -> None:
    """CRC-32 codes collide ("champagn misconduct" and "zhang wei" share one): an item
    holding the other pair is no hit, as both words of a real pair are among its terms."""
    assert pair_codes(["champagn", "misconduct"]) == pair_codes(["zhang", "wei"])
    workspace = _notes_workspace(
        tmp_path,
        [{"id": "n6", "text": "The champagne misconduct report, Zhang", "authors": ["Raj Patel"]}],
    )
    assert not [line for line in scan_cli(workspace, "Zhang Wei")[1].splitlines() if "pair" in line]


def test_mask_names_for_opted_out_people() -> None:
    text = "Hi Inès, ask MOREAU, Ines or @imoreau (ines.moreau@corvid.example); lines stay."
    masked = mask_names(text, ["Inès Moreau", "imoreau", "ines.moreau@corvid.example"])
    assert masked == "Hi [someone], ask [someone] or [someone] ([someone]); lines stay."
    assert mask_names("hi ines, see Inèsa", ["Inès Moreau"], "•") == "hi ines, see Inèsa"
    assert mask_names("Raj Patel", []) == "Raj Patel"


@pytest.mark.parametrize(
    "blob",
    ["a" * 100_000, "a-" * 50_000, "a." * 50_000 + "@x", "a:" * 50_000, "a_" * 50_000 + " @x"],
)
def test_a_word_of_a_hundred_thousand_letters_is_read_once(blob: str) -> None:
    """A question of one 100,000-character word hung the CLI: each mention pattern began a
    match at every letter of the word and read to its end (minutes). Each begins only where a
    run of what it reads begins, and finds what it found."""
    started = time.perf_counter()
    text = f"ask ines.moreau@corvid.example or @imoreau, {blob} then Inès Moreau"
    masked = mask_names(text, ["Inès Moreau", "imoreau", "ines.moreau@corvid.example"])
    assert time.perf_counter() - started < 5.0
    assert masked == f"ask [someone] or [someone], {blob} then [someone]"


def test_mention_patterns_begin_only_where_they_could_begin() -> None:
    """Each pattern finds, in random strings of its characters, what it found when it began at
    every position (an address whose first character is "." or "+" aside: none is a person's)."""
    plain = {
        "_UNDERSCORED": r"@?\w*_\w*",
        "_EMAIL": r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+",
        "_COMPOUND": r"@?\w+(?:[.\-]\w+)+",
        "_COLON_ID": r"@?\w+(?::[\w\-]+)+",
    }
    draw = random.Random(7)
    for _ in range(20_000):
        text = "".join(draw.choice("ab_@.-:+ é1") for _ in range(draw.randint(1, 14)))
        for name, pattern in plain.items():
            found = [m.span() for m in re.finditer(pattern, text)]
            if name == "_EMAIL":
                found = [(a, b) for a, b in found if text[a] not in ".+"]
                now = [
                    m.span() for m in masking._EMAIL.finditer(text) if text[m.start()] not in ".+"
                ]
            else:
                now = [m.span() for m in getattr(masking, name).finditer(text)]
            assert now == found, (name, text)


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("Luka Schmidt", "ask luka/schmidt about it"),
        ("Luka Schmidt", "ask luka|schmidt about it"),
        ("Luka Schmidt", "ask luka – schmidt about it"),
        ("Luka Schmidt", "ask luka 🙂 schmidt about it"),
        ("Luka Schmidt", 'ask "luka" "schmidt" about it'),
        ("Luka Schmidt", "ask luka m. schmidt about it"),
        ("Luka Schmidt", "ask schmidt, luka about it"),
        ("Luka Schmidt", "see /home/luka/schmidt/notes"),
        ("Luka Schmidt", "kudos to _Luka Schmidt_ and __luka schmidt__"),
        ("Luka Schmidt", "luka_schmidt_cv.pdf, /home/user_luka_schmidt"),
        ("Luka Schmidt", "luka      schmidt, luka\n\n\nschmidt, luka ------ schmidt"),
        ("Luka Schmidt", "luka 12 schmidt, luka 2026-01-05 schmidt, luka a. b. schmidt"),
        ("Luka M. Schmidt", "luka m. schmidt, luka m schmidt, schmidt, luka m., luka schmidt"),
        ("Seán O'Brien", "seán o'brien and sean brien"),
        ("Anna Maria Schmidt", "anna schmidt, maria schmidt, schmidt anna"),
        ("Bo Li", "Bo ------ Li, __Bo Li__"),
        ("Luka Schmidt", "请问Luka Schmidt在吗, luka schmidtさん"),
        ("Luka Schmidt", "L. Schmidt, l. schmidt, Schmidt, L."),
    ],
)
def test_no_pair_of_a_name_is_left_to_index(name: str, written: str) -> None:
    """The lexical index pairs neighbouring words across punctuation, underscores, and the
    letters, numbers and stopwords it drops: masking leaves no two words of the name side by
    side as the index would read them."""
    masked = mask_names(written, [name])
    assert "[someone]" in masked
    words = set(tokenize(name))
    left = [(a, b) for a, b in pairwise(tokenize(masked)) if a != b and {a, b} <= words]
    assert not left, masked


@pytest.mark.parametrize(
    ("name", "written", "masked"),
    [
        ("张伟", "张伟 will fix it; 问一下张伟吧", "[someone] will fix it; 问一下[someone]吧"),
        ("田中 太郎", "田中さんに聞いて、田中太郎", "[someone]さんに聞いて、[someone]"),
        ("Luka Schmidt", "请问Luka Schmidt在吗", "请问[someone]在吗"),
        ("김민수", "김민수님 코드 리뷰", "[someone]님 코드 리뷰"),  # (folding splits Hangul)
    ],
)
def test_a_name_written_without_spaces_is_masked_inside_its_script(
    name: str, written: str, masked: str
) -> None:
    """Chinese and Japanese write no space between words: a name is looked for inside the
    run of characters (it was never masked; a fresh-eyes attack)."""
    assert mask_names(written, [name]) == masked


@pytest.mark.parametrize(
    ("written", "masked"),
    [
        ("Vérifié par Jean-Marc.", "Vérifié par [someone]."),
        ("JEAN-MARC: ok", "[someone]: ok"),
        ("voir avec Jean Marc", "voir avec [someone]"),
        ("cc jean-marc.petit@corp.example", "cc [someone]@corp.example"),
        ("ping jeanmarc_petit", "ping [someone]"),
    ],
)
def test_a_hyphenated_first_name_is_masked_whole(written: str, masked: str) -> None:
    """Erasing Jean-Marc Petit left "vérifié par [someone]-Marc" (a fresh-eyes attack): a
    hyphenated part of a name is one name, and its handles are written with or without it."""
    assert mask_names(written, ["Jean-Marc Petit"]) == masked


@pytest.mark.parametrize(
    ("name", "handle", "written", "kept"),
    [  # (found by a fresh-eyes attack: every one of these was masked)
        ("Inès Moreau", "", "Hi Inès, thanks! (Moreau knows)", "thanks!"),
        ("Mark Price", "", "mark the price; the price is above the mark", "mark the price;"),
        ("Ursula von der Leyen", "", "Die Zahlen von der Firma", "von der Firma"),
        ("María de los Ángeles García", "", "flights to Los Angeles", "Los Angeles"),
        ("Jean de la Fontaine", "", "la fontaine du village", "la fontaine du village"),
        ("Bill Gates", "", "Bill(gates=3)", "gates=3)"),
        ("Will Smith", "will", "we will ship it; ask @will", "we will ship it"),
        # (a fourth attack)
        ("Mark Price", "", "To mark a price as stale", "mark a price"),
        ("Mark Price", "", "Check the price. Mark it", "the price."),
        ("Pierre Blanc", "", "du blanc à pierre", "blanc à pierre"),
        ("Li Wei", "li", "for li in items: print(li); ask @li", "for li in items: print(li)"),
        ("Juan de los Santos", "", "Día de todos los santos", "todos los santos"),
    ],
)
def test_masking_leaves_everyone_s_words_alone(
    name: str, handle: str, written: str, kept: str
) -> None:
    """Words of a name that are everyone's words (a stopword between two of them, a
    particle, a handle that is a word, code) are masked only where they name the person."""
    terms = MentionTerms(names=frozenset([name]), handles=frozenset([handle] if handle else []))
    masked = matcher_for([terms]).mask(written)
    assert kept in masked, masked
    if handle:
        assert masked.endswith("@[someone]") or masked.endswith("[someone]"), masked


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "javascript&#58;alert(1)",
        "&#106;avascript:alert(1)",
        "jav&#x09;ascript:alert(1)",
        "java&amp;#115;cript:x",
        "\x01\x02javascript:alert(1)",
        "\u200bjavascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        "//evil.example/x",
        "\\\\evil.example/x",
        "https:\\\\evil.example",
        "/relative/path",
        "http:/x",
        "mailto:",
    ],
)
def test_safe_url_refuses(url: str) -> None:
    assert safe_url(url) is None


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://ask.example/q/1", "https://ask.example/q/1"),
        ("  HTTP://ask.example/a?x=1&copy=2 ", "HTTP://ask.example/a?x=1&copy=2"),
        ("mailto:team@corvid.example", "mailto:team@corvid.example"),
    ],
)
def test_safe_url_keeps(url: str, kept: str) -> None:
    assert safe_url(url) == kept


def test_unsafe_urls_are_dropped_at_ingest(service: Services, tmp_path: Path) -> None:
    urls = [
        "javascript:alert(1)",
        " JaVaScRiPt:x",
        "data:text/html,x",
        "//evil.example",
        "https://ok.example/1",
    ]
    path = tmp_path / "links.jsonl"
    rows = [
        {"id": f"u{i}", "text": "kafka", "authors": ["Ann Lee"], "url": u}
        for i, u in enumerate(urls)
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    report = service.ingest.ingest("jsonl", path)
    assert report.items_added == 5 and report.skipped == {"unsafe url": 4}
    stored = [
        r[0]
        for r in service.workspace.store().conn.execute("SELECT url FROM items ORDER BY native_id")
    ]
    assert stored == [None, None, None, None, "https://ok.example/1"]
    assert service.ingest.ingest("jsonl", path).changed_rows == 0


def test_no_alias_of_anyone_shows_an_email(demo: Services) -> None:
    conn = demo.workspace.store().conn
    shown = [
        alias.value
        for (person_id,) in conn.execute("SELECT id FROM persons").fetchall()
        for alias in demo.people.show(person_id).aliases
    ]
    assert any("•••@corvid.example" in value for value in shown)
    assert not [value for value in shown if EMAIL.search(value)], shown


def test_erasure_holds_for_decomposed_accents_bare_handles_and_chat_ids(
    demo: Services, tmp_path: Path
) -> None:
    """Three ways an erased person came back (an attack on the demo): her name written with
    combining accents (NFD, as macOS writes it), an export naming her only by her Slack
    handle, and her Slack user id in a colleague's message."""
    demo.privacy.erasure("Inès Moreau")
    later = tmp_path / "later.jsonl"
    jira = "712020:ae1de930-771a-57d2-aec8-e23294832f97"
    teams = "b670c3f5-d2a4-535f-9920-ad25d115ff7d"
    rows = [
        {"id": "m1", "text": "Ine\u0300s Moreau knows kubernetes", "authors": ["Raj Patel"]},
        {"id": "m2", "text": "ask <@U001CORV> about the drain", "authors": ["Raj Patel"]},
        {"id": "m3", "text": "kubernetes drain runbook", "authors": ["imoreau"]},
        {"id": "m4", "text": "kubernetes drain runbook", "authors": ["IMOREAU"]},
        # a second attack: invisible characters, other ids, other fields
        {"id": "m5", "text": "kubernetes drain helm", "authors": ["In\u200bès Moreau"]},
        {"id": "m6", "text": "kubernetes drain helm", "authors": ["U001CORV"]},
        {"id": "m7", "text": "kubernetes drain helm", "authors": ["imoreau@gmail.com"]},
        {"id": "m8", "text": "helm chart by In\u00adès Moreau", "authors": ["Raj Patel"]},
        {"id": "m9", "text": f"ask @{jira} or {teams}", "authors": ["Raj Patel"]},
        {"id": "m10", "text": "ask Moreau, or ines_moreau", "authors": ["Raj Patel"]},
        # a fourth: an invisible character instead of the space, or inside her handle
        {"id": "m12", "text": "kubernetes drain", "authors": ["Ines\u200bMoreau"]},
        {"id": "m13", "text": "kubernetes drain", "authors": ["Moreau\u2060Ines"]},
        {"id": "m14", "text": "kubernetes drain", "authors": ["imor\ufeffeau"]},
        {
            "id": "m11",
            "text": "the chart",
            "url": "https://github.com/ines-moreau/helm/pull/1",
            "tags": ["kubernetes", "ines-moreau"],
            "authors": ["Raj Patel"],
        },
    ]
    later.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    report = demo.ingest.ingest("jsonl", later)
    assert report.people_added == 0 and report.skipped == {"erased person": 8}
    assert texts_of(demo, "m1") == "[someone] knows kubernetes"
    assert texts_of(demo, "m2") == "ask <[someone]> about the drain"
    assert texts_of(demo, "m8") == "helm chart by [someone]"
    assert texts_of(demo, "m9") == "ask [someone] or [someone]"
    assert texts_of(demo, "m10") == "ask [someone], or [someone]"
    url, tags = (
        demo.workspace.store()
        .conn.execute("SELECT url, tags FROM items WHERE native_id = 'm11'")
        .fetchone()
    )
    assert url is None and json.loads(tags) == ["kubernetes"]
    terms = ["Inès Moreau", "imoreau", "ines-moreau", "U001CORV", "Moreau"]
    assert scan_workspace(demo.settings.workspace, terms) == []


def test_erasure_holds_for_the_ways_real_exports_name_people(
    demo: Services, tmp_path: Path
) -> None:
    """A third attack: a name with an aside, a personal address, initials, her name joined,
    invisible marks; and mentions in colleagues' text the earlier rules missed."""
    demo.privacy.erasure("Inès Moreau")
    authors = [
        "Inès Moreau (Finance)",
        "Inès Moreau (she/her)",
        "Inès Moreau - Finance",
        "ines.moreau@gmail.com",
        "inesmoreau",
        "moreau_ines",
        "I. Moreau",
        "imoreau+x@gmail.com",
        "ines.moreau@mail.corvid.example",
        "In\u034fès Moreau",
        "Inès Mo\u3164reau",
    ]
    rows = [
        {"id": f"r{i}", "text": "kubernetes node drain helm", "authors": [author]}
        for i, author in enumerate(authors)
    ]
    rows += [
        {
            "id": "t1",
            "text": "Hi In\u034fès Mo\ufe0freau, and moreau_ines",
            "authors": ["Raj Patel"],
        },
        {"id": "t2", "text": "ask b670c3f5d2a4535f9920ad25d115ff7d", "authors": ["Raj Patel"]},
    ]
    later = tmp_path / "later.jsonl"
    later.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    report = demo.ingest.ingest("jsonl", later)
    assert report.people_added == 0 and report.skipped == {"erased person": len(authors)}
    assert texts_of(demo, "t1") == "Hi [someone], and [someone]"
    assert texts_of(demo, "t2") == "ask [someone]"
    assert demo.search.ask("kubernetes node drain helm", k=0)[0].name != "Inès Moreau"
    assert scan_workspace(demo.settings.workspace, ["Inès Moreau", "imoreau", "Moreau"]) == []


def test_opted_out_chat_ids_are_masked_where_text_is_shown(demo: Services) -> None:
    demo.privacy.opt_out("Inès Moreau", inference=True, visibility=True)
    masked = privacy.opted_out_matcher(demo.workspace.store().conn).mask(
        "ask <@U001CORV> or Ine\u0300s"
    )
    assert masked == "ask <[someone]> or [someone]"


WRITERS = ("asker", "answerer", "accepted-answerer", "commenter", "author", "sender", "poster")
WRITERS += ("replier", "committer")


def test_what_an_erased_person_wrote_goes_with_them(demo: Services, tmp_path: Path) -> None:
    """A fourth attack: her mails to colleagues, her chat replies, her page others edited, her
    pull request others reviewed stayed (only her name was masked), and a mail she sent
    after the erasure was stored with its recipient as its only contributor."""
    conn = demo.workspace.store().conn
    aiko = demo.people.resolve("Aiko Tanaka")
    teams = conn.execute(
        "SELECT value FROM aliases WHERE person_id = ? AND kind = 'source_id' AND source = 'teams'",
        (aiko,),
    ).fetchone()[0]
    marks = ",".join("?" * len(WRITERS))
    hers = {
        row[0]
        for row in conn.execute(
            "SELECT item_id FROM contributions GROUP BY item_id HAVING"
            f" SUM(person_id = ? AND role IN ({marks})) > 0"
            f" AND SUM(person_id != ? AND role IN ({marks})) = 0",
            (aiko, *WRITERS, aiko, *WRITERS),
        )
    }
    shared = {
        row[0]
        for row in conn.execute(
            f"SELECT item_id FROM contributions WHERE item_id IN ({','.join(map(str, hers))})"
            " AND person_id != ?",
            (aiko,),
        )
    }
    assert shared, "some of her items have other (passive) contributors"
    demo.privacy.erasure("Aiko Tanaka")
    marks = ",".join(map(str, hers))
    assert conn.execute(f"SELECT COUNT(*) FROM items WHERE id IN ({marks})").fetchone()[0] == 0
    mbox = tmp_path / "later.mbox"
    mbox.write_text(
        "From aiko@x Mon Nov 30 10:00:00 2026\n"
        "From: Aiko Tanaka <aiko.tanaka@corvid.example>\n"
        "To: Raj Patel <raj.patel@corvid.example>\n"
        "Subject: leave\nDate: Mon, 30 Nov 2026 10:00:00 +0000\n"
        "Message-ID: <aiko.tanaka.20261130@corvid.example>\n\n"
        "I will be on medical leave from Monday.\n",
        encoding="utf-8",
    )
    report = demo.ingest.ingest("mbox", mbox)
    assert report.items_added == 0
    assert not conn.execute("SELECT 1 FROM items WHERE text LIKE '%medical leave%'").fetchone()
    later = tmp_path / "later.jsonl"
    row = {
        "id": "tagged",
        "text": "thanks for the kafka fix",
        "tags": ["kafka", "aiko", "Tanaka"],
        "url": "https://wiki.corvid.example/u/aiko",
        "authors": ["Raj Patel"],
    }
    later.write_text(json.dumps(row) + "\n", encoding="utf-8")
    demo.ingest.ingest("jsonl", later)
    url, tags = conn.execute("SELECT url, tags FROM items WHERE native_id = 'tagged'").fetchone()
    assert url is None and json.loads(tags) == ["kafka"]
    assert scan_workspace(demo.settings.workspace, [teams, "aiko.tanaka", "atanaka"]) == []


def test_opted_out_handles_are_masked_whatever_source_they_came_from(demo: Services) -> None:
    demo.privacy.opt_out("Aiko Tanaka", inference=True, visibility=True)
    masked = privacy.opted_out_matcher(demo.workspace.store().conn).mask(
        "@aiko-t please review; @atanaka owns it"
    )
    assert masked == "[someone] please review; [someone] owns it"


def test_a_self_erasure_leaves_no_account_name_in_the_audit_log_or_jobs(demo: Services) -> None:
    demo.accounts.create("aiko", "a-long-password-1", "self", "Aiko Tanaka")
    user = demo.accounts.require("aiko")
    job = demo.jobs.submit_erase("Aiko Tanaka", user)
    for _ in range(600):  # (the runner thread takes it)
        if demo.jobs.get(job.id).finished_at:
            break
        time.sleep(0.1)
    assert demo.jobs.get(job.id).error is None
    conn = demo.workspace.store().conn
    names = [row[0] for row in conn.execute("SELECT username FROM audit_log")]
    assert "aiko" not in names and "[someone]" in names
    assert conn.execute("SELECT username FROM jobs WHERE id = ?", (job.id,)).fetchone()[0] != "aiko"


def test_erasure_reaches_claims_engagements_identifiers_model_and_throttling(
    demo: Services, tmp_path: Path
) -> None:
    """A fifth attack: other people's claims and hidden topics naming her, an engagement
    named after her, the learned model fitted on her threads, a hyphenated surname, a
    percent-encoded mention, her account's login failures."""
    demo.insights.add_claim("Raj Patel", "helm with Inès Moreau")
    demo.insights.hide_topic("Raj Patel", "imoreau runbooks")
    topics = ["kubernetes", "Helm with Inès Moreau"]  # (the topic kept as written, too)
    demo.engagements.create("Inès Moreau handover", topics, [], "2026-10-01")
    demo.accounts.create("ines", "a-long-password-1", "self", "Inès Moreau")
    demo.accounts.login("ines", "wrong-password-1", "10.0.0.1")
    conn = demo.workspace.store().conn
    assert conn.execute("SELECT COUNT(*) FROM login_failures").fetchone()[0] > 0
    demo.privacy.erasure("Inès Moreau")
    skills = [row[0] for row in conn.execute("SELECT skill FROM claims")]
    assert "helm with [someone]" in skills
    assert [row[0] for row in conn.execute("SELECT topic FROM hidden_topics")] == [
        "[someone] runbooks"
    ]
    assert "[someone] handover" in [row[0] for row in conn.execute("SELECT name FROM engagements")]
    failures = conn.execute("SELECT COUNT(*) FROM login_failures WHERE key LIKE '%'").fetchone()
    assert failures[0] == 1  # the address's failure stays; the account's went with it
    later = tmp_path / "later.jsonl"
    rows = [
        {"id": "h1", "text": "kubernetes drain", "authors": ["Ines Moreau-Dupont"]},
        {"id": "h2", "text": "see wiki/?q=In%C3%A8s%20Moreau", "authors": ["Raj Patel"]},
    ]
    later.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    report = demo.ingest.ingest("jsonl", later)
    assert report.people_added == 0 and report.skipped == {"erased person": 1}
    assert "[someone]" in texts_of(demo, "h2")
    assert scan_workspace(demo.settings.workspace, ["Inès Moreau", "imoreau"]) == []


def test_text_written_after_an_erasure_does_not_name_the_person(demo: Services) -> None:
    """A check of #11: a comment naming her and a login attempt with her old username, made
    after her erasure, wrote her name back into the database."""
    demo.accounts.create("ines", "a-long-password-1", "self", "Inès Moreau")
    demo.privacy.erasure("Inès Moreau")
    raj = demo.people.resolve("Raj Patel")
    demo.accounts.create("writer", "a-long-password-1", "consultant", None)
    comment = demo.comments.add(
        "person", raj, "ask Inès Moreau (imoreau)", demo.accounts.require("writer")
    )
    assert "Inès" not in comment.html and "imoreau" not in comment.html
    demo.accounts.login("ines", "wrong-password-1", "10.0.0.9")
    demo.accounts.login("Inès Moreau", "wrong-password-1", "10.0.0.9")
    names = [
        row[0] for row in demo.workspace.store().conn.execute("SELECT username FROM audit_log")
    ]
    assert "ines" not in names and "Inès Moreau" not in names
    assert scan_workspace(demo.settings.workspace, ["Inès Moreau", "imoreau"]) == []


def test_score_refuses_a_person_who_opted_out_of_visibility(demo: Services) -> None:
    """`score --person` named an opted-out person and said what their evidence covered, where
    `person` and `claims` answer that nobody has that name (found by a fresh-eyes attack)."""
    demo.privacy.opt_out("Inès Moreau", inference=True, visibility=True)
    with pytest.raises(NotFoundError) as refused:
        demo.search.score("Inès Moreau", "kubernetes node drain helm")
    with pytest.raises(NotFoundError) as unknown:
        demo.search.score("Nobody Atall", "kubernetes node drain helm")
    assert str(refused.value).replace("Inès Moreau", "X") == str(unknown.value).replace(
        "Nobody Atall", "X"
    )


def test_a_mistyped_name_is_answered_with_shown_names_only(tmp_path: Path) -> None:
    """`people show "Ines"` answered only "no person": the nearest names the directory shows
    are suggested now, never a hidden person's (an opted-out colleague with a close name)."""
    service = quick(tmp_path / "ws")
    rows = [
        {"id": "m1", "text": "kafka lag", "authors": ["Inès Moreau"]},
        {"id": "m2", "text": "kafka tuning", "authors": ["Inès Morel"]},
        {"id": "m3", "text": "postgres", "authors": ["Hugo Martin"]},
    ]
    service.ingest.ingest("jsonl", _notes(tmp_path / "a.jsonl", rows))
    for mistyped in ("Ines", "ines morrau"):
        with pytest.raises(NotFoundError) as raised:
            service.people.resolve(mistyped)
        assert "'Inès Moreau'" in str(raised.value), raised.value
    service.privacy.opt_out("Inès Morel", inference=True, visibility=True)
    with pytest.raises(NotFoundError) as raised:
        service.people.resolve("Ines")
    assert "'Inès Moreau'" in str(raised.value) and "'Inès Morel'" not in str(raised.value)
    with pytest.raises(NotFoundError) as raised:
        service.people.resolve("Ines Morell")
    assert "'Inès Morel'" not in str(raised.value), "a hidden person's name is never suggested"
    service.close()


def test_a_name_a_hidden_person_shares_names_the_shown_one_alone(tmp_path: Path) -> None:
    """Two people listed "Chris Lee", one opted out of visibility: `score "Chris Lee"` and the
    claims API answered "'Chris Lee' names 2 people (27, 28)", telling a viewer that a hidden
    namesake exists, and its id (a fresh-eyes attack)."""
    service, person, aliases = _chris_lee(tmp_path)
    other = service.people.split(person, aliases["name:Chris Lee"])
    service.privacy.opt_out(str(other), inference=True, visibility=True)
    assert service.people.visible("Chris Lee", service.workspace.directory()) == person
    assert service.search.score("Chris Lee", "organic chemistry").name == "Chris Lee"
    with pytest.raises(UsageError, match="names 2 people"):
        service.people.resolve("Chris Lee")  # (the administrator's commands see both)
    service.close()


def test_a_name_written_as_listed_names_that_person(tmp_path: Path) -> None:
    """Two people in the directory, "Inès Moreau" and "Ines Moreau": `people show "Inès
    Moreau"` answered "names 2 people (1, 2)" though one is listed exactly so (a newcomer's)."""
    service = quick(tmp_path / "ws")
    directory = tmp_path / "directory.csv"
    directory.write_text(
        "id,name,emails,title,department\n"
        "e01,Inès Moreau,ines.moreau@a.example,Engineer,Platform\n"
        "e02,Ines Moreau,ines.moreau@b.example,Analyst,Finance\n",
        encoding="utf-8",
    )
    service.ingest.ingest("people", directory)
    conn = service.workspace.store().conn
    by_name = {name: pid for pid, name in conn.execute("SELECT id, display_name FROM persons")}
    assert len(by_name) == 2, by_name
    assert service.people.resolve("Inès Moreau") == by_name["Inès Moreau"]
    assert service.people.resolve("ines moreau") == by_name["Ines Moreau"]
    assert service.people.resolve("INÈS MOREAU") == by_name["Inès Moreau"]  # (case, any letter)
    with pytest.raises(UsageError, match="names 2 people"):
        service.people.resolve("Moreau, Ines")  # (listed so by neither: both, by the name key)
    service.close()


def test_an_opted_out_persons_new_address_opts_out_too(demo: Services, tmp_path: Path) -> None:
    """An attacker's: after "Aiko Tanaka" opted out of visibility, a commit from her home
    address and a second chat account made new, visible Aiko Tanakas, first for Kafka."""
    from connector_checks import write_mbox

    demo.privacy.opt_out("Aiko Tanaka", inference=False, visibility=True)
    demo.insights.hide_topic("Inès Moreau", "kubernetes")
    mails = [("Aiko Tanaka <aiko@home-tanaka.example>", "capybarastream sink", "capybarastream "
              "kafka connect sink: disable schemas on the value converter.")]  # fmt: skip
    demo.ingest.ingest("mbox", write_mbox(tmp_path / "home.mbox", mails))
    assert "Aiko Tanaka" not in {p.display_name for p in demo.people.list_people(limit=500)}
    assert all(a.name != "Aiko Tanaka" for a in demo.search.ask("capybarastream kafka", k=10))
    # her initials, a middle name, then her full name joining the initials (a second attacker's)
    later = [("A. Tanaka <a.t@home2.example>", "lemur kafka", "lemur kafka connect retries."),
             ("Aiko Tanaka <aiko@new.example>", "lemur two", "lemur kafka sink converter."),
             ("Aiko Mei Tanaka <amt@home3.example>", "lemur three", "lemur kafka offsets."),
             ("Arnaud Tanaka <arnaud@tanaka-farm.example>", "lemur four",
              "lemur kafka lag.")]  # fmt: skip
    demo.ingest.ingest("mbox", write_mbox(tmp_path / "later.mbox", later))
    shown = {a.name for a in demo.search.ask("lemur kafka", k=10)}
    assert shown & {"A. Tanaka", "Aiko Tanaka", "Aiko Mei Tanaka"} == set(), shown
    assert "Arnaud Tanaka" in shown  # (another first name: someone else)
    kube = [("Inès Moreau <ines@home.example>", "wombat pods", "wombat kubernetes pods drain")]
    demo.ingest.ingest("mbox", write_mbox(tmp_path / "kube.mbox", kube))
    kube = [("I. Moreau <im@home4.example>", "wombat drain", "wombat kubernetes node drain")]
    demo.ingest.ingest("mbox", write_mbox(tmp_path / "kube2.mbox", kube))
    assert "I. Moreau" not in {a.name for a in demo.search.ask("wombat kubernetes drain", k=10)}
    hidden = {p.id for p in demo.people.list_people(limit=500) if p.display_name == "Inès Moreau"}
    assert len(hidden) == 2
    assert all(demo.insights.hidden_topics(person) == ["kubernetes"] for person in hidden)


def test_a_new_chat_account_under_an_erased_address_brings_nothing_back(
    demo: Services, tmp_path: Path
) -> None:
    """An attacker's: after Tomás Ferreira's erasure, a Slack export with a new user id whose
    profile gave his erased address and name: the profile was skipped, its message kept and
    listed first as "slack user U777NEW"."""
    (address,) = (
        demo.workspace.store()
        .conn.execute(  # (`people show` masks it)
            "SELECT value FROM aliases WHERE kind = 'email' AND person_id = ?",
            (demo.people.resolve("Tomás Ferreira"),),
        )
        .fetchone()
    )
    demo.privacy.erase("Tomás Ferreira")
    export = tmp_path / "slack"
    (export / "platform").mkdir(parents=True)
    user = {"id": "U777NEW", "name": "tf", "real_name": "T. F.",
            "profile": {"email": address, "real_name": "T. F."}}  # fmt: skip
    (export / "users.json").write_text(json.dumps([user]), encoding="utf-8")
    channels = [{"id": "C9", "name": "platform", "created": 1700000000}]
    (export / "channels.json").write_text(json.dumps(channels), encoding="utf-8")
    said = {"type": "message", "user": "U777NEW", "ts": "1763640000.000100",
            "text": "wombatglacier follow-up: vacuum_freeze_table_age 150M is fine."}  # fmt: skip
    (export / "platform" / "2025-11-20.json").write_text(json.dumps([said]), encoding="utf-8")
    report = demo.ingest.ingest("slack", export)
    assert report.items_added == 0 and report.people_added == 0
    assert demo.search.ask("wombatglacier vacuum freeze", k=5) == []


def test_a_hidden_topic_lists_no_one_on_its_evidence_whatever_the_words(demo: Services) -> None:
    """A privacy officer's: with "kubernetes" hidden, "kube", "k8s", "helm" or "Кубернетес"
    (read as kubernetes) listed its engineer first on her Kubernetes answers; the CLI, the
    chat and `score` did not apply the rule at all, and the engagement named her its partner
    on Kubernetes in the tandem, the pairs and the deck."""
    ines = demo.people.resolve("Inès Moreau")
    assert ines in {a.person_id for a in demo.search.ask("kubernetes helm", k=10)}
    demo.insights.add_claim("Inès Moreau", "helm")
    assert "helm" in {c.skill for c in demo.insights.claims("Inès Moreau")}
    demo.insights.hide_topic("Inès Moreau", "kubernetes")
    assert "helm" not in {c.skill for c in demo.insights.claims("Inès Moreau")}  # (her answers)
    assert "helm" not in {c.skill for c in demo.insights.profile("Inès Moreau").claims}
    assert "helm" in {c.skill for c in demo.insights.profile("Inès Moreau", own=True).claims}
    for question in ("kubernetes", "kube", "k8s", "helm", "kubectl drain", "Кубернетес"):
        assert ines not in {a.person_id for a in demo.search.ask(question, k=10)}, question
    assert ines in {a.person_id for a in demo.search.ask("kube", k=10, viewer=ines)}
    with pytest.raises(NotFoundError) as refused:
        demo.search.score("Inès Moreau", "helm chart upgrade")
    assert "did you mean" not in str(refused.value)
    set_up_engagement(demo)
    engagement = load_engagement().name
    kubernetes = [row for row in demo.engagements.tandem(engagement) if row.topic == "kubernetes"]
    assert kubernetes and all(row.person_id != ines for row in kubernetes)
    assert all(ines not in (p.expert_id, p.learner_id) for p in demo.engagements.pairs(engagement))
    # nor through the words of her answers on any other topic's surface (a second attacker's)
    for topic in ("k8s", "kubectl", "helm"):
        assert ines not in {h.person_id for h in demo.insights.topic_map(topic).holders}, topic
    assert "Inès Moreau" not in str(demo.insights.hidden_experts("kubectl drain"))
    portfolio = [t.topic for t in demo.insights.profile("Inès Moreau").topics]
    assert not {"kubectl", "helm", "pods", "kubernetes"} & {t.lower() for t in portfolio}
    plan = demo.engagements.coach(engagement, "Raj Patel", ["kubernetes"])
    assert "Inès Moreau" not in plan.helpers.get("kubernetes", [])


def test_a_mail_carrying_an_erased_address_outside_its_from_address_is_theirs(
    demo: Services, tmp_path: Path
) -> None:
    """An attacker's: after Tomás Ferreira's erasure, a mail from "Guest <tf@new4.example>"
    whose Reply-To was his erased address was kept as "Guest", ranked first for its text; one
    whose From gave his erased address as its display name was kept as "tf"."""
    conn = demo.workspace.store().conn
    tomas = demo.people.resolve("Tomás Ferreira")
    (address,) = conn.execute(  # (as stored: `people show` masks it)
        "SELECT value FROM aliases WHERE person_id = ? AND kind = 'email'", (tomas,)
    ).fetchone()
    assert "•" not in address
    demo.privacy.erase("Tomás Ferreira")
    box = tmp_path / "later.mbox"
    mails = [  # (From, Reply-To, the word its text is found by)
        ("Guest <tf@new4.example>", address.upper(), "servalfour"),
        (f'"{address}" <tf@new3.example>', None, "servalthree"),
        (f'"{address} via dev" <dev@lists.corvid.example>', None, "servalsix"),
        ("Karin Holm <karin@new5.example>", "desk@corvid.example", "servalkept"),
    ]
    lines = []
    for number, (sender, reply_to, word) in enumerate(mails, 1):
        lines += [f"From x@x Mon Nov {number + 20} 10:00:00 2026", f"From: {sender}"]
        lines += [f"Reply-To: {reply_to}"] if reply_to else []
        lines += [
            "To: Raj Patel <raj.patel@corvid.example>",
            f"Subject: {word} restore drill",
            f"Date: Mon, {number + 20} Nov 2026 10:00:00 +0000",
            f"Message-ID: <{word}@ex.example>",
            "",
            f"{word}: the pg_basebackup restore drill needs wal_keep_size raised.",
            "",
        ]
    box.write_text("\n".join(lines), encoding="utf-8")
    report = demo.ingest.ingest("mbox", box)
    assert report.items_added == 1, report
    for *_, word in mails[:3]:
        assert not conn.execute("SELECT 1 FROM items WHERE text LIKE ?", (f"%{word}%",)).fetchone()
    names = {p.display_name for p in demo.people.list_people(limit=500)}
    assert {"Guest", "tf"} & names == set()
    assert [a.name for a in demo.search.ask("servalkept restore drill", k=1)] == ["Karin Holm"]
