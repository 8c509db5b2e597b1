"""The lines `whoknows engagement` prints: the tandem and its pairs, coaching plans and the
roadmap after the mission, each topic named as the engagement names it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import click

from whoknows.i18n import Translator
from whoknows.report import content, words
from whoknows.vocab import kind_word

if TYPE_CHECKING:  # types only: the services load when a command runs
    from whoknows.services.engagements import PairRow, PlanView, Roadmap, TandemRow


def print_tandem(
    t: Translator, tandem: list[TandemRow], pairs: list[PairRow], names: dict[str, str]
) -> None:
    click.echo(t.gettext("tandem:"))
    for row in tandem:
        why = (
            content.tandem_why(t, row)
            if row.person_id is not None
            else t.gettext("No active inside holder: a gap to plan for.")
        )
        partner = row.partner or t.gettext("nobody yet")
        click.echo(f"  {names.get(row.topic, row.topic):<16} {partner} — {why}")
    for pair in pairs:
        click.echo(
            "  "
            + t.gettext("pair on %(topic)s: %(expert)s with %(learner)s")
            % {
                "topic": names.get(pair.topic, pair.topic),
                "expert": pair.expert,
                "learner": pair.learner,
            }
        )


def print_plans(t: Translator, plans: list[PlanView], names: Mapping[str, str]) -> None:
    """Coaching plans, each skill named as the engagement's topics are (``names``)."""
    for plan in plans:
        click.echo(
            t.gettext("coaching %(person)s on %(skills)s:")
            % {"person": plan.person, "skills": t.format_list([names[s] for s in plan.skills])}
        )
        for skill, helpers in plan.helpers.items():
            click.echo(
                "  "
                + t.gettext("helped by %(people)s on %(skill)s")
                % {
                    "people": t.format_list(helpers) or t.gettext("nobody inside yet"),
                    "skill": names[skill],
                }
            )
            for item in plan.material.get(skill, []):
                click.echo(
                    "    "
                    + t.gettext("read:")
                    + f" [{kind_word(t, item.kind)}] {item.title} {item.url or ''}"
                )
        for m in plan.milestones:
            click.echo(f"  {words.milestone(t, m, names[m.skill])}")


def print_roadmap(t: Translator, roadmap: Roadmap, names: Mapping[str, str]) -> None:
    if roadmap.assumed_end:
        click.echo(words.assumed_end(t, roadmap.assumed_end))
    if roadmap.proposed:
        click.echo(t.gettext("proposed roadmap (save it with --save):"))
    for r in roadmap.rows:
        review = t.gettext("review %(date)s") % {"date": t.format_date(r.review, "medium")}
        where = f"{words.measured(t, r.kind, r.value, r.target)} ({words.status(t, r.status)})"
        criterion = words.criterion(t, r.kind, r.target, names[r.topic])
        said = t.gettext("; ").join([criterion, review, where])
        click.echo(f"  {t.format_date(r.due, 'medium')}  {t.labelled(r.owner, said, False)}")


def skills(plans: list[PlanView]) -> list[str]:
    return list(dict.fromkeys(s for plan in plans for s in [*plan.skills, *plan.helpers]))


class Names(dict[str, str]):
    """Topics as the engagement names them, and any other as it is stored."""

    def __missing__(self, topic: str) -> str:
        return topic


def every_name(names: Mapping[str, str]) -> Names:
    return Names(names)
