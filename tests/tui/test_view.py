"""regietui.view: which cards the board shows, where, and in what order (no terminal needed)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from support import build_board

from regietui import view
from regietui.model import Quarter, Status


def test_columns_order_cards_by_priority_then_title() -> None:
    board, keys = build_board()
    columns = view.kanban(board)
    assert [c.spec.id for c in columns] == [
        "wish", "exploring", "deciding", "planned", "in_progress", "done", "side",
    ]  # fmt: skip
    assert columns[0].cards == [keys["zaak"], keys["markup"]]  # must before no priority
    assert [r.kind for r in columns[6].rows] == ["group", "card"]  # side: headed per status
    assert sum(c.total for c in columns) == len(board.ambitions)


def test_filter_matches_words_in_id_title_description_and_tags() -> None:
    board, keys = build_board()

    def shown(flt: view.Filter) -> set[str]:
        return {k for c in view.kanban(board, flt) for k in c.cards}

    assert shown(view.Filter(text="TABLET")) == {keys["ipad"]}  # a tag, any case
    assert shown(view.Filter(text="einde zaaksysteem")) == {keys["zaak"]}  # all words
    assert shown(view.Filter(text=f"A-{keys['osc']}")) == {keys["osc"]}
    assert shown(view.Filter(municipality="GM0002")) == {keys["ipad"], keys["osc"]}
    assert shown(view.Filter(theme="werkplek")) == {keys["ipad"]}
    assert shown(view.Filter(serving=keys["zaak_r"])) == {keys["zaak"], keys["long"]}
    assert not view.Filter().active and view.Filter(text=" x ").active


def test_one_index_kept_across_changes_lays_out_what_a_fresh_one_does() -> None:
    """The kanban keeps its SearchIndex while the board changes: what it remembers per card
    (search text, place in the column) must follow a moved, retitled or deleted card."""
    board, keys = build_board()
    index = view.SearchIndex()
    filters = [view.Filter(), view.Filter(text="zaak"), view.Filter(municipality="GM0002")]

    def layouts(board, index):  # type: ignore[no-untyped-def]
        return [
            [(c.spec.id, c.cards, c.rows, c.total) for c in view.kanban(b, f, index=index, **o)]
            for b in [board]
            for f in filters
            for o in ({}, {"swimlanes": True}, {"expand_side": True})
        ]

    assert layouts(board, index) == layouts(board, None)
    zaak = board.ambitions[keys["zaak"]]
    moved = board.with_record(
        "ambitions", keys["zaak"], zaak.model_copy(update={"status": Status.DONE})
    )
    assert layouts(moved, index) == layouts(moved, None)
    retitled = moved.with_record(
        "ambitions", keys["ipad"], moved.ambitions[keys["ipad"]].model_copy(update={"title": "Aa"})
    )
    assert layouts(retitled, index) == layouts(retitled, None)
    gone = retitled.with_record("ambitions", keys["osc"], None)
    assert layouts(gone, index) == layouts(gone, None)
    assert keys["osc"] not in {k for c in view.kanban(gone, index=index) for k in c.cards}
    back = gone.with_record("ambitions", keys["osc"], board.ambitions[keys["osc"]])
    added = back.with_record("ambitions", "zzzzz", zaak.model_copy(update={"title": "Nieuw"}))
    assert layouts(added, index) == layouts(added, None)  # a card back, a card new
    many = {f"m{n:04d}": zaak.model_copy(update={"title": f"Kaart {n}"}) for n in range(100)}
    crowded = replace(added, ambitions={**added.ambitions, **many})  # more than a few: anew
    assert layouts(crowded, index) == layouts(crowded, None)
    assert layouts(board, index) == layouts(board, None)  # and back to where it started


def test_swimlanes_line_up_across_columns() -> None:
    board, _ = build_board()
    columns = view.kanban(board, swimlanes=True)
    assert len({len(c.rows) for c in columns}) == 1
    lanes = [r.key for r in columns[0].rows if r.kind == view.LANE]
    assert lanes == ["GM0001", "GM0002", "GM0003"]
    for column in columns:
        assert [r.key for r in column.rows if r.kind == view.LANE] == lanes


def test_expanded_side_columns_and_flags() -> None:
    board, keys = build_board()
    columns = view.kanban(board, expand_side=True)
    assert [c.spec.id for c in columns][6:] == ["parked", "rejected", "withdrawn", "local"]
    assert columns[6].cards == [keys["parked"]]
    assert view.conflicts(board.ambitions[keys["ipad"]])
    assert board.ambitions[keys["nolink"]].unlinked_commitment
    assert not board.ambitions[keys["long"]].unlinked_commitment


def test_quarter_range_includes_today_and_the_roadmap() -> None:
    board, _ = build_board()
    quarters = view.quarter_range(board, date(2026, 5, 15))
    assert quarters[0] == Quarter(2026, 1) and quarters[-1] == Quarter(2026, 4)
    later = view.quarter_range(board, date(2027, 8, 1))
    assert later[-1] == Quarter(2027, 3)
    assert view.roadmap_order(board)[0] == view.roadmap_order(board, "dienstverlening")[0]


def test_match_spans_find_every_word_of_the_filter_ignoring_case():
    assert view.match_spans("Zaaksysteem vervangen", "zaak VERV") == [(0, 4), (12, 16)]
    assert view.match_spans("aaaa", "aa") == [(0, 4)]  # overlapping hits merge
    assert view.match_spans("Portaal", "") == [] and view.match_spans("Portaal", "xyz") == []


def test_the_roadmap_on_a_municipality_shows_the_items_serving_its_ambitions() -> None:
    board, keys = build_board()
    assert view.roadmap_order(board, municipality="GM0001") == [keys["zaak_r"]]  # Aadorp
    assert view.roadmap_order(board, municipality="GM0003") == [keys["zaak_r"]]  # the long one
    assert view.roadmap_order(board, municipality="GM0002") == []  # the iPads serve nothing
    assert view.roadmap_order(board, "werkplek", municipality="GM0001") == []  # both must hold
    assert len(view.roadmap_order(board)) == 2
