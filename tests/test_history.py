"""History in words for live sessions and the changes view: arrivals, summaries, events since a
date, and which merge conflicts are still open."""

from __future__ import annotations

import dataclasses
import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from hostile import leaks
from hypothesis import given
from hypothesis import strategies as st

from regietui import history, ops
from regietui.model import Board, Event
from regietui.store import BoardStore

T0 = datetime(2027, 1, 4, 9, 30, tzinfo=UTC)
"""When the `demo` fixture board was made (conftest.FIXED)."""


def make_actor(seed: int = 1, at: datetime = T0) -> ops.Actor:
    return ops.Actor(author="Test", clock=lambda: at, rng=random.Random(seed))


def _ticking(author: str, start: datetime, seed: int) -> ops.Actor:
    """An actor whose clock moves on a second per event (so "later" is well defined)."""
    ticks = iter(range(10**6))
    return ops.Actor(
        author=author, clock=lambda: start + timedelta(seconds=next(ticks)), rng=random.Random(seed)
    )


def _event(author: str, at: datetime, **fields: object) -> Event:
    base: dict[str, object] = {
        "action": "move",
        "table": "ambitions",
        "record": "3f9kq",
        "title": "Portaal",
        "changes": {"status": ("wish", "planned")},
    }
    return Event(at=at, author=author, **{**base, **fields})  # type: ignore[arg-type]


# --- arrivals and summaries ----------------------------------------------------------------------


def test_arrivals_are_the_events_the_old_board_lacks_oldest_first(demo: Any) -> None:
    jan = _ticking("Jan", T0, 3)
    later = ops.move(demo.board, demo.ipads, "exploring", jan).board
    later = ops.edit(later, "ambitions", demo.ipads, {"value": 3}, jan).board
    got = history.arrivals(demo.board, later)
    assert [ev.action for _, ev in got] == ["move", "edit"]
    assert all(key not in demo.board.events for key, _ in got)
    assert history.arrivals(later, later) == []


def test_summary_of_one_event_names_author_card_and_move() -> None:
    lines = history.summary([_event("Jan", T0)])
    assert lines == ["Jan: A-3f9kq 'Portaal' moved wish → planned"]


def test_summary_of_many_events_counts_and_names_the_first_few() -> None:
    events = [
        _event("Jan", T0),
        _event("Jan", T0, record="8bd2x", changes={"status": ("planned", "done")}),
        _event("Jan", T0, action="edit", changes={"value": (1, 4)}),
        _event("Jan", T0, action="add", record="zz9aa", changes={"title": (None, "Nieuw")}),
        _event("Els", T0, action="delete", record="7hh2k", changes={}),
    ]
    lines = history.summary(events, limit=3)
    assert lines[0] == (
        "Jan: 4 changes — A-3f9kq moved wish → planned, A-8bd2x moved planned → done,"
        " A-3f9kq value 1 → 4, …"
    )
    assert lines[1] == "Els: A-7hh2k 'Portaal' deleted"


def test_summary_caps_the_number_of_people() -> None:
    events = [_event(name, T0) for name in ("A", "B", "C", "D", "E", "F")]
    lines = history.summary(events, people=4)
    assert len(lines) == 4
    assert lines[-1] == "+ 3 more people"


def test_since_a_date_is_from_the_start_of_that_day_newest_first(demo: Any) -> None:
    board = demo.board  # every event at 2027-01-04 09:30
    jan = _ticking("Jan", datetime(2027, 1, 6, 0, 0, tzinfo=UTC), 5)
    board = ops.move(board, demo.ipads, "exploring", jan).board
    board = ops.move(board, demo.ipads, "deciding", jan).board
    got = history.since(board, date(2027, 1, 6))
    assert [ev.changes["status"][1] for _, ev in got] == ["deciding", "exploring"]
    assert len(history.since(board, date(2027, 1, 4))) == len(board.events)
    assert history.since(board, date(2027, 1, 7)) == []


