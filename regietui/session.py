"""BoardSession: one board being edited — its store, undo/redo, saving and outside changes.

Every edit, from the CLI or the TUI, is one path: `apply` runs an operation of `regietui.ops` (or
`triage.decide`, ...) on the board, remembers it for undo and tells the listeners; `save` writes
the board and adopts whatever the store merged in from others; `follow_disk` picks up what
another session or a `git pull` wrote. A session without a store is a board that is never saved
(a what-if scenario): everything but saving works the same. A session `as_of` a git revision
(`BoardSession.past`, `regietui --at`) shows the board as it was and refuses every edit.

The rules of what a move needs (a review date for parked, a reason for rejected, a yes for
withdrawn) and the review date offered by default live here once, for every screen that parks.

Listeners are plain callables that get a `Changed` (what changed and why); the TUI turns them
into Textual messages. Nothing here imports Textual.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from . import history, ops
from .i18n import EN
from .model import Ambition, Board, Event, Status, human_id
from .store import BoardError, BoardStore, Read, Saved, Stamp, atomic_write, board_text
from .wording import Phrase, phrase

EDIT = "edit"
UNDO = "undo"
REDO = "redo"
OUTSIDE = "outside"
"""Another session (or a git pull) wrote the file and the session read it."""
MERGE = "merge"
"""A save merged what others wrote meanwhile into the session's own change."""

SAVED = "saved"
UNSAVED = "unsaved"
MERGED = "merged"
RELOADED = "reloaded"
ERROR = "error"
READ_ONLY = "read_only"

REVIEW_AFTER = timedelta(days=90)
"""A card parked without a (future) review date is offered one this far from today."""

NEEDS_REVIEW = "review"
NEEDS_REASON = "reason"
NEEDS_CONFIRM = "confirm"
MOVE_NEEDS: dict[Status, str] = {
    Status.PARKED: NEEDS_REVIEW,
    Status.REJECTED: NEEDS_REASON,
    Status.WITHDRAWN: NEEDS_CONFIRM,
}
"""What a move to a status asks of the user before it is done."""


class ReadOnlyError(ops.OpError):
    """An edit of a board whose file we may not write."""


@dataclass(frozen=True)
class Changed:
    """What a listener is told: the board before and after, and why it changed.

    `change` is the operation for an edit, undo or redo; `what` names it for the user
    (`move A-3f9kq`); `conflicts` counts the merge conflicts of a save that merged."""

    why: str
    before: Board
    after: Board
    change: ops.Change | None = None
    what: Phrase | str = ""
    conflicts: int = 0

    @property
    def arrivals(self) -> list[Event]:
        """The events others added (after an outside change or a merge), oldest first."""
        return [event for _, event in history.arrivals(self.before, self.after)]


@dataclass(frozen=True)
class Done:
    """An entry of the undo or redo stack: the change and what the user did."""

    change: ops.Change
    what: Phrase


def describe(change: ops.Change) -> Phrase:
    """What a change did, for undo's messages: `move A-3f9kq` / `A-3f9kq verplaatst`."""
    table, key, _ = change.after[0]
    action = change.event.action
    known = f"did.{action}" in EN
    return phrase(f"did.{action}" if known else "did.other", id=human_id(table, key), action=action)


def move_needs(status: Status | str) -> str | None:
    """`review`, `reason` or `confirm`: what a move to `status` asks first (None: nothing)."""
    return MOVE_NEEDS.get(Status(status))


def default_review(amb: Ambition, today: date) -> date:
    """The review date offered when parking: the card's own if still ahead, else in 90 days."""
    if amb.review is not None and amb.review > today:
        return amb.review
    return today + REVIEW_AFTER


def parse_review(text: str) -> date | None:
    """A review date typed by the user (blank: None, the default applies); ValueError if bad."""
    text = text.strip()
    return date.fromisoformat(text) if text else None


Listener = Callable[[Changed], None]


