"""Pure operations on a board: each returns the new board, one event and what undoes it.

Every operation is built on `_apply`, which sets or removes records, checks the references of
exactly those records, and appends one `Event` describing field changes from → to. Undo and redo
are the same operation run with before and after swapped (`undo`), restricted to the fields the
original change touched, so an undo does not clobber what someone else merged in meanwhile.
"""

from __future__ import annotations

import dataclasses
import getpass
import os
import random
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .history import RESOLVED, WHOLE_RECORD, OpenConflict
from .model import (
    EVENT_KEY_LENGTH,
    FLOW,
    META_KEY,
    NATURAL_KEYS,
    NOUNS,
    TABLES,
    Ambition,
    Board,
    Body,
    Coverage,
    Decision,
    Event,
    Link,
    Quarter,
    Record,
    Status,
    human_id,
    natural_key,
    new_key,
    references,
    with_schema,
)
from .validation import Why, invalid, problem_phrase
from .wording import Label, Listing, Noun, Said, Word, phrase, value_words


class OpError(Said, ValueError):
    """An operation that cannot be done, as one sentence naming the record and field."""


def git_user_name(folder: Path | None = None) -> str:
    """`git config user.name` as git answers it in `folder` (its repository's own setting, else
    the global one); empty when git has none, is missing or the folder is gone."""
    try:
        done = subprocess.run(
            ["git", "config", "user.name"],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=2,
            check=False,
        )
    except (OSError, subprocess.SubprocessError, ValueError):
        return ""
    return done.stdout.strip()


@cache
def default_author(folder: Path | None = None, configured: str | None = None) -> str:
    """Who the history credits: `git config user.name` of the repository holding the board
    (`folder`; so the board's history and its git commits name the same person, wherever the app
    was started), else the name in the settings (`configured`), else the login name."""
    return (
        git_user_name(folder)
        or (configured or "").strip()
        or os.environ.get("USER")
        or getpass.getuser()
        or "unknown"
    )


@dataclass
class Actor:
    """Who acts, their clock and their source of randomness (tests pin all three)."""

    author: str = field(default_factory=default_author)
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    rng: random.Random | None = None

    def key(self, existing: Mapping[str, Any], length: int = 5) -> str:
        return new_key(existing, length, self.rng)


Snapshot = tuple[tuple[str, str, Record | None], ...]
"""(table, key, record or None) for every record an operation touched."""


@dataclass(frozen=True)
class Change:
    """The result of an operation: the new board, its event, and the records before and after."""

    board: Board
    event_key: str
    event: Event
    before: Snapshot
    after: Snapshot

    @property
    def key(self) -> str:
        """The key of the (first) record the change is about."""
        return self.after[0][1]


EMPTY: tuple[Any, ...] = (None, "", [], {})


def _diff(before: Record | None, after: Record | None) -> dict[str, tuple[Any, Any]]:
    """Field name → (old, new) for every field that changed; empty and absent count as equal."""
    old = before.to_doc() if before else {}
    new = after.to_doc() if after else {}
    return {
        name: (old.get(name), new.get(name))
        for name in sorted(old.keys() | new.keys())
        if old.get(name) != new.get(name)
        and not (old.get(name) in EMPTY and new.get(name) in EMPTY)
    }


def _apply(
    board: Board,
    records: list[tuple[str, str, Record | None]],
    actor: Actor,
    action: str,
    text: str | None = None,
) -> Change:
    before: list[tuple[str, str, Record | None]] = []
    changes: dict[str, tuple[Any, Any]] = {}
    for table, key, record in records:
        old = board.table(table).get(key)
        before.append((table, key, old))
        board = board.with_record(table, key, record)
        changes.update(_diff(old, record))
        if record is not None and table in NOUNS:
            problems = board.record_problems(table, key)
            if problems:
                raise OpError(problem_phrase(problems[0]))
    board = with_schema(board)
    table, key, record = records[0]
    shown = record or before[0][2]
    event = Event(
        at=actor.clock(),
        author=actor.author,
        action=action,
        table=table,
        record=key,
        title=getattr(shown, "title", getattr(shown, "name", "")),
        changes=changes,
        text=text,
    )
    event_key = actor.key(board.events, EVENT_KEY_LENGTH)
    board = board.with_record("events", event_key, event)
    return Change(board, event_key, event, tuple(before), tuple(records))


