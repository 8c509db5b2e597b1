"""Recognise bots and service accounts so they never appear in answers."""

from __future__ import annotations

import re

_BOT_NAME = re.compile(
    r"(\[bot\]|\bbot\b|-bot\b|\bbots?$|dependabot|renovate|github-actions|gitlab-ci|"
    # Jenkins and Travis are people's names too ("James Jenkins", "Travis Wolfe"): the tool
    # only as a CI ("Travis CI"; "jenkins" alone is the build server's account)
    r"^jenkins(?:[-_ .]?(?:builds?|server))?$|\b(?:jenkins|travis)[-_ .]ci\b|"
    r"(?-i:^[a-z0-9.-]+[-_]ci$)|"  # a CI machine user's login ("skyward-ci")
    r"circleci|slackbot|build ?server|service account|automation|^gitbox$|^hudson$|"
    # tools a tracker or a forge relays as if they were people ("ASF subversion and git
    # services", "Hadoop QA", "Apache Yetus", "Kubernetes Prow Robot", "k8s-ci-robot")
    r"\bgit services$|(?-i:\bQA$)|\byetus\b|\bprow robot\b|-robot\b|copilot|codecov|"
    r"sonar(?:qube|cloud)|cla ?assistant|\bdependabot|\bsnyk bot\b|\bmend bolt\b|"
    r"\bwhitesource\b|"
    r"(?-i:\s(?:CI|QA Bot)$)|"  # ("Tidewater CI": a project's build account in Jira)
    r"noreply|no-reply|do-?not-?reply|mailer-daemon|postmaster|notifications?\b|"
    # monitoring and deployment accounts, in English and French ("Alertes Mirth", "Centreon
    # Supervision", "Déploiement auto"), and the tools that send as themselves
    # (a function word first: "Pierre Alerte" and "Jean Robot" are people)
    r"^(?:alert(?:e|es|s)?|supervision|monitoring|scheduler|cron|d[ée]ploiement|"
    r"deploy(?:ment|er)?|automat(?:ique|ic|ed|ion)|robot|daemon)\b|"
    r"nagios|zabbix|centreon|alertmanager|pagerduty|opsgenie|prometheus|"
    r"^(?:jira|confluence)(?: software| cloud)?$)",
    re.IGNORECASE,
)
_BOT_EMAIL_LOCAL = re.compile(
    r"^(no-?reply|do-?not-?reply|mailer-daemon|postmaster|notifications?|alerts?|jenkins|"
    r"ci|build|bot|.*\[bot\]|.*-bot|dependabot.*|renovate.*|github-actions.*|"
    r"(?:svc|srv|service)[-_.].*|deploy.*|monitoring|supervision|"
    r"alertes?|cron|daemon|robot|scheduler|nagios|zabbix|centreon|sentry|pagerduty|opsgenie|"
    r"jira|confluence)$",
    re.IGNORECASE,
)

# the private addresses forges give people who hide their own: a person commits from
# "12345678+zlefevre@users.noreply.github.com" (their bots too: "…+dependabot[bot]@…")
_PEOPLES_NOREPLY = frozenset({"users.noreply.github.com", "users.noreply.gitlab.com"})


# a mailing list's own addresses ("billettique-request", "dev-bounces"; not a person's
# "anne.lefevre+list-bounces", nor a role's "product-owner")
_LIST_ADDRESS = re.compile(r"^([a-z0-9][a-z0-9.]*)-(?:request|bounces)$")
_LIST_NAME = re.compile(r"\b(?:list[es]?|mailman|digest)\b", re.IGNORECASE)


def looks_like_bot(name: str | None = None, email: str | None = None) -> bool:
    """True for names and addresses that service accounts use (dependabot, noreply@, CI)."""
    if name and _BOT_NAME.search(name):
        return True
    if email and "@" in email:
        local, domain = email.lower().rsplit("@", 1)
        listed = _LIST_ADDRESS.match(local)
        if listed and (not name or _LIST_NAME.search(name) or listed.group(1) in name.lower()):
            return True  # (a list's own address: "billettique-request@", "Liste billettique")
        if domain in _PEOPLES_NOREPLY:
            return bool(_BOT_EMAIL_LOCAL.match(local)) or local.endswith("[bot]")
        return bool(_BOT_EMAIL_LOCAL.match(local)) or "noreply" in email.lower()
    return False


