"""Deciding with what came before: the board as it was (`--at`, `diff --since/--until`),
bundling demand into one roadmap item (ops.bundle, regietui.bundling), precedents and ranked
candidate roadmap items (similarity words, triage.candidates)."""

from __future__ import annotations

import os
import subprocess
from datetime import date
from pathlib import Path

import pytest
from helpers import GIT_ENV, Demo, git
from test_triage import Build

from regietui import bundling, ops, similarity, triage
from regietui.model import Quarter
from regietui.session import BoardSession, ReadOnlyError
from regietui.store import BoardStore

# --- words: stems and Dutch compounds ------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("werkplekken", "werkplek"),
        ("ipads", "ipad"),
        ("vervanging", "vervang"),
        ("vervangen", "vervang"),
        ("raad", "raad"),  # never below four letters
        ("chatbot", "chatbot"),
    ],
)
def test_stem_takes_off_dutch_endings(word: str, stem: str) -> None:
    assert similarity.stem(word) == stem


def test_a_compound_matches_its_head_not_its_modifier() -> None:
    assert similarity.same_word("raad", "gemeenteraad")
    assert similarity.same_word("gemeentewebsit", "websit")
    assert not similarity.same_word("gemeent", "gemeenteraad")  # a council is no municipality
    assert not similarity.same_word("app", "webapp")  # three letters say too little
    assert similarity.terms("Mac-werkplekken voor de afdeling") == {"mac", "werkplek", "afdel"}


def test_alike_by_title_words_or_by_telling_description_words_within_a_theme() -> None:
    b = Build()
    chat = b.amb("Chatbot op de website", theme="dienst")
    b.amb("Chatbot op de gemeentewebsite", "GM0002")
    b.amb("Website toegankelijk maken", "GM0002")
    keys = list(b.board.ambitions)
    assert similarity.alike(b.board, chat, keys[1])  # chatbot + website (compound)
    assert not similarity.alike(b.board, chat, keys[2])  # only "website" in common
    text = "Koppeling met zaaksysteem via gegevensmagazijn en berichtenbox voor inwoners"
    one = b.amb("Berichten sturen", "GM0002", theme="dienst", description=text)
    two = b.amb("Digitale brieven", "GM0003", theme="dienst", description=text)
    three = b.amb("Nog iets", "GM0003", theme="werkplek", description=text)
    assert similarity.alike(b.board, one, two)
    assert not similarity.alike(b.board, one, three)  # description words count within a theme


# --- precedents ----------------------------------------------------------------------------------


def test_precedents_are_decided_cards_of_the_same_standard_then_similar_ones(demo: Demo) -> None:
    board = demo.board
    actor = ops.Actor(author="T")
    mac = ops.add(
        board,
        "ambitions",
        {"municipality": demo.amsterdam, "title": "Mac-werkplekken", "conflicts": [demo.ipad]},
        actor,
    )
    board = mac.board
    open_one = ops.add(
        board,
        "ambitions",
        {"municipality": demo.amsterdam, "title": "Macbooks", "conflicts": [demo.ipad]},
        actor,
    ).board
    assert similarity.precedents(open_one, demo.ipads) == []  # nothing decided yet
    board = ops.move(open_one, mac.key, "rejected", actor, reason="Strijdig met de werkplek").board
    board = ops.decide(board, mac.key, "db", "DB houdt vast aan Windows", actor).board
    found = similarity.precedents(board, demo.ipads)
    assert [(p.key, p.standards, p.similar) for p in found] == [(mac.key, (demo.ipad,), False)]
    # a decided similar card of another municipality comes after the standard's
    similar = ops.add(
        board,
        "ambitions",
        {"municipality": demo.amsterdam, "title": "iPads voor de raadsleden", "status": "done"},
        actor,
    )
    found = similarity.precedents(similar.board, demo.ipads)
    assert [p.key for p in found] == [mac.key, similar.key]
    assert found[1].similar and found[1].standards == ()


# --- candidate roadmap items --------------------------------------------------------------------


