"""The detail panel: everything about the selected ambition or roadmap item, history included.

Built as a `rich.text.Text` from plain strings, so user text is shown exactly as typed, and
returned through `inert_text`, so none of it can drive the terminal.
"""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from ... import cost_tables, history, similarity, view
from ...figures import day, grouped, span
from ...i18n import tr
from ...model import Ambition, Board, Event, RoadmapItem, human_id
from .common import LABEL, MUTED, card_line, inert_text


def _field(text: Text, label: str, value: str) -> None:
    text.append(f"{label}: ", style=LABEL)
    text.append(value)
    text.append("\n")


def _history(text: Text, board: Board, key: str, lang: str) -> None:
    events = board.history(key)
    text.append(f"\n{tr('field.history', lang)}\n", style=LABEL)
    if not events:
        text.append("  —\n", style=MUTED)
    for _, event in events:
        _event_line(text, event, lang)


def _event_line(text: Text, event: Event, lang: str) -> None:
    text.append(f"  {history.when(event.at, lang)}  ", style=MUTED)
    text.append(event.author)
    text.append(f": {history.deed(event, lang)}\n", style=MUTED)


def card_head(text: Text, board: Board, key: str, lang: str) -> None:
    """An ambition's id, title and facts (`view.card_facts`): the top of the detail panel and
    of the triage card."""
    text.append(human_id("ambitions", key) + "  ", style=MUTED)
    text.append(board.ambitions[key].title + "\n", style="bold")
    facts, more = view.card_facts(board, key, lang)
    text.append(" · ".join(facts) + "\n")
    text.append(" · ".join(more) + "\n", style=MUTED)


def precedents_text(
    text: Text, board: Board, key: str, lang: str, similar: list[str] | None = None, limit: int = 8
) -> None:
    """Earlier decisions that bear on the card (`similarity.precedents`): the decided card, its
    status and decision, and why it bears (the same standard, or similar)."""
    found = similarity.precedents(board, key, similar)
    text.append(f"{tr('ui.precedents', lang)} ({len(found)})", style=LABEL)
    text.append("\n" if found else ": —\n")
    for precedent in found[:limit]:
        amb = card_line(text, board, precedent.key, lang)
        if precedent.standards:
            names = ", ".join(human_id("standards", s) for s in precedent.standards)
            why = tr("ui.precedent_standard", lang, standards=names)
        else:
            why = tr("ui.precedent_similar", lang)
        text.append(f" · {why}\n", style="italic")
        if amb.decision:
            d = amb.decision
            text.append(
                f"    {day(d.date, lang)} {tr(f'body.{d.body.value}', lang)}: ", style=MUTED
            )
            text.append(d.text + "\n", style=MUTED)
        elif amb.status_reason:
            text.append(f"    {amb.status_reason}\n", style=MUTED)
    if len(found) > limit:
        text.append(f"  {tr('ui.and_more', lang, n=len(found) - limit)}\n", style=MUTED)


def ambition_text(board: Board, key: str, lang: str) -> Text:
    amb: Ambition = board.ambitions[key]
    text = Text()
    card_head(text, board, key, lang)
    if amb.status_reason:
        _field(text, tr("field.status_reason", lang), amb.status_reason)
    if amb.review:
        _field(text, tr("field.review", lang), day(amb.review, lang))
    if amb.description:
        text.append(f"\n{tr('field.description', lang)}\n", style=LABEL)
        text.append(amb.description + "\n")
    if amb.decision:
        d = amb.decision
        value = f"{day(d.date, lang)} {tr(f'body.{d.body.value}', lang)}: {d.text}"
        _field(text, tr("field.decision", lang), value)
    text.append(f"\n{tr('field.links', lang)}\n", style=LABEL)
    if not amb.links:
        style = "bold red" if amb.unlinked_commitment else MUTED
        text.append(f"  — {tr('ui.no_link', lang) if style != MUTED else ''}\n", style=style)
    for link in amb.links:
        item = board.roadmap.get(link.roadmap)
        title = item.title if item else "?"
        text.append(f"  {human_id('roadmap', link.roadmap)} ", style=MUTED)
        text.append(title)
        text.append(f" ({tr(f'coverage.{link.coverage.value}', lang)})\n", style=MUTED)
    if amb.conflicts:
        text.append(f"\n{tr('field.conflicts', lang)}\n", style="bold red")
        for std_key in amb.conflicts:
            std = board.standards.get(std_key)
            text.append(f"  {human_id('standards', std_key)} ", style=MUTED)
            text.append((std.title if std else "?") + "\n")
            if std and std.description:
                text.append(f"    {std.description}\n", style=MUTED)
    if amb.tags:
        _field(text, tr("field.tags", lang), ", ".join(amb.tags))
    if amb.owner:
        _field(text, tr("field.owner", lang), amb.owner)
    text.append("\n")
    precedents_text(text, board, key, lang)
    _history(text, board, key, lang)
    return inert_text(text)