# a mailbox that is no one person: a role mailbox (RFC 2142's and a company's usual ones), a
# team's list joined by a hyphen or an underscore ("equipe-infra@", "data_team@"; a dot joins
# a person's names: "benjamin.list@", "it.nguyen@"), or a list server's address; such a
# recipient became a "person" named "equipe" or "direction", counted in the network
_GROUP_MAILBOX = re.compile(
    r"^(?:(?:info|marketing|sales|support|abuse|noc|security|hostmaster|webmaster|it|ops|devops|"
    r"dev|sre|engineering|data|infra|team|teams|staff|all|everyone|tous|equipe|direction|codir|"
    r"rh|hr|finance|finances|compta|comptabilite|accounting|admin|contact|hello|helpdesk|"
    r"servicedesk|itsupport|securite|dsi|informatique|exploitation|astreinte|oncall|commercial|"
    r"ventes|achat|achats|purchasing|paie|payroll|legal|juridique|announce|annonces|platform|"
    r"plateforme|leadership|management|managers|board|treasury|tresorerie|product|produit|"
    r"design|qa|architecture|backend|frontend|mobile|network|reseau|logistics|logistique|"
    r"operations|procurement|communication|communications|press|presse|recrutement|jobs|"
    r"actualites|events|evenements|webinars?|mailing|updates|infosec)"
    r"(?:[-_+][^@.]*)?|[^@.]*[-_](?:team|all|list|liste|equipe|group|groupe|dl|astreinte|"
    r"oncall|on-call|support|helpdesk|hotline|secretariat)|"
    # a publication's ("newsletter@", "infos-rh@", "actu@"; a letter's name after a dot too:
    # "lettre.dsi@")
    r"(?:newsletters?|news|lettre|infolettre|bulletin|actus?|infos?)(?:[-_+][^@]*)?|"
    r"lettre\.[^@]*)$",
    re.IGNORECASE,
)
_LIST_SERVERS = ("lists.", "googlegroups.com", "groups.io")


def group_mailbox(email: str) -> bool:
    """Whether ``email`` is a team's or a role's mailbox rather than a person's."""
    local, _, domain = email.lower().rpartition("@")
    return (
        bool(_GROUP_MAILBOX.match(local))
        or domain.startswith(_LIST_SERVERS[0])
        or (domain.endswith(_LIST_SERVERS[1:]))
    )


# what a relay adds to the name of the person it sends for ("Katrin Vogel (Jira)", "Lucas
# Moreau via GitHub", "'Ann Lee' via dev")
_RELAY_MARK = re.compile(
    r"\s*\((?i:jira|confluence|github|gitlab|gerrit|code review|bitbucket|jenkins|via [^)]+)\)\s*$"
)
# a list or a group that rewrites its senders ("Ann Lee via dev", "'Ann' via Users"): "via"
# in lower case and a list's address ("Octavio Via Lopez <octavio@…>" is a person's name)
_VIA = re.compile(r"\s+via\s+(\S.*)$")
# the forges' notification senders, which write as the person who acted ("Lucas Moreau
# <notifications@github.com>")
_FORGE_RELAYS = ("github.com", "gitlab.com")
# a self-hosted forge's or tracker's sender ("Katrin Vogel <gitlab@acme.example>", "Ann Lee
# (Code Review) <gerrit@acme.example>"): the tool's name is its address
_RELAY_MAILBOX = re.compile(
    r"(?:gitlab|github|gerrit|gitea|bitbucket|jira|confluence|redmine|youtrack)(?:[-_.]\w+)?",
    re.IGNORECASE,
)
_SERVICES = frozenset({"github", "gitlab", "gitbox", "jira", "confluence", "bitbucket"})


def _lists_as(group: str, email: str) -> bool:
    """Whether a "via" group is the address's own mailbox ("… via Geoia-l" <geoia-l@listes…>:
    Mailman's rewritten sender, whatever the list is called; a Québec lab's list had made a
    person of a member's name)."""
    local = email.lower().rpartition("@")[0]
    return re.sub(r"[\s_.]+", "-", group.strip(" '\"").lower()) == re.sub(r"[_.]", "-", local)


def relayed_person(name: str | None, email: str | None) -> str | None:
    """The person a relayed message was sent for, when its sender is a relay: a tracker's,
    a forge's or a list's ("Katrin Vogel (Jira) <jira@apache.org>", "Lucas Moreau
    <notifications@github.com>", "Ann Lee via dev <dev@lists.example.org>"): the relay's one
    address carries every actor's name, and made one "person" of them all. None otherwise."""
    if not name or not email or "@" not in email:
        return None
    actor = _RELAY_MARK.sub("", name)
    via = _VIA.search(actor)
    if group_mailbox(email) or looks_like_bot(email=email) or (via and _lists_as(via[1], email)):
        actor = _VIA.sub("", actor)
    actor = actor.strip(" '\"")
    domain = email.lower().rpartition("@")[2]
    local = email.lower().rpartition("@")[0]
    relayed = (
        actor != name.strip()
        or (
            (domain in _FORGE_RELAYS or domain.split(".")[0] in ("github", "gitlab"))
            and looks_like_bot(email=email)
        )
        or (_RELAY_MAILBOX.fullmatch(local) is not None and len(actor.split()) >= 2)
    )
    if not relayed or len(actor) < 2 or looks_like_bot(name=actor) or actor.casefold() in _SERVICES:
        return None
    return actor


# GitLab project and group access tokens act as users named "project_42_bot_<hash>"
_TOKEN_BOT = re.compile(r"(?:^|[_-])bot(?:[_-]|\d|$)")


def bot_login(login: str | None, kind: str | None = None) -> bool:
    """True for a forge account that is a bot: type "Bot", a login ending "[bot]", a known
    service-account name (dependabot, renovate, gitlab-ci, ...)."""
    if kind and kind.lower() == "bot":
        return True
    if not login:
        return False
    lowered = login.lower()
    return lowered.endswith("[bot]") or bool(_TOKEN_BOT.search(lowered)) or looks_like_bot(login)
