"""The board file: a git-friendly TinyDB JSON file, loaded whole, saved atomically under a lock.

File layout (TinyDB-compatible: one object per table, documents keyed by id)::

    {
    "ambitions": {
    "3f9kq": {"municipality": "GM0363", "status": "wish", "title": "..."},
    "8bd2x": {...}
    },
    ...
    }

Tables and keys are sorted, every document is on its own line and keys are random, so a change to
one card is a one-line diff and additions on two branches land apart. `BoardStore.save` re-reads the
file under an `flock` before it writes; when someone else changed it, it merges instead of
overwriting.

What is written is read back first by the rules loading uses (`LineCache`): a board that could
not be loaded again is never saved. A board that is a symlink is saved through the link.
"""

from __future__ import annotations

import fcntl
import json
import os
import threading
from bisect import insort
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from tinydb import Storage, TinyDB
from tinydb.table import Table

from . import files, memory, merge
from .model import (
    EVENT_KEY_LENGTH,
    KEY_LENGTH,
    META_KEY,
    SCHEMA_VERSION,
    TABLES,
    Board,
    Meta,
    Record,
    key_problem,
    new_key,
    printable,
)
from .validation import invalid, problem_phrase, where
from .wording import Said, phrase

Tables = dict[str, dict[str, dict[str, Any]]]
Lines = dict[str, dict[str, str]]
"""table → key → the record's line in the file. Nested, not keyed by (table, key): tuples are
objects the garbage collector tracks, 20,000 more of them at each read of a 10,000-card board."""
Records = dict[str, dict[str, Record]]
"""table → key → record, as the board holds them."""

CONFLICT_MARKERS = ("<<<<<<< ", "=======", ">>>>>>> ")


class BoardError(Said):
    """Anything wrong with a board file, as one sentence that names the file and the place."""


# --- text <-> tables -----------------------------------------------------------------------------


def _line(key: str, doc: dict[str, Any]) -> str:
    body = json.dumps(doc, ensure_ascii=False, sort_keys=True, allow_nan=False)
    return f"{json.dumps(key, ensure_ascii=False)}: {body}"


class Unstorable(BoardError):
    """A record whose line would not read back as itself (the message names record and why)."""


def checked_line(table: str, key: str, record: Record) -> str:
    """The file line of a record, read back by the rules loading uses first.

    Whatever the model let through (a value set without validation, a float JSON cannot hold,
    text UTF-8 cannot store), a line that would not load back as the very same line is refused
    here, before anything is written.
    """
    doc = record.to_doc()
    try:
        validated = TABLES[table].model_validate(doc)
    except ValidationError as err:
        raise Unstorable(invalid(table, key, err)) from None
    try:
        line = _line(key, doc)
        line.encode("utf-8")
        same = json.loads(f"{{{line}}}")[key] == doc
    except (ValueError, RecursionError) as err:
        raise Unstorable(where(table, printable(key), "record", err)) from None
    if not same or _line(key, validated.to_doc()) != line:
        raise Unstorable(where(table, printable(key), "record", phrase("error.reads_back")))
    return line


def _assemble(tables: Lines, order: dict[str, list[str]] | None = None) -> str:
    """Join per-document lines into the file: sorted tables and keys, commas, trailing newline.
    `order`: a table's keys already sorted (a save keeps them from the last one)."""
    order = order or {}
    pieces = ["{"]
    names = sorted(tables)
    for t_index, name in enumerate(names):
        lines = tables[name]
        close = "}" if t_index == len(names) - 1 else "},"
        if lines:
            keys = order.get(name) or sorted(lines)
            pieces += [f"{json.dumps(name)}: {{", ",\n".join([lines[k] for k in keys]), close]
        else:
            pieces.append(f"{json.dumps(name)}: {{{close}")
    pieces += ["}", ""]
    return "\n".join(pieces)


def dumps(tables: Tables) -> str:
    """The canonical text of plain tables of documents (what TinyDB hands a storage)."""
    return _assemble(
        {name: {key: _line(key, doc) for key, doc in docs.items()} for name, docs in tables.items()}
    )