def roadmap_text(board: Board, key: str, lang: str) -> Text:
    item: RoadmapItem = board.roadmap[key]
    text = Text()
    text.append(human_id("roadmap", key) + "  ", style=MUTED)
    text.append(item.title + "\n", style="bold")
    facts = [
        span(item.start, item.end),
        tr(f"roadmap.{item.status.value}", lang),
        tr(f"type.{item.type.value}", lang),
    ]
    if item.theme and item.theme in board.themes:
        facts.append(board.themes[item.theme].name)
    unit = tr(f"unit.{board.meta.capacity_unit.value}", lang)
    facts.append(
        f"{tr('field.effort', lang)} {grouped(item.effort, lang)} {unit}/{tr('ui.quarter', lang)}"
    )
    text.append(" · ".join(facts) + "\n")
    if item.description:
        text.append(f"\n{tr('field.description', lang)}\n", style=LABEL)
        text.append(item.description + "\n")
    if item.depends_on:
        names = ", ".join(
            f"{human_id('roadmap', k)} {board.roadmap[k].title if k in board.roadmap else '?'}"
            for k in item.depends_on
        )
        _field(text, tr("field.depends_on", lang), names)
    if item.owner:
        _field(text, tr("field.owner", lang), item.owner)
    allocation = cost_tables.item_text(board, key, lang)
    if allocation:
        _field(text, tr("field.allocation", lang), allocation[0])
        text.append("\n".join(allocation[1:]) + "\n")
    serving = board.serving(key)
    text.append(f"\n{tr('ui.serves', lang)} ({len(serving)})\n", style=LABEL)
    for amb_key in sorted(serving, key=lambda k: board.ambitions[k].title.casefold()):
        amb = board.ambitions[amb_key]
        muni = board.municipalities.get(amb.municipality)
        text.append(f"  {human_id('ambitions', amb_key)} ", style=MUTED)
        text.append(f"{muni.short if muni else amb.municipality} ")
        text.append(amb.title)
        text.append(f" ({tr(f'status.{amb.status.value}', lang)})\n", style=MUTED)
    _history(text, board, key, lang)
    return inert_text(text)


class DetailPanel(VerticalScroll, can_focus=False):
    """Shows one record in full. Hidden until toggled."""

    def __init__(self, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lang = lang
        self.body = Static(id="detail-body")
        self.shown: tuple[str, str] | None = None
        self.text = Text()

    def compose(self):  # type: ignore[override]
        yield self.body

    def show(self, board: Board, table: str | None, key: str | None) -> None:
        if table == "ambitions" and key in board.ambitions:
            text = ambition_text(board, key, self.lang)
        elif table == "roadmap" and key in board.roadmap:
            text = roadmap_text(board, key, self.lang)
        else:
            text = Text(tr("ui.nothing_selected", self.lang), style=MUTED)
        if (table, key) != self.shown:
            self.scroll_home(animate=False)
        self.shown = (table or "", key or "")
        self.text = text
        self.body.update(text)
