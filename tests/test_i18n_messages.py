"""French beyond the web and the report: the CLI's help, the errors a user causes and the
chat answers (fast layer).

Help texts are translated when click shows them; every error of whoknows, and every reason
the ingest report gives for input skipped or noted, is a catalogue template with named values,
so the CLI, the web pages and the chat answers say it in the reader's language. These tests
fail when a help or a message is English under --lang fr, or when a new error, skip or note is
an untranslatable f-string.
"""

from __future__ import annotations

import ast
import functools
import inspect
import json
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import whoknows
from chat_fixtures import QUESTION, open_chat, section_texts
from whoknows.cli._help import HelpInLanguage, ScopedOption
from whoknows.cli.main import cli
from whoknows.errors import InputError, Position
from whoknows.i18n import translator
from whoknows.ingest import connectors

PACKAGE = Path(whoknows.__file__).parent
FRENCH_VERBS = ("A ", "S'est vu", "Son travail")  # how a French why line starts
ERRORS = {
    "WhoknowsError",
    "UsageError",
    "NotFoundError",
    "InputError",
    "WorkspaceError",
    "IndexStateError",
    "VerificationError",
}


def french(*args: str, workspace: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        cli, ["--lang", "fr", "--quiet", "--workspace", str(workspace), *args], env={}
    )
    return result.exit_code, result.stdout, result.stderr


def commands(
    command: click.Command = cli, path: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], click.Command]]:
    found = [(path, command)]
    if isinstance(command, click.Group):
        context = click.Context(command)
        for name in sorted(command.list_commands(context)):
            sub = command.get_command(context, name)
            assert sub is not None, name
            found += commands(sub, (*path, name))
    return found


def test_every_help_text_has_its_french() -> None:
    """Each command of the tree formats its help in the language, and each help text (the
    command's, its options') has a French translation: a new command or option without
    one fails here."""
    fr = translator("fr")
    untranslated = []
    for path, command in commands():
        assert isinstance(command, HelpInLanguage), f"{' '.join(path)}: use cli._help.command"
        texts = [command.help] + [
            text
            for p in command.params
            for text in (
                [help for _, help in p.scopes]
                if isinstance(p, ScopedOption)
                else [getattr(p, "help", None)]
            )
        ]
        for text in filter(None, texts):
            english = " ".join(text.split())
            if " ".join(fr.gettext(inspect.cleandoc(text)).split()) == english:
                untranslated.append(f"{' '.join(path) or 'whoknows'}: {english[:60]}")
    assert not untranslated, "translate in the fr .po:\n" + "\n".join(untranslated)


@pytest.mark.parametrize(
    ("args", "env", "french_words", "english_words"),
    [
        (["--lang", "fr", "ingest", "--help"], {}, "Importer PATH avec CONNECTOR", "Read PATH"),
        (["--help"], {"WHOKNOWS_LANG": "fr"}, "Commandes :", "Commands:"),
        (["--lang", "fr", "--help"], {}, "Afficher ce message et quitter.", "Show this"),
        (["--lang", "fr", "people", "merge", "--help"], {}, "Fusionner OTHER_PERSON dans", "Merge"),
        (
            ["engagement", "roadmap", "--help"],
            {"WHOKNOWS_LANG": "fr"},
            "[par défaut : 2.0]",
            "[default: 2.0]",
        ),
        (["--lang", "fr", "users", "add", "--help"], {}, "[obligatoire]", "[required]"),
        (["--lang", "fr", "ingest", "--help"], {}, "git : un commit qui touche", "git: a commit"),
    ],
)
def test_cli_help_speaks_french(args, env, french_words, english_words) -> None:
    result = CliRunner().invoke(cli, args, env=env, prog_name="whoknows")
    assert result.exit_code == 0, result.output
    assert french_words in result.stdout and english_words not in result.stdout
    assert result.stdout.startswith("Utilisation : whoknows")


def test_cli_help_stays_english_when_asked() -> None:
    result = CliRunner().invoke(
        cli, ["--lang", "en", "ask", "--help"], env={"WHOKNOWS_LANG": "fr"}, prog_name="whoknows"
    )
    assert result.stdout.startswith("Usage: whoknows ask") and "Who knows TOPIC?" in result.stdout
    assert "Options:" in result.stdout and "Utilisation" not in result.stdout


