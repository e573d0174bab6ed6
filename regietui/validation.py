"""Every problem with a record being entered, at once, in the reader's language: what a form
shows under each invalid field (pure; the form and its tests call `problems`).

Pydantic says `Input should be less than or equal to 5`; a coordinator reads `at most 5` /
`hoogstens 5` under the field whose label names it. Each field is coerced on its own (a reference
that names nothing is that field's problem), then the whole record is validated once and every
error is kept, by field. A rule about the record as a whole (`parked needs a review date`) lands
under the field it names, else under "" (the form's top line)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from .i18n import EN, tr
from .lookup import InputError, coerce
from .model import NOUNS, TABLES, Board, Problem, human_id
from .wording import Label, Noun, Phrase, phrase

FRIENDLY: dict[str, str] = {
    "missing": "invalid.required",
    "too_short": "invalid.required",
    "string_too_short": "invalid.required",
    "less_than_equal": "invalid.at_most",
    "less_than": "invalid.below",
    "greater_than_equal": "invalid.at_least",
    "greater_than": "invalid.above",
    "int_parsing": "invalid.number",
    "int_from_float": "invalid.whole",
    "float_parsing": "invalid.number",
    "finite_number": "invalid.number",
    "date_parsing": "invalid.date",
    "date_from_datetime_parsing": "invalid.date",
    "date_type": "invalid.date",
    "enum": "invalid.choice",
    "literal_error": "invalid.choice",
    "string_too_long": "invalid.too_long",
    "too_long": "invalid.too_many",
}
"""Pydantic error types → message ids (`i18n`); others keep their own sentence."""


RULES: tuple[tuple[str, str, str], ...] = (
    ("needs a review date", "invalid.needs_review", "review"),
    ("needs a reason", "invalid.needs_reason", "status_reason"),
    ("is not a quarter like", "invalid.quarter", ""),
    ("a quarter is written like", "invalid.quarter", ""),
    ("is before start", "invalid.end_before_start", "end"),
    ("the same roadmap item twice", "invalid.linked_twice", "links"),
)
"""The model's own rules (English sentences in `model`): words in the message → message id, and
the field a record-wide rule belongs under."""


def _rule(message: str) -> tuple[str, str] | None:
    """(message id, field) of a model rule's sentence, if it is one."""
    for words, key, name in RULES:
        if words in message:
            return key, name
    return None


_NO_SUCH = re.compile(r"^no (?P<noun>[\w ]+?) (?P<name>'.*')$", re.DOTALL)


def _unknown(message: str, lang: str) -> str:
    """`no standard 'x'` (a lookup that found nothing) in `lang`; other lookups as they are."""
    match = _NO_SUCH.match(message)
    table = next((t for t, noun in NOUNS.items() if match and noun == match["noun"]), None)
    if match is None or table is None:
        return message
    return tr("invalid.unknown", lang, noun=tr(f"noun.{table}", lang), name=match["name"])


def friendly(error: Mapping[str, Any], lang: str = "en") -> str:
    """One pydantic error as a short sentence for the place under its field."""
    key = FRIENDLY.get(str(error["type"]))
    ctx = dict(error.get("ctx") or {})
    message = str(error["msg"]).removeprefix("Value error, ")
    if (rule := _rule(message)) is not None:
        return tr(rule[0], lang)
    if key is None or key not in EN:
        return message
    limit = next((ctx[k] for k in ("le", "lt", "ge", "gt", "max_length") if k in ctx), "")
    return tr(key, lang, limit=limit, expected=ctx.get("expected", ""))


def problems(
    board: Board, table: str, key: str | None, raw: Mapping[str, str], lang: str = "en"
) -> dict[str, str]:
    """Field → what is wrong with it (empty when the record would save), for the record `key`
    of `table` (None: a new one) with the fields of `raw` (text as typed) changed."""
    found: dict[str, str] = {}
    doc: dict[str, Any] = {}
    if key is not None and key in board.table(table):
        doc = board.table(table)[key].model_dump(exclude_none=True)
    for name, text in raw.items():
        try:
            value = coerce(board, table, {name: text})[name]
        except InputError as err:
            found[name] = _unknown(str(err), lang)
            continue
        if value is None:
            doc.pop(name, None)
        else:
            doc[name] = value
    try:
        TABLES[table].model_validate(doc)
    except ValidationError as err:
        fields = TABLES[table].model_fields
        for error in err.errors():
            loc = error["loc"]
            name = str(loc[0]) if loc and str(loc[0]) in fields else ""
            if name in found:
                continue
            if not name:
                rule = _rule(str(error["msg"]))
                name = rule[1] if rule else ""
            found[name] = friendly(error, lang)
    return found


@dataclass(frozen=True)
class Why:
    """A pydantic error as a blank of a sentence, worded by `friendly` in the reader's language."""

    error: Mapping[str, Any]

    def text(self, lang: str) -> str:
        """English keeps the model's own sentence (it names the values: `end 2026-Q4 is before
        start 2027-Q1`); another language gets the friendly words of a form."""
        if self.error["type"] == "enum":
            expected = (self.error.get("ctx") or {}).get("expected", "")
            value = repr(self.error["input"])
            return tr("error.unknown_value", lang, value=value, expected=expected)
        if lang == "en":
            return str(self.error["msg"]).removeprefix("Value error, ")
        return friendly(self.error, lang)


def where(table: str, key: str, field: str, why: Any) -> Phrase:
    """`ambition A-3f9kq, field wanted by: at most 5` / `ambitie A-3f9kq, veld gewenst per: …`
    (a new record with a random key is `ambition (new)`: its key means nothing to anyone yet)."""
    what = phrase("error.what", noun=Noun(table), id=human_id(table, key) if key else "(new)")
    if field in ("record", ""):
        return phrase("error.record", what=what, why=why)
    return phrase("error.record_field", what=what, field=Label(field), why=why)


def invalid(table: str, key: str, err: ValidationError) -> Phrase:
    """The first pydantic error of a record, as one sentence naming record, field and why."""
    first = err.errors()[0]
    field = ".".join(str(part) for part in first["loc"]) or "record"
    return where(table, key, field, Why(first))


def problem_phrase(problem: Problem) -> Phrase:
    """A board-wide rule's problem (a dangling reference, a cycle) in words."""
    code, blanks = problem.said
    why: Any = problem.message
    if code:
        values = tuple((n, Noun(v) if n == "noun" else v) for n, v in blanks)
        why = Phrase(code, values)
    return where(problem.table, problem.record, problem.field, why)
