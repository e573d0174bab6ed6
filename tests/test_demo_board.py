"""The demo board (boards/demo.json): contents, the deliberate misalignments, reproducibility.

The misalignments are checked structurally and as exact sets, so the ids listed in
scripts/make_demo.py and boards/README.md stay true.
"""

from __future__ import annotations

import ast
import difflib
import importlib.util
import math
import re
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from itertools import combinations
from pathlib import Path

import pytest

from regietui.cli import DEFAULT_THEMES, main
from regietui.model import (
    Ambition,
    Board,
    Body,
    Quarter,
    RoadmapStatus,
    RoadmapType,
    Status,
)
from regietui.store import BoardStore

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "boards" / "demo.json"
SCRIPT = ROOT / "scripts" / "make_demo.py"
README = ROOT / "boards" / "README.md"
TODAY = date(2026, 11, 29)
OPEN = {Status.WISH, Status.EXPLORING, Status.DECIDING, Status.PLANNED, Status.IN_PROGRESS}
QUARTERS = Quarter.span(Quarter(2026, 3), Quarter(2028, 2))

EXPECTED = {
    "a": {"A-bcdvj", "A-d8vw2", "A-kpjcz"},
    "b": {"R-wttac", "R-gknhc", "R-ruf52"},
    "c": {"2027-Q3"},
    "d": {"A-mvh2z"},
    "e": {"A-r4dhd", "A-n4fmc", "A-977bf", "A-ujycj"},
    "f": {"A-8ezqv"},
    "g": {"R-8re96"},
    "h": {"A-67bfc"},
    "i": {"R-xags8"},
    "j": {"A-7trj2", "A-2a64y"},
    "k": {"GM1996"},
}
IOS_STANDARD = "S-phzz2"
DROPPED = "R-b9fvq"
GATEWAY = "R-r4mav"
ZAAK_MIGRATION = "R-jc4sn"


def key(ident: str) -> str:
    return ident.split("-", 1)[1]


def ids(prefix: str, keys: Iterable[str]) -> set[str]:
    return {f"{prefix}-{k}" for k in keys}


@pytest.fixture(scope="module")
def board() -> Board:
    return BoardStore(DEMO).load()


def load_per_quarter(board: Board) -> dict[Quarter, float]:
    load = dict.fromkeys(QUARTERS, 0.0)
    for item in board.roadmap.values():
        if item.status is RoadmapStatus.DROPPED:
            continue
        for quarter in QUARTERS:
            if item.start <= quarter <= item.end:
                load[quarter] += item.effort
    return load


def last_events(board: Board) -> dict[str, datetime]:
    last: dict[str, datetime] = {}
    for event in board.events.values():
        last[event.record] = max(last.get(event.record, event.at), event.at)
    return last


def similar(one: str, two: str) -> float:
    return difflib.SequenceMatcher(None, one.casefold(), two.casefold()).ratio()


def words(text: str) -> set[str]:
    return {w for w in re.split(r"[^0-9a-z]+", text.casefold()) if w}


def telling_tags(amb: Ambition) -> set[str]:
    """Tags that say more than the theme's name ("cloud" in Infrastructuur & cloud does not)."""
    theme = words(f"{amb.theme} {DEFAULT_THEMES.get(amb.theme or '', '')}")
    return {t for t in amb.tags if not words(t) <= theme}


# --- contents -------------------------------------------------------------------------------------


def test_validates() -> None:
    assert main(["validate", "-b", str(DEMO)]) == 0


def test_municipalities(board: Board) -> None:
    munis = board.municipalities
    assert len(munis) == 6
    assert all(re.fullmatch(r"GM\d{4}", code) for code in munis)
    shorts = [m.short for m in munis.values()]
    assert len(set(shorts)) == 6 and all(1 <= len(s) <= 4 for s in shorts)
    assert all(m.inhabitants and m.workstations and m.information_manager for m in munis.values())
    assert math.isclose(sum(m.cost_share or 0 for m in munis.values()), 1.0)


def test_themes_and_standards(board: Board) -> None:
    assert {k: t.name for k, t in board.themes.items()} == DEFAULT_THEMES
    assert len(board.standards) == 3
    assert "iOS" in board.standards[key(IOS_STANDARD)].title


def test_counts(board: Board) -> None:
    assert 70 <= len(board.ambitions) <= 90
    assert 20 <= len(board.roadmap) <= 30
    assert len(board.events) >= 300
    assert board.meta.capacity_unit.value == "hours"


def test_every_status_has_a_card(board: Board) -> None:
    assert {a.status for a in board.ambitions.values()} == set(Status)


def test_ambitions_are_filled_in(board: Board) -> None:
    for amb in board.ambitions.values():
        assert amb.theme and amb.description and amb.reason and amb.priority and amb.owner
        assert amb.value is not None and amb.effort is not None and amb.wanted_by is not None
        assert amb.tags
    bodies = {a.decision.body for a in board.ambitions.values() if a.decision}
    assert bodies == set(Body)
    parked = [a for a in board.ambitions.values() if a.status is Status.PARKED]
    assert parked and all(a.review for a in parked)
    rejected = [a for a in board.ambitions.values() if a.status is Status.REJECTED]
    assert rejected and all(a.status_reason for a in rejected)


