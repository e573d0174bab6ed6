"""The board file: canonical text, TinyDB access, atomic saves, file mode, locks, other writers."""

from __future__ import annotations

import errno
import json
import os
import re
import threading
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from helpers import Demo, make_actor
from tinydb import Query

from regietui import ops, store
from regietui.model import KEY_ALPHABET, KEY_LENGTH, Board, Meta, Quarter, Status
from regietui.store import BoardDB, BoardError, BoardStore, board_text, loads


def doc_lines(text: str) -> dict[str, list[str]]:
    """Table name → its document lines, read line by line the way git sees the file."""
    tables: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines()[1:-1]:
        header = re.fullmatch(r'"(\w+)": \{(\},?)?', line)
        if header:
            current = tables.setdefault(header[1], [])
            if header[2]:
                current = None
        elif line in ("}", "},"):
            current = None
        else:
            assert current is not None, f"stray line {line!r}"
            current.append(line)
    return tables


# --- the file format ------------------------------------------------------------------------------


def test_loading_and_saving_an_unchanged_board_keeps_the_file_byte_identical(
    board_file: Path,
) -> None:
    before = board_file.read_bytes()
    stamp = board_file.stat().st_mtime_ns
    st = BoardStore(board_file)
    board = st.load()
    saved = st.save(board)
    assert board_file.read_bytes() == before
    assert board_file.stat().st_mtime_ns == stamp  # not even rewritten
    assert not saved.merged
    # and the text the model produces for the loaded board is the very same text
    assert board_text(loads(before.decode())) == before.decode()


def test_a_board_rebuilt_from_its_file_writes_the_same_bytes(board_file: Path, tmp_path: Path):
    """Writing the loaded board to a new file reproduces the original exactly (no drift)."""
    copy = tmp_path / "copy.json"
    BoardStore(copy).create(BoardStore(board_file).load())
    assert copy.read_bytes() == board_file.read_bytes()


def test_file_has_sorted_tables_and_keys_one_document_per_line(board_file: Path, demo: Demo):
    text = board_file.read_text(encoding="utf-8")
    assert text.endswith("}\n") and not text.endswith("\n\n")
    lines = text.splitlines()
    assert lines[0] == "{" and lines[-1] == "}"
    tables = doc_lines(text)
    assert list(tables) == sorted(tables)
    assert set(tables) == {
        "meta",
        "municipalities",
        "themes",
        "standards",
        "ambitions",
        "roadmap",
        "capacity",
        "scenarios",
        "events",
    }
    for name, docs in tables.items():
        records = demo.board.table(name)
        assert len(docs) == len(records), f"{name}: one line per document"
        keys = [json.loads("{" + line.rstrip(",") + "}").popitem()[0] for line in docs]
        assert keys == sorted(keys) == sorted(records)
        for line in docs:
            doc = json.loads("{" + line.rstrip(",") + "}").popitem()[1]
            assert list(doc) == sorted(doc), "keys inside a document are sorted too"
        # JSON needs commas between documents, never after the last one
        assert all(line.endswith(",") for line in docs[:-1])
        assert not any(line.endswith(",") for line in docs[-1:])


def test_non_ascii_text_is_written_literally(board_file: Path, demo: Demo) -> None:
    raw = board_file.read_bytes()
    line = next(ln for ln in raw.decode().splitlines() if ln.startswith(f'"{demo.portal_wish}"'))
    assert '"title": "Eén loket → alle diensten"' in line
    assert "Coöperatie Test" in raw.decode()
    assert "\\u" not in raw.decode()
    assert "Eén loket → alle diensten".encode() in raw  # UTF-8 on disk


def test_random_keys_are_short_and_readable(demo: Demo) -> None:
    for key in [*demo.board.ambitions, *demo.board.roadmap, *demo.board.standards]:
        assert len(key) == KEY_LENGTH
        assert set(key) <= set(KEY_ALPHABET)
    assert not set(KEY_ALPHABET) & set("01ilo"), "no look-alike characters"


