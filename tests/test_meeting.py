"""The agenda-ready meeting report (`report --meeting`, `--format docx`): the decision points
and their proposals, costs and bodies; the Markdown and the Word renderings of one document."""

from __future__ import annotations

import io
import re
import shutil
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from test_language import DUTCH_ONLY, ENGLISH_ONLY, foreign
from test_report import mermaid_blocks

from regietui import agenda, costs, document, meeting, report, word
from regietui.figures import money
from regietui.lookup import InputError
from regietui.model import Allocation, Basis, Body, Funding, Payers, Quarter, RoadmapStatus
from regietui.store import BoardStore

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "boards" / "demo.json"
TODAY = date(2027, 1, 10)
AB = agenda.Meeting(Body.AB, date(2027, 1, 15))


@pytest.fixture(scope="module")
def demo():
    return BoardStore(DEMO).load()


@pytest.fixture(scope="module")
def points(demo):
    return {p.ident: p for p in agenda.decision_points(demo, TODAY)}


def open_docx(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


@pytest.fixture(scope="module")
def dutch(demo):
    return open_docx(word.to_docx(meeting.document(demo, TODAY, "nl", AB)))


def cell_fill(cell) -> str | None:
    shading = cell._tc.find(f"{qn('w:tcPr')}/{qn('w:shd')}")
    return None if shading is None else shading.get(qn("w:fill"))


def table_with(doc, first: str):
    return [t for t in doc.tables if t.rows[0].cells[0].text == first]


# --- the meeting and the previous one ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("AB 2027-01-15", Body.AB),
        ("2027-01-15 stuurgroep", Body.STEERING),
        ("  Algemeen  Bestuur 2027-01-15", Body.AB),
        ("db 2027-01-15", Body.DB),
    ],
)
def test_a_meeting_is_a_body_and_a_day(text: str, body: Body) -> None:
    assert agenda.parse_meeting(text) == agenda.Meeting(body, date(2027, 1, 15))


@pytest.mark.parametrize("text", ["XY 2027-01-15", "AB", "AB 2027-02-30", "2027-01-15"])
def test_a_meeting_without_a_known_body_or_a_real_day_is_refused(text: str) -> None:
    with pytest.raises(InputError, match='like "AB 2027-01-15"'):
        agenda.parse_meeting(text)


def test_the_previous_meeting_is_the_bodys_last_decision_before_the_day(demo) -> None:
    assert agenda.previous_meeting(demo, AB) == date(2026, 10, 7)
    # strictly before: on the day of that meeting, the one before it
    assert agenda.previous_meeting(demo, agenda.Meeting(Body.AB, date(2026, 10, 7))) == date(
        2026, 7, 1
    )
    assert agenda.previous_meeting(demo, agenda.Meeting(Body.DB, date(2026, 1, 1))) is None


# --- decision points -----------------------------------------------------------------------------


def test_decision_points_are_the_cards_for_decision_then_the_draft_items(demo, points) -> None:
    deciding = {f"A-{k}" for k, a in demo.ambitions.items() if a.status.value == "deciding"}
    drafts = [f"R-{k}" for k, it in demo.roadmap.items() if it.status.value == "draft"]
    idents = list(points)
    assert set(idents[: len(deciding)]) == deciding
    assert sorted(idents[len(deciding) :]) == sorted(drafts)


def test_each_point_costs_what_its_card_or_item_costs_split_over_who_pays(demo, points) -> None:
    for point in points.values():
        record = (demo.ambitions if point.table == "ambitions" else demo.roadmap)[point.key]
        assert point.cost_once == (record.cost_once or 0)
        assert point.cost_yearly == (record.cost_yearly or 0)
        # whole euros that add up to the cost exactly
        assert sum(i.once for i in point.impact) == point.cost_once
        assert sum(i.yearly for i in point.impact) == point.cost_yearly
        if point.table == "ambitions" and record.funding is Funding.OWN:
            assert [i.municipality for i in point.impact] == [record.municipality]
        elif point.table == "roadmap":  # as the item's own key or the board's divides it
            split = costs.allocate(demo, point.key)
            assert {i.municipality: (i.once, i.yearly) for i in point.impact} == {
                c: (split.once.get(c, 0), split.yearly.get(c, 0))
                for c in split.once.keys() | split.yearly.keys()
                if split.once.get(c) or split.yearly.get(c)
            }


