"""Alignment checks (regietui.insights): each check on small boards, the registry, the demo board
through `regietui check`, and speed on a large board."""

from __future__ import annotations

import contextlib
import io
import json
import random
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from regietui import i18n, insights, ops
from regietui.cli import main
from regietui.insights import CHECKS, Finding, Severity, findings
from regietui.model import (
    Ambition,
    Board,
    Link,
    Meta,
    Municipality,
    Quarter,
    RoadmapItem,
    Status,
    Theme,
    Thresholds,
)

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "boards" / "demo.json"
TODAY = date(2027, 2, 1)
CLOCK = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)


class Build:
    """A small board built through `ops`: two municipalities, two themes, pinned clock and keys."""

    def __init__(self, **thresholds: Any) -> None:
        self.actor = ops.Actor(author="Test", clock=lambda: CLOCK, rng=random.Random(7))
        self.board = Board(meta=Meta(name="Test", thresholds=Thresholds(**thresholds)))
        self.add("themes", {"name": "Werkplek & mobiel"}, "werkplek")
        self.add("themes", {"name": "Dienstverlening"}, "dienst")
        self.add("municipalities", {"name": "Amsterdam", "short": "ADM"}, "GM0363")
        self.add("municipalities", {"name": "Utrecht", "short": "UTR"}, "GM0344")

    def add(self, table: str, fields: dict[str, Any], key: str | None = None) -> str:
        change = ops.add(self.board, table, fields, self.actor, key=key)
        self.board = change.board
        return change.key

    def amb(self, title: str, muni: str = "GM0363", **fields: Any) -> str:
        return self.add("ambitions", {"municipality": muni, "title": title, **fields})

    def item(self, title: str, start: str = "2027-Q1", end: str = "2027-Q2", **fields: Any) -> str:
        return self.add("roadmap", {"title": title, "start": start, "end": end, **fields})

    def links(self, *keys: str) -> list[dict[str, str]]:
        return [{"roadmap": k} for k in keys]

    def capacity(self, quarter: str, amount: float) -> None:
        self.board = ops.set_capacity(self.board, quarter, amount, self.actor).board

    def found(self, check: str, today: date = TODAY) -> list[Finding]:
        return findings(self.board, today, only=[check])


def ids(finding: Finding) -> set[tuple[str, str]]:
    return set(finding.ids)


# --- the registry ---------------------------------------------------------------------------------


def test_every_check_is_registered_once_with_a_label_in_english_and_dutch() -> None:
    names = [c.name for c in CHECKS]
    assert len(names) == len(set(names))
    assert {
        "unlinked",
        "unserved",
        "capacity",
        "bundling",
        "conflict",
        "late",
        "dependencies",
        "review_due",
        "stale",
        "share",
    } <= set(names)
    for name in names:
        assert i18n.EN[f"check.{name}"] and i18n.NL[f"check.{name}"]
        assert i18n.EN[f"check.{name}"] != i18n.NL[f"check.{name}"]
    for severity in Severity:
        assert f"severity.{severity.value}" in i18n.EN and f"severity.{severity.value}" in i18n.NL


def test_findings_come_grouped_in_registry_order_most_severe_first() -> None:
    b = Build()
    b.amb("Tablets", status="planned")  # unlinked
    b.item("Niemand vroeg erom")  # unserved
    std = b.add("standards", {"title": "Geen iOS"})
    b.amb("iPads", conflicts=[std])  # conflict (warning)
    b.amb("iPhones", conflicts=[std], status="planned")  # conflict (error) + unlinked
    found = findings(b.board, TODAY)
    order = [c.name for c in CHECKS]
    positions = [order.index(f.check) for f in found]
    assert positions == sorted(positions)
    conflict = [f.severity for f in found if f.check == "conflict"]
    assert conflict == [Severity.ERROR, Severity.WARNING]
    assert list(insights.by_check(found)) == [n for n in order if any(f.check == n for f in found)]
    assert insights.worst(found) is Severity.ERROR
    assert insights.worst([]) is None


# --- unlinked -------------------------------------------------------------------------------------


def test_committed_ambition_without_a_roadmap_link_is_flagged() -> None:
    b = Build()
    planned = b.amb("Tablets voor de raad", status="planned")
    running = b.amb("Nieuwe printers", status="in_progress")
    [first, second] = b.found("unlinked")
    assert ids(first) | ids(second) == {("ambitions", planned), ("ambitions", running)}
    assert first.severity is Severity.WARNING
    text = " ".join(f.message for f in (first, second))
    assert f"A-{planned}" in text and "Tablets voor de raad" in text and "(ADM)" in text


