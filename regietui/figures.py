"""Numbers as text, each way once: for people (grouped, in the user's language), for exports (read
back exactly), for a narrow cell (compact) and for the history and the CLI (plain)."""

from __future__ import annotations


def grouped(value: float, lang: str = "en", digits: int = 1) -> str:
    """`1,234.5` in English (the core's sentences), `1.234,5` in Dutch; whole numbers without
    decimals."""
    text = f"{value:,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if lang == "nl":
        text = text.translate(str.maketrans(",.", ".,"))
    return text


def money(value: float, lang: str) -> str:
    """`€ 25,000` (English) or `€ 25.000` (Dutch): whole euros."""
    return f"€ {grouped(value, lang, 0)}"


def plain(value: float) -> str:
    """`140` for 140.0, `2.5` for 2.5: a figure as typed, no grouping."""
    return f"{value:g}"


def exact(value: float | int) -> str:
    """`12` for 12.0, else the shortest text that reads back as the same number (exports)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def compact(value: float, width: int = 6) -> str:
    """A figure in at most `width` cells: 1250 → `1250`, 12500 → `12.5k`, 1.25 → `1.25`."""
    for text in (plain(value), f"{value:.1f}", f"{value:.0f}"):
        if len(text) <= width:
            return text
    for scale, suffix in ((1e3, "k"), (1e6, "M"), (1e9, "G")):
        for digits in (1, 0):
            text = f"{value / scale:.{digits}f}{suffix}"
            if len(text) <= width:
                return text
    return "#" * width