def test_under_a_plus_package_key_only_who_would_be_served_pays(demo) -> None:
    served = Allocation(weights={Basis.INHABITANTS: 1}, payers=Payers.SERVED)
    board = demo.with_record("meta", "board", demo.meta.model_copy(update={"cost_key": served}))
    points = {p.ident: p for p in agenda.decision_points(board, TODAY)}
    # a new item for Vlietwijk's shared wish: Vlietwijk alone would be served
    assert [(i.municipality, i.once) for i in points["A-dmg9e"].impact] == [("GM1992", 15_000)]
    # planned on R-2azqh, Ammersloot joins those that item serves
    gis = {i.municipality for i in points["A-m5kym"].impact}
    assert "GM1993" in gis and gis == set(costs.served(board)["2azqh"]) | {"GM1993"}
    # a draft item: the ambitions it serves
    erp = points["R-qmzv8"].impact
    assert {i.municipality for i in erp} == {"GM1992", "GM1996"}
    assert sum(i.once for i in erp) == 240_000


def test_a_draft_items_effort_is_its_effort_per_quarter_times_its_quarters(points) -> None:
    erp = points["R-qmzv8"]
    assert erp.effort == 300 * 4  # 2027-Q3 to 2028-Q2


def test_the_scenario_that_moves_a_draft_item_is_an_alternative(points) -> None:
    erp = points["R-qmzv8"]
    [alternative] = [a for a in erp.alternatives if a.key == "agenda.alt_scenario"]
    values = dict(alternative.values)
    assert values["name"] == "ERP een kwartaal later"
    assert values["start"] == Quarter(2027, 4)
    assert (values["plan"], values["scenario"]) == (1, 0)  # Q3 2027 no longer over capacity
    assert "Q4 2027" in alternative.text("nl")


def test_a_card_is_proposed_for_the_item_its_similar_cards_are_planned_on(points) -> None:
    gis = points["A-m5kym"]
    assert gis.proposal.key == "agenda.propose_link"
    assert "R-2azqh" in gis.proposal.text("en")
    texts = [c.text("en") for c in gis.context]
    assert any("ends in Q2 2028, after the wanted-by quarter Q3 2027" in t for t in texts)
    # the AB's decision of 7 October 2026 bears on it
    assert any("A-yf4zj" in t and "7 October 2026" in t for t in texts)


def test_the_deciding_body_follows_what_the_decision_does(demo, points) -> None:
    assert points["A-peemm"].body is Body.DB  # own funding: within the budget
    assert points["A-dmg9e"].body is Body.AB  # shared costs: the budget grows
    assert points["R-qmzv8"].body is Body.AB
    standard = next(iter(demo.standards))
    amb = demo.ambitions["peemm"].model_copy(update={"conflicts": (standard,)})
    board = demo.with_record("ambitions", "peemm", amb)
    body, why = agenda.deciding_body(board, "ambitions", "peemm")
    assert body is Body.STEERING
    assert why.text("nl") == "het is een uitzondering op een standaard van de samenwerking"


# --- the Word file -------------------------------------------------------------------------------


