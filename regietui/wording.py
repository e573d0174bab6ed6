"""Sentences with typed blanks: a message id plus values that are worded in the reader's
language when the sentence is shown (numbers, dates and quarters through `figures`, codes through
their labels, lists with `and`/`en`). The core builds `Phrase`s; the CLI, TUI and report word
them, so one finding reads in English in `check --json` and in Dutch on a Dutch screen."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol, runtime_checkable

from .costs import allocation_text
from .figures import day, grouped, money, percent, quarter
from .i18n import EN, tr
from .model import Allocation, Board, Quarter, human_id
from .text import inert


@dataclass(frozen=True)
class Word:
    """An i18n label as a blank (`Word("status.planned")`), lower case unless `title`."""

    key: str
    title: bool = False

    def text(self, lang: str) -> str:
        word = tr(self.key, lang)
        if self.title or not word[1:2].islower():
            return word
        return word[:1].lower() + word[1:]


@runtime_checkable
class Worded(Protocol):
    """Any blank that words itself (`validation.Why`: a pydantic error, friendly)."""

    def text(self, lang: str) -> str: ...


@dataclass(frozen=True)
class Share:
    """A ratio shown as a percentage (`0.12` → `12%`)."""

    ratio: float


@dataclass(frozen=True)
class Listing:
    """Names joined as a sentence says them: `a, b and c`, past `limit` `a, b, … and 7 more`."""

    items: tuple[Any, ...]
    limit: int = 6


@dataclass(frozen=True)
class Lines:
    """Sentences one under another, each indented (`  `): the rows an import refuses."""

    items: tuple[Any, ...]

    def text(self, lang: str) -> str:
        return "".join(f"\n  {worded(item, lang)}" for item in self.items)


def listing(names: list[str], lang: str = "en", limit: int = 6) -> str:
    """`a, b and c` / `a, b en c`, shortened past `limit`."""
    if len(names) > limit:
        return ", ".join(names[:limit]) + tr("word.and_more", lang, n=len(names) - limit)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + tr("word.and", lang) + names[-1]


def worded(value: Any, lang: str = "en") -> str:
    """One blank in `lang`."""
    if isinstance(value, Word):
        return value.text(lang)
    if isinstance(value, Share):
        return percent(value.ratio, lang)
    if isinstance(value, Listing):
        return listing([worded(v, lang) for v in value.items], lang, value.limit)
    if isinstance(value, Quarter):
        return quarter(value)
    if isinstance(value, date):
        return day(value, lang)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return grouped(value, lang)
    if isinstance(value, Phrase | Worded):
        return value.text(lang)
    if isinstance(value, BaseException):
        return said(value, lang)
    return str(value)


@dataclass(frozen=True)
class Phrase:
    """A message id and its blanks, worded late: `Phrase("finding.late", (("amb", …), …))`."""

    key: str
    values: tuple[tuple[str, Any], ...] = ()

    def text(self, lang: str = "en") -> str:
        return tr(self.key, lang, **{name: worded(v, lang) for name, v in self.values})

    def __str__(self) -> str:
        return self.text()


def phrase(key: str, **values: Any) -> Phrase:
    """`phrase("finding.stale", amb=…, days=12)`."""
    return Phrase(key, tuple(values.items()))


class Said(Exception):
    """A refusal whose sentence is a `Phrase`: `str(err)` is English (logs, tests), `said(err,
    lang)` words it for the reader. Built from a Phrase, a plain sentence, or another error
    (whose phrase it keeps)."""

    def __init__(self, message: Phrase | str | BaseException) -> None:
        self.phrase: Phrase | None = (
            message if isinstance(message, Phrase) else getattr(message, "phrase", None)
        )
        super().__init__(self.phrase.text() if self.phrase else str(message))


def said(err: BaseException, lang: str = "en") -> str:
    """An error's sentence in `lang` (as it is when it carries no phrase)."""
    found = getattr(err, "phrase", None)
    return found.text(lang) if isinstance(found, Phrase) else str(err)


# --- a stored value in words: history, report, `show`, import and the TUI say it this way ---------

ENUM_WORDS = {
    "status": ("status", "roadmap"),
    "priority": ("priority",),
    "reason": ("reason",),
    "funding": ("funding",),
    "type": ("type",),
    "body": ("body",),
    "coverage": ("coverage",),
}
"""Fields whose stored values are codes, and the i18n prefixes that word them."""

REFERENCES = {"conflicts": "standards", "depends_on": "roadmap", "roadmap": "roadmap"}
"""Fields that hold keys of another table, shown as that table's human ids (`S-2c4dm`)."""

MONEY = ("cost_once", "cost_yearly")
QUARTERS = ("wanted_by", "start", "end")
DAYS = ("review", "date")