@functools.cache
def trees() -> list[tuple[Path, ast.Module]]:
    """Every module of the package, parsed once for the scans below."""
    return [(p, ast.parse(p.read_text(encoding="utf-8"))) for p in sorted(PACKAGE.rglob("*.py"))]


def _message(call: ast.Call) -> ast.expr | None:
    """The message argument of an error or ``context.problem`` call (the reason of both
    InputError and problem comes after the path and the position, unless a reader's helper
    takes the reason first)."""
    name = call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", "")
    index = 2 if name in {"InputError", "problem"} and len(call.args) > 2 else 0
    return call.args[index] if call.args else None  # (a reader's own problem(reason, hint))


def _marked(node: ast.expr | None) -> bool:
    """``N_("...")``, a variable holding one, or a choice between two of them."""
    if isinstance(node, ast.IfExp):
        return _marked(node.body) and _marked(node.orelse)
    if isinstance(node, ast.Call):
        return isinstance(node.func, ast.Name) and node.func.id == "N_"
    return isinstance(node, ast.Name)


def test_every_error_message_is_a_catalogue_template() -> None:
    """No raise of a WhoknowsError and no ``context.problem`` reason is a bare string or an
    f-string: those could never be translated."""
    bare = []
    for path, tree in trees():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else ""
            name = name or (node.func.attr if isinstance(node.func, ast.Attribute) else "")
            if (name in ERRORS or name == "problem") and not _marked(_message(node)):
                bare.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {name}")
    assert not bare, "mark these messages with N_ and pass values by name:\n" + "\n".join(bare)


def _called(node: ast.Call) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def test_every_skip_and_note_reason_is_a_catalogue_template() -> None:
    """No ``context.skip`` or ``context.note`` reason is a bare string or an f-string: the
    ingest report says them in the reader's language (values go by name, as for errors)."""
    bare = [
        f"{path.relative_to(PACKAGE)}:{node.lineno}: {_called(node)}"
        for path, tree in trees()
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and _called(node) in {"skip", "note"}
        and not _marked(_message(node))
    ]
    assert not bare, "mark these reasons with N_ and pass values by name:\n" + "\n".join(bare)


