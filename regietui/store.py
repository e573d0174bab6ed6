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
"""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from tinydb import Storage, TinyDB
from tinydb.table import Table

from . import merge
from .model import (
    EVENT_KEY_LENGTH,
    KEY_LENGTH,
    META_KEY,
    SCHEMA_VERSION,
    TABLES,
    Board,
    Meta,
    Problem,
    Record,
    new_key,
)

Tables = dict[str, dict[str, dict[str, Any]]]

CONFLICT_MARKERS = ("<<<<<<< ", "=======", ">>>>>>> ")


class BoardError(Exception):
    """Anything wrong with a board file, as one sentence that names the file and the place."""


# --- text <-> tables -----------------------------------------------------------------------------


def _line(key: str, doc: dict[str, Any]) -> str:
    body = json.dumps(doc, ensure_ascii=False, sort_keys=True)
    return f"{json.dumps(key, ensure_ascii=False)}: {body}"


def _assemble(tables: dict[str, dict[str, str]]) -> str:
    """Join per-document lines into the file: sorted tables and keys, commas, trailing newline."""
    out = ["{"]
    names = sorted(tables)
    for t_index, name in enumerate(names):
        lines = tables[name]
        close = "}" if t_index == len(names) - 1 else "},"
        if not lines:
            out.append(f"{json.dumps(name)}: {{{close}")
            continue
        out.append(f"{json.dumps(name)}: {{")
        keys = sorted(lines)
        out.extend(f"{lines[key]}," for key in keys[:-1])
        out.append(lines[keys[-1]])
        out.append(close)
    out.append("}")
    return "\n".join(out) + "\n"


def dumps(tables: Tables) -> str:
    """The canonical text of plain tables of documents (what TinyDB hands a storage)."""
    return _assemble(
        {name: {key: _line(key, doc) for key, doc in docs.items()} for name, docs in tables.items()}
    )


class LineCache:
    """Serialised lines of records, reused while the record object is the same one.

    Records are immutable and operations only replace what they change, so after the first save
    a save serialises just the changed records: at 10,000 cards that is milliseconds, not the
    third of a second a full dump takes.
    """

    def __init__(self) -> None:
        self._lines: dict[tuple[str, str], tuple[Record, str]] = {}

    def text(self, board: Board) -> str:
        previous, current = self._lines, {}
        tables: dict[str, dict[str, str]] = {}
        for name, records in board.tables():
            lines: dict[str, str] = {}
            for key, record in records.items():
                hit = previous.get((name, key))
                if hit is None or hit[0] is not record:
                    hit = (record, _line(key, record.to_doc()))
                current[(name, key)] = hit
                lines[key] = hit[1]
            tables[name] = lines
        self._lines = current
        return _assemble(tables)


def parse(text: str, path: Path | str) -> Tables:
    """Parse the file text into tables, or raise a BoardError naming the line and column."""
    if not text.strip():
        raise BoardError(f"{path} is empty; start a board with `regietui init -b {path}`")
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith(CONFLICT_MARKERS):
            raise BoardError(
                f"{path}:{number}: unresolved git conflict marker; run `regietui resolve -b {path}`"
                " (and `regietui git setup` so git merges boards itself from now on)"
            )
    try:
        data = json.loads(text, object_pairs_hook=_unique)
    except json.JSONDecodeError as err:
        raise BoardError(f"{path}:{err.lineno}:{err.colno}: invalid JSON: {err.msg}") from None
    except _Duplicate as dup:
        # json.loads would silently keep the last of the two: a hand-merged file loses a version
        needle = f"{json.dumps(dup.key, ensure_ascii=False)}:"
        lines = [n for n, ln in enumerate(text.splitlines(), 1) if ln.lstrip().startswith(needle)]
        where = f"{path}:{lines[1]}" if len(lines) > 1 else str(path)
        raise BoardError(f"{where}: {dup.key!r} appears twice; keep one of the two") from None
    if not isinstance(data, dict):
        raise BoardError(f"{path}: not a board (expected a JSON object of tables)")
    for name, docs in data.items():
        if name not in TABLES:
            raise BoardError(f"{path}: unknown table {name!r}")
        if not isinstance(docs, dict) or not all(isinstance(d, dict) for d in docs.values()):
            raise BoardError(f"{path}: table {name!r} must map ids to objects")
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
    meta_doc = tables.get("meta", {}).get(META_KEY, {})
    version = meta_doc.get("schema_version", SCHEMA_VERSION)
    if not isinstance(version, int):
        raise BoardError(f"{path}: meta schema_version must be a whole number")
    if version > SCHEMA_VERSION:
        raise BoardError(
            f"{path} was written by a newer regietui (schema {version}; this one reads up to"
            f" {SCHEMA_VERSION}): upgrade regietui to open it"
        )
    records: dict[str, Any] = {}
    for name, model in TABLES.items():
        parsed = {}
        for key, doc in tables.get(name, {}).items():
            try:
                parsed[key] = model.model_validate(doc)
            except ValidationError as err:
                raise BoardError(
                    f"{_where(path, text, name, key)}: {_describe(name, key, err)}"
                ) from None
        records[name] = parsed
    meta = records.pop("meta").get(META_KEY, Meta())
    board = Board(meta=meta, **records)
    problems = board.problems()
    if problems:
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise BoardError(f"{_where(path, text, first.table, first.record)}: {first}{more}")
    return board


def _describe(table: str, key: str, err: ValidationError) -> str:
    """One sentence for the first pydantic error: record, field and why."""
    first = err.errors()[0]
    field = ".".join(str(part) for part in first["loc"]) or "record"
    message = str(first["msg"]).removeprefix("Value error, ")
    if first["type"] == "enum":
        expected = first.get("ctx", {}).get("expected", "")
        message = f"unknown value {first['input']!r} (expected {expected})"
    return str(Problem(table, key, field, message))


def loads(text: str, path: Path | str = "<board>") -> Board:
    return board_from_tables(parse(text, path), path, text)


def board_text(board: Board, cache: LineCache | None = None) -> str:
    """The file text of a board (pass a LineCache to reuse unchanged records' lines)."""
    return (cache or LineCache()).text(board)


# --- files ---------------------------------------------------------------------------------------


def atomic_write(path: Path, text: str) -> None:
    """Write via a temp file in the same folder, fsync, keep the mode, then `os.replace`.

    A failure at any point (a full disk, a kill) leaves the original file as it was.
    """
    data = text.encode("utf-8")
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as err:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(err, OSError):
            reason = err.strerror or str(err)
            raise BoardError(f"{path}: could not save ({reason}); the file is unchanged") from None
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """An exclusive `flock` on the board's folder.

    The folder, not the file: `os.replace` swaps the file's inode, so a lock on the file would not
    exclude a writer that opened the new one. Locking the folder also leaves no lock files behind.
    """
    fd = os.open(path.parent, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BoardError(
            f"{path} does not exist; create it with `regietui init -b {path}`"
        ) from None
    except IsADirectoryError:
        raise BoardError(f"{path} is a folder, not a board file") from None
    except PermissionError:
        raise BoardError(f"{path} cannot be read (permission denied)") from None
    except UnicodeDecodeError as err:
        raise BoardError(f"{path}: not UTF-8 text (byte {err.start})") from None


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
        raise BoardError(f"{path}: the merged board would be invalid: {result.problems[0]}")
    return result.board, result.conflicts


class BoardStore:
    """One board file: load it, notice outside changes, save (merging when needed)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.base: Board | None = None
        self._text = ""
        self._stamp: Stamp | None = None
        self._lines = LineCache()

    @property
    def read_only(self) -> bool:
        """Not writable for us, or write-protected with chmod (which root would ignore)."""
        try:
            protected = self.path.stat().st_mode & 0o222 == 0
        except OSError:
            return False
        return (
            protected
            or not os.access(self.path, os.W_OK)
            or not os.access(self.path.parent, os.W_OK)
        )

    def load(self) -> Board:
        text = read_text(self.path)
        board = loads(text, self.path)
        self.base, self._text, self._stamp = board, text, Stamp.of(self.path)
        return board

    def prime(self, board: Board) -> None:
        """Serialise every record once ahead of the first save (e.g. in a background thread)."""
        self._lines.text(board)

    def changed_on_disk(self) -> bool:
        """A cheap check (one `stat`) whether the file differs from what we last read or wrote."""
        return Stamp.of(self.path) != self._stamp

    def save(self, board: Board) -> Saved:
        """Write `board`; if the file changed since we read it, 3-way merge with it first."""
        if self.read_only:
            raise BoardError(f"{self.path} is read-only; changes are not saved")
        with locked(self.path):
            disk_text = read_text(self.path) if self.path.exists() else ""
            merged, conflicts = False, ()
            if self.base is not None and disk_text != self._text:
                theirs = loads(disk_text, self.path)
                board, conflicts = merge_boards(self.base, board, theirs, self.path)
                merged = True
            text = board_text(board, self._lines)
            if text != disk_text:
                atomic_write(self.path, text)
            self.base, self._text, self._stamp = board, text, Stamp.of(self.path)
        return Saved(board, merged, tuple(conflicts))

    def create(self, board: Board) -> None:
        """Write a new board file; refuses to overwrite one that holds anything."""
        if self.path.exists() and read_text(self.path).strip():
            raise BoardError(f"{self.path} already exists")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with locked(self.path):
            text = board_text(board, self._lines)
            atomic_write(self.path, text)
            self.base, self._text, self._stamp = board, text, Stamp.of(self.path)


# --- TinyDB access for scripts -------------------------------------------------------------------


class BoardStorage(Storage):
    """TinyDB storage for board files: reads any board, writes the canonical git-friendly text."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def read(self) -> Tables | None:
        if not self.path.exists():
            return None
        return parse(read_text(self.path), self.path)

    def write(self, data: Tables) -> None:
        with locked(self.path):
            atomic_write(self.path, dumps(data))


class KeyedTable(Table):
    """A TinyDB table whose document ids are random strings, as in board files."""

    document_id_class = str

    def _get_next_id(self) -> str:  # type: ignore[override]
        length = EVENT_KEY_LENGTH if self.name == "events" else KEY_LENGTH
        return new_key(self._read_table(), length)


class BoardDB(TinyDB):
    """TinyDB over a board file, for ad-hoc queries from scripts: `BoardDB("boards/demo.json")`.

    Writes keep the board's file format but skip the model's validation: run `regietui validate`.
    """

    table_class = KeyedTable

    def __init__(self, path: str | Path) -> None:
        super().__init__(path, storage=BoardStorage)