def test_a_wish_or_a_linked_planned_ambition_is_not_flagged() -> None:
    b = Build()
    item = b.item("Portaal")
    b.amb("Nog maar een wens")
    b.amb("Gepland en gekoppeld", status="planned", links=b.links(item))
    assert b.found("unlinked") == []


# --- unserved -------------------------------------------------------------------------------------


def test_roadmap_item_serving_no_ambition_warns_but_legal_and_lifecycle_only_inform() -> None:
    b = Build()
    project = b.item("RPA in de backoffice")
    legal = b.item("NIS2 invoeren", type="legal")
    lifecycle = b.item("Laptops vervangen", type="lifecycle")
    severities = {f.ids[0][1]: f.severity for f in b.found("unserved")}
    assert severities == {
        project: Severity.WARNING,
        legal: Severity.INFO,
        lifecycle: Severity.INFO,
    }


def test_roadmap_item_that_serves_an_ambition_or_is_dropped_is_fine() -> None:
    b = Build()
    served = b.item("Portaal")
    b.amb("Portaal graag", links=b.links(served))
    b.item("Geschrapt", status="dropped")
    b.item("Opgeleverd", status="delivered")
    assert b.found("unserved") == []


# --- capacity -------------------------------------------------------------------------------------


def test_quarter_over_capacity_says_by_how_much_and_which_items() -> None:
    b = Build()
    first = b.item("Portaal", "2027-Q1", "2027-Q2", effort=100)
    second = b.item("Werkplek", "2027-Q2", "2027-Q3", effort=80)
    b.item("Geschrapt", "2027-Q2", "2027-Q2", effort=500, status="dropped")
    for quarter in ("2027-Q1", "2027-Q3"):
        b.capacity(quarter, 1000)
    b.capacity("2027-Q2", 150)
    [finding] = b.found("capacity")
    assert finding.severity is Severity.ERROR
    assert ids(finding) == {("capacity", "2027-Q2"), ("roadmap", first), ("roadmap", second)}
    assert finding.message.startswith(
        "Q2 2027: adopted 0 of 150 hours; with proposals 180 — 30 over, from "
    )
    assert f"R-{first}" in finding.message and "Werkplek" in finding.message


def test_over_capacity_says_whether_adopted_work_or_the_proposals_overflow() -> None:
    b = Build()
    b.item("Portaal", "2027-Q2", "2027-Q2", effort=2700, status="adopted")
    b.item("Chatbot", "2027-Q2", "2027-Q2", effort=400)
    b.capacity("2027-Q2", 3000)
    [finding] = b.found("capacity")
    assert finding.message.startswith(
        "Q2 2027: adopted 2,700 of 3,000 hours; with proposals 3,100 — 100 over, from "
    )
    b.item("Werkplek", "2027-Q2", "2027-Q2", effort=500, status="running")
    [finding] = b.found("capacity")
    assert finding.message.startswith(
        "Q2 2027: adopted 3,200 of 3,000 hours — 200 over without any proposal;"
        " with proposals 3,600, from "
    )


def test_capacity_warning_threshold_scales_the_limit() -> None:
    b = Build(capacity_warning=0.8)
    b.item("Portaal", "2027-Q2", "2027-Q2", effort=90)
    b.capacity("2027-Q2", 100)  # 90 % of capacity: above the 80 % limit, within capacity
    [finding] = b.found("capacity")
    assert finding.severity is Severity.WARNING
    assert "adopted 0 of 100 hours; with proposals 90, above 80% of capacity (by 10)" in (
        finding.message
    )
    b.capacity("2027-Q2", 120)  # 75 %
    assert b.found("capacity") == []


def test_past_quarters_are_not_reported_and_missing_capacity_is_only_info() -> None:
    b = Build()
    b.item("Oud", "2026-Q1", "2026-Q1", effort=500)
    b.capacity("2026-Q1", 10)
    b.item("Nieuw", "2027-Q3", "2027-Q4", effort=50)
    [finding] = b.found("capacity")
    assert finding.severity is Severity.INFO
    assert ids(finding) == {("capacity", "2027-Q3"), ("capacity", "2027-Q4")}
    assert "Q3 2027 and Q4 2027" in finding.message and "No capacity" in finding.message


