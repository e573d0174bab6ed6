"""Messages between the app's parts: the session's changes and the results of worker threads.

The session (`regietui.session`) tells its listeners what changed; the app turns each `Changed`
into a `BoardChanged` message posted to every screen, so the board, the changes view, insights
and triage each update themselves instead of being polled or pushed to. Workers post what they
worked out as messages too (`FindingsReady`), so results arrive on the screen's own queue.
"""

from __future__ import annotations

from datetime import date

from textual.message import Message

from ..insights import Finding
from ..model import Board
from ..session import EDIT, REDO, UNDO, BoardSession, Changed


class BoardChanged(Message):
    """The session's board changed: `why` is edit, undo, redo, outside or merge."""

    def __init__(self, changed: Changed) -> None:
        super().__init__()
        self.changed = changed

    @property
    def why(self) -> str:
        return self.changed.why

    @property
    def own(self) -> bool:
        """A change made in this session (to be saved), not one read from the file."""
        return self.why in (EDIT, UNDO, REDO)


class ScenarioChanged(BoardChanged):
    """A change of a what-if's own board (not the plan's): only its screen hears it."""


class FindingsReady(Message):
    """The alignment findings of `board` (as of `today`), worked out in a thread for the board
    of `session` (the plan's, or a what-if's)."""

    def __init__(
        self,
        board: Board,
        today: date,
        found: list[Finding],
        marks: dict,
        session: BoardSession | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.board = board
        self.today = today
        self.found = found
        self.marks = marks