def test_headings_use_word_heading_styles_as_agenda_items(dutch, points) -> None:
    headings = [(p.style.name, p.text) for p in dutch.paragraphs if p.style.name != "Normal"]
    assert ("Title", "Regierapportage AB 15 januari 2027") in headings
    level1 = [text for style, text in headings if style == "Heading 1"]
    assert level1 == ["Samenvatting", "Ter besluitvorming", "Ter informatie", "Bijlagen"]
    level2 = [text for style, text in headings if style == "Heading 2"]
    agenda_items = [t for t in level2 if t.startswith("Besluitpunt ")]
    assert agenda_items[0] == "Besluitpunt 1: A-peemm Pinautomaat en kassa aan de balie"
    assert len(agenda_items) == len(points) == 10
    assert "Bijlage A: de roadmap per kwartaal" in level2


def test_the_summary_gives_the_key_figures(dutch, demo) -> None:
    texts = [p.text for p in dutch.paragraphs]
    start = texts.index("Samenvatting")
    summary = texts[start : texts.index("Ter besluitvorming")]
    assert any("vergadering van het AB op 15 januari 2027" in t for t in summary)
    assert "10 besluitpunten, waarvan 7 voor het AB." in summary
    assert "Samen kosten de besluitpunten € 372.000 eenmalig en € 267.000 per jaar." in summary
    changes = report.changes_since(demo, "2026-10-07", None)
    decided = sum(1 for _, ev in changes if ev.action == "decide")
    assert decided and len(changes) > decided
    line = f"Sinds 7 oktober 2026: {len(changes)} wijzigingen, {decided} besluiten vastgelegd."
    assert line in summary


def test_each_decision_point_has_a_proposal_and_its_cost_per_municipality(dutch, points) -> None:
    proposals = [p for p in dutch.paragraphs if p.text.startswith("Voorstel: ")]
    assert len(proposals) == len(points)
    assert proposals[0].runs[0].bold and proposals[0].runs[0].text == "Voorstel: "
    impacts = table_with(dutch, "Gemeente")[: len(points)]
    assert [t.rows[0].cells[1].text for t in impacts] == ["Eenmalig"] * len(points)
    totals = [[c.text for c in t.rows[-1].cells] for t in impacts]
    assert totals[0] == ["Totaal", "€ 12.000", "€ 2.400"]  # A-peemm, all on Lekstede
    assert [c.text for c in impacts[0].rows[1].cells] == ["Lekstede", "€ 12.000", "€ 2.400"]
    assert totals[-1] == ["Totaal", "€ 240.000", "€ 90.000"]  # R-qmzv8
    decided_by = [p.text for p in dutch.paragraphs if p.text.startswith("Besluit door: ")]
    assert decided_by[0] == "Besluit door: DB (het past binnen de begroting)."


def test_the_annex_has_the_costs_per_municipality_and_budget_year(dutch, demo) -> None:
    [budget] = [t for t in dutch.tables if t.rows[0].cells[2].text == "2027"]
    header = [c.text for c in budget.rows[0].cells]
    assert header == ["Gemeente", "Status", "2027", "2028", "2029", "2030"]
    rows = [[c.text for c in r.cells] for r in budget.rows[1:]]
    plan = costs.budget(demo, 2027)
    lekstede = rows.index(next(r for r in rows if r[0] == "Lekstede"))
    for kind, cells in zip(costs.KINDS, rows[lekstede : lekstede + 2], strict=True):
        assert cells[1] == {"adopted": "vastgesteld", "proposed": "voorgesteld"}[kind]
        expected = [money(plan.total(y, kind, ["GM1991"]).total, "nl") for y in plan.years]
        assert cells[2:] == expected
    assert re.fullmatch(r"€ \d{3}\.\d{3}", rows[lekstede][2])  # Dutch thousands
    total = rows[-2]
    assert total[:2] == ["Totaal", "vastgesteld"]
    assert budget.rows[-2].cells[0].paragraphs[0].runs[0].bold
    [asks] = [t for t in dutch.tables if t.rows[0].cells[1].text == "Aandeel in de vraag"]
    flagged = [r.cells[0].text for r in asks.rows[1:] if r.cells[3].text == "⚠"]
    limit = demo.meta.thresholds.asks_pays_limit
    expected = [demo.municipalities[r.code].name for r in costs.asks_pays(demo) if r.flagged(limit)]
    assert flagged == sorted(expected) == ["Zuiderlek"]  # asks 9 % but pays 6 %


