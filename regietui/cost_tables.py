"""The cost figures of `costs` as tables and documents: what `regietui costs` prints (text and
JSON) and what the report puts in its cost and who-asks-who-pays tables (Markdown or Word).

Tables hold plain text cells (names as the board has them, money and percentages worded through
`figures` in the reader's language); whoever renders them escapes for its format.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from typing import Any

from . import costs
from .figures import money, percent
from .i18n import tr
from .model import Board, human_id


@dataclass(frozen=True)
class Table:
    """A table as plain text: a header, rows, per column `l` or `r` alignment, notes below."""

    header: list[str]
    rows: list[list[str]]
    align: str
    notes: list[str] = field(default_factory=list)


def municipality_order(board: Board, only: list[str] | None = None) -> list[str]:
    """Municipality codes by name (the order every cost table uses), or just `only`."""
    codes = only if only is not None else list(board.municipalities)
    return sorted(codes, key=lambda c: (board.municipalities[c].name, c))


# --- budget years --------------------------------------------------------------------------------


def budget_table(
    board: Board, first_year: int, lang: str = "en", only: list[str] | None = None
) -> Table:
    """Per municipality two rows, adopted and proposed, with the total per budget year (one-off
    plus structural), then the total of the municipalities shown."""
    plan = costs.budget(board, first_year)
    codes = municipality_order(board, only)
    rows: list[list[str]] = []

    def pair(name: str, chosen: list[str]) -> None:
        for kind in costs.KINDS:
            label = tr(f"costs.{kind}", lang)
            cells = [money(plan.total(y, kind, chosen).total, lang) for y in plan.years]
            rows.append([name if kind == "adopted" else "", label, *cells])

    for code in codes:
        pair(board.municipalities[code].name, [code])
    if len(codes) > 1:
        pair(tr("costs.total", lang), codes)
    header = ["", "", *(str(y) for y in plan.years)]
    return Table(header, rows, "ll" + "r" * len(plan.years), [tr("costs.note", lang)])


def budget_doc(board: Board, first_year: int, only: list[str] | None = None) -> dict[str, Any]:
    """`regietui costs --json`: per municipality and in total, per year, adopted and proposed
    apart, each as one-off, structural and total whole euros; and each item's allocation."""
    plan = costs.budget(board, first_year)
    codes = municipality_order(board, only)
    serving = costs.served(board)

    def years(chosen: list[str]) -> dict[str, Any]:
        return {
            str(y): {kind: plan.total(y, kind, chosen).doc() for kind in costs.KINDS}
            for y in plan.years
        }

    return {
        "years": list(plan.years),
        "municipalities": [
            {"code": c, "name": board.municipalities[c].name, "years": years([c])} for c in codes
        ],
        "total": {"years": years(codes)},
        "items": [item_doc(board, key, serving) for key in _items(board)],
    }


def _items(board: Board) -> list[str]:
    return sorted(board.roadmap, key=lambda k: (board.roadmap[k].start, board.roadmap[k].title, k))


def package(board: Board, key: str, serving: costs.Served | None = None) -> str:
    """`basic` when every municipality pays for roadmap item `key`, else `plus`."""
    everyone = set(costs.payers(board, key, serving)) == set(board.municipalities)
    return "basic" if everyone else "plus"


def item_doc(board: Board, key: str, serving: costs.Served | None = None) -> dict[str, Any]:
    """One roadmap item's allocation: its key (as text; `own_key` says whether it is the item's
    own or the board's), package, payers and whole-euro amounts (sum = the item's cost)."""
    item = board.roadmap[key]
    serving = costs.served(board) if serving is None else serving
    split = costs.allocate(board, key, serving)
    paying = costs.payers(board, key, serving)
    return {
        "id": human_id("roadmap", key),
        "title": item.title,
        "status": item.status.value,
        "budget": costs.kind(item),
        "key": costs.allocation_text(costs.key_of(board, item)),
        "own_key": item.allocation is not None,
        "package": package(board, key, serving),
        "payers": paying,
        "cost_once": costs.euros(item.cost_once or 0.0),
        "cost_yearly": costs.euros(item.cost_yearly or 0.0),
        "once": split.once,
        "yearly": split.yearly,
    }


def item_lines(board: Board, lang: str = "en", only: list[str] | None = None) -> list[str]:
    """Every roadmap item with costs that are not dropped, as `item_text` (`costs --items`)."""
    lines = [tr("costs.items", lang)]
    serving = costs.served(board)
    for key in _items(board):
        lines += item_text(board, key, lang, only, title=True, serving=serving)
    return lines


def item_text(
    board: Board,
    key: str,
    lang: str = "en",
    only: list[str] | None = None,
    title: bool = False,
    serving: costs.Served | None = None,
) -> list[str]:
    """`R-jc4sn Title — plus package (inhabitants over served)` (the id and title with `title`)
    and under it each payer's one-off / structural amounts; nothing for a dropped item or one
    without costs. The CLI's `--items` and the roadmap item's details show it."""
    doc = item_doc(board, key, serving)
    shown = [c for c in doc["payers"] if not only or c in only]
    if doc["budget"] is None or not (doc["cost_once"] or doc["cost_yearly"]) or not shown:
        return []
    text = costs.allocation_text(costs.key_of(board, board.roadmap[key]), lang)
    head = f"{doc['id']} {doc['title']} — " if title else ""
    package = tr("costs." + doc["package"], lang)
    lines = [f"{head}{package} ({text}) · {tr('costs.columns', lang)}"]
    for code in municipality_order(board, shown):
        once, yearly = (money(doc[part].get(code, 0), lang) for part in ("once", "yearly"))
        lines.append(f"    {board.municipalities[code].short:4} {once} / {yearly}")
    return lines


# --- who asks, who pays --------------------------------------------------------------------------


def asks_pays_table(board: Board, lang: str = "en") -> Table:
    """Per municipality its share of the demand being delivered and of the costs, ⚠ where the
    two differ by more than the board's threshold (relative to the demand share)."""
    limit = board.meta.thresholds.asks_pays_limit
    found = {row.code: row for row in costs.asks_pays(board)}
    rows = [
        [
            board.municipalities[code].name,
            percent(float(found[code].asks), lang, 1),
            percent(float(found[code].pays), lang, 1),
            "⚠" if found[code].flagged(limit) else "",
        ]
        for code in municipality_order(board)
        if code in found
    ]
    header = [tr("report.municipality", lang), tr("report.asks", lang), tr("report.pays", lang), ""]
    note = tr("report.asks_pays_note", lang, limit=percent(limit, lang))
    return Table(header, rows, "lrrl", [note] if rows else [])


def text_lines(table: Table, width: int = 78) -> list[str]:
    """A table as aligned plain-text lines for the terminal (`regietui costs`), the notes
    wrapped at `width`."""
    grid = [table.header, *table.rows]
    widths = [max(len(row[i]) for row in grid) for i in range(len(table.header))]

    def line(row: list[str]) -> str:
        cells = [
            cell.rjust(width) if align == "r" else cell.ljust(width)
            for cell, width, align in zip(row, widths, table.align, strict=True)
        ]
        return "  ".join(cells).rstrip()

    notes = [part for note in table.notes for part in ("", *textwrap.wrap(note, width))]
    return [line(row) for row in grid] + notes