# --- bundling -------------------------------------------------------------------------------------


def test_similar_titles_from_two_municipalities_are_a_bundling_opportunity() -> None:
    b = Build()
    ams = b.amb("iPads voor de raadsleden", theme="werkplek")
    utr = b.amb("iPad voor de raad", "GM0344", theme="werkplek", status="exploring")
    b.amb("Nieuwe printers", "GM0344", theme="werkplek")
    [finding] = b.found("bundling")
    assert ids(finding) == {("ambitions", ams), ("ambitions", utr)}
    assert finding.severity is Severity.INFO
    assert "similar titles" in finding.message and "Werkplek & mobiel" in finding.message


@pytest.mark.parametrize(
    "second",
    [
        {"muni": "GM0363", "theme": "werkplek"},  # the same municipality
        {"muni": "GM0344", "theme": "dienst"},  # another theme
        {"muni": "GM0344", "theme": "werkplek", "status": "rejected", "status_reason": "nee"},
    ],
    ids=["same municipality", "other theme", "closed"],
)
def test_no_bundling_across_themes_within_a_municipality_or_with_closed_cards(
    second: dict[str, Any],
) -> None:
    b = Build()
    b.amb("iPads voor de raadsleden", theme="werkplek")
    b.amb("iPad voor de raad", **second)
    assert b.found("bundling") == []


def test_dissimilar_titles_are_no_bundling_opportunity() -> None:
    b = Build()
    b.amb("iPads voor de raadsleden", theme="werkplek")
    b.amb("Thin clients voor flexplekken", "GM0344", theme="werkplek")
    assert b.found("bundling") == []


def test_similarity_threshold_comes_from_the_board() -> None:
    strict = Build(similarity=0.95)
    strict.amb("iPads voor de raad", theme="werkplek")
    strict.amb("iPad voor de raad", "GM0344", theme="werkplek")
    assert strict.found("bundling") == []
    loose = Build(similarity=0.6)
    loose.amb("iPads voor de raad", theme="werkplek")
    loose.amb("iPad voor de raad", "GM0344", theme="werkplek")
    assert len(loose.found("bundling")) == 1


def test_a_shared_tag_is_a_bundling_opportunity_unless_it_repeats_the_theme() -> None:
    b = Build()
    ams = b.amb("Chatbot op de website", theme="dienst", tags=["chatbot", "dienstverlening"])
    utr = b.amb("Virtuele assistent", "GM0344", theme="dienst", tags=["Chatbot"])
    b.amb("Klantportaal", "GM0344", theme="dienst", tags=["dienstverlening"])
    [finding] = b.found("bundling")
    assert ids(finding) == {("ambitions", ams), ("ambitions", utr)}
    assert '"chatbot"' in finding.message


def test_ambitions_linked_to_one_common_roadmap_item_are_already_bundled() -> None:
    b = Build()
    item = b.item("Gezamenlijke iPad-uitrol")
    b.amb("iPads voor de raadsleden", theme="werkplek", links=b.links(item))
    b.amb("iPad voor de raad", "GM0344", theme="werkplek", links=b.links(item))
    assert b.found("bundling") == []


def test_a_similar_wish_not_yet_linked_to_the_others_item_is_an_opportunity() -> None:
    b = Build()
    item = b.item("Gezamenlijke iPad-uitrol")
    linked = b.amb("iPads voor de raadsleden", theme="werkplek", links=b.links(item))
    loose = b.amb("iPad voor de raad", "GM0344", theme="werkplek")
    [finding] = b.found("bundling")
    assert ids(finding) == {("ambitions", linked), ("ambitions", loose)}


# --- conflicts with standards ---------------------------------------------------------------------


def test_conflict_with_a_standard_without_decision() -> None:
    b = Build()
    std = b.add("standards", {"title": "Geen iOS-beheer"})
    wish = b.amb("iPads", conflicts=[std])
    planned = b.amb("iPhones", conflicts=[std], status="planned")
    decided = b.amb("Macs", conflicts=[std])
    b.board = ops.decide(b.board, decided, "db", "Uitzondering toegestaan", b.actor).board
    b.amb("Android", conflicts=[std], status="rejected", status_reason="strijdig")
    severities = {f.ids[0][1]: f.severity for f in b.found("conflict")}
    assert severities == {wish: Severity.WARNING, planned: Severity.ERROR}
    [finding] = [f for f in b.found("conflict") if f.ids[0][1] == wish]
    assert ("standards", std) in finding.ids and "Geen iOS-beheer" in finding.message


