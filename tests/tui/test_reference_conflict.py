"""A merge that keeps a record one side deleted (because the other side still uses it) shows in
the changes view as a conflict to review."""

from __future__ import annotations

from typing import Any

from support import notified
from test_changes_view import NARROW, open_changes, other_actor, settle

from regietui import ops
from regietui.store import BoardStore
from regietui.tui.screens.changes import CONFLICTS


async def test_a_roadmap_item_kept_by_a_merge_is_listed_for_review(
    make_app: Any, board_fixture: Any
) -> None:
    path = board_fixture.path
    item, card = board_fixture["ipad_r"], board_fixture["ipad"]
    ann, bob = BoardStore(path), BoardStore(path)
    a_board, b_board = ann.load(), bob.load()
    ann.save(ops.delete(a_board, "roadmap", item, other_actor("Ann", 10, 1)).board)
    saved = bob.save(ops.link(b_board, card, item, other_actor("Bob", 20, 2)).board)
    assert [(c.record, c.field) for c in saved.conflicts] == [(item, "*")]
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        screen = await open_changes(pilot)
        assert screen.mode == CONFLICTS
        (entry,) = screen.entries
        assert entry.prompt.plain.splitlines() == [
            f"R-{item} 'Mobiel beheer iPads' · whole record · 2026-05-15 09:10",
            "  kept:  the record (edited or still used)",
            "  other: deleted",
        ]
        await pilot.press("f")  # take the delete: refused while Bob's link uses the item
        await settle(pilot)
        said = notified(app)
        assert f"R-{item} is still used by A-{card}" in said
        board = BoardStore(path).load()
        assert item in board.roadmap and item in board.ambitions[card].linked