def test_a_resolve_event_reads_as_one_sentence() -> None:
    event = _event(
        "Ann",
        T0,
        action="resolve",
        changes={"title": ("A", "B")},
        text=f"{history.RESOLVED}kept 'B'",
    )
    assert history.event_line(event) == (
        "A-3f9kq 'Portaal' merge conflict on title resolved (kept 'B') — Ann, 2027-01-04 09:30"
    )


# --- open conflicts ------------------------------------------------------------------------------


def _conflicted(tmp_path: Path, demo: Any) -> tuple[Board, str]:
    """Two sessions on one file change the same title: the second save merges, with a conflict."""
    path = tmp_path / "board.json"
    BoardStore(path).create(demo.board)
    ann, bob = BoardStore(path), BoardStore(path)
    a_board, b_board = ann.load(), bob.load()
    start = T0 + timedelta(days=1)
    a_change = ops.edit(
        a_board, "ambitions", demo.ipads, {"title": "iPads (Ann)"}, _ticking("Ann", start, 1)
    )
    b_change = ops.edit(
        b_board, "ambitions", demo.ipads, {"title": "iPads (Bob)"},
        _ticking("Bob", start + timedelta(minutes=1), 2),
    )  # fmt: skip
    ann.save(a_change.board)
    saved = bob.save(b_change.board)
    assert saved.merged and len(saved.conflicts) == 1
    return saved.board, demo.ipads


def test_a_merge_conflict_is_open_with_both_values(tmp_path: Path, demo: Any) -> None:
    board, key = _conflicted(tmp_path, demo)
    (found,) = history.open_conflicts(board)
    assert (found.table, found.record, found.field) == ("ambitions", key, "title")
    assert found.kept == board.ambitions[key].title == "iPads (Bob)"  # the later edit won
    assert found.other == "iPads (Ann)"
    assert (found.kept_by, found.other_by) == ("Bob", "Ann")


def test_flipping_through_a_resolve_edit_closes_the_conflict(tmp_path: Path, demo: Any) -> None:
    board, key = _conflicted(tmp_path, demo)
    (found,) = history.open_conflicts(board)
    later = _ticking("Cor", found.event.at + timedelta(seconds=1), 4)
    flipped = ops.edit(
        board, "ambitions", key, {"title": found.other}, later, "resolve", "conflict resolved: x"
    ).board
    assert flipped.ambitions[key].title == "iPads (Ann)"
    assert history.open_conflicts(flipped) == []


def test_keeping_names_the_field_and_closes_only_that_conflict(tmp_path: Path, demo: Any) -> None:
    board, key = _conflicted(tmp_path, demo)
    (found,) = history.open_conflicts(board)
    later = _ticking("Cor", found.event.at + timedelta(seconds=1), 4)
    change = ops.edit(board, "ambitions", key, {}, later, "resolve", "conflict resolved: kept")
    assert history.open_conflicts(change.board), "an event that names no field reviews nothing"
    event = change.event.model_copy(update={"changes": {"title": (found.kept, found.kept)}})
    kept = change.board.with_record("events", change.event_key, event)
    assert history.open_conflicts(kept) == []
    assert kept.ambitions[key].title == "iPads (Bob)"


def test_an_edit_of_another_field_leaves_the_conflict_open(tmp_path: Path, demo: Any) -> None:
    board, key = _conflicted(tmp_path, demo)
    (found,) = history.open_conflicts(board)
    later = _ticking("Cor", found.event.at + timedelta(seconds=1), 4)
    board = ops.edit(board, "ambitions", key, {"value": 2}, later).board
    assert len(history.open_conflicts(board)) == 1