def put(
    board: Board,
    table: str,
    key: str,
    record: Record,
    actor: Actor,
    action: str,
    text: str | None = None,
) -> Change:
    """Set a whole record whose field changes are too bulky for the history (a scenario's list
    of changes): the event says `text` and names no field values."""
    change = _apply(board, [(table, key, record)], actor, action, text)
    event = change.event.model_copy(update={"changes": {}})
    board = change.board.with_record("events", change.event_key, event)
    return dataclasses.replace(change, board=board, event=event)


def apply_each(
    board: Board,
    records: list[tuple[str, str, Record | None]],
    actor: Actor,
    action: str,
    text: str | None = None,
) -> Change:
    """Set several records in order as one change with one event per record (an adopted
    scenario); undo takes them all back as one."""
    steps: list[Change] = []
    for table, key, record in records:
        steps.append(_apply(board, [(table, key, record)], actor, action, text))
        board = steps[-1].board
    first = steps[0]
    before = tuple(step.before[0] for step in steps)
    return Change(board, first.event_key, first.event, before, tuple(records))


def _build(table: str, key: str, doc: Mapping[str, Any], new: bool = False) -> Record:
    """Validate a record, turning pydantic's report into one sentence naming record and field
    (a new record with a random key is called "(new)": its id means nothing to anyone yet)."""
    try:
        return TABLES[table].model_validate(dict(doc))
    except ValidationError as err:
        shown = "" if new and table not in NATURAL_KEYS else key
        raise OpError(invalid(table, shown, err)) from None


def _get(board: Board, table: str, key: str) -> Record:
    try:
        return board.table(table)[key]
    except KeyError:
        missing = phrase("error.no_record", noun=Noun(table), id=human_id(table, key))
        raise OpError(missing) from None


# --- generic -------------------------------------------------------------------------------------


def add(
    board: Board, table: str, fields: Mapping[str, Any], actor: Actor, key: str | None = None
) -> Change:
    """Add a record under `key`: random, except for municipalities (CBS code) and themes."""
    records = board.table(table)
    if table in NATURAL_KEYS:
        try:
            key = natural_key(table, key or "")
        except ValueError as err:
            raise OpError(err) from None
    key = key or actor.key(records)
    if key in records:
        raise OpError(phrase("error.exists", noun=Noun(table), id=human_id(table, key)))
    return _apply(board, [(table, key, _build(table, key, fields, new=True))], actor, "add")


def edit(
    board: Board,
    table: str,
    key: str,
    fields: Mapping[str, Any],
    actor: Actor,
    action: str = "edit",
    text: str | None = None,
) -> Change:
    """Change some fields of a record; a value of None clears the field."""
    current = _get(board, table, key)
    doc = current.model_dump(exclude_none=True)
    for name, value in fields.items():
        if name not in TABLES[table].model_fields:
            raise OpError(phrase("error.no_field", noun=Noun(table), name=repr(name)))
        if value is None:
            doc.pop(name, None)
        else:
            doc[name] = value
    return _apply(board, [(table, key, _build(table, key, doc))], actor, action, text)


def delete(board: Board, table: str, key: str, actor: Actor) -> Change:
    """Remove a record nothing else refers to."""
    _get(board, table, key)
    users = _users(board, table, key)
    if users:
        names = Listing(tuple(human_id(t, k) for t, k in users), limit=5)
        raise OpError(phrase("error.still_used", id=human_id(table, key), names=names))
    return _apply(board, [(table, key, None)], actor, "delete")


def _users(board: Board, table: str, key: str) -> list[tuple[str, str]]:
    """The ambitions and roadmap items that refer to record `key` of `table`."""
    return [
        (name, k)
        for name in ("ambitions", "roadmap")
        for k, record in board.table(name).items()
        if any((target, ref) == (table, key) for _, target, ref in references(name, record))
    ]


