"""A `document.Document` as a Word file (python-docx), for the meeting systems (iBabs, Notubiz)
that take Word: headings in Word's own Heading styles (so they serve as agenda items and the
navigation pane), tables with a repeated header row, the gantt as a table of quarters with shaded
cells, the annexes on landscape pages, the board and the meeting in the page header, and
"page X of Y" in the footer.

python-docx is imported here only, so nothing else pays for loading it.
"""

from __future__ import annotations

import io
from typing import Any

from .document import Block, Bullets, Document, Gantt, Heading, Inline, Paragraph, Table
from .figures import grouped, quarter
from .i18n import tr
from .model import RoadmapStatus
from .text import inert

SHADES: dict[RoadmapStatus, tuple[str, str]] = {
    RoadmapStatus.ADOPTED: ("1F4E79", "FFFFFF"),
    RoadmapStatus.RUNNING: ("1F4E79", "FFFFFF"),
    RoadmapStatus.DRAFT: ("BDD7EE", "000000"),
    RoadmapStatus.DELIVERED: ("A9D08E", "000000"),
}
"""Cell fill and text colour of a quarter in which an item runs, by its status."""
KEEP_TOGETHER = 15
"""A table of at most this many rows stays on one page (a cost split per municipality)."""
HEADER_FILL = "D9E2F3"
SECTION_FILL = "F2F2F2"
LANGUAGES = {"nl": "nl-NL", "en": "en-GB"}


def to_docx(doc: Document) -> bytes:
    """The document as the bytes of a .docx file."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    out = docx.Document()
    _language(out, LANGUAGES.get(doc.lang, "en-GB"))
    out.core_properties.title = inert(doc.title)
    _fonts(out)
    section = out.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    _header_footer(section, doc)
    out.add_heading(inert(doc.title), level=0)
    previous: Block | None = None
    annexes = False
    for block in doc.blocks:
        if isinstance(block, Heading) and block.annexes:
            annexes = True
            # the annexes (gantt and cost tables) are wide: landscape pages from here on
            landscape = out.add_section()
            landscape.orientation = WD_ORIENT.LANDSCAPE
            landscape.page_width, landscape.page_height = Cm(29.7), Cm(21)
        _block(out, block, doc.lang)
        if annexes and isinstance(block, Heading) and not isinstance(previous, Heading):
            out.paragraphs[-1].paragraph_format.page_break_before = True  # an annex a page
        if isinstance(block, Paragraph) and isinstance(previous, (Table, Gantt)):
            out.paragraphs[-1].paragraph_format.space_before = Pt(6)  # air under a table
        previous = block
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


FONT = "Arial"
"""In Word everywhere, and LibreOffice lays it out with the metric-compatible Liberation Sans."""


def _fonts(out: Any) -> None:
    """One sans-serif font at readable sizes for the body, the headings and the title."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    sizes = (
        ("Normal", 10, None),
        ("Title", 20, None),
        ("Heading 1", 14, 18),
        ("Heading 2", 12, 14),
    )
    for name, size, space in sizes:
        style = out.styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        if space is not None:
            style.paragraph_format.space_before = Pt(space)
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for side in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(side), None)
        fonts.set(qn("w:eastAsia"), FONT)


def _block(out: Any, block: Block, lang: str) -> None:
    if isinstance(block, Heading):
        out.add_heading(inert(block.text), level=min(block.level, 9))
    elif isinstance(block, Paragraph):
        paragraph = out.add_paragraph()
        _runs(paragraph, block.spans)
        if block.spans and block.spans[-1].text.endswith(":"):
            paragraph.paragraph_format.keep_with_next = True  # it introduces what follows
    elif isinstance(block, Bullets):
        for item in block.items:
            _runs(out.add_paragraph(style="List Bullet"), item)
    elif isinstance(block, Table):
        _table(out, block)
    else:
        _gantt(out, block, lang)


