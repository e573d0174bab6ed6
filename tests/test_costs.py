"""Who pays what and when (`regietui.costs`, `regietui costs`): allocations that always add up to
the cost in whole euros, the key's text form, budget years, who asks against who pays, the
schema version a board with allocations needs, and the demo's costs."""

from __future__ import annotations

import json
import re
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regietui import costs, insights, ops
from regietui.lookup import InputError, coerce
from regietui.model import (
    META_KEY,
    Allocation,
    Basis,
    Board,
    Meta,
    Municipality,
    Payers,
    RoadmapItem,
    Thresholds,
)
from regietui.store import BoardError, BoardStore, board_text, loads

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "boards" / "demo.json"

# --- splitting whole euros -----------------------------------------------------------------------


def test_a_split_adds_up_and_gives_leftover_euros_to_the_largest_remainders() -> None:
    # 100 over three equal parts: 33.33 each, the one leftover euro to the lowest key
    assert costs.split(100, {"b": 1, "a": 1, "c": 1}) == {"a": 34, "b": 33, "c": 33}
    # 10 over 1/6 and 5/6: 1.67 and 8.33 → the first has the larger remainder
    assert costs.split(10, {"x": 1, "y": 5}) == {"x": 2, "y": 8}
    # two euros left, three equal remainders: the two lowest keys
    assert costs.split(5, {"GM3": 1, "GM1": 1, "GM2": 1}) == {"GM1": 2, "GM2": 2, "GM3": 1}
    # nothing weighs anything: an equal split rather than nobody paying
    assert costs.split(7, {"a": 0, "b": 0}) == {"a": 4, "b": 3}
    assert costs.split(0, {"a": 1}) == {"a": 0}


def test_money_rounds_half_up_to_whole_euros() -> None:
    assert [costs.euros(v) for v in (12.5, 12.49, 2.675, 0.5)] == [13, 12, 3, 1]
    assert costs.euros(Fraction(5, 2)) == 3


@settings(max_examples=200, deadline=None)
@given(
    total=st.integers(min_value=0, max_value=10**9),
    weights=st.dictionaries(
        st.sampled_from([f"GM{n:04d}" for n in range(12)]),
        st.one_of(
            st.integers(min_value=0, max_value=10**6),
            st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False),
        ),
        min_size=1,
    ),
)
def test_any_split_adds_up_exactly_and_is_never_negative(
    total: int, weights: dict[str, float]
) -> None:
    parts = costs.split(total, weights)
    assert set(parts) == set(weights)
    assert sum(parts.values()) == total
    assert all(part >= 0 for part in parts.values())
    # nobody is off by a euro or more from the exact part
    whole = sum(Fraction(w) for w in weights.values())
    if whole:
        assert all(abs(parts[k] - total * Fraction(w) / whole) < 1 for k, w in weights.items())


# --- keys over a board ---------------------------------------------------------------------------


def board_of(**items: RoadmapItem) -> Board:
    """Three municipalities of different sizes; R-a serves none, ambitions added per test."""
    municipalities = {
        "GM0001": Municipality(
            name="Aadorp", short="AAD", inhabitants=60000, workstations=600, cost_share=0.5
        ),
        "GM0002": Municipality(
            name="Bergum", short="BRG", inhabitants=30000, workstations=300, cost_share=0.3
        ),
        "GM0003": Municipality(
            name="Cadzand", short="CDZ", inhabitants=10000, workstations=100, cost_share=0.2
        ),
    }
    return Board(municipalities=municipalities, roadmap=dict(items))


def item(**fields: object) -> RoadmapItem:
    doc = {"title": "Item", "start": "2027-Q1", "end": "2027-Q4", "status": "adopted"}
    return RoadmapItem.model_validate({**doc, **fields})


def key(text: str) -> Allocation | None:
    return costs.parse_allocation(text, lambda name: name.strip().upper())


