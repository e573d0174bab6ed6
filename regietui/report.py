"""The steering-committee report (Markdown with a Mermaid gantt) and exports (CSV, JSON, TOML).

Pure functions over a `Board`, except `changes_since`, which may ask git for an older version of
the board file. Exports name records by human id (`A-3f9kq`, `R-8bd2x`, `S-2c4dm`), municipalities
by CBS code and themes by key, so `importer` can read them back. Exports cannot attack the program
that opens them: a CSV cell a spreadsheet would run as a formula gets a leading `'` (which the
importer removes), JSON is strict (`text.json_text`), and Markdown and Mermaid text is escaped for
its place (`md`, `mermaid_text`).

The Markdown report, section by section: status counts per municipality; changes since a date or
git revision (with `--since`); decisions needed (For decision, and conflicts with a standard without
a decision); capacity per quarter from the current quarter on (demand against capacity, over
marked); the roadmap as a Mermaid gantt (one section per theme, one task per item that is not
dropped, from the first day of its start quarter to the last day of its end quarter); bundling
opportunities; conflicts with standards; parked and rejected cards with their reasons; costs per
municipality under the cost key. Labels follow `lang`; sentences taken from the checks are English.
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import tomli_w

from . import capacity, gitrepo, history, insights, scenario
from .costs import municipality_costs
from .figures import day, exact, grouped, money, quarter
from .i18n import tr
from .lookup import InputError
from .model import (
    FLOW,
    SIDE,
    Ambition,
    Board,
    Coverage,
    Event,
    Quarter,
    RoadmapItem,
    RoadmapStatus,
    Status,
    human_id,
)
from .store import BoardError, parse
from .text import inert, json_text, toml_escape

FORMATS = ("md", "csv", "json", "toml")

AMBITION_FIELDS: tuple[str, ...] = ("id", *Ambition.model_fields)
"""CSV columns: the ambition's id and every field of `model.Ambition`, in model order."""

# --- values as text (shared with the importer) ---------------------------------------------------


def link_text(ref: str, coverage: Coverage) -> str:
    """`R-8bd2x`, or `R-8bd2x:partial` for partial coverage."""
    rid = human_id("roadmap", ref)
    return rid if coverage is Coverage.FULL else f"{rid}:{coverage.value}"


def ambition_row(board: Board, key: str) -> dict[str, Any]:
    """An ambition as plain values (lists, dicts, dates), references by human id / code / key."""
    amb = board.ambitions[key]
    row: dict[str, Any] = {"id": human_id("ambitions", key)}
    for name, value in amb:
        if value is None or value == () or (name == "description" and not value):
            continue
        if name == "conflicts":
            value = [human_id("standards", s) for s in value]
        elif name == "links":
            value = [link_text(ln.roadmap, ln.coverage) for ln in value]
        elif name == "decision":
            value = {"date": value.date, "body": value.body.value, "text": value.text}
        elif name == "tags":
            value = list(value)
        elif name == "wanted_by":
            value = str(value)
        elif hasattr(value, "value"):
            value = value.value
        row[name] = value
    return row


def roadmap_row(board: Board, key: str, serves: Iterable[str] = ()) -> dict[str, Any]:
    item = board.roadmap[key]
    row: dict[str, Any] = {"id": human_id("roadmap", key)}
    for name, value in item:
        if value is None or value == () or (name == "description" and not value):
            continue
        if name == "depends_on":
            value = [human_id("roadmap", d) for d in value]
        elif name in ("start", "end"):
            value = str(value)
        elif hasattr(value, "value"):
            value = value.value
        row[name] = value
    serving = [human_id("ambitions", a) for a in serves]
    if serving:
        row["serves"] = serving
    return row