# --- wanted earlier than the roadmap delivers -----------------------------------------------------


def test_wanted_by_before_the_linked_item_ends() -> None:
    b = Build()
    late = b.item("Zaaksysteem", "2027-Q1", "2027-Q3")
    on_time = b.item("Portaal", "2027-Q1", "2027-Q2")
    amb = b.amb("Nieuw zaaksysteem", wanted_by="2027-Q2", links=b.links(late, on_time))
    b.amb("Portaal", wanted_by="2027-Q2", links=b.links(on_time))
    b.amb("Al klaar", wanted_by="2027-Q1", links=b.links(late), status="done")
    [finding] = b.found("late")
    assert ids(finding) == {("ambitions", amb), ("roadmap", late)}
    assert "by Q2 2027" in finding.message and "ends Q3 2027" in finding.message


# --- dependencies ---------------------------------------------------------------------------------


def test_item_starting_before_its_dependency_ends() -> None:
    b = Build()
    gateway = b.item("API-gateway", "2027-Q1", "2027-Q2")
    early = b.item("KCS", "2027-Q2", "2027-Q4", depends_on=[gateway])
    b.item("Later", "2027-Q3", "2027-Q4", depends_on=[gateway])
    [finding] = b.found("dependencies")
    assert finding.severity is Severity.WARNING
    assert finding.ids == (("roadmap", early), ("roadmap", gateway))
    assert "starts in Q2 2027" in finding.message and "API-gateway" in finding.message


def test_depending_on_a_dropped_item_is_an_error_and_so_is_linking_one() -> None:
    b = Build()
    dropped = b.item("Inwonersapp", "2026-Q1", "2026-Q2", status="dropped")
    item = b.item("Meldingen", "2027-Q3", "2027-Q4", depends_on=[dropped])
    amb = b.amb("Eigen app", links=b.links(dropped))
    [finding] = b.found("dependencies")
    assert finding.severity is Severity.ERROR
    assert finding.ids == (("roadmap", item), ("roadmap", dropped))
    assert "dropped" in finding.message
    [linked] = b.found("dropped_link")
    assert linked.ids == (("ambitions", amb), ("roadmap", dropped))


# --- parked and stale -----------------------------------------------------------------------------


def test_parked_past_its_review_date() -> None:
    b = Build()
    due = b.amb("Lantaarnpalen", status="parked", review="2027-01-15")
    b.amb("Drones", status="parked", review=TODAY.isoformat())
    b.amb("Later", status="parked", review="2027-06-01")
    [finding] = b.found("review_due")
    assert finding.ids == (("ambitions", due),)
    assert "15 January 2027" in finding.message and "17 days" in finding.message


def test_cards_without_change_for_stale_days() -> None:
    b = Build(stale_days=30)
    wish = b.amb("Vergadersysteem")
    b.amb("Gepland", status="planned", links=b.links(b.item("X")))
    assert b.found("stale", CLOCK.date() + timedelta(days=29)) == []
    [finding] = b.found("stale", CLOCK.date() + timedelta(days=30))
    assert finding.ids == (("ambitions", wish),) and finding.severity is Severity.INFO
    assert "30 days" in finding.message
    b.actor.clock = lambda: CLOCK + timedelta(days=20)
    b.board = ops.edit(b.board, "ambitions", wish, {"value": 3}, b.actor).board
    assert b.found("stale", CLOCK.date() + timedelta(days=30)) == []


# --- share of capacity against the cost key -------------------------------------------------------


def share_board(**thresholds: Any) -> Build:
    b = Build(**thresholds)
    for code, share in (("GM0363", 0.5), ("GM0344", 0.5)):
        b.board = ops.edit(b.board, "municipalities", code, {"cost_share": share}, b.actor).board
    return b


def test_share_of_planned_capacity_against_the_cost_share() -> None:
    b = share_board()
    only_ams = b.item("Voor Amsterdam", "2027-Q1", "2027-Q2", effort=100)  # 200 in all
    both = b.item("Voor beide", "2027-Q1", "2027-Q1", effort=100)  # 50 each
    b.amb("A", links=b.links(only_ams, both))
    b.amb("B", "GM0344", links=b.links(both))
    found = {f.ids[0][1]: f for f in b.found("share")}
    assert set(found) == {"GM0363", "GM0344"}  # 250/300 = 83 % and 17 % against 50 %
    assert "83%" in found["GM0363"].message and "more" in found["GM0363"].message
    assert "17%" in found["GM0344"].message and "less" in found["GM0344"].message


