"""German and Dutch function words: a French-German plant's "Wer kennt sich mit der Kamera und
der Bildverarbeitung aus?" listed a maintenance technician first for "wer", "kennt", "und" and
"mit" (his reply in a thread "Wer kennt den OPC UA Server …?"), and a manual's "Mit
freundlichen Grüßen" answered "… mit Ultraschall"."""

from __future__ import annotations

from pathlib import Path

import pytest

from test_cli import ingested, run
from whoknows.index.analysis import tokenize


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "Wer kennt sich mit der Kamera und der Bildverarbeitung am Prüfplatz aus?",
            ["kamera", "bildverarbeitung", "prufplatz"],
        ),
        ("Wer kennt OPC UA?", ["opc", "ua"]),
        ("Hoe configureer ik de SAML-koppeling?", ["configur", "saml", "koppel"]),
        ("Wie weet iets van BIM en Revit?", ["bim", "revit"]),
        ("Welke collega kent de Belgische BTW-regels?", ["collega", "belgisch", "btw", "regel"]),
    ],
)
def test_a_german_or_dutch_question_keeps_its_subject_only(text: str, words: list[str]) -> None:
    assert tokenize(text) == words


@pytest.mark.parametrize(
    "text",
    [
        "MIT license and DER certificates",
        "the die is cast in der format",
        "IST timezone aus servers",
        "Kent Beck on TDD",
        "Druckluft Leckage Ortung mit Ultraschall",  # one function word: not told German
    ],
)
def test_words_of_the_trade_stay_words_outside_german_and_dutch(text: str) -> None:
    english = {"and", "the", "is", "in", "on"}
    assert len(tokenize(text)) == len([w for w in text.split() if w.lower() not in english])


def test_german_and_dutch_sign_offs_are_courtesies() -> None:
    for signed in ("Mit freundlichen Grüßen", "Viele Grüße", "Met vriendelijke groet"):
        assert tokenize(f"Ventil getauscht. {signed}, Stefan") == ["ventil", "getauscht", "stefan"]


def test_a_german_question_finds_its_subject_not_its_function_words(tmp_path: Path) -> None:
    rows = [
        (
            "s1",
            "Wer kennt den OPC UA Server auf der S7-1500?",
            "Wer kennt sich mit dem OPC UA Server auf der S7-1500 aus? Er startet nicht.",
            "Stefan Weber",
        ),
        (
            "m1",
            "Re: Wer kennt den OPC UA Server auf der S7-1500?",
            "Der Server muss im TIA Portal aktiviert werden, und das Zertifikat ist abgelaufen.",
            "Mehdi Haddad",
        ),
        (
            "l1",
            "Kamera am Prüfplatz",
            "Die Kamera der Bildverarbeitung braucht nach dem Objektivwechsel eine Kalibrierung.",
            "Lucas Petit",
        ),
        (
            "k1",
            "Handbuch Kompressor",
            "Wartung alle 2000 Stunden. Mit freundlichen Grüßen, Ihr Kompressor-Service",
            "Katrin Roth",
        ),
    ]
    workspace = ingested(tmp_path, rows)
    _, out, _ = run(
        "ask", "Wer kennt sich mit der Kamera und der Bildverarbeitung aus?", workspace=workspace
    )
    assert out.splitlines()[0].startswith(" 1. Lucas Petit"), out
    assert "Mehdi" not in out and "Stefan" not in out, out
    _, out, _ = run("ask", "Leckage Ortung mit Ultraschall", workspace=workspace)
    assert "Katrin" not in out, out