def export_rows(board: Board) -> dict[str, list[dict[str, Any]]]:
    """Ambitions (by municipality, then title) and roadmap items (by start, then title)."""
    serving: dict[str, list[str]] = defaultdict(list)
    for key in sorted(board.ambitions):
        for ref in board.ambitions[key].linked:
            serving[ref].append(key)
    ambitions = sorted(
        board.ambitions,
        key=lambda k: (board.ambitions[k].municipality, board.ambitions[k].title, k),
    )
    roadmap = sorted(
        board.roadmap, key=lambda k: (board.roadmap[k].start, board.roadmap[k].title, k)
    )
    return {
        "ambitions": [ambition_row(board, k) for k in ambitions],
        "roadmap": [roadmap_row(board, k, serving.get(k, ())) for k in roadmap],
    }


_FORMULA = re.compile(r"'*[=+\-@\t\r]")
"""A cell a spreadsheet would run as a formula (OWASP's CSV injection rule), also after quotes
that an earlier guard added."""


def guard_cell(cell: str) -> str:
    """`cell` with a `'` in front when a spreadsheet would read it as a formula (`=HYPERLINK(…)`,
    `+`, `-`, `@`, tab, CR at the start): shown as text, never run. `unguard_cell` undoes it."""
    return f"'{cell}" if _FORMULA.match(cell) else cell


def unguard_cell(cell: str) -> str:
    """A cell as it was before `guard_cell` (the importer reads its own exports back)."""
    return cell[1:] if cell.startswith("'") and _FORMULA.match(cell) else cell


def csv_cell(value: Any) -> str:
    """A value as the text of one CSV cell; text from users is guarded (`guard_cell`)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return exact(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return guard_cell(list_cell([str(v) for v in value]))
    if isinstance(value, dict):  # a decision
        return f"{value['date'].isoformat()} {value['body']}: {value['text']}"
    return guard_cell(str(value))


def list_cell(items: list[str]) -> str:
    """`a, b`; items holding a comma or quote are quoted as in CSV: `a, "b, c"`."""
    return ", ".join(
        '"' + item.replace('"', '""') + '"' if ("," in item or '"' in item) else item
        for item in items
    )


def split_cell(cell: str) -> list[str]:
    """The items of a `list_cell`: split on commas outside quotes, stripped, empty ones dropped."""
    items = next(csv.reader([cell], skipinitialspace=True), [])
    return [item.strip() for item in items if item.strip()]


def to_csv(board: Board) -> str:
    """Ambitions only, one row per ambition, every field of the model as a column."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=AMBITION_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in export_rows(board)["ambitions"]:
        writer.writerow({name: csv_cell(row.get(name)) for name in AMBITION_FIELDS})
    return out.getvalue()


def to_json(board: Board) -> str:
    """Strict JSON (`text.json_text`): no NaN or Infinity, controls escaped."""
    return json_text(export_rows(board), indent=2, default=_json_default) + "\n"


def _json_default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def to_toml(board: Board) -> str:
    """`[[ambitions]]` and `[[roadmap]]` tables, each value written by tomli_w."""
    parts: list[str] = []
    for table, rows in export_rows(board).items():
        for row in rows:
            flat = {k: v for k, v in row.items() if not isinstance(v, dict)}
            parts.append(f"[[{table}]]\n{tomli_w.dumps(flat)}")
            for name, value in row.items():
                if isinstance(value, dict):
                    parts.append(f"[{table}.{name}]\n{tomli_w.dumps(value)}")
    text = toml_escape("\n".join(parts))
    tomllib.loads(text)  # never hand out a file we could not read back
    return text


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
        raise InputError(f"--since {since!r}: not a date, and the board has no file for git")
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
        raise InputError(f"--since {rev!r}: not a date or a git revision")
    try:
        text = gitrepo.show(path, rev)
        tables = parse(text, f"{path.name} at {rev}")
    except BoardError as err:
        raise InputError(f"--since {rev!r} is not a date (YYYY-MM-DD), and {err}") from None
    return set(tables.get("events", {}))