class LineCache:
    """Serialised lines of records, reused while the record object is the same one.

    Records are immutable and operations only replace what they change, so after the first save
    a save serialises just the changed records: at 10,000 cards that is milliseconds, not the
    third of a second a full dump takes. Every new line is read back first (`checked_line`);
    the lines of a file just loaded are known good as they are (`loaded`).

    The lines of a loaded file are matched to its records when first needed (a save, `prime` in
    a worker thread, a reload), not while the first screen waits; a lock keeps a save and a
    background `prime` from working on the cache at once.
    """

    def __init__(self) -> None:
        self._records: Records = {}
        self._lines: Lines = {}
        self._order: dict[str, list[str]] = {}
        """Each table's keys sorted, as the last text had them."""
        self._pending: tuple[Board, str | Lines] | None = None
        self._lock = threading.Lock()

    def loaded(self, board: Board, text: str | Lines) -> None:
        """Take the lines of the file `board` was just loaded from (its text, or its lines by
        table and key) as its records' lines: loading read each of them into that very record,
        so they read back, and a save rewrites only what changed (a hand-edited line stays as it
        was until its record changes)."""
        with self._lock:
            self._pending = (board, text)

    def _settle(self) -> None:
        """Match the lines of the last file loaded to its records (the lock is held)."""
        if self._pending is None:
            return
        board, text = self._pending
        self._pending = None
        self._lines = _document_lines(text) if isinstance(text, str) else text
        self._records = dict(board.tables())  # the board's own tables: they never change
        self._order = {}

    def known(self) -> tuple[Records, Lines]:
        """The records and the lines they were read from or written as (a record's line is
        its own only while it is that very record)."""
        with self._lock:
            self._settle()
            return self._records, self._lines

    def text(self, board: Board, whole: bool = False) -> str:
        """The board's file text; raises Unstorable for a record that would not read back.

        `whole`: check the rest of what loading checks too (keys, references, cycles), for the
        records that are new or changed since the last text, or everything once a record went.
        Lines are remembered only when every check passed."""
        with self._lock:
            self._settle()
            return self._text(board, whole)

    def _text(self, board: Board, whole: bool) -> str:
        fresh: list[tuple[str, str]] = []
        removed = False
        tables: Lines = {}
        order: dict[str, list[str]] = {}
        for name, records in board.tables():
            known, lines = self._records.get(name, {}), self._lines.get(name, {})
            keys = self._order.get(name)
            if records is not known or lines.keys() != records.keys():
                gone, added = lines.keys() - records.keys(), records.keys() - lines.keys()
                lines = (
                    {k: line for k, line in lines.items() if k not in gone} if gone else dict(lines)
                )
                get = known.get
                for key in sorted({k for k, r in records.items() if get(k) is not r} | added):
                    lines[key] = checked_line(name, key, records[key])
                    fresh.append((name, key))
                removed = removed or bool(gone)
                keys = _with_keys(keys, added) if keys is not None and not gone else None
            tables[name] = lines
            order[name] = keys if keys is not None else sorted(lines)
        if whole:
            _check_loadable(board, fresh, removed)
        self._records, self._lines, self._order = dict(board.tables()), tables, order
        return _assemble(tables, order)


def _with_keys(keys: list[str], added: Iterable[str]) -> list[str]:
    """Sorted `keys` with the `added` ones in their places (a save adds a record or two)."""
    keys = list(keys)
    for key in added:
        insort(keys, key)
    return keys


def _document_lines(text: str) -> Lines:
    """table → key → the line a document has in a file of our layout (one per line)."""
    found: Lines = {}
    table = ""
    decode = json.JSONDecoder().raw_decode
    for line in text.splitlines():
        if not line.startswith('"'):
            table = ""
            continue
        end = line.find('"', 1) + 1
        if end and "\\" not in line[:end]:
            name = line[1 : end - 1]  # a key without escapes: what raw_decode would read
        else:
            try:
                name, end = decode(line)
            except ValueError:
                continue
        if line.endswith(": {"):
            table = name
        elif table and line[end : end + 2] == ": ":
            found.setdefault(table, {})[name] = line.removesuffix(",")
    return found