def test_candidates_rank_theme_words_quarter_and_room_and_skip_closed_items() -> None:
    b = Build()
    b.apply(ops.set_capacity(b.board, "2026-Q3", 100, b.actor))
    b.apply(ops.set_capacity(b.board, "2026-Q4", 100, b.actor))

    def item(title: str, start: str, end: str, **fields: object) -> str:
        return b.add("roadmap", {"title": title, "start": start, "end": end, **fields})

    late = item("Dienstverlening later", "2027-Q1", "2027-Q2", theme="dienst")
    full = item("Dienstverlening vol", "2026-Q4", "2026-Q4", theme="dienst", effort=150)
    good = item("Dienstverlening nu", "2026-Q3", "2026-Q3", theme="dienst")
    words = item(
        "Chatbot met taalmodel", "2026-Q3", "2026-Q3", description="chatbot taalmodel websites"
    )
    done = item("Chatbot toen", "2026-Q1", "2026-Q1", theme="dienst", status="delivered")
    gone = item("Chatbot nooit", "2026-Q1", "2026-Q1", theme="dienst", status="dropped")
    key = b.amb(
        "Chatbot met taalmodel op de website",
        theme="dienst",
        wanted_by="2026-Q4",
        description="Een chatbot met een taalmodel",
    )
    found = {c.key: c for c in triage.candidates(b.board, key)}
    assert done not in found and gone not in found
    assert (found[good].fits, found[good].room) == (True, True)
    assert (found[full].fits, found[full].room) == (True, False)  # 150 of 100 in 2026-Q4
    assert (found[late].fits, found[late].room) == (False, False)
    assert found[words].why == "words" and found[words].count == 2
    # theme, in time, room: 4 · two telling words, in time, room: 4 (then by start, title) ·
    # theme, in time: 3 · theme only: 2
    order = [c.key for c in triage.candidates(b.board, key)]
    assert order == [words, good, full, late]


# --- bundling ------------------------------------------------------------------------------------


def _chatbots() -> tuple[Build, list[str]]:
    b = Build()
    b.apply(ops.set_capacity(b.board, "2026-Q3", 100, b.actor))
    b.apply(ops.set_capacity(b.board, "2026-Q4", 500, b.actor))
    b.add("roadmap", {"title": "Vol", "start": "2026-Q3", "end": "2026-Q3", "effort": 50})
    members = [
        b.amb("Chatbot op de website", "GM0001", theme="dienst", effort=80, wanted_by="2026-Q4"),
        b.amb("Chatbot op onze website", "GM0002", theme="dienst", effort=60, wanted_by="2026-Q3"),
        b.amb("Chatbot op de website", "GM0003", effort=20),
    ]
    return b, members


def test_the_proposal_takes_title_theme_largest_effort_and_first_quarter_with_room() -> None:
    b, members = _chatbots()
    proposal = bundling.propose(b.board, members, Quarter(2026, 2))
    # 2026-Q3 is wanted first but holds only 50 of 100 open: 80 fits in 2026-Q4
    assert proposal == {
        "title": "Chatbot op de website",
        "type": "project",
        "start": "2026-Q4",
        "end": "2026-Q4",
        "effort": "80",
        "theme": "dienst",
    }
    assert bundling.quarter(b.board, members, Quarter(2027, 1), 80) == Quarter(2027, 1)


def test_bundle_is_one_change_and_one_undo_takes_it_all_back(tmp_path: Path) -> None:
    b, members = _chatbots()
    path = tmp_path / "b.json"
    BoardStore(path).create(b.board)
    session = BoardSession.open(BoardStore(path), b.actor)
    fields = {"title": "Gezamenlijke chatbot", "start": "2026-Q4", "end": "2026-Q4"}
    change = session.apply(lambda board: ops.bundle(board, fields, members, b.actor))
    session.save()
    saved = BoardStore(path).load()
    item = change.key
    assert saved.roadmap[item].title == "Gezamenlijke chatbot"
    assert sorted(saved.serving(item)) == sorted(members)
    assert change.event.action == "bundle" and change.event.record == item
    assert session.undo() is not None
    session.save()
    undone = BoardStore(path).load()
    assert item not in undone.roadmap
    assert all(not undone.ambitions[k].links for k in members)
    assert session.redo() is not None
    assert sorted(session.board.serving(item)) == sorted(members)
    with pytest.raises(ops.OpError, match="at least two"):
        ops.bundle(b.board, fields, members[:1], b.actor)