def test_a_conflict_closes_when_the_value_changed_or_the_record_is_gone(
    tmp_path: Path, demo: Any
) -> None:
    board, key = _conflicted(tmp_path, demo)
    # changed by hand, without an event: the field no longer holds the merge's choice
    record = board.ambitions[key].model_copy(update={"title": "Iets anders"})
    assert history.open_conflicts(board.with_record("ambitions", key, record)) == []
    assert history.open_conflicts(board.with_record("ambitions", key, None)) == []


def test_an_event_before_the_conflict_does_not_review_it(tmp_path: Path, demo: Any) -> None:
    board, key = _conflicted(tmp_path, demo)
    (found,) = history.open_conflicts(board)
    early = _event(
        "Cor", found.event.at - timedelta(hours=1), action="edit", record=key,
        changes={"title": ("x", found.kept)},
    )  # fmt: skip
    board = board.with_record("events", "eeeeeeeeee", early)
    assert len(history.open_conflicts(board)) == 1


def test_without_a_readable_choice_either_value_counts(demo: Any) -> None:
    """A conflict event whose text does not say what was kept (written by hand, or an older
    format) is open while the field holds one of its two values."""
    key = demo.ipads
    title = demo.board.ambitions[key].title
    conflict = Event(
        at=T0 + timedelta(days=1),
        author="regietui merge",
        action="conflict",
        table="ambitions",
        record=key,
        title=title,
        changes={"title": ("Iets", title)},
    )
    board = demo.board.with_record("events", "cccccccccc", conflict)
    (found,) = history.open_conflicts(board)
    assert (found.kept, found.other) == (title, "Iets")


def test_a_whole_record_conflict_is_open_until_the_record_is_touched(demo: Any) -> None:
    key = demo.ipads
    doc = demo.board.ambitions[key].to_doc()
    conflict = Event(
        at=T0 + timedelta(days=1),
        author="regietui merge",
        action="conflict",
        table="ambitions",
        record=key,
        changes={"*": (None, doc)},
        text="deleted on one side, edited on the other; kept the edit",
    )
    board = demo.board.with_record("events", "dddddddddd", conflict)
    (found,) = history.open_conflicts(board)
    assert found.field == "*" and found.kept == doc and found.other is None
    later = dataclasses.replace(make_actor(at=T0 + timedelta(days=2)), author="Cor")
    touched = ops.edit(board, "ambitions", key, {}, later, "resolve", "conflict resolved").board
    assert history.open_conflicts(touched) == []


def test_a_conflict_event_reads_as_one_sentence() -> None:
    event = _event(
        "regietui merge",
        T0,
        action="conflict",
        changes={"title": ("A", "B")},
        text="ambition A-3f9kq, field title: 'A' vs 'B'; kept 'B'",
    )
    assert history.what_happened(event) == (
        "A-3f9kq 'Portaal' merge conflict on title ('A' vs 'B'; kept 'B')"
    )


# --- events from a hostile board ------------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63) + 1, 2**63 - 1)  # what a board can hold (model.LARGEST)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)


@given(
    action=st.sampled_from(["add", "edit", "move", "link", "unlink", "conflict", "resolve"])
    | st.text(),
    changes=st.dictionaries(
        st.sampled_from(["status", "links", "title", "*"]) | st.text(),
        st.tuples(JSON_VALUES, JSON_VALUES),
        max_size=3,
    ),
    text=st.none() | st.text(),
    record=st.text(min_size=1),
)
def test_any_event_a_board_holds_reads_as_one_inert_line(
    action: str, changes: dict, text: str | None, record: str
) -> None:
    """Whatever the values inside an event (it came from someone else's board), its wording is
    one line with no character a terminal would act on, never an exception."""
    event = Event(
        at=datetime(2027, 1, 4, tzinfo=UTC), author="Jan\x1b[2J", action=action or "edit",
        table="ambitions", record=record, title="T\u202e", changes=changes, text=text,
    )  # fmt: skip
    lines = [history.event_line(event), history.deed(event), *history.summary([event, event])]
    for line in lines:
        assert "\n" not in line
        assert leaks(line) == []
