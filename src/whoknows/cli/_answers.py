"""How `ask` prints its answers: the words no evidence mentions, then each person with the
evidence that matched, and where the people whose evidence holds only part of the question
begin."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from whoknows.cli._common import say, translation
from whoknows.i18n import N_
from whoknows.vocab import kind_word, lacked_words, part_word

if TYPE_CHECKING:  # types only: the services load when a command runs
    from whoknows.index.bridge import UnheldWords
    from whoknows.services.results import Answer


def print_unheld(unheld: UnheldWords) -> None:
    """ "no evidence mentions spark: the people below match the question's other words", when
    a word of the question is in no item."""
    t = translation()
    words = t.format_list(unheld.words)
    if unheld.none_held:
        said = t.gettext(
            "no evidence mentions %(words)s: the people below are only near in meaning"
        )
    elif unheld.partly:
        said = t.gettext("no evidence mentions %(words)s: the people below match only part of it")
    else:
        said = t.gettext(
            "no evidence mentions %(words)s: the people below match the question's other words"
        )
    click.echo(said % {"words": words})


def print_answers(answers: list[Answer]) -> None:
    """Each answer, and a line where the people whose evidence holds only part of the
    question begin (``Answer.partial``)."""
    for at, answer in enumerate(answers):
        if answer.partial and not (at and answers[at - 1].partial):
            say(N_("their evidence holds only part of the question:"))
        print_answer(answer)


def print_answer(answer: Answer) -> None:
    t = translation()
    role = ", ".join(filter(None, [answer.title, answer.department]))
    score = t.gettext("score %(value)s") % {"value": t.format_number(answer.score, 2)}
    if answer.learner:  # only asked or followed the topic: interest, not expertise
        score = t.gettext("interested learner") + ", " + score
    if answer.left_on:
        left = t.gettext("left on %(date)s") % {"date": t.format_date(answer.left_on)}
        score = left + ", " + score
    elif answer.outside:
        score = t.gettext("outside the organisation") + ", " + score
    click.echo(f"{answer.rank:>2}. {answer.name}" + (f" — {role}" if role else "") + f"  ({score})")
    if answer.missing:  # (their items match only the question's other words)
        click.echo("      " + lacked_words(t, answer.missing))
    for evidence in answer.evidence:
        date = t.format_date(evidence.date, "medium") if evidence.date else ""
        part = f"{kind_word(t, evidence.kind)}, {part_word(t, evidence.role, evidence.credited)}"
        if evidence.refuted:
            part += ", " + t.gettext("refuted later in its thread")
        click.echo(f"      [{part}] {evidence.title}  {date}")
        if evidence.snippet.strip():  # (a title-only item has no text to show)
            click.echo(f"        {evidence.snippet}")
        if evidence.url:
            click.echo(f"        {evidence.url}")
