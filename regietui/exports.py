"""The exports: the board's ambitions and roadmap as CSV, JSON and TOML, for spreadsheets, scripts
and `regietui import` (which reads them back).

Exports name records by human id (`A-3f9kq`, `R-8bd2x`, `S-2c4dm`), municipalities by CBS code and
themes by key, so `importer` can read them back. They cannot attack the program that opens them: a
CSV cell a spreadsheet would run as a formula gets a leading `'` (which the importer removes), JSON
is strict (`text.json_text`), TOML is read back before it is handed out. `ambition_row` is the one
JSON shape of an ambition (`list --json`, `show --json` and the JSON export).
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

import tomli_w

from . import costs
from .figures import exact
from .lookup import InputError
from .model import Ambition, Board, Coverage, human_id
from .text import json_text, toml_escape

FORMATS = ("csv", "json", "toml")

AMBITION_FIELDS: tuple[str, ...] = ("id", *Ambition.model_fields)
"""CSV columns: the ambition's id and every field of `model.Ambition`, in model order."""

# --- values as text (shared with the importer) ---------------------------------------------------


def link_text(ref: str, coverage: Coverage) -> str:
    """`R-8bd2x`, or `R-8bd2x:partial` for partial coverage."""
    rid = human_id("roadmap", ref)
    return rid if coverage is Coverage.FULL else f"{rid}:{coverage.value}"


def ambition_row(board: Board, key: str) -> dict[str, Any]:
    """An ambition as plain values (lists, dicts, dates), references by human id / code / key:
    the one JSON shape of an ambition (`list --json`, `show --json`, the JSON export). Every field
    is there, `None` when unset and `[]` when empty, so a script never guesses at a missing key."""
    amb = board.ambitions[key]
    row: dict[str, Any] = {"id": human_id("ambitions", key)}
    for name, value in amb:
        if value is None:
            pass
        elif name == "conflicts":
            value = [human_id("standards", s) for s in value]
        elif name == "links":
            value = [link_text(ln.roadmap, ln.coverage) for ln in value]
        elif name == "decision":
            value = {"date": value.date, "body": value.body.value, "text": value.text}
        elif name == "tags":
            value = list(value)
        elif name == "wanted_by":
            value = str(value)
        elif hasattr(value, "value"):
            value = value.value
        row[name] = value
    return row


def roadmap_row(
    board: Board, key: str, serves: Iterable[str] = (), paying: costs.Served | None = None
) -> dict[str, Any]:
    """A roadmap item as plain values, with its allocation: its own key as text (when it has
    one), the payers and the whole euros each pays once and per year (they add up to the cost)."""
    item = board.roadmap[key]
    row: dict[str, Any] = {"id": human_id("roadmap", key)}
    for name, value in item:
        if value is None or value == () or (name == "description" and not value):
            continue
        if name == "depends_on":
            value = [human_id("roadmap", d) for d in value]
        elif name == "allocation":
            value = costs.allocation_text(value)
        elif name in ("start", "end"):
            value = str(value)
        elif hasattr(value, "value"):
            value = value.value
        row[name] = value
    serving = [human_id("ambitions", a) for a in serves]
    if serving:
        row["serves"] = serving
    split = costs.allocate(board, key, paying)
    row["payers"] = costs.payers(board, key, paying)
    row["allocated_once"] = split.once
    row["allocated_yearly"] = split.yearly
    return row


def export_rows(board: Board) -> dict[str, list[dict[str, Any]]]:
    """Ambitions (by municipality, then title) and roadmap items (by start, then title)."""
    paying = costs.served(board)
    serving: dict[str, list[str]] = defaultdict(list)
    for key in sorted(board.ambitions):
        for ref in board.ambitions[key].linked:
            serving[ref].append(key)
    ambitions = sorted(
        board.ambitions,
        key=lambda k: (board.ambitions[k].municipality, board.ambitions[k].title, k),
    )
    roadmap = sorted(
        board.roadmap, key=lambda k: (board.roadmap[k].start, board.roadmap[k].title, k)
    )
    return {
        "ambitions": [ambition_row(board, k) for k in ambitions],
        "roadmap": [roadmap_row(board, k, serving.get(k, ()), paying) for k in roadmap],
    }


_FORMULA = re.compile(r"'*[=+\-@\t\r]")
"""A cell a spreadsheet would run as a formula (OWASP's CSV injection rule), also after quotes
that an earlier guard added."""


def guard_cell(cell: str) -> str:
    """`cell` with a `'` in front when a spreadsheet would read it as a formula (`=HYPERLINK(…)`,
    `+`, `-`, `@`, tab, CR at the start): shown as text, never run. `unguard_cell` undoes it."""
    return f"'{cell}" if _FORMULA.match(cell) else cell


def unguard_cell(cell: str) -> str:
    """A cell as it was before `guard_cell` (the importer reads its own exports back)."""
    return cell[1:] if cell.startswith("'") and _FORMULA.match(cell) else cell


def csv_cell(value: Any) -> str:
    """A value as the text of one CSV cell; text from users is guarded (`guard_cell`)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return exact(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return guard_cell(list_cell([str(v) for v in value]))
    if isinstance(value, dict):  # a decision
        return f"{value['date'].isoformat()} {value['body']}: {value['text']}"
    return guard_cell(str(value))


def list_cell(items: list[str]) -> str:
    """`a, b`; items holding a comma or quote are quoted as in CSV: `a, "b, c"`."""
    return ", ".join(
        '"' + item.replace('"', '""') + '"' if ("," in item or '"' in item) else item
        for item in items
    )


def split_cell(cell: str) -> list[str]:
    """The items of a `list_cell`: split on commas outside quotes, stripped, empty ones dropped."""
    items = next(csv.reader([cell], skipinitialspace=True), [])
    return [item.strip() for item in items if item.strip()]


def to_csv(board: Board) -> str:
    """Ambitions only, one row per ambition, every field of the model as a column."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=AMBITION_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in export_rows(board)["ambitions"]:
        writer.writerow({name: csv_cell(row.get(name)) for name in AMBITION_FIELDS})
    return out.getvalue()


def to_json(board: Board) -> str:
    """Strict JSON (`text.json_text`): no NaN or Infinity, controls escaped."""
    return json_text(export_rows(board), default=_json_default) + "\n"


def _json_default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def to_toml(board: Board) -> str:
    """`[[ambitions]]` and `[[roadmap]]` tables, each value written by tomli_w."""
    parts: list[str] = []
    for table, rows in export_rows(board).items():
        for row in rows:
            flat = {k: v for k, v in row.items() if v is not None and not isinstance(v, dict)}
            parts.append(f"[[{table}]]\n{tomli_w.dumps(flat)}")
            for name, value in row.items():
                if isinstance(value, dict):
                    parts.append(f"[{table}.{name}]\n{tomli_w.dumps(value)}")
    text = toml_escape("\n".join(parts))
    tomllib.loads(text)  # never hand out a file we could not read back
    return text


def render(board: Board, fmt_name: str) -> str:
    """The export in format `csv`, `json` or `toml`."""
    writers = {"csv": to_csv, "json": to_json, "toml": to_toml}
    if fmt_name not in writers:
        raise InputError(f"unknown export format {fmt_name!r}; choose one of {', '.join(FORMATS)}")
    return writers[fmt_name](board)