@dataclass
class BoardSession:
    """A board with its store (None: never saved), undo/redo and listeners."""

    board: Board
    store: BoardStore | None = None
    actor: ops.Actor = field(default_factory=lambda: ops.Actor())
    today: date = field(default_factory=date.today)
    undo_stack: list[Done] = field(default_factory=list)
    redo_stack: list[Done] = field(default_factory=list)
    listeners: list[Listener] = field(default_factory=list)
    state: str = SAVED
    """The save state: saved, unsaved, merged, reloaded, error or read_only."""
    problem: str = ""
    """Why the last save or read failed (with state `error`)."""
    conflicts: int = 0
    """The merge conflicts of the last save that merged."""
    as_of: str = ""
    """The board as it was at a git revision or date (`HEAD~1 (3f9c2ab, 2026-11-20)`): shown,
    never changed or saved."""
    _bad_stamp: Stamp | None = None

    @classmethod
    def open(
        cls, store: BoardStore, actor: ops.Actor | None = None, today: date | None = None
    ) -> BoardSession:
        """The session of a board file (read now unless the store has read it already)."""
        board = store.base if store.base is not None else store.load()
        session = cls(board, store, actor or ops.Actor(), today or date.today())
        session.state = READ_ONLY if store.read_only else SAVED
        return session

    # --- state -----------------------------------------------------------------------------------

    @classmethod
    def past(cls, board: Board, as_of: str, today: date | None = None) -> BoardSession:
        """The board as it was (`as_of` names the moment): read-only, with no store."""
        return cls(board, None, today=today or date.today(), state=READ_ONLY, as_of=as_of)

    @property
    def read_only(self) -> bool:
        return bool(self.as_of) or (self.store is not None and self.store.read_only)

    def _refuse(self) -> None:
        if self.as_of:
            raise ReadOnlyError(phrase("error.as_of", moment=self.as_of))
        if self.read_only:
            assert self.store is not None
            raise ReadOnlyError(phrase("error.read_only", path=self.store.path))

    @property
    def dirty(self) -> bool:
        """The board holds a change that is not in the file (yet)."""
        return self.store is not None and self.board is not self.store.base

    def _tell(self, changed: Changed) -> None:
        for listener in list(self.listeners):
            listener(changed)

    def _become(self, board: Board, why: str, **details: object) -> Changed:
        changed = Changed(why, self.board, board, **details)  # type: ignore[arg-type]
        self.board = board
        if why in (EDIT, UNDO, REDO) and self.store is not None:
            self.state = UNSAVED
        self._tell(changed)
        return changed

    # --- editing ---------------------------------------------------------------------------------

    def apply(self, operation: Callable[[Board], ops.Change], undoable: bool = True) -> ops.Change:
        """Run an operation on the board and adopt its result; raises `OpError`,
        `lookup.InputError` or `ReadOnlyError` and leaves the board as it was. A bookkeeping
        change (the mark of a finished triage) is not `undoable` and leaves the stacks alone."""
        self._refuse()
        change = operation(self.board)
        what = describe(change)
        if undoable:
            self.undo_stack.append(Done(change, what))
            self.redo_stack.clear()
        self._become(change.board, EDIT, change=change, what=what)
        return change

    def undo(self) -> Changed | None:
        """Reverse the last change (None: nothing to undo); raises `OpError` when it cannot."""
        return self._reverse(self.undo_stack, self.redo_stack, UNDO)

    def redo(self) -> Changed | None:
        """Do the last undone change again (None: nothing to redo)."""
        return self._reverse(self.redo_stack, self.undo_stack, REDO)

    def _reverse(self, source: list[Done], target: list[Done], why: str) -> Changed | None:
        self._refuse()
        if not source:
            return None
        done = source[-1]
        reverse = ops.undo(self.board, done.change, self.actor)
        source.pop()
        target.append(Done(reverse, done.what))
        return self._become(reverse.board, why, change=reverse, what=done.what)

    def follow(self, board: Board) -> Changed:
        """Show a board worked out elsewhere (a scenario's, after its plan changed); listeners
        hear it as an outside change. The undo stack stays: undo works field by field."""
        return self._become(board, OUTSIDE)

    def last_change(self) -> ops.Change | None:
        """The change undo would reverse now."""
        return self.undo_stack[-1].change if self.undo_stack else None

    # --- the file --------------------------------------------------------------------------------

    def save(self) -> Saved | None:
        """Write the board (a session without a store keeps it in memory: None); adopt what the
        store merged in. A failure sets state `error` with the reason in `problem` and raises
        the `BoardError`; the board keeps the change, and the next save merges it."""
        if self.store is None:
            return None
        try:
            saved = self.store.save(self.board)
        except BoardError as err:
            self.state, self.problem = ERROR, str(err)
            raise
        self.problem = ""
        if saved.merged:
            self.state, self.conflicts = MERGED, len(saved.conflicts)
            self._become(saved.board, MERGE, conflicts=len(saved.conflicts))
        else:
            self.state = SAVED
        return saved

    def save_copy(self, now: datetime | None = None) -> Path:
        """Write the board as it is in this session to a new file next to the board
        (`demo.unsaved-20261130-031500.json`), for when the board itself cannot be written (it
        became unreadable, vanished or newer): the changes are kept, the board's file is not
        touched. Raises `BoardError` naming the copy when that cannot be written either."""
        assert self.store is not None, "a session without a file has nothing to copy beside"
        board_path = self.store.path
        stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
        copy = board_path.with_name(f"{board_path.stem}.unsaved-{stamp}{board_path.suffix}")
        atomic_write(copy, board_text(self.board))
        return copy

    def follow_disk(self) -> bool:
        """Adopt what another session (or a git pull) wrote; merge it into an unsaved change of
        our own by saving. True when something happened (see `state`). A broken file is
        reported once (state `error`), until it changes again.

        The same in three steps, for a caller that reads off its event loop: `outside_change`
        says whether to read, `read_outside` reads (in any thread), `adopt_outside` takes it."""
        stamp = self.outside_change()
        if stamp is None:
            return False
        if self.must_merge:
            return self.merge_outside(stamp)
        return self.adopt_outside(stamp, self.read_outside())

    def outside_change(self) -> Stamp | None:
        """The file's stamp when someone else changed it and it was not read yet (one `stat`);
        None when there is nothing to follow (also: the same broken file as last time)."""
        store = self.store
        if store is None or not store.changed_on_disk():
            return None
        stamp = Stamp.of(store.path)
        return None if stamp == self._bad_stamp else stamp

    @property
    def must_merge(self) -> bool:
        """Our last change is not on disk (its save failed): following the file means saving,
        which merges the two (`merge_outside`), not reading over it."""
        return self.dirty and self.store is not None and not self.store.read_only

    def merge_outside(self, stamp: Stamp | None) -> bool:
        with contextlib.suppress(BoardError):  # said in `state` and `problem`
            self.save()
        self._bad_stamp = stamp if self.state == ERROR else None
        return True

    def read_outside(self) -> Read | BoardError:
        """Read and validate the file as it is now, changing nothing: safe in a worker thread.
        Unchanged records are kept as they are, so this costs what changed, not the board."""
        assert self.store is not None
        try:
            return self.store.read()
        except BoardError as err:
            return err

    def adopt_outside(self, stamp: Stamp | None, read: Read | BoardError) -> bool:
        """Take what `read_outside` returned (cheap: no parsing): the board, or the error
        reported once until the file changes again. True (something happened)."""
        assert self.store is not None
        if isinstance(read, BoardError):
            self._bad_stamp = stamp
            self.state, self.problem = ERROR, str(read)
            return True
        board = self.store.take(read)
        self._bad_stamp = None
        self.state = RELOADED
        self._become(board, OUTSIDE)
        return True