def test_shares_within_tolerance_are_fine() -> None:
    b = share_board(share_tolerance=0.4)
    only_ams = b.item("Voor Amsterdam", "2027-Q1", "2027-Q2", effort=100)
    both = b.item("Voor beide", "2027-Q1", "2027-Q1", effort=100)
    b.amb("A", links=b.links(only_ams, both))
    b.amb("B", "GM0344", links=b.links(both))
    assert b.found("share") == []
    balanced = share_board()
    item = balanced.item("Voor beide", effort=100)
    balanced.amb("A", links=balanced.links(item))
    balanced.amb("B", "GM0344", links=balanced.links(item))
    assert balanced.found("share") == []


# --- the demo board through the command line ------------------------------------------------------

DEMO_TODAY = "2026-11-29"
"""The reference date of the demo's documented misalignments (boards/README.md)."""
RECORD = re.compile(r"\b[ARS]-[a-z0-9]{5}\b")
QUARTER = re.compile(r"\b\d{4}-Q[1-4]\b")


@pytest.fixture(scope="module")
def documented() -> dict[str, list[str]]:
    """Letter → the record ids in boards/README.md's table of deliberate misalignments, in
    order (for row c: the quarter over capacity)."""
    if not DEMO.exists():
        pytest.fail("boards/demo.json is missing: run scripts/make_demo.py")
    text = (DEMO.parent / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| ([a-j]) \|[^|]*\|(.*)\|$", text, flags=re.MULTILINE)
    table = {letter: RECORD.findall(records) for letter, records in rows}
    table["c"] = QUARTER.findall(dict(rows)["c"])[:1]  # the quarter over capacity
    assert sorted(table) == list("abcdefghij"), "boards/README.md lost its table (a)–(j)"
    return table


@pytest.fixture(scope="module")
def demo_findings() -> list[dict[str, Any]]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["check", "-b", str(DEMO), "--today", DEMO_TODAY, "--json"])
    assert code == 1  # the demo has errors, and --fail-on defaults to error
    return json.loads(out.getvalue())


def flagged(found: list[dict[str, Any]], check: str, *severities: str) -> list[list[str]]:
    return [
        f["ids"]
        for f in found
        if f["check"] == check and (not severities or f["severity"] in severities)
    ]


def test_check_finds_each_documented_misalignment_of_the_demo(
    documented: dict[str, list[str]], demo_findings: list[dict[str, Any]]
) -> None:
    """Each row (a)–(j) of boards/README.md, as exactly the records it names."""
    found, doc = demo_findings, documented
    # (a) planned / in progress without a roadmap link
    assert sorted(i for [i] in flagged(found, "unlinked")) == sorted(doc["a"])
    # (b) roadmap items nobody links to: the project warns, legal and lifecycle only inform
    assert sorted(i for [i] in flagged(found, "unserved")) == sorted(doc["b"])
    assert flagged(found, "unserved", "warning") == [doc["b"][:1]]
    # (c) exactly one quarter over capacity (the first quarter the row names)
    assert [ids[0] for ids in flagged(found, "capacity", "error", "warning")] == doc["c"]
    # (d) a conflict with a standard without a decision: the ambition and the standard
    assert flagged(found, "conflict") == [doc["d"]]
    # (e) the same wish from four municipalities
    assert doc["e"] in flagged(found, "bundling")
    # (f) parked past its review date
    assert flagged(found, "review_due") == [doc["f"]]
    # (g) starts before its dependency ends; (i) depends on a dropped item
    assert flagged(found, "dependencies", "warning") == [doc["g"]]
    assert flagged(found, "dependencies", "error") == [doc["i"]]
    # (h) wanted earlier than the linked roadmap item ends
    assert flagged(found, "late") == [doc["h"]]
    # (j) no change for more than 90 days
    assert sorted(i for [i] in flagged(found, "stale")) == sorted(doc["j"])


