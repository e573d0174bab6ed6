"""Plain text fitted into terminal cells: cut with …, padded, word-wrapped into a fixed number of
lines, with long Dutch words broken at their syllables (pyphen's `nl_NL` patterns). No Textual:
the widgets draw what these return, and the tests check it directly. Board text passes
`text.inert` first, so widths are measured on what is shown."""

from __future__ import annotations

from functools import cache

from rich.cells import cell_len, set_cell_size

from .text import inert

ELLIPSIS = "…"
HYPHEN_LANGUAGE = "nl_NL"
"""The board's words are Dutch; English compounds are short enough not to need breaking."""


def truncate(text: str, width: int) -> str:
    """`text` (inert, on one line) in at most `width` cells, ending in … when it had to be cut."""
    text = inert(text)
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    if width == 1:
        return ELLIPSIS
    return set_cell_size(text, width - 1).rstrip() + ELLIPSIS


def pad(text: str, width: int) -> str:
    """`text` cut (with …) or padded with spaces to exactly `width` cells."""
    cut = truncate(text, width)
    return cut + " " * (width - cell_len(cut))


def chop(word: str, width: int) -> tuple[str, str]:
    """Split `word` after at most `width` cells (at least one character goes to the head)."""
    used = 0
    for index, char in enumerate(word):
        used += cell_len(char)
        if used > width:
            return (word[:index], word[index:]) if index else (word[:1], word[1:])
    return word, ""


@cache
def _hyphenator():  # type: ignore[no-untyped-def]
    """The pattern dictionary, made on the first long word (`hyphens`), not at import."""
    from .hyphens import hyphenator

    return hyphenator(HYPHEN_LANGUAGE)


@cache
def syllable_breaks(word: str) -> tuple[tuple[str, str], ...]:
    """Where `word` may be broken, longest head first: (`Parkeerver-`, `gunning`). A head that
    ends in a hyphen of the word itself (`DigiD-`) gets no second one."""
    return tuple(
        (head if head.endswith("-") else f"{head}-", tail)
        for head, tail in _hyphenator().iterate(word)
    )


def break_word(word: str, width: int) -> tuple[str, str]:
    """The head (with its hyphen) of a word too long for a line of `width` cells, and the rest:
    at the last syllable that fits, else (no syllable fits, or a narrow line) at the width."""
    for head, tail in syllable_breaks(word):
        if cell_len(head) <= width:
            return head, tail
    if width <= 2:
        return chop(word, width)
    head, tail = chop(word, width - 1)
    return f"{head}-", tail


def wrap(text: str, width: int, lines: int) -> list[str]:
    """`text` word-wrapped into exactly `lines` lines of at most `width` cells; a word longer
    than a line is broken at a syllable; what does not fit is cut with … on the last line."""
    if width <= 0:
        return [""] * lines
    words = inert(text).split()
    out: list[str] = []
    current = ""
    while words and len(out) < lines:
        word = words[0]
        candidate = f"{current} {word}" if current else word
        if cell_len(candidate) <= width:
            current = candidate
            words.pop(0)
        elif current:
            out.append(current)
            current = ""
        elif len(out) < lines - 1:
            head, words[0] = break_word(word, width)
            out.append(head)
        else:
            break  # the last line: no hyphen, the rest is cut with … below
    if current:
        out.append(current)
    rest = " ".join(words)
    if rest and len(out) < lines:
        out.append(truncate(rest, width))
    elif rest:
        out[-1] = truncate(f"{out[-1]} {rest}", width)
    return out + [""] * (lines - len(out))