# --- ambitions -----------------------------------------------------------------------------------


def move(
    board: Board,
    key: str,
    status: Status | str,
    actor: Actor,
    reason: str | None = None,
    review: date | str | None = None,
    note: str | None = None,
) -> Change:
    """Move an ambition to another status; parked needs a review date, rejected a reason.

    `note` is kept in the event only (e.g. what the triage meeting said); `reason` also goes on
    the card as its status reason."""
    amb = _ambition(board, key)
    try:
        status = Status(status)
    except ValueError:
        choices = ", ".join(s.value for s in Status)
        unknown = phrase("error.unknown_status", status=repr(status), choices=choices)
        raise OpError(unknown) from None
    if status is amb.status:
        word = Word(f"status.{status.value}")
        raise OpError(phrase("error.already", id=human_id("ambitions", key), status=word))
    fields: dict[str, Any] = {"status": status}
    if reason:
        fields["status_reason"] = reason
    elif status in FLOW:
        fields["status_reason"] = None
    if review is not None:
        fields["review"] = review
    text = "; ".join(part for part in (reason, note) if part) or None
    return edit(board, "ambitions", key, fields, actor, action="move", text=text)


def step(board: Board, key: str, direction: int) -> Status | None:
    """The status one column left (-1) or right (+1) in the main flow, if any.

    A card in a side column steps back into the flow at Wish (right) or stays (left).
    """
    status = _ambition(board, key).status
    if status not in FLOW:
        return Status.WISH if direction > 0 else None
    index = FLOW.index(status) + direction
    return FLOW[index] if 0 <= index < len(FLOW) else None


def link(
    board: Board,
    key: str,
    roadmap_key: str,
    actor: Actor,
    coverage: Coverage | str = Coverage.FULL,
) -> Change:
    amb = _ambition(board, key)
    _get(board, "roadmap", roadmap_key)
    if roadmap_key in amb.linked:
        ids = {"id": human_id("ambitions", key), "item": human_id("roadmap", roadmap_key)}
        raise OpError(phrase("error.already_linked", **ids))
    links = [*amb.links, Link(roadmap=roadmap_key, coverage=Coverage(coverage))]
    return edit(board, "ambitions", key, {"links": links}, actor, action="link")


def unlink(board: Board, key: str, roadmap_key: str, actor: Actor) -> Change:
    amb = _ambition(board, key)
    if roadmap_key not in amb.linked:
        ids = {"id": human_id("ambitions", key), "item": human_id("roadmap", roadmap_key)}
        raise OpError(phrase("error.not_linked", **ids))
    links = [ln for ln in amb.links if ln.roadmap != roadmap_key]
    return edit(board, "ambitions", key, {"links": links}, actor, action="unlink")


def bundle(board: Board, fields: Mapping[str, Any], members: list[str], actor: Actor) -> Change:
    """One shared roadmap item for several ambitions: add the item (`fields`) and link every
    ambition of `members` to it, as one change, so one undo takes the whole bundle back. The
    event is on the new item; its text names the ambitions linked."""
    if len(set(members)) < 2:
        raise OpError(phrase("error.bundle_two"))
    key = actor.key(board.roadmap)
    records: list[tuple[str, str, Record | None]] = [
        ("roadmap", key, _build("roadmap", key, fields, new=True))
    ]
    for member in dict.fromkeys(members):
        amb = _ambition(board, member)
        doc = amb.model_dump(exclude_none=True)
        doc["links"] = [*amb.links, Link(roadmap=key)]
        records.append(("ambitions", member, _build("ambitions", member, doc)))
    names = ", ".join(human_id("ambitions", m) for m in dict.fromkeys(members))
    return _apply(board, records, actor, "bundle", text=f"links {names}")