# --- Markdown ------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def md(text: str) -> str:
    """User text made inert in Markdown (and in tables): one line, special characters escaped,
    terminal controls shown (`text.inert`)."""
    return _MD_SPECIAL.sub(r"\\\1", inert(" ".join(str(text).split())))


def _table(header: list[str], rows: list[list[str]], align: str) -> list[str]:
    """A Markdown table; `align` has one letter per column: l(eft) or r(ight)."""
    rule = ["---:" if a == "r" else "---" for a in align]
    lines = [f"| {' | '.join(header)} |", f"| {' | '.join(rule)} |"]
    lines += [f"| {' | '.join(row)} |" for row in rows]
    return lines


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
    section(tr("report.capacity", lang), _capacity(board, today, lang))
    gantt = mermaid_gantt(board, lang)
    section(tr("report.roadmap", lang), ["```mermaid", *gantt, "```"] if gantt else [])
    section(
        tr("report.bundling", lang),
        [f"- {md(f.text(lang))}" for f in found if f.check == "bundling"],
    )
    section(tr("report.conflicts", lang), _conflicts(board, lang))
    section(tr("report.parked_rejected", lang), _parked_rejected(board, lang))
    section(tr("report.costs", lang), _costs(board, lang))
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
    return _table(header, rows, "l" + "r" * (len(columns) + 1))


def _change_line(event: Event, lang: str) -> str:
    """`- 2 March 2027 · Jan · A-3f9kq Title: moved wish → planned`."""
    ident = human_id(event.table, event.record)
    title = f" {md(event.title)}" if event.title else ""
    phrase = history.change_phrase(event.action, dict(event.changes), lang)
    return f"- {day(event.at, lang)} · {md(event.author)} · {ident}{title}: {md(phrase)}"


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


def _capacity(board: Board, today: date, lang: str) -> list[str]:
    current = Quarter.of(today)
    loads = [ld for ld in capacity.quarter_loads(board) if ld.quarter >= current]
    if not loads:
        return []
    unit = tr(f"unit.{board.meta.capacity_unit.value}", lang)
    rows = [
        [
            quarter(load.quarter),
            grouped(load.adopted, lang),
            grouped(load.demand, lang),
            grouped(load.capacity, lang) if load.capacity is not None else "—",
            over_words(load, lang),
        ]
        for load in loads
    ]
    header = [
        tr("report.quarter", lang),
        f"{tr('report.adopted', lang)} ({unit})",
        f"{tr('report.with_proposals', lang)} ({unit})",
        f"{tr('report.capacity_col', lang)} ({unit})",
        tr("report.over", lang),
    ]
    return _table(header, rows, "lrrrl")


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
            m.plan,
            m.scenario,
        ]
        for m in diff.moved
    ]
    header = [tr("report.item", lang), tr("report.plan", lang), tr("report.scenario", lang)]
    part(tr("report.scenario_moved", lang), _table(header, moved, "lll") if moved else [])
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
    part(tr("report.scenario_loads", lang), _table(header, loads, "lrrl") if loads else [])
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
    part(tr("report.scenario_costs", lang), _table(header, costs, "lrr") if costs else [])
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
        amount = grouped(load.adopted_over, lang)
        return f"**{tr('report.over_adopted', lang, amount=amount)}**"
    if load.over:
        return f"**{tr('report.over_proposed', lang, amount=grouped(load.over, lang))}**"
    return ""


# --- Mermaid -------------------------------------------------------------------------------------

_MERMAID_KEYWORDS = frozenset(
    {
        "gantt",
        "title",
        "section",
        "dateformat",
        "axisformat",
        "tickinterval",
        "excludes",
        "includes",
        "todaymarker",
        "weekday",
        "weekend",
        "inclusiveenddates",
        "topaxis",
        "click",
        "acctitle",
        "accdescr",
        "displaymode",
    }
)


