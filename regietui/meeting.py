"""The agenda-ready report for a meeting of a governing body, as a `document.Document` that
renders to Markdown and to Word (pure, except that `--since` may name a git revision).

Its parts: a summary with the key figures; the decision points (`agenda`), each with proposal,
background, alternatives, effort and cost per municipality and the body that decides; for
information the progress since the previous meeting (status changes), the capacity per quarter and
what else changed; annexes with the roadmap per quarter and the costs per municipality.

The previous meeting is `since` when given (a date or git revision), else the last day before the
meeting on which the same body took a decision recorded on the board (`agenda.previous_meeting`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path

from . import agenda, capacity, cost_tables, costs, insights, report
from .document import (
    Block,
    Bullets,
    Document,
    Heading,
    Paragraph,
    Span,
    Table,
    inline,
    markdown,
    row,
    strong_row,
)
from .figures import day, grouped, money, quarter
from .i18n import tr
from .model import OPEN, Board, Event, Quarter, RoadmapStatus, Status

CHANGES_SHOWN = 40
"""The other changes listed in full; the rest are counted (`diff --since` lists them all)."""


def cost_annex(board: Board, first_year: int, lang: str) -> list[Block]:
    """The costs per municipality and budget year (begroting and meerjarenraming, adopted and
    proposed apart), as `costs` allocates them: the one place that decides which cost tables
    the meeting report shows."""
    last = first_year + costs.YEARS_SHOWN - 1
    title = tr("costs.title", lang, year=first_year, first=first_year + 1, last=last)
    table = cost_tables.budget_table(board, first_year, lang)
    return [Paragraph(inline(title)), *plain_blocks(table, lang)]


def plain_blocks(table: cost_tables.Table, lang: str) -> list[Block]:
    """A plain-text table of `cost_tables` as a document table and its notes; rows that total
    are strong, an empty first header names the column."""
    total = tr("costs.total", lang)
    names = (tr("report.municipality", lang), tr("meeting.status", lang))
    header = tuple(cell or names[i] if i < 2 else cell for i, cell in enumerate(table.header))
    totals = False  # the total row and the rows under it (a total's second row) are strong
    rows = []
    for cells in table.rows:
        totals = totals or bool(cells and cells[0] == total)
        rows.append(strong_row(*cells) if totals else row(*cells))
    if not rows:
        return [Paragraph(inline(tr("report.none", lang)))]
    return [Table(header, tuple(rows), table.align), *(Paragraph(inline(n)) for n in table.notes)]


def meeting_name(meeting: agenda.Meeting, lang: str) -> str:
    """`AB 15 januari 2027`."""
    return f"{tr(f'body.{meeting.body.value}', lang)} {day(meeting.day, lang)}"


def document(
    board: Board,
    today: date,
    lang: str = "nl",
    meeting: agenda.Meeting | None = None,
    since: str | None = None,
    path: Path | None = None,
) -> Document:
    """The whole report. Without a meeting it is the same report for no particular body."""
    if since is None and meeting is not None:
        previous = agenda.previous_meeting(board, meeting)
        since = previous.isoformat() if previous else None
    changes = report.changes_since(board, since, path) if since else None
    since_text = _since_text(since, lang) if since else ""
    points = agenda.decision_points(board, today)
    blocks: list[Block] = []
    blocks += _summary(board, today, lang, meeting, points, changes, since_text)
    blocks += _decisions(board, lang, points)
    blocks += _information(board, today, lang, meeting, changes, since, since_text)
    blocks += _annexes(board, lang, (meeting.day if meeting else today).year)
    if meeting is None:
        title = f"{tr('report.title', lang)}: {board.meta.name}"
        header = board.meta.name
    else:
        name = meeting_name(meeting, lang)
        title = tr("meeting.title", lang, meeting=name)
        header = f"{board.meta.name} · {name}"
    return Document(title, header, tuple(blocks), lang)


def _since_text(since: str, lang: str) -> str:
    """A date in words (`7 oktober 2026`), a revision as given."""
    try:
        return day(date.fromisoformat(since), lang)
    except ValueError:
        return since


# --- summary -------------------------------------------------------------------------------------


def _summary(
    board: Board,
    today: date,
    lang: str,
    meeting: agenda.Meeting | None,
    points: list[agenda.DecisionPoint],
    changes: list[tuple[str, Event]] | None,
    since_text: str,
) -> list[Block]:
    values = {"board": board.meta.name, "today": day(today, lang)}
    if meeting is None:
        intro = tr("meeting.intro_plain", lang, **values)
        figures = [tr("meeting.fig_points_plain", lang, n=len(points))]
    else:
        body = tr(f"meeting.of.{meeting.body.value}", lang)
        intro = tr("meeting.intro", lang, body=body, day=day(meeting.day, lang), **values)
        mine = sum(1 for p in points if p.body is meeting.body)
        figures = [tr("meeting.fig_points", lang, n=len(points), mine=mine, body=body)]
    once = sum(p.cost_once for p in points)
    yearly = sum(p.cost_yearly for p in points)
    figures.append(tr("meeting.fig_cost", lang, once=money(once, lang), yearly=money(yearly, lang)))
    statuses = Counter(a.status for a in board.ambitions.values())
    figures.append(
        tr(
            "meeting.fig_ambitions",
            lang,
            open=sum(statuses[s] for s in OPEN),
            deciding=statuses[Status.DECIDING],
            committed=statuses[Status.PLANNED] + statuses[Status.IN_PROGRESS],
            done=statuses[Status.DONE],
        )
    )
    items = Counter(it.status for it in board.roadmap.values())
    figures.append(tr("meeting.fig_roadmap", lang, **{s.value: items[s] for s in RoadmapStatus}))
    current = Quarter.of(today)
    loads = [ld for ld in capacity.quarter_loads(board) if ld.quarter >= current]
    figures.append(
        tr(
            "meeting.fig_capacity",
            lang,
            quarter=quarter(current),
            adopted=sum(1 for ld in loads if ld.adopted_over),
            proposed=sum(1 for ld in loads if ld.over),
        )
    )
    if changes is not None:
        decisions = sum(1 for _, ev in changes if ev.action == "decide")
        figures.append(
            tr("meeting.fig_changes", lang, since=since_text, n=len(changes), decisions=decisions)
        )
    return [
        Heading(1, tr("meeting.summary", lang)),
        Paragraph(inline(intro)),
        Bullets(tuple(inline(f) for f in figures)),
    ]


# --- decision points -----------------------------------------------------------------------------


def _decisions(board: Board, lang: str, points: list[agenda.DecisionPoint]) -> list[Block]:
    blocks: list[Block] = [Heading(1, tr("meeting.decisions", lang))]
    if not points:
        return [*blocks, Paragraph(inline(tr("meeting.no_points", lang)))]
    unit = tr(f"unit.{board.meta.capacity_unit.value}", lang)
    for n, point in enumerate(points, 1):
        title = f"{point.ident} {point.title}"
        blocks.append(Heading(2, tr("meeting.point", lang, n=n, title=title)))
        blocks.append(
            Paragraph(
                inline(Span(tr("meeting.proposal", lang), strong=True), point.proposal.text(lang))
            )
        )
        body = tr(f"body.{point.body.value}", lang)
        why = tr("meeting.why_body", lang, body=body, why=point.why_body.text(lang))
        blocks.append(Paragraph(inline(Span(tr("meeting.decided_by", lang), strong=True), why)))
        blocks.append(Paragraph(inline(Span(tr("meeting.context", lang), strong=True))))
        blocks.append(Bullets(tuple(inline(c.text(lang)) for c in point.context)))
        blocks.append(Paragraph(inline(Span(tr("meeting.alternatives", lang), strong=True))))
        blocks.append(Bullets(tuple(inline(a.text(lang)) for a in point.alternatives)))
        if point.cost_key is None:
            muni = board.municipalities[point.impact[0].municipality].name
            blocks.append(Paragraph(inline(tr("meeting.key_own", lang, municipality=muni))))
        else:
            package = tr(f"costs.{point.package}", lang)
            key = costs.allocation_text(point.cost_key, lang)
            blocks.append(Paragraph(inline(tr("meeting.key", lang, rule=key, package=package))))
        effort = tr(
            "meeting.effort_cost",
            lang,
            effort=grouped(point.effort, lang),
            unit=unit,
            once=money(point.cost_once, lang),
            yearly=money(point.cost_yearly, lang),
        )
        blocks.append(Paragraph(inline(effort)))
        blocks.append(_impact_table(board, lang, point))
    return blocks


def _impact_table(board: Board, lang: str, point: agenda.DecisionPoint) -> Table:
    rows = [
        row(board.municipalities[i.municipality].name, money(i.once, lang), money(i.yearly, lang))
        for i in point.impact
    ]
    rows.append(
        strong_row(
            tr("report.total", lang),
            money(sum(i.once for i in point.impact), lang),
            money(sum(i.yearly for i in point.impact), lang),
        )
    )
    header = (tr("report.municipality", lang), tr("report.once", lang), tr("report.yearly", lang))
    return Table(header, tuple(rows), "lrr")


# --- for information -----------------------------------------------------------------------------


def _is_progress(event: Event) -> bool:
    """A status change or a decision: what moved things on."""
    return event.action == "decide" or "status" in event.changes


def _information(
    board: Board,
    today: date,
    lang: str,
    meeting: agenda.Meeting | None,
    changes: list[tuple[str, Event]] | None,
    since: str | None,
    since_text: str,
) -> list[Block]:
    blocks: list[Block] = [Heading(1, tr("meeting.information", lang))]
    if changes is None:
        blocks.append(Heading(2, tr("report.changes", lang, since="…")))
        if meeting is None:
            missing = tr("meeting.no_since_plain", lang)
        else:
            missing = tr(
                "meeting.no_since", lang, body=tr(f"meeting.of.{meeting.body.value}", lang)
            )
        blocks.append(Paragraph(inline(missing)))
    else:
        progress = [report.change_text(ev, lang) for _, ev in changes if _is_progress(ev)]
        blocks.append(Heading(2, tr("meeting.progress", lang, since=since_text)))
        blocks.append(_list_or_none(progress, lang))
    loads = report.capacity_table(board, today, lang)
    blocks.append(Heading(2, tr("report.capacity", lang)))
    blocks.append(loads or Paragraph(inline(tr("report.none", lang))))
    if changes is not None:
        rest = [report.change_text(ev, lang) for _, ev in changes if not _is_progress(ev)]
        blocks.append(Heading(2, tr("meeting.changed", lang)))
        shown = rest[:CHANGES_SHOWN]
        blocks.append(_list_or_none(shown, lang))
        if len(rest) > len(shown):
            more = tr("meeting.more_changes", lang, n=len(rest) - len(shown), since=since)
            blocks.append(Paragraph(inline(more)))
    found = insights.findings(board, today, only=["bundling"])
    if found:
        blocks.append(Heading(2, tr("report.bundling", lang)))
        blocks.append(Bullets(tuple(inline(f.text(lang)) for f in found)))
    return blocks


def _list_or_none(lines: list[str], lang: str) -> Block:
    if not lines:
        return Paragraph(inline(tr("report.no_changes", lang)))
    return Bullets(tuple(inline(line) for line in lines))


# --- annexes -------------------------------------------------------------------------------------


def _annexes(board: Board, lang: str, first_year: int) -> list[Block]:
    unit = tr(f"unit.{board.meta.capacity_unit.value}", lang)
    gantt = replace(report.gantt(board, lang), legend=tr("meeting.gantt_legend", lang, unit=unit))
    return [
        Heading(1, tr("meeting.annexes", lang), annexes=True),
        Heading(2, tr("meeting.annex_gantt", lang)),
        gantt if gantt.rows else Paragraph(inline(tr("report.none", lang))),
        Heading(2, tr("meeting.annex_costs", lang)),
        *cost_annex(board, first_year, lang),
        Heading(2, tr("meeting.annex_asks", lang)),
        *plain_blocks(cost_tables.asks_pays_table(board, lang), lang),
    ]


FORMATS = ("md", "docx")


def render(
    board: Board,
    fmt_name: str,
    today: date,
    lang: str = "nl",
    meeting: str | None = None,
    since: str | None = None,
    path: Path | None = None,
) -> bytes:
    """The report as the bytes of a file: Markdown (UTF-8) or Word. `meeting` as typed
    (`AB 2027-01-15`), parsed here so a bad one gets one sentence."""
    from .lookup import InputError
    from .wording import phrase

    if fmt_name not in FORMATS:
        raise InputError(
            phrase("error.meeting_format", first=FORMATS[0], second=FORMATS[1], name=fmt_name)
        )
    held = agenda.parse_meeting(meeting) if meeting else None
    doc = document(board, today, lang, held, since, path)
    if fmt_name == "docx":
        from .word import to_docx

        return to_docx(doc)
    return markdown(doc).encode("utf-8")
