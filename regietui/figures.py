"""Numbers, money, dates and quarters as text, each way once: for people (in the user's language,
through Babel's locale data), for exports (read back exactly), for a narrow cell (compact).

Babel is imported inside the functions that need it: loading it (and its locale data) costs more
than the board's first frame should wait for, and the first frame shows no formatted figures.

Quarters in prose read `Q3 2027` in both languages (as municipal planning documents write them);
files keep ISO `2027-Q3`.
"""

from __future__ import annotations

import decimal
from datetime import date, datetime
from typing import Protocol

LOCALES = {"en": "en_GB", "nl": "nl_NL"}
"""Babel locale per interface language (British English: day-month-year, like the Dutch)."""


EVERY_DIGIT = decimal.Context(prec=400)
"""Room for every digit of any float: Babel rounds in the current decimal context, whose 28
digits a valid but absurd figure on a board (a capacity of 1e300 hours) exceeds."""


def locale(lang: str) -> str:
    """The Babel locale of an interface language (English for anything unknown)."""
    return LOCALES.get(lang, LOCALES["en"])


def grouped(value: float, lang: str = "en", digits: int = 1) -> str:
    """`1,234.5` in English, `1.234,5` in Dutch; at most `digits` decimals, none when whole."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "#" * digits if digits > 0 else "")
    with decimal.localcontext(EVERY_DIGIT):
        return format_decimal(value, format=pattern, locale=locale(lang))


def money(value: float, lang: str = "en") -> str:
    """`€ 25,000` (English) or `€ 25.000` (Dutch): whole euros."""
    from babel.numbers import format_currency

    with decimal.localcontext(EVERY_DIGIT):
        return format_currency(
            value, "EUR", format="¤ #,##0", locale=locale(lang), currency_digits=False
        )


def percent(ratio: float, lang: str = "en", digits: int = 0) -> str:
    """`12%` for 0.12; with `digits=1` `12.5%` (`12,5%` in Dutch) for 0.125."""
    from babel.numbers import format_percent

    pattern = "#,##0" + ("." + "#" * digits if digits > 0 else "") + "%"
    with decimal.localcontext(EVERY_DIGIT):
        return format_percent(ratio, format=pattern, locale=locale(lang))


def day(value: date | datetime, lang: str = "en") -> str:
    """`15 January 2027` / `15 januari 2027`."""
    from babel.dates import format_date

    return format_date(value, format="d MMMM y", locale=locale(lang))


def moment(value: datetime, lang: str = "en") -> str:
    """`15 January 2027 14:05` / `15 januari 2027 14:05`: when an event happened."""
    return f"{day(value, lang)} {value:%H:%M}"


class _Quarter(Protocol):
    year: int
    q: int


def quarter(value: _Quarter) -> str:
    """`Q3 2027` in prose, in both languages (files keep `2027-Q3`)."""
    return f"Q{value.q} {value.year}"


def plain(value: float) -> str:
    """`140` for 140.0, `2.5` for 2.5: a figure as typed, no grouping (inputs and exports)."""
    return f"{value:g}"


def exact(value: float | int) -> str:
    """`12` for 12.0, else the shortest text that reads back as the same number (exports)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def compact(value: float, width: int = 6, lang: str = "en") -> str:
    """A figure in at most `width` cells: 1250 → `1250`, 12500 → `12.5k` (`12,5k` in Dutch)."""
    mark = "," if lang == "nl" else "."
    for text in (plain(value), f"{value:.1f}", f"{value:.0f}"):
        if len(text) <= width:
            return text.replace(".", mark)
    for scale, suffix in ((1e3, "k"), (1e6, "M"), (1e9, "G")):
        for digits in (1, 0):
            text = f"{value / scale:.{digits}f}{suffix}"
            if len(text) <= width:
                return text.replace(".", mark)
    return "#" * width