def test_check_as_text_lists_every_misalignment_and_fails_on_warning(
    run, documented: dict[str, list[str]]
) -> None:
    result = run("check", "-b", DEMO, "--today", DEMO_TODAY, "--fail-on", "warning")
    assert result.code == 1
    lines = result.out.splitlines()
    for letter, idents in documented.items():
        for ident in idents:
            assert any(ident in line for line in lines), f"({letter}) {ident}"
    reported = run("check", "-b", DEMO, "--today", DEMO_TODAY, "--json")
    for name in {f["check"] for f in json.loads(reported.out)}:
        assert f"{i18n.EN[f'check.{name}']} (" in result.out
    assert f"Committed without a roadmap link ({len(documented['a'])})" in lines
    dutch = run("check", "-b", DEMO, "--today", DEMO_TODAY, "--lang", "nl")
    assert i18n.NL["check.unlinked"] in dutch.out and "waarschuwing" in dutch.out


def test_check_exit_code_follows_fail_on(run, tmp_path: Path) -> None:
    path = tmp_path / "board.json"
    assert run("init", "-b", path).code == 0
    empty = run("check", "-b", path, "--fail-on", "info")
    assert (empty.code, empty.out.strip()) == (0, "No findings.")
    run(
        "municipality",
        "add",
        "-b",
        path,
        "--code",
        "GM0363",
        "--name",
        "Amsterdam",
        "--short",
        "ADM",
    )
    run("add", "-b", path, "--municipality", "ADM", "--title", "Tablets", "--status", "planned")
    assert run("check", "-b", path).code == 0  # one warning: not an error
    result = run("check", "-b", path, "--fail-on", "warning")
    assert result.code == 1 and "Tablets" in result.out
    assert run("check", "-b", path, "--today", "gisteren").code == 1


# --- speed ----------------------------------------------------------------------------------------


def large_board(size: int, seed: int = 3) -> Board:
    """A synthetic board with much alike titles and tags: the worst case for bundling."""
    rng = random.Random(seed)
    themes = {f"t{i}": Theme(name=f"Thema {i}") for i in range(10)}
    munis = {
        f"GM{1000 + i}": Municipality(name=f"Gemeente {i}", short=f"G{i}", cost_share=0.05)
        for i in range(20)
    }
    words = [
        *("portaal", "zaaksysteem", "ipad", "laptop", "burgerzaken", "vergunning", "chatbot"),
        *("omgevingsloket", "dashboard", "e-formulier", "archief", "printer", "wifi", "teams"),
        *("telefonie", "sharepoint", "cloud", "backup", "toegang"),
    ]
    verbs = ["vervangen", "invoeren", "uitbreiden", "koppelen", "migreren", "verbeteren"]
    roadmap = {}
    for i in range(300):
        start = Quarter(2027, 1) + rng.randint(0, 8)
        roadmap[f"r{i:04d}"] = RoadmapItem(
            title=f"{rng.choice(words)} {rng.choice(verbs)}",
            start=start,
            end=start + rng.randint(0, 4),
            effort=rng.randint(10, 200),
            theme=rng.choice(list(themes)),
        )
    ambitions = {}
    for i in range(size):
        status = rng.choice(list(Status))
        extra: dict[str, Any] = {}
        if status is Status.PARKED:
            extra["review"] = date(2027, 1, 1)
        if status is Status.REJECTED:
            extra["status_reason"] = "nee"
        ambitions[f"a{i:05d}"] = Ambition(
            municipality=rng.choice(list(munis)),
            title=f"{rng.choice(words)} {rng.choice(verbs)} {rng.choice(words)}",
            theme=rng.choice(list(themes)),
            status=status,
            links=[Link(roadmap=r) for r in rng.sample(list(roadmap), rng.randint(0, 2))],
            tags=rng.sample([f"tag{j}" for j in range(200)], rng.randint(0, 2)),
            wanted_by=Quarter(2027, rng.randint(1, 4)),
            **extra,
        )
    return Board(themes=themes, municipalities=munis, roadmap=roadmap, ambitions=ambitions)


def test_all_checks_run_on_a_large_board_and_still_find_the_bundles() -> None:
    # How long this takes is measured by bench/run.py ("insights: all checks"), not here.
    found = findings(large_board(5000), TODAY)
    assert any(f.check == "bundling" for f in found)


def test_check_speaks_the_language_of_the_settings(run, board_file, tmp_path, monkeypatch):
    config = tmp_path / "xdg" / "regietui" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('language = "nl"\n')
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    dutch = run("check", "-b", board_file)
    english = run("check", "-b", board_file, "--lang", "en")
    assert "waarschuwing" in dutch.out and "warning" not in dutch.out
    assert "warning" in english.out