def test_the_gantt_is_a_table_of_quarters_with_shaded_cells(dutch) -> None:
    [gantt] = table_with(dutch, "Roadmapitem")
    header = [c.text for c in gantt.rows[0].cells]
    assert header[:3] == ["Roadmapitem", "Status", "Q3 2026"] and header[-1] == "Q2 2028"
    rows = {r.cells[0].text.split()[0]: r for r in gantt.rows[1:]}
    erp = rows["R-qmzv8"]
    assert erp.cells[1].text == "concept"
    quarters = header[2:]
    runs = {q: (erp.cells[2 + i].text, cell_fill(erp.cells[2 + i])) for i, q in enumerate(quarters)}
    for q in ("Q3 2027", "Q4 2027", "Q1 2028", "Q2 2028"):
        assert runs[q] == ("300", word.SHADES[RoadmapStatus.DRAFT][0])
    for q in ("Q3 2026", "Q4 2026", "Q1 2027", "Q2 2027"):
        assert runs[q] == ("", None)
    delivered = rows["R-gvw3f"]
    assert cell_fill(delivered.cells[2]) == "A9D08E" and delivered.cells[2].text == "140"
    theme = next(r for r in gantt.rows if r.cells[0].text == "Basisregistraties & data")
    assert {c.text for c in theme.cells} == {"Basisregistraties & data"}  # one merged cell
    assert cell_fill(theme.cells[0]) == word.SECTION_FILL


def test_the_page_header_names_the_board_and_the_meeting_and_the_footer_counts_pages(
    dutch,
) -> None:
    section = dutch.sections[0]
    assert section.header.paragraphs[0].text == "ICT Samenwerking Lekstroom · AB 15 januari 2027"
    footer = section.footer.paragraphs[0]._p.xml
    assert re.search(r"<w:instrText[^>]*> PAGE </w:instrText>", footer)
    assert re.search(r"<w:instrText[^>]*> NUMPAGES </w:instrText>", footer)
    assert section.footer.paragraphs[0].text.startswith("Pagina ")
    # the annexes are on landscape pages with the same header
    last = dutch.sections[-1]
    assert last.page_width > last.page_height
    assert last.header.is_linked_to_previous


def test_the_english_report_is_english_throughout(demo) -> None:
    doc = open_docx(word.to_docx(meeting.document(demo, TODAY, "en", AB)))
    level1 = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert level1 == ["Summary", "For decision", "For information", "Annexes"]
    texts = [p.text for p in doc.paragraphs]
    assert (
        "Proposal: Add a roadmap item “Pinautomaat en kassa aan de balie”, from Q2 2027." in texts
    )
    impacts = table_with(doc, "Municipality")
    assert [c.text for c in impacts[0].rows[-1].cells] == ["Total", "€ 12,000", "€ 2,400"]
    assert doc.sections[0].header.paragraphs[0].text.endswith("AB 15 January 2027")


# --- Markdown: the same content -----------------------------------------------------------------


def test_markdown_and_word_carry_the_same_headings(demo) -> None:
    doc = meeting.document(demo, TODAY, "nl", AB)
    text = document.markdown(doc)
    md_headings = re.findall(r"^#{2,3} (.+)$", text, flags=re.MULTILINE)
    word_doc = open_docx(word.to_docx(doc))
    word_headings = [p.text for p in word_doc.paragraphs if p.style.name.startswith("Heading")]
    assert md_headings == word_headings
    assert len(mermaid_blocks(text)) == 1  # forges draw the gantt


@pytest.mark.parametrize(("lang", "other"), [("nl", ENGLISH_ONLY), ("en", DUTCH_ONLY)])
def test_the_meeting_report_speaks_one_language(demo, lang: str, other) -> None:
    text = document.markdown(meeting.document(demo, TODAY, lang, AB))
    assert foreign(text, other, demo) == []


