"""Board text made safe to show: nothing read from a board may drive the terminal that shows it.

A board arrives through git from other organisations, so every string in it (titles, keys, the
values inside events) is untrusted. `inert` is the one rule for showing such text anywhere (the
CLI's output, history wording, reports, every screen of the TUI): each character that a terminal
would act on instead of print becomes one visible character:

- C0 controls and DEL (ESC, BEL, CR, backspace, tab, ...) become their Unicode control picture
  (U+2400 block: ESC shows as `␛`, so `ESC ] 0 ; x BEL` reads `␛]0;x␇`);
- C1 controls (0x80-0x9f, e.g. the one-byte CSI 0x9b), bidi overrides and isolates (U+202A-202E,
  U+2066-2069), every other format character (Unicode category Cf: zero-width spaces, BOM, tag
  characters), line and paragraph separators and lone surrogates become U+FFFD `�`.

Why one character for one character (rather than `\\x1b` or `^[`): the text keeps its length, so
styles, search highlights and cursor offsets computed on the original stay right, and it can be
applied to a finished, styled text; each replacement is one terminal cell, so layouts still fit.
Zero-width joiner and non-joiner (U+200C, U+200D) stay: they only join glyphs (emoji, scripts).

Machine formats (JSON, TOML) do not need this: they escape the same characters in their own
syntax (`json_text`), so the data reads back exactly and the text is already inert.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from functools import partial
from typing import Any

UNSAFE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ud800-\udfff\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f]"
)
"""Every character a terminal may act on instead of print (Unicode categories Cc, Cf, Zl, Zp and
Cs, without newline, ZWNJ and ZWJ); a test checks it against `unicodedata`."""

_UNSAFE_LINE = re.compile(f"{UNSAFE.pattern[:-1]}\n]")
"""`UNSAFE` and newline: for text shown on one line."""

REPLACEMENT = "\ufffd"


def _visible(match: re.Match[str]) -> str:
    code = ord(match[0])
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return REPLACEMENT


def inert(text: str, *, newlines: bool = False) -> str:
    """`text` with every terminal control shown as one visible character (see the module
    docstring). Newlines stay only with `newlines=True` (for text printed as several lines on
    purpose); elsewhere they show as `␊`, so one record can never forge another line."""
    if _printable(text, newlines):
        return text
    pattern = UNSAFE if newlines else _UNSAFE_LINE
    return pattern.sub(_visible, text)


def _printable(text: str, newlines: bool) -> bool:
    """Whether `text` holds nothing `inert` would change, found at C speed (a regex scan costs
    ten times as much): every character of `UNSAFE` is one Python does not count as printable."""
    if newlines and "\n" in text:
        text = text.replace("\n", "")
    return text.isprintable()


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


class NotFinite(ValueError):
    """A number JSON cannot hold (NaN, Infinity); the message names where it is."""


def _not_finite(data: Any, where: str) -> str | None:
    """Where in `data` the first NaN or infinite number is (`A-3f9kq effort`), if anywhere."""
    stack: list[tuple[Any, str]] = [(data, where)]
    while stack:  # no recursion: the depth of `data` is not ours to choose
        value, place = stack.pop()
        if isinstance(value, float) and not math.isfinite(value):
            return place.strip()
        if isinstance(value, dict):
            name = f"{place} {value['id']}" if isinstance(value.get("id"), str) else place
            stack.extend((v, f"{name} {k}") for k, v in reversed(value.items()))
        elif isinstance(value, (list, tuple)):
            stack.extend((v, place) for v in reversed(value))
    return None


def json_text(data: Any, default: Callable[[Any], Any] | None = None) -> str:
    """`data` as strict JSON in which every unsafe character is a `\\uXXXX` escape: inert in a
    terminal, and it reads back to exactly the same data. A list has one element per line (like
    the board file: a row per line to grep and diff), anything else is indented by two.

    Rows are written compactly, each by the json module's C encoder: with `indent` it falls back
    to its pure-Python one, three times slower on 10,000 rows. NaN and Infinity are refused
    (`NotFinite`, naming the place) rather than written as the `NaN` / `Infinity` that strict
    JSON readers reject, or as a `null` that would read as "no value"."""
    dumps = partial(json.dumps, ensure_ascii=False, allow_nan=False, default=default)
    try:
        if isinstance(data, list) and data:
            text = "[\n" + ",\n".join(map(dumps, data)) + "\n]"
        else:
            text = dumps(data, indent=2)
    except ValueError:
        place = _not_finite(data, "") or "a value"
        raise NotFinite(f"{place}: NaN or Infinity is not a number JSON can hold") from None
    if _printable(text, newlines=True):
        return text
    return UNSAFE.sub(_json_escape, text)


def toml_escape(text: str) -> str:
    """TOML written by tomli-w (basic strings only) with every unsafe character left inside a
    string as a `\\uXXXX` / `\\UXXXXXXXX` escape, which TOML reads back as the same character.
    (Outside strings TOML text has none of them.)"""
    return UNSAFE.sub(
        lambda m: f"\\u{ord(m[0]):04x}" if ord(m[0]) <= 0xFFFF else f"\\U{ord(m[0]):08x}", text
    )