def _layout(text: str) -> dict[str, dict[str, str]] | None:
    """table → key → line, for a file in exactly the layout `_assemble` writes; else None.

    In that layout the text is valid JSON when every record's line is, and a line means the same
    wherever it stands: a reload parses and validates only the lines it has not seen before."""
    lines = text.split("\n")
    if len(lines) < 3 or lines[0] != "{" or lines[-2] != "}" or lines[-1]:
        return None
    tables: dict[str, dict[str, str]] = {}
    docs: dict[str, str] | None = None  # the records of the table being read
    comma = True  # whether the line before ended with a comma
    for line in lines[1:-2]:
        if docs is not None and line in ("}", "},"):
            if not docs or comma:
                return None  # an open table without records, or a comma after the last one
            docs, comma = None, line == "},"
            continue
        if not comma:
            return None  # something after the last table, or after a table's last record
        end = line.find('"', 1)
        if not line.startswith('"') or end < 0 or "\\" in line[:end]:
            return None
        name, rest = line[1:end], line[end + 1 :]
        if docs is None:
            if name not in TABLES or name in tables:
                return None
            if rest == ": {":
                docs = tables[name] = {}
            elif rest in (": {}", ": {},"):
                tables[name], comma = {}, rest.endswith(",")
            else:
                return None
            continue
        comma = line.endswith(",")
        body = rest[2:-1] if comma else rest[2:]
        if not rest.startswith(": {") or not body.endswith("}") or name in docs:
            return None
        docs[name] = line[:-1] if comma else line
    return tables if docs is None and not comma else None


def _reload(
    text: str, path: Path | str, known: tuple[Records, Lines] | None
) -> tuple[Board, str | Lines]:
    """The board of `text`, keeping the `known` records whose lines are unchanged, and its lines.

    Only new and changed lines are parsed and validated, with the checks `loads` applies to
    them (key, duplicate fields, strict JSON, the record's model, the schema version); the
    references and cycles are checked on the whole board as always. Anything unusual (another
    layout, an error) goes through `loads`, which has the precise message."""
    layout = _layout(text) if known else None
    if layout is None or known is None:
        return loads(text, path), text
    records: dict[str, dict[str, Any]] = {}
    try:
        for name, docs in layout.items():
            model, parsed = TABLES[name], records.setdefault(name, {})
            same_records, same_lines = known[0].get(name, {}), known[1].get(name, {})
            if docs == same_lines and same_lines.keys() == same_records.keys():
                records[name] = same_records  # the very table: `is` tells a screen it is unchanged
                continue
            for key, line in docs.items():
                if same_lines.get(key) == line and key in same_records:
                    parsed[key] = same_records[key]
                    continue
                if key_problem(name, key):
                    raise ValueError(key)
                doc = json.loads(
                    f"{{{line}}}", object_pairs_hook=_unique, parse_constant=_no_constant
                )[key]
                if name == "meta":
                    _schema_version(doc, path)
                parsed[key] = model.model_validate(doc)
        meta = records.pop("meta", {}).get(META_KEY, Meta())
        board = Board(meta=meta, **records)
        if board.problems():
            raise ValueError("problems")
    except (ValueError, RecursionError, TypeError, _Duplicate, BoardError):
        return loads(text, path), text  # raises the error as loading says it
    return board, layout


def _no_constant(name: str) -> Any:
    raise ValueError(name)


def _check_loadable(board: Board, fresh: list[tuple[str, str]], removed: bool) -> None:
    """Keys and references as loading checks them, for the `fresh` records (for all of them if
    a record was `removed`: a reference to it may dangle now)."""
    for table, key in fresh:
        why = key_problem(table, key)
        if why:
            raise Unstorable(phrase("error.key", table=table, ident=printable(key), why=why))
    if removed:
        problems = board.problems()
    else:
        problems = [
            problem
            for table, key in fresh
            if table in ("ambitions", "roadmap")
            for problem in board.record_problems(table, key, cycles=False)
        ]
        roadmap = [key for table, key in fresh if table == "roadmap"]
        if roadmap and not problems:
            problems = board.record_problems("roadmap", roadmap[0])  # with the cycles
    if problems:
        raise Unstorable(problem_phrase(problems[0]))