def test_from_card_takes_the_similar_open_cards_of_other_municipalities() -> None:
    b, members = _chatbots()
    b.amb("Chatbot op de website", "GM0002", status="rejected", status_reason="nee")
    assert sorted(bundling.from_card(b.board, members[0])) == sorted(members)


# --- the board as it was -------------------------------------------------------------------------


def _commit(repo: Path, message: str, day: str) -> None:
    env = {**GIT_ENV, "GIT_COMMITTER_DATE": f"{day}T12:00:00", "GIT_AUTHOR_DATE": f"{day}T12:00"}
    subprocess.run(["git", "add", "."], cwd=repo, env=env, check=True)
    subprocess.run(["git", "commit", "-qm", message], cwd=repo, env=env, check=True)


@pytest.fixture
def history_repo(tmp_path: Path, board_file: Path, demo: Demo) -> Path:
    """The helper board committed on 2026-11-02, then with a renamed card on 2026-11-16."""
    git(tmp_path, "init", "-q")
    _commit(tmp_path, "board", "2026-11-02")
    store = BoardStore(board_file)
    board = store.load()
    actor = ops.Actor(author="T")
    board = ops.edit(board, "ambitions", demo.ipads, {"title": "Tablets voor de raad"}, actor).board
    store.save(board)
    _commit(tmp_path, "rename", "2026-11-16")
    return tmp_path


def test_list_and_show_at_a_revision_or_a_date_print_the_older_board(
    history_repo: Path, board_file: Path, demo: Demo, run
) -> None:
    now = run("list", "-b", board_file)
    assert "Tablets voor de raad" in now.out and "iPads" not in now.out
    for at in ("HEAD~1", "2026-11-10", "2026-11-02"):
        then = run("list", "--at", at, "-b", board_file)
        assert then.code == 0, then.err
        assert "iPads voor raadsleden" in then.out and "Tablets" not in then.out
    assert "Tablets" in run("list", "--at", "2026-11-16", "-b", board_file).out
    shown = run("show", f"A-{demo.ipads}", "--at", "HEAD~1", "-b", board_file)
    assert shown.out.startswith(f"A-{demo.ipads}  iPads voor raadsleden")
    assert run("check", "--at", "HEAD~1", "-b", board_file).code in (0, 1)
    assert "iPads voor raadsleden" in run("report", "--at", "HEAD~1", "-b", board_file).out


def test_at_refuses_options_and_days_without_a_commit(history_repo: Path, board_file: Path, run):
    before = run("list", "--at", "2026-10-01", "-b", board_file)
    assert before.code == 1 and "no commit on or before 2026-10-01" in before.err
    dashed = run("list", "--at=--output=/tmp/x", "-b", board_file)
    assert dashed.code == 1 and "is not a git revision" in dashed.err
    assert not os.path.exists("/tmp/x")
    bad = run("list", "--at", "2026-13-01", "-b", board_file)
    assert bad.code == 1 and "is not a date" in bad.err


def test_diff_between_two_dates_names_what_changed_between_the_meetings(
    history_repo: Path, board_file: Path, demo: Demo, run
) -> None:
    found = run("diff", "--since", "2026-11-05", "--until", "2026-11-20", "-b", board_file)
    assert found.code == 0, found.err
    assert f"A-{demo.ipads}" in found.out and "Tablets voor de raad" in found.out
    none = run("diff", "--since", "2026-11-16", "--until", "2026-11-20", "-b", board_file)
    assert none.out == "no changes\n"
    both = run("diff", "HEAD", "--since", "2026-11-05", "-b", board_file)
    assert both.code == 2


def test_a_past_board_refuses_every_edit_and_says_as_of_what(demo: Demo) -> None:
    session = BoardSession.past(demo.board, "HEAD~1 (abc1234, 2026-11-02)", date(2026, 11, 29))
    assert session.read_only and session.save() is None
    with pytest.raises(ReadOnlyError, match=r"as of HEAD~1 \(abc1234, 2026-11-02\)"):
        session.apply(lambda board: ops.move(board, demo.ipads, "exploring", session.actor))
    assert session.board is demo.board
