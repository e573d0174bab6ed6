"""Fitting card text into cells: long Dutch words break at their syllables, not anywhere."""

from __future__ import annotations

from pathlib import Path

import pyphen

from regietui.hyphens import hyphenator
from regietui.store import BoardStore
from regietui.wrapping import pad, truncate, wrap


def test_a_word_longer_than_the_card_breaks_at_a_syllable() -> None:
    assert wrap("Parkeervergunning", 13, 2) == ["Parkeerver-", "gunning"]  # not Parkeervergu-nning
    assert wrap("Nieuwe Parkeervergunning", 12, 3) == ["Nieuwe", "Parkeerver-", "gunning"]
    assert wrap("Informatiebeveiligingsbeleid", 12, 3) == [
        "Informatie-",
        "beveili-",
        "gingsbeleid",
    ]
    assert wrap("Vroegsignalering van schulden", 13, 2) == ["Vroegsignale-", "ring van sch…"]


def test_on_the_last_line_a_long_word_is_cut_with_an_ellipsis_not_a_hyphen() -> None:
    assert wrap("Chatbot op de gemeentewebsite", 13, 2) == ["Chatbot op de", "gemeentewebs…"]
    assert wrap("Informatiebeveiligingsbeleid", 12, 1) == ["Informatieb…"]


def test_a_word_with_its_own_hyphen_breaks_there_without_a_second_one() -> None:
    assert wrap("DigiD-machtigingen", 10, 3) == ["DigiD-", "machtigin-", "gen"]


def test_without_a_syllable_that_fits_the_word_is_cut_at_the_width() -> None:
    assert wrap("Zaaksysteem", 4, 3) == ["Zaa-", "ksy-", "ste…"]
    assert wrap("Zaaksysteem", 2, 3) == ["Za", "ak", "s…"]  # no room for a hyphen
    assert wrap("Zaaksysteem", 0, 2) == ["", ""]


def test_short_words_wrap_whole_and_the_rest_is_cut_on_the_last_line() -> None:
    assert wrap("Portaal", 13, 2) == ["Portaal", ""]
    assert wrap("iPads voor de gemeenteraad", 12, 2) == ["iPads voor", "de gemeente…"]
    assert truncate("gemeenteraad", 6) == "gemee…" and pad("raad", 6) == "raad  "


def test_the_lazily_read_patterns_break_every_word_where_pyphen_itself_does() -> None:
    """`hyphens` reads pyphen's Dutch patterns when first looked up: the breaks must be pyphen's."""
    demo = Path(__file__).resolve().parents[1] / "boards" / "demo.json"
    ambitions = BoardStore(demo).load().ambitions.values()
    words = {
        word.strip(".,;:()'\"").lower()
        for text in (
            *(a.title for a in ambitions),
            *(a.description for a in ambitions),
            "gemeenteraadsvergadering informatiebeveiligingsbeleid zaakgerichtwerken"
            " omgevingswetvergunning basisregistratiepersonen ondersteuningsaanvraag",
        )
        for word in text.split()
    }
    lazy = hyphenator("nl_NL")
    eager = pyphen.Pyphen(lang="nl_NL", cache=False)
    assert lazy.hd is not eager.hd and type(lazy.hd.patterns) is not dict  # the lazy one
    assert len(words) > 300
    for word in sorted(words):
        assert lazy.positions(word) == eager.positions(word), word