def mermaid_text(text: str, fallback: str = "-") -> str:
    """Text safe in a Mermaid gantt line: no ':', '#', ';' or line breaks, no leading keyword."""
    clean = " ".join(
        inert(str(text)).replace(":", " - ").replace("#", " ").replace(";", ",").split()
    )
    clean = clean.replace("%%", "%")
    if not clean:
        return fallback
    if clean.split()[0].casefold() in _MERMAID_KEYWORDS:
        clean = f"- {clean}"
    return clean


def mermaid_gantt(board: Board, lang: str = "en") -> list[str]:
    """The roadmap as Mermaid gantt lines (without the fence); empty when nothing is planned.

    One section per theme, one task per roadmap item that is not dropped:
    `Title :[done|active, ]R-8bd2x, 2027-01-01, 2027-06-30` (first day of the start quarter to
    the last day of the end quarter).
    """
    items = {k: it for k, it in board.roadmap.items() if it.status is not RoadmapStatus.DROPPED}
    if not items:
        return []
    sections: dict[str, list[str]] = defaultdict(list)
    for key, item in items.items():
        theme = board.themes[item.theme].name if item.theme in board.themes else None
        sections[theme or tr("report.no_theme", lang)].append(key)
    lines = [
        "gantt",
        f"    title {mermaid_text(board.meta.name, 'Roadmap')}",
        "    dateFormat YYYY-MM-DD",
    ]
    for name in sorted(sections, key=str.casefold):
        lines.append(f"    section {mermaid_text(name)}")
        for key in sorted(sections[name], key=lambda k: (items[k].start, items[k].end, k)):
            lines.append(f"    {_task(key, items[key])}")
    return lines


def _task(key: str, item: RoadmapItem) -> str:
    tag = {RoadmapStatus.DELIVERED: "done, ", RoadmapStatus.RUNNING: "active, "}.get(
        item.status, ""
    )
    name = mermaid_text(item.title, human_id("roadmap", key))
    start, end = item.start.first_day().isoformat(), item.end.last_day().isoformat()
    return f"{name} :{tag}{human_id('roadmap', key)}, {start}, {end}"


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


def _costs(board: Board, lang: str) -> list[str]:
    if not board.municipalities:
        return []
    costs = municipality_costs(board)
    rows = []
    sums = [0.0, 0.0, 0.0, 0.0]
    share_total = 0.0
    for code in _muni_order(board):
        muni = board.municipalities[code]
        share = muni.cost_share or 0.0
        share_total += share
        values = list(costs[code].values)
        sums = [a + b for a, b in zip(sums, values, strict=True)]
        rows.append(
            [
                md(muni.name),
                f"{grouped(muni.cost_share * 100, lang)}%" if muni.cost_share is not None else "—",
                *(money(v, lang) for v in values),
            ]
        )
    rows.append(
        [
            f"**{tr('report.total', lang)}**",
            f"**{grouped(share_total * 100, lang)}%**",
            *(f"**{money(v, lang)}**" for v in sums),
        ]
    )
    header = [
        tr("report.municipality", lang),
        tr("report.cost_share", lang),
        tr("report.shared_once", lang),
        tr("report.shared_yearly", lang),
        tr("report.own_once", lang),
        tr("report.own_yearly", lang),
    ]
    lines = [*_table(header, rows, "lrrrrr"), "", tr("report.costs_note", lang)]
    if share_total and abs(share_total - 1) > 0.005:
        lines += ["", tr("report.shares_sum", lang, total=f"{grouped(share_total * 100, lang)}%")]
    return lines


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
    if fmt_name == "csv":
        return to_csv(board)
    if fmt_name == "json":
        return to_json(board)
    if fmt_name == "toml":
        return to_toml(board)
    if fmt_name != "md":
        raise InputError(f"unknown format {fmt_name!r}; choose one of {', '.join(FORMATS)}")
    today = today or date.today()
    changes = changes_since(board, since, path) if since else None
    return markdown(board, today, lang, changes, since, plan=plan)
