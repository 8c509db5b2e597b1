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
from whoknows.services import Services

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
        (  # (click names its number types in English: "n'est pas un nombre valide (integer)")
            ["ask", "kafka", "--k", "abc"],
            "'abc' n'est pas un entier valide.",
            "'abc' is not a valid integer.",
        ),
        (
            ["engagement", "stakeholders", "X", "--person", "Y", "--influence", "1.5"],
            "'1.5' n'est pas un entier valide.",
            "'1.5' is not a valid integer range.",
        ),
    ],
)
def test_usage_errors_speak_the_cli_language(args, french, english) -> None:
    """One error line, as every whoknows error (click wrote the usage, a hint and the error
    on three), with the hint at its end, exit code 2, in the asked language, whatever
    WHOKNOWS_LANG says."""
    for lang, words, hint, error in [
        ("fr", french, "Essayez « whoknows", "erreur : "),
        ("en", english, "Try 'whoknows", "error: "),
    ]:
        result = invoke("--lang", lang, *args, env={"WHOKNOWS_LANG": "fr"})
        assert result.exit_code == 2 and result.stdout == ""
        assert result.stderr.count("\n") == 1, result.stderr
        assert result.stderr.startswith(error) and words in result.stderr, result.stderr
        assert hint in result.stderr and "--help" in result.stderr


def test_the_language_is_known_before_click_reads_the_command_line() -> None:
    """--lang after a wrong global option still counts; without it, WHOKNOWS_LANG does."""
    result = invoke("--bogus", "--lang", "fr")
    assert result.stderr.startswith("erreur : Option inconnue : '--bogus'. Essayez")
    result = invoke("people", "erase", env={"WHOKNOWS_LANG": "fr"})
    assert result.stderr.startswith("erreur : Argument manquant 'PERSON'.")
    # and after the command's name, where every global option may also go
    result = invoke("ask", "kafka", "--bogus", "--lang", "fr")
    assert result.stderr.startswith("erreur : Option inconnue : '--bogus'.")


def test_a_global_option_without_its_value_says_so_wherever_it_is() -> None:
    """A fresh evaluator's `people list --workspace` said "No such command 'list'": the
    option, moved before the command, took the command's name for its value."""
    for args in (
        ("people", "list", "--workspace"),
        ("ask", "kafka", "--workspace"),
        ("--workspace",),
    ):
        result = invoke(*args)
        assert result.exit_code == 2, args
        assert result.stderr == (  # (the option is the CLI's: its help lists it)
            "error: Option '--workspace' requires an argument. Try 'whoknows --help' for help.\n"
        ), args
    result = invoke("ask", "kafka", "--lang")
    assert result.stderr.startswith("error: Option '--lang' requires an argument.")


def test_global_options_after_the_command_are_read_as_before_it(demo) -> None:
    """`ask kafka -qq` said "No such option '-q'" (short flags written together), and
    `ask kafka --worksapce DIR` suggested nothing: Click looked among `ask`'s options only."""
    where = str(demo.settings.workspace)
    together = invoke("ask", "kafka", "--workspace", where, "-qq")
    assert (
        together.exit_code == 0
        and together.stdout == invoke("--workspace", where, "ask", "kafka").stdout
    )
    result = invoke("ask", "kafka", "--worksapce", where)
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "error: No such option '--worksapce'. Did you mean '--workspace'?"
    )
    result = invoke("--workspace", where, "ask", "kafka", "--lnag", "fr")
    assert "Did you mean '--lang'?" in result.stderr
    result = invoke("--workspace", where, "ask", "kafka", "--rankr", "x")  # (the command's)
    assert "'--ranker'" in result.stderr and "Try 'whoknows ask --help'" in result.stderr


def test_an_unknown_command_after_a_global_option_is_named() -> None:
    """`people --lang fr mrge` said "No such option '--lang'"; `frobnicate --lang fr` spoke
    English."""
    result = invoke("people", "--lang", "fr", "mrge")
    assert result.stderr.startswith("erreur : Commande inconnue : 'mrge'. Vouliez-vous dire")
    result = invoke("frobnicate", "--lang", "fr")
    assert result.stderr.startswith("erreur : Commande inconnue : 'frobnicate'.")


def test_a_group_asked_alone_shows_its_help() -> None:
    result = invoke("people")
    assert "Commands:" in result.output and "error" not in result.output