# --- TinyDB access for scripts --------------------------------------------------------------------


def test_tinydb_reads_the_board_with_string_ids(board_file: Path, demo: Demo) -> None:
    db = BoardDB(board_file)
    docs = db.table("ambitions").all()
    assert {doc.doc_id for doc in docs} == set(demo.board.ambitions)
    assert all(isinstance(doc.doc_id, str) for doc in docs)
    assert {doc["title"] for doc in docs} == {a.title for a in demo.board.ambitions.values()}
    wishes = db.table("ambitions").search(Query().status == "wish")
    assert [doc.doc_id for doc in wishes] == [demo.ipads]
    assert db.table("municipalities").get(doc_id="GM0363")["name"] == "Amsterdam"


def test_tinydb_insert_uses_a_random_key_and_keeps_the_format(board_file: Path, demo: Demo):
    db = BoardDB(board_file)
    key = db.table("ambitions").insert({"municipality": "GM0363", "title": "Via een script"})
    assert isinstance(key, str) and len(key) == KEY_LENGTH and key not in demo.board.ambitions
    text = board_file.read_text(encoding="utf-8")
    assert store.dumps(store.parse(text, board_file)) == text  # sorted, one line per document
    assert f'"{key}": {{"municipality": "GM0363", "title": "Via een script"}}' in text
    board = BoardStore(board_file).load()
    assert board.ambitions[key].status is Status.WISH


# --- atomic saves ---------------------------------------------------------------------------------


