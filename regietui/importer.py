"""Import ambitions from CSV, TOML or JSON (chosen by extension) onto a board, all or nothing.

- CSV: a header row of `model.Ambition` field names or their labels in English or Dutch
  (`import_words`: `gemeente;titel;thema;status;prioriteit`), plus an optional `id` column.
  Codes may be written in either language too (`ter besluitvorming`, `Must have`, `Q3 2027`).
  Cells are text as typed on the command line: lists comma-separated, municipality by CBS code,
  short tag or name, theme and standards by key, id or name, links as `R-8bd2x` or
  `R-8bd2x:partial`, a decision as `2027-03-01 steering: text`. `;` as separator and a decimal
  comma (Excel in Dutch) are accepted.
  For an existing ambition an empty cell clears the field; for a new one it is left out.
- TOML: `[[ambitions]]` tables; JSON: `{"ambitions": [...]}`: the same fields with native values
  (arrays, dates, a `decision` table). These are what `regietui report --format toml|json` writes.
- `id` names an ambition on the board (`A-3f9kq`) to change it. An id in the board's key format that
  is not on the board adds the ambition under that id, so an export re-imports as the same records.

Every row goes through `lookup.coerce` and `ops.add` / `ops.edit` on a running board, one event per
row. If any row fails, `ImportFailed` lists every failing row (CSV: the line number in the file, the
header being line 1; TOML/JSON: `ambitions[index]`, counting from 0) with the field; nothing is
applied. The caller saves the resulting board once.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from . import files, ops
from .import_words import field_of, value_of
from .lookup import InputError, coerce, resolve
from .model import KEY_ALPHABET, KEY_LENGTH, Ambition, Board, Coverage, Link, human_id, storable
from .report import AMBITION_FIELDS, split_cell, unguard_cell
from .wording import value_words

FIELDS = tuple(Ambition.model_fields)
NUMERIC = frozenset({"value", "effort", "cost_once", "cost_yearly"})
_KEY = re.compile(rf"^(?:a-)?([{KEY_ALPHABET}]{{{KEY_LENGTH}}})$", re.IGNORECASE)
_DECISION = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})\s+([A-Za-z]+)\s*:\s*(.+?)\s*$", re.DOTALL)
_DECIMAL_COMMA = re.compile(r"^\s*-?\d+,\d+\s*$")


class ImportFailed(InputError):
    """Rows that cannot be imported: one line per row, naming the row and the field."""


@dataclass(frozen=True)
class Row:
    """One record to import: where it is in the file, its fields as read, and whether empty
    values clear a field (CSV cells) or the field was simply absent (TOML, JSON)."""

    where: str
    fields: dict[str, Any]


@dataclass(frozen=True)
class RowResult:
    where: str
    action: str  # add | change | unchanged
    key: str
    line: str  # one line for the user (for an add without an id in the file: without the key)
    generated: bool = False  # the key was drawn at random (a dry run's key is not the real one)

    def text(self, dry_run: bool = False) -> str:
        """`line 3: add "Title" (ADM, wish) → A-3f9kq`; a dry run leaves random keys out."""
        if self.action == "add" and not (dry_run and self.generated):
            return f"{self.where}: {self.line} → {human_id('ambitions', self.key)}"
        return f"{self.where}: {self.line}"


@dataclass(frozen=True)
class Imported:
    board: Board
    rows: tuple[RowResult, ...]

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)


class _RowError(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


# --- reading files -------------------------------------------------------------------------------


def read_rows(path: Path) -> list[Row]:
    """The rows of a `.csv`, `.toml` or `.json` file."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".toml", ".json"):
        raise InputError(f"{path}: import reads .csv, .toml or .json files")
    text = files.read_text(path, InputError, encoding="utf-8-sig")
    if suffix == ".csv":
        return list(_csv_rows(text, path))
    if suffix == ".toml":
        data: Any = files.parse_toml(text, path, InputError)
    else:
        data = files.parse_json(text, path, InputError)
    return _table_rows(data, path)