def test_no_reason_is_written_unmarked_away_from_its_call() -> None:
    """A reason written where a connector's helper returns or keeps it (``return "slack: bot
    message"``, a table of them) is marked with N_ there too: a string of the ingest package
    that starts like a reason (``SOURCE: ``) and is neither inside N_ nor a docstring fails
    here."""
    names = {n for cls in connectors().values() for n in (cls.name, cls.source)}
    reason = re.compile(rf"^(?:{'|'.join(map(re.escape, sorted(names)))}): ")
    unmarked = []
    for path, tree in trees():
        if path.parent.name != "ingest":
            continue
        marked = {
            id(arg)
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and _called(node) == "N_"
            for arg in node.args
        }
        marked |= {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
        for node in ast.walk(tree):
            text = node.values[0] if isinstance(node, ast.JoinedStr) and node.values else node
            if (
                isinstance(text, ast.Constant)
                and isinstance(text.value, str)
                and reason.match(text.value)
                and id(node) not in marked
            ):
                unmarked.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {text.value[:50]}")
    assert not unmarked, "mark these reasons with N_:\n" + "\n".join(unmarked)


def test_no_message_is_marked_inside_an_f_string() -> None:
    """Babel reads an f-string as one token: ``f"{t.gettext('due')}"`` never reaches the
    catalogue, so the word stays English in every language."""
    hidden = []
    for path, tree in trees():
        for node in ast.walk(tree):
            if not isinstance(node, ast.JoinedStr):
                continue
            for call in ast.walk(node):
                name = getattr(getattr(call, "func", None), "attr", None) or getattr(
                    getattr(call, "func", None), "id", None
                )
                literal = isinstance(call, ast.Call) and any(
                    isinstance(a, ast.Constant) for a in call.args
                )
                if name in {"gettext", "ngettext", "pgettext", "_", "N_"} and literal:
                    hidden.append(f"{path.relative_to(PACKAGE)}:{call.lineno}")
    assert not hidden, "move these messages out of their f-string:\n" + "\n".join(hidden)


def test_input_errors_name_the_place_in_both_languages() -> None:
    reason = "invalid JSON (%(error)s)"
    error = InputError("a.jsonl", Position.at(2, 1), reason, error="Expecting value")
    assert error.one_line() == (
        "a.jsonl:2:1: invalid JSON (Expecting value); fix or remove this file,"
        " or rerun with --skip-errors to skip what is broken"
    )
    said = error.one_line(translator("fr"))
    assert said.startswith("a.jsonl:2:1 : JSON invalide (Expecting value) ; corrigez")
    assert error.reason == "invalid JSON (Expecting value)"
    assert error.one_line(translator("fr"), with_hint=False).endswith("(Expecting value)")


def test_bad_ingest_input_is_reported_in_french(service, tmp_path: Path) -> None:
    workspace = service.settings.workspace
    path = tmp_path / "docs.jsonl"
    path.write_text('{"id": "1", "text": "kafka", "authors": ["Ann Lee"]}\nnot json\n')
    code, _, err = french("ingest", "jsonl", str(path), workspace=workspace)
    assert code == 1
    assert err.startswith("erreur : ") and "docs.jsonl:2:1 : JSON invalide" in err
    assert "corrigez ou retirez ce fichier" in err and "fix or remove" not in err
    code, out, _ = french("ingest", "jsonl", str(path), "--skip-errors", workspace=workspace)
    assert code == 0 and "JSON invalide" in out and "invalid JSON" not in out
    code, _, err = french("ingest", "jsonl", str(tmp_path / "nowhere.jsonl"), workspace=workspace)
    assert code == 1 and "nowhere.jsonl : fichier ou dossier introuvable ; vérifiez" in err


def test_errors_a_user_causes_are_french(demo, tmp_path: Path) -> None:
    workspace = demo.settings.workspace
    cases = {
        ("people", "show", "4242"): "aucune personne '4242' ; donnez un identifiant",
        ("people", "show", "Ines"): "vouliez-vous dire 'Inès Moreau' ?",
        ("people", "merge", "3", "3"): "impossible de fusionner la personne 3 avec elle-même",
        ("ask", "kafka", "--ranker", "magic"): "classeur 'magic' inconnu ; choisissez parmi",
        ("ask", "kafka", "--k", "-1"): "--k -1 est négatif",
        ("ingest", "git", ".", "--authors", "map.csv"): "le connecteur git n'a pas d'option",
        ("score", "--person", "1", "--text", " "): "le texte est vide",
    }
    for args, expected in cases.items():
        code, _, err = french(*args, workspace=workspace)
        assert code in {1, 2} and err.startswith("erreur : "), (args, err)
        assert expected in err and err.count("\n") == 1, (args, err)
    code, _, err = french("ask", "kafka", workspace=tmp_path / "nothing")
    assert code == 1 and "aucun espace de travail whoknows ici" in err


def test_a_teams_answer_follows_the_activity_locale(demo_workspace, tmp_path: Path) -> None:
    chat = open_chat(demo_workspace, tmp_path)
    try:
        reply = chat.teams(QUESTION, locale="fr-FR").json()
        assert reply["text"].startswith(f"Qui connaît « {QUESTION} » :")
        card = reply["attachments"][0]["content"]
        header, *people, footer = card["body"]
        assert header["text"] == f"Qui connaît : {QUESTION}"
        assert footer["text"].startswith("Classement établi par whoknows")
        whys = [block["items"][-1]["text"] for block in people]
        assert whys and all(w.startswith(FRENCH_VERBS) for w in whys), whys
        assert "(and " not in json.dumps(card) and "Who knows" not in json.dumps(card)
        helped = chat.teams("help", locale="fr-FR", id="2").json()["text"]
        assert helped.startswith("Demandez qui connaît un sujet")
        english = chat.teams(QUESTION, id="3").json()  # no locale: the workspace's language
        assert english["text"].startswith(f"Who knows “{QUESTION}”:")
    finally:
        chat.services.close()


def test_a_slack_answer_follows_the_workspace_language(demo_workspace, tmp_path: Path) -> None:
    chat = open_chat(demo_workspace, tmp_path, lang="fr")
    try:
        reply = chat.slack(QUESTION).json()
        assert reply["text"] == f"Qui connaît : {QUESTION}"
        assert all(" « " in text for text in section_texts(reply))
        notice = chat.slack("route").json()["text"]  # a route without a question: the help
        assert notice.startswith("Demandez qui connaît un sujet")
    finally:
        chat.services.close()


def test_ingest_skips_and_notes_are_reported_in_french(service, tmp_path: Path) -> None:
    """The ingest report says why input was left out or treated specially in French (a value
    kept as it is, a word of whoknows translated); the JSON output and the stored report keep
    the English reasons, counted the same."""
    workspace, teams = service.settings.workspace, Path(__file__).parent / "fixtures" / "teams"
    code, out, _ = french("ingest", "teams", str(teams), workspace=workspace)
    assert code == 0 and "ignorés :\n" in out
    assert "     1  teams : message supprimé\n" in out and "deleted message" not in out
    assert "remarque : 2 teams : remerciement ou +1, gardé avec un faible poids" in out
    assert "+1 reply" not in out
    env = {"WHOKNOWS_LANG": "fr"}
    args = ["--quiet", "--workspace", str(workspace), "ingest", "teams", str(teams), "--json"]
    report = json.loads(CliRunner().invoke(cli, args, env=env).stdout)
    assert report["skipped"]["teams: deleted message"] == 1
    assert report["notes"]["teams: thanks or +1 reply, kept with a low weight"] == 2
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("README", "logo.bin", "data.bin"):
        (docs / name).write_bytes(b"\x00")
    (docs / "runbook.md").write_text("---\nauthor: Ann Lee\n---\nRestart kafka.\n", "utf-8")
    args = ["--quiet", "--workspace", str(workspace), "ingest", "docs", str(docs)]
    out = CliRunner().invoke(cli, args, env=env).stdout
    assert "     2  docs : type de fichier non pris en charge .bin\n" in out
    assert "     1  docs : type de fichier non pris en charge (aucun)\n" in out
    conn = service.workspace.store().conn
    stored = [json.loads(row[0]) for row in conn.execute("SELECT report FROM ingests ORDER BY id")]
    assert stored[0]["skipped"] == stored[1]["skipped"] == report["skipped"]
    assert stored[2]["skipped"] == {
        "docs: unsupported file type .bin": 2,
        "docs: unsupported file type (none)": 1,
    }


def test_labels_merge_reasons_and_roles_read_french() -> None:
    """A French evaluator's `people show`, `topic` and `score`: "poste:", "auto: same email
    address as slack alias", "author 1, recipient 6", "1 termes spécifiques sur 1", "score -0"."""
    from whoknows.identity.reasons import SAME_EMAIL, SAME_NAME, merge_reason

    fr, en = translator("fr"), translator("en")
    assert fr.labelled("title", "SRE") == "poste : SRE" and en.labelled("title", "SRE") == (
        "title: SRE"
    )
    stored = SAME_EMAIL % {"source": "slack"}
    assert merge_reason(fr, stored) == "même adresse e-mail qu'un alias slack"
    assert merge_reason(en, stored) == stored
    assert merge_reason(fr, SAME_NAME % {"name": "'Sophie Martin'"}) == (
        "même nom complet 'Sophie Martin'"
    )
    assert merge_reason(fr, "written by an older version") == "written by an older version"
    assert fr.format_number(-0.004, 2) == "0" and fr.format_number(-0.5, 2) == "-0,5"
    coverage = fr.ngettext(
        "coverage: %(covered)s of %(total)s specific term",
        "coverage: %(covered)s of %(total)s specific terms",
        1,
    )
    assert coverage % {"covered": 1, "total": 1} == "couverture : 1 sur 1 terme spécifique"