def test_roadmap_covers_eight_quarters(board: Board) -> None:
    assert {i.type for i in board.roadmap.values()} == set(RoadmapType)
    assert {i.status for i in board.roadmap.values()} == set(RoadmapStatus)
    assert all(QUARTERS[0] <= i.start and i.end <= QUARTERS[-1] for i in board.roadmap.values())
    assert any(i.depends_on for i in board.roadmap.values())
    assert sorted(board.capacity) == [str(q) for q in QUARTERS]


def test_history_looks_real(board: Board) -> None:
    events = list(board.events.values())
    assert len({e.author for e in events}) >= 4
    first, last = min(e.at for e in events), max(e.at for e in events)
    assert datetime(2026, 3, 1, tzinfo=UTC) <= first < datetime(2026, 4, 1, tzinfo=UTC)
    assert datetime(2026, 11, 1, tzinfo=UTC) <= last <= datetime(2026, 11, 25, tzinfo=UTC)
    added = {e.record for e in events if e.action == "add"}
    assert set(board.ambitions) <= added and set(board.roadmap) <= added
    assert {e.action for e in events} >= {"add", "move", "link", "decide", "edit", "capacity"}


# --- the deliberate misalignments -----------------------------------------------------------------


def test_a_committed_without_roadmap_link(board: Board) -> None:
    found = {
        k
        for k, a in board.ambitions.items()
        if a.status in (Status.PLANNED, Status.IN_PROGRESS) and not a.links
    }
    assert ids("A", found) == EXPECTED["a"]
    assert {board.ambitions[key(i)].status for i in EXPECTED["a"]} == {
        Status.PLANNED,
        Status.IN_PROGRESS,
    }


def test_b_roadmap_items_nobody_asked_for(board: Board) -> None:
    linked = {r for a in board.ambitions.values() for r in a.linked}
    found = {
        k
        for k, item in board.roadmap.items()
        if k not in linked and item.status is not RoadmapStatus.DROPPED
    }
    assert ids("R", found) == EXPECTED["b"]
    types = {board.roadmap[key(i)].type for i in EXPECTED["b"]}
    assert RoadmapType.PROJECT in types
    assert types & {RoadmapType.LEGAL, RoadmapType.LIFECYCLE}


def test_c_exactly_one_quarter_over_capacity(board: Board) -> None:
    load = load_per_quarter(board)
    over = {str(q) for q, total in load.items() if total > board.capacity_for(q)}
    assert over == EXPECTED["c"]
    assert all(load[q] < board.capacity_for(q) for q in QUARTERS if str(q) not in over)


def test_d_ipads_conflict_with_ios_standard_undecided(board: Board) -> None:
    (ident,) = EXPECTED["d"]
    ipad = board.ambitions[key(ident)]
    assert "iPad" in ipad.title
    assert key(IOS_STANDARD) in ipad.conflicts
    assert ipad.decision is None
    undecided = {k for k, a in board.ambitions.items() if a.conflicts and a.decision is None}
    assert ids("A", undecided) == EXPECTED["d"]


def test_e_same_wish_from_four_municipalities(board: Board) -> None:
    cards = [board.ambitions[key(i)] for i in EXPECTED["e"]]
    assert len({c.municipality for c in cards}) == 4
    assert len({c.theme for c in cards}) == 1
    assert set.intersection(*(set(c.tags) for c in cards))
    assert not set.intersection(*(set(c.linked) for c in cards))
    assert all(similar(a.title, b.title) >= 0.6 for a, b in combinations(cards, 2))
    # and no other pair of municipalities asks for the same thing unnoticed: no similar titles,
    # and no tag (beyond the theme's own name) shared by open cards of one theme unless both are
    # linked already
    alike = {
        k
        for (k1, a1), (k2, a2) in combinations(board.ambitions.items(), 2)
        if a1.municipality != a2.municipality
        and a1.theme == a2.theme
        and not set(a1.linked) & set(a2.linked)
        and (
            similar(a1.title, a2.title) >= 0.6
            or (
                a1.status in OPEN
                and a2.status in OPEN
                and telling_tags(a1) & set(a2.tags)
                and not (a1.links and a2.links)
            )
        )
        for k in (k1, k2)
    }
    assert ids("A", alike) == EXPECTED["e"]


def test_f_parked_review_date_passed(board: Board) -> None:
    found = {
        k
        for k, a in board.ambitions.items()
        if a.status is Status.PARKED and a.review is not None and a.review < TODAY
    }
    assert ids("A", found) == EXPECTED["f"]