def decide(
    board: Board,
    key: str,
    body: Body | str,
    text: str,
    actor: Actor,
    on: date | None = None,
) -> Change:
    """Record a decision of a governing body on an ambition."""
    _ambition(board, key)
    try:
        decision = Decision(date=on or actor.clock().date(), body=Body(body), text=text)
    except ValidationError as err:
        first = err.errors()[0]
        field = ".".join(map(str, first["loc"]))
        why = phrase("error.record", what=Label(field), why=Why(first))
        raise OpError(phrase("error.decision_on", id=human_id("ambitions", key), why=why)) from None
    except ValueError as err:
        raise OpError(phrase("error.decision_on", id=human_id("ambitions", key), why=err)) from None
    return edit(board, "ambitions", key, {"decision": decision}, actor, action="decide", text=text)


def _ambition(board: Board, key: str) -> Ambition:
    record = _get(board, "ambitions", key)
    assert isinstance(record, Ambition)
    return record


def set_capacity(board: Board, quarter: Quarter | str, amount: float, actor: Actor) -> Change:
    """Set the cooperative's capacity for one quarter (key = the quarter, e.g. 2027-Q1)."""
    try:
        quarter = quarter if isinstance(quarter, Quarter) else Quarter.parse(quarter)
    except ValueError:
        raise OpError(phrase("error.quarter", text=repr(str(quarter)))) from None
    key = str(quarter)
    record = _build("capacity", key, {"amount": amount})
    return _apply(board, [("capacity", key, record)], actor, "capacity")


def mark(board: Board, actor: Actor, action: str, text: str | None = None) -> Change:
    """Record a moment in the history without changing any record (the end of a triage session,
    say): one event with `action` and `text` on the board's settings (table `meta`), no fields."""
    return _apply(board, [("meta", META_KEY, board.meta)], actor, action, text)


# --- merge conflicts ----------------------------------------------------------------------------


def resolve_conflict(
    board: Board, conflict: OpenConflict, actor: Actor, take_other: bool
) -> Change:
    """Review a merge conflict: take the value the merge did not choose (for a whole record:
    delete it), or keep the merge's choice. The event is a `resolve` timed after the conflict
    (even when this clock is behind the one that merged) and names the field, which is what
    closes the conflict (`history.open_conflicts`)."""
    floor = conflict.event.at + timedelta(microseconds=1)
    clock = actor.clock
    actor = dataclasses.replace(actor, clock=lambda: max(clock(), floor))
    table, key, field = conflict.table, conflict.record, conflict.field
    if field == WHOLE_RECORD:
        if take_other:
            return delete(board, table, key, actor)
        record = _get(board, table, key)
        return _apply(board, [(table, key, record)], actor, "resolve", f"{RESOLVED}kept the record")
    value = conflict.other if take_other else conflict.kept
    note = f"{RESOLVED}kept {repr(value) if isinstance(value, str) else value_words(field, value)}"
    change = edit(board, table, key, {field: value}, actor, "resolve", note)
    if take_other:
        return change
    event = change.event.model_copy(update={"changes": {field: (value, value)}})
    board = change.board.with_record("events", change.event_key, event)
    return dataclasses.replace(change, board=board, event=event)


# --- undo / redo ---------------------------------------------------------------------------------


def undo(board: Board, change: Change, actor: Actor) -> Change:
    """Reverse `change` on the current board; undoing the returned change redoes it.

    Only the fields the change touched are put back, so edits merged in from others survive.
    """
    records: list[tuple[str, str, Record | None]] = []
    # Backwards: the last record set comes back first, so references stay whole at every step
    # (an adopted scenario linked ambitions to an item it added).
    pairs = zip(reversed(change.before), reversed(change.after), strict=True)
    for (table, key, old), (_, _, new) in pairs:
        current = board.table(table).get(key)
        if old is None or new is None or current is None:
            records.append((table, key, old))
            continue
        doc = current.model_dump(exclude_none=True)
        target = old.model_dump(exclude_none=True)
        for name in _diff(old, new):
            if name in target:
                doc[name] = target[name]
            else:
                doc.pop(name, None)
        records.append((table, key, _build(table, key, doc)))
    action = "redo" if change.event.action == "undo" else "undo"
    return _apply(board, records, actor, action, text=change.event.action)
