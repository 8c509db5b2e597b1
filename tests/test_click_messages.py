"""Click's own messages (usage errors, prompts, "Aborted!") in the CLI's language (fast layer).

They fail when click, upgraded, marks a message whoknows does not list (so it has no French),
or when a usage error, a prompt or a declined confirmation is English under --lang fr.
"""

from __future__ import annotations

import ast
from pathlib import Path

import click
import pytest
from babel.messages.extract import extract_python
from click.testing import CliRunner

import whoknows
from whoknows.cli import _click_messages
from whoknows.cli._click_messages import CLICK_MODULES, FOR_PROGRAMMERS, MESSAGES
from whoknows.cli.main import cli
from whoknows.i18n.catalogues import BRACE_FIELD, _same_placeholders

CLICK = Path(click.__file__).parent


def invoke(*args: str, env: dict[str, str] | None = None, given: str | None = None):
    return CliRunner().invoke(cli, list(args), env=env or {}, input=given, prog_name="whoknows")


def test_every_message_click_marks_is_listed() -> None:
    """The messages click marks for gettext, read from its source, are those of the list (or
    the few only a programmer meets): an upgrade that adds or rewords one fails here."""
    marked = set()
    for path in sorted(CLICK.glob("*.py")):
        with path.open("rb") as handle:
            for _, _, message, _ in extract_python(handle, {"_": None, "ngettext": (1, 2)}, [], {}):
                if message is not None:  # _(extra["required"]): "required" is listed
                    marked.add(message[:2] if isinstance(message, tuple) else message)
    listed = set(MESSAGES) | set(FOR_PROGRAMMERS)
    assert marked - listed == set(), "list these in whoknows.cli._click_messages"
    assert listed - marked == {"required"}, "click no longer says these"


def test_every_click_module_that_imports_gettext_is_rebound() -> None:
    importing = set()
    for path in CLICK.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "gettext":
                importing.add(path.stem)
    assert importing - {"_winconsole"} == set(CLICK_MODULES) - {"_winconsole"}
    invoke("--lang", "fr", "--help")
    assert click.core._ is _click_messages.click_gettext
    assert click.exceptions.ngettext is _click_messages.click_ngettext
    assert click.core._("Aborted!") == "Aborted!", "English again once the command line ends"


@pytest.mark.parametrize(
    ("args", "french", "english"),
    [
        (["ingest", "--bogus"], "Option inconnue : '--bogus'.", "No such option '--bogus'."),
        (["people", "erase"], "Argument manquant 'PERSON'.", "Missing argument 'PERSON'."),
        (
            ["ingest", "gti", "x"],
            "'gti' n'est pas l'une des valeurs 'confluence'",
            "'gti' is not one of 'confluence'",
        ),
        (["asq"], "Commande inconnue : 'asq'. Vouliez-vous dire 'ask' ?", "No such command 'asq'."),
    ],
)
def test_usage_errors_speak_the_cli_language(args, french, english) -> None:
    """One error line (after the usage and the hint), exit code 2, in the asked language,
    whatever WHOKNOWS_LANG says."""
    for lang, words, hint, error in [
        ("fr", french, "Essayez « whoknows", "Erreur : "),
        ("en", english, "Try 'whoknows", "Error: "),
    ]:
        result = invoke("--lang", lang, *args, env={"WHOKNOWS_LANG": "fr"})
        lines = result.stderr.strip().splitlines()
        assert result.exit_code == 2 and result.stdout == ""
        assert lines[-1].startswith(error) and words in lines[-1], result.stderr
        assert sum(line.startswith(error) for line in lines) == 1
        assert any(line.startswith(hint) for line in lines)


def test_the_language_is_known_before_click_reads_the_command_line() -> None:
    """--lang after a wrong global option still counts; without it, WHOKNOWS_LANG does."""
    result = invoke("--bogus", "--lang", "fr")
    assert result.stderr.strip().endswith("Erreur : Option inconnue : '--bogus'.")
    result = invoke("people", "erase", env={"WHOKNOWS_LANG": "fr"})
    assert "Erreur : Argument manquant 'PERSON'." in result.stderr
    assert result.stderr.startswith("Utilisation : whoknows people erase")


def test_wrong_path_kind_is_named_in_french(tmp_path: Path) -> None:
    afile = tmp_path / "a file"
    afile.write_text("x", encoding="utf-8")
    result = invoke("--lang", "fr", "--workspace", str(afile), "ask", "x")
    assert result.exit_code == 2
    assert f"Dossier '{afile}' : c'est un fichier." in result.stderr


@pytest.mark.parametrize(
    ("lang", "asked", "aborted"),
    [
        ("fr", "Effacer toute trace de Aiko Tanaka (4) ? C'est irréversible [o/N] : ", "Abandon !"),
        ("en", "Erase every trace of Aiko Tanaka (4)? This cannot be undone [y/N]: ", "Aborted!"),
    ],
)
def test_a_declined_confirmation_aborts_in_the_cli_language(demo, lang, asked, aborted) -> None:
    """Asked about someone who exists (an unknown person is an error before any question)."""
    where = ("--workspace", str(demo.settings.workspace))
    for answer in ("n\n", "\n", "non\n" if lang == "fr" else "no\n"):
        result = invoke(*where, "--lang", lang, "people", "erase", "Aiko Tanaka", given=answer)
        assert result.exit_code == 1 and result.stdout.startswith(asked), result.stdout
        assert result.stderr == aborted + "\n"
    result = invoke(*where, "--lang", lang, "people", "erase", "Aiko Tanaka", given="maybe\n")
    invalid = "Erreur : réponse invalide" if lang == "fr" else "Error: invalid input"
    assert invalid in result.stdout and result.stdout.count(asked) == 2


def test_password_prompts_in_french() -> None:
    result = invoke("--lang", "fr", "users", "add", "zoe", "--role", "viewer", given="a\nb\n")
    assert result.stdout.startswith("Mot de passe: ")
    assert "Répétez pour confirmer: " in result.stdout
    assert "Erreur : les deux saisies ne correspondent pas." in result.stdout
    assert result.exit_code == 1 and result.stderr == "Abandon !\n"


def test_commands_use_path_type_and_confirm() -> None:
    """Click names a path's kind when it is declared, in English (PathType names it when it
    checks a value), and click.confirm's "[y/N]" and answers are English."""
    calls = []
    for path in (Path(whoknows.__file__).parent / "cli").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            called = ast.unparse(node.func) if isinstance(node, ast.Call) else ""
            if called in {"click.Path", "click.confirm"}:
                calls.append(f"{path.name}:{node.lineno}: {called}")
    assert not calls, "use _click_messages.PathType and _common.confirm"


def test_a_translation_keeps_click_fields() -> None:
    same = _same_placeholders
    assert same("No such option {name!r}.", "Option inconnue : {name!r}.", BRACE_FIELD)
    assert not same("No such option {name!r}.", "Option inconnue : {name}.", BRACE_FIELD)
    plural = ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given.")
    assert same(plural, ("{nargs} : {len} donnée", "{nargs} : {len} données"), BRACE_FIELD)
