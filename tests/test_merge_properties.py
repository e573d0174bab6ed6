"""Merge properties over random operation sequences on two sides (hypothesis).

Each side is a coordinator working through `ops` on the same base: edits, moves, links and
coverage, tags, descriptions by line, decisions, dependencies, additions (also of the same
municipality code on both sides) and deletes, including deletes of roadmap items, themes and
municipalities the other side goes on using. Clocks are coarse, so ties in time happen.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

from helpers import build_demo, make_actor
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regietui import history, ops
from regietui.merge import SETS, WHOLE_RECORD, MergeResult, element_key, merge, merge_lines
from regietui.model import FLOW, TABLES, Board, references
from regietui.store import board_text, loads

T0 = datetime(2027, 3, 1, tzinfo=UTC)
LINES = ["Aanleiding.", "Wat we willen.", "Wat het kost.", "Wie meedoet."]
KINDS = [
    "title", "value", "move", "link", "unlink", "coverage", "tag", "describe", "decide",
    "depend", "undepend", "add_item", "add_card", "add_muni", "delete_item", "delete_card",
    "delete_theme", "delete_muni",
]  # fmt: skip


def _base() -> Board:
    demo = build_demo()
    board, actor = demo.board, make_actor(7, at=T0 - timedelta(days=1))
    for key in ("r2aaa", "r3bbb"):
        item = {"title": key, "start": "2027-Q1", "end": "2027-Q4", "description": "\n".join(LINES)}
        board = ops.add(board, "roadmap", item, actor, key=key).board
    board = ops.add(board, "themes", {"name": "Data"}, actor, key="data").board
    board = ops.edit(board, "roadmap", "r3bbb", {"theme": "data"}, actor).board
    return board


BASE = _base()

steps = st.lists(
    st.tuples(st.sampled_from(KINDS), st.integers(0, 9), st.integers(0, 5)), max_size=10
)


def _pick(keys: Any, index: int) -> str | None:
    ordered = sorted(keys)
    return ordered[index % len(ordered)] if ordered else None


def _step(board: Board, kind: str, i: int, c: int, actor: ops.Actor) -> Board:
    """One operation; an operation the board refuses (a cycle, a delete still in use) is skipped
    by the caller, as a coordinator would be told no."""
    card, item = _pick(board.ambitions, i), _pick(board.roadmap, i)
    other = _pick(board.roadmap, c)
    amb = board.ambitions.get(card) if card else None
    if kind == "title" and card:
        return ops.edit(board, "ambitions", card, {"title": f"Titel {c}"}, actor).board
    if kind == "value" and card:
        return ops.edit(board, "ambitions", card, {"value": 1 + c % 5}, actor).board
    if kind == "move" and card:
        return ops.move(board, card, FLOW[c], actor).board
    if kind == "link" and card and other:
        return ops.link(board, card, other, actor, "partial" if c % 2 else "full").board
    if kind == "unlink" and amb and amb.links:
        return ops.unlink(board, card, amb.links[c % len(amb.links)].roadmap, actor).board
    if kind == "coverage" and amb and amb.links:
        links = [ln.model_dump(mode="json") for ln in amb.links]
        links[c % len(links)]["coverage"] = "partial" if c % 2 else "full"
        return ops.edit(board, "ambitions", card, {"links": links}, actor).board
    if kind == "tag" and amb:
        tag = f"t{c}"
        tags = [t for t in amb.tags if t != tag] if tag in amb.tags else [*amb.tags, tag]
        return ops.edit(board, "ambitions", card, {"tags": tags}, actor).board
    if kind == "describe" and item:
        lines = board.roadmap[item].description.split("\n")
        lines[c % len(lines)] = f"Regel {c} door {actor.author}."
        return ops.edit(board, "roadmap", item, {"description": "\n".join(lines)}, actor).board
    if kind == "decide" and card:
        text = "\n".join([*LINES[:c], f"Besluit {actor.author}.", *LINES[c:]])
        return ops.decide(board, card, "db", text, actor).board
    if kind == "depend" and item and other:
        deps = [*board.roadmap[item].depends_on, other]
        return ops.edit(board, "roadmap", item, {"depends_on": sorted(set(deps))}, actor).board
    if kind == "undepend" and item and board.roadmap[item].depends_on:
        return ops.edit(board, "roadmap", item, {"depends_on": []}, actor).board
    if kind == "add_item":
        fields = {"title": f"Nieuw {c}", "start": "2027-Q2", "end": "2027-Q3"}
        if other:
            fields["depends_on"] = [other]
        return ops.add(board, "roadmap", fields, actor).board
    if kind == "add_card":
        muni = _pick(board.municipalities, c)
        fields = {"municipality": muni, "title": f"Wens {c}", "tags": [f"t{c}"]}
        return ops.add(board, "ambitions", fields, actor).board
    if kind == "add_muni":
        fields = {"name": f"Gemeente {c}", "short": f"G{c}", "inhabitants": 1000 * c}
        return ops.add(board, "municipalities", fields, actor, key="GM0999").board
    if kind == "delete_item" and item:
        for user in board.serving(item):
            board = ops.unlink(board, user, item, actor).board
        return ops.delete(board, "roadmap", item, actor).board
    if kind == "delete_card" and card:
        return ops.delete(board, "ambitions", card, actor).board
    if kind == "delete_theme":
        for key, amb in board.ambitions.items():
            if amb.theme == "werkplek":
                board = ops.edit(board, "ambitions", key, {"theme": None}, actor).board
        return ops.delete(board, "themes", "werkplek", actor).board
    if kind == "delete_muni":
        muni = _pick(board.municipalities, c)
        for key in [k for k, a in board.ambitions.items() if a.municipality == muni]:
            board = ops.delete(board, "ambitions", key, actor).board
        return ops.delete(board, "municipalities", muni, actor).board
    return board


def _side(name: str, plan: list[tuple[str, int, int]], board: Board = BASE) -> Board:
    for n, (kind, i, c) in enumerate(plan):
        # a coarse clock shared by both sides: ties in time are common, broken by event key
        actor = ops.Actor(
            author=name,
            clock=lambda c=c: T0 + timedelta(minutes=c),
            rng=random.Random(f"{name}{n}"),
        )
        try:
            board = _step(board, kind, i, c, actor)
        except ops.OpError:
            continue
    return board


def _named(result: MergeResult, table: str, key: str, field: str) -> bool:
    return any(
        (c.table, c.record) == (table, key) and c.field in (field, WHOLE_RECORD)
        for c in result.conflicts
    )


def _both(plan_a, plan_b) -> tuple[Board, Board, MergeResult, MergeResult]:
    a, b = _side("ann", plan_a), _side("bob", plan_b)
    return a, b, merge(BASE, a, b), merge(BASE, b, a)


SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(steps, steps)
def test_both_directions_give_the_same_valid_file(plan_a, plan_b):
    _, _, ab, ba = _both(plan_a, plan_b)
    text = board_text(ab.board)
    assert board_text(ba.board) == text
    assert ab.problems == []
    assert board_text(loads(text)) == text  # valid by the rules reading uses, and reads back


@SETTINGS
@given(steps, steps)
def test_merging_the_two_results_with_each_other_changes_nothing(plan_a, plan_b):
    _, _, ab, ba = _both(plan_a, plan_b)
    again = merge(BASE, ab.board, ba.board)
    assert board_text(again.board) == board_text(ab.board)
    assert again.conflicts == []


@SETTINGS
@given(steps, steps, steps, steps)
def test_a_criss_cross_merge_keeps_the_union_of_events(plan_a, plan_b, more_a, more_b):
    """Ann merges Bob's work and Bob merges Ann's; both go on and merge again. git merges the two
    merge bases first (the same board, whichever way), and uses that as the base."""
    _, _, ab, ba = _both(plan_a, plan_b)
    a2 = _side("ann2", more_a, ab.board)
    b2 = _side("bob2", more_b, ba.board)
    virtual_base = merge(BASE, ab.board, ba.board).board
    there, back = merge(virtual_base, a2, b2), merge(virtual_base, b2, a2)
    assert board_text(there.board) == board_text(back.board)
    assert there.problems == []
    assert set(there.board.events) >= set(a2.events) | set(b2.events)
    new = set(there.board.events) - set(a2.events) - set(b2.events)
    assert all(there.board.events[k].action == "conflict" for k in new)


@SETTINGS
@given(steps, steps)
def test_every_one_sided_change_is_kept_or_named_in_a_conflict(plan_a, plan_b):
    """A field (or a whole record) only one side changed ends up as that side has it, unless a
    conflict event names it: a record kept because the merged board still uses it, a dependency
    that would close a cycle, fields that break a record rule together."""
    a, b, ab, _ = _both(plan_a, plan_b)
    merged, base_docs = ab.board.docs(), BASE.docs()
    for changed, untouched in ((a, b), (b, a)):
        assert set(changed.events) <= set(ab.board.events)
        changed_docs, untouched_docs = changed.docs(), untouched.docs()
        for table in TABLES:
            if table == "events":
                continue
            for key in changed_docs[table].keys() | base_docs[table].keys():
                before = base_docs[table].get(key)
                now, theirs = changed_docs[table].get(key), untouched_docs[table].get(key)
                result = merged[table].get(key)
                if now == before:
                    continue
                if now is None:
                    if theirs == before:  # deleted here, untouched there
                        assert result is None or _named(ab, table, key, WHOLE_RECORD), (table, key)
                    continue
                assert result is not None, (table, key)
                for field in now.keys() | (before or {}).keys():
                    mine, old = now.get(field), (before or {}).get(field)
                    if mine != old and (theirs or {}).get(field) == old:
                        assert result.get(field) == mine or _named(ab, table, key, field), (
                            table,
                            key,
                            field,
                        )


@SETTINGS
@given(steps, steps)
def test_set_additions_from_both_sides_are_all_present(plan_a, plan_b):
    a, b, ab, _ = _both(plan_a, plan_b)
    merged, base_docs = ab.board.docs(), BASE.docs()
    for side in (a, b):
        for table in ("ambitions", "roadmap"):
            for key, doc in side.docs()[table].items():
                result = merged[table].get(key)
                if result is None:
                    continue
                for field in SETS & doc.keys():
                    before = {
                        element_key(v) for v in (base_docs[table].get(key) or {}).get(field, [])
                    }
                    added = {element_key(v) for v in doc[field]} - before
                    present = {element_key(v) for v in result.get(field, [])}
                    assert added <= present or _named(ab, table, key, field), (table, key, field)


def _users(board: Board, table: str, key: str) -> list[tuple[str, str]]:
    return [
        (name, k)
        for name, records in board.tables()
        for k, record in records.items()
        if (table, key) in {(t, r) for _, t, r in references(name, record)}
    ]


def _delete_in_use(board: Board, table: str, key: str, actor: ops.Actor) -> Board:
    """Delete a record as a coordinator must: first the cards using it, and the dependency or
    theme of roadmap items that use it."""
    for name, user in _users(board, table, key):
        if name == "ambitions":
            board = ops.delete(board, "ambitions", user, actor).board
        else:
            item = board.roadmap[user]
            fields = {"depends_on": [d for d in item.depends_on if d != key]}
            if item.theme == key:
                fields["theme"] = None
            board = ops.edit(board, "roadmap", user, fields, actor).board
    return ops.delete(board, table, key, actor).board if key in board.table(table) else board


def _use(board: Board, table: str, key: str, pick: int, actor: ops.Actor) -> Board:
    """Make a card (or, for a roadmap item, another item) use the record, if the board allows."""
    card = _pick(board.ambitions, pick)
    try:
        if table == "roadmap":
            item = _pick(set(board.roadmap) - {key}, pick)
            return ops.edit(board, "roadmap", item, {"depends_on": [key]}, actor).board
        if table == "municipalities":
            fields = {"municipality": key, "title": "Nieuw"}
            return ops.add(board, "ambitions", fields, actor).board
        field = {"themes": "theme", "standards": "conflicts"}[table]
        value = key if table == "themes" else [key]
        return ops.edit(board, "ambitions", card, {field: value}, actor).board
    except ops.OpError:
        return board  # the side's own work made this use impossible (a cycle, say)


@SETTINGS
@given(
    st.sampled_from(["roadmap", "themes", "standards", "municipalities"]),
    st.integers(0, 9),
    steps,
    steps,
)
def test_a_record_deleted_on_one_side_and_used_on_the_other_is_kept_for_review(
    table, pick, plan_a, plan_b
):
    """A reference conflict every time: Ann deletes a record (after clearing what uses it), Bob
    makes a card or an item use it; both also do random other work first."""
    target = _pick(BASE.table(table), pick)
    ann, bob = make_actor(1, "ann", T0 + timedelta(hours=1)), make_actor(2, "bob", T0)
    a = _delete_in_use(_side("ann", plan_a), table, target, ann)
    b = _use(_side("bob", plan_b), table, target, pick, bob)
    ab, ba = merge(BASE, a, b), merge(BASE, b, a)
    assert board_text(ab.board) == board_text(ba.board) and ab.problems == []
    if target not in a.table(table) and _users(ab.board, table, target):
        # the merged board uses what Ann deleted (Bob's use, or a card Bob edited and Ann
        # deleted): the record is back, with a conflict open for review
        assert target in ab.board.table(table)
        [kept] = [c for c in ab.conflicts if (c.table, c.record, c.field) == (table, target, "*")]
        bob_edited_it = b.table(table)[target] != BASE.table(table)[target]
        assert ("edited" if bob_edited_it else "still used by") in str(kept)
        assert (table, target) in {(c.table, c.record) for c in history.open_conflicts(ab.board)}


texts = st.lists(st.sampled_from(["a", "b", "c", "d", ""]), max_size=8)


@settings(max_examples=300, deadline=None)
@given(texts, st.integers(0, 8), texts, st.integers(0, 8), texts)
def test_merge_lines_keeps_both_edits_when_they_are_apart(base, at_a, new_a, at_b, new_b):
    """Each side replaces one line of the text (or inserts); when the two places are more than
    a line apart both edits are in the result, whichever side merges; overlapping ones may
    conflict (None), again the same both ways."""
    lines = [f"regel {i}" for i in range(10)] + base
    a = [*lines[:at_a], *(f"A{v}" for v in new_a), *lines[at_a + 1 :]]
    b = [*lines[:at_b], *(f"B{v}" for v in new_b), *lines[at_b + 1 :]]
    versions = ["\n".join(v) for v in (lines, a, b)]
    merged = merge_lines(*versions)
    assert merged == merge_lines(versions[0], versions[2], versions[1])
    if abs(at_a - at_b) > 1:
        first, second = sorted([(at_a, "A", new_a), (at_b, "B", new_b)])
        expected = [
            *lines[: first[0]], *(f"{first[1]}{v}" for v in first[2]),
            *lines[first[0] + 1 : second[0]], *(f"{second[1]}{v}" for v in second[2]),
            *lines[second[0] + 1 :],
        ]  # fmt: skip
        assert merged == "\n".join(expected)
