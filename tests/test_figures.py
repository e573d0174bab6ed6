"""Figures as text: an absurd but valid number on a board is written out, never a crash."""

from __future__ import annotations

from regietui import figures

THIRTY_ZEROS = ",".join(["1", *["000"] * 10])


def test_a_figure_beyond_decimal_precision_is_written_in_full() -> None:
    """Babel rounds in the decimal context (28 digits by default); hypothesis found a capacity
    of about 1e300 hours that made the report fail."""
    assert figures.grouped(1e30) == THIRTY_ZEROS
    assert figures.grouped(1e30, "nl") == THIRTY_ZEROS.replace(",", ".")
    assert figures.money(1e30, "nl") == "€ " + THIRTY_ZEROS.replace(",", ".")
    assert figures.percent(1e28) == THIRTY_ZEROS + "%"
    assert figures.grouped(1e300).startswith("1,000,") and len(figures.grouped(1e300)) == 401
    assert (figures.grouped(1234.56, "nl"), figures.money(25000.4)) == ("1.234,6", "€ 25,000")
