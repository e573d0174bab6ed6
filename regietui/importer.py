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
from .exports import AMBITION_FIELDS, split_cell, unguard_cell
from .import_words import field_of, value_of
from .lookup import InputError, coerce, resolve
from .model import KEY_ALPHABET, KEY_LENGTH, Ambition, Board, Coverage, Link, human_id, storable
from .validation import Why
from .wording import Label, Lines, Phrase, Word, phrase, value_words

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

    where: Phrase
    fields: dict[str, Any]


@dataclass(frozen=True)
class RowResult:
    where: Phrase
    action: str  # add | change | unchanged
    key: str
    line: Phrase  # one line for the user (for an add without an id in the file: without the key)
    generated: bool = False  # the key was drawn at random (a dry run's key is not the real one)

    def text(self, lang: str = "en", dry_run: bool = False) -> str:
        """`line 3: add "Title" (ADM, wish) → A-3f9kq`; a dry run leaves random keys out."""
        said = f"{self.where.text(lang)}: {self.line.text(lang)}"
        if self.action == "add" and not (dry_run and self.generated):
            return f"{said} → {human_id('ambitions', self.key)}"
        return said


@dataclass(frozen=True)
class Imported:
    board: Board
    rows: tuple[RowResult, ...]

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)


class _RowError(Exception):
    def __init__(self, field: str, message: Any) -> None:
        super().__init__(str(message))
        self.field = field
        self.message = message


# --- reading files -------------------------------------------------------------------------------


