"""The words municipalities put in their own lists, mapped onto the board's fields and codes, so a
`wensenlijst.csv` with Dutch headers (`gemeente;titel;thema;status;prioriteit`) and Dutch values
(`ter besluitvorming`, `Must have`, `coalitieakkoord`, `Q3 2027`) imports as it is.

Headers and values are matched without regard to case, spaces or underscores. The labels the
interface shows (English and Dutch, `i18n`) are always accepted, plus the synonyms below; the
stored field names and codes keep working too. See GLOSSARY.md for the words themselves."""

from __future__ import annotations

import re
from functools import cache

from .i18n import EN, NL
from .model import Ambition, Funding, Priority, Reason, Status

HEADER_SYNONYMS: dict[str, str] = {
    "id": "id",
    "nummer": "id",
    "gemeentenaam": "municipality",
    "naam": "title",
    "wens": "title",
    "beschrijving": "description",
    "toelichting": "description",
    "reden": "status_reason",
    "reden status": "status_reason",
    "motivering": "status_reason",
    "driver": "reason",
    "moscow": "priority",
    "waarde": "value",
    "inspanning": "effort",
    "uren": "effort",
    "gewenst": "wanted_by",
    "gewenst per": "wanted_by",
    "gewenst uiterlijk": "wanted_by",
    "gewenst kwartaal": "wanted_by",
    "eenmalig": "cost_once",
    "structureel": "cost_yearly",
    "strijdig met": "conflicts",
    "koppelingen": "links",
    "roadmap": "links",
    "heroverweging": "review",
    "herzieningsdatum": "review",
    "datum heroverweging": "review",
    "tags": "tags",
    "trefwoorden": "tags",
}
"""Header words beyond the interface's labels (a municipality's own list says `naam` or
`toelichting`); keys are normalised (lower case, single spaces)."""

VALUE_SYNONYMS: dict[str, dict[str, str]] = {
    "status": {
        "nieuw": Status.WISH,
        "in verkenning": Status.EXPLORING,
        "besluitvorming": Status.DECIDING,
        "for decision": Status.DECIDING,
        "in progress": Status.IN_PROGRESS,
        "klaar": Status.DONE,
        "afgerond": Status.DONE,
        "lokaal": Status.LOCAL,
        "solved locally": Status.LOCAL,
    },
    "priority": {
        "must have": Priority.MUST,
        "m": Priority.MUST,
        "moet": Priority.MUST,
        "should have": Priority.SHOULD,
        "s": Priority.SHOULD,
        "zou moeten": Priority.SHOULD,
        "could have": Priority.COULD,
        "c": Priority.COULD,
        "kan": Priority.COULD,
        "zou kunnen": Priority.COULD,
        "won't have": Priority.WONT,
        "wont have": Priority.WONT,
        "won't": Priority.WONT,
        "w": Priority.WONT,
        "niet": Priority.WONT,
        "niet nu": Priority.WONT,
    },
    "reason": {
        "wet": Reason.LAW,
        "wettelijk": Reason.LAW,
        "wettelijke verplichting": Reason.LAW,
        "coalitieakkoord": Reason.COALITION,
        "coalitie": Reason.COALITION,
        "collegeprogramma": Reason.COALITION,
        "levenscyclus": Reason.REPLACEMENT,
        "eigen": Reason.OWN_WISH,
        "own wish": Reason.OWN_WISH,
    },
    "funding": {
        "gedeeld": Funding.SHARED,
        "samen": Funding.SHARED,
        "gezamenlijk": Funding.SHARED,
        "eigen budget": Funding.OWN,
    },
}
"""Values beyond the labels, per field (MoSCoW as municipalities write it, `coalitieakkoord`)."""

_PREFIX = {"status": "status", "priority": "priority", "reason": "reason", "funding": "funding"}
_QUARTER = re.compile(r"^\s*[QqKk]([1-4])\s*[-/ ]?\s*(\d{4})\s*$")
_DUTCH_DATE = re.compile(r"^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\s*$")


def normal(word: str) -> str:
    """Lower case, underscores as spaces, single spaces: `Gewenst_per ` → `gewenst per`."""
    return " ".join(word.replace("_", " ").lower().split())


@cache
def headers() -> dict[str, str]:
    """Every accepted header word → the field it fills."""
    out = {normal(name): name for name in Ambition.model_fields}
    for name in Ambition.model_fields:
        for table in (EN, NL):
            label = table.get(f"field.{name}")
            if label:
                out[normal(label)] = name
                out[normal(label.split(" (", 1)[0])] = name
    return out | HEADER_SYNONYMS


def field_of(header: str) -> str:
    """The field a header names (the header itself, normalised, when it names none)."""
    word = normal(header)
    return headers().get(word, word.replace(" ", "_"))


@cache
def _values(field: str) -> dict[str, str]:
    prefix = _PREFIX[field]
    out: dict[str, str] = {}
    for key in EN:
        if key.startswith(f"{prefix}.") and key.count(".") == 1:
            code = key.split(".", 1)[1]
            out[normal(code)] = code
            out[normal(EN[key])] = code
            out[normal(NL.get(key, EN[key]))] = code
    return out | {word: str(code) for word, code in VALUE_SYNONYMS.get(field, {}).items()}


def value_of(field: str, text: str) -> str:
    """A cell's value as the board stores it: `ter besluitvorming` → `deciding`, `Q3 2027` →
    `2027-Q3`, `15-01-2027` → `2027-01-15`; anything else unchanged (validation judges it)."""
    if field in _PREFIX:
        return _values(field).get(normal(text), text)
    if field == "wanted_by" and (match := _QUARTER.match(text)):
        return f"{match[2]}-Q{match[1]}"
    if field == "review" and (match := _DUTCH_DATE.match(text)):
        return f"{match[3]}-{int(match[2]):02d}-{int(match[1]):02d}"
    return text
