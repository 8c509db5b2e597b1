"""Who an answer says has left, and who is outside the organisation, read once per store
generation (and day: a departure dated later passes)."""

from __future__ import annotations

from datetime import date

from whoknows.identity.outsiders import outside_people
from whoknows.services.workspace import Workspace


class Standing:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def gone(self) -> frozenset[int]:
        """The people the directory says have left: listed after those still here."""
        return self.workspace.per_generation(f"gone:{date.today().isoformat()}", self._left)

    def _left(self, _: object) -> frozenset[int]:
        people = self.workspace.directory().people
        return frozenset(person for person, info in people.items() if info.left)

    def apart(self) -> tuple[frozenset[int], frozenset[int]]:
        """:meth:`gone` and :meth:`outside`."""
        return self.gone(), self.outside()

    def outside(self) -> frozenset[int]:
        """The people outside the organisation (``identity.outsiders``), said so in answers."""
        return self.workspace.per_generation("outside", outside_people)


__all__ = ["Standing"]