def enum_word(field: str, value: str, lang: str = "en") -> str:
    """A stored code as people say it: status `deciding` → `for decision` / `ter besluitvorming`
    (lower case inside a sentence); an unknown code as it is."""
    for prefix in ENUM_WORDS.get(field, ()):
        key = f"{prefix}.{value}"
        if key in EN:
            return Word(key).text(lang)
    return value


def field_word(name: str, lang: str = "en", title: bool = False) -> str:
    """A field as people name it: its label, lower case inside a sentence (`status_reason` →
    `reason for status`), as a label with `title`; never the attribute's name when a label
    exists."""
    key = f"field.{name}"
    if key not in EN:
        return name.replace("_", " ")
    word = tr(key, lang).split(" (", 1)[0]
    if title or not word[1:2].islower():
        return word
    return word[:1].lower() + word[1:]


@dataclass(frozen=True)
class Label:
    """A field as a blank: its label in the reader's language (`field_word`)."""

    name: str

    def text(self, lang: str) -> str:
        return field_word(self.name, lang)


@dataclass(frozen=True)
class Noun:
    """A kind of record as a blank (`ambitions` → `ambition` / `ambitie`)."""

    table: str

    def text(self, lang: str) -> str:
        key = f"noun.{self.table}"
        return tr(key, lang) if key in EN else self.table


def value_words(
    name: str, value: Any, lang: str = "en", board: Board | None = None, limit: int = 40
) -> str:
    """A field's stored value as people read it, in `lang`: labels for codes, ids with their
    prefix (with the title or name when `board` is given), dates, quarters, money and figures
    in the reader's format, `—` for nothing; cut to `limit` characters (0: never). The value
    may come from an event of a hostile board: anything unexpected is shown as data, inert."""
    if value is None or value in ("", [], {}):
        return "—"
    text = inert(_words(name, value, lang, board))
    if limit and name in KEY_FIELDS:
        limit = max(limit, KEY_LIMIT)  # a key is read whole: `40% equal + 60% … over A, B`
    return text if not limit or len(text) <= limit else text[: limit - 1] + "…"


def _words(name: str, value: Any, lang: str, board: Board | None) -> str:
    if isinstance(value, list):
        return ", ".join(_item(name, v, lang, board) for v in value)
    return _item(name, value, lang, board)


def _item(name: str, value: Any, lang: str, board: Board | None) -> str:
    if name == "links" and isinstance(value, dict) and "roadmap" in value:
        # only a partial link says so: a merge conflict on a link's coverage shows the difference
        shown = _item("roadmap", value["roadmap"], lang, board)
        partial = value.get("coverage") == "partial"
        return shown + (f" ({enum_word('coverage', 'partial', lang)})" if partial else "")
    if name in KEY_FIELDS and isinstance(value, dict):
        return _key_words(value, lang)
    if name == "decision" and isinstance(value, dict):
        parts = (_item(n, value.get(n), lang, board) for n in ("date", "body"))
        return f"{' '.join(parts)}: {value.get('text', '')}"
    if isinstance(value, str):
        return _text(name, value, lang, board)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return json.dumps(value, ensure_ascii=False, default=str)
    if name in MONEY:
        return money(value, lang)
    if name == "cost_share":
        return percent(value, lang, 1)
    return grouped(value, lang)


KEY_FIELDS = ("allocation", "cost_key")
"""Fields holding a cost allocation, worded as people type one."""

KEY_LIMIT = 100
"""A cost key is shown whole up to this length (other values are cut sooner)."""


def _key_words(doc: dict[str, Any], lang: str) -> str:
    """A stored cost allocation as its text (`30% equal + 70% inhabitants over served`); one
    that does not read (a hostile event) as its JSON."""
    try:
        return allocation_text(Allocation.model_validate(doc), lang)
    except ValueError:
        return json.dumps(doc, ensure_ascii=False)


def _text(name: str, value: str, lang: str, board: Board | None) -> str:
    table = REFERENCES.get(name)
    if table:
        record = board.table(table).get(value) if board else None
        shown = human_id(table, value)
        return f"{shown} {record.title}" if record is not None else shown
    if name == "municipality" and board and value in board.municipalities:
        return f"{value} {board.municipalities[value].name}"
    if name == "theme" and board and value in board.themes:
        return board.themes[value].name
    try:
        if name in QUARTERS:
            return quarter(Quarter.parse(value))
        if name in DAYS:
            return day(date.fromisoformat(value), lang)
    except ValueError:
        return value
    return enum_word(name, value, lang)


def quoted(name: str, value: Any, lang: str = "en", limit: int = 40) -> str:
    """A field's value inside a message: text in quotes, anything else as `value_words` says it."""
    text = value_words(name, value, lang, limit=limit)
    return f"'{text}'" if isinstance(value, str) else text
