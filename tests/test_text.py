"""`text.inert`, the one rule for showing board text, and the machine formats' own escaping."""

from __future__ import annotations

import json
import sys
import tomllib
import unicodedata

import pytest
import tomli_w
from hypothesis import given
from hypothesis import strategies as st

from regietui.text import UNSAFE, NotFinite, inert, json_text, toml_escape

KEPT = {"\n", "\u200c", "\u200d"}
"""Newline is layout; ZWNJ and ZWJ only join glyphs (emoji, scripts)."""


def test_every_control_format_and_separator_character_is_covered() -> None:
    """UNSAFE is exactly Unicode's Cc, Cf, Zl, Zp and Cs (this Python's tables), bar KEPT."""
    wanted = {
        chr(code)
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) in ("Cc", "Cf", "Zl", "Zp", "Cs")
    } - KEPT
    matched = {chr(code) for code in range(sys.maxunicode + 1) if UNSAFE.fullmatch(chr(code))}
    assert matched == wanted
    assert not any(char.isprintable() for char in matched)  # inert's fast path may skip the rest


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b]0;pwned\x07", "␛]0;pwned␇"),  # OSC window title: ESC and BEL as control pictures
        ("\x1b[2J", "␛[2J"),
        ("a\rb\x08c\x7f\t", "a␍b␈c␡␉"),
        ("\x9b31m", "\ufffd31m"),  # one-byte C1 CSI
        ("\u202eevil\u2066x\u2069", "\ufffdevil\ufffdx\ufffd"),  # bidi override and isolates
        ("\u200bzero\ufeff\U000e0041", "\ufffdzero\ufffd\ufffd"),  # zero width, BOM, tag char
        ("line\u2028sep", "line\ufffdsep"),
        ("\ud800", "\ufffd"),  # a lone surrogate: shown, and encodable again
        ("Eén 👩‍💻 loket → €", "Eén 👩‍💻 loket → €"),  # ordinary text (ZWJ emoji) untouched
    ],
)
def test_inert_shows_each_control_as_one_visible_character(raw: str, shown: str) -> None:
    assert inert(raw) == shown


def test_newlines_stay_only_where_lines_are_meant() -> None:
    assert inert("one\ntwo") == "one␊two"
    assert inert("one\ntwo\x1b", newlines=True) == "one\ntwo␛"


@given(st.text())
def test_inert_keeps_the_length_is_idempotent_and_leaves_nothing_unsafe(text: str) -> None:
    shown = inert(text)
    assert len(shown) == len(text)  # styles and highlights computed on the original stay right
    assert inert(shown) == shown
    assert not UNSAFE.search(shown) and "\n" not in shown
    shown.encode("utf-8")  # never a lone surrogate


@given(st.recursive(st.text() | st.integers() | st.floats(allow_nan=False,
       allow_infinity=False) | st.none(), lambda inner: st.lists(inner) | st.dictionaries(
       st.text(), inner), max_leaves=20))  # fmt: skip
def test_json_text_reads_back_exactly_and_is_inert(data: object) -> None:
    text = json_text(data)
    assert json.loads(text) == data
    assert inert(text, newlines=True) == text


def test_json_text_writes_a_list_one_row_per_line_like_the_board_file() -> None:
    rows = [{"id": "A-3f9kq", "title": "iPads\nvoor de raad"}, {"id": "A-8bd2x", "tags": []}]
    assert json_text(rows).splitlines() == [
        "[",
        '{"id": "A-3f9kq", "title": "iPads\\nvoor de raad"},',
        '{"id": "A-8bd2x", "tags": []}',
        "]",
    ]
    assert json_text({"id": "A-3f9kq"}) == '{\n  "id": "A-3f9kq"\n}'


@given(st.text())
def test_inert_with_newlines_keeps_exactly_the_newlines(text: str) -> None:
    shown = inert(text, newlines=True)
    assert len(shown) == len(text) and shown.count("\n") == text.count("\n")
    assert not UNSAFE.search(shown)


@pytest.mark.parametrize("number", [float("nan"), float("inf"), float("-inf")])
def test_json_text_refuses_numbers_json_cannot_hold_and_names_the_place(number: float) -> None:
    rows = [{"id": "A-3f9kq", "effort": 1.0}, {"id": "A-8bd2x", "cost": {"once": number}}]
    with pytest.raises(NotFinite, match=r"^A-8bd2x cost once: NaN or Infinity"):
        json_text(rows)


@given(st.dictionaries(st.text(), st.text() | st.lists(st.text()), max_size=5))
def test_escaped_toml_reads_back_exactly_and_is_inert(data: dict) -> None:
    text = toml_escape(tomli_w.dumps(data))
    assert tomllib.loads(text) == data
    assert inert(text, newlines=True) == text