def _csv_rows(text: str, path: Path) -> Iterator[Row]:
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [field_of(name) for name in next(reader)]
    except StopIteration:
        raise InputError(f"{path} is empty; the first line names the fields") from None
    except csv.Error as err:
        raise InputError(f"{path}: line 1: {err}") from None
    known = set(AMBITION_FIELDS)
    for name in header:
        if name not in known:
            raise InputError(
                f"{path}: line 1, field {name!r}: not a field of an ambition"
                f" (fields: {', '.join(AMBITION_FIELDS)})"
            )
    duplicates = sorted({n for n in header if header.count(n) > 1})
    if duplicates:
        raise InputError(f"{path}: line 1: column {duplicates[0]!r} appears twice")
    end = reader.line_num
    while True:
        start = end + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            raise InputError(f"{path}: line {start}: {err}") from None
        end = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header):
            raise InputError(
                f"{path}: line {start}: {len(cells)} cells but the header names {len(header)}"
            )
        cells = [unguard_cell(cell) for cell in cells]
        yield Row(f"line {start}", dict(zip(header, cells, strict=False)))


def _table_rows(data: Any, path: Path) -> list[Row]:
    rows = data.get("ambitions") if isinstance(data, dict) else None
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise InputError(
            f"{path}: expected ambitions as [[ambitions]] tables / an array of objects"
        )
    return [
        Row(f"ambitions[{index}]", {field_of(str(k)): v for k, v in row.items()})
        for index, row in enumerate(rows)
    ]


# --- applying rows -------------------------------------------------------------------------------


def apply_rows(board: Board, rows: list[Row], actor: ops.Actor, source: str = "") -> Imported:
    """Apply every row to `board` in order; raise `ImportFailed` naming every failing row."""
    results: list[RowResult] = []
    errors: list[str] = []
    for row in rows:
        try:
            board, result = _apply(board, row, actor)
        except _RowError as err:
            where = f"{row.where}, field {err.field}" if err.field else row.where
            errors.append(f"{where}: {err.message}")
            continue
        results.append(result)
    if errors:
        prefix = f"{source}: " if source else ""
        head = f"{prefix}{len(errors)} of {len(rows)} rows cannot be imported; nothing was written"
        shown = errors[:20] + ([f"… and {len(errors) - 20} more"] if len(errors) > 20 else [])
        raise ImportFailed("\n".join([head, *(f"  {e}" for e in shown)]))
    return Imported(board, tuple(results))


def import_file(board: Board, path: Path, actor: ops.Actor) -> Imported:
    return apply_rows(board, read_rows(path), actor, str(path))


def _apply(board: Board, row: Row, actor: ops.Actor) -> tuple[Board, RowResult]:
    raw = dict(row.fields)
    ident = raw.pop("id", None)
    ident = str(ident).strip() if ident is not None else ""
    key, exists = _target(board, ident)
    fields = _fields(board, raw, clearing=exists)
    if exists:
        current = board.ambitions[key]
        doc = current.model_dump(exclude_none=True)
        for name, value in fields.items():
            if value is None:
                doc.pop(name, None)
            else:
                doc[name] = value
        _validate(doc)
        try:
            change = ops.edit(board, "ambitions", key, fields, actor)
        except ops.OpError as err:
            raise _RowError("", str(err)) from None
        if not change.event.changes:
            return board, RowResult(row.where, "unchanged", key, f"{_name(board, key)} unchanged")
        changes = "; ".join(
            f"{name} {value_words(name, old)} → {value_words(name, new)}"
            for name, (old, new) in change.event.changes.items()
        )
        return change.board, RowResult(
            row.where, "change", key, f"change {_name(change.board, key)}: {changes}"
        )
    _validate(fields)
    try:
        change = ops.add(board, "ambitions", fields, actor, key=key)
    except ops.OpError as err:
        raise _RowError("", _strip_record(str(err))) from None
    line = f"add {_name(change.board, change.key, with_id=False)}"
    return change.board, RowResult(row.where, "add", change.key, line, generated=key is None)


def _target(board: Board, ident: str) -> tuple[str | None, bool]:
    """(key, exists): the ambition `ident` names, a new key taken from it, or (None, False)."""
    if not ident:
        return None, False
    match = _KEY.match(ident)
    if match:
        key = match[1].lower()
        return key, key in board.ambitions
    raise _RowError("id", f"{ident!r} is not an ambition id like A-3f9kq")


