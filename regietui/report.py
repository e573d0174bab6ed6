"""The steering-committee report (Markdown with a Mermaid gantt); the exports (CSV, JSON, TOML)
live in `exports`.

Pure functions over a `Board`, except `changes_since`, which may ask git for an older version of
the board file. Markdown and Mermaid text is escaped for its place (`document.md`,
`document.mermaid_text`).

The Markdown report, section by section: status counts per municipality; changes since a date or
git revision (with `--since`); decisions needed (For decision, and conflicts with a standard without
a decision); capacity per quarter from the current quarter on (demand against capacity, over
marked); the roadmap as a Mermaid gantt (one section per theme, one task per item that is not
dropped, from the first day of its start quarter to the last day of its end quarter); bundling
opportunities; conflicts with standards; parked and rejected cards with their reasons; costs per
municipality under the cost key; who asks against who pays. Labels follow `lang`; sentences
taken from the checks are English.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import UTC, date, datetime
from pathlib import Path

from . import capacity, cost_tables, exports, gitrepo, history, insights, scenario
from .costs import municipality_costs
from .document import (
    Gantt,
    GanttRow,
    Span,
    Table,
    md,
    md_table,
    mermaid,
    row,
    strong_row,
    table_lines,
)
from .figures import day, grouped, money, quarter
from .i18n import tr
from .lookup import InputError
from .model import (
    FLOW,
    SIDE,
    Board,
    Event,
    Quarter,
    RoadmapStatus,
    Status,
    human_id,
)
from .store import BoardError, parse
from .wording import phrase, worded

FORMATS = ("md", *exports.FORMATS)

# --- changes since a date or a git revision ------------------------------------------------------


def changes_since(board: Board, since: str, path: Path | None) -> list[tuple[str, Event]]:
    """Events after `since`, oldest first.

    `since` is a date (`2027-03-01`: events on that day or later) or a date and time; anything else
    is a git revision: the changes are the events in `board` that the board file at that revision
    (`git show REV:./file`, run in the file's folder) does not have.
    """
    moment = _moment(since)
    if moment is not None:
        return [(k, ev) for k, ev in board.history() if _aware(ev.at) >= moment]
    if path is None:
        raise InputError(phrase("error.since_no_git", since=repr(since)))
    old = _events_at(path, since)
    return [(k, ev) for k, ev in board.history() if k not in old]


def _moment(text: str) -> datetime | None:
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        pass
    else:
        return datetime(day.year, day.month, day.day, tzinfo=UTC)
    try:
        return _aware(datetime.fromisoformat(text.strip()))
    except ValueError:
        return None


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _events_at(path: Path, rev: str) -> set[str]:
    """The event keys of the board file as it was at git revision `rev`."""
    if rev.startswith("-"):
        raise InputError(phrase("error.since_bad", since=repr(rev)))
    try:
        text = gitrepo.show(path, rev)
        tables = parse(text, f"{path.name} at {rev}")
    except BoardError as err:
        raise InputError(phrase("error.since_neither", since=repr(rev), why=err)) from None
    return set(tables.get("events", {}))


# --- Markdown ------------------------------------------------------------------------------------


def plain_table_lines(table: cost_tables.Table) -> list[str]:
    """A plain-text table (`cost_tables.Table`) as Markdown: every cell escaped, notes below."""
    header = [md(cell) for cell in table.header]
    rows = [[md(cell) for cell in row] for row in table.rows]
    if not rows:
        return []
    return [
        *md_table(header, rows, table.align),
        *(line for n in table.notes for line in ("", md(n))),
    ]


def _amb(board: Board, key: str) -> str:
    amb = board.ambitions[key]
    muni = board.municipalities.get(amb.municipality)
    short = muni.short if muni else amb.municipality
    return f"{human_id('ambitions', key)} {md(amb.title)} ({md(short)})"


def _muni_order(board: Board) -> list[str]:
    return sorted(board.municipalities, key=lambda c: (board.municipalities[c].name, c))


def markdown(
    board: Board,
    today: date,
    lang: str = "en",
    changes: list[tuple[str, Event]] | None = None,
    since: str | None = None,
    found: list[insights.Finding] | None = None,
    plan: tuple[str, Board] | None = None,
) -> str:
    """The steering-committee report. `changes` (with the `since` label) adds a changes section;
    `plan` (a scenario's name and the plan) makes it the report of that scenario, opening with
    what it changes against the plan."""
    found = insights.findings(board, today) if found is None else found
    out = [
        f"# {tr('report.title', lang)}: {md(board.meta.name)}",
        "",
        f"{tr('report.date', lang)}: {day(today, lang)}",
    ]

    def section(title: str, lines: list[str]) -> None:
        out.extend(["", f"## {title}", ""])
        out.extend(lines or [tr("report.none", lang)])

    if plan is not None:
        name, plan_board = plan
        out.extend(["", f"**{tr('report.scenario_heading', lang, name=md(name))}**"])
        section(
            tr("report.scenario_title", lang, name=md(name)),
            _against(plan_board, board, today, lang),
        )
    section(tr("report.status_counts", lang), _status_counts(board, lang))
    if changes is not None:
        section(
            tr("report.changes", lang, since=md(since or "")),
            [_change_line(ev, lang) for _, ev in changes] or [tr("report.no_changes", lang)],
        )
    section(tr("report.decisions", lang), _decisions(board, lang, found))
    loads = capacity_table(board, today, lang)
    section(tr("report.capacity", lang), table_lines(loads) if loads else [])
    gantt = mermaid_gantt(board, lang)
    section(tr("report.roadmap", lang), ["```mermaid", *gantt, "```"] if gantt else [])
    section(
        tr("report.bundling", lang),
        [f"- {md(f.text(lang))}" for f in found if f.check == "bundling"],
    )
    section(tr("report.conflicts", lang), _conflicts(board, lang))
    section(tr("report.parked_rejected", lang), _parked_rejected(board, lang))
    section(tr("report.costs", lang), _costs(board, lang))
    section(
        tr("report.asks_pays", lang), plain_table_lines(cost_tables.asks_pays_table(board, lang))
    )
    return "\n".join(out) + "\n"


def _status_counts(board: Board, lang: str) -> list[str]:
    counts: dict[str, Counter[Status]] = defaultdict(Counter)
    for amb in board.ambitions.values():
        counts[amb.municipality][amb.status] += 1
    totals: Counter[Status] = Counter()
    for counter in counts.values():
        totals.update(counter)
    columns = [s for s in (*FLOW, *SIDE) if s in FLOW or totals[s]]
    header = [
        tr("report.municipality", lang),
        *(tr(f"status.{s.value}", lang) for s in columns),
        tr("report.total", lang),
    ]
    rows = []
    for code in _muni_order(board):
        counter = counts.get(code, Counter())
        name = md(board.municipalities[code].name)
        rows.append([name, *(str(counter[s]) for s in columns), str(sum(counter.values()))])
    rows.append(
        [
            f"**{tr('report.total', lang)}**",
            *(f"**{totals[s]}**" for s in columns),
            f"**{sum(totals.values())}**",
        ]
    )
    return md_table(header, rows, "l" + "r" * (len(columns) + 1))


def change_text(event: Event, lang: str) -> str:
    """`2 March 2027 · Jan · A-3f9kq Title: moved wish → planned`, as plain text."""
    ident = human_id(event.table, event.record)
    title = f" {event.title}" if event.title else ""
    phrase = history.change_phrase(event.action, dict(event.changes), lang)
    return f"{day(event.at, lang)} · {event.author} · {ident}{title}: {phrase}"


def _change_line(event: Event, lang: str) -> str:
    return f"- {md(change_text(event, lang))}"


def _decisions(board: Board, lang: str, found: list[insights.Finding]) -> list[str]:
    lines: list[str] = []
    deciding = sorted(
        (k for k, a in board.ambitions.items() if a.status is Status.DECIDING),
        key=lambda k: (board.ambitions[k].municipality, board.ambitions[k].title),
    )
    if deciding:
        lines += [f"### {tr('report.for_decision', lang)}", ""]
        for key in deciding:
            amb = board.ambitions[key]
            extra = [tr(f"priority.{amb.priority.value}", lang)] if amb.priority else []
            if amb.wanted_by:
                extra.append(tr("report.wanted_by", lang, quarter=quarter(amb.wanted_by)))
            tail = f" — {', '.join(extra)}" if extra else ""
            lines.append(f"- {_amb(board, key)}{tail}")
    conflicts = [f for f in found if f.check == "conflict"]
    if conflicts:
        if lines:
            lines.append("")
        lines += [f"### {tr('report.undecided_conflicts', lang)}", ""]
        lines += [f"- {md(f.text(lang))}" for f in conflicts]
    return lines


def capacity_table(board: Board, today: date, lang: str) -> Table | None:
    """Adopted load, load with the proposals and capacity per quarter from the current quarter
    on, with how far it goes over; None when nothing is planned from now on."""
    current = Quarter.of(today)
    loads = [ld for ld in capacity.quarter_loads(board) if ld.quarter >= current]
    if not loads:
        return None
    unit = tr(f"unit.{board.meta.capacity_unit.value}", lang)
    rows = tuple(
        row(
            quarter(load.quarter),
            grouped(load.adopted, lang),
            grouped(load.demand, lang),
            grouped(load.capacity, lang) if load.capacity is not None else "—",
            Span(over_words(load, lang), strong=True),
        )
        for load in loads
    )
    header = (
        tr("report.quarter", lang),
        f"{tr('report.adopted', lang)} ({unit})",
        f"{tr('report.with_proposals', lang)} ({unit})",
        f"{tr('report.capacity_col', lang)} ({unit})",
        tr("report.over", lang),
    )
    return Table(header, rows, "lrrrl")


def _against(plan: Board, board: Board, today: date, lang: str) -> list[str]:
    """The scenario beside the plan: items, capacity, findings and costs that differ."""
    diff = scenario.compare(plan, board, today)
    same = [tr("report.scenario_same", lang)]
    counts = dict(zip(("plan", "scenario"), map(str, diff.findings), strict=True))
    out = [tr("report.scenario_findings", lang, **counts), ""]

    def part(title: str, lines: list[str]) -> None:
        out.extend([f"### {title}", "", *(lines or same), ""])

    moved = [
        [
            md(insights.item_name(board if m.key in board.roadmap else plan, m.key)),
            worded(m.plan, lang),
            worded(m.scenario, lang),
        ]
        for m in diff.moved
    ]
    header = [tr("report.item", lang), tr("report.plan", lang), tr("report.scenario", lang)]
    part(tr("report.scenario_moved", lang), md_table(header, moved, "lll") if moved else [])
    loads = [
        [
            str(pair.quarter),
            *(_load_cell(load, lang) for load in (pair.plan, pair.scenario)),
            " → ".join(left_text(pair.left(load), lang) for load in (pair.plan, pair.scenario)),
        ]
        for pair in diff.loads
    ]
    header = [
        tr("report.quarter", lang),
        tr("report.plan", lang),
        tr("report.scenario", lang),
        tr("report.left", lang),
    ]
    part(tr("report.scenario_loads", lang), md_table(header, loads, "lrrl") if loads else [])
    part(tr("report.scenario_appear", lang), [f"- {md(f.text(lang))}" for f in diff.appear])
    part(tr("report.scenario_disappear", lang), [f"- {md(f.text(lang))}" for f in diff.disappear])
    costs = [
        [
            md(board.municipalities[code].name),
            f"{money(before.once, lang)} → {money(after.once, lang)}",
            f"{money(before.yearly, lang)} → {money(after.yearly, lang)}",
        ]
        for code, before, after in diff.costs
    ]
    header = [tr("report.municipality", lang), tr("report.once", lang), tr("report.yearly", lang)]
    part(tr("report.scenario_costs", lang), md_table(header, costs, "lrr") if costs else [])
    return out[:-1]


def _load_cell(load: capacity.QuarterLoad | None, lang: str) -> str:
    """`2,700 + 400 / 3,000`: adopted, proposed and capacity of a quarter."""
    if load is None:
        return "—"
    cap = grouped(load.capacity, lang) if load.capacity is not None else "—"
    return f"{grouped(load.adopted, lang)} + {grouped(load.proposed, lang)} / {cap}"


def left_text(left: float | None, lang: str) -> str:
    """What a quarter leaves: `+200`, `−100`, or `?` without a capacity."""
    return "?" if left is None else f"{'+' if left >= 0 else '−'}{grouped(abs(left), lang)}"


def over_words(load: capacity.QuarterLoad, lang: str) -> str:
    """Which load overflows: the adopted work itself, or only with the proposals."""
    if load.adopted_over:
        return tr("report.over_adopted", lang, amount=grouped(load.adopted_over, lang))
    if load.over:
        return tr("report.over_proposed", lang, amount=grouped(load.over, lang))
    return ""


# --- the gantt -----------------------------------------------------------------------------------


def gantt(board: Board, lang: str = "en") -> Gantt:
    """The roadmap items that are not dropped, by theme (sections in name order), within a theme
    by start, end and key."""
    items = {k: it for k, it in board.roadmap.items() if it.status is not RoadmapStatus.DROPPED}
    sections: dict[str, list[str]] = defaultdict(list)
    for key, item in items.items():
        theme = board.themes[item.theme].name if item.theme in board.themes else None
        sections[theme or tr("report.no_theme", lang)].append(key)
    rows = [
        GanttRow(
            human_id("roadmap", key),
            items[key].title,
            name,
            items[key].start,
            items[key].end,
            items[key].status,
            items[key].effort,
        )
        for name in sorted(sections, key=str.casefold)
        for key in sorted(sections[name], key=lambda k: (items[k].start, items[k].end, k))
    ]
    return Gantt(board.meta.name, tuple(rows))


def mermaid_gantt(board: Board, lang: str = "en") -> list[str]:
    """The roadmap as Mermaid gantt lines (without the fence); empty when nothing is planned."""
    return mermaid(gantt(board, lang))


# --- conflicts, parked, costs --------------------------------------------------------------------


def _conflicts(board: Board, lang: str) -> list[str]:
    lines = []
    for key in sorted(board.ambitions, key=lambda k: (board.ambitions[k].municipality, k)):
        amb = board.ambitions[key]
        if not amb.conflicts:
            continue
        standards = ", ".join(
            f"{human_id('standards', s)} {md(board.standards[s].title)}"
            if s in board.standards
            else human_id("standards", s)
            for s in amb.conflicts
        )
        if amb.decision:
            d = amb.decision
            verdict = (
                f"{tr('report.decided', lang)} {day(d.date, lang)}"
                f" ({tr(f'body.{d.body.value}', lang)}): {md(d.text)}"
            )
        else:
            verdict = f"**{tr('report.no_decision', lang)}**"
        status = tr(f"status.{amb.status.value}", lang)
        lines.append(f"- {_amb(board, key)} [{status}] ↔ {standards} — {verdict}")
    return lines


def _parked_rejected(board: Board, lang: str) -> list[str]:
    lines = []
    for status in (Status.PARKED, Status.REJECTED):
        keys = sorted(
            (k for k, a in board.ambitions.items() if a.status is status),
            key=lambda k: (board.ambitions[k].municipality, board.ambitions[k].title),
        )
        if not keys:
            continue
        if lines:
            lines.append("")
        lines += [f"### {tr(f'status.{status.value}', lang)}", ""]
        for key in keys:
            amb = board.ambitions[key]
            parts = []
            if status is Status.PARKED and amb.review:
                parts.append(tr("report.review", lang, date=day(amb.review, lang)))
            if amb.status_reason:
                parts.append(md(amb.status_reason))
            tail = f" — {'; '.join(parts)}" if parts else ""
            lines.append(f"- {_amb(board, key)}{tail}")
    return lines


def cost_table(board: Board, lang: str) -> Table | None:
    """Per municipality its cost share and its shared and own costs, one-off and per year, with
    a totals row; None without municipalities."""
    if not board.municipalities:
        return None
    costs = municipality_costs(board)
    rows = []
    sums = [0.0, 0.0, 0.0, 0.0]
    for code in _muni_order(board):
        muni = board.municipalities[code]
        values = list(costs[code].values)
        sums = [a + b for a, b in zip(sums, values, strict=True)]
        share = f"{grouped(muni.cost_share * 100, lang)}%" if muni.cost_share is not None else "—"
        rows.append(row(muni.name, share, *(money(v, lang) for v in values)))
    total = share_total(board)
    rows.append(
        strong_row(
            tr("report.total", lang),
            f"{grouped(total * 100, lang)}%",
            *(money(v, lang) for v in sums),
        )
    )
    header = (
        tr("report.municipality", lang),
        tr("report.cost_share", lang),
        tr("report.shared_once", lang),
        tr("report.shared_yearly", lang),
        tr("report.own_once", lang),
        tr("report.own_yearly", lang),
    )
    return Table(header, tuple(rows), "lrrrrr")


def share_total(board: Board) -> float:
    """The municipalities' cost shares added up (1 when the key is complete)."""
    return sum(m.cost_share or 0.0 for m in board.municipalities.values())


def cost_notes(board: Board, lang: str) -> list[str]:
    """What the cost table counts, and a warning when the shares do not add up to 100%."""
    notes = [tr("report.costs_note", lang)]
    total = share_total(board)
    if total and abs(total - 1) > 0.005:
        notes.append(tr("report.shares_sum", lang, total=f"{grouped(total * 100, lang)}%"))
    return notes


def _costs(board: Board, lang: str) -> list[str]:
    table = cost_table(board, lang)
    if table is None:
        return []
    return [*table_lines(table), *(line for note in cost_notes(board, lang) for line in ("", note))]


# --- one entry point for the CLI -----------------------------------------------------------------


def render(
    board: Board,
    fmt_name: str = "md",
    today: date | None = None,
    lang: str = "en",
    since: str | None = None,
    path: Path | None = None,
    plan: tuple[str, Board] | None = None,
) -> str:
    """The report or export as text, in format `md`, `csv`, `json` or `toml`; with `plan` (a
    scenario's name and the plan), `board` is the scenario's and the report compares the two."""
    if fmt_name in exports.FORMATS:
        return exports.render(board, fmt_name)
    if fmt_name != "md":
        choices = ", ".join(FORMATS)
        raise InputError(phrase("error.format", name=repr(fmt_name), choices=choices))
    today = today or date.today()
    changes = changes_since(board, since, path) if since else None
    return markdown(board, today, lang, changes, since, plan=plan)
