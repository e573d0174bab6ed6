"""Sentences with typed blanks: a message id plus values that are worded in the reader's
language when the sentence is shown (numbers, dates and quarters through `figures`, codes through
their labels, lists with `and`/`en`). The core builds `Phrase`s; the CLI, TUI and report word
them, so one finding reads in English in `check --json` and in Dutch on a Dutch screen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from .figures import day, grouped, percent, quarter
from .i18n import tr
from .model import Quarter


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


@dataclass(frozen=True)
class Share:
    """A ratio shown as a percentage (`0.12` → `12%`)."""

    ratio: float


@dataclass(frozen=True)
class Listing:
    """Names joined as a sentence says them: `a, b and c`, past `limit` `a, b, … and 7 more`."""

    items: tuple[Any, ...]
    limit: int = 6


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
    if isinstance(value, Phrase):
        return value.text(lang)
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
