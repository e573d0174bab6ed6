"""The alignment findings of the board on screen, worked out in a worker thread.

After every change of the board the findings are computed again, once the screen shows the
change and the board is saved (so the thread slows down neither). On a large board the run waits
until the keys have been quiet for a moment: the thread competes with the screen for the
interpreter, and a burst of keys should not pay for every step. One run at a time: when the board
changes meanwhile, the next starts when this one is done. The result is posted to every screen as
a `FindingsReady` message (the board shows markers, the insights screen lists them).
"""

from __future__ import annotations

from datetime import date
from functools import partial

from textual.screen import Screen
from textual.timer import Timer
from textual.worker import get_current_worker

from .. import insights, view
from ..insights import Finding
from ..model import Board
from ..session import UNSAVED, BoardSession
from .host import host
from .messages import FindingsReady

QUIET_FROM = 1000
"""From this many ambitions on, the findings are worked out once the keys are quiet."""
QUIET_SECONDS = 0.4


class FindingsWork:
    """Keeps the findings of `board_session`'s board up to date, working on `screen`."""

    def __init__(self, screen: Screen, board_session: BoardSession) -> None:
        self.screen = screen
        self.session = board_session
        self.found: list[Finding] | None = None
        """The findings about `board` (None until the first computation is done)."""
        self.board: Board | None = None
        """The board the findings were computed for."""
        self.busy = False
        self.queued = False
        self.timer: Timer | None = None

    @property
    def current(self) -> list[Finding] | None:
        """The findings of the board as it is now, or None while they are being worked out."""
        return self.found if self.board is self.session.board else None

    def refresh(self) -> None:
        """Work out the findings of the board now shown (see the module docstring)."""
        if self.session.board is self.board or self.busy:
            return
        if len(self.session.board.ambitions) >= QUIET_FROM:
            if self.timer is not None:
                self.timer.stop()
            self.timer = self.screen.set_timer(QUIET_SECONDS, self.start)
        elif not self.queued:
            self.queued = True
            self.screen.call_after_refresh(self.start)

    def wanted_now(self) -> None:
        """Someone waits for the findings: start without waiting for quiet keys."""
        if self.current is None and not self.busy:
            if self.timer is not None:
                self.timer.stop()
            self.start()

    def start(self) -> None:
        if self.session.state == UNSAVED:
            self.screen.call_after_refresh(self.start)  # after the save, which is queued
            return
        self.queued = False
        self.timer = None
        board = self.session.board
        if board is self.board or self.busy:
            return
        self.busy = True
        work = partial(self._compute, board, self.session.today)
        self.screen.run_worker(
            work,
            thread=True,
            exclusive=True,
            group="insights",
            description="findings",  # else Textual describes it by repr(work): the whole board
            exit_on_error=False,
        )

    def _compute(self, board: Board, today: date) -> None:
        found = insights.findings(board, today)
        marks = view.record_marks(found)
        if not get_current_worker().is_cancelled:
            host(self.screen).broadcast(
                lambda: FindingsReady(board, today, found, marks, self.session)
            )

    def done(self, message: FindingsReady) -> None:
        """Take the result of a run; start the next when the board changed meanwhile."""
        self.busy = False
        self.found = message.found
        self.board = message.board
        if self.session.board is not message.board:
            self.refresh()