def parse(text: str, path: Path | str) -> Tables:
    """Parse the file text into tables, or raise a BoardError naming the line and column."""
    if not text.strip():
        raise BoardError(phrase("error.empty_board", path=path))
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith(CONFLICT_MARKERS):
            raise BoardError(phrase("error.markers", path=path, line=str(number)))
    try:
        data = files.parse_json(text, path, BoardError, pairs_hook=_unique)
    except _Duplicate as dup:
        # json.loads would silently keep the last of the two: a hand-merged file loses a version
        needle = f"{json.dumps(dup.key, ensure_ascii=False)}:"
        lines = [n for n, ln in enumerate(text.splitlines(), 1) if ln.lstrip().startswith(needle)]
        place = f"{path}:{lines[1]}" if len(lines) > 1 else str(path)
        raise BoardError(phrase("error.twice", where=place, ident=printable(dup.key))) from None
    if not isinstance(data, dict):
        raise BoardError(phrase("error.not_board", path=path))
    for name, docs in data.items():
        if name not in TABLES:
            raise BoardError(phrase("error.unknown_table", path=path, name=printable(name)))
        if not isinstance(docs, dict) or not all(isinstance(d, dict) for d in docs.values()):
            raise BoardError(phrase("error.table_shape", path=path, name=repr(name)))
        for key in docs:
            why = key_problem(name, key)
            if why:
                bad = phrase("error.key", table=name, ident=printable(key), why=why)
                raise BoardError(phrase("error.at", where=_where(path, text, name, key), what=bad))
    return data


