"""pyphen's Dutch hyphenation patterns, read when a word first needs them.

`pyphen.Pyphen` parses all 16,000 patterns of a language when it is made: 60 ms, most of a first
frame whose cards hold one long Dutch word. Here the file is only split into lines, keyed by
their letters (the pattern without its digits, as pyphen keys it); a pattern is parsed the first
time a word looks it up, by the rule pyphen's own `HyphDict` applies. pyphen does the rest
(`HyphDict.positions`, `Pyphen.iterate`): the syllables are pyphen's, and a test holds them
equal to those of a Pyphen made the usual way. A dictionary with pyphen's rarer syntax (`^^`
escapes, non-standard breaks `/`) is left to pyphen whole.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pyphen

_DIGITS = str.maketrans("", "", "0123456789")
_IGNORED = re.compile(f"^\\s*(?:{'|'.join(map(re.escape, pyphen.ignored))}).*$", re.MULTILINE)
"""The lines pyphen skips: comments and the hyphen-minimum settings."""

Pattern = tuple[int, tuple[int, ...]]
"""Where a pattern's values start in the word, and the values (pyphen's form)."""


class _Patterns(dict[str, Pattern | None]):
    """letters → pattern, parsed on first lookup (`get` is what `HyphDict.positions` calls)."""

    def __init__(self, raw: dict[str, str]) -> None:
        super().__init__()
        self._raw = raw

    def get(self, letters: str, default: Any = None) -> Any:  # type: ignore[override]
        if letters in self:
            return self[letters]
        line = self._raw.get(letters)
        found = default if line is None else _parse(line)
        self[letters] = found
        return found


def _parse(line: str) -> Pattern | None:
    """A pattern line (`.aan5`, `4b1r`) as pyphen stores it; None when its values are all 0."""
    values = tuple(int(digit or "0") for digit, _ in pyphen.parse(line))
    if not max(values):
        return None
    start, end = 0, len(values)
    while not values[start]:
        start += 1
    while not values[end - 1]:
        end -= 1
    return start, values[start:end]


def _lazy(path: Path) -> pyphen.HyphDict | None:
    """A HyphDict for `path` whose patterns are parsed when looked up (None: leave it to pyphen).

    Whole-text string operations only (a loop over 16,000 lines would cost what it saves): the
    lines pyphen ignores go first, then every pattern is one whitespace-separated word."""
    with path.open("rb") as file:
        encoding = file.readline().decode().strip()
    if encoding.lower() == "microsoft-cp1251":
        encoding = "cp1251"
    body = path.read_text(encoding).split("\n", 1)[-1]
    if "/" in body or "^^" in body:
        return None
    body = _IGNORED.sub("", body)
    raw = dict(zip(body.translate(_DIGITS).split(), body.split(), strict=True))
    found = pyphen.HyphDict.__new__(pyphen.HyphDict)
    found.patterns, found.cache = _Patterns(raw), {}
    found.maxlen = max(map(len, raw))
    return found


def hyphenator(language: str) -> pyphen.Pyphen:
    """pyphen for `language`, its patterns read lazily when that is safe (see the module)."""
    path = pyphen.LANGUAGES[pyphen.language_fallback(language)]
    if path not in pyphen.hdcache:
        lazy = _lazy(Path(path))
        if lazy is not None:
            pyphen.hdcache[path] = lazy
    return pyphen.Pyphen(lang=language)