def _fields(board: Board, raw: dict[str, Any], clearing: bool) -> dict[str, Any]:
    """Field values for the model, field by field so an error names its field."""
    out: dict[str, Any] = {}
    for name, value in raw.items():
        if name not in FIELDS:
            raise _RowError(name, "not a field of an ambition")
        if value is None or (isinstance(value, str) and not value.strip()):
            if clearing and isinstance(value, str):
                out[name] = None
            continue
        try:
            storable(value)
            out[name] = _field(board, name, value)
        except (InputError, ValueError) as err:
            raise _RowError(name, str(err)) from None
    return out


def _field(board: Board, name: str, value: Any) -> Any:
    if isinstance(value, str) and name in ("tags", "conflicts", "links"):
        value = split_cell(value)
    if name == "links":
        return _links(board, value)
    if name == "decision":
        return _decision(value)
    if isinstance(value, list):
        if name not in ("tags", "conflicts"):
            raise InputError("expected a single value, not a list")
        items = [_item(v) for v in value]
        if name == "conflicts":
            return [resolve(board, "standards", v) for v in items]
        return items
    if isinstance(value, dict):
        raise InputError("expected a value, not a table")
    if isinstance(value, bool):
        raise InputError(f"expected a value, not {str(value).lower()}")
    if isinstance(value, (datetime, date)):
        text = value.isoformat()
    elif isinstance(value, (int, float)):
        text = str(value)
    else:
        text = value_of(name, str(value))
        if name in NUMERIC and _DECIMAL_COMMA.match(text):
            text = text.replace(",", ".")
    return coerce(board, "ambitions", {name: text})[name]


def _item(value: Any) -> str:
    """One item of a list field (tags, conflicts) as text: a table, a list or true/false is a
    mistake in the file, not something to store as its Python spelling."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float, date)):
        kind = "a table" if isinstance(value, dict) else "a list" if isinstance(value, list) else ""
        raise InputError(f"list items must be text, not {kind or repr(value)}")
    return value.isoformat() if isinstance(value, date) else str(value)


def _links(board: Board, value: Any) -> list[Link]:
    links = []
    for part in value if isinstance(value, list) else [value]:
        if isinstance(part, dict):
            ref, coverage = str(part.get("roadmap", "")), str(part.get("coverage", "full"))
        else:
            ref, _, coverage = str(part).strip().partition(":")
            coverage = coverage.strip() or "full"
        try:
            cov = Coverage(coverage.lower())
        except ValueError:
            raise InputError(f"coverage {coverage!r} is not full or partial") from None
        links.append(Link(roadmap=resolve(board, "roadmap", ref), coverage=cov))
    return links


def _decision(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return dict(value)
    match = _DECISION.match(str(value))
    if not match:
        raise InputError("write a decision as 'YYYY-MM-DD body: text', e.g. 2027-03-01 db: agreed")
    return {"date": match[1], "body": match[2].lower(), "text": match[3]}


def _validate(doc: dict[str, Any]) -> None:
    try:
        Ambition.model_validate(doc)
    except ValidationError as err:
        first = err.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else ""
        message = str(first["msg"]).removeprefix("Value error, ")
        if first["type"] == "missing":
            message = "required, but empty or missing"
        elif first["type"] == "enum":
            expected = first.get("ctx", {}).get("expected", "")
            message = f"unknown value {first['input']!r} (expected {expected})"
        raise _RowError(field, message) from None


def _strip_record(message: str) -> str:
    """Drop the random key of a not-yet-added ambition from an OpError sentence."""
    return re.sub(r"^ambition A-\w+, ", "", message)


def _name(board: Board, key: str, with_id: bool = True) -> str:
    amb = board.ambitions[key]
    muni = board.municipalities.get(amb.municipality)
    short = muni.short if muni else amb.municipality
    ident = f"{human_id('ambitions', key)} " if with_id else ""
    return f'{ident}"{amb.title}" ({short}, {amb.status.value})'