def test_board_text_is_literal_in_both_renderings(demo) -> None:
    amb = demo.ambitions["peemm"].model_copy(update={"title": "**Kassa** | <w:t> & `x`"})
    board = demo.with_record("ambitions", "peemm", amb)
    doc = meeting.document(board, TODAY, "nl", AB)
    text = document.markdown(doc)
    assert r"A-peemm \*\*Kassa\*\* \| \<w:t\> & \`x\`" in text
    word_doc = open_docx(word.to_docx(doc))
    assert "Besluitpunt 1: A-peemm **Kassa** | <w:t> & `x`" in [p.text for p in word_doc.paragraphs]


# --- the command line ----------------------------------------------------------------------------


def test_report_format_docx_writes_a_word_file(run, tmp_path: Path) -> None:
    board = tmp_path / "demo.json"
    shutil.copy(DEMO, board)
    target = tmp_path / "rapport.docx"
    result = run("report", "-b", board, "--meeting", "AB 2027-01-15", "--format", "docx",
                 "--today", "2027-01-10", "-o", target)  # fmt: skip
    assert result.code == 0, result.err
    doc = docx.Document(str(target))
    assert doc.paragraphs[0].text == "Regierapportage AB 15 januari 2027"  # Dutch by default
    # without a meeting: the same report for no particular body
    result = run("report", "-b", board, "--format", "docx", "-o", target, "--lang", "en")
    assert result.code == 0, result.err
    doc = docx.Document(str(target))
    assert doc.paragraphs[0].text == "Steering committee report: ICT Samenwerking Lekstroom"
    assert "Give --since to list the progress since the last meeting." in [
        p.text for p in doc.paragraphs
    ]


def test_report_meeting_in_markdown_and_the_mistakes(run, tmp_path: Path) -> None:
    board = tmp_path / "demo.json"
    shutil.copy(DEMO, board)
    result = run("report", "-b", board, "--meeting", "AB 2027-01-15", "--today", "2027-01-10")
    assert result.code == 0, result.err
    assert result.out.startswith("# Regierapportage AB 15 januari 2027\n")
    assert "### Besluitpunt 1: A-peemm Pinautomaat en kassa aan de balie" in result.out
    assert "**Voorstel:** Een roadmapitem" in result.out
    result = run("report", "-b", board, "--format", "docx")
    assert result.code == 2 and "give -o FILE" in result.err
    result = run("report", "-b", board, "--meeting", "XY 2027-01-15")
    assert result.code == 1 and 'like "AB 2027-01-15"' in result.err
    result = run("report", "-b", board, "--meeting", "AB 2027-01-15", "--format", "csv")
    assert result.code == 1 and "md or docx" in result.err


def test_only_the_word_renderer_imports_python_docx() -> None:
    from test_layering import PACKAGE, _imports

    users = sorted(p.stem for p in PACKAGE.rglob("*.py") if "docx" in _imports(p))
    assert users == ["word"]
    tree = (PACKAGE / "word.py").read_text(encoding="utf-8")
    assert "\nimport docx" not in tree and "\nfrom docx" not in tree  # not at module level


def test_each_point_names_the_key_that_splits_its_cost(dutch, demo, points) -> None:
    texts = [p.text for p in dutch.paragraphs]
    assert "Lekstede betaalt het zelf (eigen financiering)." in texts  # A-peemm, own funding
    pilot = points["R-qcft3"]
    assert pilot.package == "plus" and pilot.cost_key == demo.roadmap["qcft3"].allocation
    key = costs.allocation_text(pilot.cost_key, "nl")
    assert f"Verdeelsleutel: {key} (pluspakket)." in texts
    assert {i.municipality for i in pilot.impact} == set(costs.payers(demo, "qcft3"))