def _enospc(*_args: object, **_kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _half_write(monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills up half-way through writing the new text."""
    real_fdopen = os.fdopen

    class Half:
        def __init__(self, handle) -> None:
            self.handle = handle

        def __enter__(self) -> Half:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def write(self, data: bytes) -> int:
            self.handle.write(data[: len(data) // 2])
            self.handle.flush()
            _enospc()
            return 0

    monkeypatch.setattr(store.os, "fdopen", lambda fd, mode: Half(real_fdopen(fd, mode)))


@pytest.mark.parametrize("failing", ["write", "fsync", "replace"])
def test_a_failed_save_leaves_the_original_intact_and_no_temp_file(
    board_file: Path, demo: Demo, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    before = board_file.read_bytes()
    st = BoardStore(board_file)
    board = st.load()
    change = ops.move(board, demo.ipads, "exploring", make_actor())
    if failing == "write":
        _half_write(monkeypatch)
    else:
        monkeypatch.setattr(store.os, failing, _enospc)
    with pytest.raises(BoardError) as caught:
        st.save(change.board)
    monkeypatch.undo()
    message = str(caught.value)
    assert message == (
        f"{board_file}: could not save (No space left on device); the file is unchanged"
    )
    assert board_file.read_bytes() == before
    assert sorted(p.name for p in board_file.parent.iterdir()) == ["coop.json"]
    # the session can retry once there is room again, without losing the change
    assert st.save(change.board).board.ambitions[demo.ipads].status is Status.EXPLORING
    assert BoardStore(board_file).load().ambitions[demo.ipads].status is Status.EXPLORING


def test_the_cli_reports_a_full_disk_in_one_line(
    board_file: Path, demo: Demo, monkeypatch: pytest.MonkeyPatch, run
) -> None:
    before = board_file.read_bytes()
    monkeypatch.setattr(store.os, "replace", _enospc)
    result = run("move", f"A-{demo.ipads}", "exploring", "-b", board_file)
    assert result.code == 1
    assert result.err == (
        f"regietui: {board_file}: could not save (No space left on device); the file is unchanged\n"
    )
    assert board_file.read_bytes() == before
    assert sorted(p.name for p in board_file.parent.iterdir()) == ["coop.json"]


def test_saving_keeps_the_file_mode(board_file: Path, demo: Demo) -> None:
    board_file.chmod(0o640)
    st = BoardStore(board_file)
    board = st.load()
    st.save(ops.move(board, demo.ipads, "exploring", make_actor()).board)
    assert BoardStore(board_file).load().ambitions[demo.ipads].status is Status.EXPLORING
    assert board_file.stat().st_mode & 0o7777 == 0o640


def test_a_new_board_file_follows_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        BoardStore(tmp_path / "new.json").create(Board(meta=Meta(name="Nieuw")))
    finally:
        os.umask(old)
    assert (tmp_path / "new.json").stat().st_mode & 0o7777 == 0o640


def test_create_refuses_to_overwrite_a_board(board_file: Path) -> None:
    before = board_file.read_bytes()
    with pytest.raises(BoardError, match="already exists"):
        BoardStore(board_file).create(Board())
    assert board_file.read_bytes() == before


def test_a_save_waits_for_another_writer_holding_the_lock(board_file: Path, demo: Demo) -> None:
    st = BoardStore(board_file)
    board = ops.move(st.load(), demo.ipads, "exploring", make_actor()).board
    done = threading.Event()

    def save() -> None:
        st.save(board)
        done.set()

    with store.locked(board_file):
        worker = threading.Thread(target=save)
        worker.start()
        assert not done.wait(0.15), "the save must not write while another writer holds the lock"
        assert BoardStore(board_file).load().ambitions[demo.ipads].status is Status.WISH
    worker.join(5)
    assert done.is_set()
    assert BoardStore(board_file).load().ambitions[demo.ipads].status is Status.EXPLORING


# --- changes made by someone else ----------------------------------------------------------------


def test_a_save_without_outside_changes_does_not_merge(board_file: Path, demo: Demo) -> None:
    st = BoardStore(board_file)
    saved = st.save(ops.move(st.load(), demo.ipads, "exploring", make_actor()).board)
    assert not saved.merged and saved.conflicts == ()
    assert not st.changed_on_disk()


def test_concurrent_sessions_both_keep_their_change(board_file: Path, demo: Demo) -> None:
    a, b = BoardStore(board_file), BoardStore(board_file)
    board_a, board_b = a.load(), b.load()

    moved = ops.move(board_b, demo.ipads, "exploring", make_actor(2, "Bea"))
    assert not b.save(moved.board).merged
    assert a.changed_on_disk()

    edited = ops.edit(board_a, "ambitions", demo.portal_wish, {"value": 5}, make_actor(3, "Ad"))
    saved = a.save(edited.board)

    assert saved.merged is True
    assert saved.conflicts == ()
    on_disk = BoardStore(board_file).load()
    assert on_disk.ambitions[demo.ipads].status is Status.EXPLORING  # B's change
    assert on_disk.ambitions[demo.portal_wish].value == 5  # A's change
    assert {moved.event_key, edited.event_key} <= set(on_disk.events)
    assert board_text(saved.board) == board_file.read_text(encoding="utf-8")
    assert not a.changed_on_disk()
    # B sees A's save as an outside change and merges it in turn
    assert b.changed_on_disk()
    again = b.save(ops.edit(b.base, "ambitions", demo.ipads, {"value": 2}, make_actor(4)).board)
    assert again.merged
    final = BoardStore(board_file).load()
    assert (final.ambitions[demo.portal_wish].value, final.ambitions[demo.ipads].value) == (5, 2)


def test_concurrent_changes_to_one_field_keep_the_later_and_report_it(
    board_file: Path, demo: Demo
) -> None:
    a, b = BoardStore(board_file), BoardStore(board_file)
    board_a, board_b = a.load(), b.load()
    early = make_actor(2, "Ad", at=datetime(2027, 2, 1, 10, 0, tzinfo=UTC))
    late = make_actor(3, "Bea", at=datetime(2027, 2, 1, 11, 0, tzinfo=UTC))
    b.save(ops.move(board_b, demo.ipads, "rejected", late, reason="Geen iOS").board)
    saved = a.save(ops.move(board_a, demo.ipads, "exploring", early).board)
    assert saved.merged
    assert BoardStore(board_file).load().ambitions[demo.ipads].status is Status.REJECTED
    assert [(c.record, c.field, c.kept) for c in saved.conflicts] == [
        (demo.ipads, "status", "rejected")
    ]


def test_a_save_over_an_unreadable_file_changes_nothing(board_file: Path, demo: Demo) -> None:
    st = BoardStore(board_file)
    board = ops.move(st.load(), demo.ipads, "exploring", make_actor()).board
    broken = board_file.read_text(encoding="utf-8").replace("{\n", "{\n<<<<<<< HEAD\n", 1)
    board_file.write_text(broken, encoding="utf-8")
    with pytest.raises(BoardError, match=r"coop\.json:2: unresolved git conflict marker"):
        st.save(board)
    assert board_file.read_text(encoding="utf-8") == broken


# --- what is written reads back -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("update", "message"),
    [
        ({"effort": float("inf")}, "field effort: Input should be a finite number"),
        ({"title": "iPads \udcff"}, "field title: holds a character UTF-8 cannot store (U+DCFF"),
        ({"tags": ("raad", "raad")}, "field tags: 'raad' appears twice"),
        ({"wanted_by": Quarter(999, 1)}, "field wanted_by: 0999-Q1 is outside the years"),
        ({"review": date(9999, 12, 31)}, "field review: 9999-12-31 is outside the years"),
        ({"title": "  spaces  "}, "would read back differently than it is"),
    ],
)
def test_a_save_refuses_a_record_that_would_not_read_back(
    board_file: Path, demo: Demo, update: dict, message: str
) -> None:
    """Values that skipped validation (`model_copy`) are caught by reading the line back."""
    before = board_file.read_bytes()
    st = BoardStore(board_file)
    board = st.load()
    bad = board.ambitions[demo.ipads].model_copy(update=update)
    with pytest.raises(BoardError) as caught:
        st.save(board.with_record("ambitions", demo.ipads, bad))
    text = str(caught.value)
    assert text.startswith(f"{board_file}: not saved: ")
    assert message in text and text.endswith("; the file is unchanged")
    assert board_file.read_bytes() == before


def test_a_save_refuses_a_key_that_loading_would_refuse(board_file: Path, demo: Demo) -> None:
    before = board_file.read_bytes()
    st = BoardStore(board_file)
    board = st.load()
    bad = board.with_record("standards", "\x1b[31m", board.standards[demo.ipad])
    with pytest.raises(BoardError) as caught:
        st.save(bad)
    assert str(caught.value) == (
        f"{board_file}: not saved: table standards, key '\\x1b[31m': a key is 1 to 32 of the"
        " characters 23456789abcdefghjkmnpqrstuvwxyz; the file is unchanged"
    )
    assert board_file.read_bytes() == before


@pytest.mark.parametrize(
    ("table", "key", "why"),
    [
        ("ambitions", "AB\u202eCD", "key 'AB\\u202eCD': a key is 1 to 32 of the characters"),
        ("events", "x" * 33, "a key is 1 to 32 of the characters"),
        ("municipalities", "GM0363\n", "key 'GM0363\\n': use a CBS code such as GM0363"),
        ("municipalities", "GM\u0663\u0663\u0663\u0663", "use a CBS code such as GM0363"),
        ("themes", "Werkplek", "key 'Werkplek': use lower-case letters, digits and -"),
        ("capacity", "2027 q1", "key '2027 q1': write it as 2027-Q1"),
        ("meta", "settings", "the board settings are stored under 'board'"),
    ],
)
def test_loading_names_the_table_and_a_printable_form_of_a_bad_key(
    board_file: Path, table: str, key: str, why: str
) -> None:
    docs = json.loads(board_file.read_text(encoding="utf-8"))
    first = next(iter(docs[table]))
    docs[table][key] = docs[table].pop(first)
    text = store.dumps(docs)
    with pytest.raises(BoardError) as caught:
        loads(text, "b.json")
    assert f"table {table}, " in str(caught.value) and why in str(caught.value)
    assert "\x1b" not in str(caught.value) and "\u202e" not in str(caught.value)


# --- BoardDB and the lock ------------------------------------------------------------------------


def test_a_boarddb_update_never_drops_a_concurrent_cli_save(board_file: Path, demo: Demo) -> None:
    """The CLI's save cannot land between BoardDB's read and its write."""
    db = BoardDB(board_file)
    saved = threading.Event()

    def cli_save() -> None:
        st = BoardStore(board_file)
        st.save(ops.move(st.load(), demo.ipads, "exploring", make_actor()).board)
        saved.set()

    worker = threading.Thread(target=cli_save)

    def transform(doc: dict) -> None:
        doc["value"] = 5  # runs between TinyDB's read and its write
        worker.start()
        assert not saved.wait(0.2), "the CLI save must wait for BoardDB's write"

    db.table("ambitions").update(transform, doc_ids=[demo.portal_wish])
    worker.join(5)
    assert saved.is_set()
    board = BoardStore(board_file).load()
    assert board.ambitions[demo.portal_wish].value == 5  # BoardDB's change
    assert board.ambitions[demo.ipads].status is Status.EXPLORING  # the CLI's change


def test_a_boarddb_write_that_would_not_load_changes_nothing(board_file: Path) -> None:
    before = board_file.read_bytes()
    db = BoardDB(board_file)
    with pytest.raises(BoardError, match="unknown municipality GM9999"):
        db.table("ambitions").insert({"municipality": "GM9999", "title": "Via een script"})
    with pytest.raises(BoardError, match="field colour: Extra inputs are not permitted"):
        db.table("ambitions").insert({"municipality": "GM0363", "title": "x", "colour": "red"})
    assert board_file.read_bytes() == before


def test_boarddb_writes_through_a_symlinked_board(board_file: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(board_file)
    key = BoardDB(link).table("ambitions").insert({"municipality": "GM0363", "title": "Script"})
    assert link.is_symlink()
    assert BoardStore(board_file).load().ambitions[key].title == "Script"


def test_a_save_refuses_to_drop_a_record_that_others_still_refer_to(board_file: Path, demo: Demo):
    """Removing a record is checked against every reference, as loading would."""
    before = board_file.read_bytes()
    st = BoardStore(board_file)
    board = st.load()
    with pytest.raises(BoardError) as caught:
        st.save(board.with_record("roadmap", demo.portal, None))
    assert f"ambition A-{demo.portal_wish}, field links: unknown roadmap item" in str(caught.value)
    assert board_file.read_bytes() == before


def test_a_save_rewrites_only_the_lines_of_changed_records(board_file: Path, demo: Demo) -> None:
    """Unchanged records keep their lines byte for byte, even a hand-edited one (unsorted keys):
    loading read them already, and git sees a one-line change."""
    text = board_file.read_text(encoding="utf-8")
    line = next(ln for ln in text.splitlines() if ln.startswith(f'"{demo.parked}": '))
    doc = json.loads("{" + line.rstrip(",") + "}")[demo.parked]
    by_hand = f'"{demo.parked}": ' + json.dumps(dict(reversed(doc.items())), ensure_ascii=False)
    by_hand += "," if line.endswith(",") else ""
    board_file.write_text(text.replace(line, by_hand), encoding="utf-8")
    st = BoardStore(board_file)
    st.save(ops.move(st.load(), demo.ipads, "exploring", make_actor()).board)
    after = board_file.read_text(encoding="utf-8")
    assert by_hand in after.splitlines()
    assert BoardStore(board_file).load().ambitions[demo.ipads].status is Status.EXPLORING
