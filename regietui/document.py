"""A report as a small tree of blocks — headings, paragraphs, bullets, tables, a gantt — that
renders to Markdown (here) and to Word (`word.py`), so both renderings carry one content.

The tree holds plain text: each renderer makes it safe for its own format (Markdown escapes
and Mermaid's rules here; Word needs no escaping, only `text.inert` for terminal controls).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Quarter, RoadmapStatus
from .text import inert

# --- the tree ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """A run of text; `strong` for what a reader must not miss (totals, over capacity)."""

    text: str
    strong: bool = False


Inline = tuple[Span, ...]


def inline(*parts: str | Span) -> Inline:
    """Spans from text and spans (`inline("Cost: ", Span("€ 5", strong=True))`)."""
    return tuple(p if isinstance(p, Span) else Span(p) for p in parts if p)


@dataclass(frozen=True)
class Heading:
    """A heading; `annexes` marks where the annexes start (Word turns to landscape pages)."""

    level: int
    text: str
    annexes: bool = False


@dataclass(frozen=True)
class Paragraph:
    spans: Inline


@dataclass(frozen=True)
class Bullets:
    items: tuple[Inline, ...]


@dataclass(frozen=True)
class Table:
    """Rows of cells under a header; `align` has one letter per column, `l` or `r`."""

    header: tuple[str, ...]
    rows: tuple[tuple[Span, ...], ...]
    align: str


@dataclass(frozen=True)
class GanttRow:
    """One roadmap item in the gantt: from its start to its end quarter."""

    ident: str
    label: str
    section: str
    start: Quarter
    end: Quarter
    status: RoadmapStatus
    effort: float


@dataclass(frozen=True)
class Gantt:
    """The roadmap over time; `legend` explains a drawing in which shaded cells are quarters
    (Word's table), not Mermaid's bars."""

    title: str
    rows: tuple[GanttRow, ...]
    legend: str = ""

    @property
    def quarters(self) -> list[Quarter]:
        """Every quarter from the first start to the last end."""
        if not self.rows:
            return []
        return Quarter.span(min(r.start for r in self.rows), max(r.end for r in self.rows))


Block = Heading | Paragraph | Bullets | Table | Gantt


@dataclass(frozen=True)
class Document:
    """A whole report: its title, the running header of each page and the blocks in order."""

    title: str
    header: str
    blocks: tuple[Block, ...]
    lang: str = "en"


def row(*cells: str | Span) -> tuple[Span, ...]:
    """A table row from texts and spans."""
    return tuple(c if isinstance(c, Span) else Span(c) for c in cells)


def strong_row(*cells: str) -> tuple[Span, ...]:
    """A totals row: every cell strong."""
    return tuple(Span(c, strong=True) for c in cells)


# --- Markdown ------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def md(text: str) -> str:
    """User text made inert in Markdown (and in tables): one line, special characters escaped,
    terminal controls shown (`text.inert`)."""
    return _MD_SPECIAL.sub(r"\\\1", inert(" ".join(str(text).split())))


def md_spans(spans: Inline) -> str:
    """Spans as Markdown: strong ones in `**`, the space around a span kept outside them."""
    out = []
    for span in spans:
        text = md(span.text)
        if span.strong and text:
            text = f"**{text}**"
        lead = " " if span.text[:1].isspace() else ""
        trail = " " if span.text[-1:].isspace() else ""
        out.append(f"{lead}{text}{trail}")
    return "".join(out).strip()


def md_table(header: list[str], rows: list[list[str]], align: str) -> list[str]:
    """A Markdown table of ready cells; `align` has one letter per column: l(eft) or r(ight)."""
    rule = ["---:" if a == "r" else "---" for a in align]
    lines = [f"| {' | '.join(header)} |", f"| {' | '.join(rule)} |"]
    lines += [f"| {' | '.join(cells)} |" for cells in rows]
    return lines


def table_lines(table: Table) -> list[str]:
    """A table block as Markdown lines."""
    cells = [[md_spans((cell,)) for cell in cells] for cells in table.rows]
    return md_table([md(h) for h in table.header], cells, table.align)


def markdown(doc: Document) -> str:
    """The document as Markdown: `#` headings, tables, the gantt as a Mermaid block."""
    out = [f"# {md(doc.title)}"]
    for block in doc.blocks:
        out.append("")
        if isinstance(block, Heading):
            out.append(f"{'#' * (block.level + 1)} {md(block.text)}")
        elif isinstance(block, Paragraph):
            out.append(md_spans(block.spans))
        elif isinstance(block, Bullets):
            out.extend(f"- {md_spans(item)}" for item in block.items)
        elif isinstance(block, Table):
            out.extend(table_lines(block))
        else:
            out.extend(["```mermaid", *mermaid(block), "```"])
    return "\n".join(out) + "\n"


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


_TAGS = {RoadmapStatus.DELIVERED: "done, ", RoadmapStatus.RUNNING: "active, "}


def mermaid(gantt: Gantt) -> list[str]:
    """Mermaid gantt lines (without the fence); empty without rows. One section per theme (in
    the order of the rows), one task per item: `Title :[done|active, ]R-8bd2x, 2027-01-01,
    2027-06-30` (first day of the start quarter to the last day of the end quarter)."""
    if not gantt.rows:
        return []
    lines = ["gantt", f"    title {mermaid_text(gantt.title, 'Roadmap')}"]
    lines.append("    dateFormat YYYY-MM-DD")
    section = None
    for item in gantt.rows:
        if item.section != section:
            section = item.section
            lines.append(f"    section {mermaid_text(section)}")
        name = mermaid_text(item.label, item.ident)
        start, end = item.start.first_day().isoformat(), item.end.last_day().isoformat()
        lines.append(f"    {name} :{_TAGS.get(item.status, '')}{item.ident}, {start}, {end}")
    return lines