def test_global_options_may_follow_the_command(demo: Services) -> None:
    """A newcomer's `whoknows ask kafka --workspace DIR` said "No such option"; a command's
    own option of the same name stays its own (`report NAME --lang fr`). (A copy: `people
    show` writes its read to the audit log.)"""
    workspace = str(demo.settings.workspace)
    before = invoke("--workspace", workspace, "--lang", "fr", "ask", "kafka", "--k", "1")
    assert before.exit_code == 0 and "Aiko Tanaka" in before.stdout
    for args in [
        ("ask", "kafka", "--workspace", workspace, "--lang", "fr", "--k", "1"),
        ("ask", "--k", "1", f"--workspace={workspace}", "kafka", "--lang=fr"),
        ("--lang", "fr", "ask", "kafka", "--k", "1", "--workspace", workspace, "-q"),
    ]:
        result = invoke(*args)
        assert (result.exit_code, result.stdout) == (0, before.stdout), args
    result = invoke("people", "--workspace", workspace, "show", "Aiko Tanaka")
    assert result.exit_code == 0 and result.stdout.startswith("4: Aiko Tanaka"), result.output
    # after "--", a word is the question's
    result = invoke("--workspace", workspace, "ask", "--", "--workspace")
    assert result.exit_code == 0 and "nobody" in result.stdout, result.output
    command = cli.get_command(click.Context(cli), "report")
    assert command is not None and "--lang" in {o for p in command.params for o in p.opts}
    hoisted = cli._hoisted(
        ["report", "mission", "--lang", "fr", "--workspace", workspace], strict=True
    )
    assert hoisted == ["--workspace", workspace, "report", "mission", "--lang", "fr"]


def test_wrong_path_kind_is_named_in_french(tmp_path: Path) -> None:
    afile = tmp_path / "a file"
    afile.write_text("x", encoding="utf-8")
    result = invoke("--lang", "fr", "--workspace", str(afile), "ask", "x")
    assert result.exit_code == 2
    assert f"Dossier '{afile}' : c'est un fichier." in result.stderr


@pytest.mark.parametrize(
    ("lang", "asked", "aborted"),
    [
        ("fr", "Effacer toute trace d’Aiko Tanaka (4) ? C'est irréversible [o/N] : ", "Abandon !"),
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


def test_a_merge_names_both_people_and_asks_first(demo) -> None:
    """A merge by full names merged whoever the names matched, unasked, and said "merged 13
    into 4"; declined, nothing moves."""
    where = ("--workspace", str(demo.settings.workspace), "--lang", "fr")
    result = invoke(*where, "people", "merge", "Aiko Tanaka", "Omar Haddad", given="n\n")
    assert result.exit_code == 1, result.output
    assert result.stdout == "Fusionner Omar Haddad (13) dans Aiko Tanaka (4) ? [o/N] : n\n"
    shown = invoke(*where, "people", "show", "Omar Haddad")
    assert shown.exit_code == 0 and shown.stdout.startswith("13: Omar Haddad")
    result = invoke(*where, "people", "merge", "3", "3")  # (an error, before any question)
    assert result.exit_code == 2 and result.stdout == ""


def test_a_question_of_no_searchable_word_is_an_error_as_a_topic_is(demo) -> None:
    where = ("--workspace", str(demo.settings.workspace))
    for command in ("ask", "topic"):
        result = invoke(*where, command, "the")
        assert result.exit_code == 2, (command, result.output)
        assert (
            result.stderr == "error: 'the' has no searchable words; name a topic, e.g. \"kafka\"\n"
        )
    result = invoke(*where, "ask", "日本語")  # (another script: its words are words too)
    assert result.exit_code == 0, result.output
    result = invoke(*where, "score", "Aiko Tanaka", "the")  # (it said "0 of 0 terms")
    assert result.exit_code == 2 and "no searchable words" in result.stderr


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


def test_a_persons_activity_in_french_agrees_with_anyone(demo) -> None:
    """ "actif du 28 mars 2024 …" said of Léa Fontaine: the verb with "avoir" agrees with no
    one, and the first of a month is "1er"."""
    where = ("--workspace", str(demo.settings.workspace), "--lang", "fr")
    result = invoke(*where, "person", "Léa Fontaine")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1].startswith("  a contribué du ")
    assert "actif" not in result.stdout


def test_the_help_names_number_types_in_its_language() -> None:
    assert "--k ENTIER " in invoke("--lang", "fr", "ask", "--help").stdout
    assert "--k INTEGER " in invoke("ask", "--help").stdout  # (and back in English after)
