"""Whatever the model accepts, the file holds: generated records (hostile text, numbers of any
size, quarters and dates of any year, nested event values) that validate are saved, loaded and
saved again byte-identically and every report renders them; what the model refuses never reaches
a file."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from regietui import report
from regietui.model import (
    Ambition,
    Basis,
    Board,
    Body,
    Capacity,
    Event,
    Meta,
    Municipality,
    Payers,
    Priority,
    Quarter,
    RoadmapItem,
    Status,
    Theme,
)
from regietui.store import BoardStore, board_text, loads

TEXT = st.text(st.characters(), max_size=12)
HOSTILE = st.text(
    st.characters(categories=["Cs", "Cc", "Cf", "Zl", "Zp"]) | st.sampled_from(" \x1b[]\u202e"),
    max_size=6,
)
ANY_TEXT = TEXT | HOSTILE | st.builds(str.__add__, TEXT, HOSTILE)
NUMBER = (
    st.floats()
    | st.integers(-(10**20), 10**20)
    | st.integers(10**300, 10**310)
    | st.sampled_from([math.inf, -math.inf, math.nan, 1e308, -0.0])
)
YEAR = st.integers(0, 12000)
QUARTER = st.builds(lambda y, q: f"{y:04d}-Q{q}", YEAR, st.integers(1, 4)) | ANY_TEXT
DATE = st.dates().map(str) | st.builds(lambda y: f"{y}-01-01", YEAR)
MOMENT = st.datetimes().map(lambda t: t.isoformat() + "+01:00") | st.datetimes().map(str) | NUMBER
JSON = st.recursive(
    st.none() | st.booleans() | NUMBER | ANY_TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=40,
)

AMBITION = st.fixed_dictionaries(
    {"municipality": st.just("GM0363"), "title": ANY_TEXT},
    optional={
        "description": ANY_TEXT,
        "status": st.sampled_from([s.value for s in Status]),
        "status_reason": ANY_TEXT,
        "priority": st.sampled_from([p.value for p in Priority]),
        "value": NUMBER,
        "effort": NUMBER,
        "wanted_by": QUARTER,
        "cost_once": NUMBER,
        "tags": st.lists(ANY_TEXT, max_size=3),
        "review": DATE,
        "decision": st.fixed_dictionaries(
            {"date": DATE, "body": st.sampled_from([b.value for b in Body]), "text": ANY_TEXT}
        ),
        "owner": ANY_TEXT,
        "theme": st.just("werkplek"),
    },
)
ALLOCATION = st.one_of(
    st.fixed_dictionaries(
        {"weights": st.dictionaries(st.sampled_from([b.value for b in Basis]), NUMBER, min_size=1)},
        optional={"payers": st.sampled_from([p.value for p in Payers if p is not Payers.LISTED])},
    ),
    st.fixed_dictionaries({"table": st.fixed_dictionaries({"GM0363": NUMBER})}),
    st.fixed_dictionaries(
        {
            "weights": st.just({"equal": 1}),
            "payers": st.just("listed"),
            "members": st.just(["GM0363"]),
        }
    ),
)
ROADMAP = st.fixed_dictionaries(
    {"title": ANY_TEXT, "start": QUARTER, "end": QUARTER},
    optional={
        "effort": NUMBER,
        "cost_once": NUMBER,
        "cost_yearly": NUMBER,
        "description": ANY_TEXT,
        "allocation": ALLOCATION,
    },
)
EVENT = st.fixed_dictionaries(
    {
        "at": MOMENT,
        "author": ANY_TEXT,
        "action": ANY_TEXT,
        "table": st.just("ambitions"),
        "record": ANY_TEXT,
        "changes": st.dictionaries(TEXT, st.tuples(JSON, JSON), max_size=3),
    },
    optional={"title": ANY_TEXT, "text": ANY_TEXT},
)
MUNICIPALITY = st.fixed_dictionaries(
    {"name": ANY_TEXT, "short": ANY_TEXT},
    optional={"inhabitants": NUMBER, "cost_share": NUMBER, "information_manager": ANY_TEXT},
)


def _accepted(model: type, docs: list[dict[str, Any]]) -> list[Any]:
    """The records the model accepts (the others are refused before any file sees them)."""
    records = []
    for doc in docs:
        with contextlib.suppress(ValidationError):
            records.append(model.model_validate(doc))
    return records


def _quarters(texts: list[str]) -> list[Quarter]:
    accepted = []
    for text in texts:
        with contextlib.suppress(ValueError):
            accepted.append(Quarter.parse(text))
    return accepted


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=ANY_TEXT,
    municipality=MUNICIPALITY,
    ambitions=st.lists(AMBITION, max_size=4),
    roadmap=st.lists(ROADMAP, max_size=3),
    events=st.lists(EVENT, max_size=3),
    capacity=st.tuples(QUARTER, NUMBER),
)
def test_every_board_the_model_accepts_reads_back_byte_identically(
    name, municipality, ambitions, roadmap, events, capacity
) -> None:
    meta = _accepted(Meta, [{"name": name}]) or [Meta()]
    municipalities = _accepted(Municipality, [municipality]) or [Municipality(name="A", short="A")]
    keys = ["2345a", "2345b", "2345c", "2345d"]
    quarter, amount = capacity
    board = Board(
        meta=meta[0],
        municipalities={"GM0363": municipalities[0]},
        themes={"werkplek": Theme(name="Werkplek")},
        ambitions=dict(zip(keys, _accepted(Ambition, ambitions), strict=False)),
        roadmap=dict(zip(keys, _accepted(RoadmapItem, roadmap), strict=False)),
        events={k * 2: e for k, e in zip(keys, _accepted(Event, events), strict=False)},
        capacity={
            str(q): c
            for q, c in zip(
                _quarters([quarter]), _accepted(Capacity, [{"amount": amount}]), strict=False
            )
        },
    )
    text = board_text(board)  # would raise for a record the file cannot hold
    loaded = loads(text)
    assert board_text(loaded) == text
    assert loaded == board
    # and every report and export holds it, in a form its own reader takes
    today = date(2027, 1, 4)
    assert report.render(board, "md", today, "en").startswith("# ")
    rows = list(csv.reader(io.StringIO(report.render(board, "csv", today, "en"))))
    assert len(rows) == 1 + len(board.ambitions)
    exported = json.loads(report.render(board, "json", today, "en"), parse_constant=_no_constant)
    assert len(exported["ambitions"]) == len(board.ambitions)
    as_toml = tomllib.loads(report.render(board, "toml", today, "en"))
    assert len(as_toml.get("ambitions", [])) == len(board.ambitions)


def _no_constant(name: str) -> None:
    raise AssertionError(f"{name} is not strict JSON")


def test_saving_loading_and_saving_a_generated_board_changes_no_byte(tmp_path: Path) -> None:
    """The same through the store: save, load, save again leaves the file as it was."""

    @settings(max_examples=40, deadline=None)
    @given(ambitions=st.lists(AMBITION, max_size=4))
    def check(ambitions: list[dict[str, Any]]) -> None:
        path = tmp_path / "board.json"
        path.unlink(missing_ok=True)
        accepted = _accepted(Ambition, ambitions)
        board = Board(
            municipalities={"GM0363": Municipality(name="Amsterdam", short="ADM")},
            themes={"werkplek": Theme(name="Werkplek")},
            ambitions={f"a{k}": amb for k, amb in zip("23456789", accepted, strict=False)},
        )
        BoardStore(path).create(board)
        written = path.read_bytes()
        st_ = BoardStore(path)
        again = st_.load()
        st_.save(again)
        assert path.read_bytes() == written
        assert again == board

    check()
