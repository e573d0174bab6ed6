"""Triage in the core (regietui.triage), similar ambitions (similarity.similar_ambitions), the
history mark (ops.mark), finding markers (view.record_marks) and updating the settings file."""

from __future__ import annotations

import random
import tomllib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from regietui import config, ops, similarity, triage, view
from regietui.insights import Finding, Severity
from regietui.model import Board, Meta
from regietui.store import BoardStore

TODAY = date(2026, 5, 15)
START = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)


class Clock:
    """A clock the test moves forward by hand."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def tick(self, days: int = 1) -> None:
        self.now += timedelta(days=days)


class Build:
    """Three municipalities, two themes, a roadmap and a few ambitions, through `ops`."""

    def __init__(self) -> None:
        self.clock = Clock()
        self.actor = ops.Actor(author="Test", clock=self.clock, rng=random.Random(3))
        self.board = Board(meta=Meta(name="Triage"))
        self.add("themes", {"name": "Dienstverlening"}, "dienst")
        self.add("themes", {"name": "Werkplek & mobiel"}, "werkplek")
        for code, name, short in (
            ("GM0001", "Aadorp", "AAD"),
            ("GM0002", "Bergum", "BRG"),
            ("GM0003", "Cadzand", "CDZ"),
        ):
            self.add("municipalities", {"name": name, "short": short}, code)

    def add(self, table: str, fields: dict[str, Any], key: str | None = None) -> str:
        change = ops.add(self.board, table, fields, self.actor, key=key)
        self.board = change.board
        return change.key

    def amb(self, title: str, muni: str = "GM0001", **fields: Any) -> str:
        return self.add("ambitions", {"municipality": muni, "title": title, **fields})

    def apply(self, change: ops.Change) -> ops.Change:
        self.board = change.board
        return change


# --- similar ambitions ---------------------------------------------------------------------------


def test_similar_ambitions_by_title_and_by_a_tag_within_the_theme() -> None:
    b = Build()
    chat = b.amb("Chatbot op de website", theme="dienst", tags=["chatbot"])
    same = b.amb("Chatbot voor onze website", "GM0002")  # similar title, any theme
    own = b.amb("Chatbot op de website", "GM0001")  # same municipality: never
    tagged = b.amb("Digitale assistent", "GM0003", theme="dienst", tags=["Chatbot"])
    other_theme = b.amb("Iets heel anders", "GM0003", theme="werkplek", tags=["chatbot"])
    theme_tag = b.amb("Loket", "GM0002", theme="dienst", tags=["dienstverlening"])
    b.amb("Iets anders", "GM0002", theme="dienst", tags=["dienstverlening"])
    found = similarity.similar_ambitions(b.board, chat)
    assert same in found and tagged in found
    assert own not in found and other_theme not in found
    # a tag that only repeats the theme's name says nothing
    assert similarity.similar_ambitions(b.board, theme_tag) == []
    # open ambitions first
    b.apply(ops.move(b.board, same, "done", b.actor))
    assert similarity.similar_ambitions(b.board, chat) == [tagged, same]


# --- the queue -----------------------------------------------------------------------------------


def test_queue_holds_wishes_due_reviews_and_cards_changed_since_the_last_triage() -> None:
    b = Build()
    must = b.amb("B wish", priority="must")
    could = b.amb("A wish", priority="could")
    due = b.amb("Parked, due", status="parked", review="2026-05-15")
    b.amb("Parked, later", status="parked", review="2026-05-16")
    quiet = b.amb("Exploring, untouched", status="exploring")
    touched = b.amb("Exploring, edited later", status="exploring")
    done = b.amb("Done, edited later", status="done")
    # never triaged: "changed since" holds nothing yet
    assert [(i.key, i.why) for i in triage.queue(b.board, TODAY)] == [
        (must, "wish"),
        (could, "wish"),
        (due, "review"),
    ]
    b.clock.tick()
    b.apply(triage.end(b.board, b.actor, 0, 0))
    assert triage.last_triage(b.board) == b.clock.now
    b.clock.tick()
    b.apply(ops.edit(b.board, "ambitions", touched, {"value": 3}, b.actor))
    b.apply(ops.edit(b.board, "ambitions", done, {"value": 3}, b.actor))
    queue = triage.queue(b.board, TODAY)
    assert [(i.key, i.why) for i in queue] == [
        (must, "wish"),
        (could, "wish"),
        (due, "review"),
        (touched, "changed"),
    ]
    assert quiet not in {i.key for i in queue}


def test_a_decision_takes_a_card_out_of_changed_and_an_undo_puts_it_back() -> None:
    b = Build()
    card = b.amb("Exploring", status="exploring")
    b.clock.tick()
    b.apply(triage.end(b.board, b.actor, 0, 0))
    b.clock.tick()
    b.apply(ops.edit(b.board, "ambitions", card, {"value": 2}, b.actor))
    assert card in triage.changed_since_triage(b.board)
    b.clock.tick()
    decision = b.apply(triage.decide(b.board, card, "deciding", b.actor))
    assert triage.is_decision(decision.event)
    assert card not in triage.changed_since_triage(b.board)  # though no session was completed
    b.clock.tick()
    b.apply(ops.undo(b.board, decision, b.actor))
    assert card in triage.changed_since_triage(b.board)


# --- decisions -----------------------------------------------------------------------------------


def test_each_decision_moves_the_card_and_says_so_in_the_event() -> None:
    b = Build()
    item = b.add("roadmap", {"title": "Portaal", "start": "2026-Q2", "end": "2026-Q3"})
    keys = {name: b.amb(f"Wish {name}") for name in triage.DECISIONS}
    extra: dict[str, dict[str, Any]] = {
        "plan": {"roadmap": item},
        "park": {"review": "2026-11-01"},
        "reject": {"reason": "te duur"},
    }
    b.clock.tick()
    for name, key in keys.items():
        change = b.apply(
            triage.decide(b.board, key, name, b.actor, note="DB 12 mei", **extra.get(name, {}))
        )
        amb = b.board.ambitions[key]
        assert amb.status is triage.DECISIONS[name]
        assert f"triage: {triage.WORDS[name]}" in (change.event.text or "")
        assert change.event.text.endswith("— DB 12 mei")
    plan = b.board.ambitions[keys["plan"]]
    assert plan.linked == (item,)
    assert b.board.history(keys["plan"])[-1][1].text == f"triage: plan R-{item} — DB 12 mei"
    assert b.board.ambitions[keys["park"]].review == date(2026, 11, 1)
    rejected = b.board.ambitions[keys["reject"]]
    assert rejected.status_reason == "te duur"
    assert b.board.history(keys["reject"])[-1][1].text == "te duur; triage: reject — DB 12 mei"


def test_plan_is_one_undoable_change_and_works_on_a_planned_card() -> None:
    b = Build()
    item = b.add("roadmap", {"title": "Portaal", "start": "2026-Q2", "end": "2026-Q3"})
    other = b.add("roadmap", {"title": "Werkplek", "start": "2026-Q2", "end": "2026-Q3"})
    key = b.amb("Wish")
    before = b.board
    change = b.apply(triage.decide(b.board, key, "plan", b.actor, roadmap=item))
    assert set(change.event.changes) == {"links", "status"}
    undone = b.apply(ops.undo(b.board, change, b.actor))
    assert undone.board.ambitions[key] == before.ambitions[key]
    b.apply(triage.decide(b.board, key, "plan", b.actor, roadmap=item))
    # already planned: planning on another item only links it
    change = b.apply(triage.decide(b.board, key, "plan", b.actor, roadmap=other))
    assert change.event.action == "link" and b.board.ambitions[key].linked == (item, other)
    with pytest.raises(ops.OpError, match="already planned and linked"):
        triage.decide(b.board, key, "plan", b.actor, roadmap=other)
    with pytest.raises(ops.OpError, match="needs a roadmap item"):
        triage.decide(b.board, key, "plan", b.actor)
    with pytest.raises(ops.OpError, match="unknown triage decision"):
        triage.decide(b.board, key, "maybe", b.actor)


def test_deciding_the_status_a_card_already_has_records_the_decision() -> None:
    b = Build()
    parked = b.amb("Parked", status="parked", review="2026-05-01")
    exploring = b.amb("Exploring", status="exploring")
    change = b.apply(triage.decide(b.board, parked, "park", b.actor, review="2026-12-01"))
    assert b.board.ambitions[parked].review == date(2026, 12, 1)
    assert change.event.changes == {"review": ("2026-05-01", "2026-12-01")}
    change = b.apply(triage.decide(b.board, exploring, "explore", b.actor))
    assert change.event.action == "triage" and change.event.changes == {}
    assert change.event.text == "triage: explore"


def test_reject_without_a_reason_is_refused() -> None:
    b = Build()
    key = b.amb("Wish")
    with pytest.raises(ops.OpError, match="reason"):
        triage.decide(b.board, key, "reject", b.actor)


def test_mark_records_an_event_and_survives_the_file(tmp_path: Path) -> None:
    b = Build()
    before = b.board
    change = b.apply(triage.end(b.board, b.actor, 5, 1))
    assert change.event.table == "meta" and change.event.record == "board"
    assert change.event.action == "triage" and change.event.changes == {}
    assert change.event.text == "5 decided, 1 skipped"
    assert b.board.docs()["meta"] == before.docs()["meta"]
    path = tmp_path / "b.json"
    BoardStore(path).create(b.board)
    assert triage.last_triage(BoardStore(path).load()) == b.clock.now


def test_candidates_first_where_similar_ambitions_are_linked_then_the_theme() -> None:
    b = Build()
    themed = b.add(
        "roadmap", {"title": "Dienst", "start": "2026-Q3", "end": "2026-Q4", "theme": "dienst"}
    )
    shared = b.add("roadmap", {"title": "Chatbot", "start": "2026-Q2", "end": "2026-Q3"})
    dropped = b.add(
        "roadmap",
        {"title": "Oud", "start": "2026-Q1", "end": "2026-Q2", "theme": "dienst"},
    )
    b.apply(ops.edit(b.board, "roadmap", dropped, {"status": "dropped"}, b.actor))
    key = b.amb("Chatbot op de website", theme="dienst")
    b.amb("Chatbot op de website", "GM0002", links=[{"roadmap": shared}])
    found = triage.candidates(b.board, key)
    assert [(c.key, c.why, c.count) for c in found] == [
        (shared, "similar", 1),
        (themed, "theme", 0),
    ]
    load = triage.wanted_load(b.board, b.board.ambitions[key])
    assert load is None
    b.apply(ops.edit(b.board, "ambitions", key, {"wanted_by": "2026-Q3"}, b.actor))
    load = triage.wanted_load(b.board, b.board.ambitions[key])
    assert load is not None and str(load.quarter) == "2026-Q3" and load.capacity is None


def test_record_marks_keep_the_worst_and_leave_out_what_the_view_shows() -> None:
    def finding(check: str, severity: Severity, *ids: tuple[str, str]) -> Finding:
        return Finding(check, severity, ids, "x")

    marks = view.record_marks(
        [
            finding("stale", Severity.INFO, ("ambitions", "a")),
            finding("late", Severity.WARNING, ("ambitions", "a"), ("roadmap", "r")),
            finding("conflict", Severity.ERROR, ("ambitions", "a"), ("standards", "s")),
            finding("unlinked", Severity.WARNING, ("ambitions", "b")),
            finding("capacity", Severity.ERROR, ("capacity", "2026-Q2"), ("roadmap", "r")),
        ]
    )
    assert marks == {
        ("ambitions", "a"): Severity.WARNING,
        ("roadmap", "r"): Severity.WARNING,
        ("standards", "s"): Severity.ERROR,
        ("capacity", "2026-Q2"): Severity.ERROR,
    }


# --- settings ------------------------------------------------------------------------------------


def test_update_settings_keeps_the_rest_of_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    path = tmp_path / "regietui" / "config.toml"
    assert config.config_path() == path
    path.parent.mkdir()
    path.write_text('author = "Jan"\nboard = "b.json"\n\n[keys]\n"board.new" = "a"\n')
    settings = config.update_settings(language="nl", theme="textual-light")
    assert settings.language == "nl" and settings.author == "Jan"
    data = tomllib.loads(path.read_text())
    assert data == {
        "language": "nl",
        "theme": "textual-light",
        "author": "Jan",
        "board": "b.json",
        "keys": {"board.new": "a"},
    }
    config.update_settings(author=None)
    assert "author" not in tomllib.loads(path.read_text())
    with pytest.raises(config.ConfigError, match="language"):
        config.update_settings(language="de")
    with pytest.raises(config.ConfigError, match="unknown setting"):
        config.update_settings(colour="red")


def test_the_summary_names_each_card_its_decision_and_note_in_dutch_too(demo) -> None:
    decided = [
        triage.Decided(demo.ipads, "reject", "geen iOS", None),
        triage.Decided(demo.portal_wish, "plan", "R-" + demo.portal, "samen met de website"),
    ]
    assert triage.summary(demo.board, decided, "nl").splitlines() == [
        "Besloten in deze triage (2):",
        f"- A-{demo.ipads} {demo.board.ambitions[demo.ipads].title} — Afwijzen (geen iOS)",
        f"- A-{demo.portal_wish} {demo.board.ambitions[demo.portal_wish].title} — Plannen"
        f" (R-{demo.portal}) — Notitie: samen met de website",
    ]
