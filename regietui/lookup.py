"""From what people type to what the board stores: ids, names and `field=value` text.

Shared by the CLI, the importer and the TUI's forms, so `A-3f9kq`, `3F9KQ`, `GM0363`, `ADM` and
`Amsterdam` resolve the same way everywhere.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from typing import Any

from .costs import parse_allocation
from .model import PREFIXES, TABLES, Board, Link, human_id
from .wording import Label, Listing, Noun, Said, phrase

REFERENCES: dict[tuple[str, str], str] = {
    ("ambitions", "municipality"): "municipalities",
    ("ambitions", "theme"): "themes",
    ("ambitions", "conflicts"): "standards",
    ("roadmap", "theme"): "themes",
    ("roadmap", "depends_on"): "roadmap",
}
"""Which fields hold keys of which table."""

KEY_FIELDS: frozenset[tuple[str, str]] = frozenset(
    {("roadmap", "allocation"), ("meta", "cost_key")}
)
"""Fields holding a cost allocation, typed in its text form (`costs.parse_allocation`)."""


class InputError(Said, ValueError):
    """Text that names nothing on the board, or a value that cannot be read."""


def resolve(board: Board, table: str, text: str) -> str:
    """The key of the record `text` names: its key, human id, or (where unique) name or tag."""
    records = board.table(table)
    wanted = text.strip()
    prefix = PREFIXES.get(table)
    candidates = [wanted, wanted.lower(), wanted.upper()]
    if prefix and wanted.upper().startswith(f"{prefix}-"):
        candidates.append(wanted[len(prefix) + 1 :].lower())
    for candidate in candidates:
        if candidate in records:
            return candidate
    folded = wanted.casefold()
    named = [
        key
        for key, rec in records.items()
        if folded
        in {
            str(getattr(rec, attr, "")).casefold()
            for attr in ("name", "short", "title")
            if getattr(rec, attr, None)
        }
    ]
    if len(named) == 1:
        return named[0]
    if named:
        ids = Listing(tuple(human_id(table, k) for k in sorted(named)))
        raise InputError(phrase("error.several", text=repr(text), noun=Noun(table), ids=ids))
    raise InputError(phrase("error.no_record", noun=Noun(table), id=repr(text)))


def is_list_field(table: str, name: str) -> bool:
    annotation = TABLES[table].model_fields[name].annotation
    return typing.get_origin(annotation) is tuple


def coerce(board: Board, table: str, raw: Mapping[str, str]) -> dict[str, Any]:
    """Turn `field -> text` into values the model validates: lists split on commas, references
    resolved to keys, empty text clears the field. Types are left to pydantic's validation."""
    fields = TABLES[table].model_fields
    out: dict[str, Any] = {}
    for name, text in raw.items():
        if name not in fields:
            known = ", ".join(sorted(fields))
            unknown = phrase("error.no_field", noun=Noun(table), name=repr(name))
            raise InputError(phrase("error.fields", problem=unknown, known=known))
        value: Any = text.strip()
        if (table, name) in KEY_FIELDS:
            value = _allocation(board, table, name, value)
        elif name == "links":
            value = [Link(roadmap=resolve(board, "roadmap", v)) for v in _split(value)]
        elif is_list_field(table, name):
            value = _split(value)
        elif value == "" and _optional(table, name):
            value = None
        target = REFERENCES.get((table, name))
        if target and value:
            if isinstance(value, list):
                value = [resolve(board, target, v) for v in value]
            else:
                value = resolve(board, target, value)
        out[name] = value
    return out


def _allocation(board: Board, table: str, name: str, text: str) -> Any:
    """A cost key from its text (None when empty: the board's key), or InputError naming the
    field."""
    try:
        return parse_allocation(text, lambda named: resolve(board, "municipalities", named))
    except ValueError as err:
        why = str(err)
        raise InputError(
            phrase("error.noun_field", noun=Noun(table), field=Label(name), why=why)
        ) from None


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _optional(table: str, name: str) -> bool:
    annotation = TABLES[table].model_fields[name].annotation
    union = typing.get_origin(annotation) in (typing.Union, types.UnionType)
    return union and type(None) in typing.get_args(annotation)


def parse_pairs(pairs: list[str]) -> dict[str, str]:
    """`["title=Nieuw portaal", "tags=a,b"]` → a dict; the first `=` separates."""
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise InputError(phrase("error.pair", pair=repr(pair)))
        out[name.strip()] = value
    return out