def _runs(paragraph: Any, spans: Inline) -> None:
    for span in spans:
        paragraph.add_run(inert(span.text)).bold = span.strong or None


# --- tables --------------------------------------------------------------------------------------


def _table(out: Any, block: Table) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    table = out.add_table(rows=1, cols=len(block.header), style="Table Grid")
    _header_row(table, block.header, block.align)
    for number, cells in enumerate(block.rows, 1):
        added = table.add_row()
        _whole(added)
        row = added.cells
        if len(block.rows) <= KEEP_TOGETHER and number < len(block.rows):
            for cell in row:
                cell.paragraphs[0].paragraph_format.keep_with_next = True
        for cell, span, align in zip(row, cells, block.align, strict=True):
            paragraph = cell.paragraphs[0]
            paragraph.add_run(inert(span.text)).bold = span.strong or None
            if align == "r":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _header_row(table: Any, header: tuple[str, ...], align: str) -> None:
    """The first row: bold, shaded, repeated on every page the table runs over."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    row = table.rows[0]
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(repeat)
    for cell, text, side in zip(row.cells, header, align, strict=True):
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.keep_with_next = True
        paragraph.add_run(inert(text)).bold = True
        if side == "r":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        shade(cell, HEADER_FILL)


def _whole(row: Any) -> None:
    """A row that is never split over two pages."""
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def shade(cell: Any, fill: str) -> None:
    """Fill a table cell with a colour (hex RGB)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _gantt(out: Any, gantt: Gantt, lang: str) -> None:
    """One row per item, one column per quarter; the quarters it runs are shaded by status and
    hold its effort per quarter. A row per theme heads its items."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

    quarters = gantt.quarters
    header = (tr("report.item", lang), tr("meeting.status", lang), *map(quarter, quarters))
    table = out.add_table(rows=1, cols=len(header), style="Table Grid")
    _header_row(table, header, "ll" + "r" * len(quarters))
    section = None
    for item in gantt.rows:
        if item.section != section:
            section = item.section
            cells = table.add_row().cells
            merged = cells[0].merge(cells[-1])
            merged.paragraphs[0].add_run(inert(section)).bold = True
            merged.paragraphs[0].paragraph_format.keep_with_next = True
            shade(merged, SECTION_FILL)
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(inert(f"{item.ident} {item.label}"))
        cells[1].paragraphs[0].add_run(tr(f"roadmap.{item.status.value}", lang))
        fill, ink = SHADES.get(item.status, SHADES[RoadmapStatus.DRAFT])
        for cell, when in zip(cells[2:], quarters, strict=True):
            if item.start <= when <= item.end:
                shade(cell, fill)
                paragraph = cell.paragraphs[0]
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                run = paragraph.add_run(grouped(item.effort, lang))
                run.font.color.rgb = RGBColor.from_string(ink)
    widths = [Cm(8), Cm(2.2)] + [Cm(15.5 / max(len(quarters), 1))] * len(quarters)
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid LibreOffice lays out by
    for row in table.rows:
        _whole(row)
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = width  # the cell widths Word lays out by
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(8)
    if gantt.legend:
        out.add_paragraph(inert(gantt.legend)).paragraph_format.space_before = Pt(6)


# --- page header and footer ----------------------------------------------------------------------


def _header_footer(section: Any, doc: Document) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    header = section.header.paragraphs[0]
    header.text = inert(doc.header)
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(tr("meeting.page", doc.lang))
    _field(footer, "PAGE")
    footer.add_run(tr("meeting.page_of", doc.lang))
    _field(footer, "NUMPAGES")


def _field(paragraph: Any, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in when they lay out."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str) -> Any:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = f" {code} "
    for part in (char("begin"), instruction, char("separate")):
        paragraph.add_run()._r.append(part)
    paragraph.add_run("1")
    paragraph.add_run()._r.append(char("end"))


def _language(out: Any, tag: str) -> None:
    """The document's language (spelling, hyphenation) on the default run properties."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    defaults = out.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), tag)