def test_g_starts_before_dependency_ends(board: Board) -> None:
    road = board.roadmap
    found = {
        k
        for k, item in road.items()
        for dep in item.depends_on
        if road[dep].status is not RoadmapStatus.DROPPED and item.start <= road[dep].end
    }
    assert ids("R", found) == EXPECTED["g"]
    (ident,) = EXPECTED["g"]
    item, dep = road[key(ident)], road[key(GATEWAY)]
    assert key(GATEWAY) in item.depends_on and item.start < dep.end


def test_h_wanted_before_roadmap_delivers(board: Board) -> None:
    found = {
        k
        for k, a in board.ambitions.items()
        for ref in a.linked
        if a.wanted_by is not None and a.wanted_by < board.roadmap[ref].end
    }
    assert ids("A", found) == EXPECTED["h"]
    (ident,) = EXPECTED["h"]
    assert board.ambitions[key(ident)].linked == (key(ZAAK_MIGRATION),)


def test_i_depends_on_dropped_item(board: Board) -> None:
    road = board.roadmap
    found = {
        k
        for k, item in road.items()
        if any(road[d].status is RoadmapStatus.DROPPED for d in item.depends_on)
    }
    assert ids("R", found) == EXPECTED["i"]
    assert road[key(DROPPED)].status is RoadmapStatus.DROPPED


def test_j_stale_cards(board: Board) -> None:
    last = last_events(board)
    cutoff = TODAY - timedelta(days=90)
    found = {k for k in board.ambitions if last[k].date() < cutoff}
    assert ids("A", found) == EXPECTED["j"]
    assert all(
        board.ambitions[key(i)].status in (Status.WISH, Status.EXPLORING) for i in EXPECTED["j"]
    )


def test_insights_report_exactly_these(board: Board) -> None:
    """The alignment checks, run on the reference date, find (a)–(j) and nothing else."""
    insights = pytest.importorskip("regietui.insights")
    found: dict[str, set[object]] = defaultdict(set)
    for finding in insights.findings(board, TODAY):
        shown = finding.human_ids()
        found[finding.check].add(frozenset(shown) if finding.check == "bundling" else shown[0])
    assert found == {
        "unlinked": EXPECTED["a"],
        "unserved": EXPECTED["b"],
        "capacity": EXPECTED["c"],
        "conflict": EXPECTED["d"],
        "bundling": {frozenset(EXPECTED["e"])},
        "review_due": EXPECTED["f"],
        "dependencies": EXPECTED["g"] | EXPECTED["i"],
        "late": EXPECTED["h"],
        "stale": EXPECTED["j"],
        "asks_pays": EXPECTED["k"],
    }


def test_docs_list_the_ids() -> None:
    docstring = ast.get_docstring(ast.parse(SCRIPT.read_text(encoding="utf-8"))) or ""
    readme = README.read_text(encoding="utf-8")
    extra = {IOS_STANDARD, DROPPED, GATEWAY, ZAAK_MIGRATION}
    for ident in set().union(*EXPECTED.values(), extra):
        assert ident in docstring, f"{ident} missing from the docstring of {SCRIPT.name}"
        assert ident in readme, f"{ident} missing from {README}"


def test_script_checks_agree() -> None:
    """The script's own `check()` (run before every write) finds the same sets."""
    spec = importlib.util.spec_from_file_location("make_demo", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while building
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    built, keys = module.build()
    found = module.check(built, keys)
    assert {letter: set(v) for letter, v in found.items()} == EXPECTED


# --- reproducibility ------------------------------------------------------------------------------


def test_script_reproduces_demo_byte_for_byte(tmp_path: Path) -> None:
    out = tmp_path / "demo.json"
    for _ in range(2):  # the second run replaces the first file
        subprocess.run([sys.executable, str(SCRIPT), "-q", str(out)], check=True, cwd=tmp_path)
    assert out.read_bytes() == DEMO.read_bytes()


# --- the demo scenario ----------------------------------------------------------------------------

ERP = "R-qmzv8"
ERP_LATER = "W-cbpkd"


def test_the_demo_scenario_resolves_the_2027_q3_overload(board: Board) -> None:
    from regietui import insights, scenario
    from regietui.capacity import quarter_loads

    found = scenario.find(board, "ERP een kwartaal later")
    assert f"W-{found}" == ERP_LATER
    what_if = scenario.applied(board, board.scenarios[found])
    assert what_if.skipped == () and scenario.stale(board, board.scenarios[found]) == []
    assert str(what_if.board.roadmap[key(ERP)].start) == "2027-Q4"
    loads = {str(ld.quarter): ld.demand - (ld.capacity or 0) for ld in quarter_loads(what_if.board)}
    assert loads["2027-Q3"] == -200 and max(loads.values()) < 0
    plan, seen = insights.findings(board, TODAY), insights.findings(what_if.board, TODAY)
    assert [f.check for f in plan if f not in seen] == ["capacity"]
    assert len(seen) == len(plan) - 1
    readme = README.read_text(encoding="utf-8")
    assert ERP_LATER in readme and ERP in readme