def read_rows(path: Path) -> list[Row]:
    """The rows of a `.csv`, `.toml` or `.json` file."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".toml", ".json"):
        raise InputError(phrase("import.suffix", path=path))
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
        raise InputError(phrase("import.empty", path=path)) from None
    except csv.Error as err:
        raise InputError(phrase("import.at_line", path=path, n="1", why=str(err))) from None
    known = set(AMBITION_FIELDS)
    for name in header:
        if name not in known:
            where = phrase("import.field", where=phrase("import.line", n="1"), field=repr(name))
            known_fields = ", ".join(AMBITION_FIELDS)
            why = phrase("import.unknown_field", fields=known_fields)
            raise InputError(
                phrase("error.at", where=path, what=phrase("error.record", what=where, why=why))
            )
    duplicates = sorted({n for n in header if header.count(n) > 1})
    if duplicates:
        twice = phrase("import.twice", name=repr(duplicates[0]))
        raise InputError(phrase("import.at_line", path=path, n="1", why=twice))
    end = reader.line_num
    while True:
        start = end + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            raise InputError(
                phrase("import.at_line", path=path, n=str(start), why=str(err))
            ) from None
        end = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header):
            raise InputError(
                f"{path}: line {start}: {len(cells)} cells but the header names {len(header)}"
            )
        cells = [unguard_cell(cell) for cell in cells]
        yield Row(phrase("import.line", n=str(start)), dict(zip(header, cells, strict=False)))


def _table_rows(data: Any, path: Path) -> list[Row]:
    rows = data.get("ambitions") if isinstance(data, dict) else None
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise InputError(
            f"{path}: expected ambitions as [[ambitions]] tables / an array of objects"
        )
    return [
        Row(phrase("import.record", n=str(index)), {field_of(str(k)): v for k, v in row.items()})
        for index, row in enumerate(rows)
    ]


# --- applying rows -------------------------------------------------------------------------------


def apply_rows(board: Board, rows: list[Row], actor: ops.Actor, source: str = "") -> Imported:
    """Apply every row to `board` in order; raise `ImportFailed` naming every failing row."""
    results: list[RowResult] = []
    errors: list[Phrase] = []
    for row in rows:
        try:
            board, result = _apply(board, row, actor)
        except _RowError as err:
            where = (
                phrase("import.field", where=row.where, field=Label(err.field))
                if err.field
                else row.where
            )
            errors.append(phrase("error.record", what=where, why=err.message))
            continue
        results.append(result)
    if errors:
        more = [phrase("import.more", n=len(errors) - 20)] if len(errors) > 20 else []
        shown = Lines(tuple(errors[:20] + more))
        head = phrase("import.failed", n=len(errors), total=len(rows), rows=shown)
        raise ImportFailed(phrase("error.at", where=source, what=head) if source else head)
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
            raise _RowError("", err) from None
        if not change.event.changes:
            same = phrase("import.unchanged", name=_name(board, key))
            return board, RowResult(row.where, "unchanged", key, same)
        changes = Changes(tuple(change.event.changes.items()))
        line = phrase("import.change", name=_name(change.board, key), changes=changes)
        return change.board, RowResult(row.where, "change", key, line)
    _validate(fields)
    try:
        change = ops.add(board, "ambitions", fields, actor, key=key)
    except ops.OpError as err:
        raise _RowError(*_field_and_why(err)) from None
    line = phrase("import.add", name=_name(change.board, change.key, with_id=False))
    return change.board, RowResult(row.where, "add", change.key, line, generated=key is None)


def _target(board: Board, ident: str) -> tuple[str | None, bool]:
    """(key, exists): the ambition `ident` names, a new key taken from it, or (None, False)."""
    if not ident:
        return None, False
    match = _KEY.match(ident)
    if match:
        key = match[1].lower()
        return key, key in board.ambitions
    raise _RowError("id", phrase("import.bad_id", ident=repr(ident)))


def _fields(board: Board, raw: dict[str, Any], clearing: bool) -> dict[str, Any]:
    """Field values for the model, field by field so an error names its field."""
    out: dict[str, Any] = {}
    for name, value in raw.items():
        if name not in FIELDS:
            raise _RowError(name, phrase("import.not_field"))
        if value is None or (isinstance(value, str) and not value.strip()):
            if clearing and isinstance(value, str):
                out[name] = None
            continue
        try:
            storable(value)
            out[name] = _field(board, name, value)
        except (InputError, ValueError) as err:
            raise _RowError(name, err) from None
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
            raise InputError(phrase("import.not_list"))
        items = [_item(v) for v in value]
        if name == "conflicts":
            return [resolve(board, "standards", v) for v in items]
        return items
    if isinstance(value, dict):
        raise InputError(phrase("import.not_table"))
    if isinstance(value, bool):
        raise InputError(phrase("import.not_bool", value=str(value).lower()))
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
        raise InputError(phrase("import.items_text", kind=kind or repr(value)))
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
            raise InputError(phrase("import.coverage", coverage=repr(coverage))) from None
        links.append(Link(roadmap=resolve(board, "roadmap", ref), coverage=cov))
    return links


def _decision(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return dict(value)
    match = _DECISION.match(str(value))
    if not match:
        raise InputError(phrase("import.decision"))
    return {"date": match[1], "body": match[2].lower(), "text": match[3]}


def _field_and_why(err: ops.OpError) -> tuple[str, Any]:
    """The field and the reason of an OpError about one field (the record's random key of a
    row being added means nothing to anyone: the row's line names it)."""
    said = err.phrase
    if said is not None and said.key == "error.record_field":
        values = dict(said.values)
        return values["field"].name, values["why"]
    return "", err


def _validate(doc: dict[str, Any]) -> None:
    try:
        Ambition.model_validate(doc)
    except ValidationError as err:
        first = err.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else ""
        why = phrase("import.required") if first["type"] == "missing" else Why(first)
        raise _RowError(field, why) from None


@dataclass(frozen=True)
class Changes:
    """A change's fields in words: `status parked → withdrawn; title A → B`."""

    items: tuple[tuple[str, tuple[Any, Any]], ...]

    def text(self, lang: str) -> str:
        return "; ".join(
            f"{Label(name).text(lang)} {value_words(name, old, lang)} → "
            f"{value_words(name, new, lang)}"
            for name, (old, new) in self.items
        )


@dataclass(frozen=True)
class _Name:
    """`A-3f9kq "Title" (ADM, wish)`: the status in the reader's language."""

    ident: str
    title: str
    short: str
    status: str

    def text(self, lang: str) -> str:
        status = Word(f"status.{self.status}").text(lang)
        return f'{self.ident}"{self.title}" ({self.short}, {status})'


def _name(board: Board, key: str, with_id: bool = True) -> _Name:
    amb = board.ambitions[key]
    muni = board.municipalities.get(amb.municipality)
    short = muni.short if muni else amb.municipality
    ident = f"{human_id('ambitions', key)} " if with_id else ""
    return _Name(ident, amb.title, short, amb.status.value)