def test_without_any_key_costs_follow_the_cost_shares_and_add_up() -> None:
    board = board_of(a=item(cost_once=100001))
    split = costs.allocate(board, "a")
    assert split.once == {"GM0001": 50001, "GM0002": 30000, "GM0003": 20000}
    assert sum(split.once.values()) == 100001


def test_a_mix_weighs_each_basis_over_the_payers_then_mixes() -> None:
    # 30% equal (1/3 each) + 70% inhabitants (6/10, 3/10, 1/10) of 1000
    board = board_of(a=item(cost_once=1000, allocation=key("30% equal + 70% inhabitants")))
    assert costs.allocate(board, "a").once == {"GM0001": 520, "GM0002": 310, "GM0003": 170}


def test_the_board_key_applies_unless_an_item_has_its_own() -> None:
    board = board_of(a=item(cost_once=900), b=item(cost_once=900, allocation=key("equal")))
    board = board.with_record("meta", META_KEY, Meta(cost_key=key("workstations")))
    assert costs.allocate(board, "a").once == {"GM0001": 540, "GM0002": 270, "GM0003": 90}
    assert costs.allocate(board, "b").once == {"GM0001": 300, "GM0002": 300, "GM0003": 300}


def test_a_plus_package_falls_only_on_the_municipalities_it_serves() -> None:
    board = board_of(a=item(cost_once=1000, allocation=key("inhabitants over served")))
    for code, status in (("GM0001", "planned"), ("GM0003", "wish"), ("GM0002", "withdrawn")):
        board = ops.add(
            board.with_record("themes", "t", None),
            "ambitions",
            {"municipality": code, "title": f"Wens {code}", "status": status, "links": []},
            ops.Actor(),
        ).board
        amb = next(k for k, a in board.ambitions.items() if a.municipality == code)
        board = ops.link(board, amb, "a", ops.Actor()).board
    # Bergum's ambition is withdrawn: it is not served, so it does not pay
    assert costs.payers(board, "a") == ["GM0001", "GM0003"]
    assert costs.allocate(board, "a").once == {"GM0001": 857, "GM0003": 143}


def test_a_plus_package_that_serves_nobody_yet_falls_on_everyone() -> None:
    board = board_of(a=item(cost_once=90, allocation=key("equal over served")))
    assert costs.allocate(board, "a").once == {"GM0001": 30, "GM0002": 30, "GM0003": 30}


def test_listed_payers_and_a_fixed_table() -> None:
    board = board_of(
        a=item(cost_once=1000, allocation=key("share over GM0001, GM0003")),
        b=item(cost_yearly=999, allocation=key("GM0002: 2, GM0003: 1")),
    )
    assert costs.allocate(board, "a").once == {"GM0001": 714, "GM0003": 286}
    assert costs.allocate(board, "b").yearly == {"GM0002": 666, "GM0003": 333}


def test_a_basis_nobody_has_a_figure_for_splits_equally() -> None:
    board = board_of(a=item(cost_once=10, allocation=key("workstations")))
    board = board.with_record(
        "municipalities", "GM0001", Municipality(name="Aadorp", short="AAD")
    ).with_record("municipalities", "GM0002", Municipality(name="Bergum", short="BRG"))
    board = board.with_record("municipalities", "GM0003", Municipality(name="C", short="C"))
    assert costs.allocate(board, "a").once == {"GM0001": 4, "GM0002": 3, "GM0003": 3}