class _Duplicate(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Duplicate(key)
            seen.add(key)
    return data


def _line_of(text: str, table: str, key: str) -> int | None:
    """The line a document sits on, for error messages (files we write hold one per line)."""
    in_table = False
    needle = f"{json.dumps(key, ensure_ascii=False)}:"
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith(f"{json.dumps(table)}:"):
            in_table = True
        elif in_table and line.startswith(needle):
            return number
        elif in_table and line.startswith("}"):
            in_table = False
    return None


def _where(path: Path | str, text: str, table: str, key: str) -> str:
    line = _line_of(text, table, key)
    return f"{path}:{line}" if line else str(path)


def board_from_tables(tables: Tables, path: Path | str, text: str = "") -> Board:
    """Validate every record and every reference; the first problem becomes a BoardError."""
    _schema_version(tables.get("meta", {}).get(META_KEY, {}), path)
    records: dict[str, Any] = {}
    for name, model in TABLES.items():
        parsed = {}
        for key, doc in tables.get(name, {}).items():
            try:
                parsed[key] = model.model_validate(doc)
            except ValidationError as err:
                place = _where(path, text, name, key)
                bad = invalid(name, key, err)
                raise BoardError(phrase("error.at", where=place, what=bad)) from None
        records[name] = parsed
    meta = records.pop("meta").get(META_KEY, Meta())
    board = Board(meta=meta, **records)
    problems = board.problems()
    if problems:
        first = problems[0]
        place = _where(path, text, first.table, first.record)
        said = phrase("error.at", where=place, what=problem_phrase(first))
        if len(problems) > 1:
            said = phrase("error.and_more", what=said, n=len(problems) - 1)
        raise BoardError(said)
    return board


def _schema_version(meta_doc: Any, path: Path | str) -> None:
    """A BoardError unless the board settings name a schema this regietui reads."""
    version = meta_doc.get("schema_version", SCHEMA_VERSION) if isinstance(meta_doc, dict) else 1
    if not isinstance(version, int) or isinstance(version, bool):
        raise BoardError(phrase("error.schema_whole", path=path))
    if version > SCHEMA_VERSION:
        newer = {"version": str(version), "known": str(SCHEMA_VERSION)}
        raise BoardError(phrase("error.newer", path=path, **newer))


def loads(text: str, path: Path | str = "<board>") -> Board:
    with memory.held():
        return board_from_tables(parse(text, path), path, text)


def board_text(board: Board, cache: LineCache | None = None) -> str:
    """The file text of a board (pass a LineCache to reuse unchanged records' lines); raises
    Unstorable for a record that would not read back."""
    return (cache or LineCache()).text(board)


# --- files ---------------------------------------------------------------------------------------


def atomic_write(path: Path, text: str) -> None:
    """Replace the regular file `path` with `text` (see `files.atomic_write`): a failure at any
    point leaves the original as it was."""
    files.atomic_write(path, text.encode("utf-8"), BoardError)


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """An exclusive `flock` on the board's folder.

    The folder, not the file: `os.replace` swaps the file's inode, so a lock on the file would not
    exclude a writer that opened the new one. Locking the folder also leaves no lock files behind.
    """
    try:
        fd = os.open(path.parent, os.O_RDONLY)
    except OSError as err:
        why = files.problem(err)
        raise BoardError(phrase("error.lock", path=path, folder=path.parent, why=why)) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def read_text(path: Path) -> str:
    """The text of a board file, or a BoardError saying why it cannot be read."""
    return files.read_text(path, BoardError, phrase("error.create_it", path=path))


def _text_if_any(path: Path) -> str:
    """The file's text, or "" when there is no file yet (a save or `init` creates it)."""
    return files.read_if_exists(path, BoardError) or ""


@dataclass(frozen=True)
class Stamp:
    """What a cheap `stat` says about the file: enough to notice someone else wrote it."""

    mtime_ns: int
    size: int
    inode: int

    @classmethod
    def of(cls, path: Path) -> Stamp | None:
        try:
            st = path.stat()
        except OSError:
            return None
        return cls(st.st_mtime_ns, st.st_size, st.st_ino)


@dataclass(frozen=True)
class Read:
    """A board file as read and validated (`BoardStore.read`), not yet taken (`take`)."""

    board: Board
    text: str
    stamp: Stamp | None
    lines: str | Lines


@dataclass(frozen=True)
class Saved:
    """The outcome of a save: the board now on disk and whether others' changes were merged in."""

    board: Board
    merged: bool
    conflicts: tuple[merge.Conflict, ...] = ()


def merge_boards(
    base: Board, ours: Board, theirs: Board, path: Path | str
) -> tuple[Board, list[merge.Conflict]]:
    """The 3-way merge with its `conflict` events: what a save does with changes on disk, and what
    the git merge driver and `resolve` do. Two valid boards always merge into a valid one; the
    error is a last guard that nothing invalid is ever written."""
    result = merge.merge(base, ours, theirs)
    if result.problems:
        bad = problem_phrase(result.problems[0])
        raise BoardError(phrase("error.merge_invalid", path=path, what=bad))
    return result.board, result.conflicts


class BoardStore:
    """One board file: load it, notice outside changes, save (merging when needed).

    `path` is what the user named (messages use it); `target` is the file it resolves to, once:
    a board that is a symlink is saved through the link, and the lock is on the target's folder.
    """

    def __init__(self, path: Path | str, *, read_only: bool = False) -> None:
        """`read_only`: never write the file, whatever its mode (a board served to a browser
        without `--edit`)."""
        self.path = Path(path)
        self.target = Path(os.path.realpath(self.path))
        self.base: Board | None = None
        self._text = ""
        self._stamp: Stamp | None = None
        self._lines = LineCache()
        self._opened_read_only = read_only

    @property
    def read_only(self) -> bool:
        """Opened read-only, not writable for us, or write-protected with chmod (which root
        would ignore)."""
        if self._opened_read_only:
            return True
        try:
            protected = self.target.stat().st_mode & 0o222 == 0
        except OSError:
            return False
        return (
            protected
            or not os.access(self.target, os.W_OK)
            or not os.access(self.target.parent, os.W_OK)
        )

    def load(self) -> Board:
        """Read the board; a second read keeps the records whose lines did not change."""
        return self.take(self.read())

    def read(self) -> Read:
        """What `load` reads, without taking it yet: safe in a worker thread (it changes
        nothing here), so a reload can read and validate off the event loop and `take` the
        result on it."""
        stamp = Stamp.of(self.path)
        text = read_text(self.path)
        known = self._lines.known() if self.base is not None else None
        with memory.held():
            board, lines = _reload(text, self.path, known)
        return Read(board, text, stamp, lines)

    def take(self, read: Read) -> Board:
        """Make what `read` returned the board as last read (cheap: no parsing, no checks)."""
        self._lines.loaded(read.board, read.lines)
        self.base, self._text, self._stamp = read.board, read.text, read.stamp
        return read.board

    def prime(self, board: Board) -> None:
        """Serialise every record once ahead of the first save (e.g. in a background thread)."""
        with suppress(Unstorable):  # the save names the record
            self._lines.text(board, whole=True)

    def _checked_text(self, board: Board) -> str:
        """The text to write, checked by the rules loading applies (record by record, keys,
        references), or a BoardError naming what would not load."""
        try:
            return self._lines.text(board, whole=True)
        except Unstorable as err:
            raise BoardError(phrase("error.not_saved", path=self.path, what=err)) from None

    def _write(self, text: str) -> None:
        """Replace the target (the lock is held): first remove temp files a killed save left."""
        files.clean_temps(self.target)
        atomic_write(self.target, text)

    def changed_on_disk(self) -> bool:
        """A cheap check (one `stat`) whether the file differs from what we last read or wrote."""
        return Stamp.of(self.path) != self._stamp

    def save(self, board: Board) -> Saved:
        """Write `board`; if the file changed since we read it, 3-way merge with it first."""
        if self.read_only:
            raise BoardError(phrase("error.read_only", path=self.path))
        with locked(self.target):
            disk_text = _text_if_any(self.path)
            merged, conflicts = False, ()
            if self.base is not None and disk_text != self._text:
                theirs, _ = _reload(disk_text, self.path, self._lines.known())
                board, conflicts = merge_boards(self.base, board, theirs, self.path)
                merged = True
            text = self._checked_text(board)
            if text != disk_text:
                self._write(text)
            self.base, self._text, self._stamp = board, text, Stamp.of(self.path)
        return Saved(board, merged, tuple(conflicts))

    def create(self, board: Board) -> None:
        """Write a new board file; refuses, under the lock, to overwrite one that holds anything
        (so of two `init`s at once, one fails)."""
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            why = files.problem(err)
            folder = self.target.parent
            cannot = phrase("error.folder", path=self.path, folder=folder, why=why)
            raise BoardError(cannot) from None
        with locked(self.target):
            if _text_if_any(self.path).strip():
                raise BoardError(phrase("error.exists_file", path=self.path))
            text = self._checked_text(board)
            self._write(text)
            self.base, self._text, self._stamp = board, text, Stamp.of(self.path)


# --- TinyDB access for scripts -------------------------------------------------------------------


class BoardStorage(Storage):
    """TinyDB storage for board files: reads any board, writes the canonical git-friendly text.

    Every read-modify-write of a `BoardDB` runs in one `transaction`: under the lock the CLI and
    the terminal UI take, so a save of theirs lands wholly before the read or after the write,
    never in between (their stores then merge this write as anyone else's). A write that would
    not load as a board is refused with a BoardError; the file stays as it was.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.target = Path(os.path.realpath(self.path))
        self._held = False

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Hold the board's lock (once; nested calls share it)."""
        if self._held:
            yield
            return
        with locked(self.target):
            self._held = True
            try:
                yield
            finally:
                self._held = False

    def read(self) -> Tables | None:
        with self.transaction():
            text = _text_if_any(self.path)
            return parse(text, self.path) if text else None

    def write(self, data: Tables) -> None:
        text = dumps(data)
        loads(text, self.path)  # what would not load again is not written
        with self.transaction():
            files.clean_temps(self.target)
            atomic_write(self.target, text)


class KeyedTable(Table):
    """A TinyDB table whose document ids are random strings, as in board files."""

    document_id_class = str

    def _get_next_id(self) -> str:  # type: ignore[override]
        length = EVENT_KEY_LENGTH if self.name == "events" else KEY_LENGTH
        return new_key(self._read_table(), length)

    def _update_table(self, updater: Callable[[dict], None]) -> None:
        with self.storage.transaction():  # type: ignore[attr-defined]
            super()._update_table(updater)


class BoardDB(TinyDB):
    """TinyDB over a board file, for ad-hoc queries from scripts: `BoardDB("boards/demo.json")`.

    Every change (insert, update, remove) reads, changes and writes the file under the board's
    lock, so it never drops a concurrent edit made with `regietui` or in the terminal UI. A write
    that would not load as a board (an unknown field, a dangling reference) raises a BoardError
    and changes nothing.
    """

    table_class = KeyedTable

    def __init__(self, path: str | Path) -> None:
        super().__init__(path, storage=BoardStorage)

    def drop_table(self, name: str) -> None:
        with self.storage.transaction():  # type: ignore[attr-defined]
            super().drop_table(name)

    def drop_tables(self) -> None:
        with self.storage.transaction():  # type: ignore[attr-defined]
            super().drop_tables()
