"""'Who knows?' where people already ask: a Slack slash command and a Microsoft Teams bot.

- :mod:`whoknows.chat.answer`: the platform-neutral answer (people or departments) and the
  parsing of "route <question>" / "help";
- :mod:`whoknows.chat.slack`: signing-secret verification, the slash command, Block Kit;
- :mod:`whoknows.chat.teams`: Bot Framework token verification, the Activity, Adaptive Cards;
- :mod:`whoknows.chat.notify`: delivery of routed questions and late answers (the only
  network calls, in one function);
- :mod:`whoknows.chat.deferred`: answering within Slack's three seconds.

The HTTP routes are in ``whoknows.web.routes.integrations``; docs/chat.md explains set-up.
"""