# --- the key's text form -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "english", "dutch"),
    [
        ("equal", "equal", "gelijk"),
        ("30% gelijk + 70% inwoners", "30% equal + 70% inhabitants", "30% gelijk + 70% inwoners"),
        ("werkplekken over bediende", "workstations over served", "werkplekken over bediende"),
        ("inhabitants over pluspakket", "inhabitants over served", "inwoners over bediende"),
        ("aandeel over gm0001, GM0002", "share over GM0001, GM0002", "aandeel over GM0001, GM0002"),
        ("gm0001: 40, gm0002 = 60", "GM0001: 40, GM0002: 60", "GM0001: 40, GM0002: 60"),
        ("0.3 equal + 0.7 inhabitants", "30% equal + 70% inhabitants", "30% gelijk + 70% inwoners"),
    ],
)
def test_a_key_reads_in_both_languages_and_writes_back(text: str, english: str, dutch: str):
    alloc = key(text)
    assert costs.allocation_text(alloc, "en") == english
    assert costs.allocation_text(alloc, "nl") == dutch
    assert key(english) == key(dutch)
    assert costs.allocation_text(key(english)) == english


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("30% foo", "'30% foo' is not a basis"),
        ("30% equal + inhabitants", "give each basis of a mix its weight"),
        ("equal + gelijk", "equal appears twice"),
        ("0% equal", "the weights add up to nothing"),
        ("GM0001: 1 over served", "a fixed table names its own municipalities"),
        ("GM0001 40", "'GM0001 40' is not a basis"),
    ],
)
def test_a_key_that_does_not_read_says_why(text: str, says: str) -> None:
    with pytest.raises(ValueError, match=f"^{says}"):
        key(text)


def test_an_unknown_municipality_in_a_key_names_the_field() -> None:
    board = board_of(a=item())
    with pytest.raises(InputError) as err:
        coerce(board, "roadmap", {"allocation": "equal over GM0009"})
    assert str(err.value) == "roadmap item, field cost allocation: no municipality 'GM0009'"
    assert coerce(board, "roadmap", {"allocation": " "}) == {"allocation": None}
    parsed = coerce(board, "roadmap", {"allocation": "equal over BRG, cadzand"})
    assert parsed["allocation"].members == ("GM0002", "GM0003")


# --- the file: compact, schema 2 only when needed, references kept -------------------------------


def test_a_board_is_schema_1_until_it_allocates_and_then_2() -> None:
    board = board_of(a=item(cost_once=10))
    assert '"schema_version": 1' in board_text(
        ops.edit(board, "roadmap", "a", {}, ops.Actor()).board
    )
    fields = coerce(board, "roadmap", {"allocation": "inhabitants over served"})
    edited = ops.edit(board, "roadmap", "a", fields, ops.Actor()).board
    text = board_text(edited)
    assert '"schema_version": 2' in text
    assert '"allocation": {"payers": "served", "weights": {"inhabitants": 1.0}}' in text
    assert loads(text).roadmap["a"].allocation == Allocation(
        weights={Basis.INHABITANTS: 1}, payers=Payers.SERVED
    )
    # a regietui that reads only schema 1 refuses it cleanly (the same check, one version back)
    with pytest.raises(BoardError, match="written by a newer regietui"):
        loads(text.replace('"schema_version": 2', '"schema_version": 3'))


def test_an_old_board_loads_and_saves_as_schema_1(tmp_path: Path) -> None:
    """A board without allocations stays readable by a regietui that knows only schema 1."""
    old = (ROOT / "tests" / "data" / "bad" / "good.json").read_text(encoding="utf-8")
    assert '"schema_version": 1' in old
    path = tmp_path / "old.json"
    path.write_text(old, encoding="utf-8")
    store = BoardStore(path)
    board = store.load()
    store.save(ops.edit(board, "meta", META_KEY, {"name": "Nieuw"}, ops.Actor()).board)
    again = BoardStore(path).load()
    assert again.meta.schema_version == 1 and again.meta.name == "Nieuw"
    assert '"asks_pays"' not in path.read_text(encoding="utf-8")


def test_a_key_naming_an_unknown_municipality_does_not_load() -> None:
    board = board_of(a=item(allocation=key("equal over GM0001")))
    text = board_text(board).replace('"members": ["GM0001"]', '"members": ["GM0042"]')
    with pytest.raises(BoardError, match="field cost allocation: unknown municipality GM0042"):
        loads(text)


def test_a_municipality_a_key_names_cannot_be_deleted() -> None:
    board = board_of(a=item(allocation=key("GM0003: 1, GM0001: 1")))
    with pytest.raises(ops.OpError, match="still used"):
        ops.delete(board, "municipalities", "GM0003", ops.Actor())


