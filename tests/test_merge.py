"""Three-way merge by record and field (used by concurrent saves and by git)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from helpers import Demo, make_actor

from regietui import ops
from regietui.merge import Conflict, merge
from regietui.model import Status
from regietui.store import board_text

ACTOR = make_actor(1)
EARLY = datetime(2027, 2, 1, 10, 0, tzinfo=UTC)
LATE = datetime(2027, 2, 1, 11, 0, tzinfo=UTC)


def both_ways(base, a, b):
    """Merge in both directions and insist the boards are the same text."""
    ab, ba = merge(base, a, b), merge(base, b, a)
    assert board_text(ab.board) == board_text(ba.board)
    return ab, ba


def test_edits_to_different_fields_of_one_record_merge(demo: Demo) -> None:
    a = ops.edit(demo.board, "ambitions", demo.portal_wish, {"value": 5}, make_actor(2, "Ad"))
    b = ops.edit(demo.board, "ambitions", demo.portal_wish, {"owner": "Bea"}, make_actor(3, "Bea"))
    result, _ = both_ways(demo.board, a.board, b.board)
    amb = result.board.ambitions[demo.portal_wish]
    assert (amb.value, amb.owner) == (5, "Bea")
    assert amb.title == "Eén loket → alle diensten"  # untouched fields stay
    assert result.conflicts == [] and result.problems == []


def test_changes_to_different_records_merge(demo: Demo) -> None:
    a = ops.move(demo.board, demo.ipads, "exploring", make_actor(2))
    b = ops.set_capacity(demo.board, "2027-Q1", 320, make_actor(3))
    result, _ = both_ways(demo.board, a.board, b.board)
    assert result.board.ambitions[demo.ipads].status is Status.EXPLORING
    assert result.board.capacity["2027-Q1"].amount == 320
    assert result.conflicts == []


@pytest.mark.parametrize("deleter", ["ours", "theirs"])
def test_a_delete_against_an_edit_keeps_the_edit_and_reports_it(demo: Demo, deleter: str) -> None:
    deleted = ops.delete(demo.board, "ambitions", demo.parked, make_actor(2)).board
    edited = ops.edit(demo.board, "ambitions", demo.parked, {"value": 2}, make_actor(3)).board
    ours, theirs = (deleted, edited) if deleter == "ours" else (edited, deleted)
    result = merge(demo.board, ours, theirs)
    assert result.board.ambitions[demo.parked].value == 2
    assert result.board.ambitions[demo.parked].title == "Chatbot"
    [conflict] = result.conflicts
    assert (conflict.table, conflict.record, conflict.field) == ("ambitions", demo.parked, "*")
    assert f"A-{demo.parked}" in str(conflict)
    assert "deleted on one side, edited on the other" in str(conflict)
    assert result.problems == []


def test_a_delete_on_one_side_only_is_taken(demo: Demo) -> None:
    deleted = ops.delete(demo.board, "ambitions", demo.parked, make_actor(2)).board
    other = ops.move(demo.board, demo.ipads, "exploring", make_actor(3)).board
    result, _ = both_ways(demo.board, deleted, other)
    assert demo.parked not in result.board.ambitions
    assert result.board.ambitions[demo.ipads].status is Status.EXPLORING


def test_the_same_field_changed_on_both_sides_takes_the_later_change(demo: Demo) -> None:
    early = ops.move(demo.board, demo.ipads, "exploring", make_actor(2, at=EARLY)).board
    late = ops.move(demo.board, demo.ipads, "deciding", make_actor(3, at=LATE)).board
    ab, ba = both_ways(demo.board, early, late)
    assert ab.board.ambitions[demo.ipads].status is Status.DECIDING
    assert ab.conflicts == [
        Conflict("ambitions", demo.ipads, "status", "exploring", "deciding", "deciding")
    ]
    assert ba.conflicts == [
        Conflict("ambitions", demo.ipads, "status", "deciding", "exploring", "deciding")
    ]


@pytest.mark.parametrize("seed", range(6))
def test_simultaneous_changes_resolve_the_same_in_both_directions(demo: Demo, seed: int) -> None:
    """Same clock on both sides: the tie is broken the same way whoever merges."""
    a = ops.edit(demo.board, "ambitions", demo.portal_wish, {"value": 1}, make_actor(seed)).board
    b = ops.edit(
        demo.board, "ambitions", demo.portal_wish, {"value": 2}, make_actor(seed + 100)
    ).board
    ab, _ = both_ways(demo.board, a, b)
    assert ab.board.ambitions[demo.portal_wish].value in (1, 2)
    assert len(ab.conflicts) == 1


def test_changes_without_events_still_merge_symmetrically(demo: Demo) -> None:
    """Boards edited by hand (no events to tell which is later) still merge the same both ways."""
    amb = demo.board.ambitions[demo.portal_wish]
    a = demo.board.with_record("ambitions", demo.portal_wish, amb.model_copy(update={"value": 1}))
    b = demo.board.with_record("ambitions", demo.portal_wish, amb.model_copy(update={"value": 3}))
    ab, _ = both_ways(demo.board, a, b)
    assert ab.board.ambitions[demo.portal_wish].value in (1, 3)


def test_adds_on_both_sides_are_kept_and_events_are_the_union(demo: Demo) -> None:
    fields = {"municipality": demo.amsterdam, "title": "Wifi in het stadhuis"}
    a = ops.add(demo.board, "ambitions", fields, make_actor(2, "Ad"))
    b = ops.add(
        demo.board,
        "ambitions",
        {"municipality": demo.utrecht, "title": "Burgerpanel"},
        make_actor(3, "Bea"),
    )
    result, _ = both_ways(demo.board, a.board, b.board)
    assert result.board.ambitions[a.key].title == "Wifi in het stadhuis"
    assert result.board.ambitions[b.key].title == "Burgerpanel"
    assert set(result.board.ambitions) == set(demo.board.ambitions) | {a.key, b.key}
    assert set(result.board.events) == set(a.board.events) | set(b.board.events)
    assert result.board.events[a.event_key] == a.event
    assert result.board.events[b.event_key] == b.event
    assert result.conflicts == [] and result.problems == []


def test_merging_a_board_with_itself_changes_nothing(demo: Demo) -> None:
    a = ops.move(demo.board, demo.ipads, "exploring", make_actor(2)).board
    result = merge(demo.board, a, a)
    assert board_text(result.board) == board_text(a)
    assert result.conflicts == []
    assert board_text(merge(demo.board, demo.board, a).board) == board_text(a)


def test_a_merge_that_breaks_a_reference_reports_the_problem(demo: Demo) -> None:
    deleted = ops.delete(demo.board, "roadmap", demo.workplace, make_actor(2)).board
    linked = ops.link(demo.board, demo.ipads, demo.workplace, make_actor(3)).board
    result = merge(demo.board, deleted, linked)
    assert [str(p) for p in result.problems] == [
        f"ambition A-{demo.ipads}, field links: unknown roadmap item R-{demo.workplace}"
    ]


def test_a_merge_that_breaks_a_record_rule_reports_the_problem(demo: Demo) -> None:
    """A clears the review date of a wish while B parks it (which needs that date)."""
    base = ops.edit(demo.board, "ambitions", demo.ipads, {"review": "2027-09-01"}, ACTOR).board
    cleared = ops.edit(base, "ambitions", demo.ipads, {"review": None}, make_actor(3)).board
    parked = ops.move(base, demo.ipads, "parked", make_actor(4)).board
    for result in (merge(base, cleared, parked), merge(base, parked, cleared)):
        assert [str(p) for p in result.problems] == [
            f"ambition A-{demo.ipads}: a parked ambition needs a review date (review)"
        ]
