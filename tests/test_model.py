"""The domain model: quarters, record rules, user text hygiene and board-wide problems."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import pytest
from helpers import Demo
from pydantic import ValidationError

from regietui import ops
from regietui.model import (
    Ambition,
    Board,
    Event,
    Municipality,
    Quarter,
    RoadmapItem,
    Status,
    human_id,
    id_table,
    strip_control,
)
from regietui.store import board_text, loads

# --- quarters -------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["2027-Q1", "2027q1", "2027Q1", "2027-q1", " 2027 - Q1 "])
def test_quarter_parses_the_ways_people_write_it(text: str) -> None:
    quarter = Quarter.parse(text)
    assert (quarter.year, quarter.q) == (2027, 1)
    assert str(quarter) == "2027-Q1"


@pytest.mark.parametrize("text", ["2027-Q5", "2027-Q0", "27-Q1", "Q1 2027", "2027", ""])
def test_quarter_rejects_what_is_not_a_quarter(text: str) -> None:
    with pytest.raises(ValueError, match="is not a quarter like 2027-Q1"):
        Quarter.parse(text)


def test_quarters_are_ordered_in_time() -> None:
    texts = ["2028-Q1", "2027-Q4", "2027-Q1", "2026-Q3", "2027-Q2"]
    ordered = sorted(Quarter.parse(t) for t in texts)
    assert [str(q) for q in ordered] == ["2026-Q3", "2027-Q1", "2027-Q2", "2027-Q4", "2028-Q1"]
    assert Quarter(2027, 4) < Quarter(2028, 1) <= Quarter(2028, 1)
    assert Quarter(2027, 1) == Quarter.parse("2027q1")
    assert len({Quarter(2027, 1), Quarter.parse("2027-Q1")}) == 1


def test_quarter_arithmetic_crosses_years() -> None:
    q = Quarter(2027, 3)
    assert str(q + 1) == "2027-Q4"
    assert str(q + 2) == "2028-Q1"
    assert str(q - 3) == "2026-Q4"
    assert str(q + 0) == "2027-Q3"
    assert Quarter(2028, 2) - Quarter(2027, 3) == 3
    assert Quarter(2027, 3) - Quarter(2028, 2) == -3
    span = Quarter.span(Quarter(2027, 3), Quarter(2028, 2))
    assert [str(x) for x in span] == ["2027-Q3", "2027-Q4", "2028-Q1", "2028-Q2"]
    assert Quarter.span(q, q) == [q]
    assert Quarter.span(q + 1, q) == []


def test_quarter_days_and_of() -> None:
    assert Quarter(2027, 1).first_day() == date(2027, 1, 1)
    assert Quarter(2027, 1).last_day() == date(2027, 3, 31)
    assert Quarter(2028, 4).last_day() == date(2028, 12, 31)
    assert Quarter.of(date(2027, 8, 15)) == Quarter(2027, 3)


# --- record rules ---------------------------------------------------------------------------------


def _error(exc: pytest.ExceptionInfo[ValidationError]) -> tuple[tuple, str]:
    first = exc.value.errors()[0]
    return first["loc"], first["msg"]


def test_roadmap_end_before_start_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        RoadmapItem(title="Migratie", start="2027-Q3", end="2027-Q2")
    assert "end 2027-Q2 is before start 2027-Q3" in _error(caught)[1]
    one_quarter = RoadmapItem(title="Migratie", start="2027q3", end="2027-Q3")
    assert one_quarter.quarters == [Quarter(2027, 3)]


@pytest.mark.parametrize("value", [1, 5])
def test_value_one_to_five_is_accepted(value: int) -> None:
    assert Ambition(municipality="GM0363", title="x", value=value).value == value


@pytest.mark.parametrize("value", [0, 6, -1])
def test_value_outside_one_to_five_is_refused(value: int) -> None:
    with pytest.raises(ValidationError) as caught:
        Ambition(municipality="GM0363", title="x", value=value)
    assert _error(caught)[0] == ("value",)


def test_parked_needs_a_review_date_and_rejected_a_reason() -> None:
    with pytest.raises(ValidationError, match=r"needs a review date \(review\)"):
        Ambition(municipality="GM0363", title="x", status="parked")
    with pytest.raises(ValidationError, match=r"needs a reason \(status_reason\)"):
        Ambition(municipality="GM0363", title="x", status="rejected")
    parked = Ambition(municipality="GM0363", title="x", status="parked", review="2027-06-01")
    assert parked.review == date(2027, 6, 1)


def test_unknown_fields_and_statuses_are_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        Ambition(municipality="GM0363", title="x", titel="typo")
    assert _error(caught)[0] == ("titel",)
    with pytest.raises(ValidationError) as caught:
        Ambition(municipality="GM0363", title="x", status="someday")
    assert _error(caught)[0] == ("status",)


def test_an_empty_title_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        Ambition(municipality="GM0363", title="  \x1b[31m ")
    assert _error(caught)[0] == ("title",)


def test_records_are_immutable() -> None:
    amb = Ambition(municipality="GM0363", title="x")
    with pytest.raises(ValidationError):
        amb.status = Status.DONE  # type: ignore[misc]
    assert amb.status is Status.WISH


# --- user text ------------------------------------------------------------------------------------


def test_terminal_escape_sequences_are_stripped_from_titles() -> None:
    amb = Ambition(municipality="GM0363", title="Portaal\x1b]0;owned\x07 nu\x1b[2J\x1b[31m!")
    assert amb.title == "Portaal nu!"
    assert "\x1b" not in amb.title and "\x07" not in amb.title
    assert "owned" not in amb.title


def test_osc_hyperlinks_and_c1_controls_are_stripped() -> None:
    assert strip_control("a\x1b]8;;http://x\x1b\\b\x9bc\x00d\x7f") == "abcd"


def test_markup_like_titles_stay_literal() -> None:
    title = "fix [/] now [$accent]x"
    amb = Ambition(municipality="GM0363", title=title)
    assert amb.title == title


def test_newlines_are_flattened_in_titles_but_kept_in_descriptions() -> None:
    amb = Ambition(municipality="GM0363", title="Twee\nregels", description="Eerste\nTweede\x1b[1m")
    assert amb.title == "Twee regels"
    assert amb.description == "Eerste\nTweede"


def test_municipality_text_is_cleaned_too() -> None:
    muni = Municipality(name="Ams\x1b]0;x\x07terdam", short="ADM", information_manager="Jo\x07")
    assert (muni.name, muni.information_manager) == ("Amsterdam", "Jo")


def test_literal_titles_survive_the_file(demo: Demo) -> None:
    title = "fix [/] now [$accent]x → ë"
    amb = Ambition(municipality=demo.amsterdam, title=title)
    board = demo.board.with_record("ambitions", "zzzzz", amb)
    text = board_text(board)
    assert f'"title": "{title}"' in text
    assert loads(text).ambitions["zzzzz"].title == title


# --- the board as a whole -------------------------------------------------------------------------


def test_human_ids() -> None:
    assert human_id("ambitions", "3f9kq") == "A-3f9kq"
    assert human_id("roadmap", "8bd2x") == "R-8bd2x"
    assert human_id("standards", "2c4dm") == "S-2c4dm"
    assert human_id("municipalities", "GM0363") == "GM0363"


def test_a_human_id_names_its_table_by_the_one_prefix_table() -> None:
    """`id_table` reads back what `human_id` writes; anything else names no table."""
    for table in ("ambitions", "roadmap", "standards"):
        assert id_table(human_id(table, "3f9kq")) == table
    assert id_table(" r-8bd2x ") == "roadmap"  # as typed: spaces, lower case
    assert [id_table(text) for text in ("GM0363", "3f9kq", "X-3f9kq", "werk-plek", "")] == [
        None, None, None, None, None,
    ]  # fmt: skip


def test_a_valid_board_has_no_problems(demo: Demo) -> None:
    assert demo.board.problems() == []


def test_serving_is_derived_from_the_links_on_ambitions(demo: Demo) -> None:
    assert demo.board.serving(demo.portal) == [demo.portal_wish]
    assert demo.board.serving(demo.workplace) == []


def test_dangling_references_name_record_and_field(demo: Demo) -> None:
    amb = demo.board.ambitions[demo.ipads].model_copy(
        update={"municipality": "GM9999", "conflicts": ("nope9",)}
    )
    board = demo.board.with_record("ambitions", demo.ipads, amb)
    found = [str(p) for p in board.problems()]
    assert found == [
        f"ambition A-{demo.ipads}, field municipality: unknown municipality GM9999",
        f"ambition A-{demo.ipads}, field conflicts: unknown standard S-nope9",
    ]


def test_dependency_cycles_are_found_once(demo: Demo) -> None:
    portal = demo.board.roadmap[demo.portal].model_copy(update={"depends_on": (demo.workplace,)})
    board = demo.board.with_record("roadmap", demo.portal, portal)
    problems = board.problems()
    assert len(problems) == 1
    assert problems[0].field == "depends_on"
    assert "dependency cycle" in problems[0].message
    assert (
        f"R-{demo.portal}" in problems[0].message and f"R-{demo.workplace}" in problems[0].message
    )


def test_an_item_depending_on_itself_is_a_problem(demo: Demo) -> None:
    portal = demo.board.roadmap[demo.portal].model_copy(update={"depends_on": (demo.portal,)})
    board = demo.board.with_record("roadmap", demo.portal, portal)
    assert [str(p) for p in board.problems()] == [
        f"roadmap item R-{demo.portal}, field depends_on: an item cannot depend on itself"
    ]


def test_capacity_keys_must_be_quarters(demo: Demo) -> None:
    board = demo.board.with_record("capacity", "volgend jaar", demo.board.capacity["2027-Q1"])
    assert [(p.record, p.field) for p in board.problems()] == [("volgend jaar", "key")]
    assert demo.board.capacity_for(Quarter(2027, 1)) == 400
    assert demo.board.capacity_for(Quarter(2027, 2)) is None


def test_history_is_oldest_first_whatever_the_random_keys(demo: Demo) -> None:
    times = iter(datetime(2027, 3, d, tzinfo=UTC) for d in range(1, 29))
    actor = ops.Actor(author="Test", clock=lambda: next(times), rng=random.Random(5))
    board = demo.board
    for status in ("exploring", "deciding", "planned", "in_progress", "done"):
        board = ops.move(board, demo.ipads, status, actor).board
    moves = [ev.changes["status"][1] for _, ev in board.history(demo.ipads) if ev.action == "move"]
    assert moves == ["exploring", "deciding", "planned", "in_progress", "done"]
    new_keys = [k for k, _ in board.history(demo.ipads) if k not in demo.board.events]
    assert new_keys != sorted(new_keys)  # so the order really comes from the time
    assert len(board.history()) == len(board.events)


def test_with_record_leaves_the_old_board_alone(demo: Demo) -> None:
    old: Board = demo.board
    new = old.with_record("ambitions", demo.ipads, None)
    assert demo.ipads in old.ambitions and demo.ipads not in new.ambitions


def test_event_times_are_kept_in_utc() -> None:
    """History is sorted and merged by time: a time without zone (hand-edited, imported) counts as
    UTC and a local time is converted, so times always compare and order correctly."""
    fields = {"author": "T", "action": "add", "table": "ambitions", "record": "x"}
    naive = Event(at="2027-01-04T09:30:00", **fields)
    local = Event(at="2027-01-04T10:45:00+01:00", **fields)
    assert naive.at == datetime(2027, 1, 4, 9, 30, tzinfo=UTC)
    assert local.at.utcoffset() == timedelta(0) and local.at.hour == 9
    assert naive.at < local.at
    assert naive.to_doc()["at"] == "2027-01-04T09:30:00Z"
    assert local.to_doc()["at"] == "2027-01-04T09:45:00Z"