# --- budget years --------------------------------------------------------------------------------


def test_one_off_costs_follow_the_quarters_and_yearly_costs_start_at_go_live() -> None:
    # 2027-Q3 … 2028-Q2: half the one-off cost in each year; live from 2028-Q2 (3 quarters)
    spanned = item(start="2027-Q3", end="2028-Q2", cost_once=1001, cost_yearly=400)
    board = board_of(a=spanned.model_copy(update={"allocation": key("GM0001: 1")}))
    plan = costs.budget(board, 2027)
    assert plan.years == (2027, 2028, 2029, 2030)
    got = [plan.of("GM0001", y, "adopted") for y in plan.years]
    assert [(c.once, c.yearly) for c in got] == [(501, 0), (500, 300), (0, 400), (0, 400)]
    assert plan.of("GM0001", 2027, "proposed") == costs.YearCosts()


def test_draft_items_are_proposed_and_dropped_items_cost_nothing() -> None:
    board = board_of(
        a=item(cost_once=300, status="draft"),
        b=item(cost_once=300, status="dropped"),
        c=item(cost_once=300, status="delivered"),
    )
    plan = costs.budget(board, 2027)
    assert plan.total(2027, "proposed").once == 300
    assert plan.total(2027, "adopted").once == 300  # the delivered one; the dropped one not
    assert costs.kind(board.roadmap["b"]) is None


# --- who asks, who pays --------------------------------------------------------------------------


def asking(board: Board, efforts: dict[str, float]) -> Board:
    for code, effort in efforts.items():
        fields = {"municipality": code, "title": f"W {code}", "status": "planned", "effort": effort}
        board = ops.add(board, "ambitions", fields, ops.Actor()).board
    return board


@pytest.mark.parametrize(("paid", "flagged"), [(25, False), (26, True), (15, False), (14, True)])
def test_the_asks_pays_threshold_is_relative_to_the_demand_share(paid: int, flagged: bool):
    """Aadorp asks 20 %; at the default 25 % it may pay 15 % to 25 % (exactly at the edge: not
    flagged), 26 % or 14 % is flagged."""
    table = f"GM0001: {paid}, GM0002: {100 - paid}"
    board = asking(
        board_of(a=item(cost_once=100, allocation=key(table))), {"GM0001": 20, "GM0002": 80}
    )
    row = next(r for r in costs.asks_pays(board) if r.code == "GM0001")
    assert (row.asks, row.pays) == (Fraction(1, 5), Fraction(paid, 100))
    assert row.flagged(board.meta.thresholds.asks_pays_limit) is flagged
    found = [f for f in insights.findings(board, date(2027, 1, 4)) if f.check == "asks_pays"]
    assert [f.ids for f in found if f.ids == (("municipalities", "GM0001"),)] == (
        [(("municipalities", "GM0001"),)] if flagged else []
    )


def test_paying_while_asking_nothing_is_flagged_and_the_threshold_is_the_boards() -> None:
    board = asking(board_of(a=item(cost_once=90, allocation=key("equal"))), {"GM0001": 10})
    rows = {r.code: r for r in costs.asks_pays(board)}
    assert rows["GM0002"].asks == 0 and rows["GM0002"].flagged(100.0)
    # Aadorp asks 100 %, pays a third: a gap of 2/3, flagged at 0.66, not at 0.67
    relaxed = Meta(thresholds=Thresholds(asks_pays=0.67))
    assert not rows["GM0001"].flagged(relaxed.thresholds.asks_pays_limit)
    assert rows["GM0001"].flagged(0.66)


def test_the_finding_reads_in_both_languages() -> None:
    board = asking(board_of(a=item(cost_once=100, allocation=key("GM0001: 8, GM0002: 92"))),
                   {"GM0001": 13, "GM0002": 87})  # fmt: skip
    (found,) = [f for f in insights.findings(board, date(2027, 1, 4)) if f.check == "asks_pays"]
    assert found.text("en") == (
        "Aadorp (AAD) asks 13% of the demand being delivered but pays 8% of the costs."
    )
    assert found.text("nl") == (
        "Aadorp (AAD) heeft 13% van de vraag die wordt geleverd, maar betaalt 8% van de kosten."
    )


