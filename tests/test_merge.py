"""Three-way merge by record and field (used by concurrent saves, the git driver and `resolve`)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest
from helpers import Demo, make_actor

from regietui import history, ops
from regietui.lookup import coerce
from regietui.merge import merge, merge_lines
from regietui.model import Board, Status
from regietui.store import board_text
from regietui.wording import value_words

T0 = datetime(2027, 2, 1, 10, 0, tzinfo=UTC)


def at(minutes: int, seed: int = 0, author: str = "Test") -> ops.Actor:
    return make_actor(seed or 1000 + minutes, author, T0 + timedelta(minutes=minutes))


def both_ways(base: Board, a: Board, b: Board):
    """Merge in both directions and insist on the same file, conflict events included."""
    ab, ba = merge(base, a, b), merge(base, b, a)
    assert board_text(ab.board) == board_text(ba.board)
    assert ab.problems == [] and ba.problems == []
    return ab


def conflict_events(board: Board) -> dict[str, object]:
    return {k: ev for k, ev in board.events.items() if ev.action == "conflict"}


def edit(board: Board, table: str, key: str, fields: dict, actor: ops.Actor) -> Board:
    return ops.edit(board, table, key, fields, actor).board


# --- records and plain fields ----------------------------------------------------------------


def test_edits_to_different_fields_of_one_record_merge(demo: Demo) -> None:
    a = edit(demo.board, "ambitions", demo.portal_wish, {"value": 5}, make_actor(2, "Ad"))
    b = edit(demo.board, "ambitions", demo.portal_wish, {"owner": "Bea"}, make_actor(3, "Bea"))
    result = both_ways(demo.board, a, b)
    amb = result.board.ambitions[demo.portal_wish]
    assert (amb.value, amb.owner) == (5, "Bea")
    assert amb.title == "Eén loket → alle diensten"  # untouched fields stay
    assert result.conflicts == []


def test_changes_to_different_records_merge(demo: Demo) -> None:
    a = ops.move(demo.board, demo.ipads, "exploring", make_actor(2)).board
    b = ops.set_capacity(demo.board, "2027-Q1", 320, make_actor(3)).board
    result = both_ways(demo.board, a, b)
    assert result.board.ambitions[demo.ipads].status is Status.EXPLORING
    assert result.board.capacity["2027-Q1"].amount == 320
    assert result.conflicts == []


@pytest.mark.parametrize("deleter", ["ours", "theirs"])
def test_a_delete_against_an_edit_keeps_the_edit_and_reports_it(demo: Demo, deleter: str) -> None:
    deleted = ops.delete(demo.board, "ambitions", demo.parked, make_actor(2)).board
    edited = edit(demo.board, "ambitions", demo.parked, {"value": 2}, make_actor(3))
    ours, theirs = (deleted, edited) if deleter == "ours" else (edited, deleted)
    result = merge(demo.board, ours, theirs)
    assert result.board.ambitions[demo.parked].value == 2
    assert result.board.ambitions[demo.parked].title == "Chatbot"
    [conflict] = result.conflicts
    assert (conflict.table, conflict.record, conflict.field) == ("ambitions", demo.parked, "*")
    assert (conflict.other, conflict.kept) == (None, edited.ambitions[demo.parked].to_doc())
    assert str(conflict) == (
        f"ambition A-{demo.parked}: deleted on one side, edited on the other; kept it"
    )


def test_a_delete_on_one_side_only_is_taken(demo: Demo) -> None:
    deleted = ops.delete(demo.board, "ambitions", demo.parked, make_actor(2)).board
    other = ops.move(demo.board, demo.ipads, "exploring", make_actor(3)).board
    result = both_ways(demo.board, deleted, other)
    assert demo.parked not in result.board.ambitions
    assert result.board.ambitions[demo.ipads].status is Status.EXPLORING


def test_the_later_change_of_the_field_wins_not_the_later_change_of_the_record(
    demo: Demo,
) -> None:
    """Alice changes the title, then Bob changes it, then Alice changes the priority: Bob's title
    is the later change of the title, so it wins, although Alice touched the card last."""
    alice = edit(demo.board, "ambitions", demo.ipads, {"title": "Van Alice"}, at(1, 2, "Alice"))
    bob = edit(demo.board, "ambitions", demo.ipads, {"title": "Van Bob"}, at(2, 3, "Bob"))
    alice = edit(alice, "ambitions", demo.ipads, {"priority": "must"}, at(3, 4, "Alice"))
    result = both_ways(demo.board, alice, bob)
    card = result.board.ambitions[demo.ipads]
    assert (card.title, card.priority) == ("Van Bob", "must")
    [conflict] = result.conflicts
    assert (conflict.field, conflict.other, conflict.kept) == ("title", "Van Alice", "Van Bob")
    assert str(conflict) == (
        f"ambition A-{demo.ipads}, field title: 'Van Alice' vs 'Van Bob'; kept 'Van Bob'"
    )


def test_a_tie_in_time_is_broken_by_event_key_the_same_way_in_both_directions(
    demo: Demo,
) -> None:
    outcomes = set()
    for seed in range(8):
        a = edit(demo.board, "ambitions", demo.portal_wish, {"value": 1}, make_actor(seed))
        b = edit(demo.board, "ambitions", demo.portal_wish, {"value": 2}, make_actor(seed + 50))
        result = both_ways(demo.board, a, b)
        a_key = max(set(a.events) - set(demo.board.events))
        b_key = max(set(b.events) - set(demo.board.events))
        assert result.board.ambitions[demo.portal_wish].value == (1 if a_key > b_key else 2)
        outcomes.add(result.board.ambitions[demo.portal_wish].value)
    assert outcomes == {1, 2}  # the seeds exercise both outcomes


def test_changes_without_events_fall_back_to_the_larger_value(demo: Demo) -> None:
    """Boards edited by hand (no events to tell which is later) still merge the same both ways."""
    amb = demo.board.ambitions[demo.portal_wish]
    a = demo.board.with_record("ambitions", demo.portal_wish, amb.model_copy(update={"value": 1}))
    b = demo.board.with_record("ambitions", demo.portal_wish, amb.model_copy(update={"value": 3}))
    assert both_ways(demo.board, a, b).board.ambitions[demo.portal_wish].value == 3


def test_adds_on_both_sides_are_kept_and_events_are_the_union(demo: Demo) -> None:
    fields = {"municipality": demo.amsterdam, "title": "Wifi in het stadhuis"}
    a = ops.add(demo.board, "ambitions", fields, make_actor(2, "Ad"))
    b_fields = {"municipality": demo.utrecht, "title": "Burgerpanel"}
    b = ops.add(demo.board, "ambitions", b_fields, make_actor(3, "Bea"))
    result = both_ways(demo.board, a.board, b.board)
    assert result.board.ambitions[a.key].title == "Wifi in het stadhuis"
    assert result.board.ambitions[b.key].title == "Burgerpanel"
    assert set(result.board.events) == set(a.board.events) | set(b.board.events)
    assert result.conflicts == []


def test_an_event_dropped_on_one_side_is_still_in_the_merge(demo: Demo) -> None:
    """The events table is the union: even an event someone removed by hand stays."""
    first = min(demo.board.events)
    pruned = demo.board.with_record("events", first, None)
    moved = ops.move(demo.board, demo.ipads, "exploring", make_actor(2)).board
    result = both_ways(demo.board, pruned, moved)
    assert result.board.events[first] == demo.board.events[first]
    assert set(result.board.events) == set(moved.events)


def test_merging_a_board_with_itself_changes_nothing(demo: Demo) -> None:
    a = ops.move(demo.board, demo.ipads, "exploring", make_actor(2)).board
    result = merge(demo.board, a, a)
    assert board_text(result.board) == board_text(a)
    assert result.conflicts == []
    assert board_text(merge(demo.board, demo.board, a).board) == board_text(a)


# --- sets -----------------------------------------------------------------------------------


def test_links_added_on_both_sides_are_both_kept(demo: Demo) -> None:
    a = ops.link(demo.board, demo.ipads, demo.portal, at(1, 2)).board
    b = ops.link(demo.board, demo.ipads, demo.workplace, at(2, 3)).board
    result = both_ways(demo.board, a, b)
    assert set(result.board.ambitions[demo.ipads].linked) == {demo.portal, demo.workplace}
    assert result.conflicts == []


def test_set_additions_and_removals_from_both_sides_are_applied(demo: Demo) -> None:
    """Tags: Ad removes `burger` and adds `digid`; Bea adds `app`. depends_on and conflicts too."""
    change = ops.add(demo.board, "standards", {"title": "Alleen SaaS in EU"}, make_actor(9))
    extra, base = change.key, change.board
    item = {"title": "Z", "start": "2027-Q1", "end": "2027-Q2"}
    base = ops.add(base, "roadmap", item, make_actor(8), key="zzzzz").board
    a = edit(base, "ambitions", demo.portal_wish, {"tags": ["loket", "digid"]}, at(1, 2))
    a = edit(a, "roadmap", demo.workplace, {"depends_on": [demo.portal, "zzzzz"]}, at(1, 2))
    a = edit(a, "ambitions", demo.ipads, {"conflicts": [demo.ipad, extra]}, at(1, 2))
    b = edit(base, "ambitions", demo.portal_wish, {"tags": ["burger", "loket", "app"]}, at(2, 3))
    b = edit(b, "roadmap", demo.workplace, {"depends_on": []}, at(2, 3))
    b = edit(b, "ambitions", demo.ipads, {"conflicts": []}, at(2, 3))
    result = both_ways(base, a, b)
    board = result.board
    assert board.ambitions[demo.portal_wish].tags == (
        "loket",
        "app",
        "digid",
    )  # base order, then sorted
    assert board.roadmap[demo.workplace].depends_on == ("zzzzz",)
    assert board.ambitions[demo.ipads].conflicts == (extra,)
    assert result.conflicts == []


def test_the_same_link_changed_differently_is_a_conflict_the_later_wins(demo: Demo) -> None:
    partial = [{"roadmap": demo.portal, "coverage": "partial"}]
    a = edit(demo.board, "ambitions", demo.portal_wish, {"links": partial}, at(5, 2, "Ad"))
    b = ops.unlink(demo.board, demo.portal_wish, demo.portal, at(1, 3, "Bea")).board
    b = ops.link(b, demo.portal_wish, demo.workplace, at(2, 3, "Bea")).board
    result = both_ways(demo.board, a, b)
    links = result.board.ambitions[demo.portal_wish].links
    assert [(ln.roadmap, ln.coverage) for ln in links] == [
        (demo.portal, "partial"),  # Ad's change of this link is later than Bea's removal
        (demo.workplace, "full"),  # Bea's addition is kept all the same
    ]
    [conflict] = result.conflicts
    assert conflict.field == "links"
    assert conflict.kept == [
        {"roadmap": demo.portal, "coverage": "partial"},
        {"roadmap": demo.workplace, "coverage": "full"},
    ]
    assert conflict.other == [{"roadmap": demo.workplace, "coverage": "full"}]  # Bea's version
    [shown] = history.open_conflicts(result.board)  # what the changes view lists
    assert value_words("links", shown.kept) == f"R-{demo.portal} (partial), R-{demo.workplace}"
    assert value_words("links", shown.other) == f"R-{demo.workplace}"


# --- long texts -------------------------------------------------------------------------------

TEXT = "Eerste zin.\nTweede zin.\nDerde zin.\nVierde zin."


def test_edits_of_different_lines_of_a_description_merge(demo: Demo) -> None:
    base = edit(demo.board, "roadmap", demo.portal, {"description": TEXT}, at(0, 1))
    a = edit(base, "roadmap", demo.portal, {"description": TEXT.replace("Eerste", "1e")}, at(1, 2))
    b = edit(base, "roadmap", demo.portal, {"description": TEXT.replace("Derde", "3e")}, at(2, 3))
    result = both_ways(base, a, b)
    assert result.board.roadmap[demo.portal].description == (
        "1e zin.\nTweede zin.\n3e zin.\nVierde zin."
    )
    assert result.conflicts == []


def test_edits_of_the_same_line_of_a_description_conflict(demo: Demo) -> None:
    base = edit(demo.board, "roadmap", demo.portal, {"description": TEXT}, at(0, 1))
    a_text, b_text = TEXT.replace("Tweede", "2e"), TEXT.replace("Tweede zin", "Zin twee")
    a = edit(base, "roadmap", demo.portal, {"description": a_text}, at(1, 2))
    b = edit(base, "roadmap", demo.portal, {"description": b_text}, at(2, 3))
    result = both_ways(base, a, b)
    assert result.board.roadmap[demo.portal].description == b_text
    assert [(c.field, c.other, c.kept) for c in result.conflicts] == [
        ("description", a_text, b_text)
    ]


def test_the_decision_text_merges_by_line_and_its_date_as_a_field(demo: Demo) -> None:
    base = ops.decide(demo.board, demo.ipads, "db", TEXT, at(0, 1)).board
    decision = base.ambitions[demo.ipads].decision.model_dump(mode="json")
    a_dec = {**decision, "text": TEXT.replace("Vierde", "4e")}
    b_dec = {**decision, "text": TEXT.replace("Eerste", "1e"), "body": "ab"}
    a = edit(base, "ambitions", demo.ipads, {"decision": a_dec}, at(1, 2))
    b = edit(base, "ambitions", demo.ipads, {"decision": b_dec}, at(2, 3))
    result = both_ways(base, a, b)
    merged = result.board.ambitions[demo.ipads].decision
    assert merged.text == "1e zin.\nTweede zin.\nDerde zin.\n4e zin."
    assert merged.body == "ab"
    assert result.conflicts == []


@pytest.mark.parametrize(
    ("ours", "theirs", "merged"),
    [
        ("a\nB\nc", "a\nb\nC", "a\nB\nC"),  # neighbouring lines
        ("x\na\nb\nc", "a\nb\nc\ny", "x\na\nb\nc\ny"),  # insertions at both ends
        ("a\nB\nc", "a\nB\nc", "a\nB\nc"),  # the same edit on both sides
        ("a\nnew\nb\nc", "a\nB\nc", "a\nnew\nB\nc"),  # an insertion just before an edited line
        ("a\nc", "a\nb\nC", "a\nC"),  # a deleted line next to an edited one
        ("a\nB\nc", "a\nX\nc", None),  # the same line, differently
        ("a\nx\nb\nc", "a\ny\nb\nc", None),  # different insertions at one place
        ("a\nc", "a\nB\nc", None),  # a line deleted on one side, edited on the other
    ],
)
def test_merge_lines(ours: str, theirs: str, merged: str | None) -> None:
    assert merge_lines("a\nb\nc", ours, theirs) == merged
    assert merge_lines("a\nb\nc", theirs, ours) == merged


# --- one file whichever way -------------------------------------------------------------------


def test_conflict_events_are_the_same_in_both_directions(demo: Demo) -> None:
    a = edit(demo.board, "ambitions", demo.ipads, {"title": "A", "value": 2}, at(1, 2, "Ad"))
    b = edit(demo.board, "ambitions", demo.ipads, {"title": "B", "value": 3}, at(2, 3, "Bea"))
    ab, ba = merge(demo.board, a, b), merge(demo.board, b, a)
    assert board_text(ab.board) == board_text(ba.board)
    events = conflict_events(ab.board)
    assert len(events) == 2
    for event in events.values():
        assert event.author == "regietui merge"
        assert event.at == T0 + timedelta(minutes=2, microseconds=1)
    changes = sorted(next(iter(ev.changes.items())) for ev in events.values())
    assert changes == [("title", ("A", "B")), ("value", (2, 3))]  # (lost, kept)
    assert sorted(ab.conflicts, key=str) == sorted(ba.conflicts, key=str)


def test_merging_the_two_merge_results_changes_nothing(demo: Demo) -> None:
    a = edit(demo.board, "ambitions", demo.ipads, {"title": "A"}, at(1, 2, "Ad"))
    b = edit(demo.board, "ambitions", demo.ipads, {"title": "B"}, at(2, 3, "Bea"))
    ab, ba = merge(demo.board, a, b).board, merge(demo.board, b, a).board
    cross = merge(demo.board, ab, ba)
    assert board_text(cross.board) == board_text(ab)
    assert cross.conflicts == []


def test_a_criss_cross_merge_keeps_every_event_once(demo: Demo) -> None:
    """Each side merges the other, both go on, and the two are merged again. git first merges the
    two merge bases (the same board whichever way) and uses that as the base: every event of
    both sides is there, the conflict event once."""
    a = edit(demo.board, "ambitions", demo.ipads, {"title": "A"}, at(1, 2, "Ad"))
    b = edit(demo.board, "ambitions", demo.ipads, {"title": "B"}, at(2, 3, "Bea"))
    ab, ba = merge(demo.board, a, b).board, merge(demo.board, b, a).board
    a2 = ops.move(ab, demo.portal_wish, "planned", at(3, 4)).board
    b2 = ops.set_capacity(ba, "2027-Q2", 10, at(4, 5)).board
    virtual_base = merge(demo.board, ab, ba).board
    result = both_ways(virtual_base, a2, b2)
    assert set(result.board.events) == set(a2.events) | set(b2.events)
    assert len(conflict_events(result.board)) == 1
    assert result.board.ambitions[demo.ipads].title == "B"
    assert result.board.ambitions[demo.portal_wish].status is Status.PLANNED
    assert result.board.capacity["2027-Q2"].amount == 10


# --- reference conflicts: the merge always gives a valid board -------------------------------


def test_a_roadmap_item_deleted_on_one_side_and_linked_on_the_other_is_kept(demo: Demo) -> None:
    deleted = ops.delete(demo.board, "roadmap", demo.workplace, at(1, 2, "Ad")).board
    deleted = ops.move(deleted, demo.parked, "wish", at(2, 2, "Ad")).board  # unrelated
    linked = ops.link(demo.board, demo.ipads, demo.workplace, at(3, 3, "Bea")).board
    linked = ops.set_capacity(linked, "2027-Q2", 50, at(4, 3, "Bea")).board  # unrelated
    result = both_ways(demo.board, deleted, linked)
    board = result.board
    assert board.roadmap[demo.workplace] == demo.board.roadmap[demo.workplace]
    assert demo.workplace in board.ambitions[demo.ipads].linked
    assert board.ambitions[demo.parked].status is Status.WISH
    assert board.capacity["2027-Q2"].amount == 50
    [conflict] = result.conflicts
    assert str(conflict) == (
        f"roadmap item R-{demo.workplace}: deleted on one side, still used by A-{demo.ipads} on"
        " the other; kept it"
    )
    [open_conflict] = history.open_conflicts(board)
    assert (open_conflict.table, open_conflict.record, open_conflict.field) == (
        "roadmap",
        demo.workplace,
        "*",
    )


def test_a_roadmap_item_deleted_on_one_side_and_depended_on_by_the_other_is_kept(
    demo: Demo,
) -> None:
    item = {"title": "Los", "start": "2027-Q1", "end": "2027-Q2"}
    base = ops.add(demo.board, "roadmap", item, at(0, 1), key="loses").board
    deleted = ops.delete(base, "roadmap", "loses", at(1, 2)).board
    depends = edit(base, "roadmap", demo.portal, {"depends_on": ["loses"]}, at(2, 3))
    result = both_ways(base, deleted, depends)
    assert "loses" in result.board.roadmap
    assert [(c.table, c.record, c.field) for c in result.conflicts] == [("roadmap", "loses", "*")]


def test_what_a_kept_record_uses_is_kept_too(demo: Demo) -> None:
    """One side deletes a theme and the roadmap item using it; the other links to the item."""
    base = edit(demo.board, "roadmap", demo.workplace, {"theme": "werkplek"}, at(0, 1))
    deleted = ops.delete(base, "roadmap", demo.workplace, at(1, 2)).board
    deleted = ops.edit(deleted, "ambitions", demo.ipads, {"theme": None}, at(1, 2)).board
    deleted = ops.delete(deleted, "themes", "werkplek", at(2, 2)).board
    linked = ops.link(base, demo.portal_wish, demo.workplace, at(3, 3)).board
    result = both_ways(base, deleted, linked)
    assert "werkplek" in result.board.themes and demo.workplace in result.board.roadmap
    assert sorted((c.table, c.record) for c in result.conflicts) == [
        ("roadmap", demo.workplace),
        ("themes", "werkplek"),
    ]


def test_a_municipality_deleted_on_one_side_gets_a_new_card_on_the_other(demo: Demo) -> None:
    base = ops.add(demo.board, "municipalities", {"name": "Epe", "short": "EPE"}, at(0, 1),
                   key="GM0232").board  # fmt: skip
    deleted = ops.delete(base, "municipalities", "GM0232", at(1, 2)).board
    card = ops.add(base, "ambitions", {"municipality": "GM0232", "title": "Wifi"}, at(2, 3))
    result = both_ways(base, deleted, card.board)
    assert result.board.municipalities["GM0232"].name == "Epe"
    assert result.board.ambitions[card.key].municipality == "GM0232"


def test_a_municipality_added_on_both_sides_merges_field_by_field(demo: Demo) -> None:
    a = ops.add(demo.board, "municipalities", {"name": "Epe", "short": "EPE", "inhabitants": 10},
                at(1, 2), key="GM0232").board  # fmt: skip
    b = ops.add(demo.board, "municipalities", {"name": "Gem. Epe", "short": "EPE",
                "workstations": 300}, at(2, 3), key="GM0232").board  # fmt: skip
    result = both_ways(demo.board, a, b)
    epe = result.board.municipalities["GM0232"]
    assert (epe.name, epe.short, epe.inhabitants, epe.workstations) == ("Gem. Epe", "EPE", 10, 300)
    assert [(c.field, c.other, c.kept) for c in result.conflicts] == [("name", "Epe", "Gem. Epe")]


def test_a_dependency_cycle_made_by_both_sides_loses_the_later_dependency(demo: Demo) -> None:
    """The demo's workplace depends on portal; one side makes portal depend on a new item X that
    the other side makes depend on workplace: a cycle neither side had."""
    item = {"title": "X", "start": "2027-Q1", "end": "2027-Q2"}
    base = ops.add(demo.board, "roadmap", item, at(0, 1), key="xxxxx").board
    a = edit(base, "roadmap", demo.portal, {"depends_on": ["xxxxx"]}, at(1, 2))
    b = edit(base, "roadmap", "xxxxx", {"depends_on": [demo.workplace]}, at(2, 3))
    result = both_ways(base, a, b)
    assert result.board.roadmap[demo.portal].depends_on == ("xxxxx",)
    assert result.board.roadmap["xxxxx"].depends_on == ()  # the later addition closed the cycle
    [conflict] = result.conflicts
    assert (conflict.record, conflict.field, conflict.other, conflict.kept) == (
        "xxxxx",
        "depends_on",
        [demo.workplace],
        [],
    )
    assert f"R-{demo.workplace} would close a dependency cycle" in str(conflict)


def test_fields_that_break_a_record_rule_together_take_the_later_side_whole(demo: Demo) -> None:
    """A clears the review date of a wish while B parks it (which needs that date)."""
    base = edit(demo.board, "ambitions", demo.ipads, {"review": "2027-09-01"}, at(0, 1))
    cleared = edit(base, "ambitions", demo.ipads, {"review": None, "value": 2}, at(1, 3))
    parked = ops.move(base, demo.ipads, "parked", at(2, 4)).board
    result = both_ways(base, cleared, parked)
    card = result.board.ambitions[demo.ipads]
    assert card == parked.ambitions[demo.ipads]
    assert sorted((c.field, c.other, c.kept) for c in result.conflicts) == [
        ("review", None, "2027-09-01"),
        ("value", 2, None),
    ]
    assert all("breaks a rule of the record" in str(c) for c in result.conflicts)


def test_a_long_dependency_chain_merges_and_validates_without_recursion(demo: Demo) -> None:
    """A board decides how long a depends-on chain is; neither validation nor a merge may
    recurse along it (here far past Python's recursion limit). One side hangs a new item at the
    end of a chain of 5,000, the other makes it depend on the chain's start: a cycle of 5,001."""
    n = 5000
    items = {
        f"c{i:04d}": demo.board.roadmap[demo.portal].model_copy(
            update={"depends_on": (f"c{i + 1:04d}",) if i < n - 1 else ()}
        )
        for i in range(n)
    }
    base = dataclasses.replace(demo.board, roadmap={**demo.board.roadmap, **items})
    base = ops.add(base, "roadmap", {"title": "Staart", "start": "2027-Q1", "end": "2027-Q2"},
                   at(0, 1), key="tail0").board  # fmt: skip
    assert base.problems() == []
    a = edit(base, "roadmap", "c4999", {"depends_on": ["tail0"]}, at(1, 2))
    b = edit(base, "roadmap", "tail0", {"depends_on": ["c0000"]}, at(2, 3))
    cyclic = b.with_record("roadmap", "c4999", a.roadmap["c4999"])
    assert str(cyclic.problems()[0]).endswith("(5001 items)")  # named by its start and length
    result = both_ways(base, a, b)
    assert result.board.roadmap["tail0"].depends_on == ()  # the later dependency gave way
    assert result.board.roadmap["c4999"].depends_on == ("tail0",)


# --- cost allocations ----------------------------------------------------------------------------


def test_an_allocation_on_one_side_merges_with_other_edits_and_takes_schema_2(demo: Demo) -> None:
    assert demo.board.meta.schema_version == 1
    key = coerce(demo.board, "roadmap", {"allocation": "inhabitants over served"})
    a = edit(demo.board, "roadmap", demo.portal, key, at(1))
    b = edit(demo.board, "roadmap", demo.portal, {"owner": "Bea"}, at(2))
    result = both_ways(demo.board, a, b)
    item = result.board.roadmap[demo.portal]
    assert item.owner == "Bea" and item.allocation == key["allocation"]
    assert result.board.meta.schema_version == 2  # the side that allocated raised it
    assert result.conflicts == []


def test_two_different_allocations_of_one_item_conflict_and_the_later_wins(demo: Demo) -> None:
    equal = coerce(demo.board, "roadmap", {"allocation": "equal"})
    table = coerce(demo.board, "roadmap", {"allocation": "GM0363: 3, GM0344: 1"})
    a = edit(demo.board, "roadmap", demo.portal, equal, at(1))
    b = edit(demo.board, "roadmap", demo.portal, table, at(5))
    result = both_ways(demo.board, a, b)
    assert result.board.roadmap[demo.portal].allocation == table["allocation"]
    assert [c.field for c in result.conflicts] == ["allocation"]