# --- the demo and the command --------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo() -> Board:
    return BoardStore(DEMO).load()


def rid(ident: str) -> str:
    return ident.split("-", 1)[1]


def test_on_the_demo_the_zaaksysteem_falls_only_on_those_it_serves(demo: Board) -> None:
    zaak = rid("R-jc4sn")
    served = sorted({demo.ambitions[a].municipality for a in demo.serving(zaak)})
    assert served == ["GM1991", "GM1992", "GM1993", "GM1994"]
    split = costs.allocate(demo, zaak)
    assert set(split.once) == set(split.yearly) == set(served)
    assert sum(split.once.values()) == 420000 and sum(split.yearly.values()) == 110000


def test_on_the_demo_every_allocation_adds_up_to_its_cost(demo: Board) -> None:
    for key_, road in demo.roadmap.items():
        split = costs.allocate(demo, key_)
        assert sum(split.once.values()) == costs.euros(road.cost_once or 0), key_
        assert sum(split.yearly.values()) == costs.euros(road.cost_yearly or 0), key_
        assert min([*split.once.values(), *split.yearly.values()]) >= 0


def test_costs_json_gives_each_year_per_municipality_adopted_and_proposed_apart(run) -> None:
    result = run("costs", "-b", DEMO, "--year", "2027", "--json")
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert doc["years"] == [2027, 2028, 2029, 2030]
    board = BoardStore(DEMO).load()
    plan = costs.budget(board, 2027)
    assert [m["code"] for m in doc["municipalities"]] == sorted(
        board.municipalities, key=lambda c: board.municipalities[c].name
    )
    for muni in doc["municipalities"]:
        for year in plan.years:
            for kind in ("adopted", "proposed"):
                want = plan.of(muni["code"], year, kind)
                assert muni["years"][str(year)][kind] == {
                    "once": want.once, "yearly": want.yearly, "total": want.total
                }  # fmt: skip
    # the totals are the sums of the municipalities, and proposed (draft) money is there apart
    for year in map(str, plan.years):
        for kind in ("adopted", "proposed"):
            total = doc["total"]["years"][year][kind]["total"]
            assert total == sum(m["years"][year][kind]["total"] for m in doc["municipalities"])
    assert doc["total"]["years"]["2027"]["proposed"]["total"] > 0
    # the one-off money of 2027-2030 plus what fell before equals every item's one-off cost
    zaak = next(i for i in doc["items"] if i["id"] == "R-jc4sn")
    assert zaak["package"] == "plus" and zaak["key"] == "inhabitants over served"
    assert sum(zaak["once"].values()) == zaak["cost_once"] == 420000
    dropped = next(i for i in doc["items"] if i["status"] == "dropped")
    assert dropped["budget"] is None


def test_costs_for_one_municipality_in_dutch_money(run) -> None:
    result = run("costs", "-b", DEMO, "--year", "2027", "--municipality", "ZDL", "--lang", "nl")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "Kosten per gemeente: begroting 2027, meerjarenraming 2028–2030"
    board = BoardStore(DEMO).load()
    adopted = costs.budget(board, 2027).of("GM1996", 2027, "adopted").total
    row = next(line for line in lines if line.startswith("Zuiderlek"))
    assert row.split()[1] == "vastgesteld"
    assert f"€ {adopted:,}".replace(",", ".") in row
    assert not any(line.startswith(("Lekstede", "Totaal")) for line in lines)
    bad = run("costs", "-b", DEMO, "--municipality", "Nergenshuizen")
    assert bad.code == 1 and "no municipality 'Nergenshuizen'" in bad.err


def test_editing_the_allocation_from_the_command_line(run, tmp_path: Path) -> None:
    path = tmp_path / "demo.json"
    path.write_bytes(DEMO.read_bytes())
    text = "allocation=40% gelijk + 60% inwoners over LKS, Vlietwijk"
    edited = run("roadmap", "edit", "R-gdvy5", "-b", path, "--set", text, "--lang", "nl")
    assert edited.code == 0, edited.err
    assert edited.out == (
        "R-gdvy5: verdeelsleutel — → 40% gelijk + 60% inwoners over GM1991, GM1992\n"
    )
    item_ = BoardStore(path).load().roadmap["gdvy5"]
    assert item_.allocation == Allocation(
        weights={Basis.EQUAL: 40, Basis.INHABITANTS: 60},
        payers=Payers.LISTED,
        members=("GM1991", "GM1992"),
    )
    shown = run("show", "R-gdvy5", "-b", path, "--lang", "en").out
    assert re.search(
        r"\n  Cost allocation +40% equal \+ 60% inhabitants over GM1991, GM1992\n", shown
    )
    bad = run("roadmap", "edit", "R-gdvy5", "-b", path, "--set", "allocation=half equal")
    assert bad.code == 1
    assert bad.err.startswith("regietui: roadmap item, field cost allocation: 'half equal' is not")
    cleared = run("roadmap", "edit", "R-gdvy5", "-b", path, "--set", "allocation=")
    assert cleared.code == 0 and BoardStore(path).load().roadmap["gdvy5"].allocation is None


def test_the_json_export_carries_each_items_allocation(run) -> None:
    doc = json.loads(run("report", "-b", DEMO, "--format", "json").out)
    zaak = next(r for r in doc["roadmap"] if r["id"] == "R-jc4sn")
    assert zaak["allocation"] == "inhabitants over served"
    assert zaak["payers"] == ["GM1991", "GM1992", "GM1993", "GM1994"]
    assert sum(zaak["allocated_once"].values()) == 420000
    assert sum(zaak["allocated_yearly"].values()) == 110000
    assert all("allocated_once" in r for r in doc["roadmap"])


def test_the_report_has_the_asks_pays_table_with_the_flag(run) -> None:
    out = run("report", "-b", DEMO, "--today", "2026-11-29", "--lang", "nl").out
    section = out.split("## Wie vraagt, wie betaalt", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ")][2:]
    flagged = [row.split("|")[1].strip() for row in rows if "⚠" in row]
    assert len(rows) == 6 and flagged == ["Zuiderlek"]
    assert "| Zuiderlek | 9,2% | 6,5% | ⚠ |" in section


def test_the_demo_finding_flags_the_widest_gap(demo: Board) -> None:
    widest = max(costs.asks_pays(demo), key=lambda row: row.gap)
    found = [f for f in insights.findings(demo, date(2026, 11, 29)) if f.check == "asks_pays"]
    assert (
        [f.ids for f in found]
        == [(("municipalities", widest.code),)]
        == [(("municipalities", "GM1996"),)]
    )


def test_the_boards_default_key_is_set_from_the_command_line(run, tmp_path: Path) -> None:
    path = tmp_path / "demo.json"
    path.write_bytes(DEMO.read_bytes())
    done = run("board", "edit", "-b", path, "--set", "cost_key=30% gelijk + 70% inwoners")
    assert done.code == 0, done.err
    assert done.out == "default cost key inhabitants → 30% equal + 70% inhabitants\n"
    board = BoardStore(path).load()
    assert board.meta.cost_key == key("30% equal + 70% inhabitants")
    # items without their own key follow it: R-gdvy5 (1/3 equal share + inhabitants)
    split = costs.allocate(board, "gdvy5")
    assert split.once == costs.split(120000, costs.weights(board, "gdvy5"))
    assert costs.weights(board, "gdvy5")["GM1996"] == Fraction(3, 10) / 6 + Fraction(
        7, 10
    ) * Fraction(13900, 187100)
    bad = run("board", "edit", "-b", path, "--set", "cost_key=foo")
    assert bad.code == 1
    assert "board settings, field default cost key: 'foo' is not a basis" in bad.err
